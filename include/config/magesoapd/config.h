/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Configuration: one immutable struct cfg, loaded from `key = value` lines.
 * Every key lives in one table (config.c) with its default and bounds; the
 * example file conf/magesoapd.conf.example lists the same keys (a test
 * checks that they agree).
 */
#ifndef MAGESOAPD_CONFIG_H
#define MAGESOAPD_CONFIG_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum cfg_profile { PROFILE_MAGENTO1 = 0, PROFILE_OPENMAGE = 1 };

struct cfg {
    char listen[256];          /* HOST:PORT */
    char db[1024];             /* database path */
    char public_url[1024];     /* "" = use the request's own URL */
    enum cfg_profile profile;  /* magento1 | openmage */
    int wsi_compliance;        /* ?wsdl on /api/v2_soap/ serves WS-I when on */
    int64_t session_timeout;   /* seconds of idle before a session expires */
    int64_t max_sessions;      /* live sessions (and REST tokens) at most; new ones refused past it */
    int64_t max_sessions_per_user; /* per user; the user's oldest idle one goes past it */
    int workers;               /* worker threads (each owns one DB connection) */
    int max_connections;       /* connections held open at once (refused past it) */
    int max_connections_per_ip;/* connections from one IP address, 0 = no limit */
    int http_threads;          /* libmicrohttpd event-loop threads (epoll) */
    int inline_reads;          /* run WSDL GETs and info calls on the event-loop thread */
    int64_t max_body_bytes;    /* request body cap */
    int64_t max_header_bytes;  /* request line + headers cap */
    int max_xml_depth;         /* XML nesting depth */
    int64_t max_string_length; /* longest string value in a request */
    int max_array_items;       /* longest array in a request */
    int recv_timeout_ms;       /* idle time while reading a request */
    int send_timeout_ms;       /* stall time while writing a response */
    int request_timeout_ms;    /* whole-request read deadline (slowloris) */
    int keepalive_timeout_ms;  /* idle time between keep-alive requests */
    int max_keepalive_requests;/* requests per connection before close */
    int64_t list_max_rows;     /* list answers past this many rows fault */
    int max_jsonrpc_batch;     /* requests in one JSON-RPC batch */
    int max_multicall_calls;   /* calls in one multiCall */
    int max_logins_per_request;/* logins in one request (JSON-RPC batch) */
    int request_deadline_ms;   /* work on one request stops with a fault past it; 0 = none */
    int busy_timeout_ms;       /* SQLite busy timeout for writers; PostgreSQL statement/lock/pool wait */
    int db_pool_size;          /* PostgreSQL: connections per daemon */
    int pbkdf2_iterations;     /* API key hashing cost */
    int64_t token_lifetime;    /* REST bearer token lifetime, seconds */
    int login_max_failures;    /* failed logins per user name in login_window; 0 = off */
    int login_max_failures_per_peer; /* failed logins per peer address in login_window; 0 = off */
    int64_t login_window;      /* seconds over which failed logins are counted */
    int64_t login_lockout;     /* seconds a user name / peer is refused past the limit */
    int log_level;             /* 0 error, 1 warn, 2 info, 3 debug */
};

/* Defaults into c. */
void cfg_defaults(struct cfg *c);
/* Parse one file over c.  On error returns -1 and writes "FILE:LINE: what"
 * into err. */
int cfg_load_file(struct cfg *c, const char *path, char *err, size_t errlen);
/* Set one key from a string (config file or command line).  -1 + err on a bad
 * key or value. */
int cfg_set(struct cfg *c, const char *key, const char *value, char *err, size_t errlen);
/* Print every key = effective value. */
void cfg_print(const struct cfg *c, FILE *out);

#endif
