/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Magento 2 REST reads and invoice management (issue 11 part 3), beside the
 * InvoiceOrder route of rest.c, with the same bearer token and error bodies:
 *
 *   GET  /V1/invoices/{id}             InvoiceRepositoryInterface::get
 *   GET  /V1/invoices?searchCriteria   InvoiceRepositoryInterface::getList
 *   GET  /V1/invoices/{id}/comments    InvoiceManagementInterface::getCommentsList
 *   POST /V1/invoices/comments         InvoiceCommentRepositoryInterface::save
 *        (also /V1/invoices/{id}/comments)
 *   POST /V1/invoices/{id}/capture     InvoiceManagementInterface::setCapture
 *   POST /V1/invoices/{id}/void        InvoiceManagementInterface::setVoid
 *   POST /V1/invoices/{id}/emails      InvoiceManagementInterface::notify
 *   GET  /V1/orders/{id}               OrderRepositoryInterface::get
 *   GET  /V1/orders?searchCriteria     OrderRepositoryInterface::getList
 *
 * {id} is the entity id (sales_flat_invoice.entity_id = the M1 list's
 * invoice_id; sales_flat_order.entity_id = order_id).  Every route checks
 * the token and the ACL path of its method in the API table, then runs the
 * method through api_rest_run (the handler every dialect uses), so faults,
 * limits and Idempotency-Key are the same as over SOAP.  Entities are
 * written with InvoiceInterface / InvoiceItemInterface /
 * InvoiceCommentInterface / OrderInterface keys (snake_case, in the order
 * of the interfaces' getters, alphabetical), nulls left out as Magento's
 * output processor does, extension_attributes {} where Magento gives one.
 */
#include "rpc/rest_int.h"
#include "api/api.h"
#include "proto/exchange.h"

#include "magesoapd/dec.h"
#include "magesoapd/log.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RES_INVOICE "Magento_Sales::sales_invoice"
#define RES_ORDER "Magento_Sales::actions_view"

/* ---- answers ---------------------------------------------------------------- */

static void answer(struct http_resp *resp, int status, json_t *j)
{
    char *s = j ? rest_dump(j) : NULL;
    json_decref(j);
    buf_reset(resp->body);
    resp->content_type = REST_CONTENT_TYPE;
    resp->status = s ? status : 500;
    buf_puts(resp->body, s ? s : "{\"message\":\"Internal Error.\"}");
    free(s);
}

static void fail(struct http_resp *resp, int status, const char *msg, json_t *params)
{
    struct rest_err e = {0, NULL};
    rest_err_set(&e, status, msg, params);
    answer(resp, e.status, e.body);
}

/* A fault of the handler as Magento 2's ErrorProcessor maps it. */
static void fault(struct http_resp *resp, const struct md_fault *f, const char *resource)
{
    if (f->code == md_fault_code(MDF_SESSION_EXPIRED) ||
        f->code == md_fault_code(MDF_ACCESS_DENIED)) {
        json_t *p = json_object();
        if (p)
            json_object_set_new(p, "resources", json_string(resource));
        fail(resp, 401, REST_MSG_NOT_AUTHORIZED, p);
    } else if (f->code == md_fault_code(MDF_NOT_EXISTS) ||
               f->code == md_fault_code(MDF_ORDER_NOT_EXISTS)) {
        fail(resp, 404, REST_MSG_NOT_FOUND, NULL);
    } else if (f->code == MD_FAULT_IDEM_CONFLICT) {
        fail(resp, 422, f->msg, NULL);
    } else if (f->code == MD_FAULT_CLIENT || f->code == md_fault_code(MDF_DATA_INVALID) ||
               f->code == md_fault_code(MDF_STATUS_NOT_CHANGED) ||
               f->code == md_fault_code(MDF_INVALID_FILTER) ||
               f->code == md_fault_code(MDF_ORD_INVALID_FILTER)) {
        fail(resp, 400, f->msg, NULL);
    } else {
        log_msg(LOG_ERR, "REST: %s", f->msg);
        fail(resp, 500, "Internal Error. Details are available in Magento log file.", NULL);
    }
}

/* ---- values ---------------------------------------------------------------- */

static json_t *jv(const struct val *v)
{
    if (!v)
        return json_null();
    switch (v->t) {
    case VAL_BOOL:
        return json_boolean(v->u.b);
    case VAL_INT:
        return json_integer(v->u.i);
    case VAL_DEC: /* (float) of decimal(12,4): whole values as integers */
        if (v->u.i % DEC_SCALE == 0)
            return json_integer(v->u.i / DEC_SCALE);
        return json_real((double)v->u.i / DEC_SCALE);
    case VAL_DOUBLE:
        return json_real(v->u.d);
    case VAL_STR:
        return json_stringn(v->u.s.p, v->u.s.n);
    default:
        return json_null();
    }
}

/* key renames of one entity: M1 column -> M2 interface key */
struct rename {
    const char *from, *to;
};

static const char *renamed(const struct rename *r, const char *k)
{
    for (; r && r->from; r++)
        if (!strcmp(r->from, k))
            return r->to;
    return k;
}

static int in_list(const char *const *l, const char *k)
{
    for (; *l; l++)
        if (!strcmp(*l, k))
            return 1;
    return 0;
}

static int key_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The entity: the interface's keys (alphabetical, as its getters), nulls
 * left out; then extension_attributes {} when ext. */
static json_t *entity(const struct val *m, const char *const *keys, const struct rename *ren,
                      int ext)
{
    const char *names[128];
    json_t *tmp = json_object(), *o = json_object();
    size_t n = 0;

    if (!tmp || !o || !m || m->t != VAL_MAP)
        goto fail;
    for (size_t i = 0; i < m->u.map.n; i++) {
        const char *k = renamed(ren, m->u.map.kv[i].key);
        const struct val *v = m->u.map.kv[i].v;
        if (!in_list(keys, k) || !v || v->t == VAL_NULL || json_object_get(tmp, k))
            continue;
        json_object_set_new(tmp, k, jv(v));
        if (n < sizeof names / sizeof names[0])
            names[n++] = json_object_iter_key(json_object_iter_at(tmp, k));
    }
    qsort(names, n, sizeof names[0], key_cmp);
    for (size_t i = 0; i < n; i++)
        json_object_set(o, names[i], json_object_get(tmp, names[i]));
    json_decref(tmp);
    if (ext)
        json_object_set_new(o, "extension_attributes", json_object());
    return o;
fail:
    json_decref(tmp);
    json_decref(o);
    return NULL;
}

static const char *const invoice_keys[] = {
    "base_currency_code", "base_discount_amount", "base_discount_tax_compensation_amount",
    "base_grand_total", "base_shipping_amount", "base_shipping_discount_tax_compensation_amnt",
    "base_shipping_incl_tax", "base_shipping_tax_amount", "base_subtotal",
    "base_subtotal_incl_tax", "base_tax_amount", "base_total_refunded", "base_to_global_rate",
    "base_to_order_rate", "billing_address_id", "can_void_flag", "created_at",
    "discount_amount", "discount_description", "discount_tax_compensation_amount", "email_sent",
    "entity_id", "global_currency_code", "grand_total", "increment_id", "is_used_for_refund",
    "order_currency_code", "order_id", "shipping_address_id", "shipping_amount",
    "shipping_discount_tax_compensation_amount", "shipping_incl_tax", "shipping_tax_amount",
    "state", "store_currency_code", "store_id", "store_to_base_rate", "store_to_order_rate",
    "subtotal", "subtotal_incl_tax", "tax_amount", "total_qty", "transaction_id", "updated_at",
    NULL};
static const struct rename invoice_ren[] = {
    {"invoice_id", "entity_id"},
    {"hidden_tax_amount", "discount_tax_compensation_amount"},
    {"base_hidden_tax_amount", "base_discount_tax_compensation_amount"},
    {"shipping_hidden_tax_amount", "shipping_discount_tax_compensation_amount"},
    {"base_shipping_hidden_tax_amnt", "base_shipping_discount_tax_compensation_amnt"},
    {NULL, NULL}};
static const char *const item_keys[] = {
    "additional_data", "base_cost", "base_discount_amount",
    "base_discount_tax_compensation_amount", "base_price", "base_price_incl_tax",
    "base_row_total", "base_row_total_incl_tax", "base_tax_amount", "description",
    "discount_amount", "discount_tax_compensation_amount", "entity_id", "name", "order_item_id",
    "parent_id", "price", "price_incl_tax", "product_id", "qty", "row_total",
    "row_total_incl_tax", "sku", "tax_amount", NULL};
static const struct rename item_ren[] = {
    {"item_id", "entity_id"},
    {"hidden_tax_amount", "discount_tax_compensation_amount"},
    {"base_hidden_tax_amount", "base_discount_tax_compensation_amount"},
    {NULL, NULL}};
static const char *const comment_keys[] = {"comment",   "created_at",          "entity_id",
                                           "is_customer_notified", "is_visible_on_front",
                                           "parent_id", NULL};
static const struct rename comment_ren[] = {{"comment_id", "entity_id"}, {NULL, NULL}};

static json_t *entity_list(const struct val *l, const char *const *keys,
                           const struct rename *ren)
{
    json_t *a = json_array();
    for (size_t i = 0; a && l && l->t == VAL_LIST && i < l->u.list.n; i++)
        json_array_append_new(a, entity(l->u.list.items[i], keys, ren, 1));
    return a;
}

/* InvoiceInterface from the handler's info map (the one mapping) */
static json_t *invoice_json(const struct val *info)
{
    json_t *o = entity(info, invoice_keys, invoice_ren, 0);
    if (!o)
        return NULL;
    json_object_set_new(o, "items", entity_list(val_map_get(info, "items"), item_keys, item_ren));
    json_object_set_new(o, "comments",
                        entity_list(val_map_get(info, "comments"), comment_keys, comment_ren));
    json_object_set_new(o, "extension_attributes", json_object());
    return o;
}

/* OrderInterface from sales_order.info's map (the one place order fields
 * are named for Magento 2): the order's columns the interface has, then
 * items (OrderItemInterface), billing_address (OrderAddressInterface),
 * payment (OrderPaymentInterface), status_histories
 * (OrderStatusHistoryInterface) and extension_attributes with
 * shipping_assignments (the shipping address, method, totals and items, as
 * Magento 2's ShippingAssignment extension gives them). */
static const char *const order_keys[] = {
    "base_currency_code", "base_discount_amount", "base_discount_canceled",
    "base_discount_invoiced", "base_discount_tax_compensation_amount",
    "base_discount_tax_compensation_invoiced", "base_grand_total", "base_shipping_amount",
    "base_shipping_canceled", "base_shipping_discount_amount", "base_shipping_incl_tax",
    "base_shipping_invoiced", "base_shipping_tax_amount", "base_subtotal",
    "base_subtotal_canceled", "base_subtotal_incl_tax", "base_subtotal_invoiced",
    "base_tax_amount", "base_tax_canceled", "base_tax_invoiced", "base_to_global_rate",
    "base_to_order_rate", "base_total_canceled", "base_total_invoiced",
    "base_total_invoiced_cost", "base_total_paid", "base_total_refunded", "billing_address_id",
    "created_at", "customer_dob", "customer_email", "customer_firstname", "customer_gender",
    "customer_group_id", "customer_id", "customer_is_guest", "customer_lastname",
    "customer_middlename", "customer_note", "customer_note_notify", "customer_prefix",
    "customer_suffix", "customer_taxvat", "discount_amount", "discount_canceled",
    "discount_description", "discount_invoiced", "discount_tax_compensation_amount",
    "discount_tax_compensation_invoiced", "email_sent", "entity_id", "global_currency_code",
    "grand_total", "hold_before_state", "hold_before_status", "increment_id", "is_virtual",
    "order_currency_code", "remote_ip", "shipping_amount", "shipping_canceled",
    "shipping_description", "shipping_discount_amount", "shipping_incl_tax",
    "shipping_invoiced", "shipping_tax_amount", "state", "status", "store_currency_code",
    "store_id", "store_name", "store_to_base_rate", "store_to_order_rate", "subtotal",
    "subtotal_canceled", "subtotal_incl_tax", "subtotal_invoiced", "tax_amount",
    "tax_canceled", "tax_invoiced", "total_canceled", "total_invoiced",
    "total_paid", "total_qty_ordered", "total_refunded", "updated_at", "weight", NULL};
static const struct rename order_ren[] = {
    {"order_id", "entity_id"},
    {"hidden_tax_amount", "discount_tax_compensation_amount"},
    {"base_hidden_tax_amount", "base_discount_tax_compensation_amount"},
    {"hidden_tax_invoiced", "discount_tax_compensation_invoiced"},
    {"base_hidden_tax_invoiced", "base_discount_tax_compensation_invoiced"},
    {NULL, NULL}};
static const struct rename order_item_ren[] = {
    {"hidden_tax_amount", "discount_tax_compensation_amount"},
    {"base_hidden_tax_amount", "base_discount_tax_compensation_amount"},
    {"hidden_tax_invoiced", "discount_tax_compensation_invoiced"},
    {"base_hidden_tax_invoiced", "base_discount_tax_compensation_invoiced"},
    {NULL, NULL}};
static const char *const order_item_keys[] = {
    "base_cost", "base_discount_amount", "base_discount_invoiced",
    "base_discount_tax_compensation_amount", "base_discount_tax_compensation_invoiced",
    "base_price", "base_price_incl_tax", "base_row_invoiced", "base_row_total",
    "base_row_total_incl_tax", "base_tax_amount", "base_tax_invoiced", "created_at",
    "description", "discount_amount", "discount_invoiced", "discount_tax_compensation_amount",
    "discount_tax_compensation_invoiced", "is_qty_decimal", "is_virtual", "item_id",
    "locked_do_invoice", "name", "order_id", "parent_item_id", "price", "price_incl_tax",
    "product_id", "product_type", "qty_canceled", "qty_invoiced", "qty_ordered",
    "qty_refunded", "qty_shipped", "row_invoiced", "row_total", "row_total_incl_tax", "sku",
    "store_id", "tax_amount", "tax_invoiced", "tax_percent", "updated_at", "weight", NULL};
static const char *const address_keys[] = {
    "address_type", "city", "company", "country_id", "customer_address_id", "email",
    "entity_id", "fax", "firstname", "lastname", "middlename", "parent_id", "postcode",
    "prefix", "region", "region_id", "street", "suffix", "telephone", NULL};
static const struct rename address_ren[] = {{"address_id", "entity_id"}, {NULL, NULL}};
static const char *const payment_keys[] = {
    "amount_authorized", "amount_ordered", "amount_paid", "base_amount_authorized",
    "base_amount_ordered", "base_amount_paid", "base_amount_paid_online",
    "base_shipping_amount", "base_shipping_captured", "cc_exp_month", "cc_exp_year",
    "cc_last4", "cc_number_enc", "cc_owner", "cc_ss_start_month", "cc_ss_start_year",
    "cc_type", "entity_id", "last_trans_id", "method", "parent_id", "po_number",
    "shipping_amount", "shipping_captured", NULL};
static const struct rename payment_ren[] = {{"payment_id", "entity_id"}, {NULL, NULL}};
static const char *const history_keys[] = {"comment", "created_at", "entity_id",
                                           "entity_name", "is_customer_notified",
                                           "is_visible_on_front", "parent_id", "status", NULL};
static const struct rename history_ren[] = {{"history_id", "entity_id"}, {NULL, NULL}};
/* ShippingTotalInterface: the order's shipping columns */
static const char *const shipping_total_keys[] = {
    "base_shipping_amount", "base_shipping_canceled", "base_shipping_discount_amount",
    "base_shipping_incl_tax", "base_shipping_invoiced", "base_shipping_tax_amount",
    "shipping_amount", "shipping_canceled", "shipping_discount_amount", "shipping_incl_tax",
    "shipping_invoiced", "shipping_tax_amount", NULL};

/* OrderAddressInterface: street is string[] (the lines of the column) */
static json_t *address_json(const struct val *m)
{
    if (!m || m->t != VAL_MAP || !m->u.map.n)
        return NULL;
    json_t *j = entity(m, address_keys, address_ren, 0), *lines = json_array();
    const char *st = json_string_value(json_object_get(j, "street"));
    for (const char *p = st; lines && p;) {
        const char *nl = strchr(p, '\n');
        json_array_append_new(lines, json_stringn(p, nl ? (size_t)(nl - p) : strlen(p)));
        p = nl ? nl + 1 : NULL;
    }
    if (st)
        json_object_set(j, "street", lines);
    json_decref(lines);
    return j;
}

static json_t *order_items_json(const struct val *items)
{
    json_t *ji = json_array();
    for (size_t i = 0; ji && items && items->t == VAL_LIST && i < items->u.list.n; i++) {
        json_t *it = entity(items->u.list.items[i], order_item_keys, order_item_ren, 0);
        const struct val *p = val_map_get(items->u.list.items[i], "parent_item_id");
        if (it && p && p->t == VAL_INT && p->u.i == 0)
            json_object_del(it, "parent_item_id"); /* no parent: NULL in Magento */
        json_array_append_new(ji, it);
    }
    return ji;
}

static json_t *shipping_assignments(const struct val *o)
{
    json_t *ship = json_object(), *addr = address_json(val_map_get(o, "shipping_address"));
    const struct val *method = val_map_get(o, "shipping_method");
    if (!ship) {
        json_decref(addr);
        return NULL;
    }
    if (addr)
        json_object_set_new(ship, "address", addr);
    if (method && method->t == VAL_STR && method->u.s.n)
        json_object_set_new(ship, "method", jv(method));
    json_object_set_new(ship, "total", entity(o, shipping_total_keys, NULL, 1));
    return json_pack("[{s:o,s:o}]", "shipping", ship, "items",
                     order_items_json(val_map_get(o, "items")));
}

static json_t *order_json(const struct val *o)
{
    json_t *j = entity(o, order_keys, order_ren, 0), *bill, *hist, *ext;
    const struct val *items = val_map_get(o, "items");
    if (!j)
        return NULL;
    json_object_set_new(j, "items", order_items_json(items));
    if ((bill = address_json(val_map_get(o, "billing_address"))))
        json_object_set_new(j, "billing_address", bill);
    const struct val *pay = val_map_get(o, "payment");
    if (pay && pay->t == VAL_MAP && pay->u.map.n)
        json_object_set_new(j, "payment", entity(pay, payment_keys, payment_ren, 0));
    hist = entity_list(val_map_get(o, "status_history"), history_keys, history_ren);
    json_object_set_new(j, "status_histories", hist);
    ext = json_object();
    json_object_set_new(ext, "shipping_assignments", shipping_assignments(o));
    json_object_set_new(j, "extension_attributes", ext);
    return j;
}

static const char *const invoice_sortable[] = {
    "entity_id", "increment_id", "created_at", "state", "grand_total", "order_currency_code",
    "order_id", NULL};
static const char *const order_sortable[] = {
    "entity_id", "increment_id", "created_at", "updated_at", "state", "status", "grand_total",
    "base_grand_total", "total_paid", "total_invoiced", "customer_email", "customer_id",
    "customer_lastname", "store_id", "order_currency_code", NULL};
static const struct rest_m2_entity search_invoices = {
    API_INV_LIST, API_INV_INFO, "invoice_id", invoice_sortable, RES_INVOICE, invoice_json};
static const struct rest_m2_entity search_orders = {
    API_ORD_LIST, API_ORD_INFO, "order_id", order_sortable, RES_ORDER, order_json};

/* ---- routes -------------------------------------------------------------- */

enum m2_route {
    M2_NONE,
    M2_INVOICE,         /* GET /invoices/{id} */
    M2_INVOICES,        /* GET /invoices */
    M2_COMMENTS,        /* GET /invoices/{id}/comments */
    M2_COMMENT_ADD,     /* POST /invoices/comments, /invoices/{id}/comments */
    M2_CAPTURE,         /* POST /invoices/{id}/capture */
    M2_VOID,            /* POST /invoices/{id}/void */
    M2_EMAILS,          /* POST /invoices/{id}/emails */
    M2_ORDER,           /* GET /orders/{id} */
    M2_ORDERS,          /* GET /orders */
};

static const struct {
    enum m2_route r;
    const char *method, *prefix, *suffix; /* suffix NULL: no {id} */
    enum api_method api;
    const char *resource;
} routes[] = {
    {M2_INVOICES, "GET", "/invoices", NULL, API_INV_LIST, RES_INVOICE},
    {M2_COMMENT_ADD, "POST", "/invoices/comments", NULL, API_INV_ADD_COMMENT, RES_INVOICE},
    {M2_COMMENTS, "GET", "/invoices/", "/comments", API_INV_INFO, RES_INVOICE},
    {M2_COMMENT_ADD, "POST", "/invoices/", "/comments", API_INV_ADD_COMMENT, RES_INVOICE},
    {M2_CAPTURE, "POST", "/invoices/", "/capture", API_INV_CAPTURE, RES_INVOICE},
    {M2_VOID, "POST", "/invoices/", "/void", API_INV_VOID, RES_INVOICE},
    {M2_EMAILS, "POST", "/invoices/", "/emails", API_INV_ADD_COMMENT, RES_INVOICE},
    {M2_INVOICE, "GET", "/invoices/", "", API_INV_INFO, RES_INVOICE},
    {M2_ORDERS, "GET", "/orders", NULL, API_ORD_LIST, RES_ORDER},
    {M2_ORDER, "GET", "/orders/", "", API_ORD_INFO, RES_ORDER},
};

/* rest = path after /V1 (one trailing slash ignored); *route index, seg = {id} */
static int match(const char *rest, const char *method, int *route, int *other_method,
                 const char **seg, size_t *seglen)
{
    size_t n = strlen(rest);
    if (n > 1 && rest[n - 1] == '/')
        n--;
    *other_method = 0;
    for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
        size_t pl = strlen(routes[i].prefix), sl;
        const char *s;
        size_t len;
        if (n < pl || strncmp(rest, routes[i].prefix, pl))
            continue;
        if (!routes[i].suffix) {
            if (n != pl)
                continue;
            s = NULL;
            len = 0;
        } else {
            sl = strlen(routes[i].suffix);
            if (n < pl + sl + 1 || strncmp(rest + n - sl, routes[i].suffix, sl))
                continue;
            s = rest + pl;
            len = n - pl - sl;
            if (memchr(s, '/', len))
                continue;
        }
        if (strcmp(routes[i].method, method)) {
            *other_method = 1;
            continue;
        }
        *route = (int)i;
        *seg = s;
        *seglen = len;
        return 1;
    }
    return 0;
}

