/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The request journal: a ring of the last journal_size requests of the API
 * port, each with an id (1, 2, ... since start), its access-log fields and,
 * with journal_bodies, the request and response bodies with secrets masked.
 * One mutex guards the ring; it is held only to swap pointers and to copy
 * entries out (the masking is done before, on the request's own thread).
 */
#define _GNU_SOURCE
#include "http/obs.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static pthread_mutex_t g_mu = PTHREAD_MUTEX_INITIALIZER;
static struct jentry **g_ring;
static size_t g_size, g_head; /* g_head: next slot */
static uint64_t g_next_id = 1;

int journal_init(int size)
{
    journal_free();
    if (size <= 0)
        return 0;
    g_ring = calloc((size_t)size, sizeof *g_ring);
    if (!g_ring)
        return -1;
    g_size = (size_t)size;
    g_head = 0;
    return 0;
}

void journal_entry_free(struct jentry *e)
{
    if (!e)
        return;
    free(e->req_body);
    free(e->resp_body);
    free(e);
}

void journal_entries_free(struct jentry **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        journal_entry_free(v[i]);
    free(v);
}

void journal_free(void)
{
    pthread_mutex_lock(&g_mu);
    for (size_t i = 0; i < g_size; i++)
        journal_entry_free(g_ring[i]);
    free(g_ring);
    g_ring = NULL;
    g_size = 0;
    pthread_mutex_unlock(&g_mu);
}

void journal_add(struct jentry *e, struct jentry *copy)
{
    struct jentry *old = NULL;

    pthread_mutex_lock(&g_mu);
    e->id = g_next_id++;
    *copy = *e;
    if (g_size) {
        old = g_ring[g_head];
        g_ring[g_head] = e;
        g_head = (g_head + 1) % g_size;
        e = NULL;
    }
    pthread_mutex_unlock(&g_mu);
    copy->req_body = copy->resp_body = NULL;
    journal_entry_free(old);
    journal_entry_free(e);
}

static char *dup_mem(const char *p, size_t n)
{
    char *d;

    if (!p)
        return NULL;
    d = malloc(n + 1);
    if (d) {
        memcpy(d, p, n);
        d[n] = '\0';
    }
    return d;
}

static struct jentry *copy_entry(const struct jentry *e, int with_bodies)
{
    struct jentry *c = malloc(sizeof *c);

    if (!c)
        return NULL;
    *c = *e;
    c->req_body = with_bodies ? dup_mem(e->req_body, e->req_len) : NULL;
    c->resp_body = with_bodies ? dup_mem(e->resp_body, e->resp_len) : NULL;
    return c;
}

/* Does the comma-separated list hold name (exactly, or as the method part
 * after a dot: "create" matches "sales_order_invoice.create")? */
static int has_method(const char *list, const char *name)
{
    size_t n = strlen(name);

    for (const char *p = list; *p;) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if ((len == n && !strncmp(p, name, n)) ||
            (len > n && p[len - n - 1] == '.' && !strncmp(p + len - n, name, n)))
            return 1;
        p += len + (end ? 1 : 0);
    }
    return 0;
}

static int matches(const struct jentry *e, const char *dialect, const char *method, const char *fault)
{
    if (dialect && *dialect && strcmp(obs_dialect_name(e->dialect), dialect))
        return 0;
    if (method && *method && !has_method(e->methods, method))
        return 0;
    if (fault && *fault) {
        char f[24];
        if (e->fault == TRACE_NO_FAULT)
            snprintf(f, sizeof f, "none");
        else
            snprintf(f, sizeof f, "%d", e->fault);
        if (!strcmp(fault, "any"))
            return e->fault != TRACE_NO_FAULT;
        if (strcmp(fault, f))
            return 0;
    }
    return 1;
}

size_t journal_query(uint64_t after, const char *dialect, const char *method, const char *fault,
                     int with_bodies, size_t max, struct jentry ***out)
{
    size_t n = 0;
    struct jentry **v;

    *out = NULL;
    pthread_mutex_lock(&g_mu);
    v = calloc(g_size ? g_size : 1, sizeof *v);
    for (size_t k = 0; v && k < g_size; k++) {
        const struct jentry *e = g_ring[(g_head + k) % g_size]; /* oldest first */
        if (!e || e->id <= after || !matches(e, dialect, method, fault))
            continue;
        struct jentry *c = copy_entry(e, with_bodies);
        if (c)
            v[n++] = c;
    }
    pthread_mutex_unlock(&g_mu);
    /* keep the newest max */
    if (n > max) {
        for (size_t i = 0; i < n - max; i++)
            journal_entry_free(v[i]);
        memmove(v, v + (n - max), max * sizeof *v);
        n = max;
    }
    *out = v;
    return n;
}

struct jentry *journal_get(uint64_t id)
{
    struct jentry *c = NULL;

    pthread_mutex_lock(&g_mu);
    for (size_t k = 0; k < g_size && !c; k++)
        if (g_ring[k] && g_ring[k]->id == id)
            c = copy_entry(g_ring[k], 1);
    pthread_mutex_unlock(&g_mu);
    return c;
}

/* ---- masking ---- */

struct out {
    char *p;
    size_t n, cap;
    int failed;
};

