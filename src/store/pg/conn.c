/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The PostgreSQL backend's connections: a pool per database and process
 * (db_pool_size connections, made on demand, re-made after a failure), the
 * statement helpers (prepared once per connection), transactions (row
 * locks instead of SQLite's single writer), the embedded migrations
 * (schema/pg/NNN_name.sql, version kept in md_schema) and open / close.
 *
 * Every connection runs with synchronous_commit = on (acknowledged means
 * durable on the server), statement_timeout and lock_timeout =
 * busy_timeout_ms (no request waits longer on the database), and
 * connect_timeout 5 s.  A handle borrows a connection for a transaction or
 * one statement; when none is free within busy_timeout_ms the operation
 * fails (a clean fault for the client).  A connection found broken when
 * borrowed is reset first; while the server is down every operation fails
 * at once, and the first borrow after it is back reconnects.
 */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "magesoapd/config.h"
#include "magesoapd/log.h"
#include "store/pg/pg_int.h"

#define DEFAULT_POOL 8
#define DEFAULT_TIMEOUT_MS 10000
#define MAX_PREPARED 256

/* ---- the pool ------------------------------------------------------------- */

struct pg_conn {
    PGconn *c;
    int busy;
    const char *prepared[MAX_PREPARED]; /* static SQL keys prepared on c */
    int nprepared;
    int piped; /* commands sent in pipeline mode whose results are not read yet */
    int dirty; /* a pipeline failed: the connection is closed when given back */
};

struct pg_pool {
    struct pg_pool *next;
    char *conninfo;
    int refs, size, timeout_ms;
    pthread_mutex_t mu;
    pthread_cond_t freed;
    struct pg_conn *conns; /* size slots; c NULL until first needed */
};

static pthread_mutex_t g_pools_mu = PTHREAD_MUTEX_INITIALIZER;
static struct pg_pool *g_pools;

static void conn_settings(struct pg_pool *p, PGconn *c)
{
    char sql[256];
    snprintf(sql, sizeof sql,
             "SET synchronous_commit = on; SET statement_timeout = %d; SET lock_timeout = %d; "
             "SET idle_in_transaction_session_timeout = %d; SET client_min_messages = warning",
             p->timeout_ms, p->timeout_ms, p->timeout_ms * 6 + 60000);
    PGresult *r = PQexec(c, sql);
    PQclear(r);
}

static PGconn *connect_db(struct pg_pool *p)
{
    const char *keys[] = {"dbname", "connect_timeout", "application_name", NULL};
    const char *vals[] = {p->conninfo, "5", "magesoapd", NULL};
    PGconn *c = PQconnectdbParams(keys, vals, 1);
    if (c && PQstatus(c) == CONNECTION_OK)
        conn_settings(p, c);
    return c;
}

static struct pg_pool *pool_get(const char *conninfo, int size, int timeout_ms)
{
    pthread_mutex_lock(&g_pools_mu);
    struct pg_pool *p;
    for (p = g_pools; p; p = p->next)
        if (!strcmp(p->conninfo, conninfo))
            break;
    if (p) {
        p->refs++;
    } else if ((p = calloc(1, sizeof *p))) {
        p->conninfo = strdup(conninfo);
        p->size = size > 0 ? size : DEFAULT_POOL;
        p->timeout_ms = timeout_ms > 0 ? timeout_ms : DEFAULT_TIMEOUT_MS;
        p->conns = calloc((size_t)p->size, sizeof *p->conns);
        if (!p->conninfo || !p->conns) {
            free(p->conninfo);
            free(p->conns);
            free(p);
            p = NULL;
        } else {
            pthread_mutex_init(&p->mu, NULL);
            pthread_cond_init(&p->freed, NULL);
            p->refs = 1;
            p->next = g_pools;
            g_pools = p;
        }
    }
    pthread_mutex_unlock(&g_pools_mu);
    return p;
}

static void pool_put(struct pg_pool *p)
{
    pthread_mutex_lock(&g_pools_mu);
    if (--p->refs > 0) {
        pthread_mutex_unlock(&g_pools_mu);
        return;
    }
    for (struct pg_pool **pp = &g_pools; *pp; pp = &(*pp)->next) {
        if (*pp == p) {
            *pp = p->next;
            break;
        }
    }
    pthread_mutex_unlock(&g_pools_mu);
    for (int i = 0; i < p->size; i++)
        if (p->conns[i].c)
            PQfinish(p->conns[i].c);
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->freed);
    free(p->conns);
    free(p->conninfo);
    free(p);
}

