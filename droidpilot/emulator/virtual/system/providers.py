"""Content providers: ``content query|insert|update|delete --uri content://...``.

Each provider owns tables held in an in-memory SQLite database (the query engine, so
``--where`` and ``--sort`` get real SQL semantics as on Android) and persisted as JSON in the
virtual file system under the owning package's data directory, so data survives app and
device restarts with a state directory.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:  # pragma: no cover
    from .core import System


class ProviderError(Exception):
    """What ``content`` prints when a provider refuses a call (unknown URI, bad SQL)."""


@dataclass
class Table:
    """One table of a provider, and the URI paths that address it."""

    name: str
    columns: list[tuple[str, str]]  # (name, sqlite type); the first is the integer primary key
    paths: list[str]  # e.g. ["sms", "sms/inbox"]; "<path>/#" addresses one row
    path_filters: dict[str, dict[str, Any]] = field(default_factory=dict)  # path -> implied column values
    default_sort: str | None = None

    @property
    def id_column(self) -> str:
        return self.columns[0][0]


ChangeListener = Callable[[str, str], None]  # (authority, operation)


class Provider:
    """A content provider backed by SQLite in memory and JSON in the device's files."""

    def __init__(self, system: "System", authority: str, package: str, tables: Sequence[Table]) -> None:
        self.system = system
        self.authority = authority
        self.package = package
        self.tables = {t.name: t for t in tables}
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._db.row_factory = None
        self.listeners: list[ChangeListener] = []
        self.aliases: tuple[str, ...] = ()
        for table in tables:
            cols = ", ".join(
                f'"{name}" {typ}' + (" PRIMARY KEY AUTOINCREMENT" if i == 0 else "")
                for i, (name, typ) in enumerate(table.columns)
            )
            self._db.execute(f'CREATE TABLE "{table.name}" ({cols})')
        self.load()

    # -- persistence ---------------------------------------------------------------------------
    @property
    def store_path(self) -> str:
        return f"/data/data/{self.package}/databases/{self.authority}.json"

    def load(self) -> None:
        """Replace the tables' contents with what the store file holds (empty without one)."""
        for name in self.tables:
            self._db.execute(f'DELETE FROM "{name}"')
        fs = self.system.fs
        data: dict = {}
        if fs.exists(self.store_path):
            try:
                data = json.loads(fs.read(self.store_path).decode("utf-8"))
            except (ValueError, UnicodeDecodeError):
                data = {}  # a damaged store starts empty, like a wiped database
        for name, rows in data.items():
            table = self.tables.get(name)
            if table is None:
                continue
            for row in rows:
                self._insert_row(table, row)
        self._db.commit()

    def save(self) -> None:
        data = {}
        for name, table in self.tables.items():
            cols = [c for c, _ in table.columns]
            cur = self._db.execute(f'SELECT {", ".join(_q(c) for c in cols)} FROM "{name}" ORDER BY "{table.id_column}"')
            data[name] = [dict(zip(cols, row)) for row in cur.fetchall()]
        fs = self.system.fs
        directory = self.store_path.rsplit("/", 1)[0]
        if not fs.exists(directory):
            fs.mkdir(directory, parents=True)
        fs.write(self.store_path, json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8"))

    def clear(self) -> None:
        for name in self.tables:
            self._db.execute(f'DELETE FROM "{name}"')
            self._db.execute("DELETE FROM sqlite_sequence WHERE name = ?", (name,))
        self._db.commit()
        self.save()

    # -- routing -------------------------------------------------------------------------------
    def route(self, uri: str) -> tuple[Table, dict[str, Any], int | None]:
        parts = urlsplit(uri)
        if parts.scheme != "content" or parts.netloc not in (self.authority, *self.aliases):
            raise ProviderError(f"Unknown URL {uri}")
        path = parts.path.strip("/")
        row_id: int | None = None
        head, _, tail = path.rpartition("/")
        if tail.isdigit():
            row_id, path = int(tail), head
        for table in self.tables.values():
            if path in table.paths:
                return table, dict(table.path_filters.get(path, {})), row_id
        raise ProviderError(f"Unknown URL {uri}")

    # -- operations ------------------------------------------------------------------------------
    def query(
        self,
        uri: str,
        projection: Sequence[str] | None = None,
        where: str | None = None,
        args: Sequence[Any] = (),
        sort: str | None = None,
    ) -> tuple[list[str], list[tuple[Any, ...]]]:
        table, implied, row_id = self.route(uri)
        cols = list(projection) if projection else [c for c, _ in table.columns]
        clauses, params = self._clauses(table, implied, row_id, where, args)
        sql = f'SELECT {", ".join(_q(c) if c.isidentifier() else c for c in cols)} FROM "{table.name}"'
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        order = sort or table.default_sort
        if order:
            sql += f" ORDER BY {order}"
        try:
            cur = self._db.execute(sql, params)
        except sqlite3.Error as exc:
            raise ProviderError(f"Error while accessing provider:{self.authority}\nandroid.database.sqlite.SQLiteException: {exc}") from exc
        names = [d[0] for d in cur.description]
        return names, cur.fetchall()

    def insert(self, uri: str, values: dict[str, Any]) -> str:
        table, implied, _ = self.route(uri)
        row = {**implied, **values}
        known = {c for c, _ in table.columns}
        unknown = sorted(set(row) - known)
        if unknown:
            raise ProviderError(
                f"Error while accessing provider:{self.authority}\n"
                f"android.database.sqlite.SQLiteException: table {table.name} has no column named {unknown[0]}"
            )
        new_id = self._insert_row(table, row)
        self._changed("insert")
        return f"content://{self.authority}/{table.paths[0]}/{new_id}"

    def update(self, uri: str, values: dict[str, Any], where: str | None = None, args: Sequence[Any] = ()) -> int:
        table, implied, row_id = self.route(uri)
        if not values:
            return 0
        clauses, params = self._clauses(table, implied, row_id, where, args)
        sets = ", ".join(f"{_q(k)} = ?" for k in values)
        sql = f'UPDATE "{table.name}" SET {sets}'
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        try:
            cur = self._db.execute(sql, [*values.values(), *params])
        except sqlite3.Error as exc:
            raise ProviderError(f"Error while accessing provider:{self.authority}\nandroid.database.sqlite.SQLiteException: {exc}") from exc
        self._changed("update")
        return cur.rowcount

    def delete(self, uri: str, where: str | None = None, args: Sequence[Any] = ()) -> int:
        table, implied, row_id = self.route(uri)
        clauses, params = self._clauses(table, implied, row_id, where, args)
        sql = f'DELETE FROM "{table.name}"'
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        try:
            cur = self._db.execute(sql, params)
        except sqlite3.Error as exc:
            raise ProviderError(f"Error while accessing provider:{self.authority}\nandroid.database.sqlite.SQLiteException: {exc}") from exc
        self._changed("delete")
        return cur.rowcount

    def rows(self, table: str, where: str | None = None, args: Sequence[Any] = (), order: str | None = None) -> list[dict[str, Any]]:
        """Rows as dicts, for apps rendering their screens."""
        spec = self.tables[table]
        sql = f'SELECT * FROM "{table}"'
        if where:
            sql += f" WHERE {where}"
        sql += f" ORDER BY {order or spec.default_sort or _q(spec.id_column)}"
        cur = self._db.execute(sql, list(args))
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]

    # -- internals -------------------------------------------------------------------------------
    def _insert_row(self, table: Table, row: dict[str, Any]) -> int:
        cols = list(row)
        sql = f'INSERT INTO "{table.name}" ({", ".join(_q(c) for c in cols)}) VALUES ({", ".join("?" for _ in cols)})'
        cur = self._db.execute(sql, [row[c] for c in cols])
        return int(cur.lastrowid)

    def _clauses(self, table: Table, implied: dict[str, Any], row_id: int | None, where: str | None, args: Sequence[Any]):
        clauses: list[str] = []
        params: list[Any] = []
        for col, value in implied.items():
            clauses.append(f"{_q(col)} = ?")
            params.append(value)
        if row_id is not None:
            clauses.append(f"{_q(table.id_column)} = ?")
            params.append(row_id)
        if where:
            clauses.append(f"({where})")
            params.extend(args)
        return clauses, params

    def _changed(self, op: str) -> None:
        self._db.commit()
        self.save()
        for listener in list(self.listeners):
            listener(self.authority, op)
        self.system.wm.invalidate()


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class ProviderRegistry:
    def __init__(self) -> None:
        self._by_authority: dict[str, Provider] = {}

    def register(self, provider: Provider, *aliases: str) -> None:
        self._by_authority[provider.authority] = provider
        provider.aliases = tuple(aliases)
        for alias in aliases:
            self._by_authority[alias] = provider

    def get(self, authority: str) -> Provider | None:
        return self._by_authority.get(authority)

    def for_uri(self, uri: str) -> Provider:
        parts = urlsplit(uri)
        if parts.scheme != "content":
            raise ProviderError(f"Invalid content URI: {uri}")
        provider = self._by_authority.get(parts.netloc)
        if provider is None:
            raise ProviderError(f"Could not find provider: {parts.netloc}")
        return provider

    def all(self) -> list[Provider]:
        seen: dict[int, Provider] = {}
        for p in self._by_authority.values():
            seen[id(p)] = p
        return list(seen.values())
