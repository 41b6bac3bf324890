"""无障碍 toolbar behaviour (A11Y.md §8 checks 25-27) with a stubbed speechSynthesis."""

import json

import pytest

pytestmark = pytest.mark.browser

SPEECH_STUB = """(() => {
  const voices = %s;
  window.__spoken = []; window.__cancels = 0;
  class Utterance { constructor(text) { this.text = text; this.lang = ''; this.rate = 1; } }
  window.SpeechSynthesisUtterance = Utterance;
  const synth = {
    getVoices: () => voices, speak(u) { window.__spoken.push({text: u.text, lang: u.lang,
      rate: u.rate}); },
    cancel() { window.__cancels++; }, pause() {}, resume() {},
    addEventListener() {}, removeEventListener() {}, speaking: false, pending: false,
  };
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
  window.open = () => { window.__opened = true; return null; };
})();"""
ZH_VOICE = [{"name": "Ting-Ting", "lang": "zh-CN", "localService": True, "default": True}]
CLOUD_ONLY = [{"name": "Google 普通话", "lang": "zh-CN", "localService": False},
              {"name": "English", "lang": "en-US", "localService": True}]


def open_toolbar(new_page, site, *, voices=ZH_VOICE, path=None, viewport="desktop"):
    page = new_page(init_script=SPEECH_STUB % json.dumps(voices), viewport=viewport)
    page.goto(site["base"] + (path or site["item"].get_absolute_url()))
    page.click("#a11y-open")
    return page


def main_p_size(page):
    return page.evaluate("parseFloat(getComputedStyle(document.querySelector('main p')).fontSize)")


def computed(page):
    return page.evaluate("""() => { const p = document.querySelector('main p');
      const s = getComputedStyle(p), b = getComputedStyle(document.body);
      return [s.fontSize, s.color, b.backgroundColor,
        getComputedStyle(document.documentElement).cursor,
              document.documentElement.className]; }""")


def test_toolbar_controls_are_buttons_with_chinese_text_and_pressed_state(new_page, site):
    page = open_toolbar(new_page, site)
    controls = page.evaluate("""() => [...document.querySelectorAll('#a11y-toolbar button')]
      .map(b => [b.textContent.trim(), b.getAttribute('aria-pressed')])""")
    assert len(controls) >= 12
    assert all(text and any("\u4e00" <= ch <= "\u9fff" for ch in text) for text, _p in controls)
    toggles = {text: pressed for text, pressed in controls if pressed is not None}
    assert {"大鼠标", "十字线", "显示屏", "声音", "指读"} <= {t.rstrip(" ✓") for t in toggles}
    assert page.get_attribute("#a11y-open", "aria-expanded") == "true"


def test_zoom_steps_to_two_hundred_percent_without_horizontal_scroll(new_page, site):
    page = open_toolbar(new_page, site)
    base = main_p_size(page)
    page.focus("[data-a11y=zoom-in]")
    for _ in range(6):
        page.keyboard.press("Enter")
    assert main_p_size(page) == pytest.approx(base * 2, rel=0.01)
    overflow = page.evaluate(
        "document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth")
    assert overflow <= 0
    clipped = page.evaluate("""() => [...document.querySelectorAll('body *')].filter(el => {
      const s = getComputedStyle(el); return s.overflow === 'hidden'
        && el.scrollHeight > el.clientHeight + 1
        && el.getClientRects().length; }).length""")
    assert clipped == 0
    page.keyboard.press("Tab")  # 缩小 follows 放大
    page.keyboard.press("Space")
    assert main_p_size(page) == pytest.approx(base * 1.75, rel=0.01)


def test_settings_survive_reload_and_reset_restores_defaults(new_page, site):
    page = open_toolbar(new_page, site)
    default = computed(page)
    page.click("[data-a11y=zoom-in]")
    page.click("[data-a11y=palette]")
    page.click("[data-a11y=cursor]")
    changed = computed(page)
    assert changed[0] != default[0]
    assert changed[1] != default[1]
    assert "cursor-large" in page.evaluate("getComputedStyle(document.body).cursor")
    page.reload()
    assert computed(page) == changed
    page.click("[data-a11y=reset]")
    assert computed(page) == default
    page.click("[data-a11y=cursor]")
    page.click("[data-a11y=exit]")
    assert computed(page) == default
    assert page.is_hidden("#a11y-toolbar")
    page.reload()
    assert page.is_hidden("#a11y-toolbar")


def test_large_cursor_image_is_between_48_and_128_pixels(new_page, site):
    page = open_toolbar(new_page, site)
    page.click("[data-a11y=cursor]")
    cursor = page.evaluate("getComputedStyle(document.querySelector('main p')).cursor")
    url = cursor.split('url("', 1)[1].split('"', 1)[0]
    svg = page.evaluate("u => fetch(u).then(r => r.text())", url)
    assert 'width="48"' in svg
    assert 'height="48"' in svg


def test_guides_follow_the_pointer(new_page, site):
    page = open_toolbar(new_page, site)
    page.click("[data-a11y=guides]")
    page.mouse.move(400, 500)
    box_x = page.locator("#a11y-guide-x").bounding_box()
    box_y = page.locator("#a11y-guide-y").bounding_box()
    assert abs(box_x["y"] - 500) <= 2
    assert abs(box_y["x"] - 400) <= 2


