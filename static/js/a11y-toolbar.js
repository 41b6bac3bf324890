// 无障碍工具条: a vanilla ES module using only CSS and the browser's speechSynthesis.
// No third-party code, no network, no inline script. Settings persist in localStorage.
// The page is fully accessible without it; this is an aid, not the compliance strategy.

const STORE_KEY = "a11y-toolbar";
const ZOOMS = [100, 125, 150, 175, 200];
const PALETTES = [
  ["", "默认"], ["palette-by", "黑底黄字"], ["palette-bw", "黑底白字"],
  ["palette-wb", "白底黑字"], ["palette-bluew", "蓝底白字"],
];
const RATES = [[1.0, "正常"], [1.3, "快速"], [0.8, "慢速"]];
const DEFAULTS = {
  open: false, zoom: 0, palette: 0, cursor: false, guides: false, caption: false,
  speech: false, point: false, rate: 0, shortcuts: true,
};
const SHORTCUTS = {
  KeyA: "toggle", Equal: "zoom-in", Minus: "zoom-out", KeyC: "palette", KeyM: "cursor",
  KeyX: "guides", KeyD: "caption", KeyS: "speech", KeyR: "read", KeyP: "point", Digit0: "reset",
};
const CHUNK_MAX = 120;
const BLOCKS = "h1,h2,h3,h4,h5,h6,p,li,dt,dd,caption,th,td,blockquote,pre,figcaption";

const root = document.documentElement;
const bar = document.getElementById("a11y-toolbar");
const opener = document.getElementById("a11y-open");
const caption = document.getElementById("a11y-caption");
const guideX = document.getElementById("a11y-guide-x");
const guideY = document.getElementById("a11y-guide-y");
let state = load();
let voice = null;
let reading = false;

function load() {
  try {
    return { ...DEFAULTS, ...JSON.parse(localStorage.getItem(STORE_KEY) || "{}") };
  } catch {
    return { ...DEFAULTS };
  }
}

function save() {
  try {
    localStorage.setItem(STORE_KEY, JSON.stringify(state));
  } catch {
    /* private mode: settings last for this page only */
  }
}

function btn(name) {
  return bar.querySelector(`[data-a11y="${name}"]`);
}

function announce(text) {
  const status = bar.querySelector("[data-a11y-status]");
  if (status) status.textContent = text;
}

function setPressed(name, on) {
  const b = btn(name);
  if (b) b.setAttribute("aria-pressed", on ? "true" : "false");
}

// ---- speech --------------------------------------------------------------------------------

const synth = "speechSynthesis" in window ? window.speechSynthesis : null;

function pickVoice() {
  if (!synth) return null;
  const zh = synth.getVoices().filter(
    (v) => v.lang && v.lang.replace("_", "-").toLowerCase().startsWith("zh") && v.localService,
  );
  return zh.find((v) => /zh-cn|zh-hans/i.test(v.lang.replace("_", "-"))) || zh[0] || null;
}

function updateVoice() {
  voice = pickVoice();
  const group = bar.querySelector("[data-a11y-speech]");
  const note = bar.querySelector("[data-a11y-no-voice]");
  group.hidden = !voice;
  note.hidden = Boolean(voice);
  if (!voice && (state.speech || state.point)) {
    state.speech = false;
    state.point = false;
    applyAll();
  }
}

function speak(text, { queue = false } = {}) {
  if (!synth || !voice || !state.speech || !text) return;
  if (!queue) synth.cancel();
  const u = new SpeechSynthesisUtterance(text);
  u.voice = voice;
  u.lang = voice.lang.replace("_", "-");
  u.rate = RATES[state.rate][0];
  synth.speak(u);
  return u;
}

export function chunkText(text) {
  const chunks = [];
  const sentences = text.match(/[^。！？；]+[。！？；]?/g) || [];
  for (const sentence of sentences) {
    for (let i = 0; i < sentence.length; i += CHUNK_MAX) {
      const part = sentence.slice(i, i + CHUNK_MAX);
      if (part.trim()) chunks.push(part);
    }
  }
  return chunks;
}

function mainBlocks() {
  const main = document.querySelector("main");
  if (!main) return [];
  return [...main.querySelectorAll(BLOCKS)].filter(
    (el) => !el.querySelector(BLOCKS) && el.textContent.trim() && el.getClientRects().length,
  );
}

function stopReading() {
  reading = false;
  setPressed("read", false);
  document.querySelectorAll(".a11y-reading").forEach((el) => el.classList.remove("a11y-reading"));
  if (synth) synth.cancel();
}

function readMain() {
  if (reading) {
    stopReading();
    return;
  }
  if (!state.speech) {
    state.speech = true;
    applyAll();
  }
  synth.cancel();
  reading = true;
  setPressed("read", true);
  for (const block of mainBlocks()) {
    const text = block.textContent.replace(/\s+/g, " ").trim();
    for (const chunk of chunkText(text)) {
      const u = speak(chunk, { queue: true });
      if (!u) continue;
      u.onstart = () => {
        document.querySelectorAll(".a11y-reading").forEach((el) => el.classList.remove("a11y-reading"));
        block.classList.add("a11y-reading");
      };
    }
  }
}

function accessibleText(el) {
  if (!el || el === document.body) return "";
  const target = el.closest("a,button,img,[aria-label],h1,h2,h3,h4,h5,h6,p,li,td,th,dt,dd,caption,label") || el;
  const label = target.getAttribute("aria-label");
  if (label) return label;
  if (target.tagName === "IMG") return target.getAttribute("alt") || "";
  const img = target.querySelector && target.querySelector("img[alt]");
  const text = target.textContent.replace(/\s+/g, " ").trim();
  return text || (img ? img.getAttribute("alt") : "");
}

