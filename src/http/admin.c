/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The admin API (admin.h): a second libmicrohttpd daemon with one internal
 * thread and its own store connection, so nothing here takes a worker of
 * the API port.  Answers are JSON (jansson), /metrics Prometheus text.
 */
#define _GNU_SOURCE
#include "http/admin.h"
#include "http/obs.h"

#include "magesoapd/dec.h"
#include "magesoapd/embedded.h"
#include "magesoapd/log.h"
#include "magesoapd/store.h"
#include "magesoapd/val.h"

#include <jansson.h>
#include <microhttpd.h>

#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#define ADMIN_MAX_BODY 65536
#define LIST_DEFAULT 100
#define LIST_MAX 10000

static const struct cfg *g_cfg;
static admin_reset_fn g_reset;
static struct MHD_Daemon *g_d;
static int g_lfd = -1;
static struct store *g_st;
static struct arena g_arena;
static dev_t g_db_dev;
static ino_t g_db_ino;
static int g_db_known;

/* ---- the database check ---- */

static void note_db_file(const struct cfg *cfg)
{
    struct stat sb;

    if (stat(cfg->db, &sb) == 0) {
        g_db_dev = sb.st_dev;
        g_db_ino = sb.st_ino;
        g_db_known = 1;
    }
}

int admin_db_up(struct store *st, const struct cfg *cfg, char *why, size_t whylen)
{
    struct stat sb;
    int64_t n = 0;

    if (stat(cfg->db, &sb) != 0) {
        snprintf(why, whylen, "database file %s: %s", cfg->db, strerror(errno));
        return 0;
    }
    if (g_db_known && (sb.st_dev != g_db_dev || sb.st_ino != g_db_ino)) {
        snprintf(why, whylen, "database file %s was replaced since the daemon opened it", cfg->db);
        return 0;
    }
    if (!st || store_count_users(st, NULL, &n) != 0) {
        snprintf(why, whylen, "database read failed: %s", st ? store_errmsg(st) : "no connection");
        return 0;
    }
    return 1;
}

void admin_public_health(struct worker *w, struct http_resp *resp)
{
    char why[512];
    int up = admin_db_up(w->st, w->cfg, why, sizeof why);

    resp->status = up ? 200 : 503;
    resp->content_type = "text/plain; charset=UTF-8";
    buf_reset(resp->body);
    buf_puts(resp->body, up ? "ok\n" : "down\n");
    http_add_header(resp, "Cache-Control: no-store\r\n");
}

/* ---- answers ---- */

struct answer {
    unsigned status;
    const char *type;
    struct buf body;
    int static_body; /* body points at embedded data (not copied) */
    const char *data;
    size_t len;
};

static void json_answer(struct answer *a, unsigned status, json_t *j)
{
    char *s = j ? json_dumps(j, JSON_INDENT(1) | JSON_PRESERVE_ORDER) : NULL;

    a->status = s ? status : 500;
    a->type = "application/json";
    buf_puts(&a->body, s ? s : "{\"error\":\"out of memory\"}");
    buf_putc(&a->body, '\n');
    free(s);
    json_decref(j);
}

static void error_answer(struct answer *a, unsigned status, const char *msg)
{
    json_answer(a, status, json_pack("{s:s}", "error", msg));
}

static json_t *dec_json(int64_t v)
{
    char tmp[24];

    return json_string(dec_format(v, tmp));
}

static json_t *val_json(const struct val *v)
{
    json_t *j;

    if (!v)
        return json_null();
    switch (v->t) {
    case VAL_NULL:
        return json_null();
    case VAL_BOOL:
        return json_boolean(v->u.b);
    case VAL_INT:
        return json_integer((json_int_t)v->u.i);
    case VAL_DEC:
        return dec_json(v->u.i);
    case VAL_DOUBLE:
        return json_real(v->u.d);
    case VAL_STR:
        return json_stringn_nocheck(v->u.s.p, v->u.s.n);
    case VAL_LIST:
        j = json_array();
        for (size_t i = 0; j && i < v->u.list.n; i++)
            json_array_append_new(j, val_json(v->u.list.items[i]));
        return j;
    case VAL_MAP:
        j = json_object();
        for (size_t i = 0; j && i < v->u.map.n; i++)
            json_object_set_new(j, v->u.map.kv[i].key, val_json(v->u.map.kv[i].v));
        return j;
    }
    return json_null();
}

