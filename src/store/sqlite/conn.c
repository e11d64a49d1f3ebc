/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The SQLite backend's connection: open with the pragmas every worker
 * needs, apply the embedded migrations (schema/NNN_name.sql, version = NNN,
 * tracked in PRAGMA user_version), the group commit, and the small helpers
 * the backend uses to run prepared statements and transactions.  One
 * struct store per thread; only a gate (below) is shared between them.
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "magesoapd/config.h"
#include "magesoapd/dec.h"
#include "magesoapd/embedded.h"
#include "magesoapd/regex.h"
#include "store/sqlite/sqlite_int.h"

#define DEFAULT_BUSY_MS 5000

/* ---- errors ------------------------------------------------------------ */

void store_note_error(struct store *st, const char *what)
{
    snprintf(st->errmsg, sizeof st->errmsg, "%s: %s", what, sqlite3_errmsg(st->db));
}

const char *sq_errmsg(const struct store *st)
{
    return st->errmsg;
}

/* ---- statements -------------------------------------------------------- */

sqlite3_stmt *store_prep(struct store *st, const char *sql)
{
    for (size_t i = 0; i < st->ncache; i++) {
        if (st->cache[i].sql == sql) {
            sqlite3_reset(st->cache[i].stmt);
            sqlite3_clear_bindings(st->cache[i].stmt);
            return st->cache[i].stmt;
        }
    }
    if (st->ncache == st->capcache) {
        size_t cap = st->capcache ? st->capcache * 2 : 64;
        struct st_cached *c = realloc(st->cache, cap * sizeof *c);
        if (!c) {
            snprintf(st->errmsg, sizeof st->errmsg, "out of memory");
            return NULL;
        }
        st->cache = c;
        st->capcache = cap;
    }
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK) {
        store_note_error(st, "prepare");
        return NULL;
    }
    st->cache[st->ncache].sql = sql;
    st->cache[st->ncache].stmt = stmt;
    st->ncache++;
    return stmt;
}

sqlite3_stmt *store_prep_dyn(struct store *st, const char *sql, int *cached)
{
    sqlite3_stmt *stmt = NULL;

    *cached = 0;
    if (st->db != st->home_db) { /* the shared writer's handle: not ours to keep */
        if (sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL) != SQLITE_OK) {
            store_note_error(st, "prepare");
            return NULL;
        }
        return stmt;
    }
    struct st_dyn *lru = &st->dyn[0];
    for (size_t i = 0; i < SQ_DYN_CACHE; i++) {
        struct st_dyn *d = &st->dyn[i];
        if (d->sql && strcmp(d->sql, sql) == 0) {
            sqlite3_reset(d->stmt);
            sqlite3_clear_bindings(d->stmt);
            d->used = ++st->dyn_clock;
            *cached = 1;
            return d->stmt;
        }
        if (!d->sql || (lru->sql && d->used < lru->used))
            lru = d;
    }
    char *copy = strdup(sql);
    if (!copy) {
        snprintf(st->errmsg, sizeof st->errmsg, "out of memory");
        return NULL;
    }
    if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK) {
        store_note_error(st, "prepare");
        free(copy);
        return NULL;
    }
    if (lru->sql) {
        sqlite3_finalize(lru->stmt);
        free(lru->sql);
    }
    lru->sql = copy;
    lru->stmt = stmt;
    lru->used = ++st->dyn_clock;
    *cached = 1;
    return stmt;
}

void store_done(sqlite3_stmt *stmt)
{
    if (stmt)
        sqlite3_reset(stmt);
}

int st_bind_text(sqlite3_stmt *s, int idx, const char *text)
{
    if (!text)
        return sqlite3_bind_null(s, idx);
    return sqlite3_bind_text(s, idx, text, -1, SQLITE_TRANSIENT);
}

int st_bind_int(sqlite3_stmt *s, int idx, int64_t v)
{
    return sqlite3_bind_int64(s, idx, v);
}

const char *st_col_text(sqlite3_stmt *s, int col)
{
    if (sqlite3_column_type(s, col) == SQLITE_NULL)
        return NULL;
    return (const char *)sqlite3_column_text(s, col);
}

int st_col_is_null(sqlite3_stmt *s, int col)
{
    return sqlite3_column_type(s, col) == SQLITE_NULL;
}

int st_query_int(struct store *st, const char *sql, int64_t *out, const char *types, ...)
{
    sqlite3_stmt *s = store_prep(st, sql);
    if (!s)
        return -1;
    va_list ap;
    va_start(ap, types);
    for (int i = 0; types && types[i]; i++) {
        if (types[i] == 'i')
            st_bind_int(s, i + 1, va_arg(ap, int64_t));
        else
            st_bind_text(s, i + 1, va_arg(ap, const char *));
    }
    va_end(ap);
    int rc = sqlite3_step(s), ret;
    if (rc == SQLITE_ROW) {
        *out = sqlite3_column_int64(s, 0);
        ret = 1;
    } else if (rc == SQLITE_DONE) {
        ret = 0;
    } else {
        store_note_error(st, "query");
        ret = -1;
    }
    store_done(s);
    return ret;
}

/* ---- transactions ------------------------------------------------------ */

