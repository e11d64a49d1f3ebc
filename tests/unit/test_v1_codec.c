/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SOAP V1 codec: request decoding (binding by name and by position, typed
 * and untyped values, SOAP-ENC:Array, ns2:Map under any prefix, xsi:nil,
 * multiRef href/id, SOAP 1.2, limits) and response encoding byte-compared
 * with REF's captures (tests/captures/v1-*.resp.xml).
 */
#include "soap/v1_codec.h"

#include "magesoapd/dec.h"
#include "t.h"

#include <stdlib.h>
#include <string.h>

static struct arena A;
static struct codec_limits LIM = {64, 10000, 1 << 20, 200000};

#define ENV11_OPEN                                                                         \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<SOAP-ENV:Envelope "                     \
    "xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\" "                       \
    "xmlns:ns1=\"urn:OpenMage\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" "           \
    "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "                             \
    "xmlns:SOAP-ENC=\"http://schemas.xmlsoap.org/soap/encoding/\" "                        \
    "xmlns:ns2=\"http://xml.apache.org/xml-soap\" "                                        \
    "SOAP-ENV:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\"><SOAP-ENV:Body>"
#define ENV11_CLOSE "</SOAP-ENV:Body></SOAP-ENV:Envelope>"

static int decode(const char *xml, struct v1_request *rq, struct md_fault *f)
{
    return v1_decode(&A, &LIM, xml, strlen(xml), rq, f);
}

static const char *s(const struct val *v)
{
    return v && v->t == VAL_STR ? v->u.s.p : "(not a string)";
}

/* ---- decoding ------------------------------------------------------------- */

/* captures/v1-create-partial.req.xml (the body) */
static void test_decode_capture_create_partial(void)
{
    struct v1_request rq;
    struct md_fault f;
    const char *xml =
        ENV11_OPEN
        "<ns1:call><sessionId xsi:type=\"xsd:string\">d2f2ced28ff6dfab6b2b098d0666cc1a</sessionId>"
        "<resourcePath xsi:type=\"xsd:string\">sales_order_invoice.create</resourcePath>"
        "<args SOAP-ENC:arrayType=\"xsd:ur-type[5]\" xsi:type=\"SOAP-ENC:Array\">"
        "<item xsi:type=\"xsd:string\">100000004</item><item xsi:type=\"ns2:Map\"><item>"
        "<key xsi:type=\"xsd:int\">4</key><value xsi:type=\"xsd:int\">2</value></item></item>"
        "<item xsi:type=\"xsd:string\">partial invoice comment</item>"
        "<item xsi:type=\"xsd:boolean\">true</item><item xsi:type=\"xsd:boolean\">true</item>"
        "</args></ns1:call>" ENV11_CLOSE;

    CHECK_EQ_INT(decode(xml, &rq, &f), 0);
    CHECK_EQ_INT(rq.op, V1_CALL);
    CHECK_EQ_INT(rq.nparams, 3);
    CHECK_EQ_INT(rq.soap12, 0);
    CHECK_EQ_STR(s(rq.params[0]), "d2f2ced28ff6dfab6b2b098d0666cc1a");
    CHECK_EQ_STR(s(rq.params[1]), "sales_order_invoice.create");
    const struct val *args = rq.params[2];
    CHECK(args && args->t == VAL_LIST && args->u.list.n == 5);
    if (!args || args->t != VAL_LIST || args->u.list.n != 5)
        return;
    CHECK_EQ_STR(s(args->u.list.items[0]), "100000004");
    const struct val *m = args->u.list.items[1];
    CHECK(m->t == VAL_MAP && m->u.map.n == 1);
    CHECK_EQ_STR(m->u.map.kv[0].key, "4");
    CHECK(m->u.map.kv[0].v->t == VAL_INT && m->u.map.kv[0].v->u.i == 2);
    CHECK(args->u.list.items[3]->t == VAL_BOOL && args->u.list.items[3]->u.b == 1);
}

/* by name: a missing part is NULL and every part is passed */
static void test_decode_by_name_missing_args(void)
{
    struct v1_request rq;
    struct md_fault f;
    const char *xml = ENV11_OPEN "<ns1:call><sessionId>abc</sessionId>"
                                 "<resourcePath>sales_order_invoice.list</resourcePath>"
                                 "</ns1:call>" ENV11_CLOSE;

    CHECK_EQ_INT(decode(xml, &rq, &f), 0);
    CHECK_EQ_INT(rq.nparams, 3);
    CHECK(rq.params[2] && rq.params[2]->t == VAL_NULL);
    CHECK_EQ_STR(s(rq.params[0]), "abc");
}

/* xsi:nil args as PHP's SoapClient sends for call($sid, $path) */
static void test_decode_nil(void)
{
    struct v1_request rq;
    struct md_fault f;
    const char *xml = ENV11_OPEN "<ns1:call><sessionId xsi:type=\"xsd:string\">a</sessionId>"
                                 "<resourcePath xsi:type=\"xsd:string\">x.y</resourcePath>"
                                 "<args xsi:nil=\"true\"/></ns1:call>" ENV11_CLOSE;

    CHECK_EQ_INT(decode(xml, &rq, &f), 0);
    CHECK(rq.params[2] && rq.params[2]->t == VAL_NULL);
}

/* SOAP::Lite without a WSDL: c-gensym names, default namespace, typed
 * scalars, soapenc prefix -> bound by position */
static void test_decode_soaplite_positional(void)
{
    struct v1_request rq;
    struct md_fault f;
    const char *xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soap:Envelope "
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
        "xmlns:soapenc=\"http://schemas.xmlsoap.org/soap/encoding/\" "
        "xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" "
        "soap:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\" "
        "xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
        "<call xmlns=\"urn:Magento\"><c-gensym3 xsi:type=\"xsd:string\">sid</c-gensym3>"
        "<c-gensym5 xsi:type=\"xsd:string\">sales_order_invoice.info</c-gensym5>"
        "<c-gensym7 soapenc:arrayType=\"xsd:int[1]\" xsi:type=\"soapenc:Array\">"
        "<item xsi:type=\"xsd:int\">100000001</item></c-gensym7></call></soap:Body></soap:Envelope>";

    CHECK_EQ_INT(decode(xml, &rq, &f), 0);
    CHECK_EQ_INT(rq.op, V1_CALL);
    CHECK_EQ_INT(rq.nparams, 3);
    CHECK_EQ_STR(s(rq.params[1]), "sales_order_invoice.info");
    CHECK(rq.params[2]->t == VAL_LIST && rq.params[2]->u.list.n == 1 &&
          rq.params[2]->u.list.items[0]->t == VAL_INT &&
          rq.params[2]->u.list.items[0]->u.i == 100000001);
}

