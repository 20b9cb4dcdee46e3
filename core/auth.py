"""Authentication that loads the acting person whole: user, staff profile, organisation and division in
the query that authenticates them.

Every service resolves the actor through core.access.staff_of; with the stock classes that was a second
query on every request (bench/README.md, issue 5). The checks are the stock ones.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

ACTOR_RELATIONS = "staff__organization__division"


class StaffTokenAuthentication(TokenAuthentication):
    def authenticate_credentials(self, key):
        model = self.get_model()
        try:
            token = model.objects.select_related(f"user__{ACTOR_RELATIONS}").get(key=key)
        except model.DoesNotExist:
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from None
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        return token.user, token


class StaffModelBackend(ModelBackend):
    """The session's user, loaded with the staff profile (the web pages' counterpart of the above)."""

    def get_user(self, user_id):
        user_model = get_user_model()
        try:
            user = user_model._default_manager.select_related(ACTOR_RELATIONS).get(pk=user_id)
        except user_model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