int store_exec(struct store *st, const char *sql)
{
    char *msg = NULL;
    int rc = sqlite3_exec(st->db, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK) {
        snprintf(st->errmsg, sizeof st->errmsg, "%s", msg ? msg : sqlite3_errstr(rc));
        sqlite3_free(msg);
    }
    return rc;
}

static int run_simple(struct store *st, const char *sql, const char *what)
{
    sqlite3_stmt *s = store_prep(st, sql);
    int rc = s ? sqlite3_step(s) : SQLITE_ERROR;
    store_done(s);
    if (rc != SQLITE_DONE) {
        store_note_error(st, what);
        return rc == SQLITE_OK || rc == SQLITE_ROW ? SQLITE_ERROR : rc;
    }
    return SQLITE_OK;
}

/* ---- the writer gate: group commit ------------------------------------------
 *
 * SQLite lets one connection write at a time, and a connection that finds the
 * write lock taken sleeps and polls (1, 2, 5, 10 ... 100 ms): with many
 * workers writing, most of the time went to those sleeps, and with
 * synchronous=FULL every transaction paid its own fsync.
 *
 * So write transactions of one database file, in this process, queue on a
 * gate (a mutex and condition variables) and run on one shared writer
 * connection, one after the other, each inside a SAVEPOINT of a single
 * SQLite transaction: the batch.  A member runs its body, releases (or rolls
 * back) its savepoint, gives the writer up and waits for the batch's outcome;
 * it never commits.  The gate's committer thread alone ends batches: as soon
 * as the writer is free and nobody is queued (or the batch is full) it runs
 * the COMMIT — one fsync for all — and answers the members.  No duty is
 * handed from member to member, so a member that fails at any step leaves
 * at most an open batch with the writer free, which the committer commits
 * at once.  Nothing of a batch is visible to other connections before its
 * COMMIT (synchronous=FULL) returned, so every transaction acknowledged to a
 * client is on disk, and a failed COMMIT fails every member.  Other
 * processes (the CLI) still meet the SQLite lock and the busy timeout.
 */

#define BATCH_MAX 64

/* ---- deferred session touches ----------------------------------------------
 *
 * A session's sliding expiry moves its logdate (once a second per session).
 * That write must never make a reader wait for a group commit's fsync (info
 * runs on the HTTP event-loop threads), so it is only recorded here, in the
 * gate, and the committer writes the recorded logdates inside the next batch
 * before its COMMIT (no fsync of their own), or on its own at most
 * TOUCH_FLUSH_MS after the first one when no write comes.  Readers of the
 * session (sq_session_get) see the recorded logdate at once.  A crash loses
 * at most the last TOUCH_FLUSH_MS of sliding-expiry refreshes: those sessions
 * expire that much earlier.  Sessions made by login and ended by endSession
 * are written durably as before. */

#define TOUCH_FLUSH_MS 1000
#define TOUCH_SID_MAX 80

struct touch {
    char sid[TOUCH_SID_MAX];
    char logdate[MD_TIME_LEN];
};

struct touch_table {       /* open addressing, cap a power of two or 0 */
    struct touch *slot;
    size_t n, cap;
    struct timespec first; /* CLOCK_REALTIME of the first entry */
};

static size_t touch_hash(const char *sid)
{
    size_t h = 2166136261u;
    for (const char *p = sid; *p; p++)
        h = (h ^ (unsigned char)*p) * 16777619u;
    return h;
}

static struct touch *touch_find(const struct touch_table *t, const char *sid)
{
    if (!t->cap)
        return NULL;
    for (size_t i = touch_hash(sid) & (t->cap - 1);; i = (i + 1) & (t->cap - 1))
        if (!t->slot[i].sid[0] || !strcmp(t->slot[i].sid, sid))
            return &t->slot[i];
}

static int touch_grow(struct touch_table *t)
{
    struct touch_table g = {calloc(t->cap ? t->cap * 2 : 64, sizeof *g.slot), t->n,
                            t->cap ? t->cap * 2 : 64, t->first};
    if (!g.slot)
        return -1;
    for (size_t i = 0; i < t->cap; i++)
        if (t->slot[i].sid[0])
            *touch_find(&g, t->slot[i].sid) = t->slot[i];
    free(t->slot);
    *t = g;
    return 0;
}

/* Record sid's logdate (caller holds the gate's mutex); -1: out of memory. */
static int touch_put(struct touch_table *t, const char *sid, const char *logdate)
{
    if ((t->n + 1) * 2 > t->cap && touch_grow(t) != 0)
        return -1;
    struct touch *e = touch_find(t, sid);
    if (!e->sid[0]) {
        if (t->n++ == 0)
            clock_gettime(CLOCK_REALTIME, &t->first);
        snprintf(e->sid, sizeof e->sid, "%s", sid);
    }
    if (strcmp(e->logdate, logdate) < 0)
        snprintf(e->logdate, sizeof e->logdate, "%s", logdate);
    return 0;
}

