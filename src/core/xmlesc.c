/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The one XML escaping rule (xmlesc.h). */
#include "magesoapd/xmlesc.h"

#include <stdio.h>

size_t xml_utf8_len(const unsigned char *p, size_t left)
{
    unsigned c = p[0];
    size_t n;
    unsigned cp, min;

    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        cp = c & 0x1F;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        cp = c & 0x0F;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        cp = c & 0x07;
        min = 0x10000;
    } else {
        return 0;
    }
    if (left < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

/* Bytes that may need more than a copy: controls, " & < >, and every
 * non-ASCII byte (checked as UTF-8).  Everything else is copied in runs. */
static const unsigned char special[256] = {
    [0 ... 0x1F] = 1, ['"'] = 1, ['&'] = 1, ['<'] = 1, ['>'] = 1, [0x80 ... 0xFF] = 1,
};

void xml_escape(struct buf *b, const char *s, size_t n, unsigned flags)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t run = 0, len;

    for (size_t i = 0; i < n; i += len) {
        unsigned char c = p[i];
        if (!special[c]) { /* the common case: skip to the next byte that may need work */
            size_t j = i + 1;
            while (j < n && !special[p[j]])
                j++;
            len = j - i;
            run += len;
            continue;
        }
        const char *rep = NULL;
        char num[24];

        len = 1;
        if (c >= 0x80) {
            len = xml_utf8_len(p + i, n - i);
            if (!len) {
                len = 1;
                rep = "\xEF\xBF\xBD";
            } else if (len == 3 && c == 0xEF && p[i + 1] == 0xBF && p[i + 2] >= 0xBE) {
                snprintf(num, sizeof num, "&amp;#%u;", p[i + 2] == 0xBE ? 0xFFFEu : 0xFFFFu);
                rep = num;
            }
        } else if (c == '&') {
            rep = "&amp;";
        } else if (c == '<') {
            rep = "&lt;";
        } else if (c == '>') {
            rep = "&gt;";
        } else if (c == '"' && (flags & XE_QUOT)) {
            rep = "&quot;";
        } else if (c == '\r') {
            rep = "&#13;";
        } else if (c < 0x20 && c != '\t' && c != '\n') {
            snprintf(num, sizeof num, "&amp;#%u;", c);
            rep = num;
        }
        if (rep) {
            buf_put(b, s + i - run, run);
            run = 0;
            buf_puts(b, rep);
        } else {
            run += len;
        }
    }
    buf_put(b, s + n - run, run);
}

int xml_text_ok(const char *s, size_t n, size_t *at)
{
    const unsigned char *p = (const unsigned char *)s;

    for (size_t i = 0; i < n;) {
        size_t len = xml_utf8_len(p + i, n - i);
        int bad = len == 0;
        if (!bad && len == 1)
            bad = p[i] < 0x20 && p[i] != '\t' && p[i] != '\n' && p[i] != '\r';
        if (!bad && len == 3) /* U+FFFE, U+FFFF: EF BF BE / EF BF BF */
            bad = p[i] == 0xEF && p[i + 1] == 0xBF && (p[i + 2] == 0xBE || p[i + 2] == 0xBF);
        if (bad) {
            if (at)
                *at = i;
            return 0;
        }
        i += len;
    }
    return 1;
}
