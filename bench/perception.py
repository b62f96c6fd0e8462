"""Perception benchmark: speed against the XML parser floor, prompt size against raw XML and T3A.

    python bench/perception.py [--runs 30] [--json results.json] [--corpus DIR ...]

For every screen of the corpus (the real dumps in /work/shared/corpus/real-dumps, the hand-made
cases in tests/unit/perception/corpus, and a 1,000-node screen generated here) it prints:

* time: median of ``perceive(xml).render()`` (parse + extract + render) against the median of a
  bare ``lxml.etree.fromstring`` of the same bytes (the floor), and their ratio.
  Targets: ratio <= 2, and <= 5 ms for the 1,000-node screen.
* size: characters of our rendering (the element lines, and the full text with fence and
  header), of the raw XML, and of an AndroidWorld-T3A-style element list built from the same
  elements (droidpilot.perception.baseline). Target: element lines <= 35% of T3A. Tokens are
  counted only if ``tiktoken`` is installed (it is not part of the project's dependencies).

Medians, never means: other processes share the machine. Results also go to JSON with --json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from droidpilot.perception import perceive  # noqa: E402
from droidpilot.perception.baseline import t3a_text  # noqa: E402

DEFAULT_CORPORA = [Path("/work/shared/corpus/real-dumps"), ROOT / "tests" / "unit" / "perception" / "corpus"]


def thousand_node_screen() -> str:
    """100 list rows of 10 nodes (1 clickable row, 3 texts, 6 spacers) in a RecyclerView: 1,001 nodes."""
    attrs = (
        'index="{i}" text="{text}" resource-id="com.example.feed:id/{rid}" class="{cls}" package="com.example.feed" '
        'content-desc="" checkable="false" checked="false" clickable="{click}" enabled="true" focusable="{click}" '
        'focused="false" scrollable="{scroll}" long-clickable="false" password="false" selected="false" '
        'bounds="[{l},{t}][{r},{b}]"'
    )
    parts = [
        "<node "
        + attrs.format(i=0, text="", rid="feed", cls="androidx.recyclerview.widget.RecyclerView", click="false", scroll="true", l=0, t=0, r=1080, b=2400)
        + ">"
    ]
    for row in range(100):
        top = row * 24
        parts.append(
            "<node "
            + attrs.format(i=row, text="", rid="row", cls="android.widget.LinearLayout", click="true", scroll="false", l=0, t=top, r=1080, b=top + 24)
            + ">"
        )
        for cell in range(9):
            is_text = cell % 3 == 0
            parts.append(
                "<node "
                + attrs.format(
                    i=cell,
                    text=f"Post {row} field {cell}" if is_text else "",
                    rid=f"cell{cell}",
                    cls="android.widget.TextView" if is_text else "android.widget.FrameLayout",
                    click="false",
                    scroll="false",
                    l=cell * 120,
                    t=top,
                    r=cell * 120 + 120,
                    b=top + 24,
                )
                + "/>"
            )
        parts.append("</node>")
    parts.append("</node>")
    return "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?><hierarchy rotation=\"0\">" + "".join(parts) + "</hierarchy>"


def median_ms(fn, runs: int) -> float:
    fn()  # warm-up: first-call costs (imports, caches) are not per-step costs
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def token_counter():
    try:
        import tiktoken  # type: ignore[import-not-found]
    except ImportError:
        return None
    encoding = tiktoken.get_encoding("cl100k_base")
    return lambda text: len(encoding.encode(text))


def measure(name: str, xml: str, runs: int, count_tokens) -> dict:
    data = xml.encode("utf-8")
    try:
        etree.fromstring(data)
        floor_parser = None
    except etree.XMLSyntaxError:  # broken on purpose (truncated, control characters): floor in recover mode
        floor_parser = etree.XMLParser(recover=True)
    floor = median_ms(lambda: etree.fromstring(data, floor_parser), runs)
    ours = median_ms(lambda: perceive(xml).render(), runs)
    state = perceive(xml)
    full = state.render()
    lines = [line for line in full.splitlines()[3:-1] if "] " in line]
    element_lines = "\n".join(lines)
    t3a = t3a_text(state)
    # The bounds decision: centre only (with WxH for containers) versus size or full box everywhere.
    unsized = [e for e in state.elements if e.role not in ("list", "pager", "webview", "canvas", "region")]
    extra_size = sum(len(f" {e.bounds.width}x{e.bounds.height}") for e in unsized)
    extra_box = sum(len(f" [{e.bounds.left},{e.bounds.top}][{e.bounds.right},{e.bounds.bottom}]") for e in state.elements)
    row = {
        "screen": name,
        "nodes": state.node_count,
        "elements": len(state.elements),
        "floor_ms": round(floor, 3),
        "floor_mode": "recover" if floor_parser is not None else "strict",
        "ours_ms": round(ours, 3),
        "ratio": round(ours / floor, 2) if floor else None,
        "chars_ours_elements": len(element_lines),
        "chars_ours_full": len(full),
        "chars_raw_xml": len(xml),
        "chars_t3a": len(t3a),
        "ours_vs_t3a": round(len(element_lines) / len(t3a), 3) if t3a else None,
        "chars_if_size_everywhere": len(element_lines) + extra_size,
        "chars_if_box_everywhere": len(element_lines) + extra_box,
    }
    if count_tokens is not None:
        row.update(tokens_ours_full=count_tokens(full), tokens_raw_xml=count_tokens(xml), tokens_t3a=count_tokens(t3a))
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=30, help="timed repetitions per screen (median reported)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--corpus", type=Path, action="append", help="folders of *.xml dumps (default: real + hand-made)")
    args = parser.parse_args(argv)

    screens: list[tuple[str, str]] = []
    for folder in args.corpus or DEFAULT_CORPORA:
        if not folder.is_dir():
            print(f"(skipping {folder}: not found)")
            continue
        for path in sorted(folder.glob("*.xml")):
            screens.append((path.name, path.read_text(encoding="utf-8")))
    screens.append(("generated-1000-nodes", thousand_node_screen()))

    count_tokens = token_counter()
    rows = [measure(name, xml, args.runs, count_tokens) for name, xml in screens]

    header = f"{'screen':44} {'nodes':>5} {'elem':>4} {'floor ms':>8} {'ours ms':>8} {'ratio':>5} {'ours ch':>7} {'full ch':>7} {'xml ch':>7} {'t3a ch':>7} {'/t3a':>5}"
    print(header)
    print("-" * len(header))
    for r in rows:
        print(
            f"{r['screen'][:44]:44} {r['nodes']:5d} {r['elements']:4d} {r['floor_ms']:8.3f} {r['ours_ms']:8.3f} {r['ratio']:5.2f} "
            f"{r['chars_ours_elements']:7d} {r['chars_ours_full']:7d} {r['chars_raw_xml']:7d} {r['chars_t3a']:7d} "
            f"{(r['ours_vs_t3a'] or 0):5.2f}"
        )
    corpus_rows = [r for r in rows if r["screen"] != "generated-1000-nodes"]
    big = next(r for r in rows if r["screen"] == "generated-1000-nodes")
    total = {
        "screens": len(corpus_rows),
        "floor_ms": round(sum(r["floor_ms"] for r in corpus_rows), 2),
        "ours_ms": round(sum(r["ours_ms"] for r in corpus_rows), 2),
        "chars_ours_elements": sum(r["chars_ours_elements"] for r in corpus_rows),
        "chars_ours_full": sum(r["chars_ours_full"] for r in corpus_rows),
        "chars_raw_xml": sum(r["chars_raw_xml"] for r in corpus_rows),
        "chars_t3a": sum(r["chars_t3a"] for r in corpus_rows),
    }
    total["ratio"] = round(total["ours_ms"] / total["floor_ms"], 2) if total["floor_ms"] else None
    total["ours_vs_t3a"] = round(total["chars_ours_elements"] / total["chars_t3a"], 3) if total["chars_t3a"] else None
    total["full_vs_t3a"] = round(total["chars_ours_full"] / total["chars_t3a"], 3) if total["chars_t3a"] else None
    total["ours_vs_xml"] = round(total["chars_ours_full"] / total["chars_raw_xml"], 3)
    total["chars_if_size_everywhere"] = sum(r["chars_if_size_everywhere"] for r in corpus_rows)
    total["chars_if_box_everywhere"] = sum(r["chars_if_box_everywhere"] for r in corpus_rows)
    print("-" * len(header))
    print(
        f"corpus total ({total['screens']} screens): time {total['ours_ms']:.2f} ms vs floor {total['floor_ms']:.2f} ms "
        f"= {total['ratio']}x (target <= 2x)"
    )
    print(
        f"1,000-node screen: {big['ours_ms']:.2f} ms vs floor {big['floor_ms']:.2f} ms = {big['ratio']}x "
        f"(targets: <= 2x and <= 5 ms)"
    )
    print(
        f"size: element lines {total['chars_ours_elements']} chars = {total['ours_vs_t3a']:.1%} of T3A ({total['chars_t3a']}) "
        f"(target <= 35%); full rendering with fence and header {total['full_vs_t3a']:.1%} of T3A; "
        f"{total['ours_vs_xml']:.1%} of the raw XML ({total['chars_raw_xml']})"
    )
    base = total["chars_ours_elements"]
    print(
        f"bounds format: centre only (+WxH on containers) {base} chars; WxH on every line would add "
        f"{total['chars_if_size_everywhere'] / base - 1:.0%}, a full [l,t][r,b] box on every line "
        f"{total['chars_if_box_everywhere'] / base - 1:.0%}"
    )
    if count_tokens is None:
        print("tokens: not counted: no tokenizer is installed (tiktoken absent); characters / 4 is the usual estimate")
    if args.json:
        args.json.write_text(json.dumps({"screens": rows, "total": total}, ensure_ascii=False, indent=2), encoding="utf-8")
        print(f"results written to {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
