/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The one XML escaping rule (core/xmlesc.c): exact bytes, and whatever the
 * input, the output is well-formed XML character data. */
#include "magesoapd/xmlesc.h"

#include "t.h"

#include <libxml/parser.h>
#include <stdlib.h>

static const char *esc(struct buf *b, const char *s, size_t n, unsigned flags)
{
    buf_reset(b);
    xml_escape(b, s, n, flags);
    return buf_cstr(b);
}

static void xmlesc_exact_bytes(void)
{
    struct buf b;

    buf_init(&b, 0);
    CHECK_EQ_STR(esc(&b, "a<b>&\"c\r\x01\t\n", 11, 0), "a&lt;b&gt;&amp;\"c&#13;&amp;#1;\t\n");
    CHECK_EQ_STR(esc(&b, "\"q\"", 3, XE_QUOT), "&quot;q&quot;");
    /* U+FFFF, U+FFFE: text, as processingMethodResult makes them */
    CHECK_EQ_STR(esc(&b, "x\xEF\xBF\xBFy\xEF\xBF\xBE", 8, 0), "x&amp;#65535;y&amp;#65534;");
    /* U+FFFD and other BMP / astral characters pass */
    CHECK_EQ_STR(esc(&b, "\xEF\xBF\xBD\xC3\xA9\xF0\x9F\x98\x80", 9, 0),
                 "\xEF\xBF\xBD\xC3\xA9\xF0\x9F\x98\x80");
    /* not UTF-8: a lone continuation byte, an overlong, a surrogate, a cut sequence */
    CHECK_EQ_STR(esc(&b, "\x80", 1, 0), "\xEF\xBF\xBD");
    CHECK_EQ_STR(esc(&b, "\xC0\xAF", 2, 0), "\xEF\xBF\xBD\xEF\xBF\xBD");
    CHECK_EQ_STR(esc(&b, "\xED\xA0\x80", 3, 0), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    CHECK_EQ_STR(esc(&b, "a\xE2\x82", 3, 0), "a\xEF\xBF\xBD\xEF\xBF\xBD");
    buf_free(&b);
}

/* Every single byte and every 2-byte pair: the escaped text parses. */
static void xmlesc_output_is_always_well_formed(void)
{
    struct buf b, doc;
    int bad = 0;

    buf_init(&b, 0);
    buf_init(&doc, 0);
    for (unsigned i = 0; i < 256; i++) {
        for (unsigned j = 0; j < 256; j += (i < 0x80 ? 255 : 1)) {
            char in[3] = {(char)i, (char)j, 'z'};
            buf_reset(&doc);
            buf_puts(&doc, "<a>");
            xml_escape(&doc, in, 3, 0);
            buf_puts(&doc, "</a>");
            xmlDocPtr d = xmlReadMemory(doc.p, (int)doc.n, "x", "UTF-8",
                                        XML_PARSE_NONET | XML_PARSE_NOERROR |
                                            XML_PARSE_NOWARNING);
            if (!d)
                bad++;
            xmlFreeDoc(d);
        }
    }
    CHECK_EQ_INT(bad, 0);
    buf_free(&b);
    buf_free(&doc);
}

/* xml_text_ok: what a client may ask us to store. */
static void xmlesc_text_ok(void)
{
    static const struct {
        const char *s;
        int ok;
        size_t at;
    } cases[] = {
        {"plain text\t\r\n", 1, 0},
        {"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", 1, 0}, /* é € 😀 */
        {"\xef\xbf\xbd", 1, 0},                                /* U+FFFD is fine */
        {"ab\x01", 0, 2},                                        /* C0 control */
        {"a\x7f", 1, 0},                                         /* DEL is an XML Char */
        {"x\xef\xbf\xbe", 0, 1},                                /* U+FFFE */
        {"\xef\xbf\xbf", 0, 0},                                 /* U+FFFF */
        {"ok\xed\xa0\x80", 0, 2},                               /* surrogate D800 */
        {"\xff", 0, 0},                                          /* not UTF-8 */
        {"/\xc0\xaf", 0, 1},                                     /* overlong '/' */
        {"\xf4\x90\x80\x80", 0, 0},                             /* > U+10FFFF */
        {"\xc3", 0, 0},                                          /* truncated */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t at = 99;
        int ok = xml_text_ok(cases[i].s, strlen(cases[i].s), &at);
        CHECK_EQ_INT(ok, cases[i].ok);
        if (!cases[i].ok)
            CHECK_EQ_INT((long long)at, (long long)cases[i].at);
    }
}

int main(void)
{
    T_RUN(xmlesc_text_ok);
    T_RUN(xmlesc_exact_bytes);
    T_RUN(xmlesc_output_is_always_well_formed);
    xmlCleanupParser();
    return t_done();
}
