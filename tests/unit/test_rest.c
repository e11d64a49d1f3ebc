/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Magento 2 REST request decoding (src/rpc/rest_body.c): routes, the bearer
 * header, Content-Type and JSON body checks, orderId, the token and
 * InvoiceOrder arguments with Magento's type rules and error bodies. */
#include <stdlib.h>
#include <string.h>

#include "magesoapd/dec.h"
#include "rpc/rest_int.h"
#include "t.h"

static struct arena arena;
static struct codec_limits lim = {64, 100, 1000, 100000};

/* The error body as JSON text (static buffer), "" when none. */
static const char *err_text(const struct rest_err *e)
{
    static char out[2048];
    char *s = e->body ? rest_dump(e->body) : NULL;
    snprintf(out, sizeof out, "%s", s ? s : "");
    free(s);
    return out;
}

static void routes(void)
{
    const char *seg = NULL;
    size_t n = 0;
    CHECK_EQ_INT(rest_route_match("/integration/admin/token", &seg, &n), REST_ROUTE_TOKEN);
    CHECK_EQ_INT(rest_route_match("/integration/admin/token/", &seg, &n), REST_ROUTE_TOKEN);
    CHECK_EQ_INT(rest_route_match("/integration/customer/token", &seg, &n), REST_ROUTE_NONE);
    CHECK_EQ_INT(rest_route_match("/order/5/invoice", &seg, &n), REST_ROUTE_INVOICE);
    CHECK_EQ_INT((long long)n, 1);
    CHECK(seg && !strncmp(seg, "5", n));
    CHECK_EQ_INT(rest_route_match("/order/123/invoice/", &seg, &n), REST_ROUTE_INVOICE);
    CHECK(n == 3 && !strncmp(seg, "123", 3));
    CHECK_EQ_INT(rest_route_match("/order//invoice", &seg, &n), REST_ROUTE_INVOICE);
    CHECK_EQ_INT((long long)n, 0);
    CHECK_EQ_INT(rest_route_match("/order/abc/invoice", &seg, &n), REST_ROUTE_INVOICE);
    CHECK_EQ_INT(rest_route_match("/order/1/2/invoice", &seg, &n), REST_ROUTE_NONE);
    CHECK_EQ_INT(rest_route_match("/order/1/invoices", &seg, &n), REST_ROUTE_NONE);
    CHECK_EQ_INT(rest_route_match("/order/invoice", &seg, &n), REST_ROUTE_NONE);
    CHECK_EQ_INT(rest_route_match("/orders/1/invoice", &seg, &n), REST_ROUTE_NONE);
    CHECK_EQ_INT(rest_route_match("/invoices", &seg, &n), REST_ROUTE_NONE);
    CHECK_EQ_INT(rest_route_match("/", &seg, &n), REST_ROUTE_NONE);
    CHECK_EQ_INT(rest_route_match("", &seg, &n), REST_ROUTE_NONE);
}

static void bearer(void)
{
    char out[64];
    CHECK_EQ_STR(rest_bearer("Bearer abc123", out, sizeof out), "abc123");
    CHECK_EQ_STR(rest_bearer("bearer abc123", out, sizeof out), "abc123");
    CHECK_EQ_STR(rest_bearer("BEARER abc123", out, sizeof out), "abc123");
    CHECK(rest_bearer(NULL, out, sizeof out) == NULL);
    CHECK(rest_bearer("", out, sizeof out) == NULL);
    CHECK(rest_bearer("Bearer", out, sizeof out) == NULL);
    CHECK(rest_bearer("Bearer ", out, sizeof out) == NULL);
    CHECK(rest_bearer("Bearer  abc", out, sizeof out) == NULL);
    CHECK(rest_bearer("Bearer abc def", out, sizeof out) == NULL);
    CHECK(rest_bearer("Basic abc", out, sizeof out) == NULL);
    CHECK(rest_bearer("OAuth abc", out, sizeof out) == NULL);
    CHECK(rest_bearer("Bearer 01234567890123456789012345678901234567890123456789012345678901234",
                      out, sizeof out) == NULL); /* longer than out */
}

static int decode(const char *ct, const char *body, json_t **root, struct rest_err *e)
{
    return rest_body_decode(ct, body, body ? strlen(body) : 0, root, e);
}

