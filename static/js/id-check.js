// A hint under a box where a worker's resident ID number is typed (data-id-check; the attributes come from
// intake.child_labour.typing_hints): the check digit is wrong (GB 11643), the date of birth inside does not
// exist, or the worker is under the minimum working age today (the statutory parameter and the day are the
// page's, as the server has them). Only a hint: nothing is blocked, the server checks again and decides.
// data-id-check="lines": a list of workers, one per line, the ID number in the second cell.
(function () {
  var WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  var CHECK = "10X98765432";

  function exists(y, m, d) {
    var t = new Date(Date.UTC(y, m - 1, d));
    return y >= 1900 && t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
  }

  function before(a, b) {  // day a is earlier than day b
    return a.y !== b.y ? a.y < b.y : a.m !== b.m ? a.m < b.m : a.d < b.d;
  }

  // Full years (周岁) as core.validators.full_years counts them: a year is complete the day AFTER the
  // birthday; born on 29 February, the birthday of a common year is 1 March.
  function fullYears(birth, on) {
    var m = birth.m, d = birth.d;
    if (m === 2 && d === 29 && !exists(on.y, 2, 29)) { m = 3; d = 1; }
    var years = on.y - birth.y;
    if (!before({y: on.y, m: m, d: d}, on)) years -= 1;
    return Math.max(years, 0);
  }

  function problems(value, box) {
    var v = value.trim().toUpperCase();
    if (!/^\d{17}[\dX]$/.test(v)) return [];  // still being typed; the server names a wrong format
    var found = [];
    var sum = 0;
    for (var i = 0; i < 17; i++) sum += parseInt(v.charAt(i), 10) * WEIGHTS[i];
    if (CHECK.charAt(sum % 11) !== v.charAt(17)) found.push(box.getAttribute("data-msg-check"));
    var birth = {y: parseInt(v.slice(6, 10), 10), m: parseInt(v.slice(10, 12), 10), d: parseInt(v.slice(12, 14), 10)};
    var parts = (box.getAttribute("data-today") || "").split("-");
    var today = {y: parseInt(parts[0], 10), m: parseInt(parts[1], 10), d: parseInt(parts[2], 10)};
    if (!exists(birth.y, birth.m, birth.d) || before(today, birth)) {
      found.push(box.getAttribute("data-msg-birth"));
      return found;
    }
    var minimum = parseInt(box.getAttribute("data-min-age"), 10);
    var age = fullYears(birth, today);
    if (!isNaN(minimum) && age < minimum) found.push(box.getAttribute("data-msg-child").replace("{age}", age));
    return found;
  }

  function hints(box) {
    if (box.getAttribute("data-id-check") !== "lines") return problems(box.value, box);
    var found = [];
    box.value.split(/\r?\n/).forEach(function (line, i) {
      var cells = line.split(/[,，\t]/);
      if (cells.length < 2) return;
      problems(cells[1], box).forEach(function (message) {
        found.push(box.getAttribute("data-msg-line").replace("{n}", i + 1).replace("{message}", message));
      });
    });
    return found;
  }

  function attach(box) {
    var out = document.createElement("div");
    out.className = "id-hint";
    out.id = box.id + "_id_hint";
    out.setAttribute("role", "status");
    box.insertAdjacentElement("afterend", out);
    var described = (box.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    described.push(out.id);
    box.setAttribute("aria-describedby", described.join(" "));
    function update() {
      out.textContent = "";
      hints(box).forEach(function (message) {
        var p = document.createElement("p");
        p.textContent = message;
        out.appendChild(p);
      });
    }
    box.addEventListener("input", update);
    update();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-id-check]").forEach(attach);
  });
})();
