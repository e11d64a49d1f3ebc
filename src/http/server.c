/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The HTTP layer on GNU libmicrohttpd (see http.h).
 *
 * libmicrohttpd (MHD) owns the sockets: its epoll event-loop threads
 * (http_threads) accept, parse the request line and headers, decode chunked
 * bodies, answer Expect: 100-continue, enforce the connection limits and
 * idle timeouts, and write the answers.  An idle connection costs a file
 * descriptor and its MHD memory pool, never a thread.
 *
 * Our access handler checks the headers MHD leaves to us (net_int.h),
 * collects the body (413 past max_body_bytes, checked as it arrives) and,
 * once the request is complete, suspends the connection and queues a job.
 * A worker (workers threads; each owns a store connection, an arena and a
 * gSOAP context) runs route_request(), builds the MHD response and resumes
 * the connection; MHD calls the access handler again, which queues it.  So
 * a slow request (PBKDF2 login, a write waiting for its fsync) holds one
 * worker and never the event loop.
 *
 * A request's whole-read deadline (request_timeout_ms, slow-drip clients)
 * is kept by the main thread, which sweeps the open connections every
 * 100 ms and shuts down the socket of one past its deadline.
 *
 * Configuration: every request reads the live snapshot (cfg_live(), swapped
 * whole on SIGHUP by the app's reload hook); what is fixed at start (MHD's
 * options, threads, the listener) keeps the start-up values.  HTTPS: tls.c.
 *
 * Stop (SIGTERM/SIGINT): accept nothing more, close idle keep-alive
 * connections, give requests already begun shutdown_timeout seconds, then
 * shut down every remaining connection, let the workers finish, and stop.
 */
#define _GNU_SOURCE
#include "http/http.h"
#include "http/net_int.h"
#include "http/tls.h"
#include "http/obs.h"
#include "http/router.h"

#include "magesoapd/log.h"
#include "magesoapd/store.h"

#include <microhttpd.h>

#include <errno.h>
#include <malloc.h>
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* Bodies from this size on are handed to MHD as they are (freed by MHD once
 * sent) instead of being copied; the worker starts a fresh buffer. */
#define HANDOVER_BYTES (64u * 1024)
#define SWEEP_MS 100

/* Set by the signal handler, read by every thread: a lock-free atomic is
 * async-signal-safe and has no data race (a volatile sig_atomic_t had one). */
static atomic_int g_stop;
static atomic_int g_reload;   /* SIGHUP seen, the main loop runs the hook */
static atomic_int g_inflight; /* requests handed to workers, not yet completed */
static atomic_int g_active;   /* requests begun (request line in), not yet completed */
static int g_lfd = -1;        /* the listener, once bound (http_bind) */
static char g_bound[128];     /* its address, as "listening on" shows it */
static void (*g_reload_hook)(void);

/* The live configuration (a snapshot: never changes under a reader). */
#define g_cfg cfg_live()

/* ---- connections (MHD's socket context) ------------------------------------- */

struct conn {
    struct conn *prev, *next; /* g_conns, under g_conns_mu */
    int fd;
    atomic_llong deadline;    /* ms (monotonic) the current read must end by; 0 = none */
    int nreq;                 /* answers completed on this connection */
    atomic_int active;        /* a request is under way */
    char peer[64];
    char local[64];           /* the address it arrived on (HOST:PORT, [v6]:PORT) */
};

static pthread_mutex_t g_conns_mu = PTHREAD_MUTEX_INITIALIZER;
static struct conn g_conns = {&g_conns, &g_conns, -1, 0, 0, 0, "", ""};

/* ---- requests (MHD's per-request context) ----------------------------------- */

enum rq_state { RQ_NEW, RQ_READING, RQ_WORKING, RQ_READY };

struct rq {
    struct conn *conn;
    struct MHD_Connection *mc;
    enum rq_state state;
    int refuse;                /* status to answer once the upload ends (413) */
    int pooled;                /* handed to the worker pool (counted in g_inflight) */
    struct buf body;
    struct http_req req;
    struct MHD_Response *resp; /* built by the worker */
    unsigned int status;
    struct rq *next;           /* job queue */
    struct obs_req obs;        /* access log, journal, metrics (obs.h) */
    char target[];             /* raw request target, as sent */
};

/* ---- job queue --------------------------------------------------------------- */

static struct {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    struct rq *head, *tail;
    int closing;
} g_jobs = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, NULL, NULL, 0};

/* -1 once the workers are stopping. */
static int job_push(struct rq *rq)
{
    pthread_mutex_lock(&g_jobs.mu);
    if (g_jobs.closing) {
        pthread_mutex_unlock(&g_jobs.mu);
        return -1;
    }
    rq->next = NULL;
    if (g_jobs.tail)
        g_jobs.tail->next = rq;
    else
        g_jobs.head = rq;
    g_jobs.tail = rq;
    pthread_cond_signal(&g_jobs.cv);
    pthread_mutex_unlock(&g_jobs.mu);
    return 0;
}

/* Next job, or NULL once closing and the queue is drained. */
static struct rq *job_pop(void)
{
    struct rq *rq;

