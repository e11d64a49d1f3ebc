/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The V2 and WS-I operations, written once: run the domain call, then write
 * the response in the caller's style (rpc/encoded V2 or document/literal
 * WS-I) exactly as Magento's SoapServer does.
 */
#include "soap/soap_int.h"

#include "magesoapd/dec.h"

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

/* Envelope + "<ns1:opResponse>" (V2) or "<ns1:opResponseParam>" (WS-I). */
static void resp_begin(struct soap_call *c, const char *op, enum sw_nsset set)
{
    char tag[128];

    buf_reset(c->sw.b);
    sw_begin(&c->sw, is_v2(c) ? set : NS_PLAIN);
    snprintf(tag, sizeof tag, "ns1:%s%s", op, is_v2(c) ? "Response" : "ResponseParam");
    sw_lt(&c->sw, tag);
    sw_gt(&c->sw);
}

static int resp_end(struct soap_call *c, const char *op)
{
    char tag[128];

    snprintf(tag, sizeof tag, "ns1:%s%s", op, is_v2(c) ? "Response" : "ResponseParam");
    sw_close(&c->sw, tag);
    sw_end(&c->sw);
    c->answered = 1;
    return SOP_DONE;
}

/* A single scalar result: V2 <part xsi:type="type">v</part>, WS-I <result>v</result>. */
static int resp_scalar(struct soap_call *c, const char *op, const char *v2part,
                       const char *xsdtype, const char *v)
{
    resp_begin(c, op, NS_ENC);
    sw_leaf(&c->sw, is_v2(c) ? v2part : "result", is_v2(c) ? xsdtype : NULL, v);
    return resp_end(c, op);
}

static struct md_ctx *ctx_of(struct soap_call *c)
{
    return &c->w->ctx;
}

/* PHP truthiness of a V2/WS-I xsd:string flag ("0" and "" are false, "false" is true). */
static int flag(const char *s)
{
    return s && *s && strcmp(s, "0") != 0;
}

int sop_login(struct soap_call *c, const char *user, const char *key)
{
    char sid[MD_SID_LEN + 1];
    struct md_fault f;

    if (md_login(ctx_of(c), user ? user : "", key ? key : "", sid, &f))
        return sop_fault(c, &f);
    return resp_scalar(c, "login", "loginReturn", "xsd:string", sid);
}

int sop_end_session(struct soap_call *c, const char *sid)
{
    md_end_session(ctx_of(c), sid ? sid : "");
    return resp_scalar(c, "endSession", "endSessionReturn", "xsd:boolean", "true");
}

int sop_start_session(struct soap_call *c)
{
    char sid[MD_SID_LEN + 1];

    md_start_session(ctx_of(c), sid);
    return resp_scalar(c, "startSession", "startSessionReturn", "xsd:string", sid);
}

/* ---- faults and resources ------------------------------------------------ */

static void fault_entity(struct soap_call *c, int code, const char *msg)
{
    char cs[16];

    snprintf(cs, sizeof cs, "%d", code);
    sw_lt(&c->sw, is_v2(c) ? "item" : "complexObjectArray");
    if (is_v2(c))
        sw_attr(&c->sw, "xsi:type", "ns1:existsFaltureEntity");
    sw_gt(&c->sw);
    sw_leaf(&c->sw, "code", is_v2(c) ? "xsd:string" : NULL, cs);
    sw_leaf(&c->sw, "message", is_v2(c) ? "xsd:string" : NULL, msg);
    sw_close(&c->sw, is_v2(c) ? "item" : "complexObjectArray");
}