let pointTimer = 0;
function onPoint(event) {
  if (!(state.point || state.caption)) return;
  if (bar.contains(event.target) && event.type === "pointerover") return;
  clearTimeout(pointTimer);
  pointTimer = setTimeout(() => {
    const text = accessibleText(event.target);
    if (state.caption && caption) caption.textContent = text;
    if (state.point && !reading) speak(text);
  }, event.type === "focusin" ? 0 : 250);
}

// ---- display -------------------------------------------------------------------------------

function onMove(event) {
  guideX.style.setProperty("top", `${event.clientY}px`);
  guideY.style.setProperty("left", `${event.clientX}px`);
}

// Sticky on wide screens so the aids stay at hand, but never when the bar would take more
// than a quarter of the window (small screens, large zoom): then it scrolls away with the page.
function measureBar() {
  bar.classList.remove("is-static");
  let sticky = !bar.hidden && getComputedStyle(bar).position === "sticky";
  if (sticky && bar.offsetHeight > window.innerHeight / 4) {
    bar.classList.add("is-static");
    sticky = false;
  }
  root.style.setProperty("--toolbar-h", sticky ? `${bar.offsetHeight}px` : "0px");
}

function applyAll() {
  bar.hidden = !state.open;
  opener.setAttribute("aria-expanded", state.open ? "true" : "false");
  root.style.setProperty("--zoom", `${ZOOMS[state.zoom]}%`);
  if (state.zoom === 0) root.style.removeProperty("--zoom");
  for (const [cls] of PALETTES) if (cls) root.classList.toggle(cls, cls === PALETTES[state.palette][0]);
  bar.querySelector('[data-a11y-state="palette"]').textContent = PALETTES[state.palette][1];
  bar.querySelector('[data-a11y-state="rate"]').textContent = RATES[state.rate][1];
  root.classList.toggle("a11y-big-cursor", state.cursor);
  guideX.hidden = !state.guides;
  guideY.hidden = !state.guides;
  caption.hidden = !state.caption;
  root.classList.toggle("a11y-caption-on", state.caption);
  if (!state.caption) caption.textContent = "";
  for (const name of ["cursor", "guides", "caption", "speech", "point", "shortcuts"]) {
    setPressed(name, state[name]);
  }
  if (!state.speech && reading) stopReading();
  if (!state.speech && synth) synth.cancel();
  measureBar();
  save();
}

const ACTIONS = {
  toggle() {
    state.open = !state.open;
    applyAll();
    if (state.open) bar.querySelector("button").focus();
    else opener.focus();
  },
  "zoom-in"() {
    state.zoom = Math.min(state.zoom + 1, ZOOMS.length - 1);
    announce(`文字大小 ${ZOOMS[state.zoom]}%`);
  },
  "zoom-out"() {
    state.zoom = Math.max(state.zoom - 1, 0);
    announce(`文字大小 ${ZOOMS[state.zoom]}%`);
  },
  palette() {
    state.palette = (state.palette + 1) % PALETTES.length;
    announce(`配色：${PALETTES[state.palette][1]}`);
  },
  cursor() { state.cursor = !state.cursor; },
  guides() { state.guides = !state.guides; },
  caption() { state.caption = !state.caption; },
  speech() {
    if (!voice) return;
    state.speech = !state.speech;
    if (!state.speech) {
      state.point = false;
      stopReading();
    }
  },
  point() {
    if (!voice) return;
    state.point = !state.point;
    if (state.point) state.speech = true;
  },
  read() { if (voice) readMain(); },
  rate() {
    state.rate = (state.rate + 1) % RATES.length;
    announce(`语速：${RATES[state.rate][1]}`);
  },
  shortcuts() { state.shortcuts = !state.shortcuts; },
  reset() {
    stopReading();
    state = { ...DEFAULTS, open: state.open };
    try { localStorage.removeItem(STORE_KEY); } catch { /* ignore */ }
    announce("已恢复默认设置");
  },
  exit() {
    stopReading();
    state = { ...DEFAULTS };
    try { localStorage.removeItem(STORE_KEY); } catch { /* ignore */ }
    applyAll();
    opener.focus();
  },
};

function run(name) {
  const action = ACTIONS[name];
  if (!action) return;
  action();
  if (name !== "toggle" && name !== "exit") applyAll();
}

function onKey(event) {
  if (event.key === "Escape" && reading) {
    stopReading();
    return;
  }
  if (!state.shortcuts || !event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey) return;
  const name = SHORTCUTS[event.code];
  if (!name) return;
  if (name !== "toggle" && !state.open) return;
  event.preventDefault();
  run(name);
}

function init() {
  if (!bar || !opener) return;
  opener.hidden = false;
  opener.addEventListener("click", () => run("toggle"));
  bar.addEventListener("click", (event) => {
    const b = event.target.closest("button[data-a11y]");
    if (b) run(b.dataset.a11y);
  });
  document.addEventListener("keydown", onKey);
  document.addEventListener("pointermove", onMove, { passive: true });
  document.addEventListener("pointerover", onPoint);
  document.addEventListener("focusin", onPoint);
  if ("ResizeObserver" in window) new ResizeObserver(measureBar).observe(bar);
  window.addEventListener("resize", measureBar, { passive: true });
  updateVoice();
  if (synth) synth.addEventListener("voiceschanged", updateVoice);
  applyAll();
}

init();