struct store_gate {
    struct store_gate *next;
    char path[PATH_MAX];
    int refs;
    pthread_mutex_t mu;
    pthread_cond_t turn;          /* the writer is free: one queued thread goes */
    pthread_cond_t done;          /* a batch finished: its members return */
    pthread_cond_t wake;          /* the committer: something changed */
    pthread_t committer;
    int stop;                     /* the committer ends (last reference gone) */
    struct store *w;              /* the writer connection, opened on first use */
    int busy;                     /* a member (or the committer) holds the writer */
    int waiting;                  /* threads queued in sq_begin */
    int open;                     /* the batch transaction is open on w */
    int members;
    struct store_member *list;    /* members waiting for the batch outcome */
    struct touch_table touches;   /* deferred session logdates (above) */
    struct touch_table flushing;  /* the ones being written, until committed */
};

static pthread_mutex_t g_gates_mu = PTHREAD_MUTEX_INITIALIZER;
static struct store_gate *g_gates;

/* Test hook (store_int.h): a non-zero return fails that step. */
int (*store_fail_hook)(enum store_step step);

static int hooked(enum store_step step)
{
    return store_fail_hook && store_fail_hook(step);
}

static int open_conn(const char *path, int busy_ms, struct store **out, char *err,
                     size_t errlen);
static void *committer_main(void *arg);
static void writer_tune(struct store *w);

static int is_memory_path(const char *path)
{
    return !*path || !strcmp(path, ":memory:") || !strncmp(path, "file:", 5);
}

static void gate_free(struct store_gate *g)
{
    free(g->touches.slot);
    free(g->flushing.slot);
    pthread_cond_destroy(&g->turn);
    pthread_cond_destroy(&g->done);
    pthread_cond_destroy(&g->wake);
    pthread_mutex_destroy(&g->mu);
    free(g);
}

static struct store_gate *gate_new(const char *real)
{
    struct store_gate *g = calloc(1, sizeof *g);
    if (!g)
        return NULL;
    snprintf(g->path, sizeof g->path, "%s", real);
    pthread_mutex_init(&g->mu, NULL);
    pthread_cond_init(&g->turn, NULL);
    pthread_cond_init(&g->done, NULL);
    pthread_cond_init(&g->wake, NULL);
    if (pthread_create(&g->committer, NULL, committer_main, g) != 0) {
        gate_free(g);
        return NULL;
    }
    return g;
}

static struct store_gate *gate_get(const char *path)
{
    char real[PATH_MAX];
    if (!realpath(path, real))
        return NULL; /* no gate: plain SQLite locking, still correct */
    pthread_mutex_lock(&g_gates_mu);
    struct store_gate *g = g_gates;
    while (g && strcmp(g->path, real) != 0)
        g = g->next;
    if (!g && (g = gate_new(real))) {
        g->next = g_gates;
        g_gates = g;
    }
    if (g)
        g->refs++;
    pthread_mutex_unlock(&g_gates_mu);
    return g;
}

static void gate_put(struct store_gate *g)
{
    pthread_mutex_lock(&g_gates_mu);
    if (--g->refs == 0) {
        struct store_gate **p = &g_gates;
        while (*p != g)
            p = &(*p)->next;
        *p = g->next;
        pthread_mutex_lock(&g->mu);
        g->stop = 1;
        pthread_cond_signal(&g->wake);
        pthread_mutex_unlock(&g->mu);
        pthread_join(g->committer, NULL);
        sq_close(g->w);
        gate_free(g);
    }
    pthread_mutex_unlock(&g_gates_mu);
}

void sq_ungate(struct store *st)
{
    if (st->gate && !st->in_tx) {
        gate_put(st->gate);
        st->gate = NULL;
    }
}

/* Point st at the writer connection (and back): the backend code keeps using
 * its own struct store, statement cache included. */
static void swap_to_writer(struct store *st, struct store *w)
{
    st->own_db = st->db;
    st->own_cache = st->cache;
    st->own_ncache = st->ncache;
    st->own_capcache = st->capcache;
    st->db = w->db;
    st->cache = w->cache;
    st->ncache = w->ncache;
    st->capcache = w->capcache;
}

