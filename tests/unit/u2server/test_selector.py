"""UiSelector semantics: mask fields, regexes, instance counting and child/sibling chains."""

from __future__ import annotations

import pytest
from lxml import etree

from droidpilot.emulator.virtual.u2server.jsonrpc import InvalidParams
from droidpilot.emulator.virtual.u2server.selector import (
    compile_selector,
    count,
    describe,
    find,
    find_all,
    java_regex,
    parse_hierarchy,
)

from .conftest import SCREEN, corpus_files, hierarchy, node

FIELD_BITS = {
    "text": 0x01, "textContains": 0x02, "textMatches": 0x04, "textStartsWith": 0x08,
    "className": 0x10, "classNameMatches": 0x20, "description": 0x40, "descriptionContains": 0x80,
    "descriptionMatches": 0x100, "descriptionStartsWith": 0x200, "checkable": 0x400, "checked": 0x800,
    "clickable": 0x1000, "longClickable": 0x2000, "scrollable": 0x4000, "enabled": 0x8000,
    "focusable": 0x10000, "focused": 0x20000, "selected": 0x40000, "packageName": 0x80000,
    "packageNameMatches": 0x100000, "resourceId": 0x200000, "resourceIdMatches": 0x400000,
    "index": 0x800000, "instance": 0x1000000,
}


def sel(**fields):
    """A selector dict shaped like uiautomator2's ``Selector`` (mask + childOrSibling lists)."""
    out = {"mask": 0, "childOrSibling": [], "childOrSiblingSelector": []}
    for key, value in fields.items():
        out[key] = value
        out["mask"] |= FIELD_BITS[key]
    return out


def chain(base: dict, *links: tuple[str, dict]) -> dict:
    for relation, sub in links:
        base["childOrSibling"].append(relation)
        base["childOrSiblingSelector"].append(sub)
    return base


@pytest.fixture
def root():
    return parse_hierarchy(SCREEN)


def texts(nodes):
    return [n.get("text") or n.get("content-desc") or n.get("resource-id") for n in nodes]


def test_text_is_exact_and_case_sensitive(root):
    assert find(compile_selector(sel(text="Wi-Fi")), root).get("text") == "Wi-Fi"
    assert find(compile_selector(sel(text="wi-fi")), root) is None
    assert find(compile_selector(sel(text="Wi")), root) is None


def test_contains_and_starts_with(root):
    assert texts(find_all(compile_selector(sel(textContains="t")), root)) == ["Bluetooth"]
    assert texts(find_all(compile_selector(sel(textStartsWith="Blue")), root)) == ["Bluetooth"]
    assert texts(find_all(compile_selector(sel(descriptionContains="ess")), root)) == ["hello"]


def test_matches_fields_need_a_full_match(root):
    assert find(compile_selector(sel(textMatches="Blue")), root) is None
    assert texts(find_all(compile_selector(sel(textMatches="Blue.*")), root)) == ["Bluetooth"]
    assert len(find_all(compile_selector(sel(classNameMatches=r".*\.Switch")), root)) == 2
    assert texts(find_all(compile_selector(sel(resourceIdMatches=".*:id/edit")), root)) == ["hello"]


def test_class_package_and_resource_id(root):
    assert len(find_all(compile_selector(sel(className="android.widget.TextView")), root)) == 2
    assert texts(find_all(compile_selector(sel(packageName="com.android.systemui", clickable=True)), root)) == ["Back"]
    assert len(find_all(compile_selector(sel(resourceId="android:id/switch_widget")), root)) == 2


def test_boolean_fields_match_both_ways(root):
    switches = compile_selector(sel(className="android.widget.Switch", checked=False))
    assert find(switches, root).get("bounds") == "[900,350][1040,450]"
    assert texts(find_all(compile_selector(sel(focused=True)), root)) == ["hello"]
    assert count(compile_selector(sel(checkable=True, checked=True)), root) == 1


def test_fields_outside_the_mask_are_ignored(root):
    raw = sel(text="Bluetooth")
    raw["className"] = "no.such.Class"  # present but its mask bit is not set
    assert find(compile_selector(raw), root) is not None


def test_instance_picks_the_nth_match_in_document_order(root):
    second = compile_selector(sel(className="android.widget.Switch", instance=1))
    assert find(second, root).get("checked") == "false"
    assert find(compile_selector(sel(className="android.widget.Switch", instance=2)), root) is None
    assert len(find_all(second, root)) == 1


def test_index_is_the_position_among_siblings(root):
    found = find_all(compile_selector(sel(className="android.widget.Switch", index=1)), root)
    assert len(found) == 2
    assert find(compile_selector(sel(className="android.widget.TextView", index=1)), root) is None


def test_invisible_nodes_are_skipped(root):
    assert find(compile_selector(sel(text="Hidden")), root) is None


def test_child_searches_descendants_of_the_match(root):
    raw = chain(sel(resourceId="com.example:id/list"), ("child", sel(text="Bluetooth")))
    assert find(compile_selector(raw), root).get("text") == "Bluetooth"


