/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Growable byte buffer with a hard maximum (curl's dynbuf idea).  After a
 * failed append the buffer is marked oom and further appends are ignored;
 * check buf_failed() once at the end. */
#ifndef MAGESOAPD_BUF_H
#define MAGESOAPD_BUF_H
#include <stddef.h>
#include <string.h>
struct buf {
    char *p;
    size_t n, cap, max;
    int oom;
};
void buf_init(struct buf *b, size_t max);
void buf_free(struct buf *b);
void buf_reset(struct buf *b); /* keeps the allocation */
int buf_put_slow(struct buf *b, const void *s, size_t n);
/* Appends; the common case (room left) stays inline. */
static inline int buf_put(struct buf *b, const void *s, size_t n)
{
    if (b->n + n < b->cap && !b->oom) {
        memcpy(b->p + b->n, s, n);
        b->n += n;
        return 0;
    }
    return buf_put_slow(b, s, n);
}
static inline int buf_puts(struct buf *b, const char *s)
{
    return buf_put(b, s, strlen(s));
}
static inline int buf_putc(struct buf *b, char c)
{
    if (b->n + 1 < b->cap && !b->oom) {
        b->p[b->n++] = c;
        return 0;
    }
    return buf_put_slow(b, &c, 1);
}
int buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static inline int buf_failed(const struct buf *b) { return b->oom; }
/* NUL-terminates (not counted in n); returns b->p or NULL on failure. */
const char *buf_cstr(struct buf *b);
#endif