/* two positional parts only: call($sid, $path) leaves args to its default */
static void test_decode_positional_short(void)
{
    struct v1_request rq;
    struct md_fault f;
    const char *xml = ENV11_OPEN "<ns1:call><a>sid</a><b>sales_order_invoice.list</b>"
                                 "</ns1:call>" ENV11_CLOSE;

    CHECK_EQ_INT(decode(xml, &rq, &f), 0);
    CHECK_EQ_INT(rq.nparams, 2);
}

static void test_decode_too_many_positional(void)
{
    struct v1_request rq;
    struct md_fault f;
    const char *xml = ENV11_OPEN "<ns1:login><a>u</a><b>k</b><c>x</c></ns1:login>" ENV11_CLOSE;

    CHECK_EQ_INT(decode(xml, &rq, &f), -1);
    CHECK_EQ_INT(f.code, MD_FAULT_CLIENT);
    CHECK_EQ_STR(f.msg, "Error cannot find parameter");
}

/* resourceFaults' parts come in WSDL order: resourceName, sessionId */
static void test_decode_resource_faults_order(void)
{
    struct v1_request rq;
    struct md_fault f;
    const char *xml = ENV11_OPEN "<ns1:resourceFaults><resourceName xsi:type=\"xsd:string\">SID"
                                 "</resourceName><sessionId xsi:type=\"xsd:string\">"
                                 "sales_order_invoice</sessionId></ns1:resourceFaults>" ENV11_CLOSE;

    CHECK_EQ_INT(decode(xml, &rq, &f), 0);
    CHECK_EQ_INT(rq.op, V1_RESOURCE_FAULTS);
    CHECK_EQ_STR(s(rq.params[0]), "SID");
    CHECK_EQ_STR(s(rq.params[1]), "sales_order_invoice");
}

/* ns2:Map under another prefix (magja's SOAP-XML), nested maps, keyed args */
static void test_decode_map_any_prefix(void)
{
    struct v1_request rq;
    struct md_fault f;
    const char *xml =
        "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\" "
        "xmlns:SOAP-ENC=\"http://schemas.xmlsoap.org/soap/encoding/\" "
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
        "xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" "
        "xmlns:SOAP-XML=\"http://xml.apache.org/xml-soap\"><SOAP-ENV:Body>"
        "<mag:call xmlns:mag=\"urn:Magento\"><sessionId>s</sessionId>"
        "<resourcePath>sales_order.list</resourcePath>"
        "<args SOAP-ENC:arrayType=\"xsd:ur-type[1]\" xsi:type=\"SOAP-ENC:Array\">"
        "<item xsi:type=\"SOAP-XML:Map\"><item><key xsi:type=\"xsd:string\">increment_id</key>"
        "<value xsi:type=\"SOAP-XML:Map\"><item><key xsi:type=\"xsd:string\">eq</key>"
        "<value xsi:type=\"xsd:string\">100000002</value></item></value></item></item></args>"
        "</mag:call></SOAP-ENV:Body></SOAP-ENV:Envelope>";

    CHECK_EQ_INT(decode(xml, &rq, &f), 0);
    const struct val *m = rq.params[2]->u.list.items[0];
    CHECK(m->t == VAL_MAP);
    const struct val *cond = val_map_get(m, "increment_id");
    CHECK(cond && cond->t == VAL_MAP);
    CHECK_EQ_STR(s(val_map_get(cond, "eq")), "100000002");
}

/* Axis-style multi-reference values: href="#id" to top-level multiRef
 * elements, nested and in any order, even for scalars */
static void test_decode_href(void)
{
    struct v1_request rq;
    struct md_fault f;
    const char *xml =
        "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" "
        "xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" "
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><soapenv:Body>"
        "<ns1:call soapenv:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\" "
        "xmlns:ns1=\"urn:Magento\"><sessionId href=\"#id9\"/>"
        "<resourcePath xsi:type=\"xsd:string\">sales_order_invoice.create</resourcePath>"
        "<args href=\"#id0\"/></ns1:call>"
        "<multiRef id=\"id1\" soapenc:root=\"0\" "
        "xmlns:soapenc=\"http://schemas.xmlsoap.org/soap/encoding/\" "
        "xsi:type=\"ns2:Map\" xmlns:ns2=\"http://xml.apache.org/xml-soap\"><item>"
        "<key xsi:type=\"xsd:int\">15</key><value href=\"#id2\"/></item></multiRef>"
        "<multiRef id=\"id0\" soapenc:root=\"0\" "
        "xmlns:soapenc=\"http://schemas.xmlsoap.org/soap/encoding/\" "
        "soapenc:arrayType=\"xsd:anyType[2]\" xsi:type=\"soapenc:Array\">"
        "<args xsi:type=\"xsd:string\">200000008</args><args href=\"#id1\"/></multiRef>"
        "<multiRef id=\"id2\" xsi:type=\"xsd:double\">2.5</multiRef>"
        "<multiRef id=\"id9\" xsi:type=\"xsd:string\">SID</multiRef>"
        "</soapenv:Body></soapenv:Envelope>";

    CHECK_EQ_INT(decode(xml, &rq, &f), 0);
    CHECK_EQ_STR(s(rq.params[0]), "SID");
    const struct val *args = rq.params[2];
    CHECK(args && args->t == VAL_LIST && args->u.list.n == 2);
    if (!args || args->t != VAL_LIST || args->u.list.n != 2)
        return;
    CHECK_EQ_STR(s(args->u.list.items[0]), "200000008");
    const struct val *q = val_map_get(args->u.list.items[1], "15");
    CHECK(q && q->t == VAL_DOUBLE && q->u.d == 2.5);
}

