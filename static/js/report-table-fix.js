// Annual report tables on a phone: the row headers of a table that scrolls sideways stay
// on the left while the numbers move (position: sticky, reports.css). Each header's offset
// is where it starts in the table, so Table 3's three header levels stay side by side.
// Without this script, and in 关怀版, the tables simply scroll inside their region.
const PHONE = window.matchMedia("(max-width: 40rem)");

function fix(table) {
  const region = table.parentElement;
  const all = [...table.querySelectorAll("tbody th")];
  if (!all.some((cell) => /^row/.test(cell.scope))) return; // Table 4: numbers only
  const corner = table.querySelector("thead tr:first-child th:first-child");
  const cells = corner ? [corner, ...all] : all;
  for (const cell of cells) {
    cell.classList.remove("is-fixed", "is-fixed-edge");
    cell.style.left = "";
  }
  // 关怀版 keeps nothing fixed or sticky on the page (docs A11Y.md §8, check 23).
  if (document.documentElement.classList.contains("mode-care")) return;
  if (!PHONE.matches || region.scrollWidth <= region.clientWidth + 1) return;
  // Measure every header first, then write: one layout, not one per cell.
  const spots = cells.map((cell) => [cell, cell.offsetLeft, cell.offsetLeft + cell.offsetWidth]);
  // The row headers' right edge; a header reaching past it (a heading over the whole row,
  // Table 2's 第二十条第（一）项) scrolls with the numbers.
  const edge = Math.max(...spots.filter(([cell]) => /^row/.test(cell.scope))
    .map(([, , right]) => right));
  if (edge > region.clientWidth * 0.65) return; // headers wider than the screen: plain scroll
  for (const [cell, left, right] of spots) {
    if (right > edge) continue;
    cell.style.left = `${left}px`;
    cell.classList.add("is-fixed");
    if (right === edge) cell.classList.add("is-fixed-edge");
  }
}

function fixAll() {
  document.querySelectorAll("table.report-table").forEach(fix);
}

fixAll();
PHONE.addEventListener("change", fixAll);
window.addEventListener("resize", fixAll);