    pthread_mutex_lock(&g_jobs.mu);
    while (!g_jobs.head && !g_jobs.closing)
        pthread_cond_wait(&g_jobs.cv, &g_jobs.mu);
    rq = g_jobs.head;
    if (rq) {
        g_jobs.head = rq->next;
        if (!g_jobs.head)
            g_jobs.tail = NULL;
    }
    pthread_mutex_unlock(&g_jobs.mu);
    return rq;
}

/* ---- helpers ------------------------------------------------------------------ */

static int64_t now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static unsigned int secs(int ms)
{
    return ms <= 0 ? 1 : (unsigned int)((ms + 999) / 1000);
}

static void set_timeout(struct MHD_Connection *mc, int ms)
{
    MHD_set_connection_option(mc, MHD_CONNECTION_OPTION_TIMEOUT, secs(ms));
}

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
    char msg[512];
    size_t n;

    (void)cls;
    vsnprintf(msg, sizeof msg, fmt, ap);
    n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == '\r'))
        msg[--n] = '\0';
    log_msg(LOG_INFO, "http: %s", msg);
}

static int add_header_cb(void *arg, const char *name, const char *value)
{
    return MHD_add_response_header(arg, name, value) == MHD_YES ? 0 : -1;
}

/* The MHD response for what a handler built (body handed over when large). */
/* A request that used more than this (arena, answer buffer) gives the
 * freed memory back to the system afterwards (malloc_trim): glibc keeps
 * freed heap and raises its mmap threshold after large frees, so without
 * it one big answer would hold its RSS for the life of the process. */
#define TRIM_AFTER_BYTES (8u << 20)

/* MHD frees an answer it was handed once it is sent: a big one's memory
 * goes back to the system. */
static void free_answer(void *p)
{
    size_t n = p ? malloc_usable_size(p) : 0;
    free(p);
    if (n > TRIM_AFTER_BYTES)
        malloc_trim(0);
}

/* The same for an answer that holds a large-answer slot (api_large_take):
 * the slot is given back once MHD is done with the answer. */
static void free_answer_slot(void *p)
{
    free_answer(p);
    exchange_large_release();
}

/* The headers every answer carries (r NULL: NULL); r is destroyed on failure. */
static struct MHD_Response *with_headers(struct MHD_Response *r, const char *content_type,
                                         const char *extra, int close)
{
    if (!r)
        return NULL;
    if (MHD_add_response_header(r, "Server", "magesoapd") != MHD_YES ||
        (content_type && MHD_add_response_header(r, "Content-Type", content_type) != MHD_YES) ||
        http_each_header_line(extra, add_header_cb, r) ||
        (close && MHD_add_response_header(r, "Connection", "close") != MHD_YES)) {
        MHD_destroy_response(r);
        return NULL;
    }
    return r;
}

/* slot: the answer holds a large-answer slot, given back when MHD frees a
 * handed-over body, else at once (the body was copied). */
static struct MHD_Response *make_response(const char *content_type, struct buf *b,
                                          const char *extra, int close, int slot)
{
    struct MHD_Response *r;
    size_t n = b->n;

    if (n >= HANDOVER_BYTES) {
        r = slot ? MHD_create_response_from_buffer_with_free_callback_cls(n, b->p, free_answer_slot, b->p)
                 : MHD_create_response_from_buffer_with_free_callback(n, b->p, free_answer);
        if (r) {
            buf_init(b, b->max); /* MHD owns the old allocation now (and the slot) */
            slot = 0;
        }
    } else {
        r = MHD_create_response_from_buffer(n, n ? b->p : (void *)"", MHD_RESPMEM_MUST_COPY);
    }
    if (slot)
        exchange_large_release();
    return with_headers(r, content_type, extra, close);
}

/* ---- streamed list answers ------------------------------------------------------
 * The worker built the answer up to the end of the list's first page; the
 * rest is read and written a page at a time here, on the event-loop thread
 * that writes the connection, when MHD has room in its send buffer: a slow
 * reader holds a page of memory and a file descriptor, never a thread (MHD's
 * connection timeout still applies).  Chunked (HTTP/1.1) or closed at the end
 * (HTTP/1.0).  A page that cannot be read ends the answer without its final
 * chunk: the client sees a cut-off answer, never a well-formed wrong one. */

struct sresp {
    char *head;  /* the worker's part of the answer */
    size_t nhead, off;
    struct proto_stream *ps;
    struct buf chunk;
    size_t coff;
    int done;
};

static struct worker *inline_worker(void);

/* The next piece of the answer into r->chunk: 0, 1 (the last), -1. */
static int sresp_fill(struct sresp *r)
{
    struct worker *w = inline_worker();
    if (!w) {
        log_msg(LOG_ERR, "http: no worker context on this event thread; a list answer is cut off");
        return -1;
    }
    const struct cfg *cfg = cfg_live();
    w->cfg = w->ctx.cfg = cfg;
    store_read_only(w->st, 1);
    int rd = store_begin_read(w->st) == 0;
    int rc = proto_stream_next(r->ps, w, &r->chunk);
    if (rd)
        store_commit(w->st);
    store_read_only(w->st, 0);
    arena_reset(&w->arena);
    return rc;
}

