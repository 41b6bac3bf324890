// Counts one visit of this page: a same-origin POST to the beacon URL rendered by the server.
// Pages stay cacheable; without JavaScript the <noscript> image does the same with GET.
const beacon = document.getElementById("visit-beacon");
if (beacon && beacon.dataset.hitUrl) {
  const url = beacon.dataset.hitUrl;
  if (!(navigator.sendBeacon && navigator.sendBeacon(url))) {
    fetch(url, { method: "POST", credentials: "same-origin", keepalive: true }).catch(() => {});
  }
}
