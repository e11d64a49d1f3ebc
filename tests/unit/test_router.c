/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The resource router on an in-memory store: session/path/ACL order,
 * aliases, positional / keyed / scalar arguments, itemsQty in every form,
 * PHP truthiness, multiCall with break and inline faults, resources,
 * globalFaults, resourceFaults, login/endSession/startSession.
 */
#include "api/api.h"

#include "magesoapd/store.h"
#include "t.h"
#include "tools/tools.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static struct store *st;
static struct arena A;
static struct cfg cfg;
static struct md_ctx ctx;
static char sid[64], sid_info[64];

static const char orders[] =
    "{\"orders\": ["
    "{\"increment_id\": \"100000003\", \"order_id\": 3, \"payment\": {\"method\": \"checkmo\"},"
    " \"shipping_amount\": 15, \"billing_address\": {\"firstname\": \"Jane\", \"lastname\": \"Doe\"},"
    " \"items\": [{\"item_id\": 3, \"sku\": \"W\", \"name\": \"Oracle Widget\", \"qty_ordered\": 3,"
    " \"price\": 10}]},"
    "{\"increment_id\": \"100000004\", \"order_id\": 4, \"payment\": {\"method\": \"checkmo\"},"
    " \"billing_address\": {\"firstname\": \"Jane\", \"lastname\": \"Doe\"},"
    " \"items\": [{\"item_id\": 4, \"sku\": \"W\", \"name\": \"Oracle Widget\", \"qty_ordered\": 9,"
    " \"price\": 10}]},"
    "{\"increment_id\": \"100000005\", \"order_id\": 5, \"payment\": {\"method\": \"authorizenet\"},"
    " \"billing_address\": {\"firstname\": \"Jane\", \"lastname\": \"Doe\"},"
    " \"items\": [{\"item_id\": 5, \"sku\": \"W\", \"name\": \"Oracle Widget\", \"qty_ordered\": 4,"
    " \"price\": 10}]}"
    "]}";

static struct val *S(const char *s)
{
    return val_str(&A, s);
}

static struct val *L(int n, ...)
{
    struct val *l = val_list(&A);
    va_list ap;

    va_start(ap, n);
    for (int i = 0; i < n; i++)
        val_list_push(&A, l, va_arg(ap, struct val *));
    va_end(ap);
    return l;
}

/* M(n, "k1", v1, "k2", v2, ...) */
static struct val *M(int n, ...)
{
    struct val *m = val_map(&A);
    va_list ap;

    va_start(ap, n);
    for (int i = 0; i < n; i++) {
        const char *k = va_arg(ap, const char *);
        val_map_push(&A, m, k, va_arg(ap, struct val *));
    }
    va_end(ap);
    return m;
}

static int call(const char *s, const char *path, struct val *args, struct val **r,
                struct md_fault *f)
{
    return api_call_path(&ctx, s, path, args, r, f);
}

static int dispatch(enum api_method m, struct val **r, struct md_fault *f, int n, ...)
{
    struct val *p[3];
    va_list ap;

    va_start(ap, n);
    for (int i = 0; i < n; i++)
        p[i] = va_arg(ap, struct val *);
    va_end(ap);
    return api_dispatch(&ctx, m, p, (size_t)n, r, f);
}

static const char *str_of(const struct val *v)
{
    static char buf[64];
    if (!v)
        return "(absent)";
    if (v->t == VAL_STR)
        return v->u.s.p;
    if (v->t == VAL_INT || v->t == VAL_DEC)
        return val_to_cstr(&A, v);
    snprintf(buf, sizeof buf, "(type %d)", v->t);
    return buf;
}