static void test_decode_href_unresolved_and_cycle(void)
{
    struct v1_request rq;
    struct md_fault f;
    const char *bad = ENV11_OPEN "<ns1:call><sessionId href=\"#nope\"/></ns1:call>" ENV11_CLOSE;
    const char *cyc = ENV11_OPEN "<ns1:call><sessionId>s</sessionId><resourcePath>a.b"
                                 "</resourcePath><args href=\"#x\"/></ns1:call>"
                                 "<m id=\"x\" xsi:type=\"SOAP-ENC:Array\"><item href=\"#x\"/></m>"
                                 ENV11_CLOSE;

    CHECK_EQ_INT(decode(bad, &rq, &f), -1);
    CHECK_EQ_INT(f.code, MD_FAULT_SERVER);
    CHECK_EQ_STR(f.msg, "SOAP-ERROR: Encoding: Unresolved reference");
    CHECK_EQ_INT(decode(cyc, &rq, &f), -1);
    CHECK_EQ_INT(f.code, MD_FAULT_CLIENT); /* stopped by the depth limit */
}

/* an href fan-out (each level referencing the next many times) is capped */
static void test_decode_href_fanout(void)
{
    struct v1_request rq;
    struct md_fault f;
    struct codec_limits small = {64, 10000, 1 << 20, 5000};
    char xml[16384];
    size_t n = 0;

    n += (size_t)snprintf(xml + n, sizeof xml - n, "%s<ns1:call><sessionId>s</sessionId>"
                          "<resourcePath>a.b</resourcePath><args href=\"#l0\"/></ns1:call>",
                          ENV11_OPEN);
    for (int lvl = 0; lvl < 12; lvl++) {
        n += (size_t)snprintf(xml + n, sizeof xml - n, "<m id=\"l%d\" xsi:type=\"SOAP-ENC:Array\">",
                              lvl);
        for (int k = 0; k < 8; k++)
            n += (size_t)snprintf(xml + n, sizeof xml - n, "<item href=\"#l%d\"/>", lvl + 1);
        n += (size_t)snprintf(xml + n, sizeof xml - n, "</m>");
    }
    n += (size_t)snprintf(xml + n, sizeof xml - n, "<m id=\"l12\">x</m>%s", ENV11_CLOSE);
    CHECK_EQ_INT(v1_decode(&A, &small, xml, n, &rq, &f), -1);
    CHECK_EQ_INT(f.code, MD_FAULT_CLIENT);
}

/* an untyped element with children is a struct (SOAP::Lite's hashes) */
static void test_decode_untyped_struct(void)
{
    struct v1_request rq;
    struct md_fault f;
    const char *xml = ENV11_OPEN "<ns1:call><sessionId>s</sessionId><resourcePath>a.b"
                                 "</resourcePath><args xsi:type=\"namesp1:SOAPStruct\" "
                                 "xmlns:namesp1=\"http://namespaces.soaplite.com/perl\">"
                                 "<invoiceIncrementId xsi:type=\"xsd:int\">200000006</invoiceIncrementId>"
                                 "<comment xsi:type=\"xsd:string\">hi</comment></args>"
                                 "</ns1:call>" ENV11_CLOSE;

    CHECK_EQ_INT(decode(xml, &rq, &f), 0);
    const struct val *m = rq.params[2];
    CHECK(m->t == VAL_MAP && m->u.map.n == 2);
    CHECK_EQ_STR(m->u.map.kv[0].key, "invoiceIncrementId");
    CHECK_EQ_STR(s(val_map_get(m, "comment")), "hi");
}

/* scalars: untyped items take the arrayType's item type; whitespace in
 * numbers; booleans; base64; hexBinary; empty typed numbers are NULL */
static void test_decode_scalars(void)
{
    struct v1_request rq;
    struct md_fault f;
    const char *xml =
        ENV11_OPEN "<ns1:call><sessionId>s</sessionId><resourcePath>a.b</resourcePath>"
        "<args SOAP-ENC:arrayType=\"xsd:int[2]\" xsi:type=\"SOAP-ENC:Array\"><i> 7 </i>"
        "<i xsi:type=\"xsd:boolean\">false</i><i xsi:type=\"xsd:base64Binary\">aGk=</i>"
        "<i xsi:type=\"xsd:hexBinary\">6869</i><i xsi:type=\"xsd:double\"/>"
        "<i xsi:type=\"xsd:string\"></i><i xsi:type=\"xsd:long\">99999999999999999999</i>"
        "</args></ns1:call>" ENV11_CLOSE;

    CHECK_EQ_INT(decode(xml, &rq, &f), 0);
    const struct val *l = rq.params[2];
    CHECK(l->t == VAL_LIST && l->u.list.n == 7);
    if (l->t != VAL_LIST || l->u.list.n != 7)
        return;
    CHECK(l->u.list.items[0]->t == VAL_INT && l->u.list.items[0]->u.i == 7);
    CHECK(l->u.list.items[1]->t == VAL_BOOL && l->u.list.items[1]->u.b == 0);
    CHECK_EQ_STR(s(l->u.list.items[2]), "hi");
    CHECK_EQ_STR(s(l->u.list.items[3]), "hi");
    CHECK(l->u.list.items[4]->t == VAL_NULL);
    CHECK_EQ_STR(s(l->u.list.items[5]), "");
    CHECK(l->u.list.items[6]->t == VAL_DOUBLE);
}

/* SOAP-ENC offset/position: keys and order as PHP 8's SoapServer var_dumps
 * them for the same args (php-soap, WSDL-less, recorded by hand). */
static const char *keys_of(const struct val *v)
{
    static char out[256];
    size_t n = 0;

    out[0] = '\0';
    if (!v)
        return "(null)";
    if (v->t == VAL_LIST) {
        for (size_t i = 0; i < v->u.list.n && n < sizeof out - 32; i++)
            n += (size_t)snprintf(out + n, sizeof out - n, "%s%zu=%s", i ? " " : "", i,
                                  s(v->u.list.items[i]));
        return out;
    }
    if (v->t != VAL_MAP)
        return "(not an array)";
    for (size_t i = 0; i < v->u.map.n && n < sizeof out - 32; i++)
        n += (size_t)snprintf(out + n, sizeof out - n, "%s%s=%s", i ? " " : "",
                              v->u.map.kv[i].key, s(v->u.map.kv[i].v));
    return out;
}

