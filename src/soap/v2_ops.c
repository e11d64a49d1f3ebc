/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SOAP V2 (rpc/encoded) operations called by the gSOAP dispatcher generated
 * from wsdl/magento_v2.gsoap.h.  Each one only turns gSOAP's parts into
 * struct val arguments, in WSDL order, and hands them to the one API handler
 * (sop_run); a part that cannot be built fails the call closed.  The
 * out-parameters are never filled: soapw writes the answer and SOAP_STOP
 * tells gSOAP not to serialise.
 */
#include "v2H.h"

#include "soap/soap_int.h"

#include "api/api.h"

#define RUN(c, m, ...)                                                                          \
    do {                                                                                       \
        struct val *parts_[] = {__VA_ARGS__};                                                  \
        return sop_run(c, m, parts_, sizeof parts_ / sizeof parts_[0]);                        \
    } while (0)

static struct soap_call *v2call(struct soap *soap)
{
    struct soap_call *c = soap->user;
    c->sw.style = SW_V2;
    return c;
}

int ns1__login(struct soap *soap, char *username, char *apiKey, char **loginReturn)
{
    struct soap_call *c = v2call(soap);

    (void)loginReturn;
    RUN(c, API_LOGIN, sop_str(c, username), sop_str(c, apiKey));
}

int ns1__endSession(struct soap *soap, char *sessionId, enum xsd__boolean *endSessionReturn)
{
    struct soap_call *c = v2call(soap);

    (void)endSessionReturn;
    RUN(c, API_END_SESSION, sop_str(c, sessionId));
}

int ns1__startSession(struct soap *soap, char **startSessionReturn)
{
    (void)startSessionReturn;
    return sop_run(v2call(soap), API_START_SESSION, NULL, 0);
}

int ns1__resources(struct soap *soap, char *sessionId, struct ns1__ArrayOfApis *resourcesReturn)
{
    struct soap_call *c = v2call(soap);

    (void)resourcesReturn;
    RUN(c, API_RESOURCES, sop_str(c, sessionId));
}

int ns1__globalFaults(struct soap *soap, char *sessionId,
                      struct ns1__ArrayOfExistsFaltures *globalFaultsReturn)
{
    struct soap_call *c = v2call(soap);

    (void)globalFaultsReturn;
    RUN(c, API_GLOBAL_FAULTS, sop_str(c, sessionId));
}

int ns1__resourceFaults(struct soap *soap, char *resourceName, char *sessionId,
                        struct ns1__ArrayOfExistsFaltures *resourceFaultsReturn)
{
    struct soap_call *c = v2call(soap);

    (void)resourceFaultsReturn;
    RUN(c, API_RESOURCE_FAULTS, sop_str(c, resourceName), sop_str(c, sessionId));
}

static struct val *filters_of(struct soap_call *c, const struct ns1__filters *filters)
{
    struct arena *a = c->w->ctx.arena;
    struct sop_filter_pair *simple = NULL;
    struct sop_filter_complex *cplx = NULL;
    size_t ns = 0, nc = 0;

    if (filters && filters->filter && filters->filter->__size > 0) {
        simple = arena_alloc(a, sizeof *simple * (size_t)filters->filter->__size);
        if (!simple)
            return NULL;
        for (int i = 0; i < filters->filter->__size; i++) {
            simple[ns].key = filters->filter->__ptr[i].key;
            simple[ns++].value = filters->filter->__ptr[i].value;
        }
    }
    if (filters && filters->complex_USCOREfilter && filters->complex_USCOREfilter->__size > 0) {
        struct ns1__complexFilterArray *ca = filters->complex_USCOREfilter;
        cplx = arena_alloc(a, sizeof *cplx * (size_t)ca->__size);
        if (!cplx)
            return NULL;
        for (int i = 0; i < ca->__size; i++) {
            cplx[nc].key = ca->__ptr[i].key;
            cplx[nc].op = ca->__ptr[i].value ? ca->__ptr[i].value->key : NULL;
            cplx[nc++].value = ca->__ptr[i].value ? ca->__ptr[i].value->value : NULL;
        }
    }
    return sop_filters(c, filters != NULL, simple, ns, cplx, nc);
}

int ns1__salesOrderInvoiceList(struct soap *soap, char *sessionId, struct ns1__filters *filters,
                               struct ns1__salesOrderInvoiceEntityArray *result)
{
    struct soap_call *c = v2call(soap);

    (void)result;
    RUN(c, API_INV_LIST, sop_str(c, sessionId), filters_of(c, filters));
}

int ns1__salesOrderInvoiceInfo(struct soap *soap, char *sessionId, char *invoiceIncrementId,
                               struct ns1__salesOrderInvoiceInfoResponse *response)
{
    struct soap_call *c = v2call(soap);

    (void)response;
    RUN(c, API_INV_INFO, sop_str(c, sessionId), sop_str(c, invoiceIncrementId));
}

