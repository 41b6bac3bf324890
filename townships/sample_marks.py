"""The demo's sample portal images: a 党政机关网站标识 sample and a neutral emblem placeholder.

Both are plain pictures that say 样例 (townships/samples/*.png): the site never draws a
look-alike of the 编办's red mark nor of the national emblem. The demo configures them so the
header and footer can be seen; the county desk and `check --deploy` (ops.W006) say when the
portal still carries a sample instead of the image the issuing body provided. A sample is
recognised by its content (SHA-256), whatever name it was stored under.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

SAMPLES_DIR = Path(__file__).resolve().parent / "samples"
#: image field of the county -> the sample file the demo puts there.
SAMPLE_FILES = {
    "gov_mark_image": SAMPLES_DIR / "gov-mark-sample.png",
    "emblem_image": SAMPLES_DIR / "emblem-sample.png",
}
#: The certificate link the demo pairs with the sample mark (conac.cn, an id no site has).
SAMPLE_GOV_MARK_URL = "https://bszs.conac.cn/sitename?method=show&id=SAMPLE-DEMO"


@functools.cache
def sample_digest(field: str) -> str:
    return hashlib.sha256(SAMPLE_FILES[field].read_bytes()).hexdigest()


def is_sample(image, field: str) -> bool:
    """True when the stored `image` (an ImageFieldFile) is the demo's sample for `field`."""
    if not image:
        return False
    storage = image.storage
    return _stored_is_sample(storage, str(getattr(storage, "location", "")), image.name, field)


@functools.lru_cache(maxsize=64)
def _stored_is_sample(storage, location: str, name: str, field: str) -> bool:
    # Once per stored file and process, not per render: storage names are not reused (a
    # new upload gets a new name), and the footer and the desk ask on every page.
    try:
        with storage.open(name, "rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest() == sample_digest(field)
    except OSError:
        return False