static void body_decoding(void)
{
    struct rest_err e = {0, NULL};
    json_t *root = NULL;
    CHECK_EQ_INT(decode(NULL, "", &root, &e), 0); /* no body: no header needed */
    CHECK(root == NULL);
    CHECK_EQ_INT(decode("application/json", "{\"a\":1}", &root, &e), 0);
    CHECK(json_is_object(root));
    json_decref(root);
    CHECK_EQ_INT(decode("application/json; charset=utf-8", "{}", &root, &e), 0);
    json_decref(root);
    CHECK_EQ_INT(decode("Application/JSON;charset=UTF-8", "{}", &root, &e), 0);
    json_decref(root);
    root = NULL;

    CHECK_EQ_INT(decode(NULL, "{}", &root, &e), -1);
    CHECK_EQ_INT(e.status, 400);
    CHECK_EQ_STR(err_text(&e), "{\"message\":\"Content-Type header is empty.\"}");
    CHECK_EQ_INT(decode("application/json; foo=bar", "{}", &root, &e), -1);
    CHECK_EQ_INT(e.status, 400);
    CHECK_EQ_STR(err_text(&e), "{\"message\":\"Content-Type header is invalid.\"}");
    CHECK_EQ_INT(decode("application/json; charset=iso-8859-1", "{}", &root, &e), -1);
    CHECK_EQ_INT(e.status, 400);
    CHECK_EQ_STR(err_text(&e), "{\"message\":\"UTF-8 is the only supported charset.\"}");
    CHECK_EQ_INT(decode("text/plain", "{}", &root, &e), -1);
    CHECK_EQ_INT(e.status, 415);
    CHECK_EQ_STR(err_text(&e), "{\"message\":\"Server cannot understand Content-Type HTTP header "
                               "media type text\\/plain\"}");
    CHECK_EQ_INT(decode("application/x-www-form-urlencoded", "a=1", &root, &e), -1);
    CHECK_EQ_INT(e.status, 415);
    CHECK_EQ_INT(decode("application/json", "{\"capture\": tru", &root, &e), -1);
    CHECK_EQ_INT(e.status, 400);
    CHECK_EQ_STR(err_text(&e), "{\"message\":\"Decoding error.\"}");
    CHECK_EQ_INT(decode("application/json", "not json", &root, &e), -1);
    CHECK_EQ_STR(err_text(&e), "{\"message\":\"Decoding error.\"}");
    CHECK_EQ_INT(decode("application/json", "\"a\\u0000b\"", &root, &e), -1); /* NUL refused */
    CHECK_EQ_INT(decode("application/json", "[1,2]", &root, &e), -1);
    CHECK_EQ_INT(e.status, 400);
    CHECK_EQ_STR(err_text(&e), "{\"message\":\"Decoding error: the request body must be a JSON "
                               "object.\"}");
    CHECK_EQ_INT(decode("application/json", "5", &root, &e), -1);
    CHECK_EQ_INT(e.status, 400);
    rest_err_clear(&e);
}

static void order_ids(void)
{
    struct rest_err e = {0, NULL};
    int64_t id = 0;
#define OID(s) rest_order_id(s, strlen(s), &id, &e)
    CHECK_EQ_INT(OID("5"), 0);
    CHECK_EQ_INT(id, 5);
    CHECK_EQ_INT(OID("0042"), 0);
    CHECK_EQ_INT(id, 42);
    CHECK_EQ_INT(OID("5.9"), 0);
    CHECK_EQ_INT(id, 5);
    CHECK_EQ_INT(OID("1e3"), 0);
    CHECK_EQ_INT(id, 1000);
    CHECK_EQ_INT(OID("-3"), 0);
    CHECK_EQ_INT(id, -3);
    CHECK_EQ_INT(OID("0"), 0);
    CHECK_EQ_INT(id, 0);
    CHECK_EQ_INT(OID("99999999999999999999"), 0);
    CHECK(id == INT64_MAX);
    CHECK_EQ_INT(OID("abc"), -1);
    CHECK_EQ_INT(e.status, 400);
    CHECK_EQ_STR(err_text(&e), "{\"message\":\"The \\\"abc\\\" value's type is invalid. The "
                               "\\\"int\\\" type was expected. Verify and try again.\"}");
    CHECK_EQ_INT(OID(""), -1);
    CHECK_EQ_STR(err_text(&e), "{\"message\":\"The \\\"\\\" value's type is invalid. The "
                               "\\\"int\\\" type was expected. Verify and try again.\"}");
    CHECK_EQ_INT(OID("12abc"), -1);
    CHECK_EQ_INT(OID("0x1A"), -1);
    CHECK_EQ_INT(OID("1e"), -1);
    CHECK_EQ_INT(OID("."), -1);
    CHECK_EQ_INT(OID("%FF%FE"), -1);
    CHECK_EQ_INT(OID("\xff\xfe"), -1); /* not UTF-8: still a valid JSON answer */
    CHECK(strstr(err_text(&e), "The \\\"??\\\" value") != NULL);
#undef OID
    rest_err_clear(&e);
}