static ssize_t sresp_read(void *cls, uint64_t pos, char *out, size_t max)
{
    struct sresp *r = cls;
    size_t k;

    (void)pos;
    if (r->off < r->nhead) {
        k = r->nhead - r->off < max ? r->nhead - r->off : max;
        memcpy(out, r->head + r->off, k);
        r->off += k;
        if (r->off == r->nhead) { /* the worker's part is sent: its memory goes */
            free(r->head);
            r->head = NULL;
        }
        return (ssize_t)k;
    }
    while (r->coff >= r->chunk.n) {
        if (r->done)
            return MHD_CONTENT_READER_END_OF_STREAM;
        buf_reset(&r->chunk);
        r->coff = 0;
        int rc = sresp_fill(r);
        if (rc < 0)
            return MHD_CONTENT_READER_END_WITH_ERROR;
        if (rc == 1)
            r->done = 1;
    }
    k = r->chunk.n - r->coff < max ? r->chunk.n - r->coff : max;
    memcpy(out, r->chunk.p + r->coff, k);
    r->coff += k;
    return (ssize_t)k;
}

static void sresp_free(void *cls)
{
    struct sresp *r = cls;

    proto_stream_free(r->ps);
    free(r->head);
    buf_free(&r->chunk);
    free(r);
}

static struct MHD_Response *make_stream_response(const char *content_type, struct buf *b,
                                                 const char *extra, int close,
                                                 struct proto_stream *ps)
{
    struct sresp *r = calloc(1, sizeof *r);
    struct MHD_Response *mr = NULL;

    if (r) {
        r->ps = ps;
        buf_init(&r->chunk, 0);
        r->nhead = b->n;
        r->head = malloc(b->n ? b->n : 1);
        if (r->head)
            memcpy(r->head, b->p, b->n);
    }
    if (!r || !r->head) {
        if (r)
            buf_free(&r->chunk);
        free(r);
        proto_stream_free(ps);
        return NULL;
    }
    mr = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 64 * 1024, sresp_read, r, sresp_free);
    if (!mr) {
        sresp_free(r);
        return NULL;
    }
    return with_headers(mr, content_type, extra, close);
}

/* Queue a plain-text error and let MHD close the connection after it. */
static enum MHD_Result queue_error(struct MHD_Connection *mc, unsigned int status, const char *msg)
{
    struct buf b;
    struct MHD_Response *r;
    enum MHD_Result rc;

    buf_init(&b, 0);
    buf_puts(&b, msg);
    buf_putc(&b, '\n');
    r = buf_failed(&b) ? NULL : make_response("text/plain; charset=UTF-8", &b, "", 1, 0);
    buf_free(&b);
    if (!r)
        return MHD_NO;
    rc = MHD_queue_response(mc, status, r);
    MHD_destroy_response(r);
    return rc;
}

/* ---- worker ---------------------------------------------------------------------- */

/* After a request: the memory cap logged with what hit it, the arena
 * rewound, a large answer buffer dropped, memory returned after a big one. */
static void after_request(struct worker *w, const struct http_req *req)
{
    size_t used = w->arena.used_total, out = w->out.cap;
    if (w->arena.refused)
        log_msg(LOG_WARN, "memory cap: %s %s method %s from %s (user %s): %zu bytes in use, "
                          "%zu more refused (cap %zu); answered with a fault",
                req->method, req->path ? req->path : "?",
                w->ctx.method ? w->ctx.method : "?", req->peer,
                w->ctx.user ? w->ctx.user : "-", used, w->arena.refused, w->arena.max_total);
    arena_reset(&w->arena);
    w->ctx.user = NULL; /* arena text */
    w->ctx.method = NULL;
    if (out > (4u << 20))
        buf_free(&w->out);
    if (used + out > TRIM_AFTER_BYTES)
        malloc_trim(0);
}

/* Run the request on w and leave the MHD response in rq. */
static void build_answer(struct worker *w, struct rq *rq)
{
    struct http_resp resp;
    const struct cfg *cfg = cfg_live();

    w->cfg = w->ctx.cfg = cfg; /* this request sees one snapshot throughout */
    memset(&resp, 0, sizeof resp);
    buf_reset(&w->out);
    resp.body = &w->out;
    resp.status = 200;
    obs_route(&rq->obs, w, &rq->req, &resp);
    int must_close = !rq->req.keep_alive || resp.close || g_stop || cfg->keepalive_timeout_ms == 0 ||
                rq->conn->nreq + 1 >= cfg->max_keepalive_requests;
    if (buf_failed(resp.body)) {
        http_error(&resp, 500, "out of memory");
        must_close = 1;
    }
    rq->status = (unsigned int)resp.status;
    struct proto_stream *ps = proto_stream_take(w);
    if (ps) {
        /* a list sent page by page costs a page, not the answer: its
         * large-answer slot is given back now */
        if (exchange_large_take())
            exchange_large_release();
        rq->resp = make_stream_response(resp.content_type, resp.body, resp.headers, must_close, ps);
    } else {
        rq->resp = make_response(resp.content_type, resp.body, resp.headers, must_close,
                                 exchange_large_take());
    }
    after_request(w, &rq->req);
    rq->state = RQ_READY;
}

