// Move focus to the error summary of a form that came back with errors (A11Y.md §17).
const summary = document.getElementById("error-summary");
if (summary) {
  summary.focus();
}
