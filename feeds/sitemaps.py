"""sitemap.xml (Django's sitemaps framework): public items, annual reports and the pages of
the portal and of every active township's channel."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import NoReverseMatch, reverse

from disclosure.models import Category, DisclosureItem
from reports.models import AnnualReport
from townships.models import Township


class ItemSitemap(Sitemap):
    changefreq = "monthly"
    limit = 10000

    def items(self):
        return (DisclosureItem.objects.published().select_related("township")
                .only("pk", "updated_at", "township__slug").order_by("pk"))

    def lastmod(self, item):
        return item.updated_at


class ReportSitemap(Sitemap):
    changefreq = "yearly"

    def items(self):
        return AnnualReport.objects.published().select_related("township").order_by("pk")

    def lastmod(self, report):
        return report.updated_at


CHANNEL_PAGES = ("disclosure:township_home", "disclosure:guide", "disclosure:system",
                 "reports:report_list", "applications:apply")


class PageSitemap(Sitemap):
    """The portal home, each township's channel pages and its catalogue nodes."""

    changefreq = "weekly"

    def items(self):
        pages = [reverse("disclosure:county_home")]
        townships = list(Township.objects.active().order_by("order", "id"))
        for township in townships:
            for name in CHANNEL_PAGES:
                try:
                    pages.append(reverse(name, args=[township.slug]))
                except NoReverseMatch:
                    continue
        categories = (Category.objects.filter(township__in=townships)
                      .select_related("township").order_by("township_id", "order", "id"))
        pages.extend(c.get_absolute_url() for c in categories)
        return pages

    def location(self, path):
        return path


SITEMAPS = {"pages": PageSitemap, "items": ItemSitemap, "reports": ReportSitemap}