static const char *qarg(struct MHD_Connection *mc, const char *name)
{
    const char *v = MHD_lookup_connection_value(mc, MHD_GET_ARGUMENT_KIND, name);
    return v && *v ? v : NULL;
}

static int64_t qnum(struct MHD_Connection *mc, const char *name, int64_t def, int64_t max)
{
    const char *v = qarg(mc, name);
    char *end;
    long long n;

    if (!v)
        return def;
    n = strtoll(v, &end, 10);
    if (*end || n < 0)
        return def;
    return n > max ? max : n;
}

/* ---- endpoints ---- */

static void ep_health(struct answer *a)
{
    char why[512];
    int up = admin_db_up(g_st, g_cfg, why, sizeof why);

    if (up)
        json_answer(a, 200, json_pack("{s:s,s:s}", "status", "ok", "database", "ok"));
    else
        json_answer(a, 503, json_pack("{s:s,s:s,s:s}", "status", "down", "database", "down", "error", why));
}

static void ep_metrics(struct answer *a)
{
    metrics_render(&a->body, g_st);
    a->status = buf_failed(&a->body) ? 500 : 200;
    a->type = "text/plain; version=0.0.4; charset=utf-8";
}

static const char *outcome_of(const struct jentry *e, char *tmp, size_t len)
{
    if (e->status == 0)
        return "dropped";
    if (e->fault == TRACE_NO_FAULT)
        return "result";
    snprintf(tmp, len, "fault");
    return tmp;
}

static json_t *entry_json(const struct jentry *e, int full)
{
    char tmp[16];
    json_t *j = json_pack("{s:I,s:f,s:s,s:s,s:s,s:s,s:s,s:s,s:o,s:s,s:i,s:I,s:I,s:I,s:b}", "id",
                          (json_int_t)e->id, "time", (double)e->t_wall_us / 1e6, "peer", e->peer,
                          "dialect", obs_dialect_name(e->dialect), "http_method", e->http_method,
                          "path", e->path, "method", e->methods, "user", e->user, "fault",
                          e->fault == TRACE_NO_FAULT ? json_null() : json_integer(e->fault), "outcome",
                          outcome_of(e, tmp, sizeof tmp), "status", (int)e->status, "bytes_in",
                          (json_int_t)e->bytes_in, "bytes_out", (json_int_t)e->bytes_out, "us",
                          (json_int_t)e->dur_us, "write", e->write);
    if (j && e->note[0])
        json_object_set_new(j, "note", json_string(e->note));
    if (j && full) {
        json_t *h = json_object();
        if (*e->content_type)
            json_object_set_new(h, "Content-Type", json_string(e->content_type));
        if (*e->soapaction)
            json_object_set_new(h, "SOAPAction", json_string(e->soapaction));
        if (*e->authorization)
            json_object_set_new(h, "Authorization", json_string(e->authorization));
        json_object_set_new(j, "request_headers", h);
        json_object_set_new(j, "request_body",
                            e->req_body ? json_stringn(e->req_body, e->req_len) : json_null());
        json_object_set_new(j, "request_truncated", json_boolean(e->req_cut));
        json_object_set_new(j, "response_type", json_string(e->resp_type));
        json_object_set_new(j, "response_body",
                            e->resp_body ? json_stringn(e->resp_body, e->resp_len) : json_null());
        json_object_set_new(j, "response_truncated", json_boolean(e->resp_cut));
    }
    return j;
}