static void deadline_after(struct timespec *ts, int ms)
{
    clock_gettime(CLOCK_REALTIME, ts);
    ts->tv_sec += ms / 1000;
    ts->tv_nsec += (long)(ms % 1000) * 1000000L;
    if (ts->tv_nsec >= 1000000000L) {
        ts->tv_sec++;
        ts->tv_nsec -= 1000000000L;
    }
}

/* A free slot (waiting up to the pool's timeout, or not at all with
 * nowait), connected; NULL with st->errmsg set. */
static struct pg_conn *pool_take(struct store *st, int nowait)
{
    struct pg_pool *p = st->pool;
    struct timespec until;
    struct pg_conn *slot = NULL;
    deadline_after(&until, p->timeout_ms);
    pthread_mutex_lock(&p->mu);
    for (;;) {
        for (int i = 0; i < p->size && !slot; i++)
            if (!p->conns[i].busy && p->conns[i].c)
                slot = &p->conns[i];
        for (int i = 0; i < p->size && !slot; i++)
            if (!p->conns[i].busy)
                slot = &p->conns[i];
        if (slot || nowait)
            break;
        if (pthread_cond_timedwait(&p->freed, &p->mu, &until) == ETIMEDOUT)
            break;
    }
    if (slot)
        slot->busy = 1;
    pthread_mutex_unlock(&p->mu);
    if (!slot) {
        st->unavailable = 1;
        snprintf(st->errmsg, sizeof st->errmsg,
                 "no database connection free within %d ms (db_pool_size %d)", p->timeout_ms,
                 p->size);
        return NULL;
    }
    if (slot->c && PQstatus(slot->c) != CONNECTION_OK) {
        PQfinish(slot->c);
        slot->c = NULL;
    }
    if (!slot->c) {
        slot->nprepared = 0;
        slot->c = connect_db(p);
        if (!slot->c || PQstatus(slot->c) != CONNECTION_OK) {
            st->unavailable = 1;
            snprintf(st->errmsg, sizeof st->errmsg, "database unavailable: %s",
                     slot->c ? PQerrorMessage(slot->c) : "out of memory");
            st->errmsg[strcspn(st->errmsg, "\n")] = '\0';
            if (slot->c)
                PQfinish(slot->c);
            slot->c = NULL;
            pthread_mutex_lock(&p->mu);
            slot->busy = 0;
            pthread_cond_signal(&p->freed);
            pthread_mutex_unlock(&p->mu);
            return NULL;
        }
    }
    return slot;
}

static void pool_give(struct store *st, struct pg_conn *slot)
{
    struct pg_pool *p = st->pool;
    if (slot->c && (slot->dirty || slot->piped)) {
        PQfinish(slot->c); /* reconnected (and statements prepared again) on next use */
        slot->c = NULL;
    }
    slot->dirty = slot->piped = 0;
    if (slot->c && PQstatus(slot->c) == CONNECTION_OK &&
        PQtransactionStatus(slot->c) != PQTRANS_IDLE)
        PQclear(PQexec(slot->c, "ROLLBACK"));
    pthread_mutex_lock(&p->mu);
    slot->busy = 0;
    pthread_cond_signal(&p->freed);
    pthread_mutex_unlock(&p->mu);
}

/* ---- errors ------------------------------------------------------------- */

void pq_note_error(struct store *st, const char *what, const char *detail)
{
    snprintf(st->errmsg, sizeof st->errmsg, "%s: %s", what, detail ? detail : "error");
    size_t n = strlen(st->errmsg);
    while (n && (st->errmsg[n - 1] == '\n' || st->errmsg[n - 1] == ' '))
        st->errmsg[--n] = '\0';
}

void pq_note(struct store *st, const char *what)
{
    char detail[sizeof st->errmsg];
    memcpy(detail, st->errmsg, sizeof detail);
    pq_note_error(st, what, detail);
}

PGconn *pq_connect_alone(struct store *st)
{
    PGconn *c = connect_db(st->pool);
    if (!c || PQstatus(c) != CONNECTION_OK) {
        pq_note_error(st, "connect", c ? PQerrorMessage(c) : "out of memory");
        PQfinish(c);
        return NULL;
    }
    PQclear(PQexec(c, "SET statement_timeout = 0; SET idle_in_transaction_session_timeout = 0"));
    return c;
}