static int fault_list(struct soap_call *c, const char *op, const char *v2part, int first,
                      int last)
{
    char at[64];

    resp_begin(c, op, NS_ENC_ARRAY);
    sw_lt(&c->sw, is_v2(c) ? v2part : "result");
    if (is_v2(c)) {
        snprintf(at, sizeof at, "ns1:existsFaltureEntity[%d]", last - first + 1);
        sw_attr(&c->sw, "SOAP-ENC:arrayType", at);
        sw_attr(&c->sw, "xsi:type", "ns1:ArrayOfExistsFaltures");
    }
    sw_gt(&c->sw);
    for (int id = first; id <= last; id++)
        fault_entity(c, md_fault_code((enum md_fault_id)id),
                     md_fault_text((enum md_fault_id)id));
    sw_close(&c->sw, is_v2(c) ? v2part : "result");
    return resp_end(c, op);
}

int sop_global_faults(struct soap_call *c, const char *sid)
{
    (void)sid; /* Magento answers without checking the session */
    return fault_list(c, "globalFaults", "globalFaultsReturn", MDF_UNKNOWN, MDF_PARAM_MISSING);
}

static int resource_known(const char *name)
{
    return name && (!strcmp(name, "sales_order_invoice") || !strcmp(name, "order_invoice"));
}

int sop_resource_faults(struct soap_call *c, const char *sid, const char *resource)
{
    struct md_fault f;

    if (md_session_check(ctx_of(c), sid ? sid : "", NULL, &f))
        return sop_fault(c, &f);
    if (!resource_known(resource))
        return sop_fault(c, (md_fault_set(&f, MDF_PATH_INVALID), &f));
    if (!md_session_allows(ctx_of(c), sid, "sales/order/invoice"))
        return sop_fault(c, (md_fault_set(&f, MDF_ACCESS_DENIED), &f));
    return fault_list(c, "resourceFaults", "resourceFaultsReturn", MDF_NOT_EXISTS,
                      MDF_STATUS_NOT_CHANGED);
}

static void string_array(struct soap_call *c, const char *name, const char *const *items,
                         size_t n)
{
    char at[48];

    sw_lt(&c->sw, name);
    if (is_v2(c)) {
        snprintf(at, sizeof at, "xsd:string[%zu]", n);
        sw_attr(&c->sw, "SOAP-ENC:arrayType", at);
        sw_attr(&c->sw, "xsi:type", "ns1:ArrayOfString");
    }
    if (!n) {
        sw_selfclose(&c->sw);
        return;
    }
    sw_gt(&c->sw);
    for (size_t i = 0; i < n; i++)
        sw_leaf(&c->sw, is_v2(c) ? "item" : "complexObjectArray", is_v2(c) ? "xsd:string" : NULL,
                items[i]);
    sw_close(&c->sw, name);
}