static void setup(void)
{
    char err[512];
    struct md_fault f;
    struct val *r;

    cfg_defaults(&cfg);
    cfg.pbkdf2_iterations = 1000;
    if (store_open(":memory:", &cfg, &st, err, sizeof err) ||
        md_import_json(st, orders, strlen(orders), 0, err, sizeof err) ||
        md_user_add(st, &cfg, "oracle", "oracle123", NULL, err, sizeof err) ||
        md_role_add(st, "readonly", "sales/order/invoice/info", err, sizeof err) ||
        md_user_add(st, &cfg, "reader", "reader123", "readonly", err, sizeof err)) {
        fprintf(stderr, "setup: %s\n", err);
        exit(2);
    }
    arena_init(&A, 0);
    ctx = (struct md_ctx){st, &cfg, &A, NULL, NULL, 0, NULL, NULL, NULL};
    if (dispatch(API_LOGIN, &r, &f, 2, S("oracle"), S("oracle123"))) {
        fprintf(stderr, "login: %s\n", f.msg);
        exit(2);
    }
    snprintf(sid, sizeof sid, "%s", r->u.s.p);
    if (dispatch(API_LOGIN, &r, &f, 2, S("reader"), S("reader123"))) {
        fprintf(stderr, "login: %s\n", f.msg);
        exit(2);
    }
    snprintf(sid_info, sizeof sid_info, "%s", r->u.s.p);
}

static void test_login(void)
{
    struct md_fault f;
    struct val *r;

    CHECK_EQ_INT(dispatch(API_LOGIN, &r, &f, 2, S("oracle"), S("wrong")), -1);
    CHECK_EQ_INT(f.code, 2);
    CHECK_EQ_STR(f.msg, "Access denied.");
    CHECK_EQ_INT(dispatch(API_LOGIN, &r, &f, 2, S("oracle"), S("0")), -1);
    CHECK_EQ_INT(f.code, 6);
    CHECK_EQ_INT(dispatch(API_LOGIN, &r, &f, 1, S("oracle")), -1); /* apiKey = null */
    CHECK_EQ_INT(f.code, 6);
    CHECK_EQ_INT(dispatch(API_LOGIN, &r, &f, 0), -1);
    CHECK_EQ_INT(f.code, API_FAULT_ARGS);
    CHECK_EQ_STR(f.msg, "Too few arguments to function Mage_Api_Model_Server_Handler_Abstract::"
                        "login(), 0 passed and at least 1 expected");
}

/* fact base §2.3 steps 2-6: session first, then path, then ACL */
static void test_call_checks_in_order(void)
{
    struct md_fault f;
    struct val *r;
    static const char *const bad_paths[] = {"sales_order_invoice", "sales_order_invoice.nosuch",
                                            "sales_order.nosuch", "order.create", ".info", "sales_order_invoice.",
                                            "0.info", "sales_order_invoice.items",
                                            "sales_order_invoice.Info", ""};

    CHECK_EQ_INT(call("deadbeefdeadbeefdeadbeefdeadbeef", "nosuch", NULL, &r, &f), -1);
    CHECK_EQ_INT(f.code, 5);
    CHECK_EQ_STR(f.msg, "Session expired. Try to relogin.");
    for (size_t i = 0; i < sizeof bad_paths / sizeof bad_paths[0]; i++) {
        CHECK_EQ_INT(call(sid, bad_paths[i], S("1"), &r, &f), -1);
        CHECK_EQ_INT(f.code, 3);
        CHECK_EQ_STR(f.msg, "Invalid api path.");
    }
    CHECK_EQ_INT(call(sid_info, "sales_order_invoice.create", L(1, S("100000003")), &r, &f), -1);
    CHECK_EQ_INT(f.code, 2);
    CHECK_EQ_INT(call(sid_info, "sales_order_invoice.list", NULL, &r, &f), 0);
    /* explode('.') ignores a third part */
    CHECK_EQ_INT(call(sid, "order_invoice.list.whatever", NULL, &r, &f), 0);
}