int pq_touch_beside(struct store *st, const char *sql, const char *a, const char *b)
{
    struct pg_conn *pc = pool_take(st, 1);
    if (!pc)
        return 0; /* none free now: the next call refreshes it */
    const char *vals[] = {a, b};
    PGresult *r = PQexecParams(pc->c, sql, 2, NULL, vals, NULL, NULL, 0);
    int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    if (!ok)
        pq_note_error(st, "session", PQresultErrorMessage(r));
    PQclear(r);
    pool_give(st, pc);
    return ok ? 0 : -1;
}

int pq_timeout_ms(const struct store *st)
{
    return st->pool->timeout_ms;
}

int pgs_unavailable(const struct store *st)
{
    return st->unavailable;
}

/* A failure that says the server is away: the connection broke, or
 * SQLSTATE class 08 (connection exception), 57P01-57P03 (shutting down,
 * crash shutdown, cannot connect now). */
static int server_away(PGconn *c, const PGresult *r)
{
    const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    if (!c || PQstatus(c) != CONNECTION_OK)
        return 1;
    return state && (!strncmp(state, "08", 2) || !strcmp(state, "57P01") ||
                     !strcmp(state, "57P02") || !strcmp(state, "57P03"));
}

const char *pgs_errmsg(const struct store *st)
{
    return st->errmsg;
}

/* ---- statements -------------------------------------------------------- */

/* `?` -> $1, $2 ... outside quoted literals; $n already there is kept. */
static char *dollar_sql(const char *sql, int *nparams)
{
    size_t n = strlen(sql);
    char *out = malloc(n * 4 + 1);
    int k = 0, maxn = 0;
    size_t o = 0;
    char q = 0;
    if (!out)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        char ch = sql[i];
        if (q) {
            if (ch == q)
                q = 0;
            out[o++] = ch;
        } else if (ch == '\'' || ch == '"') {
            q = ch;
            out[o++] = ch;
        } else if (ch == '?') {
            o += (size_t)sprintf(out + o, "$%d", ++k);
        } else {
            if (ch == '$' && sql[i + 1] >= '1' && sql[i + 1] <= '9') {
                int v = atoi(sql + i + 1);
                if (v > maxn)
                    maxn = v;
            }
            out[o++] = ch;
        }
    }
    out[o] = '\0';
    *nparams = k > maxn ? k : maxn;
    return out;
}

static pq_stmt *stmt_new(struct store *st, const char *sql, const char *key)
{
    pq_stmt *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->st = st;
    s->key = key;
    s->sql = dollar_sql(sql, &s->nparams);
    if (!s->sql || s->nparams > PQ_MAX_PARAMS) {
        free(s->sql);
        free(s);
        return NULL;
    }
    if (key)
        snprintf(s->name, sizeof s->name, "md_%lx", (unsigned long)(uintptr_t)key);
    return s;
}

static void stmt_clear(pq_stmt *s)
{
    if (s->res)
        PQclear(s->res);
    s->res = NULL;
    s->row = -1;
    s->nrows = 0;
    for (int i = 0; i < PQ_MAX_PARAMS; i++) {
        if (s->vals[i] && s->vals[i] != s->ibuf[i])
            free(s->vals[i]);
        s->vals[i] = NULL;
    }
}

pq_stmt *pq_prep(struct store *st, const char *sql)
{
    for (size_t i = 0; i < st->ncache; i++) {
        if (st->cache[i]->key == sql) {
            stmt_clear(st->cache[i]);
            return st->cache[i];
        }
    }
    if (st->ncache == st->capcache) {
        size_t cap = st->capcache ? st->capcache * 2 : 64;
        pq_stmt **c = realloc(st->cache, cap * sizeof *c);
        if (!c) {
            snprintf(st->errmsg, sizeof st->errmsg, "out of memory");
            return NULL;
        }
        st->cache = c;
        st->capcache = cap;
    }
    pq_stmt *s = stmt_new(st, sql, sql);
    if (!s) {
        snprintf(st->errmsg, sizeof st->errmsg, "prepare: out of memory or too many parameters");
        return NULL;
    }
    s->row = -1;
    st->cache[st->ncache++] = s;
    return s;
}

pq_stmt *pq_oneoff(struct store *st, const char *sql)
{
    pq_stmt *s = stmt_new(st, sql, NULL);
    if (!s)
        snprintf(st->errmsg, sizeof st->errmsg, "prepare: out of memory or too many parameters");
    else
        s->row = -1;
    return s;
}

void pq_free(pq_stmt *s)
{
    if (!s)
        return;
    stmt_clear(s);
    free(s->sql);
    free(s);
}

