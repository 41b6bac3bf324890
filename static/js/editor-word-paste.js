// Pasting from Word or WPS into the rich-text editor (django-prose-editor, Tiptap).
// The clipboard's HTML goes to the server, which cleans it exactly as it cleans an imported
// document (disclosure/wordhtml.py): real lists, tables with a header row and merged cells,
// no Word styles, fonts, empty paragraphs or typed indents. The clean HTML is inserted.
// Other pastes (plain text, web pages) are left to the editor; the server cleans every
// body again on save. Loaded by the editor as the "WordPaste" extension (config/settings.py).
import { Extension, Plugin } from "django-prose-editor/editor";

const OFFICE = /urn:schemas-microsoft-com:office|class="?Mso|mso-[a-z-]+:|<meta[^>]+(Microsoft Word|WPS|Kingsoft)/i;

function csrfToken() {
  const input = document.querySelector("input[name=csrfmiddlewaretoken]");
  return input ? input.value : "";
}

function escapeText(text) {
  const div = document.createElement("div");
  div.textContent = text;
  return div.innerHTML;
}

function plainParagraphs(text) {
  return text.split(/\r?\n/).filter((line) => line.trim())
    .map((line) => `<p>${escapeText(line.trim())}</p>`).join("");
}

function showNotes(editorElement, notes) {
  const holder = editorElement.closest(".prose-editor") || editorElement;
  let box = holder.parentElement.querySelector(".word-paste-notes");
  if (!box) {
    box = document.createElement("ul");
    box.className = "messagelist word-paste-notes";
    box.setAttribute("role", "status");
    holder.after(box);
  }
  box.replaceChildren(...notes.map((note) => {
    const li = document.createElement("li");
    li.className = "warning";
    li.textContent = note;
    return li;
  }));
}

export const WordPaste = Extension.create({
  name: "wordPaste",

  addOptions() {
    return { url: "" };
  },

  addProseMirrorPlugins() {
    const editor = this.editor;
    const url = this.options.url;
    let pasted = null; // the clipboard HTML as it came, before the editor's own parse
    return [new Plugin({
      props: {
        // The editor parses the clipboard before any paste handler runs. Style attributes
        // and <style> blocks would be refused by the page's CSP during that parse (and
        // would be dropped anyway): the editor gets them stripped, the server the original.
        transformPastedHTML(html) {
          pasted = html;
          return html.replace(/<style[\s\S]*?<\/style>/gi, "")
            .replace(/\sstyle\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, "");
        },
        handlePaste(view, event) {
          const data = event.clipboardData;
          const html = pasted !== null ? pasted : (data ? data.getData("text/html") : "");
          pasted = null;
          if (!url || !html || !OFFICE.test(html)) return false;
          const text = data.getData("text/plain");
          event.preventDefault();
          const body = new FormData();
          body.append("html", html);
          body.append("page", window.location.pathname);
          const township = document.querySelector("[name=township]");
          if (township && township.value) body.append("township", township.value);
          view.dom.setAttribute("aria-busy", "true");
          fetch(url, {
            method: "POST", body, credentials: "same-origin",
            headers: { "X-CSRFToken": csrfToken() },
          })
            .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
            .then((result) => {
              editor.chain().focus().insertContent(result.html).run();
              showNotes(view.dom, result.notes || []);
            })
            .catch(() => {
              editor.chain().focus().insertContent(plainParagraphs(text)).run();
              showNotes(view.dom, ["粘贴的格式未能在服务器上整理，已按纯文本粘贴。"]);
            })
            .finally(() => view.dom.removeAttribute("aria-busy"));
          return true;
        },
      },
    })];
  },
});
