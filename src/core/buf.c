/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "magesoapd/buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void buf_init(struct buf *b, size_t max)
{
    b->p = NULL;
    b->n = b->cap = 0;
    b->max = max;
    b->oom = 0;
}

void buf_free(struct buf *b)
{
    free(b->p);
    buf_init(b, b->max);
}

void buf_reset(struct buf *b)
{
    b->n = 0;
    b->oom = 0;
}

static int reserve(struct buf *b, size_t extra)
{
    size_t need = b->n + extra + 1;

    if (b->oom)
        return -1;
    if (need < b->n || (b->max && need > b->max + 1)) {
        b->oom = 1;
        return -1;
    }
    if (need <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < need)
        cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p) {
        b->oom = 1;
        return -1;
    }
    b->p = p;
    b->cap = cap;
    return 0;
}

int buf_put_slow(struct buf *b, const void *s, size_t n)
{
    if (reserve(b, n))
        return -1;
    memcpy(b->p + b->n, s, n);
    b->n += n;
    return 0;
}

int buf_printf(struct buf *b, const char *fmt, ...)
{
    va_list ap;
    char small[512];
    int n;

    va_start(ap, fmt);
    n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return -1;
    if ((size_t)n < sizeof small)
        return buf_put(b, small, (size_t)n);
    if (reserve(b, (size_t)n))
        return -1;
    va_start(ap, fmt);
    vsnprintf(b->p + b->n, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->n += (size_t)n;
    return 0;
}

const char *buf_cstr(struct buf *b)
{
    if (reserve(b, 0))
        return NULL;
    b->p[b->n] = '\0';
    return b->p;
}