static int token_args(const char *json, struct rest_token_args *out, struct rest_err *e)
{
    json_t *root = json ? json_loads(json, 0, NULL) : NULL;
    int rc = rest_token_args(&arena, root, out, e);
    json_decref(root);
    return rc;
}

static void token_arguments(void)
{
    struct rest_err e = {0, NULL};
    struct rest_token_args a;
    CHECK_EQ_INT(token_args("{\"username\": \"apiUser\", \"password\": \"apiKey\"}", &a, &e), 0);
    CHECK_EQ_STR(a.username, "apiUser");
    CHECK_EQ_STR(a.password, "apiKey");
    CHECK_EQ_INT(token_args("{\"username\": 123, \"password\": 4.5, \"x\": []}", &a, &e), 0);
    CHECK_EQ_STR(a.username, "123");
    CHECK_EQ_STR(a.password, "4.5");

    static const char both[] =
        "{\"message\":\"One or more input exceptions have occurred.\",\"errors\":["
        "{\"message\":\"\\\"%fieldName\\\" is required. Enter and try again.\","
        "\"parameters\":{\"fieldName\":\"username\"}},"
        "{\"message\":\"\\\"%fieldName\\\" is required. Enter and try again.\","
        "\"parameters\":{\"fieldName\":\"password\"}}]}";
    CHECK_EQ_INT(token_args(NULL, &a, &e), -1);
    CHECK_EQ_INT(e.status, 400);
    CHECK_EQ_STR(err_text(&e), both);
    CHECK_EQ_INT(token_args("{}", &a, &e), -1);
    CHECK_EQ_STR(err_text(&e), both);
    CHECK_EQ_INT(token_args("{\"username\": \"\", \"password\": null}", &a, &e), -1);
    CHECK_EQ_STR(err_text(&e), both);
    CHECK_EQ_INT(token_args("{\"username\": \"apiUser\"}", &a, &e), -1);
    CHECK_EQ_INT(e.status, 400);
    CHECK_EQ_STR(err_text(&e), "{\"message\":\"\\\"%fieldName\\\" is required. Enter and try "
                               "again.\",\"parameters\":{\"fieldName\":\"password\"}}");
    CHECK_EQ_INT(token_args("{\"username\": \"\", \"password\": \"k\"}", &a, &e), -1);
    CHECK_EQ_STR(err_text(&e), "{\"message\":\"\\\"%fieldName\\\" is required. Enter and try "
                               "again.\",\"parameters\":{\"fieldName\":\"username\"}}");
    CHECK_EQ_INT(token_args("{\"username\": [\"a\"], \"password\": \"k\"}", &a, &e), -1);
    CHECK_EQ_INT(e.status, 400);
    CHECK_EQ_STR(err_text(&e), "{\"message\":\"The \\\"array\\\" value's type is invalid. The "
                               "\\\"string\\\" type was expected. Verify and try again.\"}");
    rest_err_clear(&e);
}

static int inv_args(const char *json, struct rest_invoice_args *out, struct rest_err *e)
{
    json_error_t jerr;
    json_t *root = json ? json_loads(json, 0, &jerr) : NULL;
    if (json && !root)
        fprintf(stderr, "test JSON: %s\n", jerr.text);
    int rc = rest_invoice_args(&arena, &lim, root, out, e);
    json_decref(root);
    return rc;
}