void pq_done(pq_stmt *s)
{
    if (s)
        stmt_clear(s);
}

int pq_bind_text(pq_stmt *s, int idx, const char *text)
{
    if (idx < 1 || idx > PQ_MAX_PARAMS)
        return -1;
    if (s->vals[idx - 1] && s->vals[idx - 1] != s->ibuf[idx - 1])
        free(s->vals[idx - 1]);
    s->vals[idx - 1] = text ? strdup(text) : NULL;
    return text && !s->vals[idx - 1] ? -1 : 0;
}

int pq_bind_int(pq_stmt *s, int idx, int64_t v)
{
    if (idx < 1 || idx > PQ_MAX_PARAMS)
        return -1;
    if (s->vals[idx - 1] && s->vals[idx - 1] != s->ibuf[idx - 1])
        free(s->vals[idx - 1]);
    snprintf(s->ibuf[idx - 1], sizeof s->ibuf[idx - 1], "%lld", (long long)v);
    s->vals[idx - 1] = s->ibuf[idx - 1];
    return 0;
}

int pq_bind_null(pq_stmt *s, int idx)
{
    return pq_bind_text(s, idx, NULL);
}

static int is_prepared(const struct pg_conn *pc, const char *key)
{
    for (int i = 0; i < pc->nprepared; i++)
        if (pc->prepared[i] == key)
            return 1;
    return 0;
}

static PGresult *run_on(pq_stmt *s, struct pg_conn *pc)
{
    const char *const *vals = (const char *const *)s->vals;
    if (!s->key || (!is_prepared(pc, s->key) && pc->nprepared >= MAX_PREPARED))
        return PQexecParams(pc->c, s->sql, s->nparams, NULL, vals, NULL, NULL, 0);
    if (!is_prepared(pc, s->key)) {
        PGresult *r = PQprepare(pc->c, s->name, s->sql, s->nparams, NULL);
        if (PQresultStatus(r) != PGRES_COMMAND_OK)
            return r;
        PQclear(r);
        pc->prepared[pc->nprepared++] = s->key;
    }
    return PQexecPrepared(pc->c, s->name, s->nparams, vals, NULL, NULL, 0);
}

/* ---- pipeline mode ---------------------------------------------------------
 *
 * Inside a transaction, statements whose results nobody reads (BEGIN,
 * SAVEPOINT / RELEASE, the writes run through pq_defer) are not waited
 * for: they are sent in libpq pipeline mode and ride along with the next
 * statement that returns rows, or with the COMMIT.  One round trip then
 * carries several statements; a create's writes and its COMMIT go in one.
 * A failure among them surfaces at that next statement (the transaction
 * is then rolled back by the caller: nothing is committed), and the
 * connection is closed when given back, so no half-read pipeline or
 * half-known prepared statement outlives it. */

static int pipe_enter(struct pg_conn *pc)
{
    if (PQpipelineStatus(pc->c) == PQ_PIPELINE_OFF && PQenterPipelineMode(pc->c) != 1)
        return -1;
    return 0;
}

static int pipe_send(struct pg_conn *pc, pq_stmt *s)
{
    const char *const *vals = (const char *const *)s->vals;
    if (pipe_enter(pc) != 0)
        return -1;
    if (!s->key || (!is_prepared(pc, s->key) && pc->nprepared >= MAX_PREPARED)) {
        if (PQsendQueryParams(pc->c, s->sql, s->nparams, NULL, vals, NULL, NULL, 0) != 1)
            return -1;
        pc->piped++;
        return 0;
    }
    if (!is_prepared(pc, s->key)) {
        if (PQsendPrepare(pc->c, s->name, s->sql, s->nparams, NULL) != 1)
            return -1;
        pc->piped++;
        pc->prepared[pc->nprepared++] = s->key;
    }
    if (PQsendQueryPrepared(pc->c, s->name, s->nparams, vals, NULL, NULL, 0) != 1)
        return -1;
    pc->piped++;
    return 0;
}

static int pipe_send_sql(struct pg_conn *pc, const char *sql)
{
    if (pipe_enter(pc) != 0 || PQsendQueryParams(pc->c, sql, 0, NULL, NULL, NULL, NULL, 0) != 1)
        return -1;
    pc->piped++;
    return 0;
}

/* Sync and read every pending result.  keep_last: the last command's
 * result is returned in *last (NULL when something before it failed);
 * 0, or -1 with errmsg set (the first failure). */