static const char *sparse(const char *arr_attrs, const char *items)
{
    static char xml[2048];
    struct v1_request rq;
    struct md_fault f;

    snprintf(xml, sizeof xml,
             ENV11_OPEN "<ns1:call><sessionId>s</sessionId><resourcePath>p</resourcePath>"
                        "<args %s>%s</args></ns1:call>" ENV11_CLOSE,
             arr_attrs, items);
    if (decode(xml, &rq, &f))
        return "(fault)";
    return keys_of(rq.params[2]);
}

static void test_decode_sparse_arrays(void)
{
#define ARR "xsi:type=\"SOAP-ENC:Array\" SOAP-ENC:arrayType=\"xsd:string[6]\" "
    /* offset: items from index 2 on */
    CHECK_EQ_STR(sparse(ARR "SOAP-ENC:offset=\"[2]\"", "<item>a</item><item>b</item>"),
                 "2=a 3=b");
    /* position jumps, the next item follows the last position */
    CHECK_EQ_STR(sparse(ARR, "<item SOAP-ENC:position=\"[5]\">a</item>"
                             "<item SOAP-ENC:position=\"[1]\">b</item><item>c</item>"),
                 "5=a 1=b 2=c");
    CHECK_EQ_STR(sparse(ARR "SOAP-ENC:offset=\"[2]\"",
                        "<item>a</item><item SOAP-ENC:position=\"[0]\">b</item><item>c</item>"),
                 "2=a 0=b 1=c");
    /* PHP's digit scan: spaces and '-' skipped; a repeated index keeps its place */
    CHECK_EQ_STR(sparse(ARR, "<item SOAP-ENC:position=\"[ 2 ]\">a</item>"
                             "<item SOAP-ENC:position=\"[-1]\">b</item><item>c</item>"),
                 "2=c 1=b");
    /* unqualified attributes, no brackets, the last '[' of "[1][2]", ',' ends */
    CHECK_EQ_STR(sparse("xsi:type=\"SOAP-ENC:Array\" offset=\"[3]\"",
                        "<item>a</item><item position=\"[0]\">b</item>"),
                 "3=a 0=b");
    CHECK_EQ_STR(sparse("xsi:type=\"SOAP-ENC:Array\" SOAP-ENC:offset=\"4\"",
                        "<item>a</item><item SOAP-ENC:position=\"1]\">b</item>"),
                 "4=a 1=b");
    CHECK_EQ_STR(sparse("xsi:type=\"SOAP-ENC:Array\"",
                        "<item SOAP-ENC:position=\"[1][2]\">a</item>"
                        "<item SOAP-ENC:position=\"[9,3]\">b</item>"),
                 "2=a 9=b");
    /* a non-numeric offset is 0: a plain list */
    CHECK_EQ_STR(sparse(ARR "SOAP-ENC:offset=\"[x]\"", "<item>a</item><item>b</item>"),
                 "0=a 1=b");
    CHECK(sparse(ARR "SOAP-ENC:offset=\"[0]\"", "<item>a</item>")[0] == '0');
#undef ARR
}

static void test_decode_encoding_violation(void)
{
    struct v1_request rq;
    struct md_fault f;
    const char *xml = ENV11_OPEN "<ns1:call><sessionId xsi:type=\"xsd:int\">abc</sessionId>"
                                 "</ns1:call>" ENV11_CLOSE;

    CHECK_EQ_INT(decode(xml, &rq, &f), -1);
    CHECK_EQ_INT(f.code, MD_FAULT_SERVER);
    CHECK_EQ_STR(f.msg, "SOAP-ERROR: Encoding: Violation of encoding rules");
}

static void test_decode_soap12(void)
{
    struct v1_request rq;
    struct md_fault f;
    const char *xml =
        "<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\" "
        "xmlns:enc=\"http://www.w3.org/2003/05/soap-encoding\" "
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
        "xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\"><env:Body>"
        "<ns1:multiCall xmlns:ns1=\"urn:Magento\"><sessionId>s</sessionId>"
        "<calls enc:itemType=\"xsd:anyType\" enc:arraySize=\"1\"><item enc:ref=\"c1\"/></calls>"
        "</ns1:multiCall><c enc:id=\"c1\" enc:itemType=\"xsd:string\" enc:arraySize=\"2\">"
        "<item>sales_order_invoice.info</item><item>1</item></c></env:Body></env:Envelope>";

    CHECK_EQ_INT(decode(xml, &rq, &f), 0);
    CHECK_EQ_INT(rq.soap12, 1);
    CHECK_EQ_INT(rq.op, V1_MULTICALL);
    CHECK(rq.params[2]->t == VAL_NULL); /* options absent, bound by name */
    const struct val *calls = rq.params[1];
    CHECK(calls->t == VAL_LIST && calls->u.list.n == 1 &&
          calls->u.list.items[0]->t == VAL_LIST && calls->u.list.items[0]->u.list.n == 2);
}

static void test_decode_errors(void)
{
    struct v1_request rq;
    struct md_fault f;

    CHECK_EQ_INT(decode("<not xml", &rq, &f), -1);
    CHECK_EQ_INT(f.code, MD_FAULT_CLIENT);
    CHECK(strncmp(f.msg, "Bad Request: ", 13) == 0);
    CHECK_EQ_INT(decode(ENV11_OPEN "<ns1:frobnicate/>" ENV11_CLOSE, &rq, &f), -1);
    CHECK_EQ_INT(f.code, MD_FAULT_SERVER);
    CHECK_EQ_STR(f.msg, "Procedure 'frobnicate' not present");
    CHECK_EQ_INT(decode("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"b\">]><x>&a;</x>", &rq,
                        &f),
                 -1);
    CHECK_EQ_INT(f.code, MD_FAULT_CLIENT);
    CHECK_EQ_INT(decode(ENV11_OPEN ENV11_CLOSE, &rq, &f), -1);
    CHECK_EQ_INT(f.code, MD_FAULT_CLIENT);
    /* operation names are matched case-insensitively, as ext/soap does */
    CHECK_EQ_INT(decode(ENV11_OPEN "<ns1:LOGIN><a>u</a></ns1:LOGIN>" ENV11_CLOSE, &rq, &f), 0);
    CHECK_EQ_INT(rq.op, V1_LOGIN);
}