/* The body of seed 004's examples put together. */
static void seed_example(void)
{
    struct rest_err e = {0, NULL};
    struct rest_invoice_args a;
    struct md_create_req req;
    CHECK_EQ_INT(inv_args("{\"capture\": true, \"items\": [ {\"order_item_id\": 1, \"qty\": 2}, "
                          "{\"order_item_id\": 2, \"qty\": 0.5} ], \"notify\": true, "
                          "\"appendComment\": true, \"comment\": {\"comment\": \"test_invoice\", "
                          "\"is_visible_on_front\": true}, \"arguments\": "
                          "{\"extension_attributes\": {}}}",
                          &a, &e),
                 0);
    CHECK_EQ_INT(a.capture, 1);
    CHECK_EQ_INT(a.notify, 1);
    CHECK_EQ_INT(a.append_comment, 1);
    CHECK_EQ_INT((long long)a.nqty, 2);
    CHECK(a.nqty == 2 && a.qty[0].item_id == 1 && a.qty[0].qty == 20000);
    CHECK(a.nqty == 2 && a.qty[1].item_id == 2 && a.qty[1].qty == 5000);
    CHECK_EQ_STR(a.comment, "test_invoice");
    CHECK_EQ_INT(a.comment_visible, 1);
    rest_invoice_req(&a, 17, &req);
    CHECK(req.order_inc == NULL);
    CHECK_EQ_INT(req.order_entity_id, 17);
    CHECK_EQ_INT(req.mode, MD_CREATE_M2_ONLINE);
    CHECK_EQ_INT(req.email, 1);
    CHECK_EQ_INT(req.include_comment, 1);
    CHECK_EQ_INT(req.comment_visible_on_front, 1);
    CHECK(req.qty == a.qty && req.nqty == 2);
    CHECK_EQ_STR(req.comment, "test_invoice");
    rest_err_clear(&e);
}

static void defaults(void)
{
    struct rest_err e = {0, NULL};
    struct rest_invoice_args a;
    struct md_create_req req;
    CHECK_EQ_INT(inv_args(NULL, &a, &e), 0); /* empty body */
    CHECK(!a.capture && !a.notify && !a.append_comment && !a.qty && !a.nqty && !a.comment);
    rest_invoice_req(&a, 3, &req);
    CHECK_EQ_INT(req.mode, MD_CREATE_M2_OFFLINE);
    CHECK_EQ_INT(req.email, 0);
    CHECK(req.comment == NULL);
    CHECK_EQ_INT(inv_args("{\"items\": [], \"comment\": null, \"capture\": null, \"foo\": 1}",
                          &a, &e), 0);
    CHECK(!a.capture && !a.nqty && !a.comment);
    /* notify without appendComment: mail, comment not in it */
    CHECK_EQ_INT(inv_args("{\"notify\": true, \"comment\": {\"comment\": \"x\"}}", &a, &e), 0);
    rest_invoice_req(&a, 3, &req);
    CHECK(req.email == 1 && req.include_comment == 0 && req.comment_visible_on_front == 0);
    CHECK_EQ_STR(req.comment, "x");
    rest_err_clear(&e);
}

static int capture_of(const char *v)
{
    char json[128];
    struct rest_err e = {0, NULL};
    struct rest_invoice_args a;
    snprintf(json, sizeof json, "{\"capture\": %s}", v);
    int rc = inv_args(json, &a, &e);
    rest_err_clear(&e);
    return rc ? -1 : a.capture;
}

static void booleans(void)
{
    /* FILTER_VALIDATE_BOOLEAN */
    CHECK_EQ_INT(capture_of("true"), 1);
    CHECK_EQ_INT(capture_of("false"), 0);
    CHECK_EQ_INT(capture_of("1"), 1);
    CHECK_EQ_INT(capture_of("0"), 0);
    CHECK_EQ_INT(capture_of("2"), 0);
    CHECK_EQ_INT(capture_of("1.0"), 1);
    CHECK_EQ_INT(capture_of("\"1\""), 1);
    CHECK_EQ_INT(capture_of("\"true\""), 1);
    CHECK_EQ_INT(capture_of("\" Yes \""), 1);
    CHECK_EQ_INT(capture_of("\"on\""), 1);
    CHECK_EQ_INT(capture_of("\"false\""), 0);
    CHECK_EQ_INT(capture_of("\"off\""), 0);
    CHECK_EQ_INT(capture_of("\"\""), 0);
    CHECK_EQ_INT(capture_of("\"capture\""), 0);
    CHECK_EQ_INT(capture_of("[]"), -1);
    CHECK_EQ_INT(capture_of("{}"), -1);

    struct rest_err e = {0, NULL};
    struct rest_invoice_args a;
    CHECK_EQ_INT(inv_args("{\"notify\": [true]}", &a, &e), -1);
    CHECK_EQ_INT(e.status, 400);
    CHECK_EQ_STR(err_text(&e), "{\"message\":\"The \\\"array\\\" value's type is invalid. The "
                               "\\\"bool\\\" type was expected. Verify and try again.\"}");
    rest_err_clear(&e);
}