/* {id}: a positive integer (Magento casts; 0 or junk loads nothing) */
static int64_t id_of(const char *s, size_t n)
{
    char buf[32], *end;
    long long v;
    if (!s || !n || n >= sizeof buf)
        return 0;
    memcpy(buf, s, n);
    buf[n] = '\0';
    errno = 0;
    v = strtoll(buf, &end, 10);
    return errno || *end || v <= 0 ? 0 : (int64_t)v;
}

/* entity id -> increment id, through the entity's list (filter on its id) */
static int entity_inc(struct md_ctx *ctx, const struct rest_m2_entity *e, int64_t id,
                      const char **inc, struct md_fault *f)
{
    struct arena *a = ctx->arena;
    struct val *flt = val_map(a), *cond = val_map(a), *rows = NULL;
    struct val *args[1];

    *inc = NULL;
    if (!flt || !cond || val_map_push(a, cond, "eq", val_int(a, id)) ||
        val_map_push(a, flt, e->id_key, cond))
        return md_fault_raw(f, MD_FAULT_SERVER, "out of memory");
    args[0] = flt;
    if (api_rest_run(ctx, (enum api_method)e->list, args, 1, &rows, f))
        return -1;
    if (!rows || rows->t != VAL_LIST || rows->u.list.n == 0)
        return md_fault_set(f, MDF_NOT_EXISTS);
    const struct val *s = val_map_get(rows->u.list.items[0], "increment_id");
    *inc = s && s->t == VAL_STR ? s->u.s.p : NULL;
    return *inc ? 0 : md_fault_set(f, MDF_NOT_EXISTS);
}

