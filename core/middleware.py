"""Chinese unless the user chose otherwise.

Django's LocaleMiddleware follows the browser's Accept-Language, so a civil servant whose browser was set
up in English would get an English UI. Here the choice is the user's alone: the language cookie set by the
language switcher (django.views.i18n.set_language), else LANGUAGE_CODE (zh-hans). An API client has no
language switcher: under /api/ its Accept-Language chooses (after the cookie), so every message of an answer,
the API's own and DRF's, is in the one language the client asked for.
"""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


class ChosenLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        api = request.path_info.startswith("/api/")
        if chosen in self.supported:
            language = chosen
        elif api:
            language = translation.get_language_from_request(request)
        else:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie", "Accept-Language") if api else ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response