static void items(void)
{
    struct rest_err e = {0, NULL};
    struct rest_invoice_args a;
    CHECK_EQ_INT(inv_args("{\"items\": [{\"order_item_id\": \"7\", \"qty\": \"1.5\"}, "
                          "{\"order_item_id\": 8.9, \"qty\": 3}, {\"qty\": 1}, "
                          "{\"order_item_id\": 9}, {\"order_item_id\": 10, \"qty\": -2}, "
                          "{\"order_item_id\": 11, \"qty\": 1e30}, "
                          "{\"order_item_id\": 12, \"qty\": 0.123456}]}",
                          &a, &e),
                 0);
    CHECK_EQ_INT((long long)a.nqty, 7);
    if (a.nqty == 7) {
        CHECK(a.qty[0].item_id == 7 && a.qty[0].qty == 15000);
        CHECK(a.qty[1].item_id == 8 && a.qty[1].qty == 30000);
        CHECK(a.qty[2].item_id == 0 && a.qty[2].qty == 10000); /* matches no item */
        CHECK(a.qty[3].item_id == 9 && a.qty[3].qty == 0);
        CHECK(a.qty[4].item_id == 10 && a.qty[4].qty == DEC_INVALID); /* negative */
        CHECK(a.qty[5].item_id == 11 && a.qty[5].qty == DEC_INVALID); /* past decimal(12,4) */
        CHECK(a.qty[6].item_id == 12 && a.qty[6].qty == 1235);
    }
    /* a JSON object is a PHP array: its values are the entries */
    CHECK_EQ_INT(inv_args("{\"items\": {\"a\": {\"order_item_id\": 4, \"qty\": 1}}}", &a, &e), 0);
    CHECK(a.nqty == 1 && a.qty[0].item_id == 4 && a.qty[0].qty == 10000);

    CHECK_EQ_INT(inv_args("{\"items\": [{\"order_item_id\": 1, \"qty\": \"abc\"}]}", &a, &e), -1);
    CHECK_EQ_INT(e.status, 400);
    CHECK_EQ_STR(err_text(&e),
                 "{\"message\":\"Error occurred during \\\"qty\\\" processing. The \\\"abc\\\" "
                 "value's type is invalid. The \\\"float\\\" type was expected. Verify and try "
                 "again.\"}");
    CHECK_EQ_INT(inv_args("{\"items\": [{\"order_item_id\": \"x1\", \"qty\": 1}]}", &a, &e), -1);
    CHECK_EQ_STR(err_text(&e),
                 "{\"message\":\"Error occurred during \\\"order_item_id\\\" processing. The "
                 "\\\"x1\\\" value's type is invalid. The \\\"int\\\" type was expected. Verify "
                 "and try again.\"}");
    CHECK_EQ_INT(inv_args("{\"items\": [{\"order_item_id\": true, \"qty\": 1}]}", &a, &e), -1);
    CHECK_EQ_INT(inv_args("{\"items\": [5]}", &a, &e), -1);
    CHECK_EQ_STR(err_text(&e), "{\"message\":\"The \\\"5\\\" value's type is invalid. The "
                               "\\\"\\\\Magento\\\\Sales\\\\Api\\\\Data\\\\"
                               "InvoiceItemCreationInterface\\\" type was expected. Verify and try "
                               "again.\"}");
    CHECK_EQ_INT(inv_args("{\"items\": \"all\"}", &a, &e), -1);
    CHECK_EQ_INT(e.status, 400);
    CHECK(strstr(err_text(&e), "InvoiceItemCreationInterface[]") != NULL);

    char big[4096];
    size_t n = (size_t)snprintf(big, sizeof big, "{\"items\": [");
    for (int i = 0; i < 101; i++)
        n += (size_t)snprintf(big + n, sizeof big - n, "%s{\"order_item_id\": %d, \"qty\": 1}",
                              i ? "," : "", i + 1);
    snprintf(big + n, sizeof big - n, "]}");
    CHECK_EQ_INT(inv_args(big, &a, &e), -1);
    CHECK_EQ_INT(e.status, 400);
    CHECK_EQ_STR(err_text(&e),
                 "{\"message\":\"Too many items: 101 given, at most 100 are accepted.\"}");
    rest_err_clear(&e);
}

