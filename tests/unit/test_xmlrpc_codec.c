/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * XML-RPC codec: every value type of a methodCall, ZF1's request faults
 * (631 parse, 632 no method, 633 no value, 636 bad value), DTD refusal,
 * limits, and the methodResponse / fault bytes of fact base §8.6.
 */
#include "rpc/codec.h"

#include "t.h"

#include <string.h>

static struct arena A;
static struct codec_limits LIM = {64, 10000, 1 << 20, 200000};

static int parse(const char *xml, struct xr_request *rq, struct md_fault *f)
{
    return xr_parse(&A, &LIM, xml, strlen(xml), rq, f);
}

/* The Odoo connector's create: itemsQty as a struct keyed by item id with
 * <double> quantities, booleans for email/includeComment. */
static void test_parse_odoo_create(void)
{
    struct xr_request rq;
    struct md_fault f;
    const char *xml =
        "<?xml version='1.0'?>\n<methodCall>\n<methodName>call</methodName>\n<params>\n"
        "<param>\n<value><string>SID</string></value>\n</param>\n"
        "<param>\n<value><string>sales_order_invoice.create</string></value>\n</param>\n"
        "<param>\n<value><array><data>\n<value><string>100000004</string></value>\n"
        "<value><struct>\n<member>\n<name>4</name>\n<value><double>2.0</double></value>\n"
        "</member>\n</struct></value>\n<value><string>comment</string></value>\n"
        "<value><boolean>1</boolean></value>\n<value><boolean>0</boolean></value>\n"
        "</data></array></value>\n</param>\n</params>\n</methodCall>\n";

    CHECK_EQ_INT(parse(xml, &rq, &f), 0);
    CHECK_EQ_STR(rq.method, "call");
    CHECK_EQ_INT(rq.n, 3);
    CHECK_EQ_STR(rq.types[0], "string");
    CHECK_EQ_STR(rq.types[2], "array");
    const struct val *args = rq.params[2];
    CHECK(args->t == VAL_LIST && args->u.list.n == 5);
    if (args->t != VAL_LIST || args->u.list.n != 5)
        return;
    const struct val *q = args->u.list.items[1];
    CHECK(q->t == VAL_MAP && q->u.map.n == 1);
    CHECK_EQ_STR(q->u.map.kv[0].key, "4");
    CHECK(q->u.map.kv[0].v->t == VAL_DOUBLE && q->u.map.kv[0].v->u.d == 2.0);
    CHECK(args->u.list.items[3]->t == VAL_BOOL && args->u.list.items[3]->u.b == 1);
    CHECK(args->u.list.items[4]->t == VAL_BOOL && args->u.list.items[4]->u.b == 0);
}

static void test_parse_types(void)
{
    struct xr_request rq;
    struct md_fault f;
    const char *xml =
        "<methodCall><methodName>x</methodName><params>"
        "<param><value>untyped</value></param>"
        "<param><value><i4> 42 </i4></value></param>"
        "<param><value><int>-7</int></value></param>"
        "<param><value><nil/></value></param>"
        "<param><value><base64>aGVsbG8=</base64></value></param>"
        "<param><value><dateTime.iso8601>20261121T10:33:48</dateTime.iso8601></value></param>"
        "<param><value><struct/></value></param>"
        "<param><value><array><data/></array></value></param>"
        "<param><value><ex:nil xmlns:ex=\"http://ws.apache.org/xmlrpc/namespaces/extensions\"/>"
        "</value></param>"
        "<param><value><string>a &amp; b</string></value></param>"
        "</params></methodCall>";

    CHECK_EQ_INT(parse(xml, &rq, &f), 0);
    CHECK_EQ_INT(rq.n, 10);
    CHECK(rq.params[0]->t == VAL_STR && !strcmp(rq.params[0]->u.s.p, "untyped"));
    CHECK_EQ_STR(rq.types[0], "string");
    CHECK(rq.params[1]->t == VAL_INT && rq.params[1]->u.i == 42);
    CHECK_EQ_STR(rq.types[1], "i4");
    CHECK(rq.params[2]->t == VAL_INT && rq.params[2]->u.i == -7);
    CHECK(rq.params[3]->t == VAL_NULL);
    CHECK_EQ_STR(rq.types[3], "nil");
    CHECK(rq.params[4]->t == VAL_STR && !strcmp(rq.params[4]->u.s.p, "hello"));
    CHECK(rq.params[5]->t == VAL_STR && !strcmp(rq.params[5]->u.s.p, "20261121T10:33:48"));
    CHECK(rq.params[6]->t == VAL_MAP && rq.params[6]->u.map.n == 0);
    CHECK_EQ_STR(rq.types[6], "struct");
    CHECK(rq.params[7]->t == VAL_LIST && rq.params[7]->u.list.n == 0);
    CHECK(rq.params[8]->t == VAL_NULL);
    CHECK(rq.params[9]->t == VAL_STR && !strcmp(rq.params[9]->u.s.p, "a & b"));
}

