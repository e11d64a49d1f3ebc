# SPDX-License-Identifier: GPL-2.0-or-later
"""The test database for the Python drivers, on either backend: SQLite
through the sqlite3 module, PostgreSQL through psql (no driver module
needed), chosen as tests/integration/lib.sh chose it (T_PGDB and MD_PGHOST
in the environment: PostgreSQL).  connect(path).execute(sql, params) with
`?` placeholders and plain SQL both backends run; rows come back as
tuples, with the column types the backend gives (PostgreSQL's through
json_agg: integers as ints, text as str, NULL as None).

    import tdb
    con = tdb.connect(DB)            # DB: the SQLite file (unused on PG)
    n = con.execute("SELECT count(*) FROM sales_flat_invoice").fetchone()[0]
"""
import json
import os
import re
import sqlite3
import subprocess

PGDB = os.environ.get("T_PGDB") or ""
PGHOST = os.environ.get("MD_PGHOST") or ""
PGBIN = os.environ.get("PGBIN") or "/usr/lib/postgresql/15/bin"
BACKEND = "postgresql" if PGDB else "sqlite"
_INT = re.compile(r"^-?[0-9]+$")
_NULL = "\x02N"
_FS, _RS = "\x1f", "\x1e"


def _literal(v):
    if v is None:
        return "NULL"
    if isinstance(v, bool):
        return "1" if v else "0"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, bytes):
        v = v.decode("utf-8", "surrogateescape")
    return "'" + str(v).replace("'", "''") + "'"


def _bind(sql, params):
    out, i, k = [], 0, 0
    quoted = False
    for ch in sql:
        if ch == "'":
            quoted = not quoted
        if ch == "?" and not quoted:
            out.append(_literal(params[k]))
            k += 1
        else:
            out.append(ch)
        i += 1
    return "".join(out)


class _Rows:
    def __init__(self, rows):
        self.rows = rows

    def fetchone(self):
        return self.rows[0] if self.rows else None

    def fetchall(self):
        return self.rows

    def __iter__(self):
        return iter(self.rows)


class _PgConn:
    def __init__(self):
        self.pending = []

    def query(self, sql):
        p = subprocess.run([os.path.join(PGBIN, "psql"), "-h", PGHOST, "-U", "postgres",
                            "-d", PGDB, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                            "-F", _FS, "-R", _RS, "-P", "null=" + _NULL],
                           input=sql.encode(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if p.returncode != 0:
            raise RuntimeError("psql: %s: %s" % (sql[:200], p.stderr.decode(errors="replace")))
        text = p.stdout.decode("utf-8", "replace")
        if text.endswith("\n"):
            text = text[:-1]
        rows = []
        for line in text.split(_RS) if text else []:
            rows.append(tuple(None if v == _NULL else int(v) if _INT.match(v) else v
                              for v in line.split(_FS)))
        return rows

    def execute(self, sql, params=()):
        sql = _bind(sql, params)
        if re.match(r"\s*(SELECT|WITH)\b", sql, re.I):
            out = self.query("SELECT coalesce(json_agg(q), '[]') FROM (%s) q" % sql)
            rows = json.loads(out[0][0] if isinstance(out[0][0], str) else str(out[0][0]),
                              object_pairs_hook=lambda kv: tuple(v for _, v in kv))
            return _Rows(list(rows))
        self.pending.append(sql)
        return _Rows([])

    def commit(self):
        if self.pending:
            self.query("BEGIN;\n" + ";\n".join(self.pending) + ";\nCOMMIT;")
        self.pending = []

    def close(self):
        self.commit()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if exc[0] is None:
            self.commit()
        return False


def connect(path, readonly=False):
    if BACKEND == "postgresql":
        return _PgConn()
    if readonly:
        return sqlite3.connect("file:%s?mode=ro" % path, uri=True, timeout=30)
    return sqlite3.connect(path, timeout=30)


def tables():
    """The names of the stored tables, sorted."""
    if BACKEND == "postgresql":
        return [r[0] for r in _PgConn().query(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
            "AND table_type = 'BASE TABLE' ORDER BY table_name")]
    raise RuntimeError("tables(): use sqlite_master on SQLite")


def columns(table):
    """(name, is_integer) of a table's columns, in order (PostgreSQL)."""
    return [(r[0], r[1] in ("bigint", "integer", "smallint")) for r in _PgConn().query(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '%s' "
        "ORDER BY ordinal_position" % table)]
