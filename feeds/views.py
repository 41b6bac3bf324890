from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET


@require_GET
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("feeds:sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /search/", "Disallow: /visits/",
             f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
