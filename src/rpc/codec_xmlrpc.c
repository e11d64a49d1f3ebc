/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * XML-RPC codec as Magento's Zend_XmlRpc_Server (ZF1 1.22) reads and writes
 * it (fact base §1.5, §8.6).  Requests are parsed with libxml2 (network off,
 * no entity substitution, DTDs refused); answers are written byte for byte
 * like ZF1's XMLWriter generator: the XML declaration, a newline, then the
 * methodResponse on one line without a trailing newline.
 */
#include "rpc/codec.h"

#include "magesoapd/dec.h"
#include "magesoapd/xmlesc.h"

#include <libxml/tree.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- decoding ------------------------------------------------------------ */

struct xrd {
    struct arena *a;
    const struct codec_limits *lim;
    size_t values;
    int fail_code; /* ZF1 fault code */
};

static const xmlNode *first_element(const xmlNode *n)
{
    for (; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE)
            return n;
    return NULL;
}

static const xmlNode *child_named(const xmlNode *parent, const char *name)
{
    for (const xmlNode *c = parent->children; c; c = c->next)
        if (md_xml_is(c, name))
            return c;
    return NULL;
}

static int b64val(int c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+' || c == '-')
        return 62;
    if (c == '/' || c == '_')
        return 63;
    return -1;
}

/* Lenient base64 (whitespace ignored, padding optional) into the arena. */
static struct val *b64_decode(struct arena *a, const char *s, size_t n)
{
    char *out = arena_alloc(a, n / 4 * 3 + 4);
    size_t o = 0;
    unsigned acc = 0;
    int bits = 0;

    if (!out)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        int v;
        if (s[i] == '=' || s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t')
            continue;
        v = b64val((unsigned char)s[i]);
        if (v < 0)
            return NULL;
        acc = (acc << 6) | (unsigned)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out[o++] = (char)((acc >> bits) & 0xff);
        }
    }
    return val_strn(a, out, o);
}

static struct val *xr_value(struct xrd *d, const xmlNode *value, int depth, const char **type);

static struct val *fail(struct xrd *d, int code)
{
    d->fail_code = code;
    return NULL;
}

static struct val *xr_array(struct xrd *d, const xmlNode *arr, int depth)
{
    const xmlNode *data = child_named(arr, "data");
    struct val *list = val_list(d->a);
    int n = 0;

    if (!list)
        return fail(d, XR_FAULT_BAD_VALUE);
    if (!data)
        return list; /* ZF1: an array without <data> is an empty array */
    for (const xmlNode *c = data->children; c; c = c->next) {
        struct val *v;
        if (!md_xml_is(c, "value"))
            continue;
        if (++n > d->lim->max_items)
            return fail(d, XR_FAULT_BAD_VALUE);
        v = xr_value(d, c, depth + 1, NULL);
        if (!v || val_list_push(d->a, list, v))
            return fail(d, d->fail_code ? d->fail_code : XR_FAULT_BAD_VALUE);
    }
    return list;
}

static struct val *xr_struct(struct xrd *d, const xmlNode *st, int depth)
{
    struct val *map = val_map(d->a);
    int n = 0;

    if (!map)
        return fail(d, XR_FAULT_BAD_VALUE);
    for (const xmlNode *m = st->children; m; m = m->next) {
        const xmlNode *name, *value;
        char *key;
        struct val *v;
        if (!md_xml_is(m, "member"))
            continue;
        name = child_named(m, "name");
        value = child_named(m, "value");
        if (!name || !value)
            return fail(d, XR_FAULT_BAD_VALUE); /* ZF1: "Member of the struct is missing" */
        if (++n > d->lim->max_items)
            return fail(d, XR_FAULT_BAD_VALUE);
        key = md_xml_text(d->a, name, NULL);
        if (!key)
            return fail(d, XR_FAULT_BAD_VALUE);
        v = xr_value(d, value, depth + 1, NULL);
        if (!v || val_map_set(d->a, map, key, v))
            return fail(d, d->fail_code ? d->fail_code : XR_FAULT_BAD_VALUE);
    }
    return map;
}

/* One <value>: its typed child, or its text as a string when untyped. */
static struct val *xr_value(struct xrd *d, const xmlNode *value, int depth, const char **type)
{
    const xmlNode *t = first_element(value->children);
    const char *name;
    char *text, *s, *end;
    size_t len;