int sop_resources(struct soap_call *c, const char *sid)
{
    struct md_fault f;
    const char *item = is_v2(c) ? "item" : "complexObjectArray";
    const char *T = is_v2(c) ? "xsd:string" : NULL;
    size_t allowed = 0;
    char at[64], path[96], alias[96];

    if (md_session_check(ctx_of(c), sid ? sid : "", NULL, &f))
        return sop_fault(c, &f);
    for (int m = 0; m < MDM_COUNT; m++)
        allowed += md_session_allows(ctx_of(c), sid, md_method_get((enum md_method)m)->acl);
    resp_begin(c, "resources", NS_ENC_ARRAY);
    sw_lt(&c->sw, is_v2(c) ? "resourcesReturn" : "result");
    if (is_v2(c)) {
        snprintf(at, sizeof at, "ns1:apiEntity[%d]", allowed ? 1 : 0);
        sw_attr(&c->sw, "SOAP-ENC:arrayType", at);
        sw_attr(&c->sw, "xsi:type", "ns1:ArrayOfApis");
    }
    if (!allowed) {
        sw_selfclose(&c->sw);
        return resp_end(c, "resources");
    }
    sw_gt(&c->sw);
    sw_lt(&c->sw, item);
    if (is_v2(c))
        sw_attr(&c->sw, "xsi:type", "ns1:apiEntity");
    sw_gt(&c->sw);
    sw_leaf(&c->sw, "title", T, "Invoice API");
    sw_leaf(&c->sw, "name", T, "sales_order_invoice");
    static const char *const aliases[] = {"order_invoice"};
    string_array(c, "aliases", aliases, 1);
    sw_lt(&c->sw, "methods");
    if (is_v2(c)) {
        snprintf(at, sizeof at, "ns1:apiMethodEntity[%zu]", allowed);
        sw_attr(&c->sw, "SOAP-ENC:arrayType", at);
        sw_attr(&c->sw, "xsi:type", "ns1:ArrayOfApiMethods");
    }
    sw_gt(&c->sw);
    for (int m = 0; m < MDM_COUNT; m++) {
        const struct md_method_info *mi = md_method_get((enum md_method)m);
        if (!md_session_allows(ctx_of(c), sid, mi->acl))
            continue;
        snprintf(path, sizeof path, "sales_order_invoice.%s", mi->name);
        snprintf(alias, sizeof alias, "order_invoice.%s", mi->name);
        const char *al[] = {alias};
        sw_lt(&c->sw, item);
        if (is_v2(c))
            sw_attr(&c->sw, "xsi:type", "ns1:apiMethodEntity");
        sw_gt(&c->sw);
        sw_leaf(&c->sw, "title", T, mi->title);
        sw_leaf(&c->sw, "path", T, path);
        sw_leaf(&c->sw, "name", T, mi->name);
        string_array(c, "aliases", al, 1);
        sw_close(&c->sw, item);
    }
    sw_close(&c->sw, "methods");
    sw_close(&c->sw, item);
    sw_close(&c->sw, is_v2(c) ? "resourcesReturn" : "result");
    return resp_end(c, "resources");
}

/* ---- the invoice operations ---------------------------------------------- */

/* Magento's parseFilters for the object form: simple `filter` pairs become
 * field => value; `complex_filter` entries field => {op => operand} with
 * in/nin/finset operands split on commas; a simple filter on a field wins,
 * and for complex ones the first operator of each name is kept. */
static struct val *filters_to_map(struct arena *a, const struct sop_filter_pair *simple,
                                  size_t nsimple, const struct sop_filter_complex *cplx,
                                  size_t ncplx)
{
    struct val *map = val_map(a);

    for (size_t i = 0; map && i < nsimple; i++) {
        if (!simple[i].key || !simple[i].value)
            continue;
        if (val_map_set(a, map, simple[i].key, val_str(a, simple[i].value)))
            return NULL;
    }
    size_t nsimple_keys = map ? map->u.map.n : 0;
    for (size_t i = 0; map && i < ncplx; i++) {
        const struct sop_filter_complex *e = &cplx[i];
        struct val *operand, *cond;
        if (!e->key || !e->op || !e->value)
            continue;
        if (!strcmp(e->op, "in") || !strcmp(e->op, "nin") || !strcmp(e->op, "finset")) {
            operand = val_list(a);
            const char *p = e->value;
            for (;;) {
                const char *comma = strchr(p, ',');
                size_t len = comma ? (size_t)(comma - p) : strlen(p);
                if (val_list_push(a, operand, val_strn(a, p, len)))
                    return NULL;
                if (!comma)
                    break;
                p = comma + 1;
            }
        } else {
            operand = val_str(a, e->value);
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
            if (val_map_push(a, map, arena_strdup(a, e->key), cond))
                return NULL;
        }
        if (!val_map_get(cond, e->op) && val_map_push(a, cond, arena_strdup(a, e->op), operand))
            return NULL;
    }
    return map;
}

