"""toybox text filters: head, tail, wc, sort, uniq, cut, tr, tee, seq."""

from __future__ import annotations

import re

from ..io import Ctx
from ..perms import new_node_attrs, write_denied
from ..registry import command
from ._inputs import read_input
from ._opts import UsageError, parse_opts


def _lines(data: bytes) -> list[bytes]:
    """Lines split on ``\n`` only, terminators kept, so output reproduces input byte for byte."""
    parts = data.split(b"\n")
    out = [p + b"\n" for p in parts[:-1]]
    if parts[-1]:
        out.append(parts[-1])
    return out


def _count_arg(ctx: Ctx, value: object) -> int | None:
    try:
        return int(str(value))
    except ValueError:
        ctx.error(f"invalid number '{value}'")
        return None


async def _head_tail(ctx: Ctx, tail: bool) -> int:
    try:
        opts, files = parse_opts(ctx.argv[1:], "qvf", "nc", numeric="n")
    except UsageError as exc:
        ctx.error(str(exc))
        return 1
    from_start = False
    lines_arg = str(opts.get("n", "10"))
    if tail and lines_arg.startswith("+"):
        from_start = True
    n = _count_arg(ctx, lines_arg.lstrip("+"))
    if n is None:
        return 1
    by_bytes = "c" in opts
    if by_bytes:
        c_arg = str(opts["c"])
        from_start = tail and c_arg.startswith("+")
        n = _count_arg(ctx, c_arg.lstrip("+"))
        if n is None:
            return 1
    files = files or ["-"]
    status = 0
    show_headers = (len(files) > 1 and not opts.get("q")) or bool(opts.get("v"))
    for idx, name in enumerate(files):
        data = await read_input(ctx, name)
        if data is None:
            status = 1
            continue
        if show_headers:
            ctx.out(("\n" if idx else "") + f"==> {'standard input' if name == '-' else name} <==\n")
        if by_bytes:
            if tail:
                chunk = data[n - 1:] if from_start else (data[-n:] if n else b"")
            else:
                chunk = data[:n] if n >= 0 else data[:n]
            ctx.out(chunk)
            continue
        lines = _lines(data)
        if tail:
            chosen = lines[max(n - 1, 0):] if from_start else (lines[-n:] if n > 0 else [])
        else:
            chosen = lines[:n] if n >= 0 else lines[:n]
        ctx.out(b"".join(chosen))
    return status


@command("head")
async def head(ctx: Ctx) -> int:
    return await _head_tail(ctx, tail=False)


@command("tail")
async def tail(ctx: Ctx) -> int:
    return await _head_tail(ctx, tail=True)


@command("wc")
async def wc(ctx: Ctx) -> int:
    try:
        opts, files = parse_opts(ctx.argv[1:], "lwcmL")
    except UsageError as exc:
        ctx.error(str(exc))
        return 1
    order = [f for f in "lwcm" if opts.get(f)] or ["l", "w", "c"]
    # toybox: no padding for a single count of stdin or a single file, else width 7
    space = 0 if (not files and len(order) == 1) or len(files) == 1 else 7
    totals = {k: 0 for k in "lwcm"}
    status = 0

    def show(counts: dict[str, int], name: str | None) -> None:
        cells = [str(counts[k]).rjust(space) for k in order]
        ctx.out(" ".join(cells) + (f" {name}" if name is not None else "") + "\n")

    for name in files or ["-"]:
        data = await read_input(ctx, name)
        if data is None:
            status = 1
            continue
        counts = {
            "l": data.count(b"\n"),
            "w": len(data.split()),
            "c": len(data),
            "m": len(data.decode("utf-8", "replace")),
        }
        for k in totals:
            totals[k] += counts[k]
        show(counts, name if files else None)
    if len(files) > 1:
        show(totals, "total")
    return status


