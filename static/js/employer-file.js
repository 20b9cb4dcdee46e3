// The registration form: once a full credit code is entered, show the employer's compliance file summary
// (compliance.views.employer_summary) under the employer's fields. Without script the form works the same.
(function () {
  var slot = document.getElementById("employer-file-slot");
  var input = document.getElementById("id_employer_credit_code");
  if (!slot || !input) return;
  var shown = "";
  function look() {
    var code = input.value.trim().toUpperCase();
    if (code.length !== 18 || code === shown) return;
    shown = code;
    fetch(slot.dataset.url + "?credit_code=" + encodeURIComponent(code), {credentials: "same-origin"})
      .then(function (r) { return r.ok ? r.text() : ""; })
      .then(function (html) { if (shown === code) slot.innerHTML = html; });
  }
  input.addEventListener("change", look);
  input.addEventListener("input", look);
  look();
})();
