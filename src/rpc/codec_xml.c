/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Safe libxml2 parsing shared by the SOAP V1 and XML-RPC decoders (codec.h). */
#include "rpc/codec.h"

#include "magesoapd/config.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

void codec_limits_from_cfg(struct codec_limits *l, const struct cfg *cfg)
{
    l->max_depth = cfg->max_xml_depth;
    l->max_items = cfg->max_array_items;
    l->max_string = cfg->max_string_length;
    /* a request may name one multiRef many times; cap what that expands to */
    l->max_values = (size_t)cfg->max_array_items * 16 + 100000;
}

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

static void xml_init_once(void)
{
    xmlInitParser();
}

void md_xml_init(void)
{
    pthread_once(&xml_once, xml_init_once);
}

char *md_xml_trim(char *s)
{
    char *e;

    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
        *--e = '\0';
    return s;
}

int md_xml_has_dtd(const char *body, size_t n)
{
    for (size_t i = 0; i + 2 < n; i++) {
        if (body[i] != '<' || body[i + 1] != '!')
            continue;
        if (n - i >= 9 && strncasecmp(body + i + 2, "DOCTYPE", 7) == 0)
            return 1;
        if (n - i >= 8 && strncmp(body + i + 2, "ENTITY", 6) == 0)
            return 1;
    }
    return 0;
}

/* The reader of body with the safe options (no network, no entities, quiet). */
static xmlTextReaderPtr reader_for(const char *body, size_t n, int huge)
{
    int opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | (huge ? XML_PARSE_HUGE : 0);

    md_xml_init();
    if (n > (size_t)0x7fffffff)
        return NULL;
    return xmlReaderForMemory(body, (int)n, NULL, NULL, opts);
}

int md_xml_too_deep(const char *body, size_t n, int max_depth)
{
    size_t lt = 0;
    const char *p = body, *end = body + n;
    xmlTextReaderPtr r;
    int deep = 0;

    while (p < end && (p = memchr(p, '<', (size_t)(end - p))) != NULL) {
        p++;
        lt++;
    }
    if (max_depth < 0 || lt <= (size_t)max_depth)
        return 0; /* every element opens with '<': it cannot nest deeper */
    r = reader_for(body, n, max_depth >= 256);
    if (!r)
        return 0;
    while (!deep && xmlTextReaderRead(r) == 1)
        deep = xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT && xmlTextReaderDepth(r) >= max_depth;
    xmlFreeTextReader(r);
    return deep;
}

int md_xml_declares_other_encoding(const char *body, size_t n)
{
    xmlTextReaderPtr r = reader_for(body, n, 0);
    const xmlChar *enc;
    int other = 0;

    if (!r)
        return 0;
    if (xmlTextReaderRead(r) == 1) {
        enc = xmlTextReaderConstEncoding(r);
        other = enc && strcasecmp((const char *)enc, "UTF-8") != 0 && strcasecmp((const char *)enc, "UTF8") != 0;
    }
    xmlFreeTextReader(r);
    return other;
}

struct _xmlDoc *md_xml_parse(const char *body, size_t n, char *msg, size_t msglen)
{
    xmlDocPtr doc;
    xmlParserCtxtPtr ctxt;
    /* no XML_PARSE_NOENT (no entity substitution), no DTDLOAD/DTDATTR/DTDVALID,
     * no XInclude; NONET forbids any network access */
    int opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;

    md_xml_init();
    if (msg && msglen)
        msg[0] = '\0';
    if (n > (size_t)0x7fffffff) {
        if (msg)
            snprintf(msg, msglen, "document too large");
        return NULL;
    }
    ctxt = xmlNewParserCtxt();
    if (!ctxt) {
        if (msg)
            snprintf(msg, msglen, "out of memory");
        return NULL;
    }
    doc = xmlCtxtReadMemory(ctxt, body, (int)n, NULL, NULL, opts);
    if (!doc || !ctxt->wellFormed) {
        if (msg) {
            const xmlError *e = xmlCtxtGetLastError(ctxt);
            const char *m = e && e->message ? e->message : "not well-formed XML";
            size_t len = strlen(m);
            while (len && (m[len - 1] == '\n' || m[len - 1] == ' '))
                len--;
            snprintf(msg, msglen, "%.*s", (int)len, m);
        }
        if (doc)
            xmlFreeDoc(doc);
        doc = NULL;
    } else if (doc->intSubset || doc->extSubset) {
        /* never reached when md_xml_has_dtd ran first; belt and braces */
        if (msg)
            snprintf(msg, msglen, "DTDs are not allowed");
        xmlFreeDoc(doc);
        doc = NULL;
    }
    xmlFreeParserCtxt(ctxt);
    return doc;
}

void md_xml_free(struct _xmlDoc *doc)
{
    if (doc)
        xmlFreeDoc(doc);
}

char *md_xml_text(struct arena *a, const struct _xmlNode *node, size_t *len)
{
    size_t n = 0;
    char *p, *q;

    for (const xmlNode *c = node->children; c; c = c->next)
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
            n += strlen((const char *)c->content);
    p = arena_alloc(a, n + 1);
    if (!p)
        return NULL;
    q = p;
    for (const xmlNode *c = node->children; c; c = c->next) {
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content) {
            size_t k = strlen((const char *)c->content);
            memcpy(q, c->content, k);
            q += k;
        }
    }
    *q = '\0';
    if (len)
        *len = n;
    return p;
}

int md_xml_has_element_child(const struct _xmlNode *node)
{
    for (const xmlNode *c = node->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            return 1;
    return 0;
}

int md_xml_is(const struct _xmlNode *node, const char *local)
{
    return node && node->type == XML_ELEMENT_NODE && node->name &&
           strcmp((const char *)node->name, local) == 0;
}
