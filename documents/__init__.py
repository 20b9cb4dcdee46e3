"""Official documents of the arbitration and inspection tracks: templates (render) and versioned storage (issue).

Nothing here is imported at start-up: PDF code loads on first use.
"""


def render(kind: str, context) -> bytes:
    """documents.render("award", AwardContext(...)) -> PDF bytes."""
    from .templates import render as _render

    return _render(kind, context)