static struct val *qtys_of(struct soap_call *c, const struct ns1__orderItemIdQtyArray *a)
{
    struct sop_qty *q;
    int n = a ? a->__size : 0;

    if (n <= 0)
        return val_null(c->w->ctx.arena);
    q = arena_alloc(c->w->ctx.arena, sizeof *q * (size_t)n);
    if (!q)
        return NULL;
    for (int i = 0; i < n; i++) {
        q[i].item_id = a->__ptr[i].order_USCOREitem_USCOREid;
        q[i].qty = a->__ptr[i].qty;
    }
    return sop_qtys(c, q, (size_t)n);
}

int ns1__salesOrderInvoiceCreate(struct soap *soap, char *sessionId, char *invoiceIncrementId,
                                 struct ns1__orderItemIdQtyArray *itemsQty, char *comment,
                                 char *email, char *includeComment, char **result)
{
    struct soap_call *c = v2call(soap);

    (void)result;
    RUN(c, API_INV_CREATE, sop_str(c, sessionId), sop_str(c, invoiceIncrementId),
        qtys_of(c, itemsQty), sop_str(c, comment), sop_str(c, email), sop_str(c, includeComment));
}

int ns1__salesOrderInvoiceAddComment(struct soap *soap, char *sessionId, char *invoiceIncrementId,
                                     char *comment, char *email, char *includeComment,
                                     enum xsd__boolean *result)
{
    struct soap_call *c = v2call(soap);

    (void)result;
    RUN(c, API_INV_ADD_COMMENT, sop_str(c, sessionId), sop_str(c, invoiceIncrementId),
        sop_str(c, comment), sop_str(c, email), sop_str(c, includeComment));
}

int ns1__salesOrderInvoiceCapture(struct soap *soap, char *sessionId, char *invoiceIncrementId,
                                  enum xsd__boolean *result)
{
    struct soap_call *c = v2call(soap);

    (void)result;
    RUN(c, API_INV_CAPTURE, sop_str(c, sessionId), sop_str(c, invoiceIncrementId));
}

int ns1__salesOrderInvoiceVoid(struct soap *soap, char *sessionId, char *invoiceIncrementId,
                               enum xsd__boolean *result)
{
    struct soap_call *c = v2call(soap);

    (void)result;
    RUN(c, API_INV_VOID, sop_str(c, sessionId), sop_str(c, invoiceIncrementId));
}

int ns1__salesOrderInvoiceCancel(struct soap *soap, char *sessionId, char *invoiceIncrementId,
                                 enum xsd__boolean *result)
{
    struct soap_call *c = v2call(soap);

    (void)result;
    RUN(c, API_INV_CANCEL, sop_str(c, sessionId), sop_str(c, invoiceIncrementId));
}

/* ---- sales_order ---------------------------------------------------------------- */

int ns1__salesOrderList(struct soap *soap, char *sessionId, struct ns1__filters *filters,
                        struct ns1__salesOrderListEntityArray *result)
{
    struct soap_call *c = v2call(soap);

    (void)result;
    RUN(c, API_ORD_LIST, sop_str(c, sessionId), filters_of(c, filters));
}

int ns1__salesOrderInfo(struct soap *soap, char *sessionId, char *orderIncrementId,
                        struct ns1__salesOrderInfoResponse *response)
{
    struct soap_call *c = v2call(soap);

    (void)response;
    RUN(c, API_ORD_INFO, sop_str(c, sessionId), sop_str(c, orderIncrementId));
}

int ns1__salesOrderAddComment(struct soap *soap, char *sessionId, char *orderIncrementId,
                              char *status, char *comment, char *notify,
                              enum xsd__boolean *result)
{
    struct soap_call *c = v2call(soap);

    (void)result;
    RUN(c, API_ORD_ADD_COMMENT, sop_str(c, sessionId), sop_str(c, orderIncrementId),
        sop_str(c, status), sop_str(c, comment), sop_str(c, notify));
}

int ns1__salesOrderHold(struct soap *soap, char *sessionId, char *orderIncrementId,
                        enum xsd__boolean *result)
{
    struct soap_call *c = v2call(soap);

    (void)result;
    RUN(c, API_ORD_HOLD, sop_str(c, sessionId), sop_str(c, orderIncrementId));
}

int ns1__salesOrderUnhold(struct soap *soap, char *sessionId, char *orderIncrementId,
                          enum xsd__boolean *result)
{
    struct soap_call *c = v2call(soap);

    (void)result;
    RUN(c, API_ORD_UNHOLD, sop_str(c, sessionId), sop_str(c, orderIncrementId));
}

int ns1__salesOrderCancel(struct soap *soap, char *sessionId, char *orderIncrementId,
                          enum xsd__boolean *result)
{
    struct soap_call *c = v2call(soap);

    (void)result;
    RUN(c, API_ORD_CANCEL, sop_str(c, sessionId), sop_str(c, orderIncrementId));
}