static void test_args_forms(void)
{
    struct md_fault f;
    struct val *r, *inv;

    /* invoice the whole order A; keyed args are read positionally */
    CHECK_EQ_INT(call(sid, "order_invoice.create", M(1, "orderIncrementId", S("100000003")), &r, &f),
                 0);
    CHECK(r && r->t == VAL_STR);
    if (!r || r->t != VAL_STR)
        return;
    const char *inc = r->u.s.p;
    /* scalar, list, map, list with surplus args */
    CHECK_EQ_INT(call(sid, "sales_order_invoice.info", S(inc), &inv, &f), 0);
    CHECK_EQ_STR(str_of(val_map_get(inv, "increment_id")), inc);
    CHECK_EQ_INT(call(sid, "sales_order_invoice.info", L(1, S(inc)), &inv, &f), 0);
    CHECK_EQ_INT(call(sid, "sales_order_invoice.info", M(1, "invoiceIncrementId", S(inc)), &inv, &f),
                 0);
    CHECK_EQ_INT(call(sid, "sales_order_invoice.info", L(3, S(inc), S("x"), S("y")), &inv, &f), 0);
    /* an int increment id is cast to its string */
    CHECK_EQ_INT(call(sid, "sales_order_invoice.info", val_int(&A, atoll(inc)), &inv, &f), 0);
    /* nil args: info(NULL) */
    CHECK_EQ_INT(call(sid, "sales_order_invoice.info", val_null(&A), &inv, &f), -1);
    CHECK_EQ_INT(f.code, 100);
    /* [] and a missing args: info() -- PHP's ArgumentCountError, no server path */
    CHECK_EQ_INT(call(sid, "sales_order_invoice.info", val_list(&A), &inv, &f), -1);
    CHECK_EQ_INT(f.code, API_FAULT_ARGS);
    CHECK_EQ_STR(f.msg, "Too few arguments to function Mage_Sales_Model_Order_Invoice_Api::info(), "
                        "0 passed and exactly 1 expected");
    CHECK_EQ_INT(call(sid, "sales_order_invoice.info", NULL, &inv, &f), -1);
    CHECK_EQ_INT(f.code, API_FAULT_ARGS);
    CHECK_EQ_INT(call(sid, "sales_order_invoice.addComment", S(inc), &inv, &f), -1);
    CHECK_EQ_STR(f.msg, "Too few arguments to function Mage_Sales_Model_Order_Invoice_Api::"
                        "addComment(), 1 passed and at least 2 expected");
    CHECK_EQ_INT(call(sid, "sales_order_invoice.create", val_list(&A), &inv, &f), -1);
    CHECK_EQ_STR(f.msg, "Too few arguments to function Mage_Sales_Model_Order_Invoice_Api::"
                        "create(), 0 passed and at least 1 expected");
    /* list accepts [] and a non-array filter */
    CHECK_EQ_INT(call(sid, "sales_order_invoice.list", val_list(&A), &r, &f), 0);
    CHECK(r->t == VAL_LIST && r->u.list.n == 1);
    CHECK_EQ_INT(call(sid, "sales_order_invoice.list", S("junk"), &r, &f), 0);
    CHECK(r->t == VAL_LIST && r->u.list.n == 1);
    CHECK_EQ_INT(call(sid, "sales_order_invoice.list",
                      L(1, M(1, "order_id", M(1, "eq", val_int(&A, 3)))), &r, &f),
                 0);
    CHECK(r->t == VAL_LIST && r->u.list.n == 1);
    CHECK_EQ_INT(call(sid, "sales_order_invoice.list", L(1, M(1, "order_id", S("999"))), &r, &f),
                 0);
    CHECK(r->t == VAL_LIST && r->u.list.n == 0);
}

/* create on order B (9 items) with one unit per form: all mean {4: 1} */
static void test_items_qty_forms(void)
{
    struct md_fault f;
    struct val *r, *inv;
    struct val *forms[] = {
        M(1, "4", S("1")),                                                /* Magento's map */
        M(1, "4", val_double(&A, 1.0)),                                   /* Odoo: <double> */
        M(2, "order_item_id", S("4"), "qty", S("1")),                     /* one object */
        L(1, M(2, "order_item_id", val_int(&A, 4), "qty", val_double(&A, 1))), /* V2 shape */
        M(1, "4", val_int(&A, 1)),
    };

    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        CHECK_EQ_INT(call(sid, "sales_order_invoice.create",
                          M(2, "orderIncrementId", S("100000004"), "0", forms[i]), &r, &f),
                     0);
        if (!r || r->t != VAL_STR) {
            fprintf(stderr, "form %zu: %d %s\n", i, f.code, f.msg);
            continue;
        }
        CHECK_EQ_INT(call(sid, "sales_order_invoice.info", S(r->u.s.p), &inv, &f), 0);
        CHECK_EQ_STR(str_of(val_map_get(inv, "total_qty")), "1.0000");
    }
    /* over-invoicing: fault 1 with Magento's text (4 left) */
    CHECK_EQ_INT(call(sid, "sales_order_invoice.create", L(2, S("100000004"), M(1, "4", S("10"))),
                      &r, &f),
                 -1);
    CHECK_EQ_INT(f.code, 1);
    CHECK_EQ_STR(f.msg, "Invalid qty to invoice item \"Oracle Widget\"");
    /* a scalar itemsQty is refused clearly */
    CHECK_EQ_INT(call(sid, "sales_order_invoice.create", L(2, S("100000004"), S("4")), &r, &f), -1);
    CHECK_EQ_INT(f.code, API_FAULT_ARGS);
    CHECK_EQ_INT(call(sid, "sales_order_invoice.create", L(1, S("999999999")), &r, &f), -1);
    CHECK_EQ_INT(f.code, 103);
}

