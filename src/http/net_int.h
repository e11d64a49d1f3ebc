/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Internals of the HTTP layer shared by server.c and util.c (and the unit
 * tests): the request-header policy libmicrohttpd leaves to us, and the
 * split of a handler's extra header lines.
 */
#ifndef MD_NET_INT_H
#define MD_NET_INT_H

#include <stddef.h>

/* Fed every request header in turn (name and value with their lengths, so a
 * NUL inside one is seen).  Refuses control bytes (other than HTAB) in a name
 * or value and a space in a name (400), a malformed or second, different
 * Content-Length (400), a Transfer-Encoding other than one "chunked" (501),
 * an Expect other than 100-continue (417); http_check_done() adds
 * Content-Length together with Transfer-Encoding (400). */
struct hdr_check {
    int status;    /* first refusal, 0 = none yet */
    int n_clen, n_te;
    char clen[24]; /* the first Content-Length, NUL-terminated */
};
void http_check_header(struct hdr_check *c, const char *name, size_t name_len, const char *value,
                       size_t value_len);
/* 0 when the request may proceed, else the HTTP status to answer. */
int http_check_done(const struct hdr_check *c);

/* libmicrohttpd parses the header block in place and hands over each value
 * up to its first NUL byte.  p is the end of such a value (value + its
 * length) and next_key the name of the header after it, or NULL for the
 * last one.  Between the two lie only blanks and line ends (which MHD may
 * have overwritten with NULs): at least one before the next name, two (the
 * line's and the blank line's) after the last value.  Any other byte means
 * the value went on after a NUL.  Returns 1 clean, 0 a NUL inside; 1 too
 * when next_key is not after p in the same block (nothing to tell). */
int http_value_end_clean(const char *p, const char *next_key);

/* Call fn(arg, name, value) for each "Name: value\r\n" line of a handler's
 * http_resp.headers.  -1 on a malformed line or when fn returns non-zero. */
int http_each_header_line(const char *lines, int (*fn)(void *arg, const char *name, const char *value),
                          void *arg);

#endif
