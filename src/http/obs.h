/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Watching the API port: the access log, the request journal and the
 * request metrics (obs.c, journal.c, metrics.c).  server.c calls the hooks:
 * obs_begin when a request line arrives, obs_route instead of
 * route_request, obs_done when MHD completes the request (answer sent or
 * connection dropped), obs_conn on each connection open/close.  The admin
 * API (admin.c) reads the journal and the metrics.
 */
#ifndef MD_HTTP_OBS_H
#define MD_HTTP_OBS_H

#include <stddef.h>
#include <stdint.h>

#include "magesoapd/trace.h"
#include "proto/exchange.h"

enum obs_dialect { OD_SOAP_V1, OD_SOAP_V2, OD_XMLRPC, OD_JSONRPC, OD_REST, OD_WSDL, OD_HEALTH, OD_OTHER,
                   OD_COUNT };
const char *obs_dialect_name(int d);

/* Per request; lives in server.c's request context. */
struct obs_req {
    int64_t t_wall_us, t_mono_us; /* start */
    struct md_trace trace;
    int answered;                 /* obs_route ran */
    int dialect;
    size_t bytes_out;
    char *req_body, *resp_body;   /* masked copies for the journal (malloc), or NULL */
    size_t req_len, resp_len;
    char resp_type[64];
};

/* Start (access log file, journal); 0 or -1. */
int obs_init(const struct cfg *cfg);
void obs_shutdown(void);

void obs_begin(struct obs_req *o);
/* route_request with o's trace current; keeps what the journal needs. */
void obs_route(struct obs_req *o, struct worker *w, struct http_req *req, struct http_resp *resp);
/* The request ended: status (0 = none sent), ok = answered in full.  Writes
 * the access log line, the journal entry and the metrics; frees o's copies. */
void obs_done(struct obs_req *o, const struct http_req *req, unsigned status, int ok);
void obs_conn(int delta);

/* ---- journal (journal.c) ---- */
struct jentry {
    uint64_t id;
    int64_t t_wall_us;
    int64_t dur_us;
    char peer[64];
    char http_method[16];
    char path[256];
    int dialect;
    char methods[192];
    char user[64];
    char note[160]; /* a request part not read (trace_note), "" when none */
    int fault; /* TRACE_NO_FAULT when none */
    int write;
    unsigned status;
    size_t bytes_in, bytes_out;
    char content_type[96], soapaction[160], authorization[64]; /* masked */
    char *req_body, *resp_body; /* NULL when not kept */
    size_t req_len, resp_len;
    int req_cut, resp_cut;      /* truncated to journal_max_body */
    char resp_type[64];
};
int journal_init(int size);
void journal_free(void);
/* Takes ownership of e (malloc'd, bodies too) and gives it the next id;
 * *copy gets its fields (bodies NULL) for the access log line. */
void journal_add(struct jentry *e, struct jentry *copy);
/* Copies of the entries with id > after that match the filters (NULL or ""
 * = any), oldest first, at most max; bodies only when with_bodies.  The
 * caller frees them with journal_entries_free. */
size_t journal_query(uint64_t after, const char *dialect, const char *method, const char *fault,
                     int with_bodies, size_t max, struct jentry ***out);
struct jentry *journal_get(uint64_t id); /* a copy, with bodies; NULL if gone */
void journal_entry_free(struct jentry *e);
void journal_entries_free(struct jentry **v, size_t n);
/* Replace every occurrence of each secret (and the content of XML elements
 * apiKey, sessionId, password, and JSON "password"/"apiKey"/"api_key"
 * members) with "***".  Returns a malloc'd NUL-terminated string. */
char *journal_mask(const char *s, size_t n, const struct md_trace *t, size_t *out_len);

/* ---- metrics (metrics.c) ---- */
void metrics_request(int dialect, const char *methods, int fault, unsigned status, int64_t dur_us);
void metrics_conn(int delta);
struct store;
/* Prometheus text exposition into b (store: invoices by state, sessions). */
void metrics_render(struct buf *b, struct store *st);

#endif
