/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The API table (src/api) against the contracts that stay separate files:
 * the served WSDLs (wsdl/v1.wsdl.in, v2.wsdl.in, wsi.wsdl.in) and the gSOAP
 * IDL the V2/WS-I dispatchers are generated from (wsdl/magento_*.gsoap.h).
 * Every table method with a V2 operation / WS-I element is in the WSDL and
 * the IDL with the same parts in order, and nothing is there that the table
 * does not have.  (tests/wsdl/check_agreement.py compares WSDL and IDL
 * types in depth.)
 */
#include "api/api.h"
#include "rpc/rest_int.h"
#include "soap/soap_int.h"

#include "t.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>

#define MAXN 64

static xmlDocPtr load_wsdl(const char *file)
{
    struct buf b;
    const char *tmpl = wsdl_template(file);
    xmlDocPtr doc = NULL;

    CHECK(tmpl != NULL);
    if (!tmpl)
        return NULL;
    buf_init(&b, 0);
    if (wsdl_render(&b, tmpl, "urn:Magento", "Magento", "http://x/") == 0)
        doc = xmlReadMemory(b.p, (int)b.n, file, NULL, XML_PARSE_NONET);
    buf_free(&b);
    CHECK(doc != NULL);
    return doc;
}

static int is_el(xmlNodePtr n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && !xmlStrcmp(n->name, BAD_CAST name);
}

/* Every element called `name` (any depth, document order). */
static int find_all(xmlNodePtr root, const char *name, xmlNodePtr *out, int max)
{
    int n = 0;

    for (xmlNodePtr c = root ? root->children : NULL; c; c = c->next) {
        if (is_el(c, name) && n < max)
            out[n++] = c;
        if (c->type == XML_ELEMENT_NODE)
            n += find_all(c, name, out + n, max - n);
    }
    return n;
}

static char *prop(xmlNodePtr n, const char *name)
{
    xmlChar *v = xmlGetProp(n, BAD_CAST name);
    char *s = v ? strdup((const char *)v) : NULL;

    xmlFree(v);
    return s;
}

static const char *local(const char *qname)
{
    const char *c = qname ? strchr(qname, ':') : NULL;
    return c ? c + 1 : qname;
}

/* The element named `kind` (message, element...) with name="name". */
static xmlNodePtr named(xmlDocPtr doc, const char *kind, const char *name)
{
    static xmlNodePtr all[8192];
    int n = find_all((xmlNodePtr)doc, kind, all, 8192);

    for (int i = 0; i < n; i++) {
        char *v = prop(all[i], "name");
        int hit = v && !strcmp(v, name);
        free(v);
        if (hit)
            return all[i];
    }
    return NULL;
}

/* Operation names of the (first) portType, in order. */
static int port_ops(xmlDocPtr doc, char **out, int max)
{
    xmlNodePtr pt[4], ops[MAXN];
    int n;

    if (find_all((xmlNodePtr)doc, "portType", pt, 4) < 1)
        return 0;
    n = find_all(pt[0], "operation", ops, max);
    for (int i = 0; i < n; i++)
        out[i] = prop(ops[i], "name");
    return n;
}

/* The message name of an operation's input/output in the portType. */
static char *op_message(xmlDocPtr doc, const char *op, const char *dir)
{
    xmlNodePtr pt[4], ops[MAXN];
    int n;

    if (find_all((xmlNodePtr)doc, "portType", pt, 4) < 1)
        return NULL;
    n = find_all(pt[0], "operation", ops, MAXN);
    for (int i = 0; i < n; i++) {
        char *name = prop(ops[i], "name");
        int hit = name && !strcmp(name, op);
        free(name);
        if (!hit)
            continue;
        for (xmlNodePtr c = ops[i]->children; c; c = c->next)
            if (is_el(c, dir)) {
                char *m = prop(c, "message");
                char *r = m ? strdup(local(m)) : NULL;
                free(m);
                return r;
            }
    }
    return NULL;
}

/* Part names (or the element of the single part, with `element`) of a message. */
static int message_parts(xmlDocPtr doc, const char *msg, char **out, int max, int element)
{
    xmlNodePtr m = named(doc, "message", msg);
    int n = 0;

    for (xmlNodePtr c = m ? m->children : NULL; c; c = c->next)
        if (is_el(c, "part") && n < max) {
            char *v = prop(c, element ? "element" : "name");
            out[n++] = v ? strdup(local(v)) : NULL;
            free(v);
        }
    return n;
}