/* email / includeComment: PHP truthiness ("0" false, "false" true); comment
 * !== null adds a comment even when empty */
static void test_truthiness(void)
{
    struct md_fault f;
    struct val *r, *inv;

    CHECK_EQ_INT(call(sid, "sales_order_invoice.create",
                      L(5, S("100000004"), M(1, "4", S("1")), S(""), S("0"), S("0")), &r, &f),
                 0);
    if (!r || r->t != VAL_STR)
        return;
    CHECK_EQ_INT(call(sid, "sales_order_invoice.info", S(r->u.s.p), &inv, &f), 0);
    CHECK(val_map_get(inv, "email_sent")->t == VAL_NULL);
    const struct val *c = val_map_get(inv, "comments");
    CHECK(c && c->t == VAL_LIST && c->u.list.n == 1);
    CHECK_EQ_INT(call(sid, "sales_order_invoice.create",
                      L(4, S("100000004"), M(1, "4", S("1")), val_null(&A), S("false")), &r, &f),
                 0);
    if (!r || r->t != VAL_STR)
        return;
    CHECK_EQ_INT(call(sid, "sales_order_invoice.info", S(r->u.s.p), &inv, &f), 0);
    CHECK_EQ_STR(str_of(val_map_get(inv, "email_sent")), "1");
    c = val_map_get(inv, "comments");
    CHECK(c && c->t == VAL_LIST && c->u.list.n == 0);
}

/* Text XML cannot carry is refused on the way in (fault 102 naming the field,
 * nothing stored); such text already in the database (written before, or by
 * another tool) comes back as "&#NNN;" text (processingMethodResult). */
static void test_illegal_chars(void)
{
    struct md_fault f;
    struct val *r = NULL, *inv = NULL;
    struct md_inv_row row;

    CHECK_EQ_INT(call(sid, "sales_order_invoice.create",
                      L(3, S("100000004"), M(1, "4", S("1")), S("a\x01" "b\tc\xef\xbf\xbf")), &r, &f),
                 -1);
    CHECK_EQ_INT(f.code, 102);
    CHECK_EQ_STR(f.msg, "Invalid data given: comment is not UTF-8 text XML can carry (byte 2).");
    CHECK_EQ_INT(call(sid, "sales_order_invoice.create", L(2, S("100000004"), M(1, "4", S("1"))),
                      &r, &f),
                 0);
    if (!r || r->t != VAL_STR)
        return;
    const char *inc = r->u.s.p;
    CHECK_EQ_INT(call(sid, "sales_order_invoice.addComment", L(2, S(inc), S("x\xed\xa0\x80")),
                      &inv, &f),
                 -1);
    CHECK_EQ_INT(f.code, 102);
    /* a row written directly, as an older version or another tool could have */
    CHECK_EQ_INT(store_invoice_row_load(st, &A, inc, &row), 1);
    CHECK_EQ_INT(store_comment_insert(st, row.entity_id, "a\x01" "b\tc\xef\xbf\xbf", 0, 0,
                                      "2012-01-01 00:00:00"),
                 0);
    CHECK_EQ_INT(call(sid, "sales_order_invoice.info", S(inc), &inv, &f), 0);
    const struct val *c = val_map_get(inv, "comments");
    CHECK(c && c->t == VAL_LIST && c->u.list.n == 1);
    if (c && c->t == VAL_LIST && c->u.list.n == 1)
        CHECK_EQ_STR(str_of(val_map_get(c->u.list.items[0], "comment")), "a&#1;b\tc&#65535;");
}