    if (depth > d->lim->max_depth || ++d->values > d->lim->max_values)
        return fail(d, XR_FAULT_BAD_VALUE);
    if (!t) {
        if (type)
            *type = "string";
        text = md_xml_text(d->a, value, &len);
        if (!text || (int64_t)len > d->lim->max_string)
            return fail(d, XR_FAULT_BAD_VALUE);
        return val_strn(d->a, text, len);
    }
    name = (const char *)t->name;
    /* libxml2 names are local: ZF1's "ex:nil" / "ex:i8" land here as nil / i8 */
    if (depth + 1 > d->lim->max_depth)
        return fail(d, XR_FAULT_BAD_VALUE);
    if (!strcmp(name, "array")) {
        if (type)
            *type = "array";
        return xr_array(d, t, depth + 1);
    }
    if (!strcmp(name, "struct")) {
        if (type)
            *type = "struct";
        return xr_struct(d, t, depth + 1);
    }
    if (!strcmp(name, "nil")) {
        if (type)
            *type = "nil";
        return val_null(d->a);
    }
    text = md_xml_text(d->a, t, &len);
    if (!text || (int64_t)len > d->lim->max_string)
        return fail(d, XR_FAULT_BAD_VALUE);
    if (!strcmp(name, "string")) {
        if (type)
            *type = "string";
        return val_strn(d->a, text, len);
    }
    if (!strcmp(name, "int") || !strcmp(name, "i4") || !strcmp(name, "i8")) {
        long long ll;
        if (type)
            *type = name[0] == 'i' && name[1] == '8' ? "i8" : (name[1] == '4' ? "i4" : "int");
        s = md_xml_trim(text);
        errno = 0;
        ll = strtoll(s, &end, 10);
        if (!*s || *end || errno)
            return fail(d, XR_FAULT_BAD_VALUE);
        return val_int(d->a, ll);
    }
    if (!strcmp(name, "double")) {
        double dv;
        if (type)
            *type = "double";
        s = md_xml_trim(text);
        errno = 0;
        dv = strtod(s, &end);
        if (!*s || *end || !isfinite(dv))
            return fail(d, XR_FAULT_BAD_VALUE);
        return val_double(d->a, dv);
    }
    if (!strcmp(name, "boolean")) {
        if (type)
            *type = "boolean";
        s = md_xml_trim(text);
        /* XML-RPC says 0 or 1; "true"/"false" are accepted as meant */
        if (!strcmp(s, "1") || !strcmp(s, "true"))
            return val_bool(d->a, 1);
        if (!strcmp(s, "0") || !strcmp(s, "false") || !*s)
            return val_bool(d->a, 0);
        return fail(d, XR_FAULT_BAD_VALUE);
    }
    if (!strcmp(name, "base64")) {
        struct val *v;
        if (type)
            *type = "base64";
        v = b64_decode(d->a, text, len);
        return v ? v : fail(d, XR_FAULT_BAD_VALUE);
    }
    if (!strcmp(name, "dateTime.iso8601")) {
        if (type)
            *type = "dateTime.iso8601";
        return val_strn(d->a, text, len);
    }
    return fail(d, XR_FAULT_BAD_VALUE);
}

int xr_parse(struct arena *a, const struct codec_limits *lim, const char *body, size_t len,
             struct xr_request *out, struct md_fault *f)
{
    xmlDocPtr doc;
    const xmlNode *root, *mn, *params;
    struct xrd d = {a, lim, 0, 0};
    char *method;
    int rc = -1;

    memset(out, 0, sizeof *out);
    if (md_xml_has_dtd(body, len))
        return md_fault_raw(f, XR_FAULT_PARSE, "Failed to parse request");
    doc = md_xml_parse(body, len, NULL, 0);
    if (!doc)
        return md_fault_raw(f, XR_FAULT_PARSE, "Failed to parse request");
    root = xmlDocGetRootElement(doc);
    if (!root || !md_xml_is(root, "methodCall")) {
        md_fault_raw(f, XR_FAULT_PARSE, "Failed to parse request");
        goto out;
    }
    mn = child_named(root, "methodName");
    method = mn ? md_xml_text(a, mn, NULL) : NULL;
    if (method)
        method = md_xml_trim(method);
    if (!method || !*method) {
        md_fault_raw(f, XR_FAULT_NO_METHOD,
                     "Invalid request, no method passed; request must contain a 'methodName' tag");
        goto out;
    }
    out->method = method;
    params = child_named(root, "params");
    if (params) {
        for (const xmlNode *p = params->children; p; p = p->next) {
            const xmlNode *v;
            if (p->type != XML_ELEMENT_NODE)
                continue;
            v = child_named(p, "value");
            if (!v) {
                md_fault_raw(f, XR_FAULT_NO_VALUE, "Param must contain a value");
                goto out;
            }
            if (out->n >= XR_MAX_PARAMS) {
                md_fault_raw(f, XR_FAULT_SIGNATURE, "Calling parameters do not match signature");
                goto out;
            }
            out->params[out->n] = xr_value(&d, v, 3, &out->types[out->n]);
            if (!out->params[out->n]) {
                md_fault_raw(f, XR_FAULT_BAD_VALUE, "Error creating xmlrpc value");
                goto out;
            }
            out->n++;
        }
    }
    rc = 0;
out:
    md_xml_free(doc);
    return rc;
}

