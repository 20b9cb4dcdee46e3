"""Forms as a browser sees them in rendered HTML: each form's action, hidden values and submit buttons, and
every field with the name assistive technology reads for it."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Form:
    action: str
    attrs: dict
    hidden: dict = field(default_factory=dict)
    buttons: list = field(default_factory=list)


@dataclass
class Control:
    tag: str
    attrs: dict
    in_label: bool

    @property
    def name(self) -> str:
        return self.attrs.get("name") or self.attrs.get("id") or self.tag


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.controls: list[Control] = []
        self.label_for: set[str] = set()
        self._labels = 0
        self._form: Form | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            self._form = Form(action=a.get("action", ""), attrs=a)
            self.forms.append(self._form)
        elif tag == "label":
            self._labels += 1
            if a.get("for"):
                self.label_for.add(a["for"])
        elif tag == "button" and self._form is not None and a.get("type", "submit") == "submit":
            self._form.buttons.append(a)
        elif tag in ("input", "select", "textarea"):
            if tag == "input" and a.get("type") == "hidden":
                if self._form is not None:
                    self._form.hidden[a.get("name", "")] = a.get("value", "")
                return
            if tag == "input" and a.get("type") in ("submit", "button", "image", "reset"):
                return
            self.controls.append(Control(tag, a, self._labels > 0))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "label" and self._labels:
            self._labels -= 1


def parse(html: str) -> _Parser:
    parser = _Parser()
    parser.feed(html)
    return parser


def forms(html: str) -> list[Form]:
    return parse(html).forms


def unlabelled(html: str) -> list[str]:
    """Fields with no accessible name: no <label for>, no enclosing <label>, no aria-label(ledby), no title."""
    page = parse(html)
    return [
        c.name for c in page.controls
        if not (c.in_label or c.attrs.get("id") in page.label_for or c.attrs.get("aria-label", "").strip()
                or c.attrs.get("aria-labelledby") or c.attrs.get("title", "").strip())
    ]