static void swap_back(struct store *st, struct store *w)
{
    w->cache = st->cache;
    w->ncache = st->ncache;
    w->capcache = st->capcache;
    st->db = st->own_db;
    st->cache = st->own_cache;
    st->ncache = st->own_ncache;
    st->capcache = st->own_capcache;
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

/* The batch is complete: open, the writer free, and nobody queued who could
 * still join it (caller holds g->mu). */
static int batch_due(const struct store_gate *g)
{
    return g->open && !g->busy && (g->waiting == 0 || g->members >= BATCH_MAX);
}

/* Give the writer up (caller holds g->mu): one queued thread takes it, or
 * the committer ends the batch when it is complete. */
static void gate_release(struct store_gate *g)
{
    g->busy = 0;
    if (g->waiting)
        pthread_cond_signal(&g->turn);
    if (batch_due(g))
        pthread_cond_signal(&g->wake);
}

/* Every member of the batch learns the outcome (caller holds g->mu). */
static void batch_finish(struct store_gate *g, int ok)
{
    for (struct store_member *m = g->list; m; m = m->next) {
        m->done = 1;
        m->ok = ok;
    }
    g->list = NULL;
    g->open = 0;
    g->members = 0;
    pthread_cond_broadcast(&g->done);
}

static int run_commit(struct store *w)
{
    if (hooked(STORE_STEP_COMMIT)) {
        snprintf(w->errmsg, sizeof w->errmsg, "commit: injected failure");
        return SQLITE_IOERR;
    }
    return run_simple(w, "COMMIT", "commit");
}

/* ---- the committer ---------------------------------------------------------- */

/* Write the logdates taken from the table (on the writer, in its open
 * transaction).  A failure is not the batch's: the refresh is best effort. */
static void touch_write(struct store *w, const struct touch_table *t)
{
    static const char sql[] = "UPDATE api_session SET logdate = ? WHERE sessid = ? AND logdate < ?";
    for (size_t i = 0; i < t->cap; i++) {
        if (!t->slot[i].sid[0])
            continue;
        sqlite3_stmt *s = store_prep(w, sql);
        if (!s)
            return;
        st_bind_text(s, 1, t->slot[i].logdate);
        st_bind_text(s, 2, t->slot[i].sid);
        st_bind_text(s, 3, t->slot[i].logdate);
        sqlite3_step(s);
        store_done(s);
    }
}

/* Move the recorded touches to flushing (caller holds g->mu). */
static void touch_take(struct store_gate *g)
{
    g->flushing = g->touches;
    memset(&g->touches, 0, sizeof g->touches);
}

static void touch_taken_done(struct store_gate *g)
{
    free(g->flushing.slot);
    memset(&g->flushing, 0, sizeof g->flushing);
}

static int past(const struct timespec *t0, int ms)
{
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    return (now.tv_sec - t0->tv_sec) * 1000 + (now.tv_nsec - t0->tv_nsec) / 1000000 >= ms;
}

/* Touches are recorded, no write is coming to carry them, and they waited
 * long enough (or the gate is going away). */
static int touch_flush_ready(const struct store_gate *g)
{
    return g->touches.n && !g->busy && !g->open && (g->stop || past(&g->touches.first, TOUCH_FLUSH_MS));
}

/* Wait for something to do (caller holds g->mu); with touches recorded,
 * wake up in time to write them. */
static void committer_wait(struct store_gate *g)
{
    if (!g->touches.n) {
        pthread_cond_wait(&g->wake, &g->mu);
        return;
    }
    struct timespec until = g->touches.first;
    until.tv_sec += TOUCH_FLUSH_MS / 1000;
    if (past(&until, 0))
        deadline_after(&until, 50); /* due, but the writer is taken: look again soon */
    pthread_cond_timedwait(&g->wake, &g->mu, &until);
}

/* The recorded touches as a transaction of their own (the writer is ours). */
static void touch_flush_alone(struct store_gate *g)
{
    char err[256];
    if (!g->w && open_conn(g->path, DEFAULT_BUSY_MS, &g->w, err, sizeof err) != 0)
        return; /* lost: best effort, like the synchronous write before */
    if (!g->w->errmsg[0]) {
        writer_tune(g->w);
        snprintf(g->w->errmsg, sizeof g->w->errmsg, "(writer)");
    }
    if (run_simple(g->w, "BEGIN IMMEDIATE", "begin") != SQLITE_OK)
        return;
    touch_write(g->w, &g->flushing);
    if (run_simple(g->w, "COMMIT", "commit") != SQLITE_OK && !sqlite3_get_autocommit(g->w->db))
        run_simple(g->w, "ROLLBACK", "rollback");
}

static int64_t ws_now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* The committer: the only thread that ends a batch. */
static void *committer_main(void *arg)
{
    struct store_gate *g = arg;
    pthread_mutex_lock(&g->mu);
    for (;;) {
        while (!batch_due(g) && !touch_flush_ready(g) && !(g->stop && !g->touches.n))
            committer_wait(g);
        int batch = batch_due(g);
        if (!batch && !touch_flush_ready(g))
            break; /* stopping, nothing open */
        g->busy = 1;
        touch_take(g);
        int rc = SQLITE_OK, members = 0;
        if (batch) {
            for (struct store_member *m = g->list; m; m = m->next)
                members++; /* counted under g->mu */
        }
        pthread_mutex_unlock(&g->mu);
        if (batch) {
            int64_t t0 = ws_now_us();
            touch_write(g->w, &g->flushing); /* carried by this batch's fsync */
            rc = run_commit(g->w);
            store_write_stats_note(members, ws_now_us() - t0, rc == SQLITE_OK);
            if (rc != SQLITE_OK && !sqlite3_get_autocommit(g->w->db))
                run_simple(g->w, "ROLLBACK", "rollback");
        } else {
            touch_flush_alone(g);
        }
        pthread_mutex_lock(&g->mu);
        touch_taken_done(g);
        if (batch)
            batch_finish(g, rc == SQLITE_OK);
        gate_release(g);
    }
    pthread_mutex_unlock(&g->mu);
    return NULL;
}

/* Wait for the writer (caller holds g->mu): 0, or -1 after busy_ms. */
static int gate_wait_turn(struct store_gate *g, int busy_ms)
{
    struct timespec until;
    int rc = 0;
    deadline_after(&until, busy_ms);
    g->waiting++;
    while ((g->busy || (g->open && g->members >= BATCH_MAX)) && rc == 0)
        if (pthread_cond_timedwait(&g->turn, &g->mu, &until) == ETIMEDOUT &&
            (g->busy || (g->open && g->members >= BATCH_MAX)))
            rc = -1;
    g->waiting--;
    if (rc != 0) {
        /* a wake-up meant for us must not be lost; the committer may now
         * find the batch complete */
        if (g->waiting && !g->busy)
            pthread_cond_signal(&g->turn);
        pthread_cond_signal(&g->wake);
        return -1;
    }
    g->busy = 1;
    return 0;
}

static void writer_tune(struct store *w)
{
    /* a batch's dirty pages stay in memory until its COMMIT writes them
     * once, instead of spilling to the WAL whenever the cache is full */
    store_exec(w, "PRAGMA cache_spill = OFF");
    /* each member's savepoint keeps the original of every page it changes:
     * in memory, not in a temporary file */
    store_exec(w, "PRAGMA temp_store = MEMORY");
    /* the only writer keeps its cache between batches: the index pages
     * every insert walks stay warm */
    store_exec(w, "PRAGMA cache_size = -8192");
}

/* BEGIN (when no batch is open) and the member's SAVEPOINT, on the writer
 * the caller holds. */
static int member_enter(struct store *st, int need_begin)
{
    static const char begin[] = "BEGIN IMMEDIATE", savepoint[] = "SAVEPOINT md_member";
    int rc = SQLITE_OK;
    if (need_begin)
        rc = hooked(STORE_STEP_BEGIN) ? SQLITE_IOERR : run_simple(st, begin, "begin");
    if (rc == SQLITE_OK)
        rc = hooked(STORE_STEP_SAVEPOINT) ? SQLITE_IOERR : run_simple(st, savepoint, "begin");
    if (rc != SQLITE_OK && st->errmsg[0] == '\0')
        snprintf(st->errmsg, sizeof st->errmsg, "begin: injected failure");
    return rc;
}

static int gate_begin(struct store *st)
{
    struct store_gate *g = st->gate;
    char err[256];
    int rc = SQLITE_OK;

    pthread_mutex_lock(&g->mu);
    if (gate_wait_turn(g, st->busy_ms) != 0) {
        pthread_mutex_unlock(&g->mu);
        snprintf(st->errmsg, sizeof st->errmsg, "begin: database is locked (writer busy)");
        return SQLITE_BUSY;
    }
    int need_begin = !g->open;
    pthread_mutex_unlock(&g->mu);

    snprintf(err, sizeof err, "injected failure");
    if (!g->w && (hooked(STORE_STEP_OPEN) ||
                  open_conn(g->path, st->busy_ms, &g->w, err, sizeof err) != 0)) {
        snprintf(st->errmsg, sizeof st->errmsg, "writer: %.240s", err);
        rc = SQLITE_CANTOPEN;
    } else if (!g->w->errmsg[0]) {
        writer_tune(g->w);
        snprintf(g->w->errmsg, sizeof g->w->errmsg, "(writer)");
    }
    if (rc == SQLITE_OK) {
        st->errmsg[0] = '\0';
        swap_to_writer(st, g->w);
        rc = member_enter(st, need_begin);
        swap_back(st, g->w);
    }
    pthread_mutex_lock(&g->mu);
    if (rc != SQLITE_OK) {
        /* whatever is open stays open with the writer free: the committer
         * ends it (a BEGIN that failed left nothing open) */
        if (g->w)
            g->open = !sqlite3_get_autocommit(g->w->db);
        if (!g->open)
            batch_finish(g, 0);
        gate_release(g);
        pthread_mutex_unlock(&g->mu);
        return rc;
    }
    g->open = 1;
    g->members++;
    st->member.done = 0;
    st->member.ok = 0;
    st->member.next = g->list;
    g->list = &st->member;
    pthread_mutex_unlock(&g->mu);
    swap_to_writer(st, g->w);
    st->gated_tx = 1;
    st->in_tx = 1;
    return SQLITE_OK;
}

/* The member's part is over (released or rolled back on the writer): give
 * the writer up and wait for the batch's outcome (committer_main). */
static int gate_end(struct store *st, int member_ok)
{
    struct store_gate *g = st->gate;
    struct store *w = g->w;

    swap_back(st, w);
    st->gated_tx = 0;
    st->in_tx = 0;
    pthread_mutex_lock(&g->mu);
    if (!member_ok) { /* our result is failure whatever the batch does */
        struct store_member **p = &g->list;
        while (*p && *p != &st->member)
            p = &(*p)->next;
        if (*p) {
            *p = st->member.next;
            g->members--;
        }
    }
    if (sqlite3_get_autocommit(w->db)) {
        /* SQLite rolled the whole batch back (I/O error, disk full...) */
        batch_finish(g, 0);
        snprintf(st->errmsg, sizeof st->errmsg, "commit: the batch was rolled back");
    }
    gate_release(g);
    if (member_ok)
        while (!st->member.done)
            pthread_cond_wait(&g->done, &g->mu);
    int ok = member_ok && st->member.ok;
    pthread_mutex_unlock(&g->mu);
    if (member_ok && !ok && !st->errmsg[0])
        snprintf(st->errmsg, sizeof st->errmsg, "commit failed: %.200s", w->errmsg);
    return ok ? SQLITE_OK : SQLITE_ABORT;
}

/* Transactions nest: inside an outer one (demo data = import + invoices in
 * one unit) an inner begin is a savepoint. */
static int begin_with(struct store *st, const char *sql)
{
    static const char savepoint[] = "SAVEPOINT md_nested";
    int rc = run_simple(st, st->in_tx ? savepoint : sql, "begin");
    if (rc == SQLITE_OK)
        st->in_tx++;
    return rc;
}

int sq_read_only(struct store *st, int on)
{
    int refused = st->write_refused;
    st->read_only = on;
    st->write_refused = 0;
    return on ? 0 : refused;
}

int sq_begin(struct store *st)
{
    static const char sql[] = "BEGIN IMMEDIATE";
    if (st->read_only) {
        st->write_refused = 1;
        snprintf(st->errmsg, sizeof st->errmsg, "begin: read-only (runs again on a worker)");
        return SQLITE_READONLY;
    }
    if (st->gate && !st->in_tx)
        return gate_begin(st);
    return begin_with(st, sql);
}

int sq_begin_read(struct store *st)
{
    static const char sql[] = "BEGIN";
    return begin_with(st, sql);
}

int sq_commit(struct store *st)
{
    static const char commit[] = "COMMIT", release[] = "RELEASE md_nested",
                      member[] = "RELEASE md_member";
    if (st->gated_tx && st->in_tx == 1) {
        st->errmsg[0] = '\0';
        if (hooked(STORE_STEP_RELEASE) || run_simple(st, member, "commit") != SQLITE_OK) {
            sq_rollback(st);
            return SQLITE_ABORT;
        }
        return gate_end(st, 1);
    }
    int rc = run_simple(st, st->in_tx > 1 ? release : commit, "commit");
    if (rc != SQLITE_OK) {
        sq_rollback(st);
        return rc;
    }
    if (st->in_tx > 0)
        st->in_tx--;
    return SQLITE_OK;
}

void sq_rollback(struct store *st)
{
    static const char rollback[] = "ROLLBACK", to[] = "ROLLBACK TO md_nested",
                      release[] = "RELEASE md_nested", member_to[] = "ROLLBACK TO md_member",
                      member_release[] = "RELEASE md_member";
    if (st->in_tx > 1) {
        run_simple(st, to, "rollback");
        run_simple(st, release, "rollback");
        st->in_tx--;
        return;
    }
    if (st->gated_tx) {
        /* only this member's savepoint; the batch goes on (unless SQLite
         * already ended it, which gate_end finds out) */
        if (!sqlite3_get_autocommit(st->db)) {
            if (hooked(STORE_STEP_ROLLBACK) ||
                run_simple(st, member_to, "rollback") != SQLITE_OK ||
                run_simple(st, member_release, "rollback") != SQLITE_OK) {
                /* the member's changes cannot be undone alone: the whole
                 * batch must go, so no member of it is answered ok */
                run_simple(st, "ROLLBACK", "rollback");
            }
        }
        gate_end(st, 0);
        return;
    }
    /* A failed statement may already have ended the transaction. */
    if (!sqlite3_get_autocommit(st->db))
        run_simple(st, rollback, "rollback");
    st->in_tx = 0;
}

/* ---- deferred session touches: the backend's side ------------------------- */

int sq_touch_defer(struct store *st, const char *sid, const char *logdate)
{
    struct store_gate *g = st->gate;
    if (!g || strlen(sid) >= TOUCH_SID_MAX)
        return -1;
    pthread_mutex_lock(&g->mu);
    int first = g->touches.n == 0;
    int rc = touch_put(&g->touches, sid, logdate);
    if (rc == 0 && first)
        pthread_cond_signal(&g->wake); /* the committer starts its timer */
    pthread_mutex_unlock(&g->mu);
    return rc;
}

void sq_touch_apply(struct store *st)
{
    struct store_gate *g = st->gate;
    if (!g || !st->gated_tx)
        return;
    pthread_mutex_lock(&g->mu);
    touch_write(st, &g->touches);  /* on the writer this member holds */
    touch_write(st, &g->flushing); /* (empty: the committer waits for us) */
    pthread_mutex_unlock(&g->mu);
}

static void later_of(const struct touch_table *t, const char *sid, char *logdate, size_t len)
{
    const struct touch *e = touch_find(t, sid);
    if (e && e->sid[0] && strcmp(e->logdate, logdate) > 0)
        snprintf(logdate, len, "%s", e->logdate);
}

void sq_touch_overlay(struct store *st, const char *sid, char *logdate, size_t len)
{
    struct store_gate *g = st->gate;
    if (!g || strlen(sid) >= TOUCH_SID_MAX)
        return;
    pthread_mutex_lock(&g->mu);
    later_of(&g->touches, sid, logdate, len);
    later_of(&g->flushing, sid, logdate, len);
    pthread_mutex_unlock(&g->mu);
}

/* ---- SQL functions ------------------------------------------------------- */

/* md_dec(x): a scaled decimal as Magento prints it ("45.0000"), so that text
 * operators in list filters (like, finset) see what MySQL would compare. */
static void fn_md_dec(sqlite3_context *c, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
        sqlite3_result_null(c);
        return;
    }
    char buf[24];
    dec_format(sqlite3_value_int64(argv[0]), buf);
    sqlite3_result_text(c, buf, -1, SQLITE_TRANSIENT);
}