static int pipe_sync(struct store *st, struct pg_conn *pc, int keep_last, PGresult **last)
{
    int failed = 0, n = pc->piped;
    char why[sizeof st->errmsg] = "";
    if (last)
        *last = NULL;
    pc->piped = 0;
    if (PQpipelineSync(pc->c) != 1) {
        snprintf(why, sizeof why, "%s", PQerrorMessage(pc->c));
        failed = 1;
        n = 0;
    }
    for (int i = 0; i < n; i++) {
        PGresult *r = PQgetResult(pc->c);
        if (!r) {
            snprintf(why, sizeof why, "%s", PQerrorMessage(pc->c));
            failed = 1;
            break;
        }
        ExecStatusType es = PQresultStatus(r);
        int ok = es == PGRES_COMMAND_OK || es == PGRES_TUPLES_OK;
        if (keep_last && i == n - 1 && !failed) {
            *last = r; /* the caller's own statement: its failure is the caller's */
        } else {
            if (!ok && !failed) {
                failed = 1;
                snprintf(why, sizeof why, "%s", PQresultErrorMessage(r));
                st->unavailable = server_away(pc->c, r);
            }
            PQclear(r);
        }
        PGresult *end = PQgetResult(pc->c); /* NULL after each command's result */
        if (end) {
            PQclear(end);
            failed = 1;
            break;
        }
    }
    if (!failed) {
        PGresult *r = PQgetResult(pc->c);
        if (!r || PQresultStatus(r) != PGRES_PIPELINE_SYNC)
            failed = 1;
        PQclear(r);
    }
    if (failed || PQexitPipelineMode(pc->c) != 1) {
        pc->dirty = 1;
        if (last && *last) {
            PQclear(*last);
            *last = NULL;
        }
        if (PQstatus(pc->c) != CONNECTION_OK)
            st->unavailable = 1;
        pq_note_error(st, "query", why[0] ? why : PQerrorMessage(pc->c));
        return -1;
    }
    return 0;
}

int pq_defer(struct store *st, pq_stmt *s, const char *what)
{
    struct pg_conn *pc = st->held;
    if (!pc || pc->dirty || st->in_tx < 1) {
        int rc = pq_step(s);
        if (rc == PQ_ERR)
            pq_note(st, what);
        pq_done(s);
        return rc == PQ_ERR ? -1 : 0;
    }
    int rc = pipe_send(pc, s);
    pq_done(s);
    if (rc != 0) {
        pc->dirty = 1;
        pq_note_error(st, what, PQerrorMessage(pc->c));
        return -1;
    }
    return 0;
}

static int execute(pq_stmt *s)
{
    struct store *st = s->st;
    struct pg_conn *pc = st->held;
    int borrowed = 0;
    if (!pc) {
        if (!(pc = pool_take(st, 0)))
            return PQ_ERR;
        borrowed = 1;
    }
    if (pc->piped || pc->dirty) {
        if (pc->dirty || pipe_send(pc, s) != 0) {
            pc->dirty = 1;
            pq_note_error(st, "query", "an earlier statement of the transaction failed");
            return PQ_ERR;
        }
        if (pipe_sync(st, pc, 1, &s->res) != 0)
            return PQ_ERR;
    } else {
        s->res = run_on(s, pc);
    }
    ExecStatusType es = s->res ? PQresultStatus(s->res) : PGRES_FATAL_ERROR;
    int ok = es == PGRES_TUPLES_OK || es == PGRES_COMMAND_OK;
    st->unavailable = !ok && server_away(pc->c, s->res);
    if (!ok)
        pq_note_error(st, "query", s->res ? PQresultErrorMessage(s->res) : PQerrorMessage(pc->c));
    if (borrowed)
        pool_give(st, pc);
    if (!ok)
        return PQ_ERR;
    s->nrows = PQntuples(s->res);
    s->row = -1;
    return 0;
}

int pq_step(pq_stmt *s)
{
    if (!s->res && execute(s) != 0)
        return PQ_ERR;
    if (s->row + 1 < s->nrows) {
        s->row++;
        return PQ_ROW;
    }
    s->row = s->nrows;
    return PQ_DONE;
}

const char *pq_sqlstate(pq_stmt *s)
{
    const char *c = s->res ? PQresultErrorField(s->res, PG_DIAG_SQLSTATE) : NULL;
    return c ? c : "";
}

int pq_col_count(pq_stmt *s)
{
    return s->res ? PQnfields(s->res) : 0;
}