static void test_decode_limits(void)
{
    struct v1_request rq;
    struct md_fault f;
    struct codec_limits lim = {10, 3, 10, 100000};
    const char *deep = ENV11_OPEN "<ns1:call><a>s</a><b>x.y</b><c><d><e><f><g><h><i><j><k>1"
                                  "</k></j></i></h></g></f></e></d></c></ns1:call>" ENV11_CLOSE;
    const char *wide = ENV11_OPEN "<ns1:call><a>s</a><b>x.y</b><c xsi:type=\"SOAP-ENC:Array\">"
                                  "<i>1</i><i>2</i><i>3</i><i>4</i></c></ns1:call>" ENV11_CLOSE;
    const char *longs = ENV11_OPEN "<ns1:login><a>0123456789abc</a></ns1:login>" ENV11_CLOSE;

    CHECK_EQ_INT(v1_decode(&A, &lim, deep, strlen(deep), &rq, &f), -1);
    CHECK_EQ_INT(f.code, MD_FAULT_CLIENT);
    CHECK_EQ_INT(v1_decode(&A, &lim, wide, strlen(wide), &rq, &f), -1);
    CHECK_EQ_INT(f.code, MD_FAULT_CLIENT);
    CHECK_EQ_INT(v1_decode(&A, &lim, longs, strlen(longs), &rq, &f), -1);
    CHECK_EQ_INT(f.code, MD_FAULT_CLIENT);
}

/* ---- encoding -------------------------------------------------------------- */

#define RESP_OPEN                                                                          \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<SOAP-ENV:Envelope "                     \
    "xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:ns1=\"urn:OpenMage\""
#define NS_XSD " xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\""
#define NS_XSI " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
#define NS_ENC " xmlns:SOAP-ENC=\"http://schemas.xmlsoap.org/soap/encoding/\""
#define NS_NS2 " xmlns:ns2=\"http://xml.apache.org/xml-soap\""
#define ENC_STYLE                                                                          \
    " SOAP-ENV:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\"><SOAP-ENV:Body>"
#define RESP_CLOSE "</SOAP-ENV:Body></SOAP-ENV:Envelope>\n"

static const char *encode(int intcols, enum v1_op op, const struct val *v)
{
    static struct buf b;
    struct v1_enc e = {0, "urn:OpenMage", intcols};

    buf_free(&b);
    buf_init(&b, 0);
    if (v1_encode_response(&b, &e, op, v))
        return "(encode failed)";
    return buf_cstr(&b);
}

/* captures/v1-login-ok.resp.xml */
static void test_encode_login(void)
{
    CHECK_EQ_STR(encode(1, V1_LOGIN, val_str(&A, "d2f2ced28ff6dfab6b2b098d0666cc1a")),
                 RESP_OPEN NS_XSD NS_XSI NS_ENC ENC_STYLE
                 "<ns1:loginResponse><loginReturn xsi:type=\"xsd:string\">"
                 "d2f2ced28ff6dfab6b2b098d0666cc1a</loginReturn></ns1:loginResponse>" RESP_CLOSE);
}

/* captures/v1-endSession.resp.xml, v1-capture-ok.resp.xml, v1-create-ok.resp.xml */
static void test_encode_scalars(void)
{
    CHECK_EQ_STR(encode(1, V1_END_SESSION, val_bool(&A, 1)),
                 RESP_OPEN NS_XSD NS_XSI NS_ENC ENC_STYLE
                 "<ns1:endSessionResponse><endSessionReturn xsi:type=\"xsd:boolean\">true"
                 "</endSessionReturn></ns1:endSessionResponse>" RESP_CLOSE);
    CHECK_EQ_STR(encode(1, V1_CALL, val_bool(&A, 1)),
                 RESP_OPEN NS_XSD NS_XSI NS_ENC ENC_STYLE
                 "<ns1:callResponse><callReturn xsi:type=\"xsd:boolean\">true</callReturn>"
                 "</ns1:callResponse>" RESP_CLOSE);
    CHECK_EQ_STR(encode(1, V1_CALL, val_str(&A, "100000001")),
                 RESP_OPEN NS_XSD NS_XSI NS_ENC ENC_STYLE
                 "<ns1:callResponse><callReturn xsi:type=\"xsd:string\">100000001</callReturn>"
                 "</ns1:callResponse>" RESP_CLOSE);
}

static struct val *list_row(void)
{
    struct val *m = val_map(&A);
    val_map_push(&A, m, "order_id", val_int(&A, 4));
    val_map_push(&A, m, "increment_id", val_str(&A, "100000002"));
    val_map_push(&A, m, "created_at", val_str(&A, "2026-11-21 10:33:48"));
    val_map_push(&A, m, "state", val_int(&A, 2));
    val_map_push(&A, m, "grand_total", val_dec(&A, 450000));
    val_map_push(&A, m, "order_currency_code", val_str(&A, "USD"));
    val_map_push(&A, m, "invoice_id", val_int(&A, 2));
    return m;
}

#define LIST_FILTER_BODY(INT)                                                                   \
    "<ns1:callResponse><callReturn SOAP-ENC:arrayType=\"ns2:Map[1]\" "                          \
    "xsi:type=\"SOAP-ENC:Array\"><item xsi:type=\"ns2:Map\"><item><key "                       \
    "xsi:type=\"xsd:string\">order_id</key><value xsi:type=\"" INT "\">4</value></item><item>" \
    "<key xsi:type=\"xsd:string\">increment_id</key><value xsi:type=\"xsd:string\">100000002"  \
    "</value></item><item><key xsi:type=\"xsd:string\">created_at</key><value "                \
    "xsi:type=\"xsd:string\">2026-11-21 10:33:48</value></item><item><key "                    \
    "xsi:type=\"xsd:string\">state</key><value xsi:type=\"" INT "\">2</value></item><item>"    \
    "<key xsi:type=\"xsd:string\">grand_total</key><value xsi:type=\"xsd:string\">45.0000"     \
    "</value></item><item><key xsi:type=\"xsd:string\">order_currency_code</key><value "       \
    "xsi:type=\"xsd:string\">USD</value></item><item><key xsi:type=\"xsd:string\">invoice_id"  \
    "</key><value xsi:type=\"" INT "\">2</value></item></item></callReturn>"                    \
    "</ns1:callResponse>"

