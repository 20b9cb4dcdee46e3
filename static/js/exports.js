// The statistics page: follow each export being prepared in the background until its file is ready.
(function () {
  "use strict";
  function follow(item) {
    var state = item.getAttribute("data-state");
    if (state === "done" || state === "failed") return;
    fetch(item.getAttribute("data-status-url"), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data) return;
        item.setAttribute("data-state", data.state);
        item.querySelector("progress").value = data.progress;
        item.querySelector(".export-state").textContent = data.state_label;
        if (data.download) item.querySelector(".export-download").hidden = false;
        if (data.state !== "done" && data.state !== "failed") setTimeout(function () { follow(item); }, 1500);
      })
      .catch(function () { setTimeout(function () { follow(item); }, 5000); });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("#exports li[data-status-url]").forEach(follow);
  });
})();
