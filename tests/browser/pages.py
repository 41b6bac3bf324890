"""Every public page type the browser suite checks. Add an entry here to cover a new page.

Each entry: (name, url_builder(site) -> path or None to skip, optional prepare(page) that puts
the page in the state to check, e.g. a form submitted empty). Builders use reverse() so a page
whose app is not installed yet is skipped rather than failing. Name pages that hold a public
form "..._form..." so test_forms.py checks their labels, and a form submitted with errors
"..._errors" so it checks the error summary too.
"""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse


def _url(name, *args):
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def _search_url(**params):
    from urllib.parse import urlencode

    base = _url("search:results")
    return f"{base}?{urlencode(params)}" if base else None


def _submit_empty_form(page):
    form = page.locator("main form").first
    form.locator("[type=submit]").first.click()
    page.wait_for_load_state()


def _submit_error_report(page):
    """Fill in the 找错 form as a person would (the question answered, after a pause)."""
    from web.antispam import QUESTIONS

    question = page.locator("#answer_question").inner_text()
    answer = next(sorted(answers)[0] for text, answers in QUESTIONS if text in question)
    page.locator("main input[name=kind]").first.check()
    page.fill("main textarea[name=description]", "第二段的日期写错了，应为三月五日。")
    page.fill("main input[name=answer]", answer)
    page.wait_for_timeout(3100)  # the signed token refuses forms sent within 3 seconds
    page.locator("main form [type=submit]").click()
    page.wait_for_load_state()


PAGES = [
    ("county_home", lambda s: _url("disclosure:county_home"), None),
    ("township_home", lambda s: _url("disclosure:township_home", s["township"].slug), None),
    ("township_home_empty", lambda s: _url("disclosure:township_home",
                                           s["empty_township"].slug), None),
    ("category_list", lambda s: _url("disclosure:category_detail", s["township"].slug,
                                     s["category"].pk), None),
    ("item_detail", lambda s: _url("disclosure:item_detail", s["township"].slug, s["item"].pk),
     None),
    ("guide", lambda s: _url("disclosure:guide", s["township"].slug), None),
    ("system", lambda s: _url("disclosure:system", s["township"].slug), None),
    ("not_found", lambda s: "/xxgk/no-such-township/", None),
    ("accessibility_statement", lambda s: _url("site_pages:accessibility_statement"), None),
    ("toolbar_help", lambda s: _url("site_pages:toolbar_help"), None),
    # Pages added by other branches: covered automatically once their URL names exist.
    ("apply_form", lambda s: _url("applications:apply", s["township"].slug), None),
    ("apply_form_errors", lambda s: _url("applications:apply", s["township"].slug),
     _submit_empty_form),
    ("report_list", lambda s: _url("reports:report_list", s["township"].slug), None),
    ("search_results_form", lambda s: _search_url(q="人居环境"), None),
    ("search_results_township_form", lambda s: _search_url(q="财政", township=s["township"].slug),
     None),
    ("search_no_results_form", lambda s: _search_url(q="没有这样的词语"), None),
    ("report_detail", lambda s: _url("reports:report_detail", s["township"].slug,
                                     s["report"].year), None),
    ("latest_list", lambda s: _url("disclosure:latest"), None),
    ("site_map", lambda s: _url("disclosure:site_map"), None),
    ("channel_entry", lambda s: _url("disclosure:channel_entry", "nianbao"), None),
    ("api_docs", lambda s: _url("opendata:docs"), None),
    ("error_report_form", lambda s: _feedback(s), None),
    ("error_report_form_errors", lambda s: _feedback(s), _submit_empty_form),
    ("error_report_sent", lambda s: _feedback(s), _submit_error_report),
    ("error_lookup_form", lambda s: _url("feedback:answer_lookup"), None),
    ("error_lookup_form_errors", lambda s: _url("feedback:answer_lookup"), _submit_empty_form),
]


def _feedback(site):
    """The 找错 form as opened from the item page's footer link."""
    url = _url("feedback:report")
    item = site["item"]
    return url and f"{url}?page={item.get_absolute_url()}&title={item.title}"

PAGE_IDS = [name for name, _b, _p in PAGES]
