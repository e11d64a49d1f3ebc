/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * WS-I (document/literal wrapped) operations called by the gSOAP dispatcher
 * generated from wsdl/magento_wsi.gsoap.h.  Same shape as v2_ops.c: unwrap
 * the *RequestParam element into struct val parts (WSDL order) and hand
 * them to the one API handler (sop_run); failing closed on allocation.
 * call and multiCall carry xsd:anyType values: they are decoded from the
 * request body by the V1 value decoder and answered as V1 encodes
 * callReturn (docs/wsi-call.md), through the same handler as V1's call.
 */
#include "wsiH.h"

#include "soap/soap_int.h"

#include "api/api.h"
#include "soap/v1_codec.h"

#define RUN(c, m, ...)                                                                          \
    do {                                                                                       \
        struct val *parts_[] = {__VA_ARGS__};                                                  \
        return sop_run(c, m, parts_, sizeof parts_ / sizeof parts_[0]);                        \
    } while (0)

#define S(field) sop_str(c, p ? p->field : NULL)

static struct soap_call *wcall(struct soap *soap)
{
    struct soap_call *c = soap->user;
    c->sw.style = SW_WSI;
    return c;
}

int __wsi__login(struct soap *soap, struct _wsi__loginParam *p, struct _wsi__loginResponseParam *r)
{
    struct soap_call *c = wcall(soap);

    (void)r;
    RUN(c, API_LOGIN, S(username), S(apiKey));
}

int __wsi__endSession(struct soap *soap, struct _wsi__endSessionParam *p,
                      struct _wsi__endSessionResponseParam *r)
{
    struct soap_call *c = wcall(soap);

    (void)r;
    RUN(c, API_END_SESSION, S(sessionId));
}

int __wsi__startSession(struct soap *soap, struct _wsi__startSessionResponseParam *r)
{
    (void)r;
    return sop_run(wcall(soap), API_START_SESSION, NULL, 0);
}

int __wsi__resources(struct soap *soap, struct _wsi__resourcesRequestParam *p,
                     struct _wsi__resourcesResponseParam *r)
{
    struct soap_call *c = wcall(soap);

    (void)r;
    RUN(c, API_RESOURCES, S(sessionId));
}

int __wsi__globalFaults(struct soap *soap, struct _wsi__globalFaultsParam *p,
                        struct _wsi__globalFaultsResponseParam *r)
{
    struct soap_call *c = wcall(soap);

    (void)r;
    RUN(c, API_GLOBAL_FAULTS, S(sessionId));
}

int __wsi__resourceFaults(struct soap *soap, struct _wsi__resourceFaultsParam *p,
                          struct _wsi__resourceFaultsResponseParam *r)
{
    struct soap_call *c = wcall(soap);

    (void)r;
    RUN(c, API_RESOURCE_FAULTS, S(sessionId), S(resourceName));
}

static struct val *filters_of(struct soap_call *c, const struct wsi__filters *f)
{
    struct arena *a = c->w->ctx.arena;
    struct sop_filter_pair *simple = NULL;
    struct sop_filter_complex *cplx = NULL;
    size_t ns = 0, nc = 0;

    if (f && f->filter && f->filter->__sizecomplexObjectArray > 0) {
        struct wsi__associativeArray *sa = f->filter;
        simple = arena_alloc(a, sizeof *simple * (size_t)sa->__sizecomplexObjectArray);
        if (!simple)
            return NULL;
        for (int i = 0; i < sa->__sizecomplexObjectArray; i++) {
            simple[ns].key = sa->complexObjectArray[i].key;
            simple[ns++].value = sa->complexObjectArray[i].value;
        }
    }
    if (f && f->complex_USCOREfilter && f->complex_USCOREfilter->__sizecomplexObjectArray > 0) {
        struct wsi__complexFilterArray *ca = f->complex_USCOREfilter;
        cplx = arena_alloc(a, sizeof *cplx * (size_t)ca->__sizecomplexObjectArray);
        if (!cplx)
            return NULL;
        for (int i = 0; i < ca->__sizecomplexObjectArray; i++) {
            struct wsi__complexFilter *e = &ca->complexObjectArray[i];
            cplx[nc].key = e->key;
            cplx[nc].op = e->value ? e->value->key : NULL;
            cplx[nc++].value = e->value ? e->value->value : NULL;
        }
    }
    return sop_filters(c, f != NULL, simple, ns, cplx, nc);
}