@command("sort")
async def sort(ctx: Ctx) -> int:
    try:
        opts, files = parse_opts(ctx.argv[1:], "rnufbsdch", "tko")
    except UsageError as exc:
        ctx.error(str(exc))
        return 1
    lines: list[str] = []
    status = 0
    for name in files or ["-"]:
        data = await read_input(ctx, name)
        if data is None:
            status = 1
            continue
        lines.extend(data.decode("utf-8", "surrogateescape").splitlines())
    sep = str(opts["t"]) if "t" in opts else None
    field = 0
    if "k" in opts:
        m = re.match(r"(\d+)", str(opts["k"]))
        field = int(m.group(1)) if m else 0

    def key_text(line: str) -> str:
        if not field:
            return line
        parts = line.split(sep) if sep is not None else line.split()
        return (sep or " ").join(parts[field - 1:]) if field - 1 < len(parts) else ""

    def key(line: str) -> tuple:
        text = key_text(line)
        if opts.get("b"):
            text = text.lstrip()
        if opts.get("n"):
            m = re.match(r"\s*(-?\d+(?:\.\d+)?)", text)
            return (float(m.group(1)) if m else 0.0, line)
        return ((text.lower() if opts.get("f") else text), line)

    result = sorted(lines, key=key, reverse=bool(opts.get("r")))
    if opts.get("u"):
        seen: set = set()
        unique = []
        for line in result:
            k = key(line)[0]
            if k not in seen:
                seen.add(k)
                unique.append(line)
        result = unique
    text = "".join(line + "\n" for line in result)
    if "o" in opts:
        path = ctx.resolve(str(opts["o"]))
        with ctx.system.lock:
            denied = write_denied(ctx.fs, path, ctx.uid)
            if denied:
                ctx.error(f"{opts['o']}: {denied}")
                return 1
            mode, uid, gid = new_node_attrs(path, ctx.uid)
            ctx.fs.write(path, text.encode("utf-8", "surrogateescape"), mode=mode, uid=uid, gid=gid)
    else:
        ctx.out(text.encode("utf-8", "surrogateescape"))
    return status


@command("uniq")
async def uniq(ctx: Ctx) -> int:
    try:
        opts, files = parse_opts(ctx.argv[1:], "cdui")
    except UsageError as exc:
        ctx.error(str(exc))
        return 1
    data = await read_input(ctx, files[0] if files else "-")
    if data is None:
        return 1
    groups: list[list[str]] = []
    for line in data.decode("utf-8", "surrogateescape").splitlines():
        same = groups and (groups[-1][0].lower() == line.lower() if opts.get("i") else groups[-1][0] == line)
        if same:
            groups[-1].append(line)
        else:
            groups.append([line])
    out = []
    for g in groups:
        if opts.get("d") and len(g) < 2 or opts.get("u") and len(g) > 1:
            continue
        out.append(f"{len(g):7d} {g[0]}" if opts.get("c") else g[0])
    ctx.out("".join(line + "\n" for line in out).encode("utf-8", "surrogateescape"))
    return 0


def _ranges(spec: str) -> list[tuple[int, int]] | None:
    out = []
    for part in spec.split(","):
        m = re.fullmatch(r"(\d*)(-?)(\d*)", part)
        if not m or not (m.group(1) or m.group(3)):
            return None
        lo = int(m.group(1)) if m.group(1) else 1
        hi = int(m.group(3)) if m.group(3) else (lo if not m.group(2) else 1 << 30)
        out.append((lo, hi))
    return out


@command("cut")
async def cut(ctx: Ctx) -> int:
    try:
        opts, files = parse_opts(ctx.argv[1:], "s", "dfcb")
    except UsageError as exc:
        ctx.error(str(exc))
        return 1
    spec = str(opts.get("f") or opts.get("c") or opts.get("b") or "")
    ranges = _ranges(spec) if spec else None
    if ranges is None:
        ctx.error("Needs -fcb" if not spec else f"bad list '{spec}'")
        return 1
    delim = str(opts.get("d", "\t"))
    status = 0
    for name in files or ["-"]:
        data = await read_input(ctx, name)
        if data is None:
            status = 1
            continue
        for line in data.decode("utf-8", "surrogateescape").splitlines():
            if "f" in opts:
                if delim not in line:
                    if not opts.get("s"):
                        ctx.out(line + "\n")
                    continue
                parts = line.split(delim)
                picked = [p for i, p in enumerate(parts, 1) if any(lo <= i <= hi for lo, hi in ranges)]
                ctx.out(delim.join(picked) + "\n")
            else:
                ctx.out("".join(ch for i, ch in enumerate(line, 1) if any(lo <= i <= hi for lo, hi in ranges)) + "\n")
    return status