static void run_job(struct worker *w, struct rq *rq)
{
    build_answer(w, rq);
    MHD_resume_connection(rq->mc);
}

/* ---- the inline fast path ----------------------------------------------------------
 * A request that can only read cheaply (a WSDL GET; an info call, one
 * indexed lookup of about 50 us) runs on the event-loop thread that read
 * it, on that thread's own worker context: the two thread hand-offs of the
 * worker pool (and their wake-ups) would cost more than the request.  The
 * protocol layer decides: it names the candidates (proto_inline_candidate),
 * and on an inline context the API layer refuses, before doing anything,
 * every method that is not a cheap read (login's PBKDF2, writes waiting for
 * their fsync, list, multiCall, anything unknown): the request is then run
 * again on the pool.  An info call's sliding-expiry refresh never waits:
 * the store defers it to its committer thread (store/sqlite/conn.c).  On by
 * default (inline_reads). */

static struct worker *g_inline;
static int g_n_inline;
static atomic_int g_inline_next;
static _Thread_local struct worker *t_inline;

static int runs_inline(const struct http_req *r)
{
    return g_cfg->inline_reads && proto_inline_candidate(r, route_match(r->path, r->query, NULL));
}

/* The worker context of the calling event-loop thread (made on first use). */
static struct worker *inline_worker(void)
{
    if (!t_inline) {
        int i = atomic_fetch_add(&g_inline_next, 1);
        if (i >= g_n_inline)
            return NULL;
        t_inline = &g_inline[i];
    }
    return t_inline;
}

/* Run rq on the calling event-loop thread: 0, or -1 (nothing answered) when
 * it must go to the pool after all (no context, the API layer deferred it,
 * or it tried to write after all: the store refuses every write in
 * read-only mode, before anything is written, so running it again on a
 * worker is safe).  The request's reads share one
 * read transaction: one WAL read lock (two fcntl calls) instead of one per
 * statement. */
static int run_inline(struct rq *rq)
{
    struct worker *w = inline_worker();

    if (!w)
        return -1;
    worker_set_inline(w);
    store_read_only(w->st, 1);
    int rd = store_begin_read(w->st) == 0;
    build_answer(w, rq);
    if (rd)
        store_commit(w->st);
    int wrote = store_read_only(w->st, 0);
    if (!wrote && !worker_deferred(w))
        return 0;
    if (wrote)
        log_msg(LOG_DEBUG, "http: %s: a request taken for a read wrote; run on a worker", rq->req.peer);
    if (rq->resp)
        MHD_destroy_response(rq->resp);
    rq->resp = NULL;
    rq->state = RQ_READING;
    return -1;
}

static void *worker_main(void *arg)
{
    struct worker *w = arg;
    struct rq *rq;

    while ((rq = job_pop()))
        run_job(w, rq);
    return NULL;
}

/* ---- MHD callbacks ------------------------------------------------------------------ */

/* getsockname of the connection: where the client reached us */
static void local_address(struct conn *c)
{
    struct sockaddr_storage ss;
    socklen_t sl = sizeof ss;
    char host[48] = "", port[8] = "";

    if (c->fd < 0 || getsockname(c->fd, (struct sockaddr *)&ss, &sl) ||
        getnameinfo((struct sockaddr *)&ss, sl, host, sizeof host, port, sizeof port,
                    NI_NUMERICHOST | NI_NUMERICSERV))
        return;
    snprintf(c->local, sizeof c->local, ss.ss_family == AF_INET6 ? "[%s]:%s" : "%s:%s", host, port);
}

static void on_connection(void *cls, struct MHD_Connection *mc, void **socket_context,
                          enum MHD_ConnectionNotificationCode toe)
{
    struct conn *c = *socket_context;

    (void)cls;
    if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
        const union MHD_ConnectionInfo *fd = MHD_get_connection_info(mc, MHD_CONNECTION_INFO_CONNECTION_FD);
        const union MHD_ConnectionInfo *ad = MHD_get_connection_info(mc, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
        c = calloc(1, sizeof *c);
        if (!c)
            return;
        c->fd = fd ? fd->connect_fd : -1;
        strcpy(c->peer, "?");
        if (ad && ad->client_addr) {
            char host[48] = "", port[8] = "";
            const struct sockaddr *sa = ad->client_addr;
            socklen_t sl = sa->sa_family == AF_INET6 ? sizeof(struct sockaddr_in6)
                                                    : sizeof(struct sockaddr_in);
            if (!getnameinfo(sa, sl, host, sizeof host, port, sizeof port, NI_NUMERICHOST | NI_NUMERICSERV))
                snprintf(c->peer, sizeof c->peer, "%s:%s", host, port);
        }
        local_address(c);
        atomic_store(&c->deadline, now_ms() + g_cfg->recv_timeout_ms + g_cfg->request_timeout_ms);
        pthread_mutex_lock(&g_conns_mu);
        c->next = g_conns.next;
        c->prev = &g_conns;
        g_conns.next->prev = c;
        g_conns.next = c;
        pthread_mutex_unlock(&g_conns_mu);
        *socket_context = c;
        obs_conn(1);
    } else if (c) { /* closed: MHD closes the socket after this returns */
        pthread_mutex_lock(&g_conns_mu);
        c->prev->next = c->next;
        c->next->prev = c->prev;
        pthread_mutex_unlock(&g_conns_mu);
        free(c);
        obs_conn(-1);
        *socket_context = NULL;
    }
}