/* captures/v1-list-filter.resp.xml (openmage), and the magento1 typing */
static void test_encode_list(void)
{
    struct val *l = val_list(&A);
    val_list_push(&A, l, list_row());
    CHECK_EQ_STR(encode(1, V1_CALL, l), RESP_OPEN NS_NS2 NS_ENC NS_XSI NS_XSD ENC_STYLE
                 LIST_FILTER_BODY("xsd:int") RESP_CLOSE);
    CHECK_EQ_STR(encode(0, V1_CALL, l), RESP_OPEN NS_NS2 NS_ENC NS_XSI NS_XSD ENC_STYLE
                 LIST_FILTER_BODY("xsd:string") RESP_CLOSE);
}

static void test_encode_empty_list_and_nulls(void)
{
    struct val *m = val_map(&A);

    CHECK_EQ_STR(encode(1, V1_CALL, val_list(&A)),
                 RESP_OPEN NS_ENC NS_XSD NS_XSI ENC_STYLE
                 "<ns1:callResponse><callReturn SOAP-ENC:arrayType=\"xsd:ur-type[0]\" "
                 "xsi:type=\"SOAP-ENC:Array\"/></ns1:callResponse>" RESP_CLOSE);
    /* map key order, NULL, empty string, empty nested list, escaping */
    val_map_push(&A, m, "transaction_id", val_null(&A));
    val_map_push(&A, m, "comment", val_str(&A, "a<b&\x01"));
    val_map_push(&A, m, "e", val_str(&A, ""));
    val_map_push(&A, m, "comments", val_list(&A));
    CHECK_EQ_STR(encode(0, V1_CALL, m),
                 RESP_OPEN NS_XSI NS_XSD NS_ENC NS_NS2 ENC_STYLE
                 "<ns1:callResponse><callReturn xsi:type=\"ns2:Map\"><item><key "
                 "xsi:type=\"xsd:string\">transaction_id</key><value xsi:nil=\"true\"/></item>"
                 "<item><key xsi:type=\"xsd:string\">comment</key><value xsi:type=\"xsd:string\">"
                 "a&lt;b&amp;&amp;#1;</value></item><item><key xsi:type=\"xsd:string\">e</key>"
                 "<value xsi:type=\"xsd:string\"></value></item><item><key "
                 "xsi:type=\"xsd:string\">comments</key><value "
                 "SOAP-ENC:arrayType=\"xsd:ur-type[0]\" xsi:type=\"SOAP-ENC:Array\"/></item>"
                 "</callReturn></ns1:callResponse>" RESP_CLOSE);
}

/* fact base §8.2: a multiCall answer with a fault entry */
static void test_encode_multicall(void)
{
    struct val *l = val_list(&A), *fm = val_map(&A);

    val_list_push(&A, l, val_str(&A, "100000003"));
    val_list_push(&A, l, val_bool(&A, 1));
    val_map_push(&A, fm, "isFault", val_bool(&A, 1));
    val_map_push(&A, fm, "faultCode", val_str(&A, "100"));
    val_map_push(&A, fm, "faultMessage", val_str(&A, "Requested invoice does not exist."));
    val_list_push(&A, l, fm);
    CHECK_EQ_STR(encode(1, V1_MULTICALL, l),
                 RESP_OPEN NS_XSD NS_ENC NS_XSI NS_NS2 ENC_STYLE
                 "<ns1:multiCallResponse><multiCallReturn SOAP-ENC:arrayType=\"xsd:ur-type[3]\" "
                 "xsi:type=\"ns1:FixedArray\"><item xsi:type=\"xsd:string\">100000003</item>"
                 "<item xsi:type=\"xsd:boolean\">true</item><item xsi:type=\"ns2:Map\"><item>"
                 "<key xsi:type=\"xsd:string\">isFault</key><value xsi:type=\"xsd:boolean\">true"
                 "</value></item><item><key xsi:type=\"xsd:string\">faultCode</key><value "
                 "xsi:type=\"xsd:string\">100</value></item><item><key xsi:type=\"xsd:string\">"
                 "faultMessage</key><value xsi:type=\"xsd:string\">Requested invoice does not "
                 "exist.</value></item></item></multiCallReturn></ns1:multiCallResponse>"
                 RESP_CLOSE);
}

/* resources: nested lists of strings are xsd:string arrays */
static void test_encode_string_list(void)
{
    struct val *l = val_list(&A), *m = val_map(&A), *al = val_list(&A);

    val_list_push(&A, al, val_str(&A, "order_invoice"));
    val_map_push(&A, m, "aliases", al);
    val_list_push(&A, l, m);
    CHECK_EQ_STR(encode(0, V1_RESOURCES, l),
                 RESP_OPEN NS_XSD NS_ENC NS_XSI NS_NS2 ENC_STYLE
                 "<ns1:resourcesResponse><resourcesReturn SOAP-ENC:arrayType=\"xsd:ur-type[1]\" "
                 "xsi:type=\"ns1:FixedArray\"><item xsi:type=\"ns2:Map\"><item><key "
                 "xsi:type=\"xsd:string\">aliases</key><value SOAP-ENC:arrayType=\"xsd:string[1]\" "
                 "xsi:type=\"SOAP-ENC:Array\"><item xsi:type=\"xsd:string\">order_invoice</item>"
                 "</value></item></item></resourcesReturn></ns1:resourcesResponse>" RESP_CLOSE);
}

/* integer-like keys are PHP int keys */
static void test_encode_int_keys(void)
{
    struct val *m = val_map(&A);

    val_map_push(&A, m, "15", val_str(&A, "1"));
    val_map_push(&A, m, "015", val_str(&A, "1"));
    const char *got = encode(0, V1_CALL, m);
    CHECK(strstr(got, "<key xsi:type=\"xsd:int\">15</key>") != NULL);
    CHECK(strstr(got, "<key xsi:type=\"xsd:string\">015</key>") != NULL);
}

