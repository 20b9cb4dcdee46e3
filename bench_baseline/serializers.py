from rest_framework import serializers

from .models import BaselineRow


class BaselineRowSerializer(serializers.ModelSerializer):
    class Meta:
        model = BaselineRow
        fields = ["id", "payload", "created_at"]
        read_only_fields = ["id", "created_at"]