static void ep_requests(struct answer *a, struct MHD_Connection *mc)
{
    struct jentry **v;
    uint64_t after = (uint64_t)qnum(mc, "after", 0, INT64_MAX);
    size_t n = journal_query(after, qarg(mc, "dialect"), qarg(mc, "method"), qarg(mc, "fault"), 0,
                             (size_t)qnum(mc, "limit", 1000, 100000), &v);
    json_t *list = json_array(), *top;
    uint64_t last = after;

    for (size_t i = 0; list && i < n; i++) {
        json_array_append_new(list, entry_json(v[i], 0));
        if (v[i]->id > last)
            last = v[i]->id;
    }
    journal_entries_free(v, n);
    top = json_pack("{s:o,s:I,s:i,s:b}", "requests", list ? list : json_array(), "last",
                    (json_int_t)last, "journal_size", g_cfg->journal_size, "bodies",
                    g_cfg->journal_bodies);
    json_answer(a, 200, top);
}

static void ep_request(struct answer *a, const char *id)
{
    char *end;
    unsigned long long n = strtoull(id, &end, 10);
    struct jentry *e = *end ? NULL : journal_get(n);

    if (!e) {
        error_answer(a, 404, "no such request in the journal");
        return;
    }
    json_answer(a, 200, entry_json(e, 1));
    journal_entry_free(e);
}

static void ep_orders(struct answer *a, struct MHD_Connection *mc)
{
    struct val *list = val_list(&g_arena);

    if (!list || store_order_recent(g_st, &g_arena, qnum(mc, "limit", LIST_DEFAULT, LIST_MAX), list)) {
        error_answer(a, 503, g_st ? store_errmsg(g_st) : "no database");
        return;
    }
    json_answer(a, 200, json_pack("{s:o}", "orders", val_json(list)));
}

static void ep_order(struct answer *a, const char *inc)
{
    struct md_order o;
    int rc = store_order_load_by_inc(g_st, &g_arena, inc, &o);
    json_t *items;

    if (rc < 0) {
        error_answer(a, 503, store_errmsg(g_st));
        return;
    }
    if (rc == 0) {
        error_answer(a, 404, "no such order");
        return;
    }
    items = json_array();
    for (size_t i = 0; i < o.nitems; i++) {
        const struct md_order_item *it = &o.items[i];
        json_array_append_new(
            items, json_pack("{s:I,s:s?,s:s?,s:s?,s:o,s:o,s:o,s:o,s:o}", "item_id", (json_int_t)it->item_id,
                             "sku", it->sku, "name", it->name, "product_type", it->product_type,
                             "qty_ordered", dec_json(it->qty_ordered), "qty_invoiced",
                             dec_json(it->qty_invoiced), "qty_canceled", dec_json(it->qty_canceled),
                             "price", dec_json(it->price), "row_total", dec_json(it->row_total)));
    }
    json_answer(a, 200,
                json_pack("{s:I,s:s,s:s?,s:s?,s:s?,s:s?,s:s?,s:s?,s:o,s:o,s:o,s:o,s:o,s:s?,s:o}",
                          "entity_id", (json_int_t)o.entity_id, "increment_id", o.increment_id,
                          "state", o.state, "status", o.status, "created_at", o.created_at,
                          "customer_email", o.customer_email, "customer_firstname",
                          o.customer_firstname, "customer_lastname", o.customer_lastname,
                          "grand_total", dec_json(o.grand_total), "subtotal", dec_json(o.subtotal),
                          "shipping_amount", dec_json(o.shipping_amount), "tax_amount",
                          dec_json(o.tax_amount), "discount_amount", dec_json(o.discount_amount),
                          "order_currency_code", o.order_currency_code, "items", items));
}

