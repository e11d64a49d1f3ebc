/* SPDX-License-Identifier: GPL-2.0-or-later */
/* SOAP response writer (see soapw.h). */
#include "soap/soapw.h"

#include "magesoapd/dec.h"
#include "magesoapd/xmlesc.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define NS_SOAP11_ENV "http://schemas.xmlsoap.org/soap/envelope/"
#define NS_SOAP11_ENC "http://schemas.xmlsoap.org/soap/encoding/"
#define NS_SOAP12_ENV "http://www.w3.org/2003/05/soap-envelope"
#define NS_SOAP12_ENC "http://www.w3.org/2003/05/soap-encoding"
#define NS_XSD "http://www.w3.org/2001/XMLSchema"
#define NS_XSI "http://www.w3.org/2001/XMLSchema-instance"
#define NS_APACHE "http://xml.apache.org/xml-soap"
#define NS_SOAP12_RPC "http://www.w3.org/2003/05/soap-rpc"

static const char *env_prefix(const struct soapw *w)
{
    return w->soap12 ? "env" : "SOAP-ENV";
}

static void tag_start(struct soapw *w)
{
    struct buf *b = w->b;
    size_t n = b->n;

    /* a streamed list's marker (val.h) is not there as far as layout goes */
    if (n >= VAL_STREAM_MARK_LEN && b->p[n - 1] == VAL_STREAM_BEGIN[0])
        n -= VAL_STREAM_MARK_LEN;
    if (w->style != SW_V1 && n && b->p[n - 1] == '>')
        buf_putc(b, '\n');
    buf_putc(b, '<');
}

void sw_lt(struct soapw *w, const char *name)
{
    tag_start(w);
    buf_puts(w->b, name);
}

static void attr_escaped(struct buf *b, const char *v)
{
    for (; *v; v++) {
        size_t run = strcspn(v, "&<>\"");
        if (run) { /* copy up to the next character to escape */
            buf_put(b, v, run);
            v += run;
            if (!*v)
                break;
        }
        switch (*v) {
        case '&':
            buf_puts(b, "&amp;");
            break;
        case '<':
            buf_puts(b, "&lt;");
            break;
        case '>':
            buf_puts(b, "&gt;");
            break;
        case '"':
            buf_puts(b, "&quot;");
            break;
        default:
            buf_putc(b, *v);
        }
    }
}

void sw_attr(struct soapw *w, const char *name, const char *value)
{
    buf_putc(w->b, ' ');
    buf_puts(w->b, name);
    buf_puts(w->b, "=\"");
    attr_escaped(w->b, value);
    buf_putc(w->b, '"');
}

void sw_array_attrs(struct soapw *w, const char *item_type, size_t n)
{
    char at[160];

    if (w->soap12) {
        /* SOAP 1.2 encoding, as PHP writes it (and the V1 codec) */
        sw_attr(w, "enc:itemType", item_type);
        snprintf(at, sizeof at, "%zu", n);
        sw_attr(w, "enc:arraySize", at);
    } else {
        snprintf(at, sizeof at, "%s[%zu]", item_type, n);
        sw_attr(w, "SOAP-ENC:arrayType", at);
    }
}

void sw_gt(struct soapw *w)
{
    buf_putc(w->b, '>');
}

void sw_selfclose(struct soapw *w)
{
    buf_puts(w->b, "/>");
}

void sw_close(struct soapw *w, const char *name)
{
    tag_start(w);
    buf_putc(w->b, '/');
    buf_puts(w->b, name);
    buf_putc(w->b, '>');
}

void sw_text(struct soapw *w, const char *s, size_t n)
{
    xml_escape(w->b, s, n, 0);
}

void sw_leaf(struct soapw *w, const char *name, const char *type, const char *text)
{
    sw_lt(w, name);
    if (type)
        sw_attr(w, "xsi:type", type);
    sw_gt(w);
    sw_text(w, text, strlen(text));
    /* the closing tag follows text directly: no newline even in V2 */
    buf_puts(w->b, "</");
    buf_puts(w->b, name);
    buf_putc(w->b, '>');
}

static void decl(struct soapw *w, const char *prefix, const char *uri)
{
    buf_puts(w->b, " xmlns:");
    buf_puts(w->b, prefix);
    buf_puts(w->b, "=\"");
    buf_puts(w->b, uri);
    buf_putc(w->b, '"');
}