static struct conn *conn_of(struct MHD_Connection *mc)
{
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(mc, MHD_CONNECTION_INFO_SOCKET_CONTEXT);

    return ci ? ci->socket_context : NULL;
}

/* Called with the raw request target as soon as the request line is in:
 * starts the request's deadline and makes its context. */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *mc)
{
    size_t n = strlen(uri);
    struct rq *rq = calloc(1, sizeof *rq + n + 1);
    struct conn *c = conn_of(mc);

    (void)cls;
    if (!rq)
        return NULL;
    memcpy(rq->target, uri, n + 1);
    obs_begin(&rq->obs);
    rq->mc = mc;
    rq->conn = c;
    buf_init(&rq->body, (size_t)g_cfg->max_body_bytes);
    if (c) {
        atomic_store(&c->deadline, now_ms() + g_cfg->request_timeout_ms);
        atomic_store(&c->active, 1);
    }
    atomic_fetch_add(&g_active, 1);
    set_timeout(mc, g_cfg->recv_timeout_ms);
    return rq;
}

static void on_completed(void *cls, struct MHD_Connection *mc, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    struct rq *rq = *con_cls;
    struct conn *c = conn_of(mc);

    (void)cls;
    /* Only a request answered in full leaves the connection open; on any
     * other end MHD is closing it and its timeout must not be touched. */
    if (c && toe == MHD_REQUEST_TERMINATED_COMPLETED_OK) {
        c->nreq++;
        atomic_store(&c->deadline, now_ms() + g_cfg->keepalive_timeout_ms + g_cfg->request_timeout_ms);
        set_timeout(mc, g_cfg->keepalive_timeout_ms);
    }
    if (c)
        atomic_store(&c->active, 0);
    if (rq) {
        atomic_fetch_sub(&g_active, 1);
        obs_done(&rq->obs, &rq->req, rq->status, toe == MHD_REQUEST_TERMINATED_COMPLETED_OK);
        if (rq->pooled)
            atomic_fetch_sub(&g_inflight, 1);
        if (rq->resp)
            MHD_destroy_response(rq->resp);
        buf_free(&rq->body);
        free(rq);
        *con_cls = NULL;
    }
}

struct hdr_walk {
    struct hdr_check chk;
    int conn_close, conn_keep;
    const char *value_end; /* end of the previous header's value */
};

static enum MHD_Result check_one(void *cls, enum MHD_ValueKind kind, const char *key, size_t key_size,
                                 const char *value, size_t value_size)
{
    struct hdr_walk *hw = cls;

    (void)kind;
    if (hw->value_end && !http_value_end_clean(hw->value_end, key))
        hw->chk.status = hw->chk.status ? hw->chk.status : 400;
    hw->value_end = value ? value + value_size : NULL;
    http_check_header(&hw->chk, key, key_size, value ? value : "", value ? value_size : 0);
    if (key_size == 10 && !strcasecmp(key, "Connection") && value) {
        hw->conn_close |= strcasestr(value, "close") != NULL;
        hw->conn_keep |= strcasestr(value, "keep-alive") != NULL;
    }
    return MHD_YES;
}

/* First call: headers are in.  Check them, fill what does not depend on
 * the body.  Returns 0 or the status to refuse the request with. */
