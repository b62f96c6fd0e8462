"""Property tests: the UiSelector walk against a plain reference over random trees."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from droidpilot.emulator.virtual.u2server.selector import compile_selector, find, find_all, parse_hierarchy

from .conftest import hierarchy, node
from .test_selector import chain, sel

TEXTS = ["", "OK", "Cancel", "ok"]
CLASSES = ["android.widget.TextView", "android.widget.Button", "android.view.View"]


@st.composite
def trees(draw, depth=0):
    attrs = {
        "text": draw(st.sampled_from(TEXTS)),
        "class_": draw(st.sampled_from(CLASSES)),
        "clickable": draw(st.sampled_from(["true", "false"])),
    }
    if draw(st.integers(0, 9)) == 0:
        attrs["visible_to_user"] = "false"
    kids = draw(st.lists(trees(depth + 1), max_size=3)) if depth < 3 else []
    inner = "".join(k.replace('index="0"', f'index="{i}"', 1) for i, k in enumerate(kids))
    return node(children=inner, **attrs)


selectors = st.fixed_dictionaries(
    {},
    optional={
        "text": st.sampled_from(TEXTS[1:]),
        "className": st.sampled_from(CLASSES),
        "clickable": st.booleans(),
        "textContains": st.sampled_from(["O", "k", "an"]),
    },
)


def visible_nodes(root):
    """Document order, skipping invisible subtrees (the walk never enters them)."""
    out = []

    def walk(el):
        for child in el.iterchildren("node"):
            if child.get("visible-to-user") == "false":
                continue
            out.append(child)
            walk(child)

    walk(root)
    return out


def reference_match(el, fields):
    checks = {
        "text": lambda v: el.get("text") == v,
        "className": lambda v: el.get("class") == v,
        "clickable": lambda v: el.get("clickable") == ("true" if v else "false"),
        "textContains": lambda v: v in el.get("text"),
    }
    return all(checks[k](v) for k, v in fields.items())


@settings(max_examples=50, deadline=None)
@given(st.lists(trees(), min_size=1, max_size=2), selectors)
def test_simple_selector_finds_exactly_the_matching_visible_nodes_in_order(windows, fields):
    root = parse_hierarchy(hierarchy(*windows))
    expected = [el for el in visible_nodes(root) if reference_match(el, fields)]
    assert find_all(compile_selector(sel(**fields)), root) == expected


@settings(max_examples=50, deadline=None)
@given(st.lists(trees(), min_size=1, max_size=2), selectors, st.integers(0, 4))
def test_instance_n_is_the_nth_match(windows, fields, n):
    root = parse_hierarchy(hierarchy(*windows))
    expected = [el for el in visible_nodes(root) if reference_match(el, fields)]
    got = find(compile_selector(sel(**fields, instance=n)), root)
    assert got is (expected[n] if n < len(expected) else None)


@settings(max_examples=50, deadline=None)
@given(st.lists(trees(), min_size=1, max_size=2), selectors, selectors)
def test_child_result_is_a_descendant_of_some_parent_match(windows, parent_fields, child_fields):
    root = parse_hierarchy(hierarchy(*windows))
    got = find(compile_selector(chain(sel(**parent_fields), ("child", sel(**child_fields)))), root)
    parents = [el for el in visible_nodes(root) if reference_match(el, parent_fields)]
    candidates = [
        el for p in parents for el in visible_nodes(p) if reference_match(el, child_fields)
    ]
    if got is None:
        assert candidates == []
    else:
        assert got in candidates
        assert got is candidates[0]
