/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Runs the gSOAP-generated dispatchers in memory on a request body: each
 * worker owns one struct soap, configured once with the request limits.
 * /api/v2_soap/ tries the rpc/encoded V2 service first and, when the body
 * element is not one of its operations, the document/literal WS-I service
 * (told apart by the body element, whatever the config says).
 * Namespaces are ignored on input (SOAP_XML_IGNORENS) so urn:Magento,
 * urn:OpenMage and unqualified operation elements are all accepted.
 */
#define _GNU_SOURCE /* memmem */
#include "stdsoap2.h"

#include "api/api.h"
#include "proto/exchange.h"
#include "rpc/codec.h"
#include "soap/soap_int.h"

#include "magesoapd/log.h"
#include "magesoapd/trace.h"
#include "magesoapd/xmlesc.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

_Static_assert(SOAP_STOP == 1000, "soap_ops.c answers with SOP_DONE == SOAP_STOP");

int v2_serve_request(struct soap *soap);
int wsi_serve_request(struct soap *soap);

extern struct Namespace namespaces[]; /* namespaces.c */


/* soapw writes every answer into the response buffer; gSOAP itself must
 * never send anything (soap_begin_serve answers its own parse errors with
 * soap_send_fault, which would otherwise go to the daemon's stdout). */
static int discard_send(struct soap *soap, const char *s, size_t n)
{
    (void)soap;
    (void)s;
    (void)n;
    return SOAP_OK;
}

/* The HTTP layer hands gSOAP the body alone.  gSOAP would still read HTTP
 * headers from a body that does not open with '<' (a fake "POST ...
 * HTTP/1.1" block before an envelope would be skipped and the envelope
 * run): such a body is not a SOAP message, so refuse it. */
static int no_http_parse(struct soap *soap)
{
    (void)soap;
    return SOAP_SYNTAX_ERROR;
}

/* gSOAP's own limits from the request's config snapshot (SIGHUP may
 * change them between requests). */
static void set_limits(struct worker *w)
{
    struct soap *soap = w->soap;

    soap->maxlevel = (unsigned short)(w->cfg->max_xml_depth > 65535 ? 65535 : w->cfg->max_xml_depth);
    soap->maxlength = (long)w->cfg->max_string_length;
    soap->maxoccurs = (size_t)w->cfg->max_array_items;
    soap->recv_maxlength = (ULONG64)w->cfg->max_body_bytes;
}

/* gSOAP skips an element it does not know (non-strict mode): note it, so
 * nothing a client sent is dropped without a trace. */
static int note_ignored(struct soap *soap, const char *tag)
{
    struct soap_call *c = soap->user;

    if (c)
        sop_unread(c, "element <%s> not read", tag ? tag : "?");
    return SOAP_OK;
}

int soap_worker_init(struct worker *w)
{
    struct soap *soap = soap_new1(SOAP_C_UTFSTRING | SOAP_XML_IGNORENS);

    if (!soap)
        return -1;
    soap_set_namespaces(soap, namespaces);
    soap->fsend = discard_send;
    soap->fparse = no_http_parse;
    soap->fignore = note_ignored;
    w->soap = soap;
    set_limits(w);
    return 0;
}

void soap_worker_free(struct worker *w)
{
    struct soap *soap = w->soap;

    if (soap) {
        soap_destroy(soap);
        soap_end(soap);
        soap_free(soap);
        w->soap = NULL;
    }
}

/* The envelope version and the body namespace the client used, read from
 * the raw start of the document (the Envelope start tag). */
static void sniff(const char *body, size_t n, int *soap12, const char **ns, const struct cfg *cfg)
{
    size_t lim = n < 8192 ? n : 8192;

#define HAS(lit) (memmem(body, lim, lit, sizeof lit - 1) != NULL)
    *soap12 = HAS("http://www.w3.org/2003/05/soap-envelope");
    if (HAS("urn:OpenMage"))
        *ns = "urn:OpenMage";
    else if (HAS("urn:Magento"))
        *ns = "urn:Magento";
    else
        *ns = soap_profile_ns(cfg);
#undef HAS
}

