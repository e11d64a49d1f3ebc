/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Storage internals shared by src/store and src/domain: the struct store
 * behind the opaque handle, the prepared-statement cache and transaction
 * helpers.  Nothing outside those two folders includes this file (nor
 * sqlite3.h).
 */
#ifndef MD_STORE_INT_H
#define MD_STORE_INT_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "magesoapd/store.h"

struct st_cached {
    const char *sql; /* key: the address of a static SQL string */
    sqlite3_stmt *stmt;
};

struct store_gate;

/* A member of a group-commit batch (store.c): set by the committer. */
struct store_member {
    struct store_member *next;
    int done, ok;
};

struct store {
    sqlite3 *db;
    struct st_cached *cache; /* grows; one connection = one thread */
    size_t ncache, capcache;
    int in_tx;               /* transaction depth (>1: savepoints) */
    char errmsg[256];        /* last SQLite error, for logs only */
    /* Write transactions of a file database go through the process-wide
     * gate of that file (group commit, see store.c): while one runs, db
     * and cache are the gate's writer connection and own_* keep this
     * connection's.  gate is NULL for ":memory:" and for a writer. */
    struct store_gate *gate;
    int gated_tx;            /* the outermost transaction runs on the gate */
    int busy_ms;
    sqlite3 *own_db;
    struct st_cached *own_cache;
    size_t own_ncache, own_capcache;
    struct store_member member;
};

/* Prepared statement for a static SQL string, cached per connection and
 * handed out reset with its bindings cleared.  The caller runs it and then
 * calls store_done() so no read snapshot stays open.  NULL on error (see
 * store_errmsg). */
sqlite3_stmt *store_prep(struct store *st, const char *sql);
/* Reset a statement from store_prep (keeps it in the cache). */
void store_done(sqlite3_stmt *stmt);

/* Write transactions always start with BEGIN IMMEDIATE: the write lock is
 * taken before anything is read, so every decision made inside the
 * transaction is made on data no other writer can change meanwhile.
 * On a file database the outermost one joins the current group-commit
 * batch of the process (store.c): it runs alone, after the batch's earlier
 * members, on the shared writer connection, and store_commit returns once
 * the batch (and so this transaction) is durable. */
int store_begin(struct store *st);    /* SQLITE_OK or an error code */
/* A read transaction (deferred BEGIN): several SELECTs see one snapshot.
 * End it with store_commit. */
int store_begin_read(struct store *st);
int store_commit(struct store *st);   /* SQLITE_OK, else rolled back */
void store_rollback(struct store *st);

/* This connection writes alone (bulk loads): its write transactions run on
 * it directly instead of through the process-wide gate.  Call before any
 * transaction. */
void store_ungate(struct store *st);

/* Test hook: steps of the gated write path where a failure can be injected.
 * When store_fail_hook is set and returns non-zero for a step, that step
 * fails as if SQLite had failed it.  NULL (the default) in production. */
enum store_step {
    STORE_STEP_OPEN,      /* opening the writer connection */
    STORE_STEP_BEGIN,     /* BEGIN IMMEDIATE of a new batch */
    STORE_STEP_SAVEPOINT, /* the member's SAVEPOINT */
    STORE_STEP_RELEASE,   /* RELEASE of a member that succeeded */
    STORE_STEP_ROLLBACK,  /* ROLLBACK TO of a member that failed */
    STORE_STEP_COMMIT,    /* the batch's COMMIT (committer thread) */
};
extern int (*store_fail_hook)(enum store_step step);

/* Run SQL without results (schema, pragmas). */
int store_exec(struct store *st, const char *sql);
/* Remember the connection's current error text, prefixed by what. */
void store_note_error(struct store *st, const char *what);
const char *store_errmsg(const struct store *st);

/* Bind helpers: NULL text binds SQL NULL. */
int st_bind_text(sqlite3_stmt *s, int idx, const char *text);
int st_bind_int(sqlite3_stmt *s, int idx, int64_t v);
/* Column text, or NULL for SQL NULL.  Valid until the next step/reset. */
const char *st_col_text(sqlite3_stmt *s, int col);
int st_col_is_null(sqlite3_stmt *s, int col);

/* Single-value queries on static SQL; the statement is bound by the
 * callback-free variadic form "i" = int64, "s" = text.  Return 1 when a row
 * was found (value in *out), 0 when none, -1 on error. */
int st_query_int(struct store *st, const char *sql, int64_t *out, const char *types, ...);

#endif
