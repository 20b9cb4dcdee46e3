"""System checks that make a wrong deployment visible in `manage.py check`."""

from django.conf import settings
from django.core.checks import Warning, register

from .pdf import find_cjk_font


@register()
def cjk_font_check(app_configs, **kwargs):
    if find_cjk_font() is None:
        return [
            Warning(
                "No embeddable CJK TrueType font found; official PDFs fall back to STSong-Light, which is NOT "
                "embedded and depends on the reader's fonts.",
                hint="Install fonts-wqy-zenhei (Debian) or set PDF_CJK_FONT_PATHS.",
                id="onewindow.W001",
            )
        ]
    return []


@register(deploy=True)
def shared_cache_check(app_configs, **kwargs):
    backend = settings.CACHES["default"]["BACKEND"]
    if backend.endswith(("LocMemCache", "FileBasedCache", "DummyCache")):
        return [
            Warning(
                "The cache is local to each process: with more than one web process the status page's and the "
                "API's limits are counted per process, and reference data edited in one is never seen by the others.",
                hint="Set REDIS_URL (docs/deployment.md, \"Several nodes\").",
                id="onewindow.W002",
            )
        ]
    return []