static int start_request(struct rq *rq, const char *method, const char *version)
{
    struct MHD_Connection *mc = rq->mc;
    struct http_req *req = &rq->req;
    struct hdr_walk hw;
    int status;

    memset(&hw, 0, sizeof hw);
    MHD_get_connection_values_n(mc, MHD_HEADER_KIND, check_one, &hw);
    if (hw.value_end && !http_value_end_clean(hw.value_end, NULL))
        return 400; /* a NUL inside the last header */
    if ((status = http_check_done(&hw.chk)))
        return status;
    if (strlen(method) >= sizeof req->method)
        return 501;
    strcpy(req->method, method);
    req->target = rq->target;
    req->path = rq->target;
    char *q = strchr(rq->target, '?');
    if (q) {
        *q = '\0';
        req->query = q + 1;
    } else {
        req->query = "";
    }
    req->minor = strcmp(version, MHD_HTTP_VERSION_1_0) == 0 ? 0 : 1;
    req->keep_alive = hw.conn_close ? 0 : hw.conn_keep ? 1 : req->minor >= 1;
#define H(name) MHD_lookup_connection_value(mc, MHD_HEADER_KIND, name)
    req->host = H("Host");
    req->content_type = H("Content-Type");
    req->soapaction = H("SOAPAction");
    req->authorization = H("Authorization");
    req->if_none_match = H("If-None-Match");
    req->if_modified_since = H("If-Modified-Since");
    req->accept = H("Accept");
    req->idempotency_key = H("Idempotency-Key");
#undef H
    snprintf(req->peer, sizeof req->peer, "%s", rq->conn ? rq->conn->peer : "?");
    snprintf(req->local, sizeof req->local, "%s", rq->conn ? rq->conn->local : "");
    if (hw.chk.n_clen && strtoll(hw.chk.clen, NULL, 10) > g_cfg->max_body_bytes)
        return 413;
    return 0;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *mc, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
    struct rq *rq = *con_cls;
    int status;

    (void)cls;
    (void)url;
    if (!rq)
        return MHD_NO; /* out of memory in on_uri */
    switch (rq->state) {
    case RQ_NEW:
        rq->state = RQ_READING;
        status = start_request(rq, method, version);
        if (status) {
            if (rq->conn)
                atomic_store(&rq->conn->deadline, 0);
            rq->status = (unsigned int)status;
            return queue_error(mc, (unsigned int)status, http_reason(status));
        }
        return MHD_YES; /* MHD sends 100 Continue now if it was asked for */
    case RQ_READING:
        if (*upload_data_size) {
            if (rq->conn && now_ms() > atomic_load(&rq->conn->deadline))
                return MHD_NO; /* slow drip: close */
            if (!rq->refuse && buf_put(&rq->body, upload_data, *upload_data_size)) {
                rq->refuse = 413;
                buf_free(&rq->body);
            }
            *upload_data_size = 0;
            return MHD_YES;
        }
        if (rq->conn)
            atomic_store(&rq->conn->deadline, 0);
        if (!rq->refuse && !buf_cstr(&rq->body))
            rq->refuse = 413;
        if (rq->refuse) {
            rq->status = (unsigned int)rq->refuse;
            return queue_error(mc, (unsigned int)rq->refuse, "request body too large");
        }
        rq->req.body = rq->body.p;
        rq->req.body_len = rq->body.n;
        if (runs_inline(&rq->req) && run_inline(rq) == 0)
            break;
        rq->state = RQ_WORKING;
        rq->pooled = 1;
        atomic_fetch_add(&g_inflight, 1);
        MHD_suspend_connection(mc);
        if (job_push(rq)) { /* stopping: no worker will take it */
            struct buf b;
            buf_init(&b, 0);
            buf_puts(&b, "shutting down\n");
            rq->status = 503;
            rq->resp = buf_failed(&b) ? NULL : make_response("text/plain; charset=UTF-8", &b, "", 1, 0);
            buf_free(&b);
            rq->state = RQ_READY;
            MHD_resume_connection(mc);
        }
        return MHD_YES;
    case RQ_WORKING:
        return MHD_YES; /* not reached: suspended until the worker resumes it */
    case RQ_READY:
        break;
    }
    if (!rq->resp) {
        rq->status = 500;
        return queue_error(mc, 500, "cannot build the response");
    }
    set_timeout(mc, g_cfg->send_timeout_ms);
    return MHD_queue_response(mc, rq->status, rq->resp);
}

/* ---- the whole-request deadline ---------------------------------------------------- */

static void sweep(void)
{
    int64_t t = now_ms();

    pthread_mutex_lock(&g_conns_mu);
    for (struct conn *c = g_conns.next; c != &g_conns; c = c->next) {
        long long d = atomic_load(&c->deadline);
        if (d && t > d && c->fd >= 0) {
            atomic_store(&c->deadline, 0);
            log_msg(LOG_DEBUG, "http: %s past its request deadline, closed", c->peer);
            shutdown(c->fd, SHUT_RDWR); /* MHD sees the end and closes it */
        }
    }
    pthread_mutex_unlock(&g_conns_mu);
}

/* ---- start and stop -------------------------------------------------------------------- */

static void on_signal(int sig)
{
    if (sig == SIGHUP)
        atomic_store(&g_reload, 1);
    else
        atomic_store(&g_stop, 1);
}

void http_set_reload_hook(void (*fn)(void))
{
    g_reload_hook = fn;
}

/* shut down (both ways) the connections that are idle (all = 0) or all */
static void close_conns(int all)
{
    pthread_mutex_lock(&g_conns_mu);
    for (struct conn *c = g_conns.next; c != &g_conns; c = c->next)
        if (c->fd >= 0 && (all || !atomic_load(&c->active)))
            shutdown(c->fd, SHUT_RDWR); /* MHD sees the end and closes it */
    pthread_mutex_unlock(&g_conns_mu);
}

