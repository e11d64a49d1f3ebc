/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SOAP V1 codec (v1_codec.h).
 *
 * Decoding follows PHP ext/soap (php_encoding.c, soap.c): parts bound by
 * name when any child element carries a part name, else by position; an
 * xsi:type on a value wins over the part's declared type; untyped anyType
 * values are guessed (arrayType attribute -> array, element children ->
 * struct, else string); SOAP-ENC:Array, Apache ns2:Map (any prefix bound to
 * http://xml.apache.org/xml-soap), xsi:nil, and multi-reference values
 * (href="#id" / SOAP 1.2 enc:ref) anywhere in the document.
 *
 * Encoding reproduces SoapServer's output for xsd:anyType results: every
 * value typed from its PHP type, lists as SOAP-ENC:Array with a common item
 * type or xsd:ur-type, associative arrays as ns2:Map, NULL as xsi:nil, and
 * the namespace declarations on the Envelope in the order PHP first uses
 * them while serialising.
 */
#include "soap/v1_codec.h"

#include "api/api.h"

#include "soap/soapw.h"

#include "magesoapd/dec.h"

#include <libxml/tree.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define NS_ENV11 "http://schemas.xmlsoap.org/soap/envelope/"
#define NS_ENV12 "http://www.w3.org/2003/05/soap-envelope"
#define NS_ENC11 "http://schemas.xmlsoap.org/soap/encoding/"
#define NS_ENC12 "http://www.w3.org/2003/05/soap-encoding"
#define NS_XSD "http://www.w3.org/2001/XMLSchema"
#define NS_XSI "http://www.w3.org/2001/XMLSchema-instance"
#define NS_APACHE "http://xml.apache.org/xml-soap"
#define NS_RPC12 "http://www.w3.org/2003/05/soap-rpc"

enum kind {
    K_ANY,     /* xsd:anyType: guess from the element */
    K_STRING,
    K_INT,
    K_DOUBLE,
    K_BOOL,
    K_BASE64,
    K_HEX,
    K_ARRAY,   /* SOAP-ENC:Array, typens:FixedArray */
    K_MAP,     /* Apache Map */
    K_STRUCT,  /* SOAP-ENC:Struct / untyped element with children */
    K_UNKNOWN, /* an xsi:type PHP has no encoder for: keep the declared type */
    K_LITERAL, /* WS-I: untyped element with children (dec_wsi_literal) */
};

/* How each part of an operation is decoded; the operation and part names
 * are the API table's (src/api: name, v1_in). */
static const struct {
    enum kind kinds[V1_MAX_PARTS];
} ops[V1_OP_COUNT] = {
    [V1_LOGIN] = {{K_STRING, K_STRING}},
    [V1_CALL] = {{K_STRING, K_STRING, K_ANY}},
    [V1_MULTICALL] = {{K_STRING, K_ARRAY, K_ANY}},
    [V1_END_SESSION] = {{K_STRING}},
    [V1_START_SESSION] = {{K_ANY}},
    [V1_RESOURCES] = {{K_STRING}},
    [V1_GLOBAL_FAULTS] = {{K_STRING}},
    [V1_RESOURCE_FAULTS] = {{K_STRING, K_STRING}},
};

_Static_assert((int)V1_OP_COUNT == (int)API_HANDLER_COUNT, "one V1 operation per handler method");

static size_t op_nparts(int op)
{
    size_t n = 0;

    while (n < V1_MAX_PARTS && api_method((enum api_method)op)->v1_in[n].name)
        n++;
    return n;
}

static const char *op_part(int op, size_t p)
{
    return api_method((enum api_method)op)->v1_in[p].name;
}

const char *v1_op_name(enum v1_op op)
{
    return (unsigned)op < V1_OP_COUNT ? api_method((enum api_method)op)->name : "?";
}

/* ==== decoding ============================================================ */

struct idref {
    const char *id;
    xmlNode *node;
};

struct v1d {
    struct arena *a;
    const struct codec_limits *lim;
    xmlDoc *doc;
    struct md_fault *f;
    size_t values;
    struct idref *ids; /* sorted, built on the first href */
    size_t nids;
    int ids_built;
    int wsi; /* WS-I call/multiCall: untyped children take the literal shapes */
};

static struct val *enc_error(struct v1d *d, const char *what)
{
    if (!d->f->msg[0])
        md_fault_raw(d->f, MD_FAULT_SERVER, "SOAP-ERROR: Encoding: %s", what);
    return NULL;
}

static int starts_with(const char *s, const char *p)
{
    return strncmp(s, p, strlen(p)) == 0;
}

static int ends_with(const char *s, const char *p)
{
    size_t n = strlen(s), m = strlen(p);
    return n >= m && strcmp(s + n - m, p) == 0;
}

static int is_xsi(const xmlNs *ns)
{
    const char *h = ns && ns->href ? (const char *)ns->href : "";
    return starts_with(h, "http://www.w3.org/") && ends_with(h, "/XMLSchema-instance");
}

static int is_xsd_uri(const char *h)
{
    return starts_with(h, "http://www.w3.org/") && ends_with(h, "/XMLSchema");
}

static int is_enc_uri(const char *h)
{
    return !strcmp(h, NS_ENC11) || !strcmp(h, NS_ENC12);
}

static const char *attr_text(const xmlAttr *at)
{
    if (at && at->children && at->children->content)
        return (const char *)at->children->content;
    return "";
}

static const xmlAttr *xsi_attr(const xmlNode *n, const char *name)
{
    for (const xmlAttr *at = n->properties; at; at = at->next)
        if (at->name && !strcmp((const char *)at->name, name) && is_xsi(at->ns))
            return at;
    return NULL;
}

/* An attribute by local name, unqualified or in the given namespace (NULL = any). */
static const xmlAttr *attr_any(const xmlNode *n, const char *name, const char *ns_or_null,
                               int allow_unqualified)
{
    for (const xmlAttr *at = n->properties; at; at = at->next) {
        if (!at->name || strcmp((const char *)at->name, name))
            continue;
        if (!at->ns) {
            if (allow_unqualified)
                return at;
            continue;
        }
        if (!ns_or_null || (at->ns->href && !strcmp((const char *)at->ns->href, ns_or_null)))
            return at;
    }
    return NULL;
}

/* Resolve "prefix:local" in the scope of node: the namespace URI (or "" when
 * the prefix is unbound) and the local part. */
static void qname(xmlDoc *doc, const xmlNode *node, const char *qn, const char **uri,
                  const char **local, char *pfx, size_t pfxlen)
{
    const char *colon = strchr(qn, ':');
    xmlNs *ns;

    if (colon && (size_t)(colon - qn) < pfxlen) {
        memcpy(pfx, qn, (size_t)(colon - qn));
        pfx[colon - qn] = '\0';
        *local = colon + 1;
        ns = xmlSearchNs(doc, (xmlNode *)node, (const xmlChar *)pfx);
    } else {
        *local = colon ? colon + 1 : qn;
        ns = colon ? NULL : xmlSearchNs(doc, (xmlNode *)node, NULL);
    }
    *uri = ns && ns->href ? (const char *)ns->href : "";
}

static enum kind kind_of_type(const char *uri, const char *local)
{
    static const char *const strings[] = {
        "string", "normalizedString", "token", "language", "Name", "NCName", "NMTOKEN",
        "NMTOKENS", "anyURI", "QName", "NOTATION", "ID", "IDREF", "IDREFS", "ENTITY",
        "ENTITIES", "dateTime", "date", "time", "duration", "gYear", "gYearMonth", "gMonth",
        "gMonthDay", "gDay", "timeInstant", NULL};
    static const char *const ints[] = {
        "int", "integer", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
        "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt",
        "unsignedShort", "unsignedByte", NULL};

    if (is_xsd_uri(uri) || is_enc_uri(uri) || !*uri) {
        for (int i = 0; strings[i]; i++)
            if (!strcmp(local, strings[i]))
                return K_STRING;
        for (int i = 0; ints[i]; i++)
            if (!strcmp(local, ints[i]))
                return K_INT;
        if (!strcmp(local, "double") || !strcmp(local, "float") || !strcmp(local, "decimal"))
            return K_DOUBLE;
        if (!strcmp(local, "boolean"))
            return K_BOOL;
        if (!strcmp(local, "base64Binary") || !strcmp(local, "base64"))
            return K_BASE64;
        if (!strcmp(local, "hexBinary"))
            return K_HEX;
        if (!strcmp(local, "anyType") || !strcmp(local, "ur-type") ||
            !strcmp(local, "anySimpleType"))
            return K_ANY;
        if (!strcmp(local, "Array") && (is_enc_uri(uri) || !*uri))
            return K_ARRAY;
        if (!strcmp(local, "Struct") && (is_enc_uri(uri) || !*uri))
            return K_STRUCT;
        if (*uri)
            return K_UNKNOWN;
    }
    if (!strcmp(uri, NS_APACHE) || !*uri) {
        if (!strcmp(local, "Map"))
            return K_MAP;
        if (!strcmp(local, "Vector"))
            return K_ARRAY;
    }
    /* the V1 WSDL's only type, in whichever namespace the client used */
    if (!strcmp(local, "FixedArray"))
        return K_ARRAY;
    return K_UNKNOWN;
}

static int idref_cmp(const void *x, const void *y)
{
    return strcmp(((const struct idref *)x)->id, ((const struct idref *)y)->id);
}

/* Collect every element carrying an id (unqualified, or SOAP 1.2 enc:id). */
static int build_ids(struct v1d *d)
{
    xmlNode *root = xmlDocGetRootElement(d->doc), *n = root;
    size_t cap = 0;

    d->ids_built = 1;
    while (n) {
        if (n->type == XML_ELEMENT_NODE) {
            const xmlAttr *at = attr_any(n, "id", NS_ENC12, 1);
            if (at) {
                if (d->nids == cap) {
                    size_t ncap = cap ? cap * 2 : 16;
                    struct idref *p = arena_alloc(d->a, ncap * sizeof *p);
                    if (!p)
                        return -1;
                    if (d->nids)
                        memcpy(p, d->ids, d->nids * sizeof *p);
                    d->ids = p;
                    cap = ncap;
                }
                d->ids[d->nids].id = attr_text(at);
                d->ids[d->nids].node = n;
                d->nids++;
            }
            if (n->children) {
                n = n->children;
                continue;
            }
        }
        while (n && !n->next && n != root)
            n = n->parent;
        if (!n || n == root)
            break;
        n = n->next;
    }
    if (d->nids)
        qsort(d->ids, d->nids, sizeof *d->ids, idref_cmp);
    return 0;
}

/* Follow href="#id" / enc:ref="id" (chains too).  NULL + fault when unresolved. */
static xmlNode *resolve(struct v1d *d, xmlNode *n)
{
    for (int hops = 0; hops < 32; hops++) {
        const xmlAttr *at = attr_any(n, "href", NULL, 1);
        const char *id;
        struct idref key, *hit;

        if (at && at->ns)
            at = NULL; /* href must be unqualified */
        if (at) {
            id = attr_text(at);
            if (*id != '#') {
                enc_error(d, "Unresolved reference");
                return NULL;
            }
            id++;
        } else {
            at = attr_any(n, "ref", NS_ENC12, 0);
            if (!at)
                return n;
            id = attr_text(at);
        }
        if (!d->ids_built && build_ids(d)) {
            md_fault_raw(d->f, MD_FAULT_SERVER, "out of memory");
            return NULL;
        }
        key.id = id;
        hit = d->nids ? bsearch(&key, d->ids, d->nids, sizeof *d->ids, idref_cmp) : NULL;
        if (!hit) {
            enc_error(d, "Unresolved reference");
            return NULL;
        }
        n = hit->node;
    }
    enc_error(d, "Unresolved reference");
    return NULL;
}

static int has_text_or_children(const xmlNode *n)
{
    return n->children != NULL;
}

static int b64v(int c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

static struct val *dec_node(struct v1d *d, xmlNode *n, enum kind dflt, int depth);

static char *text_of(struct v1d *d, xmlNode *n, size_t *len)
{
    char *t = md_xml_text(d->a, n, len);

    if (!t) {
        md_fault_raw(d->f, MD_FAULT_SERVER, "out of memory");
        return NULL;
    }
    if ((int64_t)*len > d->lim->max_string) {
        md_fault_raw(d->f, MD_FAULT_CLIENT, "Bad Request: string longer than %lld bytes",
                     (long long)d->lim->max_string);
        return NULL;
    }
    return t;
}

static struct val *dec_scalar(struct v1d *d, xmlNode *n, enum kind k)
{
    size_t len;
    char *t, *s, *end;

    if (md_xml_has_element_child(n))
        return enc_error(d, "Violation of encoding rules");
    t = text_of(d, n, &len);
    if (!t)
        return NULL;
    switch (k) {
    case K_STRING:
        return val_strn(d->a, t, len);
    case K_INT: {
        long long ll;
        if (!has_text_or_children(n))
            return val_null(d->a);
        s = md_xml_trim(t);
        errno = 0;
        ll = strtoll(s, &end, 10);
        if (*s && !*end && !errno)
            return val_int(d->a, ll);
        if (*s && !*end && errno == ERANGE)
            return val_double(d->a, strtod(s, NULL)); /* PHP: too big for an int */
        return enc_error(d, "Violation of encoding rules");
    }
    case K_DOUBLE: {
        double dv;
        if (!has_text_or_children(n))
            return val_null(d->a);
        s = md_xml_trim(t);
        if (!strcmp(s, "INF"))
            return val_double(d->a, INFINITY);
        if (!strcmp(s, "-INF"))
            return val_double(d->a, -INFINITY);
        if (!strcmp(s, "NaN"))
            return val_double(d->a, NAN);
        dv = strtod(s, &end);
        if (!*s || *end)
            return enc_error(d, "Violation of encoding rules");
        return val_double(d->a, dv);
    }
    case K_BOOL:
        if (!has_text_or_children(n))
            return val_null(d->a);
        s = md_xml_trim(t);
        if (!strcasecmp(s, "true") || !strcasecmp(s, "t") || !strcmp(s, "1"))
            return val_bool(d->a, 1);
        if (!strcasecmp(s, "false") || !strcasecmp(s, "f") || !strcmp(s, "0"))
            return val_bool(d->a, 0);
        return val_bool(d->a, *s != '\0'); /* PHP (bool) of the string */
    case K_BASE64: {
        char *out = arena_alloc(d->a, len / 4 * 3 + 4);
        size_t o = 0;
        unsigned acc = 0;
        int bits = 0;
        if (!out)
            return enc_error(d, "out of memory");
        for (size_t i = 0; i < len; i++) {
            int v;
            if (t[i] == '=' || t[i] == ' ' || t[i] == '\n' || t[i] == '\r' || t[i] == '\t')
                continue;
            v = b64v((unsigned char)t[i]);
            if (v < 0)
                return enc_error(d, "Violation of encoding rules");
            acc = (acc << 6) | (unsigned)v;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                out[o++] = (char)((acc >> bits) & 0xff);
            }
        }
        return val_strn(d->a, out, o);
    }
    case K_HEX: {
        char *out;
        s = md_xml_trim(t);
        len = strlen(s);
        if (len % 2)
            return enc_error(d, "Violation of encoding rules");
        out = arena_alloc(d->a, len / 2 + 1);
        if (!out)
            return enc_error(d, "out of memory");
        for (size_t i = 0; i < len; i += 2) {
            char pair[3] = {s[i], s[i + 1], 0};
            char *e2;
            long b = strtol(pair, &e2, 16);
            if (*e2)
                return enc_error(d, "Violation of encoding rules");
            out[i / 2] = (char)b;
        }
        return val_strn(d->a, out, len / 2);
    }
    default:
        return val_strn(d->a, t, len);
    }
}

/* The item kind named by SOAP-ENC:arrayType="pfx:T[n]" / enc:itemType="pfx:T". */
static enum kind item_kind(struct v1d *d, const xmlNode *n)
{
    const xmlAttr *at = attr_any(n, "arrayType", NULL, 1);
    char buf[256], pfx[64];
    const char *uri, *local;
    enum kind k;

    if (!at)
        at = attr_any(n, "itemType", NULL, 1);
    if (!at)
        return K_ANY;
    snprintf(buf, sizeof buf, "%s", attr_text(at));
    char *br = strchr(buf, '[');
    if (br)
        *br = '\0';
    qname(d->doc, n, md_xml_trim(buf), &uri, &local, pfx, sizeof pfx);
    k = kind_of_type(uri, local);
    return k == K_UNKNOWN ? K_ANY : k;
}

/* Array dimensions as PHP counts them: commas after the last '[' of
 * arrayType + 1, or the tokens of SOAP 1.2 arraySize; 1 without either. */
static int array_dims(const xmlNode *n)
{
    const xmlAttr *at = attr_any(n, "arrayType", NULL, 1);
    const char *s;
    int dims = 1;

    if (at) {
        s = strrchr(attr_text(at), '[');
        for (s = s ? s : ""; *s && *s != ']'; s++)
            dims += *s == ',';
        return dims;
    }
    at = attr_any(n, "arraySize", NULL, 1);
    if (!at)
        return 1;
    dims = 0;
    for (s = attr_text(at); *s;) {
        while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
            s++;
        if (!*s)
            break;
        dims++;
        while (*s && *s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
            s++;
    }
    return dims ? dims : 1;
}

/* A one-dimensional SOAP-ENC offset="[2]" / position="[5]" the way PHP's
 * get_position_ex() reads it: from the last '[' (or the start), digits
 * accumulate (anything else but ',' and ']' is skipped; PHP's int wraps). */
static int32_t enc_position(const char *s)
{
    const char *b = strrchr(s, '[');
    uint32_t v = 0;

    for (s = b ? b : s; *s && *s != ']' && *s != ','; s++)
        if (*s >= '0' && *s <= '9')
            v = v * 10u + (uint32_t)(*s - '0');
    return (int32_t)v;
}

static int has_positions(const xmlNode *n)
{
    if (attr_any(n, "offset", NULL, 1))
        return 1;
    for (const xmlNode *c = n->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && attr_any(c, "position", NULL, 1))
            return 1;
    return 0;
}

/* A map keyed "0".."n-1" in order becomes the list it is. */
static struct val *map_to_list(struct v1d *d, struct val *m)
{
    struct val *list;

    if (!val_map_is_list(m))
        return m;
    list = val_list(d->a);
    if (!list)
        return enc_error(d, "out of memory");
    for (size_t i = 0; i < m->u.map.n; i++)
        if (val_list_push(d->a, list, m->u.map.kv[i].v))
            return enc_error(d, "out of memory");
    return list;
}

/* SOAP-ENC:offset on the array and SOAP-ENC:position on its items (SOAP
 * 1.1 §5.4.2.1/2, any namespace as PHP reads them): each item goes to the
 * index `position` names, else the one after the previous item (starting
 * at `offset`); a repeated index replaces the value in its first place.
 * Only for one dimension: PHP nests multi-dimensional arrays, not kept. */
static struct val *dec_array(struct v1d *d, xmlNode *n, int depth)
{
    int sparse = array_dims(n) == 1 && has_positions(n);
    struct val *list = sparse ? val_map(d->a) : val_list(d->a);
    enum kind ik = item_kind(d, n);
    const xmlAttr *at = attr_any(n, "offset", NULL, 1);
    int32_t pos = at ? enc_position(attr_text(at)) : 0;
    int count = 0;

    if (!list)
        return enc_error(d, "out of memory");
    for (xmlNode *c = n->children; c; c = c->next) {
        struct val *v;
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (++count > d->lim->max_items) {
            md_fault_raw(d->f, MD_FAULT_CLIENT, "Bad Request: more than %d array items",
                         d->lim->max_items);
            return NULL;
        }
        if (sparse && (at = attr_any(c, "position", NULL, 1)) != NULL)
            pos = enc_position(attr_text(at));
        v = dec_node(d, c, ik, depth + 1);
        if (!v)
            return NULL;
        if (sparse) {
            char *k = arena_printf(d->a, "%ld", (long)pos);
            pos = (int32_t)((uint32_t)pos + 1u);
            if (!k || val_map_set(d->a, list, k, v))
                return enc_error(d, "out of memory");
        } else if (val_list_push(d->a, list, v))
            return enc_error(d, "out of memory");
    }
    return sparse ? map_to_list(d, list) : list;
}

static xmlNode *child_elem(xmlNode *n, const char *name)
{
    for (xmlNode *c = n->children; c; c = c->next)
        if (md_xml_is(c, name))
            return c;
    return NULL;
}

static struct val *dec_map(struct v1d *d, xmlNode *n, int depth)
{
    struct val *map = val_map(d->a);
    int count = 0;

    if (!map)
        return enc_error(d, "out of memory");
    for (xmlNode *item = n->children; item; item = item->next) {
        xmlNode *kn, *vn;
        struct val *k, *v;
        const char *key;
        if (item->type != XML_ELEMENT_NODE)
            continue;
        if (++count > d->lim->max_items) {
            md_fault_raw(d->f, MD_FAULT_CLIENT, "Bad Request: more than %d map items",
                         d->lim->max_items);
            return NULL;
        }
        if (depth + 1 > d->lim->max_depth) {
            md_fault_raw(d->f, MD_FAULT_CLIENT, "Bad Request: nested too deeply");
            return NULL;
        }
        kn = child_elem(item, "key");
        vn = child_elem(item, "value");
        if (!kn)
            return enc_error(d, "Can't decode apache map, missing key");
        if (!vn)
            return enc_error(d, "Can't decode apache map, missing value");
        k = dec_node(d, kn, K_ANY, depth + 2);
        if (!k)
            return NULL;
        if (k->t == VAL_STR)
            key = k->u.s.p;
        else if (k->t == VAL_INT)
            key = arena_printf(d->a, "%lld", (long long)k->u.i);
        else
            return enc_error(d, "Can't decode apache map, "
                                "only Strings or Longs are allowd as keys"); /* sic */
        v = dec_node(d, vn, K_ANY, depth + 2);
        if (!v)
            return NULL;
        if (!key || val_map_set(d->a, map, key, v))
            return enc_error(d, "out of memory");
    }
    return map;
}

/* Untyped struct (PHP stdClass): child elements by local name; a repeated
 * name collects its values into a list, as ext/soap does. */
static struct val *dec_struct(struct v1d *d, xmlNode *n, int depth)
{
    struct val *map = val_map(d->a);
    struct val **made = NULL; /* lists created for repeated names */
    size_t nmade = 0, capmade = 0;
    int count = 0;

    if (!map)
        return enc_error(d, "out of memory");
    for (xmlNode *c = n->children; c; c = c->next) {
        struct val *v, *old;
        const char *name;
        int ours = 0;
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (++count > d->lim->max_items) {
            md_fault_raw(d->f, MD_FAULT_CLIENT, "Bad Request: more than %d struct members",
                         d->lim->max_items);
            return NULL;
        }
        v = dec_node(d, c, K_ANY, depth + 1);
        if (!v)
            return NULL;
        name = (const char *)c->name;
        old = val_map_get(map, name);
        if (!old) {
            if (val_map_push(d->a, map, arena_strdup(d->a, name), v))
                return enc_error(d, "out of memory");
            continue;
        }
        for (size_t i = 0; i < nmade; i++)
            if (made[i] == old)
                ours = 1;
        if (!ours) {
            struct val *l = val_list(d->a);
            if (!l || val_list_push(d->a, l, old))
                return enc_error(d, "out of memory");
            if (nmade == capmade) {
                size_t ncap = capmade ? capmade * 2 : 8;
                struct val **p = arena_alloc(d->a, ncap * sizeof *p);
                if (!p)
                    return enc_error(d, "out of memory");
                if (nmade)
                    memcpy(p, made, nmade * sizeof *p);
                made = p;
                capmade = ncap;
            }
            made[nmade++] = l;
            old = l;
        }
        if (val_list_push(d->a, old, v) || val_map_set(d->a, map, name, old))
            return enc_error(d, "out of memory");
    }
    return map;
}

/* An element named after its type (<xsd:string>, <SOAP-ENC:Array>,
 * <ns2:Map>): PHP's SoapClient names the items of an array it writes into a
 * literal xsd:anyType so. */
static int is_xsd_elem(const xmlNode *c)
{
    const char *h = c->ns && c->ns->href ? (const char *)c->ns->href : NULL;

    return h && (is_xsd_uri(h) || is_enc_uri(h) || !strcmp(h, NS_APACHE));
}

/* <item><key/><value/></item>: an Apache map item without its xsi:type */
static int is_map_item(xmlNode *c)
{
    return md_xml_is(c, "item") && child_elem(c, "key") && child_elem(c, "value");
}

/* WS-I literal shapes of an untyped element with children (docs/wsi-call.md):
 *  - every child named after a type (<xsd:string>, <xsd:anyType>,
 *    <SOAP-ENC:Array>, as PHP's SoapClient writes an array into a literal
 *    anyType) = a list, each item of the type its name says (xsi:type still
 *    wins);
 *  - every child an <item> with <key> and <value> = a map (Apache map shape,
 *    PHP's associative arrays);
 *  - every child <complexObjectArray> = a list of them (Magento's WS-I array
 *    form); when every item is exactly {key, value} with a scalar key, the
 *    map key => value instead (associativeArray, as Magento's
 *    wsiArrayUnpacker reads filters);
 *  - anything else is a struct, as V1 decodes it. */
static struct val *dec_wsi_literal(struct v1d *d, xmlNode *n, int depth)
{
    struct val *list, *map;
    int count = 0, pairs = 1, xsd = 1, items = 1, coa = 1;

    for (xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        xsd &= is_xsd_elem(c);
        items &= is_map_item(c);
        coa &= md_xml_is(c, "complexObjectArray") && !is_xsd_elem(c);
    }
    if (items)
        return dec_map(d, n, depth);
    if (!xsd && !coa)
        return dec_struct(d, n, depth);
    list = val_list(d->a);
    if (!list)
        return enc_error(d, "out of memory");
    for (xmlNode *c = n->children; c; c = c->next) {
        struct val *v;
        const struct val *k;
        enum kind ik = K_ANY;
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (++count > d->lim->max_items) {
            md_fault_raw(d->f, MD_FAULT_CLIENT, "Bad Request: more than %d array items",
                         d->lim->max_items);
            return NULL;
        }
        if (xsd) {
            ik = kind_of_type((const char *)c->ns->href, (const char *)c->name);
            if (ik == K_UNKNOWN)
                ik = K_ANY;
        }
        v = dec_node(d, c, ik, depth + 1);
        if (!v || val_list_push(d->a, list, v))
            return v ? enc_error(d, "out of memory") : NULL;
        k = v->t == VAL_MAP && v->u.map.n == 2 ? val_map_get(v, "key") : NULL;
        if (!k || !val_map_get(v, "value") || (k->t != VAL_STR && k->t != VAL_INT))
            pairs = 0;
    }
    if (xsd || !pairs || !list->u.list.n)
        return list;
    map = val_map(d->a);
    if (!map)
        return enc_error(d, "out of memory");
    for (size_t i = 0; i < list->u.list.n; i++) {
        const struct val *e = list->u.list.items[i], *k = val_map_get(e, "key");
        const char *key =
            k->t == VAL_STR ? k->u.s.p : arena_printf(d->a, "%lld", (long long)k->u.i);
        if (!key || val_map_set(d->a, map, key, val_map_get(e, "value")))
            return enc_error(d, "out of memory");
    }
    return map;
}

static struct val *dec_node(struct v1d *d, xmlNode *n, enum kind dflt, int depth)
{
    const xmlAttr *at;
    enum kind k = dflt;

    if (depth > d->lim->max_depth) {
        md_fault_raw(d->f, MD_FAULT_CLIENT, "Bad Request: nested deeper than %d levels",
                     d->lim->max_depth);
        return NULL;
    }
    if (++d->values > d->lim->max_values) {
        md_fault_raw(d->f, MD_FAULT_CLIENT, "Bad Request: too many values");
        return NULL;
    }
    n = resolve(d, n);
    if (!n)
        return NULL;
    at = xsi_attr(n, "nil");
    if (at) {
        const char *t = attr_text(at);
        if (!strcmp(t, "true") || !strcmp(t, "1"))
            return val_null(d->a);
    }
    at = xsi_attr(n, "type");
    if (at) {
        char buf[256], pfx[64];
        const char *uri, *local;
        enum kind tk;
        snprintf(buf, sizeof buf, "%s", attr_text(at));
        qname(d->doc, n, md_xml_trim(buf), &uri, &local, pfx, sizeof pfx);
        tk = kind_of_type(uri, local);
        if (tk != K_UNKNOWN)
            k = tk;
    }
    if (k == K_ANY || k == K_UNKNOWN) {
        if (attr_any(n, "arrayType", NULL, 1) || attr_any(n, "itemType", NULL, 1) ||
            attr_any(n, "arraySize", NULL, 1))
            k = K_ARRAY;
        else if (md_xml_has_element_child(n))
            k = d->wsi ? K_LITERAL : K_STRUCT;
        else
            k = K_STRING;
    }
    switch (k) {
    case K_ARRAY:
        return dec_array(d, n, depth);
    case K_MAP:
        return dec_map(d, n, depth);
    case K_STRUCT:
        return dec_struct(d, n, depth);
    case K_LITERAL:
        return dec_wsi_literal(d, n, depth);
    default:
        return dec_scalar(d, n, k);
    }
}

static xmlNode *first_elem(xmlNode *n)
{
    for (; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE)
            return n;
    return NULL;
}

/* Parse body into d (d->doc, freed by the caller with md_xml_free) and find
 * the first element of the SOAP Body.  NULL with d->f set when it is not
 * there. */
static xmlNode *open_body(struct v1d *d, struct arena *a, const struct codec_limits *lim,
                          const char *body, size_t len, int *soap12, struct md_fault *f)
{
    char msg[256];
    xmlNode *env, *bodyel = NULL, *fn;

    memset(d, 0, sizeof *d);
    d->a = a;
    d->lim = lim;
    d->f = f;
    f->code = 0;
    f->msg[0] = '\0';
    if (md_xml_has_dtd(body, len)) {
        md_fault_raw(f, MD_FAULT_CLIENT, "Bad Request: DTDs are not allowed in SOAP messages");
        return NULL;
    }
    d->doc = md_xml_parse(body, len, msg, sizeof msg);
    if (!d->doc) {
        md_fault_raw(f, MD_FAULT_CLIENT, "Bad Request: %s", msg);
        return NULL;
    }
    env = xmlDocGetRootElement(d->doc);
    if (!env || !md_xml_is(env, "Envelope") || !env->ns || !env->ns->href ||
        (strcmp((const char *)env->ns->href, NS_ENV11) &&
         strcmp((const char *)env->ns->href, NS_ENV12))) {
        md_fault_raw(f, MD_FAULT_CLIENT, "Bad Request: not a SOAP Envelope");
        return NULL;
    }
    *soap12 = !strcmp((const char *)env->ns->href, NS_ENV12);
    for (xmlNode *c = env->children; c; c = c->next)
        if (md_xml_is(c, "Body"))
            bodyel = c;
    if (!bodyel) {
        md_fault_raw(f, MD_FAULT_CLIENT, "Body header is missing");
        return NULL;
    }
    fn = first_elem(bodyel->children);
    if (!fn)
        md_fault_raw(f, MD_FAULT_CLIENT, "looks like we got \"Body\" without function call");
    return fn;
}

int v1_decode(struct arena *a, const struct codec_limits *lim, const char *body, size_t len,
              struct v1_request *out, struct md_fault *f)
{
    xmlNode *fn, *kids[V1_MAX_PARTS + 1];
    struct v1d d;
    size_t nkids = 0, nextra = 0;
    int use_names = 0, rc = -1, op = -1;

    memset(out, 0, sizeof *out);
    fn = open_body(&d, a, lim, body, len, &out->soap12, f);
    if (!fn)
        goto out;
    /* ext/soap looks functions up case-insensitively */
    for (int i = 0; i < V1_OP_COUNT; i++)
        if (!strcasecmp((const char *)fn->name, v1_op_name((enum v1_op)i)))
            op = i;
    if (op < 0) {
        md_fault_raw(f, MD_FAULT_SERVER, "Procedure '%.200s' not present", (const char *)fn->name);
        goto out;
    }
    out->op = (enum v1_op)op;
    if (3 > lim->max_depth) {
        md_fault_raw(f, MD_FAULT_CLIENT, "Bad Request: nested too deeply");
        goto out;
    }
    for (xmlNode *c = fn->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (nkids < V1_MAX_PARTS + 1)
            kids[nkids++] = c;
        else
            nextra++;
        for (size_t p = 0; p < op_nparts(op); p++)
            if (!strcmp((const char *)c->name, op_part(op, p)))
                use_names = 1;
    }
    if (op_nparts(op) == 0) {
        rc = 0; /* startSession takes nothing; PHP ignores what is there */
        goto out;
    }
    if (use_names) {
        for (size_t p = 0; p < op_nparts(op); p++) {
            xmlNode *hit = NULL;
            for (xmlNode *c = fn->children; c && !hit; c = c->next)
                if (md_xml_is(c, op_part(op, p)))
                    hit = c;
            out->params[p] = hit ? dec_node(&d, hit, ops[op].kinds[p], 4) : val_null(a);
            if (!out->params[p]) {
                if (!f->msg[0])
                    md_fault_raw(f, MD_FAULT_SERVER, "out of memory");
                goto out;
            }
        }
        out->nparams = op_nparts(op);
    } else {
        if (nkids + nextra > op_nparts(op)) {
            md_fault_raw(f, MD_FAULT_CLIENT, "Error cannot find parameter");
            goto out;
        }
        for (size_t p = 0; p < nkids; p++) {
            out->params[p] = dec_node(&d, kids[p], ops[op].kinds[p], 4);
            if (!out->params[p]) {
                if (!f->msg[0])
                    md_fault_raw(f, MD_FAULT_SERVER, "out of memory");
                goto out;
            }
        }
        out->nparams = nkids;
    }
    rc = 0;
out:
    md_xml_free(d.doc);
    return rc;
}

int v1_decode_wsi(struct arena *a, const struct codec_limits *lim, const char *body, size_t len,
                  enum v1_op op, struct v1_request *out, struct md_fault *f)
{
    const struct api_method_info *mi = api_method((enum api_method)op);
    xmlNode *fn;
    struct v1d d;
    int rc = -1;

    memset(out, 0, sizeof *out);
    out->op = op;
    fn = open_body(&d, a, lim, body, len, &out->soap12, f);
    if (!fn)
        goto out;
    d.wsi = 1;
    if (!mi || !mi->wsi_request || strcmp((const char *)fn->name, mi->wsi_request)) {
        md_fault_raw(f, MD_FAULT_SERVER, "Procedure '%.200s' not present", (const char *)fn->name);
        goto out;
    }
    if (3 > lim->max_depth) {
        md_fault_raw(f, MD_FAULT_CLIENT, "Bad Request: nested too deeply");
        goto out;
    }
    /* document/literal: children by (unqualified) name, an absent one is NULL */
    for (size_t p = 0; mi->wsi_in[p].name && p < V1_MAX_PARTS; p++) {
        int arg = mi->wsi_in[p].arg;
        xmlNode *hit = child_elem(fn, mi->wsi_in[p].name);
        if (arg < 0 || arg >= V1_MAX_PARTS) {
            md_fault_raw(f, MD_FAULT_SERVER, "bad WS-I part table");
            goto out;
        }
        /* sessionId and apiPath are xsd:string, the rest xsd:anyType */
        enum kind k = ops[op].kinds[arg] == K_STRING ? K_STRING : K_ANY;
        out->params[arg] = hit ? dec_node(&d, hit, k, 4) : val_null(a);
        if (!out->params[arg]) {
            if (!f->msg[0])
                md_fault_raw(f, MD_FAULT_SERVER, "out of memory");
            goto out;
        }
        if ((size_t)arg + 1 > out->nparams)
            out->nparams = (size_t)arg + 1;
    }
    rc = 0;
out:
    md_xml_free(d.doc);
    return rc;
}

/* ==== encoding ============================================================ */

enum uns { U_XSD, U_XSI, U_ENC, U_NS2, U_COUNT };

struct v1w {
    struct buf *b;
    struct soapw tw; /* for sw_text on b */
    const struct v1_enc *e;
    unsigned char order[U_COUNT];
    int norder;
    unsigned used;
};

static void use(struct v1w *w, enum uns ns)
{
    if (!(w->used & (1u << ns))) {
        w->used |= 1u << ns;
        w->order[w->norder++] = (unsigned char)ns;
    }
}

enum wk { W_NULL, W_TRUE, W_FALSE, W_INT, W_FLOAT, W_STR, W_MAP, W_ARRAY };

static enum wk wkind(const struct v1w *w, const struct val *v)
{
    if (!v)
        return W_NULL;
    switch (v->t) {
    case VAL_NULL:
        return W_NULL;
    case VAL_BOOL:
        return v->u.b ? W_TRUE : W_FALSE;
    case VAL_INT:
        return w->e->intcols ? W_INT : W_STR;
    case VAL_DEC:
    case VAL_STR:
        return W_STR;
    case VAL_DOUBLE:
        return W_FLOAT;
    case VAL_LIST:
        return W_ARRAY;
    case VAL_MAP:
        return v->u.map.n && !val_map_is_list(v) ? W_MAP : W_ARRAY;
    }
    return W_NULL;
}

static const char *enc_prefix(const struct v1w *w)
{
    return w->e->soap12 ? "enc" : "SOAP-ENC";
}

/* item type of a homogeneous array and the namespace it uses */
static const char *kind_type(const struct v1w *w, enum wk k, enum uns *ns, char *tmp, size_t n)
{
    switch (k) {
    case W_NULL:
        *ns = U_XSI;
        return "xsi:nil";
    case W_TRUE:
    case W_FALSE:
        *ns = U_XSD;
        return "xsd:boolean";
    case W_INT:
        *ns = U_XSD;
        return "xsd:int";
    case W_FLOAT:
        *ns = U_XSD;
        return "xsd:float";
    case W_STR:
        *ns = U_XSD;
        return "xsd:string";
    case W_MAP:
        *ns = U_NS2;
        return "ns2:Map";
    case W_ARRAY:
        *ns = U_ENC;
        snprintf(tmp, n, "%s:Array", enc_prefix(w));
        return tmp;
    }
    *ns = U_XSD;
    return "xsd:ur-type";
}

static size_t arr_len(const struct val *v)
{
    return v->t == VAL_LIST ? v->u.list.n : v->u.map.n;
}

static const struct val *arr_at(const struct val *v, size_t i)
{
    return v->t == VAL_LIST ? v->u.list.items[i] : v->u.map.kv[i].v;
}

static void put_text(struct v1w *w, const char *s, size_t n)
{
    sw_text(&w->tw, s, n);
}

/* <name ATTR"VALUE"> and </name> without printf (the writer's hottest lines). */
static void put_open(struct buf *b, const char *name, const char *attr, const char *value)
{
    buf_putc(b, '<');
    buf_puts(b, name);
    buf_puts(b, attr);
    buf_puts(b, value);
    buf_puts(b, "\">");
}

static void put_close(struct buf *b, const char *name)
{
    buf_puts(b, "</");
    buf_puts(b, name);
    buf_putc(b, '>');
}

static void write_value(struct v1w *w, const char *name, const struct val *v);

static void write_array(struct v1w *w, const char *name, const struct val *v, int fixed)
{
    size_t n = v ? arr_len(v) : 0;
    const char *T;
    char tmp[32], len[24];
    enum uns tns = U_XSD;
    int common = 0;

    if (fixed) {
        T = w->e->soap12 ? "xsd:anyType" : "xsd:ur-type";
        use(w, U_XSD);
    } else {
        enum wk k0 = n ? wkind(w, arr_at(v, 0)) : W_NULL;
        common = n > 0;
        for (size_t i = 1; common && i < n; i++)
            if (wkind(w, arr_at(v, i)) != k0)
                common = 0;
        if (common) {
            T = kind_type(w, k0, &tns, tmp, sizeof tmp);
            use(w, tns);
        } else {
            T = w->e->soap12 ? "xsd:anyType" : "xsd:ur-type";
        }
    }
    int streamed = v && val_stream_is(v); /* one page of a streamed list (val.h) */
    snprintf(len, sizeof len, "%zu", streamed ? val_list_total(v) : n);
    buf_putc(w->b, '<');
    buf_puts(w->b, name);
    if (w->e->soap12) {
        buf_printf(w->b, " enc:itemType=\"%s\" enc:arraySize=\"%s\"", T, len);
    } else {
        buf_printf(w->b, " SOAP-ENC:arrayType=\"%s[%s]\"", T, len);
    }
    use(w, U_ENC);
    use(w, common ? tns : U_XSD); /* the items' encoder namespace */
    if (fixed)
        buf_puts(w->b, " xsi:type=\"ns1:FixedArray\"");
    else
        buf_printf(w->b, " xsi:type=\"%s:Array\"", enc_prefix(w));
    if (!n && !streamed) {
        buf_puts(w->b, "/>");
    } else {
        buf_putc(w->b, '>');
        if (streamed)
            buf_puts(w->b, VAL_STREAM_BEGIN);
        for (size_t i = 0; i < n; i++)
            write_value(w, "item", arr_at(v, i));
        if (streamed)
            buf_puts(w->b, VAL_STREAM_END);
        put_close(w->b, name);
    }
    if (!fixed)
        use(w, U_ENC);
    use(w, U_XSI);
}

/* PHP turns canonical decimal string keys into integer keys */
static int int_key(const char *k)
{
    const char *p = k;

    if (*p == '-')
        p++;
    if (!*p || (p[0] == '0' && p[1]) || (k[0] == '-' && p[0] == '0'))
        return 0;
    for (; *p; p++)
        if (*p < '0' || *p > '9')
            return 0;
    if (strlen(k) > 20)
        return 0;
    errno = 0;
    (void)strtoll(k, NULL, 10);
    return errno == 0;
}

static void write_scalar(struct v1w *w, const char *name, const char *type, const char *s,
                         size_t n)
{
    use(w, U_XSD);
    use(w, U_XSI);
    put_open(w->b, name, " xsi:type=\"", type);
    put_text(w, s, n);
    put_close(w->b, name);
}

static void write_value(struct v1w *w, const char *name, const struct val *v)
{
    char tmp[64];

    switch (wkind(w, v)) {
    case W_NULL:
        use(w, U_XSI);
        buf_putc(w->b, '<');
        buf_puts(w->b, name);
        buf_puts(w->b, " xsi:nil=\"true\"/>");
        return;
    case W_TRUE:
        write_scalar(w, name, "xsd:boolean", "true", 4);
        return;
    case W_FALSE:
        write_scalar(w, name, "xsd:boolean", "false", 5);
        return;
    case W_INT:
        snprintf(tmp, sizeof tmp, "%lld", (long long)v->u.i);
        write_scalar(w, name, "xsd:int", tmp, strlen(tmp));
        return;
    case W_FLOAT:
        if (isnan(v->u.d))
            snprintf(tmp, sizeof tmp, "NaN");
        else if (isinf(v->u.d))
            snprintf(tmp, sizeof tmp, v->u.d > 0 ? "INF" : "-INF");
        else
            snprintf(tmp, sizeof tmp, "%.14G", v->u.d);
        write_scalar(w, name, "xsd:float", tmp, strlen(tmp));
        return;
    case W_STR:
        if (v->t == VAL_STR) {
            write_scalar(w, name, "xsd:string", v->u.s.p, v->u.s.n);
        } else if (v->t == VAL_DEC) {
            char d[24];
            dec_format(v->u.i, d);
            write_scalar(w, name, "xsd:string", d, strlen(d));
        } else {
            snprintf(tmp, sizeof tmp, "%lld", (long long)v->u.i);
            write_scalar(w, name, "xsd:string", tmp, strlen(tmp));
        }
        return;
    case W_MAP:
        put_open(w->b, name, " xsi:type=\"", "ns2:Map");
        for (size_t i = 0; i < v->u.map.n; i++) {
            const char *k = v->u.map.kv[i].key;
            use(w, U_XSI);
            buf_puts(w->b, int_key(k) ? "<item><key xsi:type=\"xsd:int\">"
                                      : "<item><key xsi:type=\"xsd:string\">");
            put_text(w, k, strlen(k));
            buf_puts(w->b, "</key>");
            write_value(w, "value", v->u.map.kv[i].v);
            buf_puts(w->b, "</item>");
        }
        put_close(w->b, name);
        use(w, U_NS2);
        use(w, U_XSI);
        return;
    case W_ARRAY:
        write_array(w, name, v, 0);
        return;
    }
}

/* The Envelope's declarations: the namespaces the body used, in first-use order. */
static void used_pairs(const struct v1w *w, const struct v1_enc *e, const char **pairs)
{
    static const char *const uri[U_COUNT] = {NS_XSD, NS_XSI, NULL, NS_APACHE};
    static const char *const pfx[U_COUNT] = {"xsd", "xsi", NULL, "ns2"};

    for (int i = 0; i < w->norder; i++) {
        enum uns u = (enum uns)w->order[i];
        pairs[2 * i] = u == U_ENC ? (e->soap12 ? "enc" : "SOAP-ENC") : pfx[u];
        pairs[2 * i + 1] = u == U_ENC ? (e->soap12 ? NS_ENC12 : NS_ENC11) : uri[u];
    }
    pairs[2 * w->norder] = NULL;
}

int v1_encode_wsi_response(struct buf *out, const struct v1_enc *e, enum v1_op op,
                           const struct val *result)
{
    const struct api_method_info *mi = api_method((enum api_method)op);
    struct buf body;
    struct v1w w;
    struct soapw hw;
    char tag[96];
    const char *pairs[2 * U_COUNT + 1];

    if (!mi || !mi->wsi_response)
        return -1;
    buf_init(&body, out->max ? out->max : 0);
    memset(&w, 0, sizeof w);
    w.b = &body;
    w.tw.b = &body;
    w.tw.style = SW_V1; /* the value itself: V1's bytes, no WS-I newlines */
    w.tw.soap12 = e->soap12;
    w.tw.ns = e->ns;
    w.e = e;
    /* xsd:anyType: every value carries its xsi:type, as callReturn does;
     * multiCall's list is a plain SOAP-ENC:Array (the WS-I WSDL declares
     * no FixedArray) */
    write_value(&w, "result", result);
    used_pairs(&w, e, pairs);
    hw.b = out;
    hw.style = SW_WSI;
    hw.soap12 = e->soap12;
    hw.ns = e->ns;
    hw.intcols = e->intcols;
    snprintf(tag, sizeof tag, "ns1:%s", mi->wsi_response);
    sw_envelope(&hw, pairs, 0);
    sw_response_open(&hw, tag, "result", 0);
    buf_put(out, body.p, body.n);
    sw_close(&hw, tag);
    sw_end(&hw);
    int failed = buf_failed(&body) || buf_failed(out);
    buf_free(&body);
    return failed ? -1 : 0;
}

int v1_encode_response(struct buf *out, const struct v1_enc *e, enum v1_op op,
                       const struct val *result)
{
    struct buf body;
    struct v1w w;
    struct soapw hw;
    char part[64], tag[96];
    const char *pairs[2 * U_COUNT + 1];

    buf_init(&body, out->max ? out->max : 0);
    memset(&w, 0, sizeof w);
    w.b = &body;
    w.tw.b = &body;
    w.tw.style = SW_V1;
    w.tw.soap12 = e->soap12;
    w.tw.ns = e->ns;
    w.e = e;
    snprintf(part, sizeof part, "%sReturn", v1_op_name(op));

    switch (op) {
    case V1_LOGIN:
    case V1_START_SESSION: {
        const char *s = result && result->t == VAL_STR ? result->u.s.p : "";
        write_scalar(&w, part, "xsd:string", s, strlen(s));
        break;
    }
    case V1_END_SESSION:
        write_scalar(&w, part, "xsd:boolean",
                     result && result->t == VAL_BOOL && !result->u.b ? "false" : "true",
                     result && result->t == VAL_BOOL && !result->u.b ? 5 : 4);
        break;
    case V1_CALL:
        write_value(&w, part, result);
        break;
    default:
        if (result && (result->t == VAL_LIST || result->t == VAL_MAP))
            write_array(&w, part, result, 1);
        else
            write_value(&w, part, result);
        break;
    }
    /* ext/soap adds xsd and the encoding namespace last when unused so far */
    use(&w, U_XSD);
    use(&w, U_ENC);

    used_pairs(&w, e, pairs);
    hw.b = out;
    hw.style = SW_V1;
    hw.soap12 = e->soap12;
    hw.ns = e->ns;
    snprintf(tag, sizeof tag, "ns1:%sResponse", v1_op_name(op));
    sw_envelope(&hw, pairs, 1);
    sw_response_open(&hw, tag, part, 1);
    buf_put(out, body.p, body.n);
    sw_close(&hw, tag);
    sw_end(&hw);
    int failed = buf_failed(&body) || buf_failed(out);
    buf_free(&body);
    return failed ? -1 : 0;
}

void v1_page_set(struct v1_page *p, const struct v1_enc *e, enum v1_op op, int wsi)
{
    memset(p, 0, sizeof *p);
    p->soap12 = e->soap12;
    p->intcols = e->intcols;
    p->wsi = wsi;
    p->op = op;
    snprintf(p->ns, sizeof p->ns, "%s", e->ns ? e->ns : "");
}

int v1_encode_page(const void *arg, const struct val *page, struct buf *out)
{
    const struct v1_page *p = arg;
    struct v1_enc e = {.soap12 = p->soap12, .ns = p->ns, .intcols = p->intcols};

    return p->wsi ? v1_encode_wsi_response(out, &e, p->op, page)
                  : v1_encode_response(out, &e, p->op, page);
}
