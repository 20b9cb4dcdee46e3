// Buttons that end, suspend or cancel something carry the consequence in data-confirm (translated); ask before
// the form is sent. Without script the button acts on one click, as before.
(function () {
  document.addEventListener("submit", function (event) {
    var button = event.submitter;
    var message = (button && button.getAttribute("data-confirm")) || event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) event.preventDefault();
  }, true);
})();
