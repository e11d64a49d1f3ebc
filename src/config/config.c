/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Config keys in one table: name, type, where it lands in struct cfg,
 * default, bounds and a help line.  The same table prints the effective
 * configuration and is checked against conf/magesoapd.conf.example.
 */
#include "magesoapd/config.h"

#include <ctype.h>
#include <errno.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum key_type { K_STR, K_INT, K_I64, K_BOOL, K_PROFILE, K_LEVEL };

struct key {
    const char *name;
    enum key_type type;
    size_t off;
    size_t size; /* K_STR buffer size */
    const char *def;
    long long min, max;
};

#define STR(f, d) K_STR, offsetof(struct cfg, f), sizeof(((struct cfg *)0)->f), d, 0, 0
#define INT(f, d, lo, hi) K_INT, offsetof(struct cfg, f), 0, d, lo, hi
#define I64(f, d, lo, hi) K_I64, offsetof(struct cfg, f), 0, d, lo, hi

static const struct key keys[] = {
    {"listen", STR(listen, "127.0.0.1:8080")},
    {"db", STR(db, "./var/magesoapd.db")},
    {"public_url", STR(public_url, "")},
    {"profile", K_PROFILE, offsetof(struct cfg, profile), 0, "magento1", 0, 0},
    {"wsi_compliance", K_BOOL, offsetof(struct cfg, wsi_compliance), 0, "off", 0, 0},
    {"session_timeout", I64(session_timeout, "3600", 1, 31536000)},
    {"max_sessions", I64(max_sessions, "100000", 1, 100000000)},
    {"max_sessions_per_user", I64(max_sessions_per_user, "100", 1, 100000000)},
    {"workers", INT(workers, "32", 1, 1024)},
    {"max_connections", INT(max_connections, "4096", 1, 1000000)},
    {"max_connections_per_ip", INT(max_connections_per_ip, "0", 0, 1000000)},
    {"http_threads", INT(http_threads, "2", 1, 64)},
    {"inline_reads", K_BOOL, offsetof(struct cfg, inline_reads), 0, "on", 0, 0},
    {"max_body_bytes", I64(max_body_bytes, "4194304", 1024, 1073741824)},
    {"max_header_bytes", I64(max_header_bytes, "16384", 1024, 1048576)},
    {"max_xml_depth", INT(max_xml_depth, "64", 8, 10000)},
    {"max_string_length", I64(max_string_length, "1048576", 64, 1073741824)},
    {"max_array_items", INT(max_array_items, "10000", 1, 100000000)},
    {"recv_timeout_ms", INT(recv_timeout_ms, "10000", 10, 3600000)},
    {"send_timeout_ms", INT(send_timeout_ms, "10000", 10, 3600000)},
    {"request_timeout_ms", INT(request_timeout_ms, "30000", 10, 3600000)},
    {"keepalive_timeout_ms", INT(keepalive_timeout_ms, "15000", 0, 3600000)},
    {"max_keepalive_requests", INT(max_keepalive_requests, "10000", 1, 100000000)},
    {"list_max_rows", I64(list_max_rows, "100000", 1, 100000000)},
    {"list_stream_rows", I64(list_stream_rows, "200", 0, 100000)},
    {"max_concurrent_large_answers", INT(max_concurrent_large_answers, "2", 0, 100000)},
    {"max_comments_per_invoice", I64(max_comments_per_invoice, "1000", 1, 100000000)},
    {"max_request_memory", I64(max_request_memory, "0", 0, 68719476736LL)},
    {"max_jsonrpc_batch", INT(max_jsonrpc_batch, "100", 1, 100000)},
    {"max_multicall_calls", INT(max_multicall_calls, "100", 1, 100000)},
    {"max_logins_per_request", INT(max_logins_per_request, "5", 1, 100000)},
    {"request_deadline_ms", INT(request_deadline_ms, "30000", 0, 3600000)},
    {"busy_timeout_ms", INT(busy_timeout_ms, "10000", 0, 600000)},
    {"db_pool_size", INT(db_pool_size, "8", 1, 1000)},
    {"pbkdf2_iterations", INT(pbkdf2_iterations, "20000", 1000, 10000000)},
    {"token_lifetime", I64(token_lifetime, "14400", 1, 31536000)},
    {"idempotency_window", I64(idempotency_window, "86400", 1, 31536000)},
    {"login_max_failures", INT(login_max_failures, "10", 0, 1000000)},
    {"login_max_failures_per_peer", INT(login_max_failures_per_peer, "100", 0, 1000000)},
    {"login_window", I64(login_window, "300", 1, 86400)},
    {"login_lockout", I64(login_lockout, "900", 1, 604800)},
    {"log_level", K_LEVEL, offsetof(struct cfg, log_level), 0, "info", 0, 0},
    {"log_file", STR(log_file, "")},
    {"tls_cert", STR(tls_cert, "")},
    {"tls_key", STR(tls_key, "")},
    {"tls_ca", STR(tls_ca, "")},
    {"trusted_hosts", STR(trusted_hosts, "localhost 127.0.0.1 [::1]")},
    {"shutdown_timeout", INT(shutdown_timeout, "5", 0, 3600)},
    {"user", STR(user, "")},
    {"group", STR(group, "")},
    {"access_log", STR(access_log, "off")},
    {"access_log_format", STR(access_log_format, "text")},
    {"journal_size", INT(journal_size, "200", 0, 100000)},
    {"journal_bodies", K_BOOL, offsetof(struct cfg, journal_bodies), 0, "on", 0, 0},
    {"journal_max_body", INT(journal_max_body, "65536", 0, 16777216)},
    {"admin_listen", STR(admin_listen, "")},
    {"admin_allow_remote", K_BOOL, offsetof(struct cfg, admin_allow_remote), 0, "off", 0, 0},
    {"admin_token", STR(admin_token, "")},
    {"admin_token_file", STR(admin_token_file, "")},
};

