"""What the published OpenAPI schema says beyond what drf-spectacular derives (SPECTACULAR_SETTINGS hooks)."""


def ids_are_positive(result, generator, request, public):
    """A record's id in a path is a positive integer (the URL takes digits only, and no table holds id 0)."""
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                schema = parameter.get("schema", {})
                if parameter.get("in") == "path" and schema.get("type") == "integer":
                    schema.setdefault("minimum", 1)
    return result