def test_child_keeps_trying_later_parents(root):
    # the first clickable row holds no "Bluetooth"; the second one does
    raw = chain(sel(className="android.widget.LinearLayout", clickable=True), ("child", sel(text="Bluetooth")))
    assert find(compile_selector(raw), root).get("text") == "Bluetooth"


def test_sibling_searches_the_parent_subtree(root):
    raw = chain(sel(text="Bluetooth"), ("sibling", sel(className="android.widget.Switch")))
    assert find(compile_selector(raw), root).get("checked") == "false"


def test_child_instance_counts_across_parents(root):
    rows = sel(className="android.widget.LinearLayout", clickable=True)
    second = chain(dict(rows, childOrSibling=[], childOrSiblingSelector=[]), ("child", sel(className="android.widget.Switch", instance=1)))
    assert find(compile_selector(second), root).get("checked") == "false"
    everything = chain(dict(rows, childOrSibling=[], childOrSiblingSelector=[]), ("child", sel(className="android.widget.Switch")))
    assert count(compile_selector(everything), root) == 2


def test_sibling_of_a_window_root_finds_nothing(root):
    raw = chain(sel(packageName="com.android.systemui", className="android.widget.FrameLayout"),
                ("sibling", sel(text="Wi-Fi")))
    assert find(compile_selector(raw), root) is None


def test_windows_are_searched_in_dump_order(root):
    raw = sel(clickable=True)
    assert [n.get("package") for n in find_all(compile_selector(raw), root)][-1] == "com.android.systemui"


def test_describe_prints_like_uiselector_tostring():
    raw = chain(sel(text="OK", clickable=True), ("child", sel(className="android.widget.Button")))
    assert describe(compile_selector(raw)) == "UiSelector[TEXT=OK, CLICKABLE=true, CHILD=UiSelector[CLASS=android.widget.Button]]"


def test_java_regex_spellings_are_translated():
    assert java_regex(r"(?<word>\w+) x").fullmatch("abc x").group("word") == "abc"
    assert java_regex(r"\Q1+1=2\E.*").fullmatch("1+1=2 ok")
    assert java_regex(r"\p{L}+").fullmatch("Résumé")
    assert not java_regex(r"\p{L}+").fullmatch("abc1")
    assert java_regex(r"\P{Digit}+").fullmatch("abc")


def test_bad_regex_is_invalid_params():
    with pytest.raises(InvalidParams, match="PatternSyntaxException"):
        compile_selector(sel(textMatches="(unclosed"))


@pytest.mark.parametrize(
    "raw",
    [
        "text",
        {"mask": 0x01},
        {"mask": 0x01, "text": 3},
        {"mask": 0x1000, "clickable": "yes"},
        {"mask": 0x1000000, "instance": -1},
        {"mask": "1"},
    ],
)
def test_malformed_selectors_are_invalid_params(raw):
    with pytest.raises(InvalidParams):
        compile_selector(raw)


def test_hand_made_nested_instances():
    xml = hierarchy(node(children="".join(
        node(index=str(i), class_="android.widget.TextView", text=f"item {i % 2}") for i in range(5)
    )))
    root = parse_hierarchy(xml)
    zeros = compile_selector(sel(text="item 0"))
    assert count(zeros, root) == 3
    assert find(compile_selector(sel(text="item 0", instance=2)), root).get("index") == "4"


CORPUS = corpus_files()


@pytest.mark.skipif(not CORPUS, reason="real dump corpus not available")
@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_corpus_text_and_id_selectors_agree_with_xpath(path):
    root = parse_hierarchy(path.read_bytes())
    nodes = [n for n in root.iter("node") if n.get("visible-to-user") != "false"]
    assert nodes, "corpus file has nodes"
    for attr, field in (("text", "text"), ("content-desc", "description"), ("resource-id", "resourceId"), ("class", "className")):
        for value in {n.get(attr) for n in nodes if n.get(attr)}:
            expected = [n for n in nodes if n.get(attr) == value]
            got = find_all(compile_selector(sel(**{field: value})), root)
            assert got == expected, (path.name, attr, value)
            first = find(compile_selector(sel(**{field: value})), root)
            assert first is expected[0]


@pytest.mark.skipif(not CORPUS, reason="real dump corpus not available")
@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_corpus_child_of_each_parent_finds_its_first_descendant(path):
    root = parse_hierarchy(path.read_bytes())
    for parent in root.iter("node"):
        kids = [n for n in parent.iter("node") if n is not parent and n.get("class")]
        rid = parent.get("resource-id")
        if not kids or not rid or len(root.xpath(f'//node[@resource-id="{rid}"]')) != 1:
            continue
        raw = chain(sel(resourceId=rid), ("child", sel(className=kids[0].get("class"))))
        assert find(compile_selector(raw), root) is kids[0], (path.name, rid)
        # the uiautomator2 client re-parses what it is sent; make sure the same node comes back
        assert etree.tostring(kids[0]) == etree.tostring(find(compile_selector(raw), root))
