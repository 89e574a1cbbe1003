"""No module of complaints_desktop imports itself back through others.

A cycle makes the order of imports matter (a module half-initialised when another reads
it) and ties modules that should change alone. The graph is grimp's (the library
import-linter reads the layers with): every import a module runs, at its top or inside a
function, leaving out those under ``if TYPE_CHECKING:`` (never run).
"""

from __future__ import annotations

import grimp

PACKAGE = "complaints_desktop"

KNOWN: set[frozenset[str]] = set()
"""Cycles tolerated for now (none: the case-log readers' cycle went with caselog/table.py)."""


def cycles(imports: dict[str, set[str]]) -> list[frozenset[str]]:
    """The strongly connected groups of more than one module (Tarjan, without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []
    for root in sorted(imports):
        if root in index:
            continue
        work = [(root, iter(sorted(imports[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(imports.get(child, set())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(frozenset(group))
    return found


def test_cycles_finds_a_cycle_and_only_it() -> None:
    imports = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert cycles(imports) == [frozenset({"a", "b", "c"})]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_module_imports_itself_back() -> None:
    graph = grimp.build_graph(PACKAGE, exclude_type_checking_imports=True)
    imports = {m: set(graph.find_modules_directly_imported_by(m)) for m in graph.modules}
    found = set(cycles(imports))
    new = [sorted(group) for group in found - KNOWN]
    assert not new, f"import cycles: {new}"
    gone = [sorted(group) for group in KNOWN - found]
    assert not gone, f"no longer a cycle, take it off KNOWN: {gone}"
