/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The one XML escaping rule of every XML dialect (SOAP V1, V2, WS-I,
 * XML-RPC): character data is escaped so that no answer is ever malformed
 * XML, whatever a stored string holds.
 *
 *   &  <  >          -> &amp; &lt; &gt;
 *   "                -> &quot; (XE_QUOT: libxml2's XMLWriter, XML-RPC)
 *   CR               -> &#13; (PHP's serialisers keep it that way)
 *   other C0 controls, U+FFFE, U+FFFF (characters XML 1.0 cannot carry)
 *                    -> the text "&#N;" (written &amp;#N;), as Magento's
 *                       processingMethodResult turns them into text
 *   bytes that are not UTF-8 (bad lead or continuation bytes, overlongs,
 *   surrogates, > U+10FFFF) -> U+FFFD, one per bad byte
 */
#ifndef MAGESOAPD_XMLESC_H
#define MAGESOAPD_XMLESC_H

#include <stddef.h>

#include "magesoapd/buf.h"

#define XE_QUOT 1u

void xml_escape(struct buf *b, const char *s, size_t n, unsigned flags);

/* Length of the valid UTF-8 sequence at p (1..4), or 0 if p[0] starts none. */
size_t xml_utf8_len(const unsigned char *p, size_t left);

/* Is s[0..n) text XML 1.0 can carry: valid UTF-8 of characters tab, LF, CR,
 * U+0020..U+D7FF, U+E000..U+FFFD, U+10000..U+10FFFF?  1 yes; 0 no, with the
 * byte offset of the first offender in *at (may be NULL). */
int xml_text_ok(const char *s, size_t n, size_t *at);

#endif