/* What SIGHUP cannot change: sockets, threads, connection pools, the
 * database, the identity, and what clients may have cached (WSDL). */
static const char *const restart_keys[] = {
    "listen", "db", "profile", "wsi_compliance", "workers", "max_connections",
    "max_connections_per_ip", "http_threads", "inline_reads", "max_header_bytes",
    "busy_timeout_ms", "user", "group", "access_log", "access_log_format",
    "journal_size", "admin_listen", "admin_allow_remote"};

#define NKEYS (sizeof keys / sizeof keys[0])

static const struct key *find_key(const char *name)
{
    for (size_t i = 0; i < NKEYS; i++)
        if (strcmp(keys[i].name, name) == 0)
            return &keys[i];
    return NULL;
}

static int parse_ll(const char *s, long long *out)
{
    char *end;

    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || end == s || *end)
        return -1;
    *out = v;
    return 0;
}

/* listen = HOST:PORT (HOST a name, an IPv4 address or [IPv6]; PORT 0..65535). */
static int listen_ok(const char *v)
{
    const char *colon = strrchr(v, ':');
    long long port;
    if (!colon || colon == v || parse_ll(colon + 1, &port) || port < 0 || port > 65535)
        return 0;
    if (v[0] == '[')
        return colon[-1] == ']' && colon - v > 2;
    return memchr(v, ':', (size_t)(colon - v)) == NULL;
}

static int apply(struct cfg *c, const struct key *k, const char *v, char *err, size_t errlen)
{
    char *base = (char *)c + k->off;
    long long n;

    switch (k->type) {
    case K_STR:
        if (strlen(v) >= k->size) {
            snprintf(err, errlen, "value of %s is too long", k->name);
            return -1;
        }
        if (!strcmp(k->name, "access_log_format") && strcmp(v, "json") && strcmp(v, "text")) {
            snprintf(err, errlen, "access_log_format must be json or text, not '%s'", v);
            return -1;
        }
        if (!strcmp(k->name, "admin_listen") && *v && !listen_ok(v)) {
            snprintf(err, errlen, "admin_listen must be HOST:PORT (e.g. 127.0.0.1:8081) or empty "
                                  "(off), not '%s'", v);
            return -1;
        }
        if (!strcmp(k->name, "listen") && !listen_ok(v)) {
            snprintf(err, errlen, "listen must be HOST:PORT with a port from 0 to 65535 "
                                  "(e.g. 127.0.0.1:8080 or [::1]:8080), not '%s'", v);
            return -1;
        }
        strcpy(base, v);
        return 0;
    case K_INT:
    case K_I64:
        if (parse_ll(v, &n) || n < k->min || n > k->max) {
            snprintf(err, errlen, "%s must be an integer from %lld to %lld, not '%s'", k->name,
                     k->min, k->max, v);
            return -1;
        }
        if (k->type == K_INT)
            *(int *)base = (int)n;
        else
            *(int64_t *)base = n;
        return 0;
    case K_BOOL:
        if (!strcmp(v, "on") || !strcmp(v, "yes") || !strcmp(v, "true") || !strcmp(v, "1")) {
            *(int *)base = 1;
        } else if (!strcmp(v, "off") || !strcmp(v, "no") || !strcmp(v, "false") ||
                   !strcmp(v, "0")) {
            *(int *)base = 0;
        } else {
            snprintf(err, errlen, "%s must be on or off, not '%s'", k->name, v);
            return -1;
        }
        return 0;
    case K_PROFILE:
        if (!strcmp(v, "magento1")) {
            *(enum cfg_profile *)base = PROFILE_MAGENTO1;
        } else if (!strcmp(v, "openmage")) {
            *(enum cfg_profile *)base = PROFILE_OPENMAGE;
        } else {
            snprintf(err, errlen, "profile must be magento1 or openmage, not '%s'", v);
            return -1;
        }
        return 0;
    case K_LEVEL: {
        static const char *levels[] = {"error", "warn", "info", "debug"};
        for (int i = 0; i < 4; i++) {
            if (!strcmp(v, levels[i])) {
                *(int *)base = i;
                return 0;
            }
        }
        snprintf(err, errlen, "log_level must be error, warn, info or debug, not '%s'", v);
        return -1;
    }
    }
    return -1;
}

