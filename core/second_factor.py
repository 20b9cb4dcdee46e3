"""The staff's second factor: a TOTP code (django-otp) after the password (docs/security.md).

Optional for everyone, required for the roles in OTP_REQUIRED_ROLES ("admin" also covers is_staff and
superusers). Whether a signed-in session still owes its code is decided once, at sign-in, and kept in the
session, so a page costs no extra query: "verify" (the account has a device: give its code), "enrol" (the
account must set one up first), nothing (done, or not needed). Until it is settled, every page sends the user
to the one step left, and the API answers 403.
"""

from base64 import b32encode

import segno
from django import forms
from django.conf import settings
from django.contrib.auth import user_logged_in
from django.contrib.auth.decorators import login_required
from django.dispatch import receiver
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from .api import error_body
from .forms import PlainMessages
from .models import StaffProfile

SESSION_KEY = "second_factor"
VERIFY, ENROL = "verify", "enrol"


def second_factor_required(user) -> bool:
    required = set(getattr(settings, "OTP_REQUIRED_ROLES", ()))
    if "admin" in required and (user.is_staff or user.is_superuser):
        return True
    role = StaffProfile.objects.filter(user=user).values_list("role", flat=True).first()
    return role in required


def owed_at_sign_in(user) -> str:
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return VERIFY
    return ENROL if second_factor_required(user) else ""


@receiver(user_logged_in)
def _decide_at_sign_in(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    owed = owed_at_sign_in(user)
    if owed:
        request.session[SESSION_KEY] = owed
    else:
        request.session.pop(SESSION_KEY, None)


def _settled(request, device) -> None:
    otp_login(request, device)
    request.session.pop(SESSION_KEY, None)


class SecondFactorMiddleware:
    """Nothing but the step left (and signing out) until the session has given its code."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        owed = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
        if owed and request.user.is_authenticated and not self._exempt(request.path_info):
            if request.path_info.startswith("/api/"):
                body = error_body("second_factor_required", _("Sign in with your second factor first."))
                return JsonResponse(body, status=403)
            step = "second_factor_verify" if owed == VERIFY else "second_factor_enrol"
            return redirect(f"{reverse(step)}?next={request.get_full_path()}")
        return self.get_response(request)

    @staticmethod
    def _exempt(path: str) -> bool:
        open_paths = (reverse("second_factor_verify"), reverse("second_factor_enrol"), reverse("logout"),
                      reverse("login"), "/i18n/", settings.STATIC_URL, "/healthz/", "/status/", "/favicon.ico")
        return path.startswith(open_paths)


class TokenForm(PlainMessages):
    token = forms.CharField(label=gettext_lazy("Six-digit code"), max_length=8, widget=forms.TextInput(
        attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}))


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    ok = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure())
    return target if ok else reverse(settings.LOGIN_REDIRECT_URL)


@never_cache
@login_required
def verify(request):
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"].strip()
        for device in TOTPDevice.objects.filter(user=request.user, confirmed=True):
            if device.verify_token(token):  # throttled by django-otp: each failure doubles the wait
                _settled(request, device)
                return redirect(_next(request))
        form.add_error("token", _("Wrong or expired code. Wait for the next code in your app and try again."))
    return render(request, "registration/second_factor_verify.html", {"form": form, "next": _next(request)})


@never_cache
@login_required
def enrol(request):
    """Set up the authenticator app: scan the QR code (drawn here, served inline) and confirm one code."""
    if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        # One device per account; a lost phone is reset by an administrator (django-otp's admin).
        if request.session.get(SESSION_KEY) == VERIFY:
            return redirect(f"{reverse('second_factor_verify')}?next={_next(request)}")
        return render(request, "registration/second_factor_enrol.html", {"enrolled": True})
    device, _created = TOTPDevice.objects.get_or_create(user=request.user, confirmed=False, defaults={"name": "app"})
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"].strip()):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            _settled(request, device)
            return redirect(_next(request))
        form.add_error("token", _("Wrong or expired code. Wait for the next code in your app and try again."))
    qr = segno.make(device.config_url, error="m").svg_inline(scale=5, omitsize=False)
    secret = b32encode(device.bin_key).decode()  # for typing in by hand when the camera cannot scan
    return render(request, "registration/second_factor_enrol.html",
                  {"form": form, "qr": qr, "secret": secret, "next": _next(request), "enrolled": False})
