from rest_framework import generics

from .serializers import BaselineRowSerializer


class BaselineInsertView(generics.CreateAPIView):
    """POST {"payload": "..."}: validate, insert one row, answer 201. Same authentication and middleware as
    the real API (token, IsAuthenticated), so the ratio to intake isolates intake's own work."""

    serializer_class = BaselineRowSerializer
