/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The V2 and WS-I operations, written once: the gSOAP glue (v2_ops.c,
 * wsi_ops.c) hands the parts as struct val trees in WSDL order; sop_run maps
 * them onto the handler's arguments through the API table, runs the one
 * handler (api_dispatch) and writes its result in the caller's style
 * (rpc/encoded V2 or document/literal WS-I) exactly as Magento's SoapServer
 * does, typed by the table's result type.
 */
#include "soap/soap_int.h"

#include "api/api.h"

#include "magesoapd/dec.h"
#include "magesoapd/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define SOP_DONE 1000 /* == SOAP_STOP: the answer is written, gSOAP sends nothing */

const char *soap_profile_ns(const struct cfg *cfg)
{
    return cfg->profile == PROFILE_OPENMAGE ? "urn:OpenMage" : "urn:Magento";
}

const char *soap_profile_name(const struct cfg *cfg)
{
    return cfg->profile == PROFILE_OPENMAGE ? "OpenMage" : "Magento";
}

int sop_fault(struct soap_call *c, const struct md_fault *f)
{
    buf_reset(c->sw.b);
    sw_fault(&c->sw, f);
    c->answered = 1;
    c->protocol_error = f->code < 0;
    return SOP_DONE;
}

static int is_v2(const struct soap_call *c)
{
    return c->sw.style == SW_V2;
}

static const char *str_of(struct soap_call *c, const struct val *v)
{
    const char *s = v ? sw_scalar(c->w->ctx.arena, v) : "";
    return s ? s : "";
}

/* ---- faults and resources ------------------------------------------------ */

static void fault_entity(struct soap_call *c, const struct val *e)
{
    sw_lt(&c->sw, is_v2(c) ? "item" : "complexObjectArray");
    if (is_v2(c))
        sw_attr(&c->sw, "xsi:type", "ns1:existsFaltureEntity");
    sw_gt(&c->sw);
    sw_leaf(&c->sw, "code", is_v2(c) ? "xsd:string" : NULL, str_of(c, val_map_get(e, "code")));
    sw_leaf(&c->sw, "message", is_v2(c) ? "xsd:string" : NULL,
            str_of(c, val_map_get(e, "message")));
    sw_close(&c->sw, is_v2(c) ? "item" : "complexObjectArray");
}

static void write_faults(struct soap_call *c, const char *part, const struct val *list)
{
    sw_lt(&c->sw, part);
    if (is_v2(c)) {
        sw_array_attrs(&c->sw, "ns1:existsFaltureEntity", list->u.list.n);
        sw_attr(&c->sw, "xsi:type", "ns1:ArrayOfExistsFaltures");
    }
    sw_gt(&c->sw);
    for (size_t i = 0; i < list->u.list.n; i++)
        fault_entity(c, list->u.list.items[i]);
    sw_close(&c->sw, part);
}

static void string_array(struct soap_call *c, const char *name, const struct val *items)
{
    size_t n = items && items->t == VAL_LIST ? items->u.list.n : 0;
    sw_lt(&c->sw, name);
    if (is_v2(c)) {
        sw_array_attrs(&c->sw, "xsd:string", n);
        sw_attr(&c->sw, "xsi:type", "ns1:ArrayOfString");
    }
    if (!n) {
        sw_selfclose(&c->sw);
        return;
    }
    sw_gt(&c->sw);
    for (size_t i = 0; i < n; i++)
        sw_leaf(&c->sw, is_v2(c) ? "item" : "complexObjectArray", is_v2(c) ? "xsd:string" : NULL,
                str_of(c, items->u.list.items[i]));
    sw_close(&c->sw, name);
}

/* apiEntity / apiMethodEntity: the string fields in WSDL order, then aliases
 * and (apiEntity) methods; a NULL description is left out. */
static void api_entity(struct soap_call *c, const struct val *e, const char *type);

