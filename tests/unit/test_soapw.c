/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The SOAP writer against the recorded bytes, and its entity field tables
 * against the served WSDL templates (the encoder and the contract must not
 * drift apart).
 */
#include "soap/soap_int.h"
#include "soap/soapw.h"

#include "magesoapd/embedded.h"

#include "t.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>

static char *slurp(const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", MD_CAPTURES_DIR, name);
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "missing capture %s\n", path); /* the caller's CHECK fails */
        return NULL;
    }
    char *p = calloc(1, 1 << 20);
    size_t n = fread(p, 1, (1 << 20) - 1, f);
    p[n] = '\0';
    fclose(f);
    return p;
}

static void check_fault_bytes(enum sw_style style, const char *capture)
{
    struct buf b;
    struct soapw w = {&b, style, 0, "urn:OpenMage", 0};
    struct md_fault f;
    char *want = slurp(capture);

    buf_init(&b, 0);
    md_fault_set(&f, MDF_SESSION_EXPIRED);
    sw_fault(&w, &f);
    CHECK(want != NULL);
    if (want)
        CHECK_EQ_STR(buf_cstr(&b), want);
    free(want);
    buf_free(&b);
}

static void soapw_faults_match_the_recorded_bytes(void)
{
    check_fault_bytes(SW_V1, "v1-badsession.resp.xml");
    check_fault_bytes(SW_V2, "v2-badsession.resp.xml");
    check_fault_bytes(SW_WSI, "wsi-badsession.resp.xml");
}

static void soapw_v2_boolean_answer_matches_capture(void)
{
    struct buf b;
    struct soapw w = {&b, SW_V2, 0, "urn:OpenMage", 0};
    char *want = slurp("v2-capture-ok.resp.xml");

    buf_init(&b, 0);
    sw_begin(&w, NS_ENC);
    sw_lt(&w, "ns1:salesOrderInvoiceCaptureResponse");
    sw_gt(&w);
    sw_leaf(&w, "result", "xsd:boolean", "true");
    sw_close(&w, "ns1:salesOrderInvoiceCaptureResponse");
    sw_end(&w);
    CHECK(want != NULL);
    if (want)
        CHECK_EQ_STR(buf_cstr(&b), want);
    free(want);
    buf_free(&b);
}

static void soapw_escapes_text_like_php(void)
{
    struct buf b;
    struct soapw w = {&b, SW_V1, 0, "urn:Magento", 0};

    buf_init(&b, 0);
    sw_text(&w, "a<b>&\"c\r\x01", 9);
    CHECK_EQ_STR(buf_cstr(&b), "a&lt;b&gt;&amp;\"c&#13;&amp;#1;");
    buf_free(&b);
}

/* Field names of complexType `type` in a rendered WSDL, in document order. */
static int wsdl_fields(xmlDocPtr doc, const char *type, const char **out, int max)
{
    int n = 0;
    static xmlNodePtr stack[8192];
    int sp = 0;
    stack[sp++] = xmlDocGetRootElement(doc);
    while (sp) {
        xmlNodePtr node = stack[--sp];
        for (xmlNodePtr c = node ? node->last : NULL; c; c = c->prev)
            if (c->type == XML_ELEMENT_NODE && sp < 8192)
                stack[sp++] = c;
        if (!node || node->type != XML_ELEMENT_NODE ||
            xmlStrcmp(node->name, BAD_CAST "complexType"))
            continue;
        xmlChar *name = xmlGetProp(node, BAD_CAST "name");
        int match = name && !xmlStrcmp(name, BAD_CAST type);
        xmlFree(name);
        if (!match)
            continue;
        for (xmlNodePtr g = node->children; g; g = g->next) /* all | sequence */
            for (xmlNodePtr e = g->type == XML_ELEMENT_NODE ? g->children : NULL; e; e = e->next)
                if (e->type == XML_ELEMENT_NODE && !xmlStrcmp(e->name, BAD_CAST "element") &&
                    n < max) {
                    xmlChar *en = xmlGetProp(e, BAD_CAST "name");
                    out[n++] = strdup((const char *)en);
                    xmlFree(en);
                }
        return n;
    }
    return n;
}

static void check_type(xmlDocPtr doc, const struct sw_type *t, const char *file)
{
    const char *names[256];
    int n = wsdl_fields(doc, t->name, names, 256), i = 0;

    for (; t->fields[i]; i++) {
        if (i >= n || strcmp(names[i], t->fields[i]) != 0) {
            fprintf(stderr, "%s %s: field %d is %s in the writer, %s in the WSDL\n", file,
                    t->name, i, t->fields[i], i < n ? names[i] : "(none)");
            CHECK(0);
            break;
        }
    }
    CHECK_EQ_INT(i, n);
    for (int k = 0; k < n; k++)
        free((void *)names[k]);
}

static void soapw_entity_tables_agree_with_served_wsdls(void)
{
    static const char *files[] = {"v2.wsdl.in", "wsi.wsdl.in"};
    for (int f = 0; f < 2; f++) {
        struct buf b;
        const char *tmpl = wsdl_template(files[f]);
        CHECK(tmpl != NULL);
        if (!tmpl)
            continue;
        buf_init(&b, 0);
        CHECK_EQ_INT(wsdl_render(&b, tmpl, "urn:Magento", "Magento", "http://x/"), 0);
        xmlDocPtr doc = xmlReadMemory(b.p, (int)b.n, files[f], NULL, XML_PARSE_NONET);
        CHECK(doc != NULL);
        if (doc) {
            check_type(doc, &sw_invoice_entity, files[f]);
            check_type(doc, &sw_invoice_item_entity, files[f]);
            check_type(doc, &sw_invoice_comment_entity, files[f]);
            check_type(doc, &sw_order_entity, files[f]);
            check_type(doc, &sw_order_list_entity, files[f]);
            check_type(doc, &sw_order_address_entity, files[f]);
            check_type(doc, &sw_order_item_entity, files[f]);
            check_type(doc, &sw_order_payment_entity, files[f]);
            check_type(doc, &sw_order_history_entity, files[f]);
            xmlFreeDoc(doc);
        }
        buf_free(&b);
    }
}

int main(void)
{
    T_RUN(soapw_faults_match_the_recorded_bytes);
    T_RUN(soapw_v2_boolean_answer_matches_capture);
    T_RUN(soapw_escapes_text_like_php);
    T_RUN(soapw_entity_tables_agree_with_served_wsdls);
    xmlCleanupParser();
    return t_done();
}