static struct val *entry_fault(struct val *r, size_t i, const char **code, const char **msg)
{
    struct val *e = r && r->t == VAL_LIST && i < r->u.list.n ? r->u.list.items[i] : NULL;
    *code = str_of(val_map_get(e, "faultCode"));
    *msg = str_of(val_map_get(e, "faultMessage"));
    return e;
}

/* captures v1-multiCall-witherrors / -break */
static void test_multicall(void)
{
    struct md_fault f;
    struct val *r, *inv;
    const char *code, *msg;

    /* a paid invoice to refuse capturing */
    CHECK_EQ_INT(call(sid, "sales_order_invoice.list", M(1, "f", M(1, "order_id", S("3"))), &inv,
                      &f),
                 0);
    CHECK(inv->t == VAL_LIST && inv->u.list.n == 1);
    const char *paid = str_of(val_map_get(inv->u.list.items[0], "increment_id"));
    struct val *calls =
        L(6, L(2, S("sales_order_invoice.info"), S(paid)),
          L(2, S("sales_order_invoice.info"), L(1, S("999999999"))),
          L(2, S("sales_order_invoice.capture"), L(1, S(paid))),
          L(2, S("sales_order_invoice.nosuch"), val_list(&A)), S("not a call"),
          L(2, S("sales_order_invoice.create"), L(2, S("100000004"), M(1, "4", S("100")))));

    CHECK_EQ_INT(dispatch(API_MULTICALL, &r, &f, 3, S(sid), calls, val_null(&A)), 0);
    CHECK(r && r->t == VAL_LIST && r->u.list.n == 6);
    CHECK(r && r->t == VAL_LIST && r->u.list.n && r->u.list.items[0]->t == VAL_MAP &&
          val_map_get(r->u.list.items[0], "increment_id"));
    CHECK(entry_fault(r, 1, &code, &msg));
    CHECK_EQ_STR(code, "100");
    CHECK_EQ_STR(msg, "Requested invoice does not exist.");
    struct val *e = entry_fault(r, 2, &code, &msg);
    CHECK_EQ_STR(code, "104");
    CHECK_EQ_STR(msg, "Invoice cannot be captured.");
    CHECK(e && e->t == VAL_MAP && e->u.map.n == 3 && !strcmp(e->u.map.kv[0].key, "isFault") &&
          e->u.map.kv[0].v->t == VAL_BOOL && !strcmp(e->u.map.kv[1].key, "faultCode"));
    entry_fault(r, 3, &code, &msg);
    CHECK_EQ_STR(code, "3");
    CHECK_EQ_STR(msg, "Invalid api path.");
    entry_fault(r, 4, &code, &msg);
    CHECK_EQ_STR(code, "3");
    /* a non-API exception: "1" with the default text, not the exception's */
    entry_fault(r, 5, &code, &msg);
    CHECK_EQ_STR(code, "1");
    CHECK_EQ_STR(msg, "Internal Error. Please see log for details.");

    /* break: stop after the first fault, which is still appended */
    CHECK_EQ_INT(dispatch(API_MULTICALL, &r, &f, 3, S(sid),
                          L(3, L(2, S("sales_order_invoice.info"), S(paid)),
                            L(1, S("sales_order_invoice.nosuch")),
                            L(2, S("sales_order_invoice.info"), S(paid))),
                          M(1, "break", S("1"))),
                 0);
    CHECK(r && r->t == VAL_LIST && r->u.list.n == 2);
    /* whole-call faults: bad session, a PHP Error in an entry, calls not an array */
    CHECK_EQ_INT(dispatch(API_MULTICALL, &r, &f, 2, S("nope"), L(0)), -1);
    CHECK_EQ_INT(f.code, 5);
    CHECK_EQ_INT(dispatch(API_MULTICALL, &r, &f, 2, S(sid),
                          L(1, L(2, S("sales_order_invoice.info"), val_list(&A)))),
                 -1);
    CHECK_EQ_INT(f.code, API_FAULT_ARGS);
    CHECK_EQ_INT(dispatch(API_MULTICALL, &r, &f, 2, S(sid), S("x")), -1);
    CHECK_EQ_INT(f.code, API_FAULT_ARGS);
    CHECK_EQ_STR(f.msg, "Mage_Api_Model_Server_Handler_Abstract::multiCall(): Argument #2 ($calls) "
                        "must be of type array, string given");
    /* ACL per entry */
    CHECK_EQ_INT(dispatch(API_MULTICALL, &r, &f, 2, S(sid_info),
                          L(1, L(2, S("sales_order_invoice.create"), L(1, S("100000005"))))),
                 0);
    entry_fault(r, 0, &code, &msg);
    CHECK_EQ_STR(code, "2");
    CHECK_EQ_STR(msg, "Access denied.");
}