static void api_array(struct soap_call *c, const char *name, const struct val *list,
                      const char *type, const char *arrtype)
{
    size_t n = list && list->t == VAL_LIST ? list->u.list.n : 0;
    char at[64], t[48];

    sw_lt(&c->sw, name);
    if (is_v2(c)) {
        snprintf(at, sizeof at, "ns1:%s", type);
        snprintf(t, sizeof t, "ns1:%s", arrtype);
        sw_array_attrs(&c->sw, at, n);
        sw_attr(&c->sw, "xsi:type", t);
    }
    if (!n) {
        sw_selfclose(&c->sw);
        return;
    }
    sw_gt(&c->sw);
    for (size_t i = 0; i < n; i++)
        api_entity(c, list->u.list.items[i], type);
    sw_close(&c->sw, name);
}

static void api_entity(struct soap_call *c, const struct val *e, const char *type)
{
    static const char *const fields[] = {"title", "description", "path", "name", NULL};
    const char *item = is_v2(c) ? "item" : "complexObjectArray";
    char t[48];

    sw_lt(&c->sw, item);
    if (is_v2(c)) {
        snprintf(t, sizeof t, "ns1:%s", type);
        sw_attr(&c->sw, "xsi:type", t);
    }
    sw_gt(&c->sw);
    for (const char *const *f = fields; *f; f++) {
        const struct val *v = val_map_get(e, *f);
        if (v && v->t != VAL_NULL)
            sw_leaf(&c->sw, *f, is_v2(c) ? "xsd:string" : NULL, str_of(c, v));
    }
    string_array(c, "aliases", val_map_get(e, "aliases"));
    if (val_map_get(e, "methods"))
        api_array(c, "methods", val_map_get(e, "methods"), "apiMethodEntity", "ArrayOfApiMethods");
    sw_close(&c->sw, item);
}

/* ---- the answer, typed by the table --------------------------------------- */

/* A streamed list's page in V2/WS-I form (exchange.h proto_stream_encoder):
 * the list element alone, which holds the items as answer() writes them. */
struct typed_page {
    enum sw_style style;
    int soap12, intcols, order;
    char ns[64];
    char part[64];
};

static int typed_page(const void *arg, const struct val *page, struct buf *out)
{
    const struct typed_page *t = arg;
    struct soapw sw = {.b = out, .style = t->style, .soap12 = t->soap12, .ns = t->ns,
                       .intcols = t->intcols};

    sw_entity_array(&sw, t->part, t->order ? &sw_order_list_entity : &sw_invoice_list_entity,
                    page);
    return buf_failed(out) ? -1 : 0;
}

static void typed_stream(struct soap_call *c, const char *part, int order)
{
    struct typed_page t = {.style = c->sw.style, .soap12 = c->sw.soap12,
                           .intcols = c->sw.intcols, .order = order};

    if (!c->w->ctx.stream)
        return;
    snprintf(t.ns, sizeof t.ns, "%s", c->sw.ns ? c->sw.ns : "");
    snprintf(t.part, sizeof t.part, "%s", part);
    proto_stream_encoder(c->w, typed_page, &t, sizeof t);
}

