"""The copies each worker keeps (generations.LocalCopies) are bounded by count and by bytes:
the two settings that bound what the page cache adds to a worker's memory (issue 28)."""

from pagecache.generations import LocalCopies


def page(size: int) -> dict:
    return {"status": 200, "headers": [], "body": b"x" * size, "copies": {}}


def test_oldest_copies_go_when_the_byte_budget_is_exceeded(settings):
    settings.PAGE_CACHE_LOCAL_ENTRIES = 100
    settings.PAGE_CACHE_LOCAL_BYTES = 1000
    copies = LocalCopies()
    for n in range(5):
        copies.keep(f"p{n}", (1,), page(300))
    assert list(copies.entries) == ["p2", "p3", "p4"]
    assert copies.bytes == 900


def test_count_limit_still_applies(settings):
    settings.PAGE_CACHE_LOCAL_ENTRIES = 2
    settings.PAGE_CACHE_LOCAL_BYTES = 10**6
    copies = LocalCopies()
    for n in range(4):
        copies.keep(f"f{n}", (1,), "<footer>…</footer>")
    assert list(copies.entries) == ["f2", "f3"]


def test_a_copy_larger_than_the_budget_is_not_kept(settings):
    settings.PAGE_CACHE_LOCAL_BYTES = 100
    copies = LocalCopies()
    copies.keep("big", (1,), page(101))
    assert copies.entries == {}
    assert copies.bytes == 0


def test_replacing_a_copy_counts_its_bytes_once(settings):
    settings.PAGE_CACHE_LOCAL_BYTES = 1000
    copies = LocalCopies()
    copies.keep("p", (1,), page(400))
    copies.keep("p", (2,), page(500))
    assert copies.bytes == 500
    copies.clear()
    assert copies.bytes == 0