static int invoice_inc(struct md_ctx *ctx, int64_t id, const char **inc, struct md_fault *f)
{
    return entity_inc(ctx, &search_invoices, id, inc, f);
}

static int invoice_info(struct md_ctx *ctx, const char *inc, struct val **info,
                        struct md_fault *f)
{
    struct val *args[1] = {val_str(ctx->arena, inc)};
    return api_rest_run(ctx, API_INV_INFO, args, 1, info, f);
}

void rest_m2_answer(struct http_resp *resp, int status, json_t *j)
{
    answer(resp, status, j);
}

void rest_m2_fault(struct http_resp *resp, const struct md_fault *f, const char *resource)
{
    fault(resp, f, resource);
}

json_t *rest_m2_invoice_json(const struct val *info)
{
    return invoice_json(info);
}

static void comments_list(struct md_ctx *ctx, struct http_resp *resp, const char *inc)
{
    struct val *info = NULL;
    struct md_fault f = {0, ""};
    json_t *o, *items;

    if (invoice_info(ctx, inc, &info, &f)) {
        fault(resp, &f, RES_INVOICE);
        return;
    }
    items = entity_list(val_map_get(info, "comments"), comment_keys, comment_ren);
    o = json_object();
    if (!o || !items) {
        json_decref(o);
        json_decref(items);
        answer(resp, 500, NULL);
        return;
    }
    json_object_set_new(o, "items", items);
    json_object_set_new(o, "search_criteria", json_pack("{s:[]}", "filter_groups"));
    json_object_set_new(o, "total_count", json_integer((json_int_t)json_array_size(items)));
    answer(resp, 200, o);
}