/* Child element names of a top-level schema element's sequence. */
static int element_children(xmlDocPtr doc, const char *el, char **out, int max)
{
    xmlNodePtr e = named(doc, "element", el), kids[MAXN];
    int n = e ? find_all(e, "element", kids, max) : -1;

    for (int i = 0; i < n; i++)
        out[i] = prop(kids[i], "name");
    return n;
}

static void free_all(char **v, int n)
{
    for (int i = 0; i < n; i++)
        free(v[i]);
}

static void check_parts(const char *what, const struct api_part *in, char **got, int n)
{
    int i = 0;

    for (; in[i].name; i++) {
        if (i >= n || !got[i] || strcmp(in[i].name, got[i]) != 0) {
            fprintf(stderr, "%s: part %d is %s in the table, %s in the WSDL\n", what, i,
                    in[i].name, i < n && got[i] ? got[i] : "(none)");
            CHECK(0);
            return;
        }
    }
    if (i != n)
        fprintf(stderr, "%s: the WSDL has %d parts, the table %d\n", what, n, i);
    CHECK_EQ_INT(n, i);
}

enum wsdl_kind { K_V2, K_V1, K_WSI };

/* Operations of a portType are exactly the table's (as a set, no duplicates). */
static void check_op_set(xmlDocPtr doc, const char *file, enum wsdl_kind kind)
{
    char *ops[MAXN];
    int n = port_ops(doc, ops, MAXN), want = 0;

    for (int m = 0; m < API_METHOD_COUNT; m++) {
        const struct api_method_info *mi = api_method((enum api_method)m);
        const char *name = kind == K_V1  ? (m < API_HANDLER_COUNT ? mi->name : NULL)
                           : kind == K_WSI ? api_wsi_op(mi)
                                           : mi->v2_op;
        int found = 0;
        if (!name)
            continue;
        want++;
        for (int i = 0; i < n; i++)
            found += ops[i] && !strcmp(ops[i], name);
        if (found != 1)
            fprintf(stderr, "%s: operation %s found %d times\n", file, name, found);
        CHECK_EQ_INT(found, 1);
    }
    if (n != want)
        fprintf(stderr, "%s: %d operations, the table has %d\n", file, n, want);
    CHECK_EQ_INT(n, want);
    free_all(ops, n);
}

static void table_agrees_with_v1_wsdl(void)
{
    xmlDocPtr doc = load_wsdl("v1.wsdl.in");

    if (!doc)
        return;
    check_op_set(doc, "v1.wsdl.in", K_V1);
    for (int m = 0; m < API_HANDLER_COUNT; m++) {
        const struct api_method_info *mi = api_method((enum api_method)m);
        char *msg = op_message(doc, mi->name, "input"), *parts[MAXN];
        int n = msg ? message_parts(doc, msg, parts, MAXN, 0) : 0;
        CHECK(msg != NULL);
        check_parts(mi->name, mi->v1_in, parts, n);
        for (int i = 0; mi->v1_in[i].name; i++)
            CHECK(mi->v1_in[i].arg >= 0 && (size_t)mi->v1_in[i].arg < api_param_count(mi));
        free_all(parts, n);
        free(msg);
    }
    xmlFreeDoc(doc);
}

static void table_agrees_with_v2_wsdl(void)
{
    xmlDocPtr doc = load_wsdl("v2.wsdl.in");

    if (!doc)
        return;
    check_op_set(doc, "v2.wsdl.in", K_V2);
    for (int m = 0; m < API_METHOD_COUNT; m++) {
        const struct api_method_info *mi = api_method((enum api_method)m);
        char *parts[MAXN], *in, *out;
        int n;
        if (!mi->v2_op)
            continue;
        in = op_message(doc, mi->v2_op, "input");
        out = op_message(doc, mi->v2_op, "output");
        CHECK(in && out);
        n = in ? message_parts(doc, in, parts, MAXN, 0) : 0;
        check_parts(mi->v2_op, mi->v2_in, parts, n);
        free_all(parts, n);
        n = out ? message_parts(doc, out, parts, MAXN, 0) : 0;
        CHECK_EQ_INT(n, 1);
        if (n == 1)
            CHECK_EQ_STR(parts[0], mi->v2_return);
        free_all(parts, n);
        free(in);
        free(out);
        /* every argument slot a part fills exists */
        for (int i = 0; mi->v2_in[i].name; i++)
            CHECK(mi->v2_in[i].arg >= 0 && (size_t)mi->v2_in[i].arg < api_param_count(mi));
    }
    xmlFreeDoc(doc);
}