/* SIGTERM: requests already begun get shutdown_timeout seconds. */
static void drain(void)
{
    const struct cfg *cfg = cfg_live();
    int64_t until = now_ms() + (int64_t)cfg->shutdown_timeout * 1000;
    int n = atomic_load(&g_active);

    log_msg(LOG_INFO, "stopping: %d request%s under way, up to %d s", n, n == 1 ? "" : "s",
            cfg->shutdown_timeout);
    while (atomic_load(&g_active) > 0 && now_ms() < until) {
        close_conns(0);
        struct timespec ts = {0, 10 * 1000000L};
        nanosleep(&ts, NULL);
        sweep();
    }
    n = atomic_load(&g_active);
    if (n > 0)
        log_msg(LOG_WARN, "stopping: shutdown_timeout passed, closing %d connection%s with a request "
                          "under way", n, n == 1 ? "" : "s");
    close_conns(1);
}

static int open_listener(const char *listen_addr, char *shown, size_t shownlen);

int http_bind(const struct cfg *cfg)
{
    char err[512];

    if (g_lfd >= 0)
        return 0;
    if (tls_enabled(cfg) && tls_load(cfg, err, sizeof err)) {
        log_msg(LOG_ERR, "%s", err);
        return -1;
    }
    g_lfd = open_listener(cfg->listen, g_bound, sizeof g_bound);
    if (g_lfd >= 0)
        wsdl_set_listen_address(g_bound);
    return g_lfd >= 0 ? 0 : -1;
}

int http_tls_reload(const struct cfg *cfg, char *err, size_t errlen)
{
    return tls_load(cfg, err, errlen);
}

static int open_listener(const char *listen_addr, char *shown, size_t shownlen)
{
    char host[256], *colon;
    struct addrinfo hints, *res = NULL, *ai;
    int fd = -1, one = 1;

    snprintf(host, sizeof host, "%s", listen_addr);
    colon = strrchr(host, ':');
    if (!colon) {
        log_msg(LOG_ERR, "listen: expected HOST:PORT, got '%s'", listen_addr);
        return -1;
    }
    *colon = '\0';
    char *h = host;
    if (*h == '[') { /* [::1]:8080 */
        h++;
        char *rb = strchr(h, ']');
        if (rb)
            *rb = '\0';
    }
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE;
    int rc = getaddrinfo(*h ? h : NULL, colon + 1, &hints, &res);
    if (rc) {
        log_msg(LOG_ERR, "listen %s: %s", listen_addr, gai_strerror(rc));
        return -1;
    }
    for (ai = res; ai; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
        if (fd < 0)
            continue;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        if (bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 && listen(fd, SOMAXCONN) == 0)
            break;
        close(fd);
        fd = -1;
    }
    if (fd < 0) {
        log_msg(LOG_ERR, "listen %s: %s", listen_addr, strerror(errno));
    } else {
        struct sockaddr_storage ss;
        socklen_t sl = sizeof ss;
        char hbuf[64] = "", pbuf[16] = "";
        getsockname(fd, (struct sockaddr *)&ss, &sl);
        getnameinfo((struct sockaddr *)&ss, sl, hbuf, sizeof hbuf, pbuf, sizeof pbuf,
                    NI_NUMERICHOST | NI_NUMERICSERV);
        snprintf(shown, shownlen, ss.ss_family == AF_INET6 ? "[%s]:%s" : "%s:%s", hbuf, pbuf);
    }
    freeaddrinfo(res);
    return fd;
}

/* Open files: one per connection; raise the soft limit to the hard one. */
static void raise_nofile(const struct cfg *cfg)
{
    struct rlimit rl;

    if (getrlimit(RLIMIT_NOFILE, &rl))
        return;
    if (rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
        getrlimit(RLIMIT_NOFILE, &rl);
    }
    if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < (rlim_t)cfg->max_connections + 64)
        log_msg(LOG_WARN, "open files limit %llu is below max_connections %d",
                (unsigned long long)rl.rlim_cur, cfg->max_connections);
}

static int workers_init(struct worker *ws, int nw, const struct cfg *cfg)
{
    char err[512];

    for (int i = 0; i < nw; i++) {
        struct worker *w = &ws[i];
        w->id = i;
        w->cfg = cfg;
        arena_init(&w->arena, cfg->max_request_memory > 0
                                  ? (size_t)cfg->max_request_memory
                                  : (size_t)cfg->max_body_bytes * 8 + (64u << 20));
        buf_init(&w->out, 0);
        buf_init(&w->in, 0);
        if (store_open(cfg->db, cfg, &w->st, err, sizeof err)) {
            log_msg(LOG_ERR, "%s", err);
            return -1;
        }
        w->ctx.st = w->st;
        w->ctx.cfg = cfg;
        w->ctx.arena = &w->arena;
        if (soap_worker_init(w)) {
            log_msg(LOG_ERR, "cannot initialise the SOAP engine");
            return -1;
        }
    }
    return 0;
}

static void workers_free(struct worker *ws, int nw)
{
    for (int i = 0; i < nw; i++) {
        soap_worker_free(&ws[i]);
        if (ws[i].st)
            store_close(ws[i].st);
        arena_free(&ws[i].arena);
        buf_free(&ws[i].out);
        buf_free(&ws[i].in);
    }
}