/* X REGEXP Y -> regexp(Y, X): PCRE2 with hard limits, case-insensitive
 * (MySQL's REGEXP on text; magesoapd/regex.h).  The compiled pattern is kept
 * per statement (auxdata); list filters validate patterns before the query
 * runs.  A match that hits a limit stops the query with an error. */
static void free_regex(void *p)
{
    md_regex_free(p);
}

static void fn_regexp(sqlite3_context *c, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL) {
        sqlite3_result_null(c);
        return;
    }
    struct md_regex *re = sqlite3_get_auxdata(c, 0);
    if (!re) {
        re = md_regex_compile((const char *)sqlite3_value_text(argv[0]),
                              (size_t)sqlite3_value_bytes(argv[0]));
        if (!re) {
            sqlite3_result_error(c, "invalid regular expression", -1);
            return;
        }
        sqlite3_set_auxdata(c, 0, re, free_regex);
        re = sqlite3_get_auxdata(c, 0);
        if (!re) {
            sqlite3_result_error_nomem(c);
            return;
        }
    }
    const char *text = (const char *)sqlite3_value_text(argv[1]);
    int m = text ? md_regex_match(re, text, (size_t)sqlite3_value_bytes(argv[1])) : 0;
    if (m < 0) {
        sqlite3_result_error(c, "regexp: match limit exceeded", -1);
        return;
    }
    sqlite3_result_int(c, m);
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