/* POST comments: {"entity": {"parent_id", "comment", "is_customer_notified",
 * "is_visible_on_front"}} -> the saved comment (InvoiceCommentInterface) */
static void comment_add(struct worker *w, struct http_req *req, struct http_resp *resp,
                        int64_t path_id)
{
    struct md_ctx *ctx = &w->ctx;
    struct rest_err e = {0, NULL};
    struct md_fault f = {0, ""};
    json_t *root = NULL, *ent, *c;
    int64_t id = path_id;
    const char *inc;
    struct val *args[4], *res = NULL, *info = NULL;
    int notify = 0;

    if (rest_body_decode(req->content_type, req->body, req->body_len, &root, &e) != 0) {
        answer(resp, e.status, e.body);
        return;
    }
    ent = json_object_get(root, "entity");
    if (!json_is_object(ent)) {
        json_decref(root);
        json_t *p = json_pack("{s:s}", "fieldName", "entity");
        fail(resp, 400, REST_MSG_REQUIRED, p);
        return;
    }
    if (!id && json_is_integer(json_object_get(ent, "parent_id")))
        id = json_integer_value(json_object_get(ent, "parent_id"));
    c = json_object_get(ent, "comment");
    if (!json_is_string(c)) {
        json_decref(root);
        json_t *p = json_pack("{s:s}", "fieldName", "comment");
        fail(resp, 400, REST_MSG_REQUIRED, p);
        return;
    }
    notify = json_is_true(json_object_get(ent, "is_customer_notified")) ||
             (json_is_integer(json_object_get(ent, "is_customer_notified")) &&
              json_integer_value(json_object_get(ent, "is_customer_notified")) != 0);
    args[1] = val_str(ctx->arena, json_string_value(c));
    json_decref(root);
    if (!id) {
        fail(resp, 404, REST_MSG_NOT_FOUND, NULL);
        return;
    }
    if (invoice_inc(ctx, id, &inc, &f)) {
        fault(resp, &f, RES_INVOICE);
        return;
    }
    args[0] = val_str(ctx->arena, inc);
    args[2] = val_bool(ctx->arena, notify);
    args[3] = val_bool(ctx->arena, notify);
    if (api_rest_run(ctx, API_INV_ADD_COMMENT, args, 4, &res, &f) ||
        invoice_info(ctx, inc, &info, &f)) {
        fault(resp, &f, RES_INVOICE);
        return;
    }
    /* the newest comment (info lists them newest first) */
    const struct val *cl = val_map_get(info, "comments");
    if (!cl || cl->t != VAL_LIST || !cl->u.list.n) {
        answer(resp, 500, NULL);
        return;
    }
    answer(resp, 200, entity(cl->u.list.items[0], comment_keys, comment_ren, 1));
}

