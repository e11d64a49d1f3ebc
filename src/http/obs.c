/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The access log and the hooks server.c calls (obs.h).  One line per
 * request of the API port, written with one write() when the request ends:
 *
 *   text: 2026-12-04T10:00:00.123456Z peer=127.0.0.1:5555 dialect=soap_v2
 *         http=POST /api/v2_soap method=sales_order_invoice.create user=apiUser
 *         outcome=fault:103 status=200 in=812 out=455 us=1830 write=1 id=17
 *   json: {"time":"...","peer":"...","dialect":"soap_v2",...}
 */
#define _GNU_SOURCE
#include "http/obs.h"
#include "http/http.h"
#include "http/router.h"

#include "magesoapd/log.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const struct cfg *g_cfg;
static int g_log_fd = -1; /* -1: off */
static int g_json;

static const char *const dialect_names[OD_COUNT] = {"soap_v1", "soap_v2", "xmlrpc", "jsonrpc",
                                                     "rest",    "wsdl",    "health", "other"};

const char *obs_dialect_name(int d)
{
    return d >= 0 && d < OD_COUNT ? dialect_names[d] : "other";
}

static int64_t clock_us(clockid_t id)
{
    struct timespec ts;

    clock_gettime(id, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

int obs_init(const struct cfg *cfg)
{
    g_cfg = cfg;
    g_json = !strcmp(cfg->access_log_format, "json");
    if (!strcmp(cfg->access_log, "off") || !cfg->access_log[0]) {
        g_log_fd = -1;
    } else if (!strcmp(cfg->access_log, "stderr")) {
        g_log_fd = STDERR_FILENO;
    } else {
        g_log_fd = open(cfg->access_log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
        if (g_log_fd < 0) {
            log_msg(LOG_ERR, "access_log %s: %s", cfg->access_log, strerror(errno));
            return -1;
        }
    }
    return journal_init(cfg->journal_size);
}

/* SIGHUP: the access log file is opened again under its name and swapped in
 * with dup2, so a line is never split between the old and the new file. */
int http_access_log_reopen(char *err, size_t errlen)
{
    if (!g_cfg || g_log_fd <= STDERR_FILENO)
        return 0;
    int fd = open(g_cfg->access_log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
    if (fd < 0 || dup2(fd, g_log_fd) < 0) {
        snprintf(err, errlen, "access_log %s: %s", g_cfg->access_log, strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    close(fd);
    return 0;
}

void obs_shutdown(void)
{
    if (g_log_fd > STDERR_FILENO)
        close(g_log_fd);
    g_log_fd = -1;
    journal_free();
}

void obs_begin(struct obs_req *o)
{
    memset(o, 0, sizeof *o);
    trace_reset(&o->trace);
    o->t_wall_us = clock_us(CLOCK_REALTIME);
    o->t_mono_us = clock_us(CLOCK_MONOTONIC);
    o->dialect = OD_OTHER;
}

static int dialect_of(const struct http_req *req)
{
    enum endpoint ep;
    int get = !strcmp(req->method, "GET") || !strcmp(req->method, "HEAD");

    if (!req->path)
        return OD_OTHER;
    if (!strcmp(req->path, "/health"))
        return OD_HEALTH;
    ep = route_match(req->path, req->query ? req->query : "", NULL);
    switch (ep) {
    case EP_V1:
        return get ? OD_WSDL : OD_SOAP_V1;
    case EP_V2:
        return get ? OD_WSDL : OD_SOAP_V2;
    case EP_XMLRPC:
        return OD_XMLRPC;
    case EP_JSONRPC:
        return OD_JSONRPC;
    case EP_REST:
        return OD_REST;
    default:
        return OD_OTHER;
    }
}

/* Masked, truncated copy of a body for the journal. */
static char *keep_body(const char *p, size_t n, const struct md_trace *t, size_t *len)
{
    size_t max = (size_t)g_cfg->journal_max_body;

    if (!p)
        return NULL;
    return journal_mask(p, n > max ? max : n, t, len);
}

void obs_route(struct obs_req *o, struct worker *w, struct http_req *req, struct http_resp *resp)
{
    trace_reset(&o->trace);
    trace_set(&o->trace);
    route_request(w, req, resp);
    trace_set(NULL);
    o->answered = 1;
    o->dialect = dialect_of(req);
    o->bytes_out = resp->body ? resp->body->n : 0;
    free(o->req_body);
    free(o->resp_body);
    o->req_body = o->resp_body = NULL;
    if (g_cfg->journal_size > 0 && g_cfg->journal_bodies && o->dialect != OD_HEALTH) {
        o->req_body = keep_body(req->body, req->body_len, &o->trace, &o->req_len);
        if (resp->body && !buf_failed(resp->body))
            o->resp_body = keep_body(resp->body->p ? resp->body->p : "", resp->body->n, &o->trace,
                                     &o->resp_len);
        snprintf(o->resp_type, sizeof o->resp_type, "%s", resp->content_type ? resp->content_type : "");
    }
}

void obs_conn(int delta)
{
    metrics_conn(delta);
}

/* ---- the access log line ---- */

static void fmt_time(int64_t us, char *out, size_t len)
{
    time_t s = (time_t)(us / 1000000);
    struct tm tm;
    size_t n;

    gmtime_r(&s, &tm);
    n = strftime(out, len, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(out + n, len - n, ".%06lldZ", (long long)(us % 1000000));
}

static void fault_str(int fault, char *out, size_t len)
{
    if (fault == TRACE_NO_FAULT)
        snprintf(out, len, "result");
    else if (fault == -1)
        snprintf(out, len, "fault:Client");
    else if (fault == -2)
        snprintf(out, len, "fault:Server");
    else if (fault == -3)
        snprintf(out, len, "fault:Args");
    else
        snprintf(out, len, "fault:%d", fault);
}

/* A text value: printable ASCII without spaces or quotes as is, else "-". */
static const char *tv(const char *s, char *tmp, size_t len)
{
    size_t i = 0;

    if (!s || !*s)
        return "-";
    for (; s[i] && i + 1 < len; i++)
        tmp[i] = (s[i] > ' ' && s[i] < 127 && s[i] != '"') ? s[i] : '_';
    tmp[i] = '\0';
    return tmp;
}

static void write_line(const struct jentry *e)
{
    char ts[40], outcome[32], line[2048];
    int n;

    if (g_log_fd < 0)
        return;
    fmt_time(e->t_wall_us, ts, sizeof ts);
    fault_str(e->fault, outcome, sizeof outcome);
    if (e->status == 0)
        snprintf(outcome, sizeof outcome, "dropped");
    if (g_json) {
        json_t *j = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:i,s:I,s:I,s:I,s:b,s:I}", "time", ts,
                              "peer", e->peer, "dialect", obs_dialect_name(e->dialect), "http_method",
                              e->http_method, "path", e->path, "method", e->methods, "user", e->user,
                              "outcome", outcome, "status", (int)e->status, "bytes_in",
                              (json_int_t)e->bytes_in, "bytes_out", (json_int_t)e->bytes_out, "us",
                              (json_int_t)e->dur_us, "write", e->write, "id", (json_int_t)e->id);
        if (j && e->note[0])
            json_object_set_new(j, "note", json_string(e->note));
        char *s = j ? json_dumps(j, JSON_COMPACT | JSON_ENSURE_ASCII) : NULL;
        n = s ? snprintf(line, sizeof line, "%s\n", s) : 0;
        free(s);
        json_decref(j);
    } else {
        char a[256], b[192], c[64];
        n = snprintf(line, sizeof line,
                     "%s peer=%s dialect=%s http=%s %s method=%s user=%s outcome=%s status=%u "
                     "in=%zu out=%zu us=%lld write=%d id=%llu\n",
                     ts, e->peer, obs_dialect_name(e->dialect), e->http_method, tv(e->path, a, sizeof a),
                     tv(e->methods, b, sizeof b), tv(e->user, c, sizeof c), outcome, e->status,
                     e->bytes_in, e->bytes_out, (long long)e->dur_us, e->write,
                     (unsigned long long)e->id);
        if (e->note[0] && n > 0 && n < (int)sizeof line) {
            char d[160];
            n--; /* over the newline */
            n += snprintf(line + n, sizeof line - (size_t)n, " note=\"%s\"\n", tv(e->note, d, sizeof d));
        }
    }
    if (n <= 0)
        return;
    if (n >= (int)sizeof line) {
        n = (int)sizeof line;
        line[n - 1] = '\n';
    }
    if (write(g_log_fd, line, (size_t)n) < 0) {
        /* nothing sensible to do */
    }
}

void obs_done(struct obs_req *o, const struct http_req *req, unsigned status, int ok)
{
    struct jentry *e = calloc(1, sizeof *e);
    int64_t dur = clock_us(CLOCK_MONOTONIC) - o->t_mono_us;

    if (!o->answered)
        o->dialect = dialect_of(req);
    metrics_request(o->dialect, o->trace.methods, o->trace.fault, ok ? status : 0, dur);
    if (!e) {
        free(o->req_body);
        free(o->resp_body);
        return;
    }
    e->t_wall_us = o->t_wall_us;
    e->dur_us = dur;
    snprintf(e->peer, sizeof e->peer, "%s", req->peer[0] ? req->peer : "?");
    snprintf(e->http_method, sizeof e->http_method, "%s", req->method[0] ? req->method : "?");
    snprintf(e->path, sizeof e->path, "%s", req->path ? req->path : "?");
    e->dialect = o->dialect;
    memcpy(e->methods, o->trace.methods, sizeof e->methods);
    memcpy(e->user, o->trace.user, sizeof e->user);
    memcpy(e->note, o->trace.note, sizeof e->note);
    e->fault = o->trace.fault;
    e->write = o->trace.write;
    e->status = ok ? status : 0;
    e->bytes_in = req->body_len;
    e->bytes_out = o->bytes_out;
    snprintf(e->content_type, sizeof e->content_type, "%s", req->content_type ? req->content_type : "");
    snprintf(e->soapaction, sizeof e->soapaction, "%s", req->soapaction ? req->soapaction : "");
    if (req->authorization) {
        const char *sp = strchr(req->authorization, ' ');
        snprintf(e->authorization, sizeof e->authorization, "%.*s ***",
                 sp ? (int)(sp - req->authorization) : 0, req->authorization);
    }
    e->req_body = o->req_body;
    e->req_len = o->req_len;
    e->req_cut = o->req_body && req->body_len > (size_t)g_cfg->journal_max_body;
    e->resp_body = o->resp_body;
    e->resp_len = o->resp_len;
    e->resp_cut = o->resp_body && o->bytes_out > (size_t)g_cfg->journal_max_body;
    memcpy(e->resp_type, o->resp_type, sizeof e->resp_type);
    o->req_body = o->resp_body = NULL;
    if (o->dialect == OD_HEALTH || g_cfg->journal_size <= 0) {
        e->id = 0;
        write_line(e);
        journal_entry_free(e);
        return;
    }
    struct jentry line;
    journal_add(e, &line); /* e is the journal's now; line: a copy without bodies */
    write_line(&line);
}