int store_sqlite_latest_version(void)
{
    int latest = 0;
    for (const struct md_embedded *m = md_migrations; m->name; m++) {
        int v = migration_version(m->name);
        if (v > latest)
            latest = v;
    }
    return latest;
}

int sq_schema_version(struct store *st)
{
    int64_t v = 0;
    if (st_query_int(st, "PRAGMA user_version", &v, NULL) != 1)
        return -1;
    return (int)v;
}

/* One migration, in its own IMMEDIATE transaction.  The version is re-read
 * inside the transaction: when several workers open a fresh file at once,
 * only the first applies it and the others see it done. */
static int apply_migration(struct store *st, const struct md_embedded *m, int v, char *err,
                           size_t errlen)
{
    if (sq_begin(st) != SQLITE_OK) {
        snprintf(err, errlen, "migration %s: %s", m->name, st->errmsg);
        return -1;
    }
    int cur = sq_schema_version(st);
    if (cur >= v) {
        sq_rollback(st);
        return 0;
    }
    char pragma[64];
    snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v);
    if (store_exec(st, m->data) != SQLITE_OK || store_exec(st, pragma) != SQLITE_OK) {
        snprintf(err, errlen, "migration %s: %s", m->name, st->errmsg);
        sq_rollback(st);
        return -1;
    }
    if (sq_commit(st) != SQLITE_OK) {
        snprintf(err, errlen, "migration %s: %s", m->name, st->errmsg);
        return -1;
    }
    return 0;
}

