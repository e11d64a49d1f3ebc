/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The socket-free part of the HTTP layer: the request-header policy left to
 * us by libmicrohttpd (control bytes, NULs MHD cut a value at, signed,
 * duplicate and conflicting framing headers), the split of handlers' extra
 * header lines, and query-string lookup. */
#include "http/http.h"
#include "http/net_int.h"

#include "t.h"

/* Run the policy over "Name: value" pairs given as (name, value, value_len). */
struct h {
    const char *name, *value;
    size_t len;
};
#define HV(n, v) {n, v, sizeof v - 1}

static int policy(const struct h *hs, size_t n)
{
    struct hdr_check c;

    memset(&c, 0, sizeof c);
    for (size_t i = 0; i < n; i++)
        http_check_header(&c, hs[i].name, strlen(hs[i].name), hs[i].value, hs[i].len);
    return http_check_done(&c);
}
#define POLICY(...)                                                                    \
    ({                                                                                 \
        const struct h hs_[] = {__VA_ARGS__};                                          \
        policy(hs_, sizeof hs_ / sizeof hs_[0]);                                       \
    })

static void plain_requests_pass(void)
{
    CHECK_EQ_INT(POLICY(HV("Host", "x"), HV("Content-Length", "12"), HV("X-Tab", "a\tb")), 0);
    CHECK_EQ_INT(POLICY(HV("Transfer-Encoding", "chunked"), HV("Expect", "100-continue")), 0);
    CHECK_EQ_INT(POLICY(HV("transfer-encoding", "Chunked"), HV("Host", "")), 0);
    /* the same length twice is one length */
    CHECK_EQ_INT(POLICY(HV("Content-Length", "5"), HV("content-length", "5")), 0);
}

static void control_bytes_are_refused(void)
{
    CHECK_EQ_INT(POLICY(HV("X-A", "a\0b")), 400);
    CHECK_EQ_INT(POLICY(HV("X-A", "a\001b")), 400);
    CHECK_EQ_INT(POLICY(HV("X-A", "a\x7f")), 400);
    CHECK_EQ_INT(POLICY(HV("X-A", "a\rb")), 400);
    CHECK_EQ_INT(POLICY(HV("X A", "b")), 400);
    CHECK_EQ_INT(POLICY(HV("X\001A", "b")), 400);
    CHECK_EQ_INT(POLICY(HV("", "b")), 400);
}

static void framing_headers_are_checked(void)
{
    CHECK_EQ_INT(POLICY(HV("Content-Length", "+5")), 400);
    CHECK_EQ_INT(POLICY(HV("Content-Length", "-1")), 400);
    CHECK_EQ_INT(POLICY(HV("Content-Length", "")), 400);
    CHECK_EQ_INT(POLICY(HV("Content-Length", "5 ")), 400);
    CHECK_EQ_INT(POLICY(HV("Content-Length", "0x10")), 400);
    CHECK_EQ_INT(POLICY(HV("Content-Length", "99999999999999999999999999")), 400);
    CHECK_EQ_INT(POLICY(HV("Content-Length", "5"), HV("Content-Length", "6")), 400);
    CHECK_EQ_INT(POLICY(HV("Content-Length", "5"), HV("Content-Length", "05")), 400);
    CHECK_EQ_INT(POLICY(HV("Content-Length", "5"), HV("Transfer-Encoding", "chunked")), 400);
    CHECK_EQ_INT(POLICY(HV("Transfer-Encoding", "chunked"), HV("Content-Length", "5")), 400);
    CHECK_EQ_INT(POLICY(HV("Transfer-Encoding", "gzip, chunked")), 501);
    CHECK_EQ_INT(POLICY(HV("Transfer-Encoding", "chunked"), HV("Transfer-Encoding", "chunked")), 501);
    CHECK_EQ_INT(POLICY(HV("Expect", "something")), 417);
    /* the first refusal wins */
    CHECK_EQ_INT(POLICY(HV("X-A", "\001"), HV("Expect", "x")), 400);
}

