"""pagecache.wsgi answers a stored page before Django handles the request: the same status,
headers and page as the middleware's hit, a fresh 访问量 token in each copy, and everything
it does not serve (a miss, a session, a form, a bad host, Redis down) left to Django."""

import io
import re

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

from pagecache import generations, wsgi
from pagecache.middleware import CLAIMED_KEY, MISSED_KEY
from pagecache.redis_cache import CacheUnavailableError
from tests.factories import make_item, make_township

pytestmark = pytest.mark.django_db
AGENT = "Mozilla/5.0 (X11; Linux x86_64) Chrome/124.0 Safari/537.36"
TOKEN = re.compile(rb"/visits/hit/[?]t=[^\"&]+")  # the beacon's and the <noscript> image's


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE = True
    settings.SECURE_HSTS_SECONDS = 3600
    caches["pages"].clear()


class Inner:
    """Django's place in the wrapper: records what reaches it."""

    def __init__(self):
        self.environs = []

    def __call__(self, environ, start_response):
        self.environs.append(environ)
        start_response("204 No Content", [])
        return [b""]


def environ_for(path: str, query: str = "", **extra) -> dict:
    """What gunicorn would pass for the request the test client makes."""
    return {"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query,
            "SCRIPT_NAME": "", "SERVER_NAME": "testserver", "SERVER_PORT": "80",
            "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1",
            "HTTP_USER_AGENT": AGENT, "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(),
            "wsgi.errors": io.StringIO(), **extra}


def call(application, environ):
    answer = {}

    def start_response(status, headers):
        answer["status"], answer["headers"] = status, headers

    body = b"".join(application(environ, start_response))
    return answer.get("status"), answer.get("headers"), body


def client_headers(response) -> list[tuple[str, str]]:
    return list(response.items())


@pytest.mark.parametrize("secure", [False, True])
def test_a_stored_page_is_answered_as_the_middleware_answers_it(client, secure):
    item = make_item(township=make_township(), published=True)
    url = item.get_absolute_url()
    scheme = {"wsgi.url_scheme": "https", "SERVER_PORT": "443"} if secure else {}
    assert client.get(url, HTTP_USER_AGENT=AGENT, secure=secure)["X-Page-Cache"] == "miss"
    by_middleware = client.get(url, HTTP_USER_AGENT=AGENT, secure=secure)
    assert by_middleware["X-Page-Cache"] == "hit"

    inner = Inner()
    status, headers, body = call(wsgi.StoredPages(inner), environ_for(url, **scheme))
    assert inner.environs == []  # Django never saw it
    assert status == "200 OK"
    assert headers == client_headers(by_middleware)
    assert ("Strict-Transport-Security" in dict(headers)) is secure
    assert dict(headers)["Content-Length"] == str(len(body))
    assert TOKEN.sub(b"", body) == TOKEN.sub(b"", by_middleware.content)
    assert TOKEN.search(body).group() != TOKEN.search(by_middleware.content).group()


def test_each_copy_gets_its_own_counting_token_that_counts(client):
    item = make_item(township=make_township(), published=True)
    url = item.get_absolute_url()
    client.get(url, HTTP_USER_AGENT=AGENT)
    application = wsgi.StoredPages(Inner())
    bodies = [call(application, environ_for(url))[2] for _ in range(3)]
    tokens = {re.search(rb'data-hit-url="([^"]+)"', b).group(1).decode() for b in bodies}
    assert len(tokens) == 3
    counts = [client.post(t.replace("&amp;", "&"), HTTP_USER_AGENT=AGENT).json()
              [f"item:{item.pk}"] for t in sorted(tokens)]
    assert sorted(counts) == [1, 2, 3]  # the first view's beacon was never sent


def test_a_query_string_the_page_does_not_read_is_the_same_stored_page(client):
    township = make_township()
    url = township.get_absolute_url()
    client.get(url, HTTP_USER_AGENT=AGENT)
    inner = Inner()
    status, headers, _body = call(wsgi.StoredPages(inner),
                                  environ_for(url, "utm_source=x&from=weixin"))
    assert status == "200 OK"
    assert dict(headers)["X-Page-Cache"] == "hit"
    assert inner.environs == []


