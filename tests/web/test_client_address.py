"""The client address used by rate limits and logs, with and without a trusted proxy."""

import pytest
from django.test import RequestFactory

from web.client_address import client_ip

rf = RequestFactory()


def request(remote, forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return rf.get("/", **meta)


def test_forwarded_header_is_ignored_without_a_configured_proxy(settings):
    settings.TRUSTED_PROXIES = []
    assert client_ip(request("203.0.113.9", "1.2.3.4")) == "203.0.113.9"


def test_forwarded_header_is_ignored_from_an_untrusted_peer(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_ip(request("203.0.113.9", "1.2.3.4")) == "203.0.113.9"


def test_client_is_the_rightmost_untrusted_hop_behind_the_proxy(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "127.0.0.1"]
    # The client sent a forged first hop; nginx appended the real peer address.
    assert client_ip(request("127.0.0.1", "6.6.6.6, 198.51.100.7")) == "198.51.100.7"
    assert client_ip(request("10.1.2.3", "198.51.100.7, 10.0.0.5")) == "198.51.100.7"


@pytest.mark.parametrize("forwarded", ["", "not-an-ip", "1.2.3.4, garbage"])
def test_malformed_forwarded_chain_falls_back_to_the_proxy(settings, forwarded):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    assert client_ip(request("127.0.0.1", forwarded)) == "127.0.0.1"


def test_ipv6_and_ports_are_understood(settings):
    settings.TRUSTED_PROXIES = ["::1"]
    assert client_ip(request("::1", "[2001:db8::1]:443")) == "2001:db8::1"
    assert client_ip(request("::1", "192.0.2.1:5555")) == "192.0.2.1"


@pytest.mark.parametrize(("address", "key"), [
    ("192.0.2.7", "192.0.2.7"),
    ("2001:db8:1:2::1", "2001:db8:1:2::"),
    ("2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::"),
    ("2001:db8:1:3::1", "2001:db8:1:3::"),
    ("::ffff:192.0.2.9", "192.0.2.9"),
    ("", ""),
])
def test_limits_count_an_ipv6_64_as_one_client(address, key):
    from web.client_address import client_key, group_address

    assert group_address(address) == key
    assert client_key(request(address, "")) == key


def test_a_rate_limit_is_shared_by_a_whole_ipv6_64():
    from web.rate_limits import Allowance

    allowance = Allowance("test-v6", 2)
    allowance.spend(request("2001:db8:5:6::1", ""))
    allowance.spend(request("2001:db8:5:6::abcd", ""))
    assert allowance.exhausted(request("2001:db8:5:6:1::1", ""))
    assert not allowance.exhausted(request("2001:db8:5:7::1", ""))
