/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The V2/WS-I side of the one handler (soap_ops.c): the glue's part
 * builders fail closed when the arena is exhausted (a create never invoices
 * everything left, a list never drops its filter), and the typed answers
 * follow the handler (resourceFaults for an info-only role, SOAP 1.2
 * arrays with declared prefixes).
 */
#include "api/api.h"
#include "soap/soap_int.h"

#include "magesoapd/store.h"
#include "tools/tools.h"

#include "t.h"

#include <stdlib.h>

static struct cfg cfg;
static struct store *st;
static struct arena A;
static struct worker w;
static struct buf out;
static struct soap_call c;
static char sid[64], sid_info[64];

static int64_t invoices(void)
{
    struct val *r = NULL;
    struct md_fault f;

    return md_invoice_list(&w.ctx, NULL, &r, &f) ? -1 : (int64_t)r->u.list.n;
}

static void call_style(enum sw_style style, int soap12)
{
    memset(&c, 0, sizeof c);
    buf_reset(&out);
    c.w = &w;
    c.sw.b = &out;
    c.sw.style = style;
    c.sw.soap12 = soap12;
    c.sw.ns = "urn:Magento";
}

static void login(const char *user, const char *key, char *sid_out)
{
    struct val *p[2], *r;
    struct md_fault f;

    p[0] = val_str(&A, user);
    p[1] = val_str(&A, key);
    if (api_dispatch(&w.ctx, API_LOGIN, p, 2, &r, &f)) {
        fprintf(stderr, "login %s: %s\n", user, f.msg);
        exit(2);
    }
    snprintf(sid_out, 64, "%s", r->u.s.p);
}

static void setup(void)
{
    char err[512], path[1024];

    cfg_defaults(&cfg);
    cfg.pbkdf2_iterations = 1000;
    snprintf(path, sizeof path, "%s/tests/data/captures-orders.json", MD_SOURCE_DIR);
    if (store_open(":memory:", &cfg, &st, err, sizeof err) ||
        md_import_file(st, path, 0, err, sizeof err) ||
        md_user_add(st, &cfg, "oracle", "oracle123", NULL, err, sizeof err) ||
        md_role_add(st, "readonly", "sales/order/invoice/info", err, sizeof err) ||
        md_user_add(st, &cfg, "reader", "reader123", "readonly", err, sizeof err)) {
        fprintf(stderr, "setup: %s\n", err);
        exit(2);
    }
    arena_init(&A, 0);
    buf_init(&out, 0);
    w.cfg = &cfg;
    w.st = st;
    w.ctx = (struct md_ctx){st, &cfg, &A, NULL, NULL, 0, NULL, NULL, NULL};
    login("oracle", "oracle123", sid);
    login("reader", "reader123", sid_info);
}

/* The arena has (almost) nothing left: every builder answers NULL. */
static void exhaust(void)
{
    A.max_total = A.used_total + 8;
}

static void unexhaust(void)
{
    A.max_total = 0;
}

static void create_fails_closed_when_items_cannot_be_built(void)
{
    static const int ids[2] = {3, 4};
    static const double qty[2] = {1, 1};
    struct sop_qty q[2] = {{&ids[0], &qty[0]}, {&ids[1], &qty[1]}};
    struct val *parts[6];
    int64_t before = invoices();

    call_style(SW_V2, 0);
    parts[0] = sop_str(&c, sid);
    parts[1] = sop_str(&c, "100000003");
    exhaust();
    parts[2] = sop_qtys(&c, q, 2);
    unexhaust();
    CHECK(parts[2] == NULL);
    parts[3] = sop_str(&c, NULL);
    parts[4] = sop_str(&c, NULL);
    parts[5] = sop_str(&c, NULL);
    CHECK_EQ_INT(sop_run(&c, API_INV_CREATE, parts, 6), 1000);
    CHECK(c.answered && c.protocol_error);
    CHECK(strstr(buf_cstr(&out), "<faultcode>SOAP-ENV:Server</faultcode>") != NULL);
    CHECK(strstr(buf_cstr(&out), "out of memory") != NULL);
    CHECK_EQ_INT(invoices(), before); /* nothing invoiced */
}

static void list_fails_closed_when_the_filter_cannot_be_built(void)
{
    struct sop_filter_pair simple[1] = {{"increment_id", "100000001"}};
    struct val *parts[2];

    call_style(SW_WSI, 0);
    parts[0] = sop_str(&c, sid);
    exhaust();
    parts[1] = sop_filters(&c, 1, simple, 1, NULL, 0);
    unexhaust();
    CHECK(parts[1] == NULL);
    CHECK_EQ_INT(sop_run(&c, API_INV_LIST, parts, 2), 1000);
    CHECK(c.protocol_error);
    CHECK(strstr(buf_cstr(&out), "salesOrderInvoiceListResponseParam") == NULL);
    CHECK(strstr(buf_cstr(&out), "out of memory") != NULL);
}

static void resource_faults_for_an_info_only_role_are_listed(void)
{
    struct val *parts[2];

    call_style(SW_V2, 0);
    parts[0] = sop_str(&c, "sales_order_invoice"); /* V2 order: resourceName, sessionId */
    parts[1] = sop_str(&c, sid_info);
    sop_run(&c, API_RESOURCE_FAULTS, parts, 2);
    CHECK(!c.protocol_error);
    CHECK(strstr(buf_cstr(&out), "<code xsi:type=\"xsd:string\">100</code>") != NULL);
    CHECK(strstr(buf_cstr(&out), "Access denied.") == NULL);
}

static void soap12_global_faults_declare_their_prefixes(void)
{
    struct val *parts[1];
    const char *s;

    call_style(SW_V2, 1);
    parts[0] = sop_str(&c, "");
    sop_run(&c, API_GLOBAL_FAULTS, parts, 1);
    s = buf_cstr(&out);
    CHECK(strstr(s, "SOAP-ENC:") == NULL);
    CHECK(strstr(s, "xmlns:enc=\"http://www.w3.org/2003/05/soap-encoding\"") != NULL);
    CHECK(strstr(s, "enc:itemType=\"ns1:existsFaltureEntity\" enc:arraySize=\"7\"") != NULL);
}

int main(void)
{
    setup();
    T_RUN(create_fails_closed_when_items_cannot_be_built);
    T_RUN(list_fails_closed_when_the_filter_cannot_be_built);
    T_RUN(resource_faults_for_an_info_only_role_are_listed);
    T_RUN(soap12_global_faults_declare_their_prefixes);
    buf_free(&out);
    arena_free(&A);
    store_close(st);
    return t_done();
}