void sw_envelope(struct soapw *w, const char *const *pairs, int encoded)
{
    const char *env = env_prefix(w);

    buf_puts(w->b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<");
    buf_puts(w->b, env);
    buf_puts(w->b, ":Envelope");
    decl(w, env, w->soap12 ? NS_SOAP12_ENV : NS_SOAP11_ENV);
    decl(w, "ns1", w->ns);
    for (; pairs && pairs[0]; pairs += 2)
        decl(w, pairs[0], pairs[1]);
    if (encoded && !w->soap12)
        buf_puts(w->b, " SOAP-ENV:encodingStyle=\"" NS_SOAP11_ENC "\"");
    buf_putc(w->b, '>');
    sw_lt(w, env);
    buf_puts(w->b, ":Body");
    if (encoded && w->soap12)
        sw_attr(w, "xmlns:rpc", NS_SOAP12_RPC);
    sw_gt(w);
}

void sw_response_open(struct soapw *w, const char *tag, const char *part, int encoded)
{
    sw_lt(w, tag);
    if (encoded && w->soap12) {
        /* ext/soap's SOAP 1.2 rpc style names the result part */
        sw_attr(w, "env:encodingStyle", NS_SOAP12_ENC);
        sw_gt(w);
        buf_puts(w->b, "<rpc:result>");
        buf_puts(w->b, part);
        buf_puts(w->b, "</rpc:result>");
        return;
    }
    sw_gt(w);
}

void sw_begin(struct soapw *w, enum sw_nsset set)
{
    const char *enc = w->soap12 ? NS_SOAP12_ENC : NS_SOAP11_ENC;
    const char *encp = w->soap12 ? "enc" : "SOAP-ENC";
    const char *p[12] = {NULL};

    switch (set) {
    case NS_PLAIN:
        break;
    case NS_ENC:
        p[0] = "xsd", p[1] = NS_XSD, p[2] = "xsi", p[3] = NS_XSI, p[4] = encp, p[5] = enc;
        break;
    case NS_ENC_ARRAY:
        p[0] = encp, p[1] = enc, p[2] = "xsd", p[3] = NS_XSD, p[4] = "xsi", p[5] = NS_XSI;
        break;
    case NS_ENC_MAP:
        p[0] = "xsi", p[1] = NS_XSI, p[2] = "xsd", p[3] = NS_XSD, p[4] = "ns2", p[5] = NS_APACHE;
        p[6] = encp, p[7] = enc;
        break;
    case NS_ENC_LIST:
        p[0] = "ns2", p[1] = NS_APACHE, p[2] = encp, p[3] = enc, p[4] = "xsi", p[5] = NS_XSI;
        p[6] = "xsd", p[7] = NS_XSD;
        break;
    case NS_ENC_MULTI:
        p[0] = "xsd", p[1] = NS_XSD, p[2] = encp, p[3] = enc, p[4] = "xsi", p[5] = NS_XSI;
        p[6] = "ns2", p[7] = NS_APACHE;
        break;
    }
    sw_envelope(w, p, set != NS_PLAIN);
}

void sw_end(struct soapw *w)
{
    char tag[32];

    snprintf(tag, sizeof tag, "%s:Body", env_prefix(w));
    sw_close(w, tag);
    snprintf(tag, sizeof tag, "%s:Envelope", env_prefix(w));
    sw_close(w, tag);
    buf_putc(w->b, '\n');
}

void sw_fault(struct soapw *w, const struct md_fault *f)
{
    char code[32];

    if (f->code == MD_FAULT_CLIENT || f->code == MD_FAULT_IDEM_CONFLICT)
        snprintf(code, sizeof code, "%s:%s", env_prefix(w), w->soap12 ? "Sender" : "Client");
    else if (f->code < 0)
        snprintf(code, sizeof code, "%s:%s", env_prefix(w), w->soap12 ? "Receiver" : "Server");
    else
        snprintf(code, sizeof code, "%d", f->code);

    buf_puts(w->b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<");
    buf_puts(w->b, env_prefix(w));
    buf_puts(w->b, ":Envelope");
    decl(w, env_prefix(w), w->soap12 ? NS_SOAP12_ENV : NS_SOAP11_ENV);
    buf_putc(w->b, '>');
    sw_lt(w, w->soap12 ? "env:Body" : "SOAP-ENV:Body");
    sw_gt(w);
    sw_lt(w, w->soap12 ? "env:Fault" : "SOAP-ENV:Fault");
    sw_gt(w);
    if (w->soap12) {
        sw_lt(w, "env:Code");
        sw_gt(w);
        sw_leaf(w, "env:Value", NULL, code);
        sw_close(w, "env:Code");
        sw_lt(w, "env:Reason");
        sw_gt(w);
        sw_leaf(w, "env:Text", NULL, f->msg);
        sw_close(w, "env:Reason");
    } else {
        sw_leaf(w, "faultcode", NULL, code);
        sw_leaf(w, "faultstring", NULL, f->msg);
    }
    sw_close(w, w->soap12 ? "env:Fault" : "SOAP-ENV:Fault");
    sw_end(w);
}

/* ---- typed entities --------------------------------------------------- */

static const char *const invoice_fields[] = {
    "increment_id", "parent_id", "store_id", "created_at", "updated_at", "is_active",
    "global_currency_code", "base_currency_code", "store_currency_code",
    "order_currency_code", "store_to_base_rate", "store_to_order_rate",
    "base_to_global_rate", "base_to_order_rate", "subtotal", "base_subtotal",
    "base_grand_total", "discount_amount", "base_discount_amount", "shipping_amount",
    "base_shipping_amount", "tax_amount", "base_tax_amount", "billing_address_id",
    "billing_firstname", "billing_lastname", "order_id", "order_increment_id",
    "order_created_at", "state", "grand_total", "invoice_id", "items", "comments", NULL};

static const char *const item_fields[] = {
    "increment_id", "parent_id", "created_at", "updated_at", "is_active", "weee_tax_applied",
    "qty", "cost", "price", "tax_amount", "row_total", "base_price", "base_tax_amount",
    "base_row_total", "base_weee_tax_applied_amount", "base_weee_tax_applied_row_amount",
    "weee_tax_applied_amount", "weee_tax_applied_row_amount", "weee_tax_disposition",
    "weee_tax_row_disposition", "base_weee_tax_disposition", "base_weee_tax_row_disposition",
    "sku", "name", "order_item_id", "product_id", "item_id", NULL};

static const char *const comment_fields[] = {"increment_id", "parent_id", "created_at",
                                             "updated_at", "is_active", "comment",
                                             "is_customer_notified", "comment_id", NULL};

const struct sw_type sw_invoice_item_entity = {"salesOrderInvoiceItemEntity", item_fields,
                                               {NULL, NULL}, {NULL, NULL}, {NULL, NULL, NULL},
                                               {NULL, NULL, NULL}};
const struct sw_type sw_invoice_comment_entity = {"salesOrderInvoiceCommentEntity",
                                                  comment_fields, {NULL, NULL}, {NULL, NULL},
                                                  {NULL, NULL, NULL}, {NULL, NULL, NULL}};
const struct sw_type sw_invoice_entity = {"salesOrderInvoiceEntity",
                                          invoice_fields,
                                          {"items", "comments"},
                                          {&sw_invoice_item_entity, &sw_invoice_comment_entity},
                                          {NULL, NULL, NULL}, {NULL, NULL, NULL}};
/* list rows carry only a subset of the keys; the same WSDL type and order */
const struct sw_type sw_invoice_list_entity = {"salesOrderInvoiceEntity", invoice_fields,
                                               {NULL, NULL}, {NULL, NULL}, {NULL, NULL, NULL},
                                               {NULL, NULL, NULL}};

const char *sw_scalar(struct arena *a, const struct val *v)
{
    if (v->t == VAL_BOOL)
        return v->u.b ? "1" : "";
    return val_to_cstr(a, v);
}

static const struct sw_type *entity_type_of(const struct sw_type *t, const char *field)
{
    for (int i = 0; i < 3; i++)
        if (t->ent_field[i] && strcmp(t->ent_field[i], field) == 0)
            return t->ent_type[i];
    return NULL;
}

static const struct sw_type *array_type_of(const struct sw_type *t, const char *field)
{
    for (int i = 0; i < 2; i++)
        if (t->arr_field[i] && strcmp(t->arr_field[i], field) == 0)
            return t->arr_type[i];
    return NULL;
}

/* A map's keys hashed into a small open-addressing table, so a WSDL type's
 * fields are looked up in O(1) instead of scanning the map per field. */
#define KEYIDX_SLOTS 512 /* at most; a table uses the smallest power of two >= 2n */

struct keyidx {
    unsigned mask;
    uint32_t hash[KEYIDX_SLOTS];
    int16_t at[KEYIDX_SLOTS]; /* map index + 1; 0 = empty */
};

static uint32_t fnv1a(const char *s)
{
    uint32_t h = 2166136261u;

    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 16777619u;
    }
    return h;
}

static int keyidx_build(struct keyidx *k, const struct val *map)
{
    unsigned slots = 16;

    if (!map || map->t != VAL_MAP || map->u.map.n > KEYIDX_SLOTS / 2)
        return -1;
    while (slots < 2 * map->u.map.n)
        slots *= 2;
    k->mask = slots - 1;
    memset(k->at, 0, slots * sizeof k->at[0]);
    for (size_t i = 0; i < map->u.map.n; i++) {
        uint32_t h = fnv1a(map->u.map.kv[i].key);
        unsigned slot = h & k->mask;
        while (k->at[slot])
            slot = (slot + 1) & k->mask;
        k->hash[slot] = h;
        k->at[slot] = (int16_t)(i + 1);
    }
    return 0;
}

/* First entry with that key (PHP arrays have unique keys). */
static const struct val *keyidx_get(const struct keyidx *k, const struct val *map, const char *key)
{
    uint32_t h = fnv1a(key);
    unsigned slot = h & k->mask;
    const struct val *found = NULL;
    size_t best = SIZE_MAX;

    while (k->at[slot]) {
        size_t i = (size_t)k->at[slot] - 1;
        if (k->hash[slot] == h && i < best && strcmp(map->u.map.kv[i].key, key) == 0) {
            found = map->u.map.kv[i].v;
            best = i;
        }
        slot = (slot + 1) & k->mask;
    }
    return found;
}

/* Decimal digits of v into the end of buf[24]; returns the start. */
static const char *fmt_i64(int64_t v, char buf[24])
{
    char *p = buf + 23;
    uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;

    *p = '\0';
    do {
        *--p = (char)('0' + a % 10);
        a /= 10;
    } while (a);
    if (v < 0)
        *--p = '-';
    return p;
}

static void entity_body(struct soapw *w, const struct sw_type *t, const struct val *map)
{
    struct keyidx idx;
    int indexed = keyidx_build(&idx, map) == 0;
    char tmp[24];

    for (const char *const *f = t->fields; *f; f++) {
        const struct val *v = indexed ? keyidx_get(&idx, map, *f) : val_map_get(map, *f);
        const struct sw_type *at;
        const char *s;
        if (!v || v->t == VAL_NULL)
            continue;
        at = array_type_of(t, *f);
        if (at) {
            if (v->t == VAL_LIST)
                sw_entity_array(w, *f, at, v);
            continue;
        }
        at = entity_type_of(t, *f);
        if (at) {
            if (v->t == VAL_MAP)
                sw_entity(w, *f, at, v);
            continue;
        }
        switch (v->t) {
        case VAL_LIST:
        case VAL_MAP:
            continue; /* not representable as xsd:string; ext/soap drops it too */
        case VAL_STR:
            sw_lt(w, *f);
            if (w->style == SW_V2)
                buf_puts(w->b, " xsi:type=\"xsd:string\"");
            sw_gt(w);
            sw_text(w, v->u.s.p, v->u.s.n);
            buf_puts(w->b, "</");
            buf_puts(w->b, *f);
            buf_putc(w->b, '>');
            continue;
        case VAL_INT:
            s = fmt_i64(v->u.i, tmp);
            break;
        case VAL_DEC:
            s = dec_format(v->u.i, tmp);
            break;
        case VAL_BOOL:
            s = v->u.b ? "1" : "";
            break;
        default:
            snprintf(tmp, sizeof tmp, "%.15g", v->u.d);
            s = tmp;
            break;
        }
        sw_leaf(w, *f, w->style == SW_V2 ? "xsd:string" : NULL, s);
    }
}

void sw_entity(struct soapw *w, const char *name, const struct sw_type *t, const struct val *map)
{
    sw_lt(w, name);
    if (w->style == SW_V2) { /* xsi:type="ns1:<type>" (a type name of ours: nothing to escape) */
        buf_puts(w->b, " xsi:type=\"ns1:");
        buf_puts(w->b, t->name);
        buf_putc(w->b, '"');
    }
    sw_gt(w);
    entity_body(w, t, map);
    sw_close(w, name);
}

void sw_entity_array(struct soapw *w, const char *name, const struct sw_type *t,
                     const struct val *list)
{
    size_t n = list && list->t == VAL_LIST ? list->u.list.n : 0;
    int streamed = val_stream_is(list); /* one page of a streamed list (val.h) */
    char at[128], type[96];

    sw_lt(w, name);
    if (w->style == SW_V2) {
        snprintf(at, sizeof at, "ns1:%s", t->name);
        snprintf(type, sizeof type, "ns1:%sArray", t->name);
        sw_array_attrs(w, at, streamed ? val_list_total(list) : n);
        sw_attr(w, "xsi:type", type);
    }
    if (n == 0 && !streamed) {
        sw_selfclose(w);
        return;
    }
    sw_gt(w);
    if (streamed)
        buf_puts(w->b, VAL_STREAM_BEGIN);
    for (size_t i = 0; i < n; i++)
        sw_entity(w, w->style == SW_V2 ? "item" : "complexObjectArray", t,
                  list->u.list.items[i]);
    if (streamed)
        buf_puts(w->b, VAL_STREAM_END);
    sw_close(w, name);
}
