// Table editor: live 总计 cells and the 勾稽关系 line while typing.
// The server computes the same sums when the form is saved; without this script the
// totals are simply refreshed after saving.
const form = document.querySelector("form[data-report-tables]");

function valueOf(element) {
  if (!element) return 0;
  const text = (element.tagName === "OUTPUT" ? element.value : element.value || "")
    .trim().replace(/[,，\s]/g, "");
  if (text === "") return 0;
  return /^-?\d+$/.test(text) ? Number(text) : NaN;
}

function sumOf(ids) {
  return ids.split(" ").reduce((total, id) => total + valueOf(document.getElementById(id)), 0);
}

function recompute() {
  for (const output of form.querySelectorAll("output[data-sum]")) {
    const total = sumOf(output.dataset.sum);
    output.value = Number.isNaN(total) ? "？" : String(total);
  }
  const line = document.getElementById("t3-balance");
  if (!line || !line.dataset.balance) return;
  const bad = [];
  for (const [label, left, right] of JSON.parse(line.dataset.balance)) {
    const a = sumOf(left.join(" "));
    const b = sumOf(right.join(" "));
    if (Number.isNaN(a) || Number.isNaN(b) || a !== b) bad.push(`${label}列 ${a} ≠ ${b}`);
  }
  const text = bad.length
    ? `勾稽关系不符（第一项加第二项之和应等于第三项加第四项之和）：${bad.join("；")}`
    : "勾稽关系：各列第一项加第二项之和等于第三项加第四项之和。";
  if (line.textContent !== text) line.textContent = text;
  line.classList.toggle("balance-bad", bad.length > 0);
}

if (form) {
  form.addEventListener("input", (event) => {
    if (event.target.matches(".cell-input")) recompute();
  });
  const summary = document.querySelector(".error-summary");
  if (summary) summary.focus();
}
