/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the SOAP V2/WS-I endpoint refuses before gSOAP reads a body
 * (soap_server.c): nesting deeper than max_xml_depth (libxml2's reader,
 * codec_xml.c) and bytes that are not UTF-8 XML text, unless the XML
 * declaration names another encoding, which gSOAP decodes itself.
 */
#include "rpc/codec.h"
#include "proto/exchange.h"

#include "magesoapd/store.h"
#include "tools/tools.h"

#include "t.h"

#include <stdlib.h>

#define ENV "<?xml version=\"1.0\" encoding=\"%s\"?><e:Envelope " \
            "xmlns:e=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:n=\"urn:Magento\"><e:Body>"

static char *nest(int levels)
{
    size_t n = (size_t)levels * 7 + 64;
    char *s = malloc(n), *p = s;

    p += sprintf(p, "<r>");
    for (int i = 1; i < levels; i++)
        p += sprintf(p, "<x>");
    for (int i = 1; i < levels; i++)
        p += sprintf(p, "</x>");
    sprintf(p, "</r>");
    return s;
}

static void depth_is_counted_from_the_root(void)
{
    char *s64 = nest(64), *s65 = nest(65);

    CHECK_EQ_INT(md_xml_too_deep(s64, strlen(s64), 64), 0);
    CHECK_EQ_INT(md_xml_too_deep(s65, strlen(s65), 64), 1);
    CHECK_EQ_INT(md_xml_too_deep(s65, strlen(s65), 65), 0);
    /* few '<': answered without parsing; malformed: left to the caller */
    CHECK_EQ_INT(md_xml_too_deep("<a><b/></a>", 11, 2), 0);
    CHECK_EQ_INT(md_xml_too_deep("<a><b><c><d>", 12, 2), 1);
    CHECK_EQ_INT(md_xml_too_deep("<a><b>x</c></b></a>", 19, 2), 0);
    free(s64);
    free(s65);
}

static void declared_encodings(void)
{
    static const char *latin = "<?xml version='1.0' encoding='ISO-8859-1'?><a>\xff</a>";
    static const char *utf8 = "<?xml version='1.0' encoding='utf-8'?><a>\xff</a>";
    static const char *none = "<?xml version='1.0'?><a>\xff</a>";

    CHECK_EQ_INT(md_xml_declares_other_encoding(latin, strlen(latin)), 1);
    CHECK_EQ_INT(md_xml_declares_other_encoding(utf8, strlen(utf8)), 0);
    CHECK_EQ_INT(md_xml_declares_other_encoding(none, strlen(none)), 0);
    CHECK_EQ_INT(md_xml_declares_other_encoding("<a>\xff", 5), 0);
}

static struct cfg cfg;
static struct worker w;
static char sid[64];

static const char *post(const char *body, int *status)
{
    struct http_req req;
    struct http_resp resp;
    static char path[] = "/api/v2_soap/";

    memset(&req, 0, sizeof req);
    strcpy(req.method, "POST");
    req.target = req.path = path;
    req.query = "";
    req.body = (char *)body;
    req.body_len = strlen(body);
    strcpy(req.peer, "127.0.0.1:1");
    memset(&resp, 0, sizeof resp);
    buf_reset(&w.out);
    resp.body = &w.out;
    soap_handle(&w, &req, &resp, EP_V2);
    arena_reset(&w.arena);
    *status = resp.status;
    return buf_cstr(&w.out);
}

static void comment(const char *enc, const char *text, char *out, size_t n)
{
    snprintf(out, n,
             ENV "<n:salesOrderInvoiceAddComment><sessionId>%s</sessionId><invoiceIncrementId>100000001"
                 "</invoiceIncrementId><comment>%s</comment></n:salesOrderInvoiceAddComment></e:Body>"
                 "</e:Envelope>",
             enc, sid, text);
}

static void the_endpoint_refuses_before_gsoap(void)
{
    char body[2048];
    const char *r;
    int status;
    char *deep = nest(70), *big = malloc(strlen(deep) + 1024);

    comment("UTF-8", "bad \xff end", body, sizeof body);
    r = post(body, &status);
    CHECK_EQ_INT(status, 500);
    CHECK(strstr(r, "<faultcode>SOAP-ENV:Client</faultcode>") != NULL);
    CHECK(strstr(r, "not UTF-8 text XML can carry (byte ") != NULL);

    comment("UTF-8", "overlong \xc0\xaf", body, sizeof body);
    r = post(body, &status);
    CHECK(strstr(r, "not UTF-8 text XML can carry") != NULL);

    /* ISO-8859-1 declared: gSOAP decodes \xff as U+00FF, the call runs */
    comment("ISO-8859-1", "latin \xff end", body, sizeof body);
    r = post(body, &status);
    CHECK_EQ_INT(status, 200);
    CHECK(strstr(r, ">true</result>") != NULL);

    snprintf(big, strlen(deep) + 1024,
             ENV "<n:salesOrderInvoiceInfo><sessionId>%s</sessionId><invoiceIncrementId>%s"
                 "</invoiceIncrementId></n:salesOrderInvoiceInfo></e:Body></e:Envelope>",
             "UTF-8", sid, deep);
    r = post(big, &status);
    CHECK_EQ_INT(status, 500);
    CHECK(strstr(r, "XML nested deeper than 64 levels") != NULL);
    free(deep);
    free(big);
}

int main(void)
{
    char err[512];
    struct md_fault f;

    cfg_defaults(&cfg);
    cfg.pbkdf2_iterations = 1000;
    w.cfg = &cfg;
    arena_init(&w.arena, 0);
    buf_init(&w.out, 0);
    if (store_open(":memory:", &cfg, &w.st, err, sizeof err) || md_demo_load(w.st, &cfg, err, sizeof err)) {
        fprintf(stderr, "setup: %s\n", err);
        return 2;
    }
    w.ctx = (struct md_ctx){.st = w.st, .cfg = &cfg, .arena = &w.arena};
    if (soap_worker_init(&w) || md_login(&w.ctx, "apiUser", "apiKey", sid, &f)) {
        fprintf(stderr, "setup: soap or login\n");
        return 2;
    }
    T_RUN(depth_is_counted_from_the_root);
    T_RUN(declared_encodings);
    T_RUN(the_endpoint_refuses_before_gsoap);
    soap_worker_free(&w);
    buf_free(&w.out);
    arena_free(&w.arena);
    store_close(w.st);
    return t_done();
}