int __wsi__salesOrderInvoiceList(struct soap *soap, struct _wsi__salesOrderInvoiceListRequestParam *p,
                                 struct _wsi__salesOrderInvoiceListResponseParam *r)
{
    struct soap_call *c = wcall(soap);

    (void)r;
    RUN(c, API_INV_LIST, S(sessionId), filters_of(c, p ? p->filters : NULL));
}

int __wsi__salesOrderInvoiceInfo(struct soap *soap, struct _wsi__salesOrderInvoiceInfoRequestParam *p,
                                 struct _wsi__salesOrderInvoiceInfoResponseParam *r)
{
    struct soap_call *c = wcall(soap);

    (void)r;
    RUN(c, API_INV_INFO, S(sessionId), S(invoiceIncrementId));
}

static struct val *qtys_of(struct soap_call *c, const struct wsi__orderItemIdQtyArray *a)
{
    struct sop_qty *q;
    int n = a ? a->__sizecomplexObjectArray : 0;

    if (n <= 0)
        return val_null(c->w->ctx.arena);
    q = arena_alloc(c->w->ctx.arena, sizeof *q * (size_t)n);
    if (!q)
        return NULL;
    for (int i = 0; i < n; i++) {
        q[i].item_id = a->complexObjectArray[i].order_USCOREitem_USCOREid;
        q[i].qty = a->complexObjectArray[i].qty;
    }
    return sop_qtys(c, q, (size_t)n);
}

int __wsi__salesOrderInvoiceCreate(struct soap *soap,
                                   struct _wsi__salesOrderInvoiceCreateRequestParam *p,
                                   struct _wsi__salesOrderInvoiceCreateResponseParam *r)
{
    struct soap_call *c = wcall(soap);

    (void)r;
    RUN(c, API_INV_CREATE, S(sessionId), S(invoiceIncrementId),
        qtys_of(c, p ? p->itemsQty : NULL), S(comment), S(email), S(includeComment));
}

int __wsi__salesOrderInvoiceAddComment(struct soap *soap,
                                       struct _wsi__salesOrderInvoiceAddCommentRequestParam *p,
                                       struct _wsi__salesOrderInvoiceAddCommentResponseParam *r)
{
    struct soap_call *c = wcall(soap);

    (void)r;
    RUN(c, API_INV_ADD_COMMENT, S(sessionId), S(invoiceIncrementId), S(comment), S(email),
        S(includeComment));
}

int __wsi__salesOrderInvoiceCapture(struct soap *soap,
                                    struct _wsi__salesOrderInvoiceCaptureRequestParam *p,
                                    struct _wsi__salesOrderInvoiceCaptureResponseParam *r)
{
    struct soap_call *c = wcall(soap);

    (void)r;
    RUN(c, API_INV_CAPTURE, S(sessionId), S(invoiceIncrementId));
}

int __wsi__salesOrderInvoiceVoid(struct soap *soap, struct _wsi__salesOrderInvoiceVoidRequestParam *p,
                                 struct _wsi__salesOrderInvoiceVoidResponseParam *r)
{
    struct soap_call *c = wcall(soap);

    (void)r;
    RUN(c, API_INV_VOID, S(sessionId), S(invoiceIncrementId));
}

int __wsi__salesOrderInvoiceCancel(struct soap *soap,
                                   struct _wsi__salesOrderInvoiceCancelRequestParam *p,
                                   struct _wsi__salesOrderInvoiceCancelResponseParam *r)
{
    struct soap_call *c = wcall(soap);

    (void)r;
    RUN(c, API_INV_CANCEL, S(sessionId), S(invoiceIncrementId));
}

/* ---- call / multiCall ------------------------------------------------------------ */

/* The body's wrapper is callParam or multiCallParam (soap_handle looks
 * before gSOAP reads it, so gSOAP never parses these bodies): decode the
 * parts from the body with libxml2, where the namespace declarations of
 * xsi:type values are in scope, and run V1's call path.  The gSOAP
 * operations below reach it only if a body gets past that look. */
