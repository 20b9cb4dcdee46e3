"""Personal data shown only as much as a reader needs (ID numbers, phones)."""


def mask_id_number(value: str) -> str:
    if not value or len(value) < 8:
        return "*" * len(value or "")
    return f"{value[:4]}{'*' * (len(value) - 8)}{value[-4:]}"


def mask_phone(value: str) -> str:
    if not value or len(value) < 7:
        return "*" * len(value or "")
    return f"{value[:3]}{'*' * (len(value) - 7)}{value[-4:]}"


def mask_name(value: str) -> str:
    """张三丰 -> 张**: the worker's page may be read over someone's shoulder."""
    if not value:
        return ""
    return value[0] + "*" * (len(value) - 1)