def test_a_miss_goes_to_django_with_the_key_it_was_looked_up_under(client):
    township = make_township()
    url = township.get_absolute_url()
    inner = Inner()
    status, _headers, _body = call(wsgi.StoredPages(inner), environ_for(url))
    assert status == "204 No Content"
    [environ] = inner.environs
    key = environ[MISSED_KEY]
    assert key.startswith(f"page:{generations.build_id()}:")
    # The middleware renders and stores under that key without looking it up again.
    response = client.get(url, HTTP_USER_AGENT=AGENT, **{MISSED_KEY: key})
    assert response["X-Page-Cache"] == "miss"
    assert caches["pages"].get(key) is not None
    assert client.get(url, HTTP_USER_AGENT=AGENT)["X-Page-Cache"] == "hit"


@pytest.mark.parametrize("case", ["session", "post", "form", "admin", "bad host", "http"])
def test_what_the_cache_does_not_serve_reaches_django(client, settings, case):
    township = make_township()
    url = township.get_absolute_url()
    client.get(url, HTTP_USER_AGENT=AGENT)
    environ = environ_for(url)
    if case == "session":
        environ["HTTP_COOKIE"] = f"{settings.SESSION_COOKIE_NAME}=abc"
    elif case == "post":
        environ["REQUEST_METHOD"] = "POST"
    elif case == "form":
        environ["PATH_INFO"] = reverse("applications:apply", args=[township.slug])
    elif case == "admin":
        environ["PATH_INFO"] = "/admin/"
    elif case == "bad host":
        environ["HTTP_HOST"] = "evil.example"  # Django answers 400 (DisallowedHost)
    elif case == "http":
        settings.SECURE_SSL_REDIRECT = True  # Django redirects to https
    inner = Inner()
    assert call(wsgi.StoredPages(inner), environ)[0] == "204 No Content"
    assert len(inner.environs) == 1
    assert MISSED_KEY not in inner.environs[0]


def test_redis_down_goes_to_django(client, monkeypatch):
    township = make_township()
    url = township.get_absolute_url()
    client.get(url, HTTP_USER_AGENT=AGENT)

    def down(*_args, **_kwargs):
        raise CacheUnavailableError("down")

    monkeypatch.setattr(wsgi, "lookup_or_claim", down)
    inner = Inner()
    assert call(wsgi.StoredPages(inner), environ_for(url))[0] == "204 No Content"
    assert MISSED_KEY not in inner.environs[0]
    assert CLAIMED_KEY not in inner.environs[0]


def test_page_cache_off_goes_to_django(client, settings):
    township = make_township()
    url = township.get_absolute_url()
    client.get(url, HTTP_USER_AGENT=AGENT)
    settings.PAGE_CACHE = False
    inner = Inner()
    assert call(wsgi.StoredPages(inner), environ_for(url))[0] == "204 No Content"


def test_care_mode_is_served_its_own_copy(client):
    township = make_township()
    url = township.get_absolute_url()
    client.get(url, HTTP_USER_AGENT=AGENT)
    care = Client()
    care.cookies["care_mode"] = "1"
    care_page = care.get(url, HTTP_USER_AGENT=AGENT)
    _status, _headers, body = call(wsgi.StoredPages(Inner()),
                                   environ_for(url, HTTP_COOKIE="care_mode=1"))
    assert TOKEN.sub(b"", body) == TOKEN.sub(b"", care_page.content)


def test_a_middleware_outside_the_page_cache_it_does_not_know_is_refused(settings):
    settings.MIDDLEWARE = ["django.middleware.gzip.GZipMiddleware", *settings.MIDDLEWARE]
    with pytest.raises(RuntimeError, match="GZipMiddleware"):
        wsgi.StoredPages(Inner())


def test_the_production_entry_point_is_wrapped():
    from config.wsgi import application

    assert isinstance(application, wsgi.StoredPages)


def test_the_security_headers_follow_the_settings(settings):
    assert ("Strict-Transport-Security", "max-age=3600") in wsgi.security_headers(True)
    assert "Strict-Transport-Security" not in dict(wsgi.security_headers(False))
    settings.SECURE_HSTS_SECONDS = 0
    assert "Strict-Transport-Security" not in dict(wsgi.security_headers(True))
    assert dict(wsgi.security_headers(True))["X-Content-Type-Options"] == "nosniff"