const char *pq_col_name(pq_stmt *s, int col)
{
    return PQfname(s->res, col);
}

int pq_col_is_null(pq_stmt *s, int col)
{
    return !s->res || s->row < 0 || s->row >= s->nrows || PQgetisnull(s->res, s->row, col);
}

int pq_col_is_int(pq_stmt *s, int col)
{
    Oid t = PQftype(s->res, col);
    return t == 20 || t == 21 || t == 23; /* int8, int2, int4 */
}

const char *pq_col_text(pq_stmt *s, int col)
{
    if (pq_col_is_null(s, col))
        return NULL;
    return PQgetvalue(s->res, s->row, col);
}

int64_t pq_col_int(pq_stmt *s, int col)
{
    const char *t = pq_col_text(s, col);
    if (!t)
        return 0;
    if (t[0] == 't')
        return 1;
    if (t[0] == 'f')
        return 0;
    return strtoll(t, NULL, 10);
}

int pq_run(struct store *st, pq_stmt *s, const char *what)
{
    int rc = pq_step(s);
    if (rc == PQ_ERR)
        pq_note(st, what);
    pq_done(s);
    return rc == PQ_ERR ? -1 : 0;
}

int pq_query_int(struct store *st, const char *sql, int64_t *out, const char *types, ...)
{
    pq_stmt *s = pq_prep(st, sql);
    if (!s)
        return -1;
    va_list ap;
    va_start(ap, types);
    for (int i = 0; types && types[i]; i++) {
        if (types[i] == 'i')
            pq_bind_int(s, i + 1, va_arg(ap, int64_t));
        else
            pq_bind_text(s, i + 1, va_arg(ap, const char *));
    }
    va_end(ap);
    int rc = pq_step(s), ret = rc == PQ_ROW ? 1 : rc == PQ_DONE ? 0 : -1;
    if (rc == PQ_ROW)
        *out = pq_col_int(s, 0);
    pq_done(s);
    return ret;
}

int pq_exec(struct store *st, const char *sql)
{
    struct pg_conn *pc = st->held;
    int borrowed = 0;
    if (!pc) {
        if (!(pc = pool_take(st, 0)))
            return -1;
        borrowed = 1;
    }
    if (pc->piped && pipe_sync(st, pc, 0, NULL) != 0)
        return -1; /* held: the transaction's end gives the connection back */
    if (pc->dirty) {
        pq_note_error(st, "exec", "an earlier statement of the transaction failed");
        return -1;
    }
    PGresult *r = PQexec(pc->c, sql);
    ExecStatusType es = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    int ok = es == PGRES_COMMAND_OK || es == PGRES_TUPLES_OK;
    st->unavailable = !ok && server_away(pc->c, r);
    if (!ok)
        pq_note_error(st, "exec", r ? PQresultErrorMessage(r) : PQerrorMessage(pc->c));
    PQclear(r);
    if (borrowed)
        pool_give(st, pc);
    return ok ? 0 : -1;
}

/* ---- transactions ------------------------------------------------------
 *
 * READ COMMITTED, with the rows a write decides on locked as it reads them
 * (the order and the invoice FOR UPDATE, the store's increment counter row
 * FOR UPDATE): a second writer of the same order, in this daemon or
 * another, waits at that read and then sees the first one's committed
 * result.  Read transactions are REPEATABLE READ READ ONLY: one snapshot.
 * Nested transactions are savepoints. */

static int tx_open(struct store *st, const char *sql, int write)
{
    if (st->in_tx) {
        if (pipe_send_sql(st->held, "SAVEPOINT md_nested") != 0) {
            st->held->dirty = 1;
            pq_note_error(st, "savepoint", PQerrorMessage(st->held->c));
            return -1;
        }
        st->in_tx++;
        return 0;
    }
    if (!(st->held = pool_take(st, 0)))
        return -1;
    if (pipe_send_sql(st->held, sql) != 0) { /* BEGIN goes with the first statement */
        st->held->dirty = 1;
        pq_note_error(st, "begin", PQerrorMessage(st->held->c));
        pool_give(st, st->held);
        st->held = NULL;
        return -1;
    }
    st->in_tx = 1;
    st->in_write = write;
    return 0;
}

static void tx_close(struct store *st)
{
    if (st->held)
        pool_give(st, st->held);
    st->held = NULL;
    st->in_tx = 0;
    st->in_write = 0;
}

int pgs_read_only(struct store *st, int on)
{
    int refused = st->write_refused;
    st->read_only = on;
    st->write_refused = 0;
    return on ? 0 : refused;
}

