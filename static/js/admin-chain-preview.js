// Item form: under 重要程度, show the sign-off chain the chosen importance will take.
// Without JavaScript every chain stays listed; with it, only the chosen one.
(function () {
  "use strict";
  function update(select, preview) {
    preview.querySelectorAll("[data-importance]").forEach(function (li) {
      li.hidden = li.getAttribute("data-importance") !== select.value;
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var select = document.getElementById("id_importance");
    var preview = document.querySelector("[data-chain-preview]");
    if (!select || !preview) return;
    preview.setAttribute("aria-live", "polite");
    select.addEventListener("change", function () { update(select, preview); });
    update(select, preview);
  });
})();
