/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * WS-I (document/literal wrapped) operations called by the gSOAP dispatcher
 * generated from wsdl/magento_wsi.gsoap.h.  Same shape as v2_ops.c: unwrap
 * the *RequestParam element and hand plain values to soap_ops.c.
 */
#include "wsiH.h"

#include "soap/soap_int.h"

#include "magesoapd/dec.h"

static struct soap_call *wcall(struct soap *soap)
{
    struct soap_call *c = soap->user;
    c->sw.style = SW_WSI;
    return c;
}

int __wsi__login(struct soap *soap, struct _wsi__loginParam *p, struct _wsi__loginResponseParam *r)
{
    (void)r;
    return sop_login(wcall(soap), p ? p->username : NULL, p ? p->apiKey : NULL);
}

int __wsi__endSession(struct soap *soap, struct _wsi__endSessionParam *p,
                      struct _wsi__endSessionResponseParam *r)
{
    (void)r;
    return sop_end_session(wcall(soap), p ? p->sessionId : NULL);
}

int __wsi__startSession(struct soap *soap, struct _wsi__startSessionResponseParam *r)
{
    (void)r;
    return sop_start_session(wcall(soap));
}

int __wsi__resources(struct soap *soap, struct _wsi__resourcesRequestParam *p,
                     struct _wsi__resourcesResponseParam *r)
{
    (void)r;
    return sop_resources(wcall(soap), p ? p->sessionId : NULL);
}

int __wsi__globalFaults(struct soap *soap, struct _wsi__globalFaultsParam *p,
                        struct _wsi__globalFaultsResponseParam *r)
{
    (void)r;
    return sop_global_faults(wcall(soap), p ? p->sessionId : NULL);
}

int __wsi__resourceFaults(struct soap *soap, struct _wsi__resourceFaultsParam *p,
                          struct _wsi__resourceFaultsResponseParam *r)
{
    (void)r;
    return sop_resource_faults(wcall(soap), p ? p->sessionId : NULL,
                               p ? p->resourceName : NULL);
}

int __wsi__salesOrderInvoiceList(struct soap *soap, struct _wsi__salesOrderInvoiceListRequestParam *p,
                                 struct _wsi__salesOrderInvoiceListResponseParam *r)
{
    struct soap_call *c = wcall(soap);
    struct wsi__filters *f = p ? p->filters : NULL;
    struct sop_filter_pair *simple = NULL;
    struct sop_filter_complex *cplx = NULL;
    size_t ns = 0, nc = 0;

    (void)r;
    if (f && f->filter && f->filter->__sizecomplexObjectArray > 0) {
        struct wsi__associativeArray *a = f->filter;
        simple = arena_alloc(c->w->ctx.arena, sizeof *simple * (size_t)a->__sizecomplexObjectArray);
        for (int i = 0; simple && i < a->__sizecomplexObjectArray; i++) {
            simple[ns].key = a->complexObjectArray[i].key;
            simple[ns++].value = a->complexObjectArray[i].value;
        }
    }
    if (f && f->complex_USCOREfilter && f->complex_USCOREfilter->__sizecomplexObjectArray > 0) {
        struct wsi__complexFilterArray *a = f->complex_USCOREfilter;
        cplx = arena_alloc(c->w->ctx.arena, sizeof *cplx * (size_t)a->__sizecomplexObjectArray);
        for (int i = 0; cplx && i < a->__sizecomplexObjectArray; i++) {
            struct wsi__complexFilter *e = &a->complexObjectArray[i];
            cplx[nc].key = e->key;
            cplx[nc].op = e->value ? e->value->key : NULL;
            cplx[nc++].value = e->value ? e->value->value : NULL;
        }
    }
    return sop_list(c, p ? p->sessionId : NULL, f != NULL, simple, ns, cplx, nc);
}

int __wsi__salesOrderInvoiceInfo(struct soap *soap, struct _wsi__salesOrderInvoiceInfoRequestParam *p,
                                 struct _wsi__salesOrderInvoiceInfoResponseParam *r)
{
    (void)r;
    return sop_info(wcall(soap), p ? p->sessionId : NULL, p ? p->invoiceIncrementId : NULL);
}

int __wsi__salesOrderInvoiceCreate(struct soap *soap,
                                   struct _wsi__salesOrderInvoiceCreateRequestParam *p,
                                   struct _wsi__salesOrderInvoiceCreateResponseParam *r)
{
    struct soap_call *c = wcall(soap);
    struct md_qty *q = NULL;
    size_t n = 0;

    (void)r;
    if (!p)
        return sop_create(c, NULL, NULL, NULL, 0, NULL, NULL, NULL);
    if (p->itemsQty && p->itemsQty->__sizecomplexObjectArray > 0) {
        struct wsi__orderItemIdQtyArray *a = p->itemsQty;
        q = arena_alloc(c->w->ctx.arena, sizeof *q * (size_t)a->__sizecomplexObjectArray);
        for (int i = 0; q && i < a->__sizecomplexObjectArray; i++) {
            int64_t qty;
            /* Magento skips entries lacking either field */
            if (!a->complexObjectArray[i].order_USCOREitem_USCOREid || !a->complexObjectArray[i].qty)
                continue;
            if (dec_from_double(*a->complexObjectArray[i].qty, &qty))
                qty = -1; /* not a number Magento could use: the domain refuses it */
            q[n].item_id = *a->complexObjectArray[i].order_USCOREitem_USCOREid;
            q[n++].qty = qty;
        }
    }
    return sop_create(c, p->sessionId, p->invoiceIncrementId, q, n, p->comment, p->email,
                      p->includeComment);
}

int __wsi__salesOrderInvoiceAddComment(struct soap *soap,
                                       struct _wsi__salesOrderInvoiceAddCommentRequestParam *p,
                                       struct _wsi__salesOrderInvoiceAddCommentResponseParam *r)
{
    (void)r;
    return sop_add_comment(wcall(soap), p ? p->sessionId : NULL, p ? p->invoiceIncrementId : NULL,
                           p ? p->comment : NULL, p ? p->email : NULL,
                           p ? p->includeComment : NULL);
}

int __wsi__salesOrderInvoiceCapture(struct soap *soap,
                                    struct _wsi__salesOrderInvoiceCaptureRequestParam *p,
                                    struct _wsi__salesOrderInvoiceCaptureResponseParam *r)
{
    (void)r;
    return sop_state_change(wcall(soap), p ? p->sessionId : NULL, p ? p->invoiceIncrementId : NULL,
                            MDM_CAPTURE);
}

int __wsi__salesOrderInvoiceVoid(struct soap *soap, struct _wsi__salesOrderInvoiceVoidRequestParam *p,
                                 struct _wsi__salesOrderInvoiceVoidResponseParam *r)
{
    (void)r;
    return sop_state_change(wcall(soap), p ? p->sessionId : NULL, p ? p->invoiceIncrementId : NULL,
                            MDM_VOID);
}

int __wsi__salesOrderInvoiceCancel(struct soap *soap,
                                   struct _wsi__salesOrderInvoiceCancelRequestParam *p,
                                   struct _wsi__salesOrderInvoiceCancelResponseParam *r)
{
    (void)r;
    return sop_state_change(wcall(soap), p ? p->sessionId : NULL, p ? p->invoiceIncrementId : NULL,
                            MDM_CANCEL);
}
