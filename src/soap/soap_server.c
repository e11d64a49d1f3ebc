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

int soap_worker_init(struct worker *w)
{
    struct soap *soap = soap_new1(SOAP_C_UTFSTRING | SOAP_XML_IGNORENS);

    if (!soap)
        return -1;
    soap_set_namespaces(soap, namespaces);
    soap->fsend = discard_send;
    soap->fparse = no_http_parse;
    soap->maxlevel = (unsigned short)(w->cfg->max_xml_depth > 65535 ? 65535 : w->cfg->max_xml_depth);
    soap->maxlength = (long)w->cfg->max_string_length;
    soap->maxoccurs = (size_t)w->cfg->max_array_items;
    soap->recv_maxlength = (ULONG64)w->cfg->max_body_bytes;
    w->soap = soap;
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

void soap_handle(struct worker *w, struct http_req *req, struct http_resp *resp, enum endpoint ep)
{
    struct soap *soap = w->soap;
    struct soap_call call;
    int rc;

    api_request_begin(&w->ctx, req->peer);
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

    soap_begin(soap);
    soap->user = &call;
    soap->is = req->body;
    rc = soap_begin_serve(soap);
    if (rc == SOAP_OK) {
        if (ep == EP_V1) {
            rc = v1_serve(&call, soap);
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
    soap->is = NULL;
    soap->user = NULL;
    soap_destroy(soap);
    soap_end(soap);
    /* Magento answers its own faults with HTTP 200; SOAP-level errors keep
     * SOAP's 500 so generic clients see them as failures. */
    resp->status = call.protocol_error ? 500 : 200;
    if (log_get_level() >= LOG_DEBUG)
        log_msg(LOG_DEBUG, "%s %s soap rc=%d", req->peer, req->path, rc);
}
