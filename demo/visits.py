"""Demo 访问量: plausible, stable counts so the demo pages do not all show 0. Idempotent."""

import hashlib

from django.apps import apps

from visits.models import VisitCounter


def _stable(key: str, low: int, high: int) -> int:
    digest = int(hashlib.sha256(key.encode()).hexdigest()[:8], 16)
    return low + digest % (high - low)


def seed(ctx):
    counts = {}
    for township in ctx.townships:
        counts[f"township:{township.slug}"] = _stable(township.slug, 800, 5000)
    if apps.is_installed("disclosure"):  # looked up by name: visits imports no other app
        item_model = apps.get_model("disclosure", "DisclosureItem")
        for pk in item_model.objects.values_list("pk", flat=True):
            counts[f"item:{pk}"] = _stable(f"item:{pk}", 20, 900)
    counts["site"] = sum(counts.values()) + 12000
    for key, count in counts.items():
        VisitCounter.objects.update_or_create(key=key, defaults={"count": count})
    ctx.notes.append("访问量：演示计数已写入；无障碍声明 /wuzhangai/shengming/ ，"
                     "工具条帮助 /wuzhangai/bangzhu/ ，关怀版 /guanhuai/")