static void table_agrees_with_wsi_wsdl(void)
{
    xmlDocPtr doc = load_wsdl("wsi.wsdl.in");

    if (!doc)
        return;
    check_op_set(doc, "wsi.wsdl.in", K_WSI);
    for (int m = 0; m < API_METHOD_COUNT; m++) {
        const struct api_method_info *mi = api_method((enum api_method)m);
        const char *op = api_wsi_op(mi);
        char *parts[MAXN], *in, *out;
        int n;
        if (!op)
            continue;
        in = op_message(doc, op, "input");
        out = op_message(doc, op, "output");
        CHECK(in && out);
        n = in ? message_parts(doc, in, parts, MAXN, 1) : 0;
        if (!mi->wsi_request) {
            CHECK_EQ_INT(n, 0);
        } else {
            CHECK_EQ_INT(n, 1);
            if (n == 1) {
                char *kids[MAXN];
                int k;
                CHECK_EQ_STR(parts[0], mi->wsi_request);
                k = element_children(doc, mi->wsi_request, kids, MAXN);
                check_parts(mi->wsi_request, mi->wsi_in, kids, k);
                free_all(kids, k);
            }
        }
        free_all(parts, n);
        n = out ? message_parts(doc, out, parts, MAXN, 1) : 0;
        CHECK_EQ_INT(n, 1);
        if (n == 1)
            CHECK_EQ_STR(parts[0], mi->wsi_response);
        free_all(parts, n);
        free(in);
        free(out);
    }
    xmlFreeDoc(doc);
}

static char *slurp(const char *rel)
{
    char path[1024];
    FILE *f;
    char *p;
    size_t n;

    snprintf(path, sizeof path, "%s/%s", MD_SOURCE_DIR, rel);
    f = fopen(path, "rb");
    if (!f)
        return NULL;
    p = calloc(1, 1 << 20);
    n = p ? fread(p, 1, (1 << 20) - 1, f) : 0;
    if (p)
        p[n] = '\0';
    fclose(f);
    return p;
}

/* Parameter names of "int PREFIXop(...);" in an IDL, without the last one
 * (the response); -1 if the declaration is missing. */
static int idl_params(const char *idl, const char *prefix, const char *op, char **out, int max)
{
    char head[160];
    const char *p, *end;
    int n = 0;

    snprintf(head, sizeof head, "\nint %s%s(", prefix, op);
    p = strstr(idl, head);
    if (!p)
        return -1;
    p += strlen(head);
    end = strchr(p, ')');
    while (p && p < end && n < max) {
        const char *comma = memchr(p, ',', (size_t)(end - p));
        const char *stop = comma ? comma : end, *name = stop;
        while (name > p && (name[-1] == '_' || (name[-1] >= '0' && name[-1] <= '9') ||
                            (name[-1] >= 'a' && name[-1] <= 'z') ||
                            (name[-1] >= 'A' && name[-1] <= 'Z')))
            name--;
        out[n++] = strndup(name, (size_t)(stop - name));
        p = comma ? comma + 1 : NULL;
    }
    return n;
}

static int idl_count(const char *idl, const char *prefix)
{
    char head[64];
    int n = 0;

    snprintf(head, sizeof head, "\nint %s", prefix);
    for (const char *p = strstr(idl, head); p; p = strstr(p + 1, head))
        n++;
    return n;
}