static int migrate(struct store *st, char *err, size_t errlen)
{
    int cur = sq_schema_version(st);
    if (cur < 0) {
        snprintf(err, errlen, "reading schema version: %s", st->errmsg);
        return -1;
    }
    if (cur > store_sqlite_latest_version()) {
        snprintf(err, errlen, "database schema version %d is newer than this program (%d)", cur,
                 store_sqlite_latest_version());
        return -1;
    }
    /* md_migrations is sorted by name, so versions come in order. */
    for (const struct md_embedded *m = md_migrations; m->name; m++) {
        int v = migration_version(m->name);
        if (v < 0) {
            snprintf(err, errlen, "migration %s: name must start with its number", m->name);
            return -1;
        }
        if (v > cur && apply_migration(st, m, v, err, errlen) != 0)
            return -1;
    }
    return 0;
}

/* ---- open / close ---------------------------------------------------------- */

static int set_pragmas(struct store *st, int busy_ms, char *err, size_t errlen)
{
    /* The busy timeout goes first: switching to WAL needs a lock that a
     * concurrently opening worker may hold for a moment. */
    sqlite3_busy_timeout(st->db, busy_ms);
    static const char *const pragmas[] = {
        "PRAGMA journal_mode = WAL",
        "PRAGMA synchronous = FULL",
        "PRAGMA foreign_keys = ON",
        /* Per connection, and a worker's cache is dropped anyway whenever
         * another connection commits: small, so 32 workers stay within a
         * few MB (the OS page cache keeps the file). */
        "PRAGMA cache_size = -512",
    };
    for (size_t i = 0; i < sizeof pragmas / sizeof pragmas[0]; i++) {
        if (store_exec(st, pragmas[i]) != SQLITE_OK) {
            snprintf(err, errlen, "%s: %s", pragmas[i], st->errmsg);
            return -1;
        }
    }
    if (sqlite3_create_function(st->db, "md_dec", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                                fn_md_dec, NULL, NULL) != SQLITE_OK) {
        snprintf(err, errlen, "registering md_dec: %s", sqlite3_errmsg(st->db));
        return -1;
    }
    if (sqlite3_create_function(st->db, "regexp", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                                fn_regexp, NULL, NULL) != SQLITE_OK) {
        snprintf(err, errlen, "registering regexp: %s", sqlite3_errmsg(st->db));
        return -1;
    }
    return 0;
}