static void test_encode_soap12(void)
{
    static struct buf b;
    struct v1_enc e = {1, "urn:Magento", 0};
    struct val *l = val_list(&A);

    buf_init(&b, 0);
    CHECK_EQ_INT(v1_encode_response(&b, &e, V1_LOGIN, val_str(&A, "abc")), 0);
    CHECK_EQ_STR(buf_cstr(&b),
                 "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<env:Envelope "
                 "xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:ns1=\"urn:Magento\""
                 NS_XSD NS_XSI " xmlns:enc=\"http://www.w3.org/2003/05/soap-encoding\">"
                 "<env:Body xmlns:rpc=\"http://www.w3.org/2003/05/soap-rpc\"><ns1:loginResponse "
                 "env:encodingStyle=\"http://www.w3.org/2003/05/soap-encoding\"><rpc:result>"
                 "loginReturn</rpc:result><loginReturn xsi:type=\"xsd:string\">abc</loginReturn>"
                 "</ns1:loginResponse></env:Body></env:Envelope>\n");
    buf_reset(&b);
    CHECK_EQ_INT(v1_encode_response(&b, &e, V1_MULTICALL, l), 0);
    CHECK(strstr(buf_cstr(&b), "<multiCallReturn enc:itemType=\"xsd:anyType\" enc:arraySize=\"0\" "
                               "xsi:type=\"ns1:FixedArray\"/>") != NULL);
    /* an empty or mixed list in SOAP 1.2: itemType xsd:anyType, as PHP writes it */
    buf_reset(&b);
    CHECK_EQ_INT(v1_encode_response(&b, &e, V1_CALL, l), 0);
    CHECK(strstr(buf_cstr(&b), "<callReturn enc:itemType=\"xsd:anyType\" enc:arraySize=\"0\" "
                               "xsi:type=\"enc:Array\"/>") != NULL);
    buf_free(&b);
}

/* ---- WS-I call / multiCall (docs/wsi-call.md) ---------------------------- */

#define WSI_OPEN                                                                           \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<SOAP-ENV:Envelope "                     \
    "xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\" "                       \
    "xmlns:ns1=\"urn:Magento\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" "            \
    "xmlns:SOAP-ENC=\"http://schemas.xmlsoap.org/soap/encoding/\"><SOAP-ENV:Body>"
#define WSI_CALL(args)                                                                     \
    WSI_OPEN "<ns1:callParam><sessionId>sid</sessionId><apiPath>sales_order_invoice.info"  \
             "</apiPath>" args "</ns1:callParam>" ENV11_CLOSE

static struct val *wsi_args(const char *xml, struct md_fault *f)
{
    struct v1_request rq;

    if (v1_decode_wsi(&A, &LIM, xml, strlen(xml), V1_CALL, &rq, f))
        return NULL;
    CHECK_EQ_INT(rq.nparams, 3);
    CHECK_EQ_STR(s(rq.params[0]), "sid");
    CHECK_EQ_STR(s(rq.params[1]), "sales_order_invoice.info");
    return rq.params[2];
}

static void test_decode_wsi_literal(void)
{
    struct md_fault f;
    struct val *v;

    /* text: one scalar */
    v = wsi_args(WSI_CALL("<args>100000001</args>"), &f);
    CHECK_EQ_STR(s(v), "100000001");
    /* absent: NULL */
    v = wsi_args(WSI_CALL(""), &f);
    CHECK(v && v->t == VAL_NULL);
    /* complexObjectArray items: a list */
    v = wsi_args(WSI_CALL("<args><complexObjectArray>a</complexObjectArray>"
                          "<complexObjectArray>b</complexObjectArray></args>"),
                 &f);
    CHECK(v && v->t == VAL_LIST && v->u.list.n == 2);
    if (v && v->t == VAL_LIST && v->u.list.n == 2)
        CHECK_EQ_STR(s(v->u.list.items[1]), "b");
    /* key/value complexObjectArray items: a map */
    v = wsi_args(WSI_CALL("<args><complexObjectArray><key>invoiceIncrementId</key><value>7</value>"
                          "</complexObjectArray></args>"),
                 &f);
    CHECK(v && v->t == VAL_MAP);
    CHECK_EQ_STR(s(val_map_get(v, "invoiceIncrementId")), "7");
    /* PHP SoapClient's literal anyType: items named after their type, maps as <item>s */
    v = wsi_args(WSI_CALL("<args><xsd:anyType>200000008</xsd:anyType><xsd:anyType><item><key>16"
                          "</key><value>2</value></item></xsd:anyType><xsd:boolean>true"
                          "</xsd:boolean><xsd:int>5</xsd:int></args>"),
                 &f);
    CHECK(v && v->t == VAL_LIST && v->u.list.n == 4);
    if (v && v->t == VAL_LIST && v->u.list.n == 4) {
        CHECK_EQ_STR(s(v->u.list.items[0]), "200000008");
        CHECK(v->u.list.items[1]->t == VAL_MAP);
        CHECK_EQ_STR(s(val_map_get(v->u.list.items[1], "16")), "2");
        CHECK(v->u.list.items[2]->t == VAL_BOOL && v->u.list.items[2]->u.b);
        CHECK(v->u.list.items[3]->t == VAL_INT && v->u.list.items[3]->u.i == 5);
    }
    /* any other children: a struct by name */
    v = wsi_args(WSI_CALL("<args><invoiceIncrementId>9</invoiceIncrementId></args>"), &f);
    CHECK(v && v->t == VAL_MAP);
    CHECK_EQ_STR(s(val_map_get(v, "invoiceIncrementId")), "9");
    /* typed values are V1's */
    v = wsi_args(WSI_OPEN "<ns1:callParam xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
                          "<sessionId>sid</sessionId><apiPath>sales_order_invoice.info</apiPath>"
                          "<args SOAP-ENC:arrayType=\"xsd:string[1]\" xsi:type=\"SOAP-ENC:Array\">"
                          "<item xsi:type=\"xsd:string\">3</item></args></ns1:callParam>"
                          ENV11_CLOSE,
                 &f);
    CHECK(v && v->t == VAL_LIST && v->u.list.n == 1);
}

