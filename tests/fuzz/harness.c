/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The libFuzzer targets' shared environment (harness.h). */
#define _GNU_SOURCE /* memmem */
#include "harness.h"

#include "api/api.h"
#include "http/http.h"

#include "magesoapd/log.h"
#include "magesoapd/store.h"
#include "tools/tools.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static struct fz_env env;
static int ready;
static sqlite3 *watch;      /* a connection of our own: PRAGMA data_version moves on others' commits */
static int64_t watch_version;

/* The clock stands still at the moment the environment was made (after the
 * API user's key was stored, so REST tokens are valid): sessions never
 * expire and nothing slides. */
static int64_t g_now;

static int64_t fixed_clock(void *arg)
{
    (void)arg;
    return g_now;
}

static void die(const char *what, const char *err)
{
    fprintf(stderr, "fuzz harness: %s: %s\n", what, err);
    abort();
}

static int64_t data_version(void)
{
    sqlite3_stmt *s = NULL;
    int64_t v = -1;

    if (sqlite3_prepare_v2(watch, "PRAGMA data_version", -1, &s, NULL) == SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return v;
}

static void rmtree(void)
{
    static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
    char p[400];

    for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
        snprintf(p, sizeof p, "%s%s", env.db, suffix[i]);
        unlink(p);
    }
    rmdir(env.dir);
}

static void at_exit(void)
{
    if (watch)
        sqlite3_close(watch);
    soap_worker_free(&env.w);
    if (env.w.st)
        store_close(env.w.st);
    arena_free(&env.w.arena);
    buf_free(&env.w.out);
    rmtree();
}

/* A fresh session id and REST token for apiUser (after every reset). */
static void credentials(void)
{
    struct md_fault f;

    if (md_login(&env.w.ctx, "apiUser", "apiKey", env.sid, &f))
        die("login", f.msg);
    if (md_token_issue(&env.w.ctx, "apiUser", "apiKey", env.token, &f))
        die("token", f.msg);
    arena_reset(&env.w.arena);
}

struct fz_env *fz_env(void)
{
    char err[512];
    const char *tmp = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";

    if (ready)
        return &env;
    log_set_level(getenv("FUZZ_LOG") ? LOG_DEBUG : LOG_ERR - 1);
    cfg_defaults(&env.cfg);
    env.cfg.pbkdf2_iterations = 1000;      /* login stays cheap */
    env.cfg.login_max_failures = 0;        /* no throttling state between inputs */
    env.cfg.login_max_failures_per_peer = 0;
    env.cfg.request_deadline_ms = 0;       /* no wall-clock dependence */
    env.cfg.max_body_bytes = 1 << 20;
    snprintf(env.dir, sizeof env.dir, "%s/md-fuzz-XXXXXX", tmp);
    if (!mkdtemp(env.dir))
        die("mkdtemp", env.dir);
    snprintf(env.db, sizeof env.db, "%s/fuzz.db", env.dir);
    snprintf(env.cfg.db, sizeof env.cfg.db, "%s", env.db);
    atexit(at_exit);

    struct worker *w = &env.w;
    w->cfg = &env.cfg;
    arena_init(&w->arena, 64u << 20);
    buf_init(&w->out, 0);
    buf_init(&w->in, 0);
    if (store_open(env.db, &env.cfg, &w->st, err, sizeof err))
        die("store_open", err);
    if (md_demo_load(w->st, &env.cfg, err, sizeof err))
        die("demo", err);
    g_now = (int64_t)time(NULL) + 1;
    w->ctx = (struct md_ctx){.st = w->st, .cfg = &env.cfg, .arena = &w->arena, .now = fixed_clock};
    if (soap_worker_init(w))
        die("soap", "soap_worker_init");
    if (sqlite3_open_v2(env.db, &watch, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
        die("sqlite3_open", env.db);
    credentials();
    watch_version = data_version();
    ready = 1;
    return &env;
}

void fz_restore(void)
{
    char err[512];
    int64_t v = data_version();

    arena_reset(&env.w.arena);
    if (v == watch_version)
        return;
    if (md_reset(env.w.st, &env.cfg, 1, NULL, err, sizeof err))
        die("reset", err);
    credentials();
    watch_version = data_version();
}

/* body with @SID@ / @TOKEN@ replaced, NUL-terminated, in the arena. */
static char *expand(const uint8_t *body, size_t n, size_t *len)
{
    static const char *const mark[2] = {"@SID@", "@TOKEN@"};
    const char *val[2] = {env.sid, env.token};
    size_t cap = n + 1, k = 0;
    char *out;

    for (int m = 0; m < 2; m++)
        for (const uint8_t *p = body; (p = memmem(p, n - (size_t)(p - body), mark[m], strlen(mark[m])));
             p += strlen(mark[m]))
            cap += strlen(val[m]);
    out = arena_alloc(&env.w.arena, cap);
    if (!out)
        die("arena", "out of memory");
    for (size_t i = 0; i < n;) {
        int hit = -1;
        for (int m = 0; m < 2 && hit < 0; m++)
            if (body[i] == '@' && n - i >= strlen(mark[m]) && !memcmp(body + i, mark[m], strlen(mark[m])))
                hit = m;
        if (hit < 0) {
            out[k++] = (char)body[i++];
            continue;
        }
        memcpy(out + k, val[hit], strlen(val[hit]));
        k += strlen(val[hit]);
        i += strlen(mark[hit]);
    }
    out[k] = '\0';
    *len = k;
    return out;
}

int fz_request(const char *method, const char *path, const uint8_t *body, size_t n, int auth)
{
    struct http_req req;
    struct http_resp resp;
    char target[512], auth_hdr[128], *q;
    int status;

    fz_env();
    memset(&req, 0, sizeof req);
    snprintf(req.method, sizeof req.method, "%s", method);
    snprintf(target, sizeof target, "%s", path);
    req.target = target;
    req.path = arena_strdup(&env.w.arena, target);
    q = req.path ? strchr(req.path, '?') : NULL;
    if (q)
        *q++ = '\0';
    req.query = q ? q : "";
    req.minor = 1;
    req.host = "127.0.0.1:8080";
    req.content_type = strncmp(path, "/rest/", 6) == 0 ? "application/json" : "text/xml; charset=utf-8";
    snprintf(auth_hdr, sizeof auth_hdr, "Bearer %s", env.token);
    req.authorization = auth ? auth_hdr : NULL;
    req.keep_alive = 1;
    req.body = expand(body, n, &req.body_len);
    snprintf(req.peer, sizeof req.peer, "127.0.0.1:4711");

    memset(&resp, 0, sizeof resp);
    buf_reset(&env.w.out);
    resp.body = &env.w.out;
    resp.status = 200;
    route_request(&env.w, &req, &resp);
    status = resp.status;
    if (getenv("FUZZ_PRINT")) /* see what an input gets */
        fprintf(stderr, "%s %s -> %d\n%.*s\n", method, path, status, (int)env.w.out.n,
                env.w.out.p ? env.w.out.p : "");
    if (env.w.out.cap > (4u << 20))
        buf_free(&env.w.out);
    fz_restore();
    return status;
}
