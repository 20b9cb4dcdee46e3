// Under each box with a limit (data-max-chars, disputes.kit.web.LongTextField): how many characters are typed
// against the limit, as the user types; red past it. Nothing is cut: the server refuses text over the limit
// with a message and gives it back as typed.
(function () {
  function attach(box) {
    var max = parseInt(box.getAttribute("data-max-chars"), 10);
    var out = document.createElement("p");
    out.className = "help counter";
    out.id = box.id + "_counter";
    out.setAttribute("aria-live", "polite");
    box.insertAdjacentElement("afterend", out);
    var described = (box.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    var help = document.getElementById(box.id + "_help");
    if (help) described.push(help.id);
    described.push(out.id);
    box.setAttribute("aria-describedby", described.join(" "));
    function update() {
      // Characters as the server counts them (code points), not UTF-16 units.
      var n = Array.from(box.value).length;
      out.textContent = box.getAttribute("data-counter").replace("{n}", n);
      out.classList.toggle("over", n > max);
    }
    box.addEventListener("input", update);
    update();
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea[data-max-chars]").forEach(attach);
  });
})();