static void test_decode_wsi_multicall(void)
{
    struct v1_request rq;
    struct md_fault f;
    const char *xml =
        WSI_OPEN "<ns1:multiCallParam><sessionId>sid</sessionId><calls><SOAP-ENC:Array>"
                 "<xsd:string>sales_order.info</xsd:string><xsd:string>1</xsd:string>"
                 "</SOAP-ENC:Array><complexObjectArray>x</complexObjectArray></calls><options>"
                 "<item><key>break</key><value>1</value></item></options></ns1:multiCallParam>"
                 ENV11_CLOSE;

    /* type-named and other children mixed: a struct (by element name) */
    CHECK_EQ_INT(v1_decode_wsi(&A, &LIM, xml, strlen(xml), V1_MULTICALL, &rq, &f), 0);
    CHECK(rq.params[1]->t == VAL_MAP && val_map_get(rq.params[1], "complexObjectArray"));
    xml = WSI_OPEN "<ns1:multiCallParam><sessionId>sid</sessionId><calls><SOAP-ENC:Array>"
                   "<xsd:string>sales_order.info</xsd:string><xsd:string>1</xsd:string>"
                   "</SOAP-ENC:Array></calls><options><item><key>break</key><value>1</value></item>"
                   "</options></ns1:multiCallParam>" ENV11_CLOSE;
    CHECK_EQ_INT(v1_decode_wsi(&A, &LIM, xml, strlen(xml), V1_MULTICALL, &rq, &f), 0);
    CHECK_EQ_INT(rq.nparams, 3);
    CHECK(rq.params[1]->t == VAL_LIST && rq.params[1]->u.list.n == 1);
    if (rq.params[1]->t == VAL_LIST && rq.params[1]->u.list.n == 1) {
        const struct val *c = rq.params[1]->u.list.items[0];
        CHECK(c->t == VAL_LIST && c->u.list.n == 2);
    }
    CHECK_EQ_STR(s(val_map_get(rq.params[2], "break")), "1");
    /* another wrapper is not this operation's */
    xml = WSI_OPEN "<ns1:loginParam><username>a</username></ns1:loginParam>" ENV11_CLOSE;
    CHECK_EQ_INT(v1_decode_wsi(&A, &LIM, xml, strlen(xml), V1_MULTICALL, &rq, &f), -1);
    CHECK_EQ_STR(f.msg, "Procedure 'loginParam' not present");
}

/* <result> as V1's callReturn, the Envelope declaring only what it uses */
static void test_encode_wsi(void)
{
    struct buf b;
    struct v1_enc e = {.soap12 = 0, .ns = "urn:Magento", .intcols = 0};
    struct val *m = val_map(&A);

    buf_init(&b, 0);
    CHECK_EQ_INT(v1_encode_wsi_response(&b, &e, V1_CALL, val_str(&A, "100000001")), 0);
    CHECK_EQ_STR(buf_cstr(&b),
                 "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<SOAP-ENV:Envelope "
                 "xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\" "
                 "xmlns:ns1=\"urn:Magento\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" "
                 "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n<SOAP-ENV:Body>\n"
                 "<ns1:callResponseParam><result xsi:type=\"xsd:string\">100000001</result>\n"
                 "</ns1:callResponseParam>\n</SOAP-ENV:Body>\n</SOAP-ENV:Envelope>\n");
    buf_reset(&b);
    val_map_push(&A, m, "isFault", val_bool(&A, 1));
    val_map_push(&A, m, "faultCode", val_str(&A, "3"));
    struct val *l = val_list(&A);
    val_list_push(&A, l, m);
    CHECK_EQ_INT(v1_encode_wsi_response(&b, &e, V1_MULTICALL, l), 0);
    CHECK(strstr(buf_cstr(&b),
                 "<ns1:multiCallResponseParam><result SOAP-ENC:arrayType=\"ns2:Map[1]\" "
                 "xsi:type=\"SOAP-ENC:Array\"><item xsi:type=\"ns2:Map\"><item><key "
                 "xsi:type=\"xsd:string\">isFault</key><value xsi:type=\"xsd:boolean\">true</value>"
                 "</item><item><key xsi:type=\"xsd:string\">faultCode</key><value "
                 "xsi:type=\"xsd:string\">3</value></item></item></result>\n"
                 "</ns1:multiCallResponseParam>") != NULL);
    CHECK(strstr(buf_cstr(&b), "xmlns:ns2=\"http://xml.apache.org/xml-soap\"") != NULL);
    buf_free(&b);
}

int main(void)
{
    arena_init(&A, 0);
    T_RUN(test_decode_capture_create_partial);
    T_RUN(test_decode_by_name_missing_args);
    T_RUN(test_decode_nil);
    T_RUN(test_decode_soaplite_positional);
    T_RUN(test_decode_positional_short);
    T_RUN(test_decode_too_many_positional);
    T_RUN(test_decode_resource_faults_order);
    T_RUN(test_decode_map_any_prefix);
    T_RUN(test_decode_href);
    T_RUN(test_decode_href_unresolved_and_cycle);
    T_RUN(test_decode_href_fanout);
    T_RUN(test_decode_untyped_struct);
    T_RUN(test_decode_scalars);
    T_RUN(test_decode_sparse_arrays);
    T_RUN(test_decode_encoding_violation);
    T_RUN(test_decode_soap12);
    T_RUN(test_decode_errors);
    T_RUN(test_decode_limits);
    T_RUN(test_encode_login);
    T_RUN(test_encode_scalars);
    T_RUN(test_encode_list);
    T_RUN(test_encode_empty_list_and_nulls);
    T_RUN(test_encode_multicall);
    T_RUN(test_encode_string_list);
    T_RUN(test_encode_int_keys);
    T_RUN(test_encode_soap12);
    T_RUN(test_decode_wsi_literal);
    T_RUN(test_decode_wsi_multicall);
    T_RUN(test_encode_wsi);
    arena_free(&A);
    return t_done();
}
