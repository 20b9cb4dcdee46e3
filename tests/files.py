"""Reading what the app stored, through the storage it stored it with (a path exists only on a local disk)."""


def stored_bytes(field_file) -> bytes:
    with field_file.open("rb") as stored:
        return stored.read()