static void ep_invoices(struct answer *a, struct MHD_Connection *mc)
{
    struct md_filter none = {0};
    struct val *list = val_list(&g_arena);

    if (!list || store_invoice_list(g_st, &g_arena, &none, qnum(mc, "limit", LIST_DEFAULT, LIST_MAX), 0,
                                    list)) {
        error_answer(a, 503, g_st ? store_errmsg(g_st) : "no database");
        return;
    }
    json_answer(a, 200, json_pack("{s:o}", "invoices", val_json(list)));
}

/* The invoice's audit trail (who made each create, comment, capture, void,
 * cancel, from where): not part of Magento's answers, shown here. */
static json_t *with_audit(const struct val *v)
{
    json_t *j = val_json(v), *list = json_array();
    const struct val *id = val_map_get(v, "invoice_id");
    int64_t invoice_id = !id ? 0 : id->t == VAL_INT ? id->u.i : id->t == VAL_STR ? atoll(id->u.s.p) : 0;
    struct md_audit *rows = NULL;
    size_t n = 0;

    if (!j || !list || !invoice_id || store_invoice_audit(g_st, &g_arena, invoice_id, &rows, &n)) {
        json_decref(list);
        return j;
    }
    for (size_t i = 0; i < n; i++)
        json_array_append_new(list, json_pack("{s:s,s:s?,s:s?,s:s?,s:I}", "action", rows[i].action,
                                              "api_user", rows[i].api_user, "peer", rows[i].peer,
                                              "created_at", rows[i].created_at, "comment_id",
                                              (json_int_t)rows[i].comment_id));
    json_object_set_new(j, "audit", list);
    return j;
}

static void ep_invoice(struct answer *a, const char *inc)
{
    struct val *v = NULL;
    int rc = store_invoice_info(g_st, &g_arena, inc, &v);

    if (rc < 0)
        error_answer(a, 503, store_errmsg(g_st));
    else if (rc == 0)
        error_answer(a, 404, "no such invoice");
    else
        json_answer(a, 200, with_audit(v));
}

static void ep_reset(struct answer *a, struct MHD_Connection *mc)
{
    const char *fixture = qarg(mc, "fixture");
    char err[1024];

    if (fixture && strcmp(fixture, "demo") && strcmp(fixture, "empty")) {
        error_answer(a, 400, "fixture must be demo or empty");
        return;
    }
    if (fixture && !strcmp(fixture, "empty"))
        fixture = NULL;
    if (!g_reset || g_reset(g_st, g_cfg, fixture, err, sizeof err)) {
        log_msg(LOG_ERR, "admin: reset failed: %s", g_reset ? err : "not available");
        error_answer(a, 500, g_reset ? err : "reset not available");
        return;
    }
    log_msg(LOG_INFO, "admin: reset (%s)", fixture ? fixture : "empty");
    json_answer(a, 200, json_pack("{s:s,s:s}", "status", "ok", "fixture", fixture ? fixture : "empty"));
}

/* ---- the console's static files (src/http/console, embedded) ---- */

static int serve_static(struct answer *a, const char *url)
{
    static const struct {
        const char *url, *file, *type;
    } files[] = {
        {"/", "index.html", "text/html; charset=utf-8"},
        {"/console", "index.html", "text/html; charset=utf-8"},
        {"/console/", "index.html", "text/html; charset=utf-8"},
        {"/console/app.js", "app.js", "text/javascript; charset=utf-8"},
        {"/console/style.css", "style.css", "text/css; charset=utf-8"},
    };

    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        if (strcmp(url, files[i].url))
            continue;
        for (const struct md_embedded *e = md_console; e->name; e++) {
            if (!strcmp(e->name, files[i].file)) {
                a->status = 200;
                a->type = files[i].type;
                a->static_body = 1;
                a->data = e->data;
                a->len = e->len;
                return 1;
            }
        }
    }
    return 0;
}

/* ---- auth ---- */

/* Constant-time comparison of the presented bearer token with admin_token
 * (time depends on the presented length only). */