void cfg_defaults(struct cfg *c)
{
    char err[256];

    memset(c, 0, sizeof *c);
    for (size_t i = 0; i < NKEYS; i++)
        (void)apply(c, &keys[i], keys[i].def, err, sizeof err);
}

int cfg_set(struct cfg *c, const char *key, const char *value, char *err, size_t errlen)
{
    const struct key *k = find_key(key);

    if (!k) {
        snprintf(err, errlen, "unknown key '%s'", key);
        return -1;
    }
    return apply(c, k, value, err, errlen);
}

static char *trim(char *s)
{
    char *e;

    while (isspace((unsigned char)*s))
        s++;
    e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1]))
        *--e = '\0';
    return s;
}

int cfg_load_file(struct cfg *c, const char *path, char *err, size_t errlen)
{
    FILE *fp = fopen(path, "r");
    char line[4096], msg[512];
    int lineno = 0;

    if (!fp) {
        snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        return -1;
    }
    while (fgets(line, sizeof line, fp)) {
        char *s, *eq, *hash;
        lineno++;
        if (!strchr(line, '\n') && !feof(fp)) {
            snprintf(err, errlen, "%s:%d: line too long", path, lineno);
            fclose(fp);
            return -1;
        }
        hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        s = trim(line);
        if (!*s)
            continue;
        eq = strchr(s, '=');
        if (!eq) {
            snprintf(err, errlen, "%s:%d: expected 'key = value'", path, lineno);
            fclose(fp);
            return -1;
        }
        *eq = '\0';
        if (cfg_set(c, trim(s), trim(eq + 1), msg, sizeof msg)) {
            snprintf(err, errlen, "%s:%d: %s", path, lineno, msg);
            fclose(fp);
            return -1;
        }
    }
    fclose(fp);
    return 0;
}

void cfg_print(const struct cfg *c, FILE *out)
{
    static const char *levels[] = {"error", "warn", "info", "debug"};

    for (size_t i = 0; i < NKEYS; i++) {
        const struct key *k = &keys[i];
        const char *base = (const char *)c + k->off;
        switch (k->type) {
        case K_STR:
            if (!strcmp(k->name, "admin_token") && *base)
                fprintf(out, "%s = (set, not shown)\n", k->name);
            else
                fprintf(out, "%s = %s\n", k->name, base);
            break;
        case K_INT:
            fprintf(out, "%s = %d\n", k->name, *(const int *)base);
            break;
        case K_I64:
            fprintf(out, "%s = %lld\n", k->name, (long long)*(const int64_t *)base);
            break;
        case K_BOOL:
            fprintf(out, "%s = %s\n", k->name, *(const int *)base ? "on" : "off");
            break;
        case K_PROFILE:
            fprintf(out, "%s = %s\n", k->name,
                    *(const enum cfg_profile *)base == PROFILE_OPENMAGE ? "openmage" : "magento1");
            break;
        case K_LEVEL:
            fprintf(out, "%s = %s\n", k->name, levels[*(const int *)base & 3]);
            break;
        }
    }
}

