"""The packages of the app import one way: no package imports one that imports it back
(directly or round a longer loop), and `core` imports nothing of the app."""

import ast
from pathlib import Path

APP = Path(__file__).resolve().parents[1] / "app"


def package_of(path: Path) -> str:
    rel = path.relative_to(APP)
    return rel.parts[0].removesuffix(".py")


def imports() -> dict[str, set[str]]:
    """Package → the app packages its modules import (at any depth, lazily or not)."""
    graph: dict[str, set[str]] = {}
    for path in APP.rglob("*.py"):
        source = package_of(path)
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            for name in names:
                parts = name.split(".")
                inside = parts[0] == "app" and len(parts) > 1 and parts[1] != source
                if inside and ((APP / parts[1]).is_dir() or (APP / f"{parts[1]}.py").is_file()):
                    graph.setdefault(source, set()).add(parts[1])
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    found, seen = [], set()

    def walk(node: str, path: list[str]) -> None:
        for nxt in sorted(graph.get(node, ())):
            if nxt in path:
                loop = path[path.index(nxt) :]
                key = frozenset(loop)
                if key not in seen:
                    seen.add(key)
                    found.append(loop + [nxt])
            elif len(path) < 12:
                walk(nxt, path + [nxt])

    for start in sorted(graph):
        walk(start, [start])
    return found


def test_no_package_imports_one_that_imports_it_back() -> None:
    assert cycles(imports()) == []


def test_core_imports_nothing_of_the_app() -> None:
    assert imports().get("core", set()) == set()


def test_the_cycle_finder_finds_cycles() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]