static int answer(struct soap_call *c, const struct api_method_info *mi, const struct val *r)
{
    const char *part = is_v2(c) ? mi->v2_return : "result";
    int array = mi->result == APR_FAULTS || mi->result == APR_RESOURCES ||
                mi->result == APR_INVOICE_LIST || mi->result == APR_ORDER_LIST;
    char tag[128];

    /* V2 "<ns1:opResponse>", WS-I "<ns1:opResponseParam>" */
    if (is_v2(c))
        snprintf(tag, sizeof tag, "ns1:%sResponse", mi->v2_op);
    else
        snprintf(tag, sizeof tag, "ns1:%s", mi->wsi_response);
    buf_reset(c->sw.b);
    sw_begin(&c->sw, is_v2(c) ? (array ? NS_ENC_ARRAY : NS_ENC) : NS_PLAIN);
    sw_response_open(&c->sw, tag, part, is_v2(c));
    switch (mi->result) {
    case APR_STRING:
        sw_leaf(&c->sw, part, is_v2(c) ? "xsd:string" : NULL, str_of(c, r));
        break;
    case APR_BOOLEAN:
    case APR_BOOLEAN_STR:
        /* PHP's true as xsd:boolean is "true"; as WS-I's xsd:string it is "1" */
        sw_leaf(&c->sw, part, is_v2(c) ? "xsd:boolean" : NULL,
                is_v2(c) || mi->result == APR_BOOLEAN ? (val_truthy(r) ? "true" : "false")
                                                      : str_of(c, r));
        break;
    case APR_FAULTS:
        write_faults(c, part, r);
        break;
    case APR_RESOURCES:
        api_array(c, part, r, "apiEntity", "ArrayOfApis");
        break;
    case APR_INVOICE:
        sw_entity(&c->sw, part, &sw_invoice_entity, r);
        break;
    case APR_INVOICE_LIST:
        sw_entity_array(&c->sw, part, &sw_invoice_list_entity, r);
        typed_stream(c, part, 0);
        break;
    case APR_BOOLEAN_INT:
        /* PHP's true as V2's xsd:boolean is "true"; as WS-I's xsd:int "1" */
        sw_leaf(&c->sw, part, is_v2(c) ? "xsd:boolean" : NULL,
                is_v2(c) ? (val_truthy(r) ? "true" : "false") : (val_truthy(r) ? "1" : "0"));
        break;
    case APR_ORDER:
        sw_entity(&c->sw, part, &sw_order_entity, r);
        break;
    case APR_ORDER_LIST:
        sw_entity_array(&c->sw, part, &sw_order_list_entity, r);
        typed_stream(c, part, 1);
        break;
    case APR_ANY:
        break;
    }
    sw_close(&c->sw, tag);
    sw_end(&c->sw);
    c->answered = 1;
    return SOP_DONE;
}

void sop_unread(struct soap_call *c, const char *fmt, ...)
{
    va_list ap;

    if (c->nunread++)
        return;
    va_start(ap, fmt);
    vsnprintf(c->unread, sizeof c->unread, fmt, ap);
    va_end(ap);
}

/* A list whose filters could not be read in full would answer rows the
 * client did not ask for: after the session and ACL checks, fault 101
 * saying what was not read (docs/clients.md shows the shapes read). */
static int unread_filters(struct soap_call *c, const struct val *sid)
{
    struct md_ctx *ctx = &c->w->ctx;
    struct md_fault f;

    if (md_authorize(ctx, sid && sid->t == VAL_STR ? sid->u.s.p : "", MDM_LIST, &f) == 0) {
        c->unread_logged = 1;
        log_msg(LOG_WARN, "%s %s: list filters not read (%s; %d part%s): fault 101",
                c->req->peer, c->req->path, c->unread, c->nunread, c->nunread == 1 ? "" : "s");
        md_fault_setf(&f, MDF_INVALID_FILTER,
                      "Invalid filter given. Details in error message. The filters could not "
                      "be read in full: %s. filter and complex_filter are arrays of "
                      "associativeEntity / complexFilter items (see docs/clients.md).",
                      c->unread);
    }
    return sop_fault(c, &f);
}

int sop_run(struct soap_call *c, enum api_method m, struct val *const *parts, size_t nparts)
{
    const struct api_method_info *mi = api_method(m);
    const struct api_part *in = is_v2(c) ? mi->v2_in : mi->wsi_in;
    struct val *argv[API_MAX_PARAMS] = {NULL};
    size_t argc = api_param_count(mi);
    struct val *result = NULL;
    struct md_fault f;

    if (m == API_INV_LIST && c->nunread && nparts > 0)
        return unread_filters(c, parts[0]);
    for (size_t i = 0; i < nparts; i++) {
        /* a part the glue could not build (out of memory): fail closed */
        if (!parts[i] || !in[i].name)
            return sop_fault(c, (md_fault_raw(&f, MD_FAULT_SERVER, "out of memory"), &f));
        argv[in[i].arg] = parts[i];
    }
    for (size_t i = 0; i < argc; i++)
        if (!argv[i] && !(argv[i] = val_null(c->w->ctx.arena)))
            return sop_fault(c, (md_fault_raw(&f, MD_FAULT_SERVER, "out of memory"), &f));
    if (api_dispatch(&c->w->ctx, m, argv, argc, &result, &f))
        return sop_fault(c, &f);
    return answer(c, mi, result);
}