/* The document/literal wrappers the WS-I service declares (or an empty
 * body: startSession has no input). */
static int is_wsi_element(const char *tag)
{
    const char *local = strchr(tag, ':');

    local = local ? local + 1 : tag;
    if (!*local)
        return 1;
    for (int m = 0; m < API_METHOD_COUNT; m++) {
        const struct api_method_info *mi = api_method((enum api_method)m);
        if (mi->wsi_request && strcmp(local, mi->wsi_request) == 0)
            return 1;
    }
    return 0;
}

static void protocol_fault(struct soap_call *c, struct soap *soap, int rc)
{
    struct md_fault f;

    if (rc == SOAP_NO_METHOD) {
        const char *tag = soap->tag[0] ? soap->tag : "?";
        const char *local = strchr(tag, ':');
        md_fault_raw(&f, MD_FAULT_SERVER, "Procedure '%s' not present", local ? local + 1 : tag);
    } else if (rc == SOAP_EOF && soap->recv_maxlength && soap->count > soap->recv_maxlength) {
        md_fault_raw(&f, MD_FAULT_CLIENT, "Bad Request: message too large");
    } else {
        const char **s;
        soap_set_fault(soap);
        s = soap_faultstring(soap);
        md_fault_raw(&f, MD_FAULT_CLIENT, "Bad Request: %s", s && *s ? *s : "malformed SOAP message");
    }
    sop_fault(c, &f);
}

/* What gSOAP would not refuse itself in a V2/WS-I body: nesting deeper than
 * max_xml_depth inside a string element (gSOAP skips it) and bytes that are
 * not UTF-8 XML text (gSOAP reads a stray byte as Latin-1); unless the body
 * declares another encoding (ISO-8859-1), which gSOAP decodes itself.
 * 1 when refused with a SOAP-ENV:Client fault. */
static int refuse_v2_body(struct soap_call *c, const struct http_req *req, const struct cfg *cfg)
{
    struct md_fault f;
    size_t at = 0;

    if (!xml_text_ok(req->body, req->body_len, &at) &&
        !md_xml_declares_other_encoding(req->body, req->body_len))
        md_fault_raw(&f, MD_FAULT_CLIENT,
                     "Bad Request: the message is not UTF-8 text XML can carry (byte %zu)", at);
    else if (md_xml_too_deep(req->body, req->body_len, cfg->max_xml_depth))
        md_fault_raw(&f, MD_FAULT_CLIENT, "Bad Request: XML nested deeper than %d levels",
                     cfg->max_xml_depth);
    else
        return 0;
    sop_fault(c, &f);
    return 1;
}

/* The local name of the first element inside the SOAP Body ("" when it
 * cannot tell cheaply: a comment, a CDATA, no Body).  Only a hint. */