static void put(struct out *o, const char *s, size_t n)
{
    if (o->failed)
        return;
    if (o->n + n + 1 > o->cap) {
        size_t cap = (o->n + n + 1) * 2;
        char *p = realloc(o->p, cap);
        if (!p) {
            o->failed = 1;
            return;
        }
        o->p = p;
        o->cap = cap;
    }
    memcpy(o->p + o->n, s, n);
    o->n += n;
    o->p[o->n] = '\0';
}

static int delim(char c)
{
    return !((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
             c == '_' || c == '+' || c == '/' || c == '=' || c == '.');
}

/* Pass 1: each secret value (a prefix of TRACE_SECRET_LEN-1 bytes stands
 * for a longer one: masked on up to the next delimiter).  Where secrets
 * overlap, the earliest occurrence wins, and at one position the first
 * secret listed.  Text between occurrences is copied in runs (memmem). */
static char *mask_values(const char *s, size_t n, const struct md_trace *t, size_t *len)
{
    struct out o = {0};
    size_t sl[TRACE_SECRETS];
    int ns = t ? t->nsecrets : 0;

    if (ns > TRACE_SECRETS)
        ns = TRACE_SECRETS;
    for (int k = 0; k < ns; k++)
        sl[k] = strnlen(t->secrets[k], TRACE_SECRET_LEN);
    put(&o, "", 0);
    size_t i = 0;
    while (i < n) {
        size_t at = n;
        int which = -1;
        for (int k = 0; k < ns; k++) {
            if (!sl[k] || sl[k] > n - i)
                continue;
            const char *p = memmem(s + i, n - i, t->secrets[k], sl[k]);
            if (p && (size_t)(p - s) < at) {
                at = (size_t)(p - s);
                which = k;
            }
        }
        put(&o, s + i, at - i);
        if (which < 0)
            break;
        size_t j = at + sl[which];
        if (sl[which] == TRACE_SECRET_LEN - 1)
            while (j < n && !delim(s[j]))
                j++;
        put(&o, "***", 3);
        i = j;
    }
    if (o.failed) {
        free(o.p);
        return NULL;
    }
    *len = o.n;
    return o.p;
}

static const struct {
    const char *s;
    size_t n;
} secret_names[] = {
#define SECRET_NAME(x) {x, sizeof x - 1}
    SECRET_NAME("apiKey"),     SECRET_NAME("sessionId"),  SECRET_NAME("password"), SECRET_NAME("api_key"),
    SECRET_NAME("sessionid"),  SECRET_NAME("session_id"), SECRET_NAME("token"),
#undef SECRET_NAME
};

static int secret_name(const char *p, size_t n)
{
    if (n < 5 || n > 10) /* the shortest and longest names above */
        return 0;
    for (size_t i = 0; i < sizeof secret_names / sizeof secret_names[0]; i++)
        if (secret_names[i].n == n && !strncasecmp(p, secret_names[i].s, n))
            return 1;
    return 0;
}

/* Pass 2, by name: the text content of an XML element <[ns:]NAME ...>...</
 * and the string value of a JSON member "NAME": "..." for the names above,
 * whatever the value (also a request that never reached the API). */
static void mask_names(char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        /* to the next '<' or '"' (s is NUL-terminated at n; a NUL inside
         * a body only stops the skip early) */
        i += strcspn(s + i, "<\"");
        if (i >= n)
            break;
        if (s[i] == '<' && i + 1 < n && s[i + 1] != '/' && s[i + 1] != '?' && s[i + 1] != '!') {
            size_t a = i + 1, b = a;
            while (b < n && !delim(s[b]) && s[b] != '>' && s[b] != '/')
                b++;
            const char *colon = memchr(s + a, ':', b - a);
            if (colon)
                a = (size_t)(colon - s) + 1;
            if (b > a && secret_name(s + a, b - a)) {
                char *gt = memchr(s + b, '>', n - b);
                if (gt && gt[-1] != '/') {
                    size_t v = (size_t)(gt - s) + 1, e = v;
                    while (e < n && s[e] != '<')
                        e++;
                    for (size_t k = v; k < e; k++)
                        if (s[k] != ' ' && s[k] != '\n' && s[k] != '\r' && s[k] != '\t')
                            s[k] = '*';
                }
            }
        } else if (s[i] == '"') {
            size_t a = i + 1, b = a;
            while (b < n && s[b] != '"' && s[b] != '\\')
                b++;
            if (b < n && s[b] == '"' && secret_name(s + a, b - a)) {
                size_t c = b + 1;
                while (c < n && (s[c] == ' ' || s[c] == '\t' || s[c] == '\n' || s[c] == '\r'))
                    c++;
                if (c < n && s[c] == ':') {
                    c++;
                    while (c < n && (s[c] == ' ' || s[c] == '\t' || s[c] == '\n' || s[c] == '\r'))
                        c++;
                    if (c < n && s[c] == '"') {
                        for (size_t k = c + 1; k < n && s[k] != '"'; k++) {
                            if (s[k] == '\\' && k + 1 < n)
                                s[k++] = '*';
                            s[k] = '*';
                        }
                    }
                }
                i = b;
            } else {
                i = b < n ? b : n;
            }
        }
    }
}

char *journal_mask(const char *s, size_t n, const struct md_trace *t, size_t *out_len)
{
    char *m = mask_values(s, n, t, out_len);

    if (m)
        mask_names(m, *out_len);
    return m;
}