static struct MHD_Daemon *start_mhd(const struct cfg *cfg, int lfd)
{
    unsigned int flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG |
                         MHD_USE_TURBO;
    size_t mem = (size_t)cfg->max_header_bytes + (size_t)cfg->max_header_bytes / 2 + 4096;
    struct MHD_OptionItem tls[] = {
        {MHD_OPTION_HTTPS_CERT_CALLBACK, 0, (void *)tls_cert_callback},
        {MHD_OPTION_HTTPS_PRIORITIES, 0, (void *)tls_priorities},
        {MHD_OPTION_END, 0, NULL},
    };

    if (tls_enabled(cfg))
        flags |= MHD_USE_TLS;
    return MHD_start_daemon(
        flags, 0, NULL, NULL, on_request, NULL, MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
        MHD_OPTION_ARRAY, tls_enabled(cfg) ? tls : tls + 2,
        MHD_OPTION_LISTEN_SOCKET, lfd,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned int)cfg->max_connections,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned int)cfg->max_connections_per_ip,
        MHD_OPTION_CONNECTION_TIMEOUT, secs(cfg->recv_timeout_ms), MHD_OPTION_CONNECTION_MEMORY_LIMIT, mem,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)cfg->http_threads, MHD_OPTION_URI_LOG_CALLBACK, on_uri,
        NULL, MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL, MHD_OPTION_NOTIFY_CONNECTION, on_connection,
        NULL, MHD_OPTION_END);
}

int http_serve(const struct cfg *cfg, void (*on_listening)(void))
{
    int nw = cfg->workers, started = 0, rc = 0;
    struct worker *ws = calloc((size_t)nw, sizeof *ws);
    pthread_t *th = calloc((size_t)nw, sizeof *th);
    struct MHD_Daemon *d = NULL;
    struct sigaction sa;

    /* Memory of big requests goes back to the system: blocks of 1 MiB and
     * more are mmap'ed (and unmapped when freed) whatever glibc's dynamic
     * threshold would have become, and a heap top past 4 MiB is trimmed;
     * malloc_trim after big requests does the rest (after_request). */
    mallopt(M_MMAP_THRESHOLD, 1 << 20);
    mallopt(M_TRIM_THRESHOLD, 4 << 20);
    if (!ws || !th) {
        free(ws);
        free(th);
        return 1;
    }
    if (!cfg_live() && !cfg_live_publish(cfg)) {
        free(ws);
        free(th);
        return 1;
    }
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL); /* reload: the app's hook, from the main loop */
    signal(SIGPIPE, SIG_IGN);
    /* USR1 and USR2 must not kill the daemon (stray `kill -USR1`) */
    signal(SIGUSR1, SIG_IGN);
    signal(SIGUSR2, SIG_IGN);
    raise_nofile(cfg);

    /* every event-loop thread has a worker context: for inline reads and to
     * read the pages of the streamed list answers it sends */
    g_n_inline = cfg->http_threads + 1;
    g_inline = calloc((size_t)g_n_inline + 1, sizeof *g_inline);
    if (!g_inline || workers_init(ws, nw, cfg) || workers_init(g_inline, g_n_inline, cfg)) {
        rc = 1;
        goto stop;
    }
    if (http_bind(cfg)) {
        rc = 1;
        goto stop;
    }
    for (; started < nw; started++) {
        if (pthread_create(&th[started], NULL, worker_main, &ws[started])) {
            log_msg(LOG_ERR, "cannot start worker threads");
            rc = 1;
            goto stop;
        }
    }
    d = start_mhd(cfg, g_lfd);
    if (!d) {
        log_msg(LOG_ERR, "cannot start the HTTP server (libmicrohttpd)");
        rc = 1;
        goto stop;
    }
    fprintf(stderr, "listening on %s\n", g_bound);
    if (on_listening)
        on_listening();
    fflush(stderr);
    while (!g_stop) {
        struct timespec ts = {0, SWEEP_MS * 1000000L};
        nanosleep(&ts, NULL);
        sweep();
        if (atomic_exchange(&g_reload, 0) && g_reload_hook)
            g_reload_hook();
    }
    MHD_quiesce_daemon(d); /* accept nothing more: MHD stops polling the listener */
    if (g_lfd >= 0)
        close(g_lfd); /* and the kernel refuses new connections */
    g_lfd = -1;
    drain();
stop:
    g_stop = 1;
    /* workers finish every queued request, then stop */
    pthread_mutex_lock(&g_jobs.mu);
    g_jobs.closing = 1;
    pthread_cond_broadcast(&g_jobs.cv);
    pthread_mutex_unlock(&g_jobs.mu);
    for (int i = 0; i < started; i++)
        pthread_join(th[i], NULL);
    /* let the answers already built go out (at most a second) */
    for (int i = 0; d && i < 100 && atomic_load(&g_inflight) > 0; i++) {
        struct timespec ts = {0, 10 * 1000000L};
        nanosleep(&ts, NULL);
    }
    if (d)
        MHD_stop_daemon(d);
    if (g_lfd >= 0)
        close(g_lfd);
    g_lfd = -1;
    tls_free_all();
    cfg_live_free_all();
    workers_free(ws, nw);
    if (g_inline)
        workers_free(g_inline, g_n_inline);
    free(g_inline);
    free(ws);
    free(th);
    return rc;
}