_TR_CLASSES = {
    "[:upper:]": "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "[:lower:]": "abcdefghijklmnopqrstuvwxyz",
    "[:digit:]": "0123456789", "[:space:]": " \t\n\r\f\v", "[:blank:]": " \t",
    "[:alpha:]": "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
    "[:alnum:]": "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
    "[:punct:]": "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
}


def _tr_set(spec: str) -> str:
    for name, chars in _TR_CLASSES.items():
        spec = spec.replace(name, chars)
    spec = spec.replace("\\n", "\n").replace("\\t", "\t").replace("\\r", "\r").replace("\\\\", "\\")
    out = []
    i = 0
    while i < len(spec):
        if i + 2 < len(spec) and spec[i + 1] == "-" and ord(spec[i]) <= ord(spec[i + 2]):
            out.extend(chr(c) for c in range(ord(spec[i]), ord(spec[i + 2]) + 1))
            i += 3
        else:
            out.append(spec[i])
            i += 1
    return "".join(out)


@command("tr")
async def tr(ctx: Ctx) -> int:
    try:
        opts, sets = parse_opts(ctx.argv[1:], "dscC")
    except UsageError as exc:
        ctx.error(str(exc))
        return 1
    if not sets or (not opts.get("d") and not opts.get("s") and len(sets) < 2):
        ctx.error("Needs 2 arguments" if sets else "Needs 1 argument")
        return 1
    text = (await ctx.read_stdin()).decode("utf-8", "surrogateescape")
    s1 = _tr_set(sets[0])
    if opts.get("d"):
        text = "".join(c for c in text if c not in s1)
        squeeze = _tr_set(sets[1]) if len(sets) > 1 else ""
    elif len(sets) > 1:
        s2 = _tr_set(sets[1])
        s2 = (s2 + s2[-1:] * len(s1))[: len(s1)] if s2 else s2
        table = {ord(a): b for a, b in zip(s1, s2)}
        text = text.translate(table)
        squeeze = s2
    else:
        squeeze = s1
    if opts.get("s") and squeeze:
        text = re.sub("([" + re.escape(squeeze) + "])\\1+", r"\1", text)
    ctx.out(text.encode("utf-8", "surrogateescape"))
    return 0


@command("tee")
async def tee(ctx: Ctx) -> int:
    try:
        opts, files = parse_opts(ctx.argv[1:], "ai")
    except UsageError as exc:
        ctx.error(str(exc))
        return 1
    data = await ctx.read_stdin()
    status = 0
    with ctx.system.lock:
        for name in files:
            path = ctx.resolve(name)
            denied = write_denied(ctx.fs, path, ctx.uid)
            if denied or ctx.fs.is_dir(path):
                ctx.error(f"{name}: {denied or 'Is a directory'}")
                status = 1
                continue
            exists = ctx.fs.exists(path)
            mode, uid, gid = new_node_attrs(path, ctx.uid)
            ctx.fs.write(path, data, append=bool(opts.get("a")) and exists, mode=None if exists else mode,
                         uid=uid, gid=gid)
    ctx.out(data)
    return status


@command("seq")
def seq(ctx: Ctx) -> int:
    args = [a for a in ctx.argv[1:]]
    try:
        nums = [float(a) for a in args]
    except ValueError:
        ctx.error(f"invalid float value '{next(a for a in args if not _is_float(a))}'")
        return 1
    if not 1 <= len(nums) <= 3:
        ctx.error("Needs 1 argument" if not nums else "Max 3 arguments")
        return 1
    first, step, last = (1.0, 1.0, nums[0]) if len(nums) == 1 else (
        (nums[0], 1.0, nums[1]) if len(nums) == 2 else (nums[0], nums[1], nums[2]))
    if step == 0:
        ctx.error("Step can't be 0")
        return 1
    integral = all(float(x).is_integer() for x in (first, step, last))
    out = []
    value = first
    limit = 1_000_000  # bounded: the output of a device command must stay finite
    while (value <= last if step > 0 else value >= last) and len(out) < limit:
        out.append(str(int(value)) if integral else f"{value:g}")
        value += step
    ctx.out("".join(v + "\n" for v in out))
    return 0


def _is_float(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False
