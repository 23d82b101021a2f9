"""The demo histories live with the demo data: the add-ons' runtime code never loads them nor a test library."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ADDONS = sorted(path.parent for path in (ROOT / "addons").glob("dealer_*/__manifest__.py"))
RUNTIME = ("__init__.py", "models", "controllers", "wizards", "report")


def _imports(path):
    """The modules `path` imports, relative ones by their name (`.demo` as "demo")."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            names |= {base} | {f"{base}.{alias.name}".lstrip(".") for alias in node.names}
    return names


def _runtime_files(addon):
    for name in RUNTIME:
        path = addon / name
        yield from ([path] if path.is_file() else sorted(path.rglob("*.py")))


def test_the_suite_is_found():
    assert {addon.name for addon in ADDONS} >= {"dealer_crm_base", "dealer_service", "dealer_complaints"}


def test_no_runtime_code_imports_a_test_library():
    offenders = [
        f"{path.relative_to(ROOT)}: {name}"
        for addon in ADDONS
        for path in _runtime_files(addon)
        for name in _imports(path)
        if name.split(".")[0] == "freezegun" or name.startswith("unittest")
    ]
    assert not offenders


def test_no_runtime_code_imports_a_demo_history():
    offenders = [
        f"{path.relative_to(ROOT)}: {name}"
        for addon in ADDONS
        for path in _runtime_files(addon)
        for name in _imports(path)
        if any("demo" in part for part in name.split("."))
    ]
    assert not offenders


def test_each_demo_history_sits_next_to_the_demo_data_that_plays_it():
    played = {}
    for addon in ADDONS:
        for xml in (addon / "demo").glob("*.xml"):
            if 'name="_dealer_play_demo"' in xml.read_text():
                played[addon.name] = xml
    assert set(played) == {"dealer_service", "dealer_complaints", "dealer_loyalty"}
    for name, xml in played.items():
        assert f"<value>{name}</value>" in xml.read_text()
        assert (xml.parent / "history.py").is_file()