static void comments(void)
{
    struct rest_err e = {0, NULL};
    struct rest_invoice_args a;
    CHECK_EQ_INT(inv_args("{\"comment\": {\"comment\": \"hi\", \"is_visible_on_front\": 1}}", &a,
                          &e), 0);
    CHECK_EQ_STR(a.comment, "hi");
    CHECK_EQ_INT(a.comment_visible, 1);
    CHECK_EQ_INT(inv_args("{\"comment\": {\"comment\": \"\", \"is_visible_on_front\": \"0\"}}", &a,
                          &e), 0);
    CHECK_EQ_STR(a.comment, "");
    CHECK_EQ_INT(a.comment_visible, 0);
    CHECK_EQ_INT(inv_args("{\"comment\": {\"comment\": 12}}", &a, &e), 0);
    CHECK_EQ_STR(a.comment, "12");
    CHECK_EQ_INT(inv_args("{\"comment\": {\"is_visible_on_front\": 1}}", &a, &e), -1);
    CHECK_EQ_INT(e.status, 400);
    CHECK_EQ_STR(err_text(&e),
                 "{\"message\":\"Could not save an invoice, see error log for details\"}");
    CHECK_EQ_INT(inv_args("{\"comment\": \"just text\"}", &a, &e), -1);
    CHECK_EQ_INT(e.status, 400);
    CHECK_EQ_STR(err_text(&e),
                 "{\"message\":\"The \\\"just text\\\" value's type is invalid. The "
                 "\\\"\\\\Magento\\\\Sales\\\\Api\\\\Data\\\\InvoiceCommentCreationInterface\\\" "
                 "type was expected. Verify and try again.\"}");
    CHECK_EQ_INT(inv_args("{\"comment\": {\"comment\": \"x\", \"is_visible_on_front\": \"vis\"}}",
                          &a, &e), -1);
    CHECK(strstr(err_text(&e), "during \\\"is_visible_on_front\\\" processing") != NULL);
    CHECK_EQ_INT(inv_args("{\"comment\": {\"comment\": [\"x\"]}}", &a, &e), -1);
    CHECK_EQ_INT(e.status, 400);

    char big[1200];
    memset(big, 0, sizeof big);
    strcpy(big, "{\"comment\": {\"comment\": \"");
    memset(big + strlen(big), 'x', 1001);
    strcat(big, "\"}}");
    CHECK_EQ_INT(inv_args(big, &a, &e), -1);
    CHECK_EQ_INT(e.status, 400);
    CHECK_EQ_STR(err_text(&e),
                 "{\"message\":\"The comment is too long: at most 1000 bytes are accepted.\"}");
    /* non-ASCII comes back \u-escaped, as PHP's json_encode writes it */
    CHECK_EQ_INT(inv_args("{\"comment\": \"caf\\u00e9\"}", &a, &e), -1);
    CHECK(strstr(err_text(&e), "caf\\u00e9") != NULL);
    rest_err_clear(&e);
}

/* The first refused argument in signature order answers. */
static void argument_order(void)
{
    struct rest_err e = {0, NULL};
    struct rest_invoice_args a;
    CHECK_EQ_INT(inv_args("{\"comment\": 5, \"capture\": [], \"items\": 3}", &a, &e), -1);
    CHECK(strstr(err_text(&e), "\\\"bool\\\" type") != NULL);
    CHECK_EQ_INT(inv_args("{\"comment\": 5, \"items\": 3}", &a, &e), -1);
    CHECK(strstr(err_text(&e), "InvoiceItemCreationInterface[]") != NULL);
    rest_err_clear(&e);
}

static void dump(void)
{
    json_t *s = json_string("a/b");
    char *t = rest_dump(s);
    CHECK_EQ_STR(t, "\"a\\/b\"");
    free(t);
    json_decref(s);
    s = json_integer(42);
    t = rest_dump(s);
    CHECK_EQ_STR(t, "42");
    free(t);
    json_decref(s);
}

int main(void)
{
    arena_init(&arena, 0);
    T_RUN(routes);
    T_RUN(bearer);
    T_RUN(body_decoding);
    T_RUN(order_ids);
    T_RUN(token_arguments);
    T_RUN(seed_example);
    T_RUN(defaults);
    T_RUN(booleans);
    T_RUN(items);
    T_RUN(comments);
    T_RUN(argument_order);
    T_RUN(dump);
    arena_free(&arena);
    return t_done();
}
