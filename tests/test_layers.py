"""The layering, read from the source with `ast` (imports at module level and inside functions alike).

From the bottom up:

1. `core/`: the shared kernel (organisations, staff, errors, reference data, PDF rendering).
2. `disputes/`: the case file (cases, events, referrals, documents' rows, the lifecycle, the one scope rule)
   and `disputes.registry`, through which everything above plugs in.
3. The apps above the case file, which register what it needs from them in their AppConfig.ready():
   the tracks (arbitration, hearings, inspection, mediation, legal_aid), the one window (intake), the
   worker's page (portal), the statutory clocks (deadlines), official documents (documents), and the demo
   data and benchmarks (demo, bench, bench_baseline); the supervisor's statistics (reports).

So `core/` and `disputes/` import nothing from layer 3, and `core/` nothing from `disputes/`. An import
written inside a function to dodge a cycle is not allowed either: a function-level import of a project module
is refused except in migrations, management commands, AppConfig.ready() and the short list below.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

ABOVE_THE_CASE_FILE = {
    "arbitration", "hearings", "inspection", "mediation", "legal_aid", "intake", "portal", "deadlines",
    "documents", "reports", "demo", "bench", "bench_baseline",
}

# Function-level imports of project modules that remain, with why.
IN_FUNCTION_ALLOWED = {
    "documents/__init__.py": "PDF code (reportlab) loads on first render, not at start-up",
    "documents/builders.py": "the document modules load reportlab, which a service importing its builders should not "
    "load at start-up (documents/__init__.py)",
}


def _project_packages() -> set[str]:
    """The Django apps of the project (a folder with apps.py) and config."""
    return {p.parent.name for p in ROOT.glob("*/apps.py")} | {"config"}


def _sources(*packages: str):
    for package in packages:
        for path in sorted((ROOT / package).rglob("*.py")):
            yield path, path.relative_to(ROOT).as_posix()


def _module_of(rel: str) -> str:
    parts = rel[: -len(".py")].split("/")
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported(node: ast.Import | ast.ImportFrom, rel: str) -> list[str]:
    """The absolute module names an import statement names."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level == 0:
        return [node.module or ""]
    package = _module_of(rel).split(".")
    if not rel.endswith("__init__.py"):
        package = package[:-1]
    base = package[: len(package) - (node.level - 1)]
    return [".".join([*base, node.module] if node.module else base)]


def _imports(tree: ast.AST, rel: str):
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            for name in _imported(node, rel):
                yield node.lineno, name


def _in_function_imports(tree: ast.AST, rel: str):
    """Imports inside a function body, other than in an AppConfig's ready()."""
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and any(
            (isinstance(b, ast.Name) and b.id == "AppConfig") or (isinstance(b, ast.Attribute) and b.attr == "AppConfig")
            for b in node.bases
        ):
            node.body = [n for n in node.body if not (isinstance(n, ast.FunctionDef) and n.name == "ready")]
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for inner in node.body:
                for sub in ast.walk(inner):
                    if isinstance(sub, (ast.Import, ast.ImportFrom)):
                        for name in _imported(sub, rel):
                            yield sub.lineno, name


def _parse(path: Path) -> ast.AST:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def test_core_and_the_case_file_import_nothing_above_them():
    wrong = []
    for path, rel in _sources("core", "disputes"):
        forbidden = ABOVE_THE_CASE_FILE | ({"disputes"} if rel.startswith("core/") else set())
        for line, name in _imports(_parse(path), rel):
            if name.split(".")[0] in forbidden:
                wrong.append(f"{rel}:{line} imports {name}")
    assert wrong == []


def test_no_import_inside_a_function_dodges_a_cycle():
    project = _project_packages()
    wrong = []
    for path, rel in _sources(*sorted(project)):
        parts = rel.split("/")
        if "migrations" in parts or "management" in parts or rel in IN_FUNCTION_ALLOWED:
            continue
        for line, name in _in_function_imports(_parse(path), rel):
            if name.split(".")[0] in project:
                wrong.append(f"{rel}:{line} imports {name} inside a function")
    assert wrong == []


def test_the_allow_list_lists_only_what_is_still_there():
    """An entry whose file no longer imports inside a function is dropped, so the list only shrinks."""
    project = _project_packages()
    stale = [
        rel for rel in IN_FUNCTION_ALLOWED
        if not (ROOT / rel).exists()
        or not any(name.split(".")[0] in project for _line, name in _in_function_imports(_parse(ROOT / rel), rel))
    ]
    assert stale == []


_TRACKS = "|".join(sorted(ABOVE_THE_CASE_FILE))
# In a page, a quoted track: a URL name ('inspection:workbench'), a template ("intake/….html"), or the name alone
# (a referral's purpose compared with "inspection"). In code, where the case's own stages and purposes share the
# tracks' names, a URL name or a template.
_TRACK_IN_PAGE = re.compile(r"""(['"])(%s)(?:[:/][^'"]*)?\1""" % _TRACKS)
_TRACK_IN_CODE = re.compile(r"(%s)(:[\w-]+|/.*\.html)" % _TRACKS)


def _track_strings(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".py":
        constants = [n.value for n in ast.walk(ast.parse(text)) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
        return [c for c in constants if _TRACK_IN_CODE.fullmatch(c)]
    return [m.group(0) for m in _TRACK_IN_PAGE.finditer(text)]


def test_the_case_file_names_no_track_in_its_code_or_pages():
    """What a track shows on the case file's pages (its links, buttons, the control that accepts its referrals)
    and the rules it adds (who accepts its referrals) are registered by the track, not written in `disputes/`."""
    pages = sorted((ROOT / "templates" / "disputes").rglob("*.html"))
    code = [path for path, _rel in _sources("disputes") if "migrations" not in path.parts]
    assert pages and code
    wrong = [f"{p.relative_to(ROOT)}: {name}" for p in [*pages, *code] for name in _track_strings(p)]
    assert wrong == []


def test_the_track_finder_sees_urls_templates_and_names(tmp_path):
    """The check above would pass vacuously if the finder missed these forms."""
    page = tmp_path / "page.html"
    page.write_text("""{% url 'inspection:workbench' 1 %} {% include "intake/x.html" %} {% if p == "legal_aid" %}"""
                    """ {{ case.documents.all }} {% url 'disputes:case' 1 %}""")
    assert _track_strings(page) == ["'inspection:workbench'", '"intake/x.html"', '"legal_aid"']
    module = tmp_path / "m.py"
    module.write_text("X = reverse('arbitration:bench')\nY = 'inspection'\nZ = render(r, 'documents/a.html')\n")
    assert sorted(_track_strings(module)) == ["arbitration:bench", "documents/a.html"]


def test_the_reader_sees_imports_in_functions_and_relative_ones():
    """The checks above would pass vacuously if the reader missed these forms."""
    source = "from . import registry\nfrom .x import y\n\ndef f():\n    from mediation.models import A\n    import deadlines\n"
    tree = ast.parse(source)
    assert [n for _l, n in _imports(tree, "disputes/selectors.py")] == [
        "disputes", "disputes.x", "mediation.models", "deadlines"
    ]
    assert [n for _l, n in _in_function_imports(ast.parse(source), "disputes/selectors.py")] == [
        "mediation.models", "deadlines"
    ]
