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
    int64_t list_stream_rows;  /* list answers past this many rows are sent page by page; 0 = never */
    int max_concurrent_large_answers; /* list answers built/sent at once; more wait; 0 = no cap */
    int64_t max_comments_per_invoice; /* addComment past it faults 102 */
    int64_t max_request_memory; /* one request's arena; 0 = 8 x max_body_bytes + 64 MiB */
    int max_jsonrpc_batch;     /* requests in one JSON-RPC batch */
    int max_multicall_calls;   /* calls in one multiCall */
    int max_logins_per_request;/* logins in one request (JSON-RPC batch) */
    int request_deadline_ms;   /* work on one request stops with a fault past it; 0 = none */
    int busy_timeout_ms;       /* SQLite busy timeout for writers; PostgreSQL statement/lock/pool wait */
    int db_pool_size;          /* PostgreSQL: connections per daemon */
    int pbkdf2_iterations;     /* API key hashing cost */
    int64_t token_lifetime;    /* REST bearer token lifetime, seconds */
    int64_t idempotency_window; /* how long an Idempotency-Key's answer is kept, seconds */
    int login_max_failures;    /* failed logins per user name in login_window; 0 = off */
    int login_max_failures_per_peer; /* failed logins per peer address in login_window; 0 = off */
    int64_t login_window;      /* seconds over which failed logins are counted */
    int64_t login_lockout;     /* seconds a user name / peer is refused past the limit */
    int log_level;             /* 0 error, 1 warn, 2 info, 3 debug */
    char log_file[1024];       /* "" = stderr; else appended to, reopened on SIGHUP */
    char tls_cert[1024];       /* PEM certificate (chain); with tls_key: HTTPS only */
    char tls_key[1024];        /* PEM private key */
    char tls_ca[1024];         /* PEM CA(s): client certificates required and verified */
    char trusted_hosts[1024];  /* Host header values the WSDL's soap:address may reflect */
    int shutdown_timeout;      /* seconds running requests get after SIGTERM */
    char user[64];             /* drop root to this user after binding ("" = stay) */
    char group[64];            /* and this group ("" = the user's) */
    char access_log[1024];     /* "off", "stderr" or a file path */
    char access_log_format[8]; /* "text" or "json" */
    int journal_size;          /* requests kept in the in-memory journal; 0 = off */
    int journal_bodies;        /* keep request and response bodies (secrets masked) */
    int journal_max_body;      /* bytes of each body kept */
    char admin_listen[256];    /* HOST:PORT of the admin API, "" = off */
    int admin_allow_remote;    /* allow a non-loopback admin_listen */
    char admin_token[256];     /* bearer token of the admin API */
    char admin_token_file[1024]; /* file whose first line is the token */
};

/* Defaults into c. */
void cfg_defaults(struct cfg *c);
/* Parse one file over c.  On error returns -1 and writes "FILE:LINE: what"
 * into err. */
int cfg_load_file(struct cfg *c, const char *path, char *err, size_t errlen);
/* Set one key from a string (config file or command line).  -1 + err on a bad
 * key or value. */
int cfg_set(struct cfg *c, const char *key, const char *value, char *err, size_t errlen);
/* Checks across keys once everything is set: reads admin_token_file into
 * admin_token; admin_listen must be loopback unless admin_allow_remote and
 * needs a token of 16+ characters.  0, or -1 + err. */
int cfg_finish(struct cfg *c, char *err, size_t errlen);
/* Print every key = effective value (admin_token is not shown). */
void cfg_print(const struct cfg *c, FILE *out);

/* Keys a running daemon cannot change (SIGHUP): for each such key whose value
 * differs between running and next, calls fn(arg, key) and puts the running
 * value back into next; returns how many.  TLS cannot be switched on or
 * off (the tls_cert / tls_key / tls_ca paths may change, tls_ca may come or
 * go, and the files are read again). */
int cfg_keep_restart_keys(const struct cfg *running, struct cfg *next,
                          void (*fn)(void *arg, const char *key), void *arg);

/* host[:port] of a Host header is in the trusted_hosts list of c (entries
 * separated by spaces or commas; an entry without a port matches any port;
 * case-insensitive).  1 yes, 0 no. */
int cfg_host_trusted(const struct cfg *c, const char *host);

/* The live configuration of a running daemon: an immutable snapshot behind
 * an atomic pointer.  cfg_live_publish copies c into a new snapshot and makes
 * it current (readers that already hold the old one keep it: snapshots are
 * freed only by cfg_live_free_all at exit, so a reader never sees one go;
 * about 8 KB a reload).  cfg_live returns the current one (NULL before the
 * first publish). */
const struct cfg *cfg_live_publish(const struct cfg *c);
const struct cfg *cfg_live(void);
void cfg_live_free_all(void);

#endif