/* Bounded work: a multiCall past max_multicall_calls, or past the request
 * deadline, is refused and runs nothing. */
static void test_multicall_bounds(void)
{
    struct md_fault f;
    struct val *r = NULL, *before, *after, *calls = val_list(&A);
    int saved = cfg.max_multicall_calls;

    CHECK_EQ_INT(call(sid, "sales_order_invoice.list", NULL, &before, &f), 0);
    for (int i = 0; i < 3; i++)
        val_list_push(&A, calls, L(2, S("sales_order_invoice.create"), L(1, S("100000005"))));
    cfg.max_multicall_calls = 2;
    CHECK_EQ_INT(dispatch(API_MULTICALL, &r, &f, 2, S(sid), calls), -1);
    CHECK_EQ_INT(f.code, MD_FAULT_CLIENT);
    CHECK(strstr(f.msg, "max_multicall_calls") != NULL);
    cfg.max_multicall_calls = saved;
    ctx.deadline_ms = 1; /* long past (CLOCK_MONOTONIC ms) */
    CHECK_EQ_INT(dispatch(API_MULTICALL, &r, &f, 2, S(sid), calls), -1);
    CHECK_EQ_INT(f.code, MD_FAULT_SERVER);
    CHECK_EQ_STR(f.msg, API_MSG_DEADLINE);
    ctx.deadline_ms = 0;
    CHECK_EQ_INT(call(sid, "sales_order_invoice.list", NULL, &after, &f), 0);
    CHECK_EQ_INT(after->u.list.n, before->u.list.n); /* nothing was invoiced */
    /* the control: within the bounds the same calls do invoice */
    CHECK_EQ_INT(dispatch(API_MULTICALL, &r, &f, 2, S(sid), calls), 0);
    CHECK_EQ_INT(call(sid, "sales_order_invoice.list", NULL, &after, &f), 0);
    CHECK_EQ_INT(after->u.list.n, before->u.list.n + 1);
    api_request_begin(&ctx, NULL);
    CHECK(ctx.deadline_ms > 1);
    CHECK_EQ_INT(api_deadline_check(&ctx, &f), 0);
    ctx.deadline_ms = 0;
}