static void table_agrees_with_gsoap_idl(void)
{
    char *v2 = slurp("wsdl/magento_v2.gsoap.h"), *wsi = slurp("wsdl/magento_wsi.gsoap.h");
    int want = 0, want_wsi = 0;

    CHECK(v2 && wsi);
    if (!v2 || !wsi)
        goto out;
    for (int m = 0; m < API_METHOD_COUNT; m++) {
        const struct api_method_info *mi = api_method((enum api_method)m);
        char *p[MAXN], expect[160];
        int n, i;
        if (api_wsi_op(mi))
            want_wsi++;
        if (!mi->v2_op)
            goto wsi;
        want++;
        /* V2: one C parameter per part, in order, then the response */
        n = idl_params(v2, "ns1__", mi->v2_op, p, MAXN);
        CHECK(n >= 1);
        for (i = 0; i < n - 1 && mi->v2_in[i].name; i++)
            CHECK_EQ_STR(p[i], mi->v2_in[i].name);
        CHECK_EQ_INT(i, n - 1);
        CHECK(!mi->v2_in[i].name);
        if (n >= 1)
            CHECK_EQ_STR(p[n - 1], mi->result == APR_INVOICE || mi->result == APR_ORDER ? "response"
                                                                            : mi->v2_return);
        free_all(p, n > 0 ? n : 0);
    wsi:
        if (!api_wsi_op(mi))
            continue;
        /* WS-I: the request wrapper (if any), then the response wrapper */
        n = idl_params(wsi, "__wsi__", api_wsi_op(mi), p, MAXN);
        CHECK_EQ_INT(n, mi->wsi_request ? 2 : 1);
        if (mi->wsi_request && n == 2) {
            snprintf(expect, sizeof expect, "wsi__%s", mi->wsi_request);
            CHECK_EQ_STR(p[0], expect);
        }
        if (n >= 1) {
            snprintf(expect, sizeof expect, "wsi__%s", mi->wsi_response);
            CHECK_EQ_STR(p[n - 1], expect);
        }
        free_all(p, n > 0 ? n : 0);
    }
    CHECK_EQ_INT(idl_count(v2, "ns1__"), want);
    CHECK_EQ_INT(idl_count(wsi, "__wsi__"), want_wsi);
out:
    free(v2);
    free(wsi);
}

/* The domain's ACL paths and titles (md_authorize uses them) are the table's. */
static void table_agrees_with_domain(void)
{
    for (int m = 0; m < MDM_COUNT; m++) {
        const struct md_method_info *d = md_method_get((enum md_method)m);
        const struct api_method_info *mi = api_method(api_of_md((enum md_method)m));
        CHECK_EQ_STR(mi->acl, d->acl);
        CHECK_EQ_STR(mi->name, d->name);
        CHECK_EQ_STR(mi->php, d->php);
        CHECK_EQ_STR(mi->title, d->title);
    }
    for (int m = 0; m < API_METHOD_COUNT; m++) {
        const struct api_method_info *mi = api_method((enum api_method)m);
        CHECK(mi->name && mi->faults);
        if (mi->v2_op)
            CHECK_EQ_INT(api_v2_find(mi->v2_op), m);
        if (m < API_HANDLER_COUNT)
            CHECK_EQ_INT(api_handler_find(mi->name), m);
    }
    CHECK_EQ_INT(api_handler_find("info"), -1);
}

/* Every REST route of the table is one the REST module dispatches, and
 * the module dispatches no route the table lacks. */
static void table_agrees_with_rest_routes(void)
{
    int routes = 0;

    for (int m = 0; m < API_METHOD_COUNT; m++) {
        const struct api_method_info *mi = api_method((enum api_method)m);
        char path[128], *brace;
        const char *seg = NULL;
        size_t seglen = 0;
        if (!mi->rest)
            continue;
        routes++;
        CHECK(strncmp(mi->rest, "POST /V1/", 9) == 0);
        snprintf(path, sizeof path, "%s", mi->rest + 8); /* "/integration/admin/token" */
        brace = strchr(path, '{');
        if (brace) { /* "{orderId}" -> "5" */
            char *end = strchr(brace, '}');
            CHECK(end != NULL);
            if (end)
                memmove(brace + 1, end + 1, strlen(end + 1) + 1);
            *brace = '5';
        }
        enum rest_route r = rest_route_match(path, &seg, &seglen);
        CHECK(r != REST_ROUTE_NONE);
        CHECK_EQ_INT(r, m == API_LOGIN ? REST_ROUTE_TOKEN : REST_ROUTE_INVOICE);
        if (r == REST_ROUTE_INVOICE)
            CHECK(seglen == 1 && seg[0] == '5');
    }
    CHECK_EQ_INT(routes, 2); /* REST_ROUTE_TOKEN, REST_ROUTE_INVOICE */
}

int main(void)
{
    T_RUN(table_agrees_with_v1_wsdl);
    T_RUN(table_agrees_with_v2_wsdl);
    T_RUN(table_agrees_with_wsi_wsdl);
    T_RUN(table_agrees_with_gsoap_idl);
    T_RUN(table_agrees_with_domain);
    T_RUN(table_agrees_with_rest_routes);
    xmlCleanupParser();
    return t_done();
}
