// Counts one visit of this page: a same-origin POST to the beacon URL rendered by the server.
// The answer carries the page's current counts, written into the page, so a page served from
// the page cache shows them up to date. Without JavaScript the <noscript> image counts (GET).
const beacon = document.getElementById("visit-beacon");
if (beacon && beacon.dataset.hitUrl) {
  fetch(beacon.dataset.hitUrl, { method: "POST", credentials: "same-origin", keepalive: true })
    .then((response) => (response.ok ? response.json() : {}))
    .then((counts) => {
      for (const [key, count] of Object.entries(counts)) {
        document.querySelectorAll(`[data-visit-key="${CSS.escape(key)}"] .visit-number`)
          .forEach((node) => { node.textContent = Number(count).toLocaleString("en-US"); });
      }
    })
    .catch(() => {});
}