static void test_parse_faults(void)
{
    struct xr_request rq;
    struct md_fault f;

    CHECK_EQ_INT(parse("<methodCall><methodName>x", &rq, &f), -1);
    CHECK_EQ_INT(f.code, 631);
    CHECK_EQ_STR(f.msg, "Failed to parse request");
    CHECK_EQ_INT(parse("<methodCall><params/></methodCall>", &rq, &f), -1);
    CHECK_EQ_INT(f.code, 632);
    CHECK_EQ_INT(parse("<methodCall><methodName>x</methodName><params><param/></params>"
                       "</methodCall>",
                       &rq, &f),
                 -1);
    CHECK_EQ_INT(f.code, 633);
    CHECK_EQ_INT(parse("<methodCall><methodName>x</methodName><params><param><value><int>z</int>"
                       "</value></param></params></methodCall>",
                       &rq, &f),
                 -1);
    CHECK_EQ_INT(f.code, 636);
    CHECK_EQ_INT(parse("<methodCall><methodName>x</methodName><params><param><value><frob>1"
                       "</frob></value></param></params></methodCall>",
                       &rq, &f),
                 -1);
    CHECK_EQ_INT(f.code, 636);
    /* billion laughs and external entities never get expanded: DTDs are refused */
    CHECK_EQ_INT(parse("<?xml version=\"1.0\"?><!DOCTYPE m [<!ENTITY a \"aaaa\">"
                       "<!ENTITY b \"&a;&a;&a;\">]><methodCall><methodName>&b;</methodName>"
                       "</methodCall>",
                       &rq, &f),
                 -1);
    CHECK_EQ_INT(f.code, 631);
    CHECK_EQ_INT(parse("<?xml version=\"1.0\"?><!DOCTYPE m SYSTEM \"file:///etc/passwd\">"
                       "<methodCall><methodName>x</methodName></methodCall>",
                       &rq, &f),
                 -1);
    CHECK_EQ_INT(f.code, 631);
}

static void test_parse_limits(void)
{
    struct xr_request rq;
    struct md_fault f;
    struct codec_limits lim = {6, 2, 5, 100000};
    const char *wide = "<methodCall><methodName>x</methodName><params><param><value><array><data>"
                       "<value>1</value><value>2</value><value>3</value></data></array></value>"
                       "</param></params></methodCall>";
    const char *deep = "<methodCall><methodName>x</methodName><params><param><value><array><data>"
                       "<value><array><data><value><array><data><value>1</value></data></array>"
                       "</value></data></array></value></data></array></value></param></params>"
                       "</methodCall>";
    const char *longs = "<methodCall><methodName>x</methodName><params><param><value>123456"
                        "</value></param></params></methodCall>";

    CHECK_EQ_INT(xr_parse(&A, &lim, wide, strlen(wide), &rq, &f), -1);
    CHECK_EQ_INT(xr_parse(&A, &lim, deep, strlen(deep), &rq, &f), -1);
    CHECK_EQ_INT(xr_parse(&A, &lim, longs, strlen(longs), &rq, &f), -1);
}

static const char *response(const struct val *v, int intcols)
{
    static struct buf b;

    buf_free(&b);
    buf_init(&b, 0);
    xr_write_response(&b, v, intcols);
    return buf_cstr(&b);
}

/* fact base §8.6 */
static void test_write_response(void)
{
    struct val *l = val_list(&A), *m = val_map(&A);

    val_map_push(&A, m, "order_id", val_int(&A, 3));
    val_map_push(&A, m, "increment_id", val_str(&A, "100000001"));
    val_map_push(&A, m, "grand_total", val_dec(&A, 450000));
    val_map_push(&A, m, "transaction_id", val_null(&A));
    val_list_push(&A, l, m);
    CHECK_EQ_STR(response(l, 1),
                 "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<methodResponse><params><param>"
                 "<value><array><data><value><struct><member><name>order_id</name><value><int>3"
                 "</int></value></member><member><name>increment_id</name><value><string>"
                 "100000001</string></value></member><member><name>grand_total</name><value>"
                 "<string>45.0000</string></value></member><member><name>transaction_id</name>"
                 "<value><nil/></value></member></struct></value></data></array></value></param>"
                 "</params></methodResponse>");
    /* magento1 profile: integer columns are strings */
    CHECK(strstr(response(l, 0), "<name>order_id</name><value><string>3</string>") != NULL);
    CHECK_EQ_STR(response(val_bool(&A, 1), 0),
                 "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<methodResponse><params><param>"
                 "<value><boolean>1</boolean></value></param></params></methodResponse>");
    CHECK(strstr(response(val_list(&A), 0), "<value><array><data/></array></value>") != NULL);
    CHECK(strstr(response(val_map(&A), 0), "<value><array><data/></array></value>") != NULL);
    CHECK(strstr(response(val_str(&A, ""), 0), "<value><string></string></value>") != NULL);
}

static void test_write_fault(void)
{
    static struct buf b;

    buf_init(&b, 0);
    xr_write_fault(&b, 5, "Session expired. Try to relogin.");
    CHECK_EQ_STR(buf_cstr(&b),
                 "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<methodResponse><fault><value><struct>"
                 "<member><name>faultCode</name><value><int>5</int></value></member><member>"
                 "<name>faultString</name><value><string>Session expired. Try to relogin."
                 "</string></value></member></struct></value></fault></methodResponse>");
    buf_reset(&b);
    xr_write_fault(&b, 1, "Invalid qty to invoice item \"W<1>\"");
    CHECK(strstr(buf_cstr(&b), "Invalid qty to invoice item &quot;W&lt;1&gt;&quot;") != NULL);
    buf_free(&b);
}

int main(void)
{
    arena_init(&A, 0);
    T_RUN(test_parse_odoo_create);
    T_RUN(test_parse_types);
    T_RUN(test_parse_faults);
    T_RUN(test_parse_limits);
    T_RUN(test_write_response);
    T_RUN(test_write_fault);
    arena_free(&A);
    return t_done();
}