static int token_ok(const char *auth)
{
    const char *want = g_cfg->admin_token;
    size_t wl = strlen(want), gl;
    unsigned diff = 0;

    if (!auth || strncasecmp(auth, "Bearer ", 7) != 0 || !wl)
        return 0;
    auth += 7;
    while (*auth == ' ')
        auth++;
    gl = strlen(auth);
    diff |= (unsigned)(gl ^ wl);
    for (size_t i = 0; i < gl; i++)
        diff |= (unsigned char)auth[i] ^ (unsigned char)want[i % wl];
    return diff == 0;
}

/* ---- the MHD handler ---- */

struct areq {
    size_t body;
    int too_large;
};

static void route(struct answer *a, struct MHD_Connection *mc, const char *url, const char *method)
{
    int get = !strcmp(method, "GET") || !strcmp(method, "HEAD");
    int post = !strcmp(method, "POST");

    if (get && serve_static(a, url))
        return;
    if (!token_ok(MHD_lookup_connection_value(mc, MHD_HEADER_KIND, "Authorization"))) {
        error_answer(a, 401, "a valid \"Authorization: Bearer <admin_token>\" header is needed");
        return;
    }
    arena_reset(&g_arena);
    if (get && !strcmp(url, "/health"))
        ep_health(a);
    else if (get && !strcmp(url, "/metrics"))
        ep_metrics(a);
    else if (get && !strcmp(url, "/requests"))
        ep_requests(a, mc);
    else if (get && !strncmp(url, "/requests/", 10))
        ep_request(a, url + 10);
    else if (get && !strcmp(url, "/orders"))
        ep_orders(a, mc);
    else if (get && !strncmp(url, "/orders/", 8))
        ep_order(a, url + 8);
    else if (get && !strcmp(url, "/invoices"))
        ep_invoices(a, mc);
    else if (get && !strncmp(url, "/invoices/", 10))
        ep_invoice(a, url + 10);
    else if (post && !strcmp(url, "/reset"))
        ep_reset(a, mc);
    else if (!strcmp(url, "/reset") || !strcmp(url, "/health") || !strcmp(url, "/metrics"))
        error_answer(a, 405, "method not allowed");
    else
        error_answer(a, 404, "not found");
}

static enum MHD_Result on_admin(void *cls, struct MHD_Connection *mc, const char *url, const char *method,
                                const char *version, const char *upload_data, size_t *upload_data_size,
                                void **con_cls)
{
    struct areq *r = *con_cls;
    struct answer a;
    struct MHD_Response *resp;
    enum MHD_Result rc;

    (void)cls;
    (void)version;
    (void)upload_data;
    if (!r) {
        r = calloc(1, sizeof *r);
        if (!r)
            return MHD_NO;
        *con_cls = r;
        return MHD_YES;
    }
    if (*upload_data_size) { /* bodies are not used: counted and dropped */
        r->body += *upload_data_size;
        r->too_large |= r->body > ADMIN_MAX_BODY;
        *upload_data_size = 0;
        return MHD_YES;
    }
    memset(&a, 0, sizeof a);
    buf_init(&a.body, 64u << 20);
    if (r->too_large)
        error_answer(&a, 413, "request body too large");
    else
        route(&a, mc, url, method);
    if (a.static_body)
        resp = MHD_create_response_from_buffer(a.len, (void *)a.data, MHD_RESPMEM_PERSISTENT);
    else
        resp = MHD_create_response_from_buffer(a.body.n, a.body.n ? a.body.p : (void *)"",
                                               MHD_RESPMEM_MUST_COPY);
    buf_free(&a.body);
    if (!resp)
        return MHD_NO;
    MHD_add_response_header(resp, "Content-Type", a.type ? a.type : "text/plain");
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Content-Security-Policy",
                            "default-src 'self'; connect-src 'self'; frame-ancestors 'none'");
    if (a.status == 401)
        MHD_add_response_header(resp, "WWW-Authenticate", "Bearer realm=\"magesoapd admin\"");
    rc = MHD_queue_response(mc, a.status, resp);
    MHD_destroy_response(resp);
    return rc;
}

