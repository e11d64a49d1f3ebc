/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SOAP V1 (/api/soap/, /api/): login, call, multiCall, endSession,
 * startSession, resources, globalFaults, resourceFaults.  The body is
 * decoded with libxml2 (v1_codec.c), run through the resource router
 * (api/api.c) and answered in PHP SoapServer's bytes.  gSOAP has only
 * checked the envelope (soap_begin_serve) by the time we get here.
 */
#include "stdsoap2.h"

#include "api/api.h"
#include "soap/soap_int.h"
#include "soap/v1_codec.h"

_Static_assert((int)V1_LOGIN == (int)API_LOGIN && (int)V1_CALL == (int)API_CALL &&
                   (int)V1_MULTICALL == (int)API_MULTICALL &&
                   (int)V1_END_SESSION == (int)API_END_SESSION &&
                   (int)V1_START_SESSION == (int)API_START_SESSION &&
                   (int)V1_RESOURCES == (int)API_RESOURCES &&
                   (int)V1_GLOBAL_FAULTS == (int)API_GLOBAL_FAULTS &&
                   (int)V1_RESOURCE_FAULTS == (int)API_RESOURCE_FAULTS,
               "V1 operations and handler methods share their numbering");

int v1_serve(struct soap_call *c, struct soap *soap)
{
    struct worker *w = c->w;
    struct codec_limits lim;
    struct v1_request rq;
    struct md_fault f;
    struct val *result = NULL;
    struct v1_enc e;

    (void)soap;
    codec_limits_from_cfg(&lim, w->cfg);
    if (v1_decode(w->ctx.arena, &lim, c->req->body, c->req->body_len, &rq, &f))
        return sop_fault(c, &f); /* malformed: SOAP-ENV:Client/Server, HTTP 500 */
    if (api_dispatch(&w->ctx, (enum api_method)rq.op, rq.params, rq.nparams, &result, &f)) {
        int rc = sop_fault(c, &f);
        /* Magento's faults, and the PHP Errors it lets through (SOAP-ENV:Server,
         * captures v1-info-noargs), all go out with HTTP 200 */
        if (f.code >= 0 || f.code == API_FAULT_ARGS)
            c->protocol_error = 0;
        return rc;
    }
    e.soap12 = c->sw.soap12;
    e.ns = c->sw.ns;
    e.intcols = c->sw.intcols;
    buf_reset(c->sw.b);
    if (v1_encode_response(c->sw.b, &e, rq.op, result)) {
        md_fault_raw(&f, MD_FAULT_SERVER, "response too large");
        return sop_fault(c, &f);
    }
    if (w->ctx.stream) { /* a list sent page by page: the pages' writer */
        struct v1_page pg;
        v1_page_set(&pg, &e, rq.op, 0);
        proto_stream_encoder(w, v1_encode_page, &pg, sizeof pg);
    }
    c->answered = 1;
    c->protocol_error = 0;
    return SOAP_STOP;
}