static void test_resources_and_faults(void)
{
    struct md_fault f;
    struct val *r;

    CHECK_EQ_INT(dispatch(API_RESOURCES, &r, &f, 1, S(sid)), 0);
    /* Mage/Sales/etc/api.xml order: sales_order, then sales_order_invoice */
    CHECK(r->t == VAL_LIST && r->u.list.n == 2);
    CHECK_EQ_STR(str_of(val_map_get(r->u.list.items[0], "name")), "sales_order");
    CHECK_EQ_STR(str_of(val_map_get(r->u.list.items[0], "title")), "Order API");
    struct val *om = val_map_get(r->u.list.items[0], "methods");
    CHECK(om && om->t == VAL_LIST && om->u.list.n == 6);
    struct val *res = r->u.list.items[1];
    CHECK_EQ_STR(str_of(val_map_get(res, "title")), "Invoice API");
    CHECK_EQ_STR(str_of(val_map_get(res, "name")), "sales_order_invoice");
    CHECK(val_map_get(res, "description")->t == VAL_NULL);
    struct val *methods = val_map_get(res, "methods");
    CHECK(methods && methods->t == VAL_LIST && methods->u.list.n == 7);
    struct val *m0 = methods->u.list.items[0];
    CHECK_EQ_STR(str_of(val_map_get(m0, "path")), "sales_order_invoice.list");
    CHECK_EQ_STR(str_of(val_map_get(m0, "title")), "Retrieve list of invoices by filters");
    CHECK_EQ_STR(str_of(val_map_get(val_map_get(m0, "aliases"), "0")), "(absent)");
    CHECK(val_map_get(m0, "aliases")->t == VAL_LIST);
    CHECK_EQ_STR(str_of(val_map_get(m0, "aliases")->u.list.items[0]), "order_invoice.list");
    /* a role allowed only info sees list and info */
    CHECK_EQ_INT(dispatch(API_RESOURCES, &r, &f, 1, S(sid_info)), 0);
    methods = val_map_get(r->u.list.items[0], "methods");
    CHECK(methods && methods->u.list.n == 2);
    CHECK_EQ_INT(dispatch(API_RESOURCES, &r, &f, 1, S("x")), -1);
    CHECK_EQ_INT(f.code, 5);

    /* globalFaults: no session check */
    CHECK_EQ_INT(dispatch(API_GLOBAL_FAULTS, &r, &f, 1, S("whatever")), 0);
    CHECK(r->t == VAL_LIST && r->u.list.n == 7);
    CHECK_EQ_STR(str_of(val_map_get(r->u.list.items[6], "code")), "6");
    CHECK_EQ_STR(str_of(val_map_get(r->u.list.items[6], "message")),
                 "Required parameter is missing, for more details see \"exception.log\".");

    /* resourceFaults(sessionId, resourceName), alias, unknown resource */
    CHECK_EQ_INT(dispatch(API_RESOURCE_FAULTS, &r, &f, 2, S(sid), S("order_invoice")), 0);
    CHECK(r->t == VAL_LIST && r->u.list.n == 5);
    CHECK_EQ_STR(str_of(val_map_get(r->u.list.items[0], "code")), "100");
    CHECK_EQ_STR(str_of(val_map_get(r->u.list.items[4], "message")), "Invoice status not changed");
    CHECK_EQ_INT(dispatch(API_RESOURCE_FAULTS, &r, &f, 2, S(sid), S("catalog_product")), -1);
    CHECK_EQ_INT(f.code, 3);
    CHECK_EQ_INT(dispatch(API_RESOURCE_FAULTS, &r, &f, 2, S("sales_order_invoice"), S(sid)), -1);
    CHECK_EQ_INT(f.code, 5);
}

static void test_sessions(void)
{
    struct md_fault f;
    struct val *r;
    char fresh[64];

    CHECK_EQ_INT(dispatch(API_START_SESSION, &r, &f, 0), 0);
    CHECK(r->t == VAL_STR && r->u.s.n == 32);
    snprintf(fresh, sizeof fresh, "%s", r->u.s.p);
    CHECK_EQ_INT(call(fresh, "sales_order_invoice.list", NULL, &r, &f), -1);
    CHECK_EQ_INT(f.code, 5);
    CHECK_EQ_INT(dispatch(API_END_SESSION, &r, &f, 1, S(sid_info)), 0);
    CHECK(r->t == VAL_BOOL && r->u.b);
    CHECK_EQ_INT(call(sid_info, "sales_order_invoice.list", NULL, &r, &f), -1);
    CHECK_EQ_INT(f.code, 5);
    CHECK_EQ_INT(dispatch(API_END_SESSION, &r, &f, 1, S("unknown")), 0);
    CHECK_EQ_INT(api_handler_find("multiCall"), API_MULTICALL);
    CHECK_EQ_INT(api_handler_find("multicall"), -1);
}

int main(void)
{
    setup();
    T_RUN(test_login);
    T_RUN(test_call_checks_in_order);
    T_RUN(test_args_forms);
    T_RUN(test_items_qty_forms);
    T_RUN(test_truthiness);
    T_RUN(test_illegal_chars);
    T_RUN(test_multicall);
    T_RUN(test_multicall_bounds);
    T_RUN(test_resources_and_faults);
    T_RUN(test_sessions);
    store_close(st);
    arena_free(&A);
    return t_done();
}