static void on_admin_done(void *cls, struct MHD_Connection *mc, void **con_cls,
                          enum MHD_RequestTerminationCode toe)
{
    (void)cls;
    (void)mc;
    (void)toe;
    free(*con_cls);
    *con_cls = NULL;
}

static void admin_log(void *cls, const char *fmt, va_list ap)
{
    char msg[512];
    size_t n;

    (void)cls;
    vsnprintf(msg, sizeof msg, fmt, ap);
    n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == '\r'))
        msg[--n] = '\0';
    log_msg(LOG_INFO, "admin http: %s", msg);
}

static int bind_admin(const char *addr, char *shown, size_t shownlen)
{
    char host[256], *colon;
    struct addrinfo hints, *res = NULL, *ai;
    int fd = -1, one = 1;

    snprintf(host, sizeof host, "%s", addr);
    colon = strrchr(host, ':');
    if (!colon)
        return -1;
    *colon = '\0';
    char *h = host;
    if (*h == '[') {
        h++;
        char *rb = strchr(h, ']');
        if (rb)
            *rb = '\0';
    }
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE;
    if (getaddrinfo(*h ? h : NULL, colon + 1, &hints, &res)) {
        log_msg(LOG_ERR, "admin_listen %s: cannot resolve", addr);
        return -1;
    }
    for (ai = res; ai; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
        if (fd < 0)
            continue;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        if (bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 && listen(fd, 64) == 0)
            break;
        close(fd);
        fd = -1;
    }
    if (fd < 0) {
        log_msg(LOG_ERR, "admin_listen %s: %s", addr, strerror(errno));
    } else {
        struct sockaddr_storage ss;
        socklen_t sl = sizeof ss;
        char hb[64] = "", pb[16] = "";
        getsockname(fd, (struct sockaddr *)&ss, &sl);
        getnameinfo((struct sockaddr *)&ss, sl, hb, sizeof hb, pb, sizeof pb, NI_NUMERICHOST | NI_NUMERICSERV);
        snprintf(shown, shownlen, ss.ss_family == AF_INET6 ? "[%s]:%s" : "%s:%s", hb, pb);
    }
    freeaddrinfo(res);
    return fd;
}

int admin_start(const struct cfg *cfg, admin_reset_fn reset)
{
    char err[512], shown[128];

    g_cfg = cfg;
    g_reset = reset;
    if (obs_init(cfg))
        return -1;
    note_db_file(cfg);
    if (!cfg->admin_listen[0])
        return 0;
    arena_init(&g_arena, 256u << 20);
    if (store_open(cfg->db, cfg, &g_st, err, sizeof err)) {
        log_msg(LOG_ERR, "admin: %s", err);
        return -1;
    }
    g_lfd = bind_admin(cfg->admin_listen, shown, sizeof shown);
    if (g_lfd < 0)
        return -1;
    g_d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG, 0, NULL,
                           NULL, on_admin, NULL, MHD_OPTION_EXTERNAL_LOGGER, admin_log, NULL,
                           MHD_OPTION_LISTEN_SOCKET, g_lfd, MHD_OPTION_CONNECTION_LIMIT, 64u,
                           MHD_OPTION_CONNECTION_TIMEOUT, 30u, MHD_OPTION_NOTIFY_COMPLETED, on_admin_done,
                           NULL, MHD_OPTION_END);
    if (!g_d) {
        log_msg(LOG_ERR, "admin: cannot start the HTTP server (libmicrohttpd)");
        return -1;
    }
    fprintf(stderr, "admin listening on %s\n", shown);
    return 0;
}

void admin_stop(void)
{
    if (g_d)
        MHD_stop_daemon(g_d);
    g_d = NULL;
    if (g_lfd >= 0)
        close(g_lfd);
    g_lfd = -1;
    if (g_st) {
        store_close(g_st);
        arena_free(&g_arena);
    }
    g_st = NULL;
    obs_shutdown();
}
