"""System checks that make a wrong deployment visible in `manage.py check`."""

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
