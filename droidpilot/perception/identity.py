"""Stable element identities and screen fingerprints.

An identity must survive a rebuild of the same screen (replay, diffs) yet tell apart the rows of
a list. So it prefers what the app chose and keeps between runs (resource id, class, the text or
description) and uses the position in the tree only for anonymous nodes. Input fields never use
their text, which is what the agent changes. Collisions get an ordinal in document order.

Identity format: ``<short id or class>:<12 hex>``, readable in logs and trajectories.
"""

from __future__ import annotations

import hashlib

__all__ = ["identity_key", "assign_identities", "fingerprint"]


def identity_key(
    *,
    package: str,
    resource_id: str,
    class_name: str,
    role: str,
    label: str,
    editable: bool,
    hint: str,
    tree_path: str,
) -> str:
    if editable:
        anchor = hint or resource_id or tree_path
    elif label:
        anchor = label
    elif resource_id:
        anchor = ""
    else:
        anchor = tree_path
    return "\x1f".join((package, resource_id, class_name, role, anchor))


def assign_identities(keys: list[str], readable: list[str]) -> list[str]:
    """Hash each key, adding an ordinal to repeats so equal rows stay distinct."""
    counts: dict[str, int] = {}
    out = []
    for key, name in zip(keys, readable):
        n = counts.get(key, 0)
        counts[key] = n + 1
        digest = hashlib.blake2b(f"{key}\x1e{n}".encode("utf-8", "surrogatepass"), digest_size=6).hexdigest()
        out.append(f"{name or 'node'}:{digest}")
    return out


def fingerprint(parts: list[str]) -> str:
    """A short hash of everything the model can see; equal fingerprints mean 'nothing changed'."""
    h = hashlib.blake2b(digest_size=10)
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x1e")
    return h.hexdigest()
