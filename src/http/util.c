/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The socket-free part of the HTTP layer: the checks on request headers
 * that libmicrohttpd leaves to the application (see net_int.h).  Response
 * helpers for handlers live in the protocols layer (proto/exchange.c).
 */
#include "http/http.h"
#include "http/net_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static int is_ctl(unsigned char c)
{
    return (c < 0x20 && c != '\t') || c == 0x7f;
}

static int has_ctl(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (is_ctl((unsigned char)s[i]))
            return 1;
    return 0;
}

static int all_digits(const char *s, size_t n)
{
    if (!n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

static int name_is(const char *name, size_t n, const char *want)
{
    return strlen(want) == n && strncasecmp(name, want, n) == 0;
}

static void fail(struct hdr_check *c, int status)
{
    if (!c->status)
        c->status = status;
}

void http_check_header(struct hdr_check *c, const char *name, size_t name_len, const char *value,
                       size_t value_len)
{
    if (!name_len || has_ctl(name, name_len) || memchr(name, ' ', name_len) ||
        has_ctl(value, value_len)) {
        fail(c, 400);
        return;
    }
    if (name_is(name, name_len, "Content-Length")) {
        if (!all_digits(value, value_len) || value_len >= sizeof c->clen)
            fail(c, 400);
        else if (c->n_clen && (strlen(c->clen) != value_len || memcmp(c->clen, value, value_len)))
            fail(c, 400); /* two different lengths: which one frames the body? */
        else
            memcpy(c->clen, value, value_len + 1);
        c->n_clen++;
    } else if (name_is(name, name_len, "Transfer-Encoding")) {
        if (c->n_te++ || !name_is(value, value_len, "chunked"))
            fail(c, 501);
    } else if (name_is(name, name_len, "Expect")) {
        if (!name_is(value, value_len, "100-continue"))
            fail(c, 417);
    }
}

int http_check_done(const struct hdr_check *c)
{
    if (c->status)
        return c->status;
    if (c->n_clen && c->n_te)
        return 400; /* both framings at once: request smuggling */
    return 0;
}

int http_value_end_clean(const char *p, const char *next_key)
{
    int ends = 0;

    if (next_key && (next_key <= p || next_key - p > 4096))
        return 1; /* not laid out in place: nothing to tell */
    for (;; p++) {
        if (next_key && p == next_key)
            return ends >= 1;
        if (*p == '\0' || *p == '\r' || *p == '\n') {
            if (++ends >= 2 && !next_key)
                return 1;
        } else if (*p != ' ' && *p != '\t') {
            return 0;
        }
    }
}

int http_each_header_line(const char *lines, int (*fn)(void *arg, const char *name, const char *value),
                          void *arg)
{
    char line[1024];

    while (lines && *lines) {
        const char *end = strstr(lines, "\r\n");
        size_t n = end ? (size_t)(end - lines) : strlen(lines);
        if (n >= sizeof line)
            return -1;
        memcpy(line, lines, n);
        line[n] = '\0';
        lines = end ? end + 2 : lines + n;
        if (!n)
            continue;
        char *colon = strchr(line, ':');
        if (!colon || colon == line)
            return -1;
        *colon = '\0';
        char *val = colon + 1;
        while (*val == ' ' || *val == '\t')
            val++;
        if (fn(arg, line, val))
            return -1;
    }
    return 0;
}