def test_caption_bar_shows_hovered_text_at_least_48px(new_page, site):
    page = open_toolbar(new_page, site)
    page.click("[data-a11y=caption]")
    page.hover("main h1")
    page.wait_for_function(  # a function, not a string to eval: the CSP forbids eval
        "() => document.getElementById('a11y-caption').textContent.length > 0")
    assert page.text_content("#a11y-caption") == page.text_content("main h1").strip()
    size = page.evaluate(
        "parseFloat(getComputedStyle(document.getElementById('a11y-caption')).fontSize)")
    assert size >= 48


def test_shortcuts_work_with_modifiers_and_can_be_switched_off(new_page, site):
    page = open_toolbar(new_page, site)
    base = main_p_size(page)
    page.keyboard.press("Alt+Shift+Equal")
    assert main_p_size(page) > base
    page.keyboard.press("Alt+Shift+Digit0")
    assert main_p_size(page) == base
    page.click("[data-a11y=shortcuts]")
    page.keyboard.press("Alt+Shift+Equal")
    assert main_p_size(page) == base


def test_continuous_reading_queues_main_text_in_chinese_chunks(new_page, site):
    page = open_toolbar(new_page, site)
    page.click("[data-a11y=read]")
    spoken = page.evaluate("window.__spoken")
    assert spoken
    assert all(u["lang"].startswith("zh") for u in spoken)
    assert all(len(u["text"]) <= 120 for u in spoken)
    joined = "".join(u["text"] for u in spoken).replace(" ", "")
    main_text = page.evaluate("""() => [...document.querySelectorAll('main *')]
      .filter(el => el.matches('h1,h2,h3,h4,h5,h6,p,li,dt,dd,caption,th,td')
                    && !el.querySelector('h1,h2,h3,h4,h5,h6,p,li,dt,dd,caption,th,td')
                    && el.getClientRects().length)
      .map(el => el.textContent.replace(/\\s+/g, ' ').trim()).join('')""").replace(" ", "")
    assert joined == main_text
    blocks = page.evaluate("""() => [...document.querySelector('main').querySelectorAll(
      'p, li, td, th, h1, h2, h3, caption, dd, dt')]
      .map(el => el.textContent.replace(/\\s+/g, ' ').trim())""")
    for u in spoken:  # a chunk ends at 。！？；, at the end of its block, or at the 120 limit
        text = u["text"]
        assert (text[-1] in "。！？；" or len(text) == 120
                or any(b.endswith(text) for b in blocks)), text
    for outside in ("跳到主要内容", "主办单位", "放大"):
        assert outside not in joined


def test_rate_changes_utterance_rate_and_turning_sound_off_cancels(new_page, site):
    page = open_toolbar(new_page, site)
    page.click("[data-a11y=rate]")
    page.click("[data-a11y=read]")
    rates = {u["rate"] for u in page.evaluate("window.__spoken")}
    assert rates == {1.3}
    cancels = page.evaluate("window.__cancels")
    page.click("[data-a11y=speech]")
    assert page.get_attribute("[data-a11y=speech]", "aria-pressed") == "false"
    assert page.evaluate("window.__cancels") > cancels


def test_point_reading_speaks_alt_text_of_focused_image_link(new_page, site):
    page = open_toolbar(new_page, site)
    page.evaluate("""() => { const a = document.createElement('a'); a.href = '#x'; a.id = 'imglink';
      const img = document.createElement('img'); img.alt = '青石镇政务服务中心外景';
      img.width = 40; img.height = 40; a.append(img);
        document.querySelector('main').append(a); }""")
    page.click("[data-a11y=point]")
    page.focus("#imglink")
    page.wait_for_function("() => window.__spoken.length > 0")
    assert page.evaluate("window.__spoken.at(-1).text") == "青石镇政务服务中心外景"


def test_speech_buttons_hidden_with_explanation_when_no_local_chinese_voice(new_page, site):
    page = open_toolbar(new_page, site, voices=CLOUD_ONLY)
    assert page.is_hidden("[data-a11y=read]")
    assert page.is_hidden("[data-a11y=speech]")
    assert "没有本地中文语音" in page.text_content("[data-a11y-no-voice]")
    assert page.is_visible("[data-a11y-no-voice]")


def test_every_toolbar_button_makes_only_same_origin_requests(new_page, site):
    page = open_toolbar(new_page, site)
    for button in page.locator("#a11y-toolbar button:visible").all():
        if button.get_attribute("data-a11y") != "exit":
            button.click()
    page.mouse.move(300, 300)
    page.wait_for_timeout(300)
    assert page.foreign_requests == []
    assert not page.evaluate("window.__opened || false")


def test_toolbar_on_small_screen_does_not_stick_over_content(new_page, site):
    page = open_toolbar(new_page, site, viewport="mobile")
    position = page.evaluate(
        "getComputedStyle(document.getElementById('a11y-toolbar')).position")
    assert position == "static"


@pytest.mark.parametrize("mode", ["standard", "care"])
def test_sticky_toolbar_never_takes_more_than_a_quarter_of_the_window(new_page, site, mode):
    page = new_page(mode=mode)
    page.goto(site["base"] + site["item"].get_absolute_url())
    page.click("#a11y-open")
    for _ in range(5):
        facts = page.evaluate("""() => { const bar = document.getElementById('a11y-toolbar');
          return [getComputedStyle(bar).position, bar.offsetHeight, innerHeight]; }""")
        assert facts[0] == "static" or facts[1] <= facts[2] / 4, facts
        page.click("[data-a11y=zoom-in]")