int rest_m2_handle(struct worker *w, struct http_req *req, struct http_resp *resp,
                   const char *rest)
{
    struct md_ctx *ctx = &w->ctx;
    struct md_fault f = {0, ""};
    char tokbuf[256];
    const char *token = rest_bearer(req->authorization, tokbuf, sizeof tokbuf), *seg = NULL,
               *inc = NULL;
    size_t seglen = 0;
    int ri = -1, other = 0;
    int64_t id;
    struct val *res = NULL, *args[1];

    if (!rest || !match(rest, req->method, &ri, &other, &seg, &seglen)) {
        if (!other)
            return 0;
        fail(resp, 405, REST_MSG_NO_ROUTE, NULL);
        return 1;
    }
    enum m2_route r = routes[ri].r;
    const char *resource = routes[ri].resource;
    int rc = api_rest_authorize_method(ctx, routes[ri].api, token, &f);
    if (rc) {
        fault(resp, &f, resource);
        return 1;
    }
    id = id_of(seg, seglen);
    switch (r) {
    case M2_ORDER:
        if (!id)
            md_fault_set(&f, MDF_ORD_NOT_EXISTS);
        if (!id || entity_inc(ctx, &search_orders, id, &inc, &f) ||
            (args[0] = val_str(ctx->arena, inc),
             api_rest_run(ctx, API_ORD_INFO, args, 1, &res, &f))) {
            fault(resp, &f, resource);
            return 1;
        }
        answer(resp, 200, order_json(res));
        return 1;
    case M2_INVOICES:
        rest_m2_search(w, req, resp, &search_invoices);
        return 1;
    case M2_ORDERS:
        rest_m2_search(w, req, resp, &search_orders);
        return 1;
    case M2_COMMENT_ADD:
        comment_add(w, req, resp, id);
        return 1;
    default:
        break;
    }
    if (!id || invoice_inc(ctx, id, &inc, &f)) {
        if (!id)
            md_fault_set(&f, MDF_NOT_EXISTS);
        fault(resp, &f, resource);
        return 1;
    }
    args[0] = val_str(ctx->arena, inc);
    switch (r) {
    case M2_INVOICE:
        if (api_rest_run(ctx, API_INV_INFO, args, 1, &res, &f))
            break;
        answer(resp, 200, invoice_json(res));
        return 1;
    case M2_COMMENTS:
        comments_list(ctx, resp, inc);
        return 1;
    case M2_CAPTURE:
    case M2_VOID:
        if (api_rest_run(ctx, routes[ri].api, args, 1, &res, &f))
            break;
        answer(resp, 200, json_true());
        return 1;
    case M2_EMAILS: {
        /* notify: the invoice e-mail to the customer (outbox), no comment text */
        struct val *a4[4] = {args[0], val_null(ctx->arena), val_bool(ctx->arena, 1),
                             val_bool(ctx->arena, 0)};
        if (api_rest_run(ctx, API_INV_ADD_COMMENT, a4, 4, &res, &f))
            break;
        answer(resp, 200, json_true());
        return 1;
    }
    default:
        md_fault_raw(&f, MD_FAULT_SERVER, "route");
        break;
    }
    fault(resp, &f, resource);
    return 1;
}
