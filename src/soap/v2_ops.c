/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SOAP V2 (rpc/encoded) operations called by the gSOAP dispatcher generated
 * from wsdl/magento_v2.gsoap.h.  Each one turns gSOAP's structs into plain
 * values for soap_ops.c; the out-parameters are never filled because the
 * answer is written by soapw and SOAP_STOP tells gSOAP not to serialise.
 */
#include "v2H.h"

#include "soap/soap_int.h"

#include "magesoapd/dec.h"

static struct soap_call *v2call(struct soap *soap)
{
    struct soap_call *c = soap->user;
    c->sw.style = SW_V2;
    return c;
}

int ns1__login(struct soap *soap, char *username, char *apiKey, char **loginReturn)
{
    (void)loginReturn;
    return sop_login(v2call(soap), username, apiKey);
}

int ns1__endSession(struct soap *soap, char *sessionId, enum xsd__boolean *endSessionReturn)
{
    (void)endSessionReturn;
    return sop_end_session(v2call(soap), sessionId);
}

int ns1__startSession(struct soap *soap, char **startSessionReturn)
{
    (void)startSessionReturn;
    return sop_start_session(v2call(soap));
}

int ns1__resources(struct soap *soap, char *sessionId, struct ns1__ArrayOfApis *resourcesReturn)
{
    (void)resourcesReturn;
    return sop_resources(v2call(soap), sessionId);
}

int ns1__globalFaults(struct soap *soap, char *sessionId,
                      struct ns1__ArrayOfExistsFaltures *globalFaultsReturn)
{
    (void)globalFaultsReturn;
    return sop_global_faults(v2call(soap), sessionId);
}

int ns1__resourceFaults(struct soap *soap, char *resourceName, char *sessionId,
                        struct ns1__ArrayOfExistsFaltures *resourceFaultsReturn)
{
    (void)resourceFaultsReturn;
    return sop_resource_faults(v2call(soap), sessionId, resourceName);
}

int ns1__salesOrderInvoiceList(struct soap *soap, char *sessionId, struct ns1__filters *filters,
                               struct ns1__salesOrderInvoiceEntityArray *result)
{
    struct soap_call *c = v2call(soap);
    struct sop_filter_pair *simple = NULL;
    struct sop_filter_complex *cplx = NULL;
    size_t ns = 0, nc = 0;

    (void)result;
    if (filters && filters->filter && filters->filter->__size > 0) {
        simple = arena_alloc(c->w->ctx.arena, sizeof *simple * (size_t)filters->filter->__size);
        for (int i = 0; simple && i < filters->filter->__size; i++) {
            simple[ns].key = filters->filter->__ptr[i].key;
            simple[ns++].value = filters->filter->__ptr[i].value;
        }
    }
    if (filters && filters->complex_USCOREfilter && filters->complex_USCOREfilter->__size > 0) {
        struct ns1__complexFilterArray *a = filters->complex_USCOREfilter;
        cplx = arena_alloc(c->w->ctx.arena, sizeof *cplx * (size_t)a->__size);
        for (int i = 0; cplx && i < a->__size; i++) {
            cplx[nc].key = a->__ptr[i].key;
            cplx[nc].op = a->__ptr[i].value ? a->__ptr[i].value->key : NULL;
            cplx[nc++].value = a->__ptr[i].value ? a->__ptr[i].value->value : NULL;
        }
    }
    return sop_list(c, sessionId, filters != NULL, simple, ns, cplx, nc);
}

int ns1__salesOrderInvoiceInfo(struct soap *soap, char *sessionId, char *invoiceIncrementId,
                               struct ns1__salesOrderInvoiceInfoResponse *response)
{
    (void)response;
    return sop_info(v2call(soap), sessionId, invoiceIncrementId);
}

int ns1__salesOrderInvoiceCreate(struct soap *soap, char *sessionId, char *invoiceIncrementId,
                                 struct ns1__orderItemIdQtyArray *itemsQty, char *comment,
                                 char *email, char *includeComment, char **result)
{
    struct soap_call *c = v2call(soap);
    struct md_qty *q = NULL;
    size_t n = 0;

    (void)result;
    if (itemsQty && itemsQty->__size > 0) {
        q = arena_alloc(c->w->ctx.arena, sizeof *q * (size_t)itemsQty->__size);
        for (int i = 0; q && i < itemsQty->__size; i++) {
            int64_t qty;
            /* Magento skips entries lacking either field */
            if (!itemsQty->__ptr[i].order_USCOREitem_USCOREid || !itemsQty->__ptr[i].qty)
                continue;
            if (dec_from_double(*itemsQty->__ptr[i].qty, &qty))
                qty = -1; /* not a number Magento could use: the domain refuses it */
            q[n].item_id = *itemsQty->__ptr[i].order_USCOREitem_USCOREid;
            q[n++].qty = qty;
        }
    }
    return sop_create(c, sessionId, invoiceIncrementId, q, n, comment, email, includeComment);
}

int ns1__salesOrderInvoiceAddComment(struct soap *soap, char *sessionId, char *invoiceIncrementId,
                                     char *comment, char *email, char *includeComment,
                                     enum xsd__boolean *result)
{
    (void)result;
    return sop_add_comment(v2call(soap), sessionId, invoiceIncrementId, comment, email,
                           includeComment);
}

int ns1__salesOrderInvoiceCapture(struct soap *soap, char *sessionId, char *invoiceIncrementId,
                                  enum xsd__boolean *result)
{
    (void)result;
    return sop_state_change(v2call(soap), sessionId, invoiceIncrementId, MDM_CAPTURE);
}

int ns1__salesOrderInvoiceVoid(struct soap *soap, char *sessionId, char *invoiceIncrementId,
                               enum xsd__boolean *result)
{
    (void)result;
    return sop_state_change(v2call(soap), sessionId, invoiceIncrementId, MDM_VOID);
}

int ns1__salesOrderInvoiceCancel(struct soap *soap, char *sessionId, char *invoiceIncrementId,
                                 enum xsd__boolean *result)
{
    (void)result;
    return sop_state_change(v2call(soap), sessionId, invoiceIncrementId, MDM_CANCEL);
}