int cfg_keep_restart_keys(const struct cfg *running, struct cfg *next,
                          void (*fn)(void *arg, const char *key), void *arg)
{
    int n = 0;

    for (size_t i = 0; i < sizeof restart_keys / sizeof restart_keys[0]; i++) {
        const struct key *k = find_key(restart_keys[i]);
        size_t len = k->type == K_STR ? k->size : k->type == K_I64 ? sizeof(int64_t) : sizeof(int);
        const char *a = (const char *)running + k->off;
        char *b = (char *)next + k->off;
        if (k->type == K_STR ? strcmp(a, b) != 0 : memcmp(a, b, len) != 0) {
            n++;
            memcpy(b, a, len);
            if (fn)
                fn(arg, k->name);
        }
    }
    if (!*running->tls_cert != !*next->tls_cert) {
        n++;
        memcpy(next->tls_cert, running->tls_cert, sizeof next->tls_cert);
        memcpy(next->tls_key, running->tls_key, sizeof next->tls_key);
        memcpy(next->tls_ca, running->tls_ca, sizeof next->tls_ca);
        if (fn)
            fn(arg, "tls_cert");
    }
    return n;
}

/* a trusted_hosts entry with a :PORT ("h:1", "[::1]:1"; not "[::1]") */
static int has_port(const char *e, size_t n)
{
    const char *rb = e[0] == '[' ? memchr(e, ']', n) : NULL;

    if (e[0] == '[')
        return rb && (size_t)(rb - e) + 1 < n && rb[1] == ':';
    return memchr(e, ':', n) != NULL;
}

int cfg_host_trusted(const struct cfg *c, const char *host)
{
    const char *p = c->trusted_hosts;
    size_t hl = strlen(host);

    while (*p) {
        size_t n = strcspn(p, " ,\t");
        if (n) {
            /* exact, or a port-less entry is the host part of host:PORT */
            if ((n == hl && !strncasecmp(p, host, n)) ||
                (hl > n + 1 && host[n] == ':' && !strncasecmp(p, host, n) && !has_port(p, n) &&
                 strspn(host + n + 1, "0123456789") == hl - n - 1))
                return 1;
        }
        p += n;
        p += strspn(p, " ,\t");
    }
    return 0;
}

/* ---- the live snapshot ---------------------------------------------------------- */

struct snap {
    struct cfg c;
    struct snap *older;
};

static _Atomic(struct snap *) g_live;

const struct cfg *cfg_live_publish(const struct cfg *c)
{
    struct snap *s = malloc(sizeof *s);

    if (!s)
        return NULL;
    s->c = *c;
    s->older = atomic_load(&g_live); /* one publisher at a time: the main thread */
    atomic_store(&g_live, s);
    return &s->c;
}

const struct cfg *cfg_live(void)
{
    struct snap *s = atomic_load(&g_live);

    return s ? &s->c : NULL;
}

void cfg_live_free_all(void)
{
    struct snap *s = atomic_exchange(&g_live, NULL);

    while (s) {
        struct snap *o = s->older;
        free(s);
        s = o;
    }
}
/* ---- checks across keys ----------------------------------------------------- */

/* Is HOST of HOST:PORT a loopback address (127.0.0.0/8, ::1, localhost)? */
static int loopback_host(const char *listen)
{
    const char *colon = strrchr(listen, ':');
    size_t n = colon ? (size_t)(colon - listen) : strlen(listen);
    char host[256];

    if (n >= sizeof host)
        return 0;
    memcpy(host, listen, n);
    host[n] = '\0';
    return !strncmp(host, "127.", 4) || !strcmp(host, "[::1]") || !strcmp(host, "localhost");
}

int cfg_finish(struct cfg *c, char *err, size_t errlen)
{
    if (c->admin_token_file[0]) {
        FILE *fp = fopen(c->admin_token_file, "r");
        char line[sizeof c->admin_token + 2];
        if (!fp) {
            snprintf(err, errlen, "admin_token_file %s: %s", c->admin_token_file, strerror(errno));
            return -1;
        }
        if (!fgets(line, sizeof line, fp))
            line[0] = '\0';
        fclose(fp);
        line[strcspn(line, "\r\n")] = '\0';
        if (strlen(line) >= sizeof c->admin_token) {
            snprintf(err, errlen, "admin_token_file %s: token too long", c->admin_token_file);
            return -1;
        }
        strcpy(c->admin_token, trim(line));
    }
    if (!c->admin_listen[0])
        return 0;
    if (!c->admin_allow_remote && !loopback_host(c->admin_listen)) {
        snprintf(err, errlen, "admin_listen %s is not a loopback address; the admin API can reset "
                              "the database: set admin_allow_remote = on to allow it",
                 c->admin_listen);
        return -1;
    }
    if (strlen(c->admin_token) < 16) {
        snprintf(err, errlen, "admin_listen needs admin_token (or admin_token_file) of at least "
                              "16 characters");
        return -1;
    }
    return 0;
}
