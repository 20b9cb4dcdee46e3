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


def every_read_may_refuse_malformed_parameters(result, generator, request, public):
    """Any GET may be refused as malformed input (an unknown ?format=, a bad page size or cursor): a 400 with
    the one error body, documented on every read, not only on those with declared filters."""
    error = {"description": "Malformed query parameters.",
             "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    if "Error" not in result.get("components", {}).get("schemas", {}):
        return result
    for operations in result.get("paths", {}).values():
        operation = operations.get("get")
        if operation is not None:
            operation.setdefault("responses", {}).setdefault("400", error)
    return result