int wsi_run_any(struct soap_call *c, int op_)
{
    enum v1_op op = (enum v1_op)op_;
    struct worker *w = c->w;
    struct codec_limits lim;
    struct v1_request rq;
    struct md_fault f;
    struct val *result = NULL;
    struct v1_enc e;

    codec_limits_from_cfg(&lim, w->cfg);
    if (v1_decode_wsi(w->ctx.arena, &lim, c->req->body, c->req->body_len, op, &rq, &f))
        return sop_fault(c, &f);
    if (api_dispatch(&w->ctx, (enum api_method)op, rq.params, rq.nparams, &result, &f))
        return sop_fault(c, &f);
    e.soap12 = c->sw.soap12;
    e.ns = c->sw.ns;
    e.intcols = c->sw.intcols;
    buf_reset(c->sw.b);
    if (v1_encode_wsi_response(c->sw.b, &e, op, result)) {
        md_fault_raw(&f, MD_FAULT_SERVER, "response too large");
        return sop_fault(c, &f);
    }
    if (w->ctx.stream) { /* a list sent page by page: the pages' writer */
        struct v1_page pg;
        v1_page_set(&pg, &e, op, 1);
        proto_stream_encoder(w, v1_encode_page, &pg, sizeof pg);
    }
    c->answered = 1;
    c->protocol_error = 0;
    return SOAP_STOP;
}

int __wsi__call(struct soap *soap, struct _wsi__callParam *p, struct _wsi__callResponseParam *r)
{
    (void)p;
    (void)r;
    return wsi_run_any(wcall(soap), V1_CALL);
}

int __wsi__multiCall(struct soap *soap, struct _wsi__multiCallParam *p,
                     struct _wsi__multiCallResponseParam *r)
{
    (void)p;
    (void)r;
    return wsi_run_any(wcall(soap), V1_MULTICALL);
}

/* ---- sales_order ---------------------------------------------------------------- */

int __wsi__salesOrderList(struct soap *soap, struct _wsi__salesOrderListRequestParam *p,
                          struct _wsi__salesOrderListResponseParam *r)
{
    struct soap_call *c = wcall(soap);

    (void)r;
    RUN(c, API_ORD_LIST, S(sessionId), filters_of(c, p ? p->filters : NULL));
}

int __wsi__salesOrderInfo(struct soap *soap, struct _wsi__salesOrderInfoRequestParam *p,
                          struct _wsi__salesOrderInfoResponseParam *r)
{
    struct soap_call *c = wcall(soap);

    (void)r;
    RUN(c, API_ORD_INFO, S(sessionId), S(orderIncrementId));
}

/* notify is an xsd:int here: absent = NULL (PHP's default false) */
static struct val *int_part(struct soap_call *c, const int *v)
{
    return v ? val_int(c->w->ctx.arena, *v) : val_null(c->w->ctx.arena);
}

int __wsi__salesOrderAddComment(struct soap *soap,
                                struct _wsi__salesOrderAddCommentRequestParam *p,
                                struct _wsi__salesOrderAddCommentResponseParam *r)
{
    struct soap_call *c = wcall(soap);

    (void)r;
    RUN(c, API_ORD_ADD_COMMENT, S(sessionId), S(orderIncrementId), S(status), S(comment),
        int_part(c, p ? p->notify : NULL));
}

int __wsi__salesOrderHold(struct soap *soap, struct _wsi__salesOrderHoldRequestParam *p,
                          struct _wsi__salesOrderHoldResponseParam *r)
{
    struct soap_call *c = wcall(soap);

    (void)r;
    RUN(c, API_ORD_HOLD, S(sessionId), S(orderIncrementId));
}

int __wsi__salesOrderUnhold(struct soap *soap, struct _wsi__salesOrderUnholdRequestParam *p,
                            struct _wsi__salesOrderUnholdResponseParam *r)
{
    struct soap_call *c = wcall(soap);

    (void)r;
    RUN(c, API_ORD_UNHOLD, S(sessionId), S(orderIncrementId));
}

int __wsi__salesOrderCancel(struct soap *soap, struct _wsi__salesOrderCancelRequestParam *p,
                            struct _wsi__salesOrderCancelResponseParam *r)
{
    struct soap_call *c = wcall(soap);

    (void)r;
    RUN(c, API_ORD_CANCEL, S(sessionId), S(orderIncrementId));
}