/* Header blocks as libmicrohttpd leaves them after parsing in place: each
 * line end (CR, LF) overwritten with NULs. */
static void nul_inside_a_value_is_seen(void)
{
    /* "X-A: a\0b\r\nY: c\r\n\r\n" after MHD: the value "a" ends at the user's NUL */
    static const char cut[] = "X-A\0a\0b\0\0Y\0c\0\0\0\0";
    static const char clean[] = "X-A\0a\0\0Y\0c\0\0\0\0";
    static const char bare_lf[] = "X-A\0a\0Y\0c\0\0";
    static const char trailing[] = "X-A\0a  \0\0Y\0c \t\0\0\0\0BODY";
    const char *y;

    y = cut + 9;
    CHECK_EQ_INT(http_value_end_clean(cut + 5, y), 0);
    y = clean + 7;
    CHECK_EQ_INT(http_value_end_clean(clean + 5, y), 1);
    CHECK_EQ_INT(http_value_end_clean(clean + 10, NULL), 1);
    y = bare_lf + 6;
    CHECK_EQ_INT(http_value_end_clean(bare_lf + 5, y), 1);
    CHECK_EQ_INT(http_value_end_clean(bare_lf + 9, NULL), 1);
    y = trailing + 9;
    CHECK_EQ_INT(http_value_end_clean(trailing + 5, y), 1);
    CHECK_EQ_INT(http_value_end_clean(trailing + 12, NULL), 1);
    /* the last header: "Y: c\0d\r\n\r\n" */
    static const char last_cut[] = "Y\0c\0d\0\0\0\0";
    CHECK_EQ_INT(http_value_end_clean(last_cut + 3, NULL), 0);
    /* next name right after the value, with no line end between: cut */
    static const char glued[] = "X\0ab";
    CHECK_EQ_INT(http_value_end_clean(glued + 3, glued + 3), 1); /* not after p: cannot tell */
    CHECK_EQ_INT(http_value_end_clean(glued + 2, glued + 3), 0);
}

static int collect(void *arg, const char *name, const char *value)
{
    struct buf *b = arg;

    buf_printf(b, "[%s|%s]", name, value);
    return 0;
}

static void extra_header_lines_split(void)
{
    struct buf b;

    buf_init(&b, 0);
    CHECK_EQ_INT(http_each_header_line("Allow: GET, POST\r\nETag: \"abc\"\r\n", collect, &b), 0);
    CHECK_EQ_STR(buf_cstr(&b), "[Allow|GET, POST][ETag|\"abc\"]");
    buf_reset(&b);
    CHECK_EQ_INT(http_each_header_line("", collect, &b), 0);
    CHECK_EQ_INT(b.n, 0);
    CHECK_EQ_INT(http_each_header_line("no colon\r\n", collect, &b), -1);
    CHECK_EQ_INT(http_each_header_line(": empty name\r\n", collect, &b), -1);
    buf_free(&b);
}

static void query_lookup(void)
{
    char v[16];

    CHECK_EQ_INT(http_query_get("wsdl&wsi=1", "wsdl", v, sizeof v), 1);
    CHECK_EQ_STR(v, "");
    CHECK_EQ_INT(http_query_get("wsdl&WSI=1", "wsi", v, sizeof v), 1);
    CHECK_EQ_STR(v, "1");
    CHECK_EQ_INT(http_query_get("wsdlx=1", "wsdl", v, sizeof v), 0);
    CHECK_EQ_INT(http_query_get("", "wsdl", v, sizeof v), 0);
    CHECK_EQ_INT(http_query_get("type=0123456789abcdefXYZ", "type", v, sizeof v), 1);
    CHECK_EQ_STR(v, "0123456789abcde");
}

int main(void)
{
    T_RUN(plain_requests_pass);
    T_RUN(control_bytes_are_refused);
    T_RUN(framing_headers_are_checked);
    T_RUN(nul_inside_a_value_is_seen);
    T_RUN(extra_header_lines_split);
    T_RUN(query_lookup);
    return t_done();
}
