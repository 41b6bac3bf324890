// Portal page behaviour, as progressive enhancement: every feature here also works, or is
// simply absent, without JavaScript. No inline script, no third-party code.
//   - the main navigation collapses behind the 菜单 button on narrow screens, and the header
//     search field behind the 搜索 button (kept open on the results page, which it holds);
//   - the 信息公开目录 panel starts closed on narrow screens (content comes first);
//   - 字号【大 中 小】 switches the article's type size without jumping (CSS :target is the
//     no-JS fallback), 【打印】 prints, 【关闭】 closes a window opened by a link;
//   - [data-tabs]: sections with a heading become WAI-ARIA tabs (arrow keys, Home, End);
//     without JavaScript every section shows under its own heading;
//   - wide tables: the phone hint shows only while the table really scrolls.

const NARROW = window.matchMedia("(max-width: 47.99rem)");

function setupMenu() {
  const button = document.getElementById("menu-toggle");
  const list = document.getElementById("main-nav-list");
  if (!button || !list) return;
  const apply = () => {
    if (NARROW.matches) {
      button.hidden = false;
      if (!button.dataset.touched) button.setAttribute("aria-expanded", "false");
    } else {
      button.hidden = true;
      button.setAttribute("aria-expanded", "true");
    }
    list.classList.toggle("is-collapsed", button.getAttribute("aria-expanded") === "false");
  };
  button.addEventListener("click", () => {
    const open = button.getAttribute("aria-expanded") !== "true";
    button.dataset.touched = "1";
    button.setAttribute("aria-expanded", open ? "true" : "false");
    list.classList.toggle("is-collapsed", !open);
  });
  list.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && NARROW.matches) {
      button.setAttribute("aria-expanded", "false");
      list.classList.add("is-collapsed");
      button.focus();
    }
  });
  NARROW.addEventListener("change", () => {
    delete button.dataset.touched;
    apply();
  });
  apply();
}

function setupSearch() {
  const button = document.getElementById("search-toggle");
  const form = document.getElementById("site-search");
  if (!button || !form) return;
  const input = form.querySelector("input[name=q]");
  const show = (open) => {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    form.classList.toggle("is-collapsed", !open);
  };
  const apply = () => {
    button.hidden = !NARROW.matches;
    show(!NARROW.matches || form.hasAttribute("data-open-narrow"));
  };
  button.addEventListener("click", () => {
    const open = button.getAttribute("aria-expanded") !== "true";
    show(open);
    if (open && input) input.focus();
  });
  form.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && NARROW.matches && !form.hasAttribute("data-open-narrow")) {
      show(false);
      button.focus();
    }
  });
  NARROW.addEventListener("change", apply);
  apply();
}

function setupPanels() {
  const panels = document.querySelectorAll("details[data-collapse-narrow]");
  const apply = () => panels.forEach((panel) => { panel.open = !NARROW.matches; });
  NARROW.addEventListener("change", apply);
  apply();
}

const SIZES = ["da", "zhong", "xiao"];

function setupArticleTools() {
  const body = document.getElementById("article-body");
  const links = document.querySelectorAll("[data-font-size]");
  if (body && links.length) {
    const choose = (size) => {
      SIZES.forEach((s) => body.classList.toggle(`fs-${s}`, s === size));
      links.forEach((link) => {
        if (link.dataset.fontSize === size) link.setAttribute("aria-current", "true");
        else link.removeAttribute("aria-current");
      });
    };
    links.forEach((link) => link.addEventListener("click", (event) => {
      event.preventDefault();
      choose(link.dataset.fontSize);
    }));
    const fromHash = window.location.hash.replace("#zihao-", "");
    if (SIZES.includes(fromHash)) choose(fromHash);
  }
  document.querySelectorAll("[data-print]").forEach((button) => {
    button.addEventListener("click", () => window.print());
    const tool = button.closest("[data-print-tool]");
    if (tool) tool.hidden = false;
  });
  document.querySelectorAll("[data-close]").forEach((link) => {
    link.addEventListener("click", (event) => {
      if (window.opener) {  // opened by another page: close, as portals do
        event.preventDefault();
        window.close();
      }
    });
  });
}

function setupTabs() {
  document.querySelectorAll("[data-tabs]").forEach((box) => {
    const panels = [...box.querySelectorAll(":scope > .tab-panel")];
    if (panels.length < 2) return;
    const list = document.createElement("div");
    list.className = "tab-list";
    list.setAttribute("role", "tablist");
    list.setAttribute("aria-label", box.dataset.tabsLabel || "");
    const tabs = panels.map((panel) => {
      const heading = panel.querySelector(".tab-heading");
      const tab = document.createElement("button");
      tab.type = "button";
      tab.className = "tab";
      tab.id = `${panel.id}-tab`;
      tab.setAttribute("role", "tab");
      tab.setAttribute("aria-controls", panel.id);
      tab.textContent = heading.textContent;
      heading.hidden = true;
      panel.setAttribute("role", "tabpanel");
      panel.setAttribute("aria-labelledby", tab.id);
      panel.tabIndex = 0;
      list.append(tab);
      return tab;
    });
    const select = (index, focus) => {
      tabs.forEach((tab, i) => {
        const on = i === index;
        tab.setAttribute("aria-selected", on ? "true" : "false");
        tab.tabIndex = on ? 0 : -1;
        panels[i].hidden = !on;
      });
      if (focus) {
        tabs[index].focus();
        // On a phone the row scrolls sideways (关怀版); focus alone leaves a half-shown tab.
        tabs[index].scrollIntoView({ block: "nearest", inline: "nearest" });
      }
    };
    tabs.forEach((tab, i) => {
      tab.addEventListener("click", () => select(i, false));
      tab.addEventListener("keydown", (event) => {
        const moves = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 };
        if (!(event.key in moves)) return;
        event.preventDefault();
        select((moves[event.key] + tabs.length) % tabs.length, true);
      });
    });
    box.prepend(list);
    box.classList.add("is-tabbed");
    select(0, false);
  });
}

function setupTables() {
  const regions = [...document.querySelectorAll(".table-scroll")];
  if (!regions.length) return;
  const update = () => regions.forEach((region) => {
    const scrolls = region.scrollWidth > region.clientWidth + 1;
    region.classList.toggle("is-scrolling", scrolls);
    const hint = region.previousElementSibling;
    if (hint && hint.classList.contains("table-hint")) hint.hidden = !scrolls;
  });
  window.addEventListener("resize", update);
  update();
}

setupMenu();
setupSearch();
setupPanels();
setupArticleTools();
setupTabs();
setupTables();