int pgs_begin(struct store *st)
{
    if (st->read_only) {
        st->write_refused = 1;
        snprintf(st->errmsg, sizeof st->errmsg, "begin: read-only (runs again on a worker)");
        return -1;
    }
    if (st->in_tx && !st->in_write) {
        snprintf(st->errmsg, sizeof st->errmsg, "begin: a write inside a read transaction");
        return -1;
    }
    return tx_open(st, "BEGIN ISOLATION LEVEL READ COMMITTED", 1);
}

int pgs_begin_read(struct store *st)
{
    return tx_open(st, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", 0);
}

int pgs_commit(struct store *st)
{
    if (st->in_tx > 1) {
        if (pipe_send_sql(st->held, "RELEASE md_nested") != 0) {
            st->held->dirty = 1;
            pgs_rollback(st);
            return -1;
        }
        st->in_tx--;
        return 0;
    }
    if (!st->in_tx)
        return 0;
    /* COMMIT rides with the writes still in the pipeline: one round trip.
     * A statement of this transaction failed (the pipeline broke, or
     * PostgreSQL aborted the transaction and would answer COMMIT with
     * ROLLBACK): say so instead of reporting the lost writes as committed;
     * the connection is closed when given back. */
    struct pg_conn *pc = st->held;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int rc = -1;
    if (pc->dirty || (st->in_write && !pc->piped && PQtransactionStatus(pc->c) == PQTRANS_INERROR)) {
        pc->dirty = 1;
        pq_note_error(st, "commit", "the transaction was aborted by an earlier failed statement");
    } else if (pipe_send_sql(pc, "COMMIT") != 0) {
        pc->dirty = 1;
        pq_note_error(st, "commit", PQerrorMessage(pc->c));
    } else {
        rc = pipe_sync(st, pc, 0, NULL);
    }
    if (rc == 0 && st->held && PQtransactionStatus(st->held->c) != PQTRANS_IDLE)
        rc = -1;
    if (st->in_write) { /* /metrics: every write transaction is a batch of one here */
        clock_gettime(CLOCK_MONOTONIC, &t1);
        store_write_stats_note(1,
                               (int64_t)(t1.tv_sec - t0.tv_sec) * 1000000 +
                                   (t1.tv_nsec - t0.tv_nsec) / 1000,
                               rc == 0);
    }
    tx_close(st);
    return rc;
}

void pgs_rollback(struct store *st)
{
    if (st->in_tx > 1) {
        if (st->held->piped)
            pipe_sync(st, st->held, 0, NULL);
        pq_exec(st, "ROLLBACK TO md_nested");
        pq_exec(st, "RELEASE md_nested");
        st->in_tx--;
        return;
    }
    if (!st->in_tx)
        return;
    if (st->held && st->held->piped)
        pipe_sync(st, st->held, 0, NULL); /* a failure here: closed when given back */
    if (st->held && !st->held->dirty && PQstatus(st->held->c) == CONNECTION_OK)
        pq_exec(st, "ROLLBACK");
    tx_close(st);
}

void pgs_ungate(struct store *st)
{
    (void)st; /* no gate: every handle writes through its own transaction */
}

/* ---- migrations ---------------------------------------------------------- */

static int migration_version(const char *name)
{
    char *end;
    errno = 0;
    long v = strtol(name, &end, 10);
    if (errno || end == name || v <= 0 || v > 100000)
        return -1;
    return (int)v;
}

int store_pg_latest_version(void)
{
    int latest = 0;
    for (const struct md_embedded *m = md_pg_migrations; m->name; m++) {
        int v = migration_version(m->name);
        if (v > latest)
            latest = v;
    }
    return latest;
}

int pgs_schema_version(struct store *st)
{
    static const char sql[] = "SELECT coalesce(max(version), 0) FROM md_schema";
    static const char has[] = "SELECT count(*) FROM pg_catalog.pg_tables "
                              "WHERE schemaname = current_schema() AND tablename = 'md_schema'";
    int64_t n = 0, v = 0;
    if (pq_query_int(st, has, &n, NULL) != 1)
        return -1;
    if (!n)
        return 0;
    if (pq_query_int(st, sql, &v, NULL) != 1)
        return -1;
    return (int)v;
}

/* All pending migrations in one transaction under an advisory lock, so
 * daemons starting together on a fresh database apply them once. */
static int migrate(struct store *st, char *err, size_t errlen)
{
    if (pgs_begin(st) != 0 || pq_exec(st, "SELECT pg_advisory_xact_lock(7274001)") != 0 ||
        pq_exec(st, "CREATE TABLE IF NOT EXISTS md_schema (version integer NOT NULL)") != 0) {
        snprintf(err, errlen, "migrations: %s", st->errmsg);
        pgs_rollback(st);
        return -1;
    }
    int cur = pgs_schema_version(st);
    if (cur < 0 || cur > store_pg_latest_version()) {
        if (cur < 0)
            snprintf(err, errlen, "reading schema version: %s", st->errmsg);
        else
            snprintf(err, errlen, "database schema version %d is newer than this program (%d)",
                     cur, store_pg_latest_version());
        pgs_rollback(st);
        return -1;
    }
    for (const struct md_embedded *m = md_pg_migrations; m->name; m++) {
        int v = migration_version(m->name);
        char upd[96];
        if (v < 0) {
            snprintf(err, errlen, "migration %s: name must start with its number", m->name);
            pgs_rollback(st);
            return -1;
        }
        if (v <= cur)
            continue;
        snprintf(upd, sizeof upd, "DELETE FROM md_schema; INSERT INTO md_schema VALUES (%d)", v);
        if (pq_exec(st, m->data) != 0 || pq_exec(st, upd) != 0) {
            snprintf(err, errlen, "migration pg/%s: %s", m->name, st->errmsg);
            pgs_rollback(st);
            return -1;
        }
    }
    if (pgs_commit(st) != 0) {
        snprintf(err, errlen, "migrations: %s", st->errmsg);
        return -1;
    }
    return 0;
}

/* ---- open / close ---------------------------------------------------------- */

int store_pg_open(const char *conninfo, const struct cfg *cfg, struct store **out, char *err,
                  size_t errlen)
{
    *out = NULL;
    struct store *st = calloc(1, sizeof *st);
    if (!st) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    st->base.ops = &pgs_ops;
    st->pool = pool_get(conninfo, cfg ? cfg->db_pool_size : DEFAULT_POOL,
                        cfg ? cfg->busy_timeout_ms : DEFAULT_TIMEOUT_MS);
    if (!st->pool) {
        free(st);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    char why[1024];
    if (migrate(st, why, sizeof why) != 0) {
        snprintf(err, errlen, "PostgreSQL: %.*s", (int)(errlen > 13 ? errlen - 13 : 0), why);
        pgs_close(st);
        return -1;
    }
    *out = st;
    return 0;
}

void pgs_close(struct store *st)
{
    if (!st)
        return;
    if (st->in_tx) {
        st->in_tx = 1;
        pgs_rollback(st);
    }
    for (size_t i = 0; i < st->ncache; i++)
        pq_free(st->cache[i]);
    free(st->cache);
    if (st->pool)
        pool_put(st->pool);
    free(st);
}

int store_pg_check(const char *conninfo, char *err, size_t errlen)
{
    const char *keys[] = {"dbname", "connect_timeout", NULL};
    const char *vals[] = {conninfo, "5", NULL};
    PGconn *c = PQconnectdbParams(keys, vals, 1);
    int rc = -1;
    if (!c || PQstatus(c) != CONNECTION_OK) {
        snprintf(err, errlen, "PostgreSQL: cannot connect: %s",
                 c ? PQerrorMessage(c) : "out of memory");
        err[strcspn(err, "\n")] = '\0';
        PQfinish(c);
        return -1;
    }
    PGresult *r = PQexec(c, "SELECT to_regclass('md_schema') IS NOT NULL");
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
        snprintf(err, errlen, "PostgreSQL: %s", PQresultErrorMessage(r));
    } else if (PQgetvalue(r, 0, 0)[0] != 't') {
        rc = 0; /* created at start */
    } else {
        PQclear(r);
        r = PQexec(c, "SELECT coalesce(max(version), 0) FROM md_schema");
        int v = PQresultStatus(r) == PGRES_TUPLES_OK ? atoi(PQgetvalue(r, 0, 0)) : -1;
        if (v < 0)
            snprintf(err, errlen, "PostgreSQL: reading md_schema: %s", PQresultErrorMessage(r));
        else if (v > store_pg_latest_version())
            snprintf(err, errlen, "PostgreSQL: schema version %d is newer than this build's %d",
                     v, store_pg_latest_version());
        else
            rc = 0;
    }
    err[strcspn(err, "\n")] = '\0';
    PQclear(r);
    PQfinish(c);
    return rc;
}