static int open_conn(const char *path, int busy_ms, struct store **out, char *err,
                     size_t errlen)
{
    *out = NULL;
    struct store *st = calloc(1, sizeof *st);
    if (!st) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    st->base.ops = &sq_ops;
    st->busy_ms = busy_ms;
    /* NOMUTEX: a connection is used by one thread at a time (a worker's own,
     * or the gate's writer by whichever thread holds the gate). */
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path, &st->db, flags, NULL) != SQLITE_OK) {
        snprintf(err, errlen, "%s: %s", path, st->db ? sqlite3_errmsg(st->db) : "cannot open");
        sq_close(st);
        return -1;
    }
    sqlite3_extended_result_codes(st->db, 1);
    st->home_db = st->db;
    /* SQLite falls back to read-only when the file cannot be written: every
     * login would then fail later.  Refuse at once, naming the file. */
    if (sqlite3_db_readonly(st->db, "main") == 1) {
        snprintf(err, errlen, "%s: the database is read-only for this user (check the file's and "
                              "its directory's permissions): magesoapd needs to write it", path);
        sq_close(st);
        return -1;
    }
    if (set_pragmas(st, busy_ms, err, errlen) != 0 || migrate(st, err, errlen) != 0) {
        sq_close(st);
        return -1;
    }
    *out = st;
    return 0;
}

/* Before SQLite initialises: no allocation statistics, which cost a
 * process-wide mutex on every allocation of every connection (nothing here
 * reads them).  Fails harmlessly if SQLite is already initialised. */
static void sqlite_global_setup(void)
{
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

int store_sqlite_open(const char *path, const struct cfg *cfg, struct store **out, char *err,
               size_t errlen)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, sqlite_global_setup);
    int busy = cfg ? cfg->busy_timeout_ms : DEFAULT_BUSY_MS;
    if (open_conn(path, busy, out, err, errlen) != 0)
        return -1;
    if (!is_memory_path(path))
        (*out)->gate = gate_get(path);
    return 0;
}

void sq_close(struct store *st)
{
    if (!st)
        return;
    if (st->in_tx)
        sq_rollback(st);
    if (st->gate)
        gate_put(st->gate);
    for (size_t i = 0; i < st->ncache; i++)
        sqlite3_finalize(st->cache[i].stmt);
    free(st->cache);
    for (size_t i = 0; i < SQ_DYN_CACHE; i++) {
        sqlite3_finalize(st->dyn[i].stmt);
        free(st->dyn[i].sql);
    }
    sqlite3_close_v2(st->db);
    free(st);
}

int store_sqlite_check(const char *path, char *err, size_t errlen)
{
    char dir[1024];
    const char *slash = strrchr(path, '/');
    sqlite3 *db = NULL;
    sqlite3_stmt *s = NULL;
    int version = -1;

    if (!strcmp(path, ":memory:")) {
        snprintf(err, errlen, "db = :memory: would give every worker its own empty database");
        return -1;
    }
    snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path) : 1, slash ? path : ".");
    if (!dir[0])
        snprintf(dir, sizeof dir, "/");
    if (access(dir, F_OK) != 0) {
        /* serve creates the database's own folder (one level), not more */
        char parent[1024];
        const char *ps = strrchr(dir, '/');
        snprintf(parent, sizeof parent, "%.*s", ps ? (int)(ps - dir) : 1, ps ? dir : ".");
        if (!parent[0])
            snprintf(parent, sizeof parent, "/");
        if (access(parent, W_OK) != 0) {
            snprintf(err, errlen, "%s: the folder %s does not exist and cannot be created", path,
                     dir);
            return -1;
        }
        return 0;
    }
    if (access(path, F_OK) != 0) {
        if (access(dir, W_OK) != 0) {
            snprintf(err, errlen, "%s: cannot create it: the folder %s is not writable", path, dir);
            return -1;
        }
        return 0; /* created at start */
    }
    if (access(path, W_OK) != 0 || access(dir, W_OK) != 0) {
        snprintf(err, errlen, "%s: the database or its folder is not writable", path);
        return -1;
    }
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &s, NULL) != SQLITE_OK ||
        sqlite3_step(s) != SQLITE_ROW) {
        snprintf(err, errlen, "%s: not a database this build can read: %s", path,
                 db ? sqlite3_errmsg(db) : "cannot open");
        sqlite3_finalize(s);
        sqlite3_close(db);
        return -1;
    }
    version = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    sqlite3_close(db);
    if (version > store_sqlite_latest_version()) {
        snprintf(err, errlen, "%s: schema version %d is newer than this build's %d", path, version,
                 store_sqlite_latest_version());
        return -1;
    }
    return 0;
}