static void first_op(const char *body, size_t n, char *name, size_t len)
{
    const char *end = body + n, *p = body, *q;
    size_t k = 0;

    name[0] = '\0';
    while ((p = memmem(p, (size_t)(end - p), "Body", 4)) && p > body && p[-1] != ':' && p[-1] != '<')
        p += 4;
    if (!p || !(p = memchr(p, '>', (size_t)(end - p))))
        return;
    while (++p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
        ;
    if (p >= end || *p != '<' || p + 1 >= end || p[1] == '!' || p[1] == '?' || p[1] == '/')
        return;
    for (q = ++p; q < end && !strchr(" \t\r\n/>", *q); q++)
        if (*q == ':')
            p = q + 1; /* drop the prefix */
    if (q >= end || !*q)
        return;
    k = (size_t)(q - p);
    if (k < len) {
        memcpy(name, p, k);
        name[k] = '\0';
    }
}

/* SOAP V1, V2 and WS-I: WSDL GETs and one call in a small body, unless the
 * operation named first in the Body is one the API table says may block
 * (login, a write: saves decoding it twice).  Whatever this look says, the
 * API layer decides on what the decoder found. */
int soap_inline_candidate(const struct http_req *req)
{
    char op[64];
    int m;

    if (!strcmp(req->method, "GET") || !strcmp(req->method, "HEAD"))
        return 1;
    if (strcmp(req->method, "POST") || req->body_len > PROTO_INLINE_MAX_BODY)
        return 0;
    first_op(req->body, req->body_len, op, sizeof op);
    m = api_wire_find(op);
    return m < 0 || m == API_CALL || api_method((enum api_method)m)->access == API_READ_CHEAP;
}

void soap_handle(struct worker *w, struct http_req *req, struct http_resp *resp, enum endpoint ep)
{
    struct soap *soap = w->soap;
    struct soap_call call;
    int rc;

    api_request_begin(&w->ctx, req->peer, req->idempotency_key);
    proto_stream_allow(w); /* a list answer may go out page by page */
    set_limits(w);
    api_request_auth(&w->ctx, req->authorization);
    memset(&call, 0, sizeof call);
    call.w = w;
    call.req = req;
    call.sw.b = resp->body;
    call.sw.style = ep == EP_V1 ? SW_V1 : SW_V2;
    call.sw.intcols = w->cfg->profile == PROFILE_OPENMAGE;
    sniff(req->body, req->body_len, &call.sw.soap12, &call.sw.ns, w->cfg);
    resp->content_type = call.sw.soap12 ? "application/soap+xml; charset=utf-8"
                                        : "text/xml; charset=UTF-8";

    /* A DOCTYPE can declare entities; gSOAP turns unknown ones into U+007F
     * silently.  Refuse any document type declaration outright. */
    if (md_xml_has_dtd(req->body, req->body_len)) {
        struct md_fault f;
        md_fault_raw(&f, MD_FAULT_CLIENT, "Bad Request: DTDs are not allowed in SOAP messages");
        sop_fault(&call, &f);
        resp->status = 500;
        return;
    }
    if (ep == EP_V2 && refuse_v2_body(&call, req, w->cfg)) {
        resp->status = 500;
        return;
    }

    soap_begin(soap);
    soap->user = &call;
    soap->is = req->body;
    rc = soap_begin_serve(soap);
    if (rc == SOAP_OK) {
        if (ep == EP_V1) {
            rc = v1_serve(&call, soap);
        } else if (soap_peek_element(soap) == SOAP_OK &&
                   (!soap_match_tag(soap, soap->tag, "wsi:callParam") ||
                    !soap_match_tag(soap, soap->tag, "wsi:multiCallParam"))) {
            /* WS-I call / multiCall: their anyType arguments are read from
             * the body by libxml2 (V1's decoder), so gSOAP does not parse
             * them first: each body is parsed once */
            rc = wsi_run_any(&call, !soap_match_tag(soap, soap->tag, "wsi:callParam")
                                        ? API_CALL : API_MULTICALL);
        } else {
            rc = v2_serve_request(soap);
            /* The WS-I dispatcher answers anything it does not know as
             * startSession (its input message is empty), so only hand it
             * document/literal wrappers or an empty body. */
            if (rc == SOAP_NO_METHOD && is_wsi_element(soap->tag)) {
                soap->error = SOAP_OK;
                rc = wsi_serve_request(soap);
            }
        }
    }
    if (!call.answered)
        protocol_fault(&call, soap, rc);
    if (call.nunread)
        trace_note("%d part%s not read, the first: %s", call.nunread, call.nunread == 1 ? "" : "s",
                   call.unread);
    if (call.nunread && !call.unread_logged)
        log_msg(LOG_WARN, "%s %s: %s request: %d part%s not read, the first: %s", req->peer,
                req->path, w->ctx.method ? w->ctx.method : "SOAP", call.nunread,
                call.nunread == 1 ? "" : "s", call.unread);
    soap->is = NULL;
    soap->user = NULL;
    soap_destroy(soap);
    soap_end(soap);
    /* Magento answers its own faults with HTTP 200; SOAP-level errors keep
     * SOAP's 500 so generic clients see them as failures. */
    resp->status = call.protocol_error ? 500 : 200;
    proto_stream_cut(w, resp);
    if (log_get_level() >= LOG_DEBUG)
        log_msg(LOG_DEBUG, "%s %s soap rc=%d", req->peer, req->path, rc);
}