/* ---- encoding ------------------------------------------------------------ */

/* libxml2's xmlEncodeSpecialChars, as XMLWriter::text() escapes, under the
 * one XML escaping rule (xmlesc.h) */
static void text(struct buf *b, const char *s, size_t n)
{
    xml_escape(b, s, n, XE_QUOT);
}

static void scalar(struct buf *b, const char *type, const char *s, size_t n)
{
    buf_printf(b, "<value><%s>", type);
    text(b, s, n);
    buf_printf(b, "</%s></value>", type);
}

static void value(struct buf *b, const struct val *v, int intcols)
{
    char tmp[64];

    if (!v) {
        buf_puts(b, "<value><nil/></value>");
        return;
    }
    switch (v->t) {
    case VAL_NULL:
        buf_puts(b, "<value><nil/></value>");
        return;
    case VAL_BOOL:
        buf_puts(b, v->u.b ? "<value><boolean>1</boolean></value>"
                           : "<value><boolean>0</boolean></value>");
        return;
    case VAL_INT:
        snprintf(tmp, sizeof tmp, "%lld", (long long)v->u.i);
        scalar(b, intcols ? (v->u.i > 2147483647LL || v->u.i < -2147483648LL ? "i8" : "int")
                          : "string",
               tmp, strlen(tmp));
        return;
    case VAL_DEC: {
        char d[24];
        snprintf(tmp, sizeof tmp, "%s", dec_format(v->u.i, d));
        scalar(b, "string", tmp, strlen(tmp));
        return;
    }
    case VAL_DOUBLE:
        snprintf(tmp, sizeof tmp, "%.17g", v->u.d);
        scalar(b, "double", tmp, strlen(tmp));
        return;
    case VAL_STR:
        scalar(b, "string", v->u.s.p, v->u.s.n);
        return;
    case VAL_LIST: {
        int streamed = val_stream_is(v); /* one page of a streamed list (val.h) */
        if (!v->u.list.n && !streamed) {
            buf_puts(b, "<value><array><data/></array></value>");
            return;
        }
        buf_puts(b, "<value><array><data>");
        if (streamed)
            buf_puts(b, VAL_STREAM_BEGIN);
        for (size_t i = 0; i < v->u.list.n; i++)
            value(b, v->u.list.items[i], intcols);
        if (streamed)
            buf_puts(b, VAL_STREAM_END);
        buf_puts(b, "</data></array></value>");
        return;
    }
    case VAL_MAP:
        if (!v->u.map.n) {
            buf_puts(b, "<value><array><data/></array></value>");
            return;
        }
        if (val_map_is_list(v)) {
            buf_puts(b, "<value><array><data>");
            for (size_t i = 0; i < v->u.map.n; i++)
                value(b, v->u.map.kv[i].v, intcols);
            buf_puts(b, "</data></array></value>");
            return;
        }
        buf_puts(b, "<value><struct>");
        for (size_t i = 0; i < v->u.map.n; i++) {
            buf_puts(b, "<member><name>");
            text(b, v->u.map.kv[i].key, strlen(v->u.map.kv[i].key));
            buf_puts(b, "</name>");
            value(b, v->u.map.kv[i].v, intcols);
            buf_puts(b, "</member>");
        }
        buf_puts(b, "</struct></value>");
        return;
    }
}

#define XR_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"

void xr_write_response(struct buf *b, const struct val *v, int intcols)
{
    buf_puts(b, XR_DECL "<methodResponse><params><param>");
    value(b, v, intcols);
    buf_puts(b, "</param></params></methodResponse>");
}

void xr_write_fault(struct buf *b, int code, const char *msg)
{
    buf_puts(b, XR_DECL "<methodResponse><fault><value><struct><member><name>faultCode</name>"
                "<value><int>");
    buf_printf(b, "%d", code);
    buf_puts(b, "</int></value></member><member><name>faultString</name><value><string>");
    text(b, msg, strlen(msg));
    buf_puts(b, "</string></value></member></struct></value></fault></methodResponse>");
}