int sop_list(struct soap_call *c, const char *sid, int have_filters,
             const struct sop_filter_pair *simple, size_t nsimple,
             const struct sop_filter_complex *cplx, size_t ncplx)
{
    struct md_fault f;
    struct val *filters = NULL, *rows = NULL;

    if (md_authorize(ctx_of(c), sid ? sid : "", MDM_LIST, &f))
        return sop_fault(c, &f);
    if (have_filters) {
        filters = filters_to_map(c->w->ctx.arena, simple, nsimple, cplx, ncplx);
        if (!filters)
            return sop_fault(c, (md_fault_raw(&f, MD_FAULT_SERVER, "out of memory"), &f));
    }
    if (md_invoice_list(ctx_of(c), filters, &rows, &f))
        return sop_fault(c, &f);
    resp_begin(c, "salesOrderInvoiceList", NS_ENC_ARRAY);
    sw_entity_array(&c->sw, "result", &sw_invoice_list_entity, rows);
    return resp_end(c, "salesOrderInvoiceList");
}

int sop_info(struct soap_call *c, const char *sid, const char *inc)
{
    struct md_fault f;
    struct val *inv = NULL;

    if (md_authorize(ctx_of(c), sid ? sid : "", MDM_INFO, &f) ||
        md_invoice_info(ctx_of(c), inc ? inc : "", &inv, &f))
        return sop_fault(c, &f);
    resp_begin(c, "salesOrderInvoiceInfo", NS_ENC);
    sw_entity(&c->sw, "result", &sw_invoice_entity, inv);
    return resp_end(c, "salesOrderInvoiceInfo");
}

int sop_create(struct soap_call *c, const char *sid, const char *order_inc,
               const struct md_qty *qty, size_t nqty, const char *comment, const char *email,
               const char *include_comment)
{
    struct md_fault f;
    struct md_create_req r;
    const char *inc = NULL;

    if (md_authorize(ctx_of(c), sid ? sid : "", MDM_CREATE, &f))
        return sop_fault(c, &f);
    memset(&r, 0, sizeof r);
    r.order_inc = order_inc ? order_inc : "";
    r.qty = qty;
    r.nqty = nqty;
    r.comment = comment;
    r.email = flag(email);
    r.include_comment = flag(include_comment);
    r.mode = MD_CREATE_M1;
    if (md_invoice_create(ctx_of(c), &r, &inc, NULL, &f))
        return sop_fault(c, &f);
    return resp_scalar(c, "salesOrderInvoiceCreate", "result", "xsd:string", inc);
}

int sop_add_comment(struct soap_call *c, const char *sid, const char *inc, const char *comment,
                    const char *email, const char *include_comment)
{
    struct md_fault f;

    if (md_authorize(ctx_of(c), sid ? sid : "", MDM_ADDCOMMENT, &f) ||
        md_invoice_add_comment(ctx_of(c), inc ? inc : "", comment, flag(email),
                               flag(include_comment), &f))
        return sop_fault(c, &f);
    /* V2 declares xsd:boolean (true); WS-I declares xsd:string, so PHP's true is "1" */
    return resp_scalar(c, "salesOrderInvoiceAddComment", "result", "xsd:boolean",
                       is_v2(c) ? "true" : "1");
}

int sop_state_change(struct soap_call *c, const char *sid, const char *inc, enum md_method m)
{
    struct md_fault f;
    const char *op;
    int rc;

    if (md_authorize(ctx_of(c), sid ? sid : "", m, &f))
        return sop_fault(c, &f);
    switch (m) {
    case MDM_CAPTURE:
        op = "salesOrderInvoiceCapture";
        rc = md_invoice_capture(ctx_of(c), inc ? inc : "", &f);
        break;
    case MDM_VOID:
        op = "salesOrderInvoiceVoid";
        rc = md_invoice_void(ctx_of(c), inc ? inc : "", &f);
        break;
    default:
        op = "salesOrderInvoiceCancel";
        rc = md_invoice_cancel(ctx_of(c), inc ? inc : "", &f);
        break;
    }
    if (rc)
        return sop_fault(c, &f);
    return resp_scalar(c, op, "result", "xsd:boolean", is_v2(c) ? "true" : "1");
}