/* ---- decoding helpers for the glue ----------------------------------------- */

struct val *sop_str(struct soap_call *c, const char *s)
{
    return s ? val_str(c->w->ctx.arena, s) : val_null(c->w->ctx.arena);
}

/* Magento's parseFilters for the object form: simple `filter` pairs become
 * field => value; `complex_filter` entries field => {op => operand} with
 * in/nin/finset operands split on commas; a simple filter on a field wins,
 * and for complex ones the first operator of each name is kept.  NULL only
 * when out of memory. */
struct val *sop_filters(struct soap_call *c, int have_filters,
                        const struct sop_filter_pair *simple, size_t nsimple,
                        const struct sop_filter_complex *cplx, size_t ncplx)
{
    struct arena *a = c->w->ctx.arena;
    struct val *map;

    if (!have_filters)
        return val_null(a);
    map = val_map(a);
    for (size_t i = 0; map && i < nsimple; i++) {
        if (!simple[i].key || !simple[i].value) {
            sop_unread(c, "filter entry %zu has no %s", i + 1, simple[i].key ? "value" : "key");
            continue;
        }
        if (val_map_set(a, map, simple[i].key, val_str(a, simple[i].value)))
            return NULL;
    }
    size_t nsimple_keys = map ? map->u.map.n : 0;
    for (size_t i = 0; map && i < ncplx; i++) {
        const struct sop_filter_complex *e = &cplx[i];
        struct val *operand, *cond;
        if (!e->key || !e->op || !e->value) {
            sop_unread(c, "complex_filter entry %zu has no %s", i + 1,
                       !e->key ? "key" : !e->op ? "operator (value/key)" : "value (value/value)");
            continue;
        }
        if (!strcmp(e->op, "in") || !strcmp(e->op, "nin") || !strcmp(e->op, "finset")) {
            operand = val_list(a);
            const char *p = e->value;
            for (;;) {
                const char *comma = strchr(p, ',');
                size_t len = comma ? (size_t)(comma - p) : strlen(p);
                if (!operand || val_list_push(a, operand, val_strn(a, p, len)))
                    return NULL;
                if (!comma)
                    break;
                p = comma + 1;
            }
        } else {
            operand = val_str(a, e->value);
            if (!operand)
                return NULL;
        }
        cond = val_map_get(map, e->key);
        int is_simple = 0;
        for (size_t k = 0; k < nsimple_keys; k++)
            if (!strcmp(map->u.map.kv[k].key, e->key))
                is_simple = 1;
        if (is_simple)
            continue;
        if (!cond) {
            cond = val_map(a);
            if (!cond || val_map_push(a, map, arena_strdup(a, e->key), cond))
                return NULL;
        }
        if (!val_map_get(cond, e->op) && val_map_push(a, cond, arena_strdup(a, e->op), operand))
            return NULL;
    }
    return map;
}

/* itemsQty as a list of {order_item_id, qty}; entries lacking either field
 * are skipped (as Magento does); a qty that is no number Magento could use
 * becomes DEC_INVALID, which the domain refuses.  NULL only when out of memory. */
struct val *sop_qtys(struct soap_call *c, const struct sop_qty *q, size_t n)
{
    struct arena *a = c->w->ctx.arena;
    struct val *list = val_list(a);

    for (size_t i = 0; list && i < n; i++) {
        struct val *e, *id, *qty;
        int64_t dq;
        if (!q[i].item_id || !q[i].qty)
            continue;
        dq = dec_qty_from_double(*q[i].qty); /* DEC_INVALID: the domain refuses it */
        e = val_map(a);
        id = val_int(a, *q[i].item_id);
        qty = val_dec(a, dq);
        if (!e || !id || !qty || val_map_push(a, e, "order_item_id", id) ||
            val_map_push(a, e, "qty", qty) || val_list_push(a, list, e))
            return NULL;
    }
    return list;
}
