/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The API table and the one handler (api.h):
 * Mage_Api_Model_Server_Handler_Abstract as Magento 1.9 runs it on PHP 5/7,
 * over the sales_order_invoice resource, for every dialect.
 * Fact base §2.3 (call), §2.4 (multiCall), §2.5 (the other methods), §4
 * (resources and faults), §5.4 (create's arguments).
 */
#include "api/api.h"

#include "magesoapd/dec.h"
#include "magesoapd/log.h"
#include "magesoapd/trace.h"

#include <openssl/evp.h>

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define HANDLER_CLASS "Mage_Api_Model_Server_Handler_Abstract"
#define INVOICE_CLASS "Mage_Sales_Model_Order_Invoice_Api"
#define RESOURCE "sales_order_invoice"
#define RESOURCE_ALIAS "order_invoice"
#define RESOURCE_ACL "sales/order/invoice"
#define REST_INVOICE_ROUTE "POST /V1/order/{orderId}/invoice"

#define ORDER_CLASS "Mage_Sales_Model_Order_Api"

#define P_SID {"sessionId", APT_STRING}
#define P_ORD {"orderIncrementId", APT_STRING}
#define V2_SID_ORD {{"sessionId", 0}, {"orderIncrementId", 1}, {NULL, 0}}
#define P_INC {"invoiceIncrementId", APT_STRING}
#define V2_SID_INC {{"sessionId", 0}, {"invoiceIncrementId", 1}, {NULL, 0}}

static const enum md_fault_id no_faults[] = {MDF_COUNT};
static const enum md_fault_id login_faults[] = {MDF_ACCESS_DENIED, MDF_PARAM_MISSING, MDF_COUNT};
static const enum md_fault_id session_faults[] = {MDF_SESSION_EXPIRED, MDF_COUNT};
static const enum md_fault_id call_faults[] = {MDF_ACCESS_DENIED, MDF_PATH_INVALID,
                                               MDF_SESSION_EXPIRED, MDF_NOT_EXISTS,
                                               MDF_INVALID_FILTER, MDF_DATA_INVALID,
                                               MDF_ORDER_NOT_EXISTS, MDF_STATUS_NOT_CHANGED,
                                               MDF_COUNT};
static const enum md_fault_id rfaults_faults[] = {MDF_ACCESS_DENIED, MDF_PATH_INVALID,
                                                  MDF_SESSION_EXPIRED, MDF_COUNT};
static const enum md_fault_id list_faults[] = {MDF_SESSION_EXPIRED, MDF_ACCESS_DENIED,
                                               MDF_INVALID_FILTER, MDF_COUNT};
static const enum md_fault_id info_faults[] = {MDF_SESSION_EXPIRED, MDF_ACCESS_DENIED,
                                               MDF_NOT_EXISTS, MDF_COUNT};
static const enum md_fault_id create_faults[] = {MDF_SESSION_EXPIRED, MDF_ACCESS_DENIED,
                                                 MDF_INTERNAL, MDF_DATA_INVALID,
                                                 MDF_ORDER_NOT_EXISTS, MDF_COUNT};
static const enum md_fault_id change_faults[] = {MDF_SESSION_EXPIRED, MDF_ACCESS_DENIED,
                                                 MDF_NOT_EXISTS, MDF_STATUS_NOT_CHANGED,
                                                 MDF_COUNT};
static const enum md_fault_id ord_list_faults[] = {MDF_SESSION_EXPIRED, MDF_ACCESS_DENIED,
                                                   MDF_ORD_INVALID_FILTER, MDF_COUNT};
static const enum md_fault_id ord_info_faults[] = {MDF_SESSION_EXPIRED, MDF_ACCESS_DENIED,
                                                   MDF_ORD_NOT_EXISTS, MDF_COUNT};
static const enum md_fault_id ord_comment_faults[] = {MDF_SESSION_EXPIRED, MDF_ACCESS_DENIED,
                                                      MDF_ORD_NOT_EXISTS, MDF_ORD_DATA_INVALID,
                                                      MDF_ORD_STATUS_NOT_CHANGED, MDF_COUNT};
static const enum md_fault_id ord_change_faults[] = {MDF_SESSION_EXPIRED, MDF_ACCESS_DENIED,
                                                     MDF_ORD_NOT_EXISTS,
                                                     MDF_ORD_STATUS_NOT_CHANGED, MDF_COUNT};

/* The resources, Mage/Sales/etc/api.xml order (resources() lists them so). */
static const struct api_resource api_resources[API_RES_COUNT] = {
    [API_RES_INVOICE] = {RESOURCE, RESOURCE_ALIAS, RESOURCE_ACL, "Invoice API", INVOICE_CLASS,
                         MDF_NOT_EXISTS, MDF_STATUS_NOT_CHANGED},
    [API_RES_ORDER] = {"sales_order", "order", "sales/order", "Order API", ORDER_CLASS,
                       MDF_ORD_NOT_EXISTS, MDF_ORD_STATUS_NOT_CHANGED},
};
static const enum api_resource_id resource_order[API_RES_COUNT] = {API_RES_ORDER,
                                                                   API_RES_INVOICE};

static const enum md_fault_id comment_faults[] = {MDF_SESSION_EXPIRED, MDF_ACCESS_DENIED,
                                                  MDF_NOT_EXISTS, MDF_DATA_INVALID, MDF_COUNT};

/* THE table: every method in every dialect.  The WSDLs (wsdl/ *.wsdl.in) and
 * the gSOAP IDL (wsdl/ *.gsoap.h) are checked against it by test_api_table. */
static const struct api_method_info table[API_METHOD_COUNT] = {
    /* REST: Magento 2's admin token route is login's counterpart (a bearer token) */
    [API_LOGIN] = {.name = "login", .php = "login", .v2_op = "login",
                   .rest = "POST /V1/integration/admin/token",
                   .v2_return = "loginReturn", .wsi_request = "loginParam",
                   .wsi_response = "loginResponseParam", .required = 1, .max = 2,
                   .params = {{"username", APT_STRING}, {"apiKey", APT_STRING}},
                   .v2_in = {{"username", 0}, {"apiKey", 1}, {NULL, 0}},
                   .wsi_in = {{"username", 0}, {"apiKey", 1}, {NULL, 0}},
                   .v1_in = {{"username", 0}, {"apiKey", 1}, {NULL, 0}},
                   .result = APR_STRING, .faults = login_faults},
    [API_CALL] = {.name = "call", .php = "call", .required = 2, .max = 3,
                  .params = {P_SID, {"apiPath", APT_STRING}, {"args", APT_ARRAY}},
                  .v1_in = {{"sessionId", 0}, {"resourcePath", 1}, {"args", 2}, {NULL, 0}},
                  /* WS-I only (V2 has no call); OpenMage declares it but cannot
                   * run it, we do (docs/wsi-call.md) */
                  .wsi_op = "call", .wsi_request = "callParam",
                  .wsi_response = "callResponseParam",
                  .wsi_in = {{"sessionId", 0}, {"apiPath", 1}, {"args", 2}, {NULL, 0}},
                  .result = APR_ANY, .faults = call_faults},
    [API_MULTICALL] = {.name = "multiCall", .php = "multiCall", .required = 1, .max = 3,
                       .params = {P_SID, {"calls", APT_ARRAY}, {"options", APT_ARRAY}},
                       .v1_in = {{"sessionId", 0}, {"calls", 1}, {"options", 2}, {NULL, 0}},
                       .wsi_op = "multiCall", .wsi_request = "multiCallParam",
                       .wsi_response = "multiCallResponseParam",
                       .wsi_in = {{"sessionId", 0}, {"calls", 1}, {"options", 2}, {NULL, 0}},
                       .result = APR_ANY, .faults = session_faults},
    [API_END_SESSION] = {.name = "endSession", .php = "endSession", .v2_op = "endSession",
                         .v2_return = "endSessionReturn", .wsi_request = "endSessionParam",
                         .wsi_response = "endSessionResponseParam", .required = 1, .max = 1,
                         .params = {P_SID}, .v2_in = {{"sessionId", 0}, {NULL, 0}},
                         .wsi_in = {{"sessionId", 0}, {NULL, 0}},
                         .v1_in = {{"sessionId", 0}, {NULL, 0}},
                         .result = APR_BOOLEAN,
                         .faults = no_faults},
    [API_START_SESSION] = {.name = "startSession", .php = "startSession",
                           .v2_op = "startSession", .v2_return = "startSessionReturn",
                           .wsi_response = "startSessionResponseParam", .required = 0,
                           .max = 0, .v1_in = {{NULL, 0}},
                           .result = APR_STRING, .faults = no_faults, .access = API_READ_CHEAP},
    [API_RESOURCES] = {.name = "resources", .php = "resources", .v2_op = "resources",
                       .v2_return = "resourcesReturn", .wsi_request = "resourcesRequestParam",
                       .wsi_response = "resourcesResponseParam", .required = 1, .max = 1,
                       .params = {P_SID}, .v2_in = {{"sessionId", 0}, {NULL, 0}},
                       .wsi_in = {{"sessionId", 0}, {NULL, 0}},
                       .v1_in = {{"sessionId", 0}, {NULL, 0}},
                       .result = APR_RESOURCES,
                       .faults = session_faults, .access = API_READ_CHEAP},
    [API_GLOBAL_FAULTS] = {.name = "globalFaults", .php = "globalFaults",
                           .v2_op = "globalFaults", .v2_return = "globalFaultsReturn",
                           .wsi_request = "globalFaultsParam",
                           .wsi_response = "globalFaultsResponseParam", .required = 1,
                           .max = 1, .params = {P_SID},
                           .v2_in = {{"sessionId", 0}, {NULL, 0}},
                           .wsi_in = {{"sessionId", 0}, {NULL, 0}},
                           .v1_in = {{"sessionId", 0}, {NULL, 0}},
                           .result = APR_FAULTS,
                           .faults = no_faults, .access = API_READ_CHEAP},
    /* V2 sends (resourceName, sessionId); PHP and WS-I (sessionId, resourceName) */
    [API_RESOURCE_FAULTS] = {.name = "resourceFaults", .php = "resourceFaults",
                             .v2_op = "resourceFaults", .v2_return = "resourceFaultsReturn",
                             .wsi_request = "resourceFaultsParam",
                             .wsi_response = "resourceFaultsResponseParam", .required = 2,
                             .max = 2, .params = {P_SID, {"resourceName", APT_STRING}},
                             .v2_in = {{"resourceName", 1}, {"sessionId", 0}, {NULL, 0}},
                             .wsi_in = {{"sessionId", 0}, {"resourceName", 1}, {NULL, 0}},
                             /* V1 hands its parts to PHP by position, whatever
                              * their names (fact base §2.1, §2.2) */
                             .v1_in = {{"resourceName", 0}, {"sessionId", 1}, {NULL, 0}},
                             .result = APR_FAULTS, .faults = rfaults_faults,
                             .access = API_READ_CHEAP},
    [API_INV_LIST] = {.name = "list", .php = "items", .v1_path = RESOURCE ".list",
                      .v1_alias = RESOURCE_ALIAS ".list", .v2_op = "salesOrderInvoiceList",
                      .v2_return = "result", .wsi_request = "salesOrderInvoiceListRequestParam",
                      .wsi_response = "salesOrderInvoiceListResponseParam",
                      .acl = "sales/order/invoice/info",
                      .title = "Retrieve list of invoices by filters", .required = 0, .max = 1,
                      .params = {P_SID, {"filters", APT_FILTERS}},
                      .v2_in = {{"sessionId", 0}, {"filters", 1}, {NULL, 0}},
                      .wsi_in = {{"sessionId", 0}, {"filters", 1}, {NULL, 0}},
                      .result = APR_INVOICE_LIST, .faults = list_faults, .access = API_READ},
    [API_INV_INFO] = {.name = "info", .php = "info", .v1_path = RESOURCE ".info",
                      .v1_alias = RESOURCE_ALIAS ".info", .v2_op = "salesOrderInvoiceInfo",
                      .v2_return = "result", .wsi_request = "salesOrderInvoiceInfoRequestParam",
                      .wsi_response = "salesOrderInvoiceInfoResponseParam",
                      .acl = "sales/order/invoice/info", .title = "Retrieve invoice information",
                      .required = 1, .max = 1, .params = {P_SID, P_INC}, .v2_in = V2_SID_INC,
                      .wsi_in = V2_SID_INC, .result = APR_INVOICE, .faults = info_faults,
                      .access = API_READ_CHEAP},
    /* the V2/WS-I part "invoiceIncrementId" of create is the order's increment id */
    [API_INV_CREATE] = {.name = "create", .php = "create", .v1_path = RESOURCE ".create",
                        .v1_alias = RESOURCE_ALIAS ".create",
                        .v2_op = "salesOrderInvoiceCreate", .v2_return = "result",
                        .wsi_request = "salesOrderInvoiceCreateRequestParam",
                        .wsi_response = "salesOrderInvoiceCreateResponseParam",
                        .rest = REST_INVOICE_ROUTE, .acl = "sales/order/invoice/create",
                        .title = "Create new invoice for order", .required = 1, .max = 5,
                        .params = {P_SID, {"orderIncrementId", APT_STRING},
                                   {"itemsQty", APT_QTYS}, {"comment", APT_COMMENT},
                                   {"email", APT_FLAG}, {"includeComment", APT_FLAG}},
                        .v2_in = {{"sessionId", 0}, {"invoiceIncrementId", 1},
                                  {"itemsQty", 2}, {"comment", 3}, {"email", 4},
                                  {"includeComment", 5}, {NULL, 0}},
                        .wsi_in = {{"sessionId", 0}, {"invoiceIncrementId", 1},
                                   {"itemsQty", 2}, {"comment", 3}, {"email", 4},
                                   {"includeComment", 5}, {NULL, 0}},
                        .result = APR_STRING, .faults = create_faults},
    [API_INV_ADD_COMMENT] = {.name = "addComment", .php = "addComment",
                             .v1_path = RESOURCE ".addComment",
                             .v1_alias = RESOURCE_ALIAS ".addComment",
                             .v2_op = "salesOrderInvoiceAddComment", .v2_return = "result",
                             .wsi_request = "salesOrderInvoiceAddCommentRequestParam",
                             .wsi_response = "salesOrderInvoiceAddCommentResponseParam",
                             .acl = "sales/order/invoice/comment",
                             .title = "Add new comment to shipment", .required = 2, .max = 4,
                             .params = {P_SID, P_INC, {"comment", APT_COMMENT},
                                        {"email", APT_FLAG}, {"includeComment", APT_FLAG}},
                             .v2_in = {{"sessionId", 0}, {"invoiceIncrementId", 1},
                                       {"comment", 2}, {"email", 3}, {"includeComment", 4},
                                       {NULL, 0}},
                             .wsi_in = {{"sessionId", 0}, {"invoiceIncrementId", 1},
                                        {"comment", 2}, {"email", 3}, {"includeComment", 4},
                                        {NULL, 0}},
                             .result = APR_BOOLEAN_STR, .faults = comment_faults},
    [API_INV_CAPTURE] = {.name = "capture", .php = "capture", .v1_path = RESOURCE ".capture",
                         .v1_alias = RESOURCE_ALIAS ".capture",
                         .v2_op = "salesOrderInvoiceCapture", .v2_return = "result",
                         .wsi_request = "salesOrderInvoiceCaptureRequestParam",
                         .wsi_response = "salesOrderInvoiceCaptureResponseParam",
                         .acl = "sales/order/invoice/capture", .title = "Capture invoice",
                         .required = 1, .max = 1, .params = {P_SID, P_INC},
                         .v2_in = V2_SID_INC, .wsi_in = V2_SID_INC,
                         .result = APR_BOOLEAN_STR, .faults = change_faults},
    [API_INV_VOID] = {.name = "void", .php = "void", .v1_path = RESOURCE ".void",
                      .v1_alias = RESOURCE_ALIAS ".void", .v2_op = "salesOrderInvoiceVoid",
                      .v2_return = "result", .wsi_request = "salesOrderInvoiceVoidRequestParam",
                      .wsi_response = "salesOrderInvoiceVoidResponseParam",
                      .acl = "sales/order/invoice/void", .title = "Void invoice", .required = 1,
                      .max = 1, .params = {P_SID, P_INC}, .v2_in = V2_SID_INC,
                      .wsi_in = V2_SID_INC, .result = APR_BOOLEAN_STR, .faults = change_faults},
    [API_INV_CANCEL] = {.name = "cancel", .php = "cancel", .v1_path = RESOURCE ".cancel",
                        .v1_alias = RESOURCE_ALIAS ".cancel",
                        .v2_op = "salesOrderInvoiceCancel", .v2_return = "result",
                        .wsi_request = "salesOrderInvoiceCancelRequestParam",
                        .wsi_response = "salesOrderInvoiceCancelResponseParam",
                        .acl = "sales/order/invoice/cancel", .title = "Cancel invoice",
                        .required = 1, .max = 1, .params = {P_SID, P_INC},
                        .v2_in = V2_SID_INC, .wsi_in = V2_SID_INC,
                        .result = APR_BOOLEAN_STR, .faults = change_faults},
    /* sales_order (Mage_Sales_Model_Order_Api; wsdl.xml / wsi.xml of Mage_Sales) */
    [API_ORD_LIST] = {.name = "list", .php = "items", .v1_path = "sales_order.list",
                      .v1_alias = "order.list", .v2_op = "salesOrderList", .v2_return = "result",
                      .wsi_request = "salesOrderListRequestParam",
                      .wsi_response = "salesOrderListResponseParam", .acl = "sales/order/info",
                      .title = "Retrieve list of orders by filters", .required = 0, .max = 1,
                      .params = {P_SID, {"filters", APT_FILTERS}},
                      .v2_in = {{"sessionId", 0}, {"filters", 1}, {NULL, 0}},
                      .wsi_in = {{"sessionId", 0}, {"filters", 1}, {NULL, 0}},
                      .result = APR_ORDER_LIST, .faults = ord_list_faults,
                      .resource = API_RES_ORDER},
    [API_ORD_INFO] = {.name = "info", .php = "info", .v1_path = "sales_order.info",
                      .v1_alias = "order.info", .v2_op = "salesOrderInfo", .v2_return = "result",
                      .wsi_request = "salesOrderInfoRequestParam",
                      .wsi_response = "salesOrderInfoResponseParam", .acl = "sales/order/info",
                      .title = "Retrieve order information", .required = 1, .max = 1,
                      .params = {P_SID, P_ORD}, .v2_in = V2_SID_ORD, .wsi_in = V2_SID_ORD,
                      .result = APR_ORDER, .faults = ord_info_faults,
                      .resource = API_RES_ORDER, .access = API_READ_CHEAP},
    [API_ORD_ADD_COMMENT] = {.name = "addComment", .php = "addComment",
                             .v1_path = "sales_order.addComment",
                             .v1_alias = "order.addComment", .v2_op = "salesOrderAddComment",
                             .v2_return = "result",
                             .wsi_request = "salesOrderAddCommentRequestParam",
                             .wsi_response = "salesOrderAddCommentResponseParam",
                             .acl = "sales/order/change", .title = "Add comment to order",
                             .required = 2, .max = 4,
                             .params = {P_SID, P_ORD, {"status", APT_STRING},
                                        {"comment", APT_COMMENT}, {"notify", APT_FLAG}},
                             .v2_in = {{"sessionId", 0}, {"orderIncrementId", 1}, {"status", 2},
                                       {"comment", 3}, {"notify", 4}, {NULL, 0}},
                             .wsi_in = {{"sessionId", 0}, {"orderIncrementId", 1}, {"status", 2},
                                        {"comment", 3}, {"notify", 4}, {NULL, 0}},
                             .result = APR_BOOLEAN_INT, .faults = ord_comment_faults,
                             .resource = API_RES_ORDER},
    [API_ORD_HOLD] = {.name = "hold", .php = "hold", .v1_path = "sales_order.hold",
                      .v1_alias = "order.hold", .v2_op = "salesOrderHold", .v2_return = "result",
                      .wsi_request = "salesOrderHoldRequestParam",
                      .wsi_response = "salesOrderHoldResponseParam", .acl = "sales/order/change",
                      .title = "Hold order", .required = 1, .max = 1, .params = {P_SID, P_ORD},
                      .v2_in = V2_SID_ORD, .wsi_in = V2_SID_ORD, .result = APR_BOOLEAN_INT,
                      .faults = ord_change_faults, .resource = API_RES_ORDER},
    [API_ORD_UNHOLD] = {.name = "unhold", .php = "unhold", .v1_path = "sales_order.unhold",
                        .v1_alias = "order.unhold", .v2_op = "salesOrderUnhold",
                        .v2_return = "result", .wsi_request = "salesOrderUnholdRequestParam",
                        .wsi_response = "salesOrderUnholdResponseParam",
                        .acl = "sales/order/change", .title = "Unhold order", .required = 1,
                        .max = 1, .params = {P_SID, P_ORD}, .v2_in = V2_SID_ORD,
                        .wsi_in = V2_SID_ORD, .result = APR_BOOLEAN_INT,
                        .faults = ord_change_faults, .resource = API_RES_ORDER},
    [API_ORD_CANCEL] = {.name = "cancel", .php = "cancel", .v1_path = "sales_order.cancel",
                        .v1_alias = "order.cancel", .v2_op = "salesOrderCancel",
                        .v2_return = "result", .wsi_request = "salesOrderCancelRequestParam",
                        .wsi_response = "salesOrderCancelResponseParam",
                        .acl = "sales/order/change", .title = "Cancel order", .required = 1,
                        .max = 1, .params = {P_SID, P_ORD}, .v2_in = V2_SID_ORD,
                        .wsi_in = V2_SID_ORD, .result = APR_BOOLEAN_INT,
                        .faults = ord_change_faults, .resource = API_RES_ORDER},
};

_Static_assert(API_METHOD_COUNT - API_INV_LIST == MDM_COUNT,
               "one resource method per domain method");

const struct api_resource *api_resource_get(enum api_resource_id r)
{
    return (unsigned)r < API_RES_COUNT ? &api_resources[r] : NULL;
}

const struct api_method_info *api_method(enum api_method m)
{
    return (unsigned)m < API_METHOD_COUNT ? &table[m] : NULL;
}

int api_handler_find(const char *name)
{
    for (int i = 0; name && i < API_HANDLER_COUNT; i++)
        if (!strcmp(name, table[i].name))
            return i;
    return -1;
}

int api_wire_find(const char *name)
{
    for (int i = 0; name && i < API_METHOD_COUNT; i++)
        if ((i < API_HANDLER_COUNT && !strcmp(name, table[i].name)) ||
            (table[i].v2_op && !strcmp(name, table[i].v2_op)) ||
            (table[i].wsi_request && !strcmp(name, table[i].wsi_request)))
            return i;
    return -1;
}

int api_v2_find(const char *op)
{
    for (int i = 0; op && i < API_METHOD_COUNT; i++)
        if (table[i].v2_op && !strcmp(op, table[i].v2_op))
            return i;
    return -1;
}

size_t api_param_count(const struct api_method_info *mi)
{
    size_t n = 0;

    while (n < API_MAX_PARAMS && mi->params[n].name)
        n++;
    return n;
}

enum api_method api_of_md(enum md_method m)
{
    return (enum api_method)(API_INV_LIST + (int)m);
}

static enum md_method md_of_api(enum api_method m)
{
    return (enum md_method)(m - API_INV_LIST);
}

static int is_resource_method(enum api_method m)
{
    return m >= API_INV_LIST && m < API_METHOD_COUNT;
}

/* PHP 8's ArgumentCountError text for an internal caller (no file/line). */
static int too_few(struct md_fault *f, const char *cls, const char *fn, size_t passed,
                   int required, int max)
{
    return md_fault_raw(f, API_FAULT_ARGS,
                        "Too few arguments to function %s::%s(), %zu passed and %s %d expected",
                        cls, fn, passed, required == max ? "exactly" : "at least", required);
}

static const char *php_type(const struct val *v)
{
    if (!v)
        return "null";
    switch (v->t) {
    case VAL_NULL:
        return "null";
    case VAL_BOOL:
        return "bool";
    case VAL_INT:
        return "int";
    case VAL_DEC:
    case VAL_DOUBLE:
        return "float";
    case VAL_STR:
        return "string";
    case VAL_LIST:
    case VAL_MAP:
        return "array";
    }
    return "mixed";
}

static int is_array(const struct val *v)
{
    return v && (v->t == VAL_LIST || v->t == VAL_MAP);
}

static size_t arr_len(const struct val *v)
{
    return v->t == VAL_LIST ? v->u.list.n : v->u.map.n;
}

static struct val *arr_at(const struct val *v, size_t i)
{
    return v->t == VAL_LIST ? v->u.list.items[i] : v->u.map.kv[i].v;
}

/* PHP (string) cast; absent = NULL = "". */
static const char *cstr(struct md_ctx *ctx, const struct val *v)
{
    const char *s = v ? val_to_cstr(ctx->arena, v) : "";
    return s ? s : "";
}

static int oom(struct md_fault *f)
{
    return md_fault_raw(f, MD_FAULT_SERVER, "out of memory");
}

/* PHP empty() on a string */
static int str_empty(const char *s)
{
    return !*s || (s[0] == '0' && !s[1]);
}

/* ---- trace (access log, journal, metrics: magesoapd/trace.h) ---------------- */

/* The resource method about to run: its path, a write flag for the methods
 * that change data. */
static int is_write(enum md_method m);

static void trace_resource(enum md_method m)
{
    const struct api_method_info *mi = &table[api_of_md(m)];

    trace_method2(api_resources[mi->resource].name, mi->name);
    if (is_write(m))
        trace_write();
}

/* Who holds a session id or REST token: learnt at login / token issue, so a
 * request's log line names its API user without a store read.  A small
 * direct-mapped table (a collision forgets the older entry; a session made
 * before the daemon started is shown as unknown). */
#define WHO_SLOTS 4096
static struct {
    char key[MD_TOKEN_LEN + MD_SID_LEN + 1];
    char user[41];
} g_who[WHO_SLOTS];
static pthread_mutex_t g_who_mu = PTHREAD_MUTEX_INITIALIZER;

static unsigned who_slot(const char *key)
{
    unsigned h = 2166136261u;
    for (const unsigned char *p = (const unsigned char *)key; *p; p++)
        h = (h ^ *p) * 16777619u;
    return h % WHO_SLOTS;
}

static void who_learn(const char *key, const char *user)
{
    unsigned i;

    trace_secret(key);
    if (!trace_cur() || !key || !*key || strlen(key) >= sizeof g_who[0].key)
        return;
    i = who_slot(key);
    pthread_mutex_lock(&g_who_mu);
    snprintf(g_who[i].key, sizeof g_who[i].key, "%s", key);
    snprintf(g_who[i].user, sizeof g_who[i].user, "%s", user);
    pthread_mutex_unlock(&g_who_mu);
}

static void who_trace(const char *key)
{
    unsigned i;
    char user[41] = "";

    trace_secret(key);
    if (!trace_cur() || !key || !*key)
        return;
    i = who_slot(key);
    pthread_mutex_lock(&g_who_mu);
    if (!strcmp(g_who[i].key, key))
        memcpy(user, g_who[i].user, sizeof user);
    pthread_mutex_unlock(&g_who_mu);
    if (*user)
        trace_user(user);
}

/* A refused login: logged with the user name and the peer (fault 2 also past
 * the throttling limit; fault 6 for empty credentials). */
static void login_failed(struct md_ctx *ctx, const char *how, const char *user,
                         const struct md_fault *f)
{
    struct md_trace *t = trace_cur();

    if (t)
        t->login_failed = 1;
    /* a refused key (fault 2) is logged by the login throttling already */
    if (f->code != 2)
        log_msg(LOG_WARN, "%s failed: user \"%.64s\" peer %s fault %d", how, user ? user : "",
                ctx->peer ? ctx->peer : "-", f->code);
}

/* ---- api path -------------------------------------------------------------- */

/* list($resource, $method) = explode('.', $apiPath); alias; known method? */
static int resolve_path(const char *path, enum md_method *m, struct md_fault *f)
{
    const char *dot = strchr(path, '.');
    char resource[128], method[128];
    size_t rn, mn;

    if (!dot)
        return md_fault_set(f, MDF_PATH_INVALID);
    rn = (size_t)(dot - path);
    const char *mend = strchr(dot + 1, '.');
    mn = mend ? (size_t)(mend - dot - 1) : strlen(dot + 1);
    if (rn >= sizeof resource || mn >= sizeof method)
        return md_fault_set(f, MDF_PATH_INVALID);
    memcpy(resource, path, rn);
    resource[rn] = '\0';
    memcpy(method, dot + 1, mn);
    method[mn] = '\0';
    if (str_empty(resource) || str_empty(method))
        return md_fault_set(f, MDF_PATH_INVALID);
    int res = -1;
    for (int r = 0; r < API_RES_COUNT; r++)
        if (!strcmp(resource, api_resources[r].name) || !strcmp(resource, api_resources[r].alias))
            res = r;
    if (res < 0)
        return md_fault_set(f, MDF_PATH_INVALID);
    for (int i = API_INV_LIST; i < API_METHOD_COUNT; i++) {
        if ((int)table[i].resource == res && !strcmp(table[i].name, method)) {
            *m = md_of_api((enum api_method)i);
            return 0;
        }
    }
    return md_fault_set(f, MDF_PATH_INVALID);
}

/* ---- create's itemsQty ----------------------------------------------------- */

/* The one qty rule (dec.h): a finite number from 0 to DEC_MAX, scaled by
 * 10^4; anything else (NaN, infinities, negatives, "abc", "1,5", arrays) is
 * DEC_INVALID, which the domain refuses with Magento's invalid-qty fault.
 * An absent or NULL qty is 0 (the item is not invoiced), as (float)null. */
static int64_t qty_of(const struct val *v)
{
    if (!v)
        return 0;
    switch (v->t) {
    case VAL_NULL:
        return 0;
    case VAL_BOOL:
        return v->u.b ? DEC_SCALE : 0;
    case VAL_INT:
        return dec_qty_from_int(v->u.i);
    case VAL_DEC:
        return dec_qty_valid(v->u.i) ? v->u.i : DEC_INVALID;
    case VAL_DOUBLE:
        return dec_qty_from_double(v->u.d);
    case VAL_STR:
        return dec_qty_from_string(v->u.s.p);
    case VAL_LIST:
    case VAL_MAP:
        return DEC_INVALID;
    }
    return DEC_INVALID;
}

/* An order item id as a PHP array key: integers and integral strings. */
static int64_t id_of_key(const char *k)
{
    char *end;
    long long v;

    errno = 0;
    v = strtoll(k, &end, 10);
    if (!*k || *end || errno)
        return 0;
    return v;
}

static int64_t id_of_val(const struct val *v)
{
    if (!v)
        return 0;
    switch (v->t) {
    case VAL_INT:
        return v->u.i;
    case VAL_BOOL:
        return v->u.b;
    case VAL_DOUBLE:
        return isfinite(v->u.d) ? (int64_t)v->u.d : 0;
    case VAL_DEC:
        return v->u.i / DEC_SCALE;
    case VAL_STR:
        return id_of_key(v->u.s.p);
    default:
        return 0;
    }
}

static int is_qty_object(const struct val *v)
{
    return v && v->t == VAL_MAP && val_map_get(v, "order_item_id") && val_map_get(v, "qty");
}

struct qtys {
    struct md_qty *q;
    size_t n, cap;
};

/* PHP array semantics: a later entry for the same item replaces the qty. */
static int qty_put(struct md_ctx *ctx, struct qtys *qs, int64_t id, int64_t qty)
{
    for (size_t i = 0; i < qs->n; i++) {
        if (qs->q[i].item_id == id && id > 0) {
            qs->q[i].qty = qty;
            return 0;
        }
    }
    if (qs->n == qs->cap) {
        size_t ncap = qs->cap ? qs->cap * 2 : 8;
        struct md_qty *p = arena_alloc(ctx->arena, ncap * sizeof *p);
        if (!p)
            return -1;
        if (qs->n)
            memcpy(p, qs->q, qs->n * sizeof *p);
        qs->q = p;
        qs->cap = ncap;
    }
    qs->q[qs->n].item_id = id;
    qs->q[qs->n].qty = qty;
    qs->n++;
    return 0;
}

/*
 * itemsQty in any of the forms clients send, all meaning {order_item_id: qty}:
 * a map keyed by item id (Magento's own form, Odoo's struct), one
 * {order_item_id, qty} object (Magento devdocs' V1 example), or a list of
 * such objects (the V2 shape sent to V1).  Other list entries keep PHP's
 * reading: their index is the item id.
 */
static int items_qty(struct md_ctx *ctx, const struct val *v, struct qtys *qs,
                     struct md_fault *f)
{
    memset(qs, 0, sizeof *qs);
    if (!v || v->t == VAL_NULL)
        return 0;
    if (v->t == VAL_STR && v->u.s.n == 0)
        return 0;
    if (!is_array(v))
        return md_fault_raw(f, API_FAULT_ARGS,
                            "itemsQty must be an array of order item id => qty, %s given",
                            php_type(v));
    if (is_qty_object(v)) {
        if (qty_put(ctx, qs, id_of_val(val_map_get(v, "order_item_id")),
                    qty_of(val_map_get(v, "qty"))))
            return oom(f);
        return 0;
    }
    for (size_t i = 0; i < arr_len(v); i++) {
        const struct val *e = arr_at(v, i);
        int64_t id;
        if (is_qty_object(e)) {
            if (qty_put(ctx, qs, id_of_val(val_map_get(e, "order_item_id")),
                        qty_of(val_map_get(e, "qty"))))
                return oom(f);
            continue;
        }
        id = v->t == VAL_MAP ? id_of_key(v->u.map.kv[i].key) : (int64_t)i;
        if (qty_put(ctx, qs, id, qty_of(e)))
            return oom(f);
    }
    return 0;
}

/* ---- the invoice API model -------------------------------------------------- */

/* $model->$method(...$argv) */
static int invoke_run(struct md_ctx *ctx, enum md_method m, struct val *const *argv, size_t argc,
                  struct val **result, struct md_fault *f)
{
    const struct api_method_info *mi = &table[api_of_md(m)];
    const struct val *a0 = argc > 0 ? argv[0] : NULL;
    int rc;

    if ((int)argc < mi->required)
        return too_few(f, api_resources[mi->resource].model, mi->php, argc, mi->required,
                       mi->max);
    switch (m) {
    case MDM_ORD_LIST:
    case MDM_LIST: {
        struct val *filters = NULL;
        if (a0 && a0->t == VAL_MAP) {
            filters = (struct val *)a0;
        } else if (a0 && a0->t == VAL_LIST && a0->u.list.n) {
            /* a PHP list read as field => condition: fields "0", "1"... */
            filters = val_map(ctx->arena);
            for (size_t i = 0; filters && i < a0->u.list.n; i++) {
                char *k = arena_printf(ctx->arena, "%zu", i);
                if (!k || val_map_push(ctx->arena, filters, k, a0->u.list.items[i]))
                    filters = NULL;
            }
            if (!filters)
                return oom(f);
        } else if (a0 && a0->t != VAL_LIST) {
            /* is_array() is false: no filter (the list logs it) */
            filters = (struct val *)a0;
        }
        if (api_large_acquire(ctx, f) ||
            (m == MDM_LIST ? md_invoice_list : md_order_list)(ctx, filters, result, f))
            return -1;
        if (ctx->stream) /* the answer's first page: its list declares the total */
            val_stream_mark(*result, md_list_stream_total(ctx->stream));
        return 0;
    }
    case MDM_ORD_INFO:
        return md_order_info(ctx, cstr(ctx, a0), result, f);
    case MDM_ORD_ADDCOMMENT:
        /* addComment($orderIncrementId, $status, $comment = '', $notify = false) */
        rc = md_order_add_comment(ctx, cstr(ctx, a0),
                                  argv[1]->t == VAL_NULL ? NULL : cstr(ctx, argv[1]),
                                  argc > 2 ? (argv[2]->t == VAL_NULL ? NULL : cstr(ctx, argv[2]))
                                           : "",
                                  argc > 3 && val_truthy(argv[3]), f);
        break;
    case MDM_ORD_HOLD:
        rc = md_order_hold(ctx, cstr(ctx, a0), f);
        break;
    case MDM_ORD_UNHOLD:
        rc = md_order_unhold(ctx, cstr(ctx, a0), f);
        break;
    case MDM_ORD_CANCEL:
        rc = md_order_cancel(ctx, cstr(ctx, a0), f);
        break;
    case MDM_INFO:
        return md_invoice_info(ctx, cstr(ctx, a0), result, f);
    case MDM_CREATE: {
        struct md_create_req r;
        struct qtys qs;
        const char *inc = NULL;
        if (items_qty(ctx, argc > 1 ? argv[1] : NULL, &qs, f))
            return -1;
        memset(&r, 0, sizeof r);
        r.order_inc = cstr(ctx, a0);
        r.qty = qs.q;
        r.nqty = qs.n;
        /* `$comment !== null` adds a comment, even an empty one */
        r.comment = argc > 2 && argv[2]->t != VAL_NULL ? cstr(ctx, argv[2]) : NULL;
        r.email = argc > 3 && val_truthy(argv[3]);
        r.include_comment = argc > 4 && val_truthy(argv[4]);
        r.mode = MD_CREATE_M1;
        if (md_invoice_create(ctx, &r, &inc, NULL, f))
            return -1;
        *result = val_str(ctx->arena, inc ? inc : "");
        return *result ? 0 : oom(f);
    }
    case MDM_ADDCOMMENT:
        rc = md_invoice_add_comment(ctx, cstr(ctx, a0),
                                    argv[1]->t == VAL_NULL ? NULL : cstr(ctx, argv[1]),
                                    argc > 2 && val_truthy(argv[2]),
                                    argc > 3 && val_truthy(argv[3]), f);
        break;
    case MDM_CAPTURE:
        rc = md_invoice_capture(ctx, cstr(ctx, a0), f);
        break;
    case MDM_VOID:
        rc = md_invoice_void(ctx, cstr(ctx, a0), f);
        break;
    case MDM_CANCEL:
        rc = md_invoice_cancel(ctx, cstr(ctx, a0), f);
        break;
    default:
        return md_fault_set(f, MDF_PATH_NOT_CALLABLE);
    }
    if (rc)
        return -1;
    *result = val_bool(ctx->arena, 1);
    return *result ? 0 : oom(f);
}

/* The methods that create, capture, void or cancel: an Idempotency-Key
 * header makes them safe to retry (md_idem_begin, README "Idempotency-Key"). */
static int is_write(enum md_method m)
{
    return m == MDM_CREATE || m == MDM_ADDCOMMENT || m == MDM_CAPTURE || m == MDM_VOID ||
           m == MDM_CANCEL || m == MDM_ORD_ADDCOMMENT || m == MDM_ORD_HOLD ||
           m == MDM_ORD_UNHOLD || m == MDM_ORD_CANCEL;
}

/* A write under the request's Idempotency-Key: the key's answer is stored
 * in the write's transaction, a retry gets it back, another request with
 * the same key is refused.  The hash covers the method and its arguments,
 * never the session id. */
static int invoke(struct md_ctx *ctx, enum md_method m, struct val *const *argv, size_t argc,
                  struct val **result, struct md_fault *f)
{
    const char *path = table[api_of_md(m)].v1_path;
    struct md_idem h;
    struct val *replay = NULL;
    char hash[65];
    int rc;

    if (!ctx->idem_key || !is_write(m))
        return invoke_run(ctx, m, argv, argc, result, f);
    if (md_idem_hash_vals(path, argv, argc, hash) != 0)
        return oom(f);
    rc = md_idem_begin(ctx, path, hash, &h, &replay, f);
    if (rc < 0)
        return -1;
    if (rc == 1) {
        *result = replay;
        return 0;
    }
    if (invoke_run(ctx, m, argv, argc, result, f) != 0) {
        md_idem_abort(ctx, &h);
        return -1;
    }
    return md_idem_commit(ctx, &h, *result, f);
}

/* processingMethodResult (fact base §2.3 step 9): characters XML cannot carry
 * become the text "&#NNN;", in every string of the result. */
static int xml_illegal(const unsigned char *p, size_t left, size_t *len, unsigned *cp)
{
    if (p[0] < 0x20) {
        *len = 1;
        *cp = p[0];
        return p[0] != '\t' && p[0] != '\n' && p[0] != '\r';
    }
    /* U+FFFE, U+FFFF: EF BF BE / EF BF BF */
    if (p[0] == 0xEF && left >= 3 && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF)) {
        *len = 3;
        *cp = p[2] == 0xBE ? 0xFFFE : 0xFFFF;
        return 1;
    }
    *len = 1;
    return 0;
}

static int clean_strings(struct arena *a, struct val *v)
{
    if (!v)
        return 0;
    if (v->t == VAL_LIST) {
        for (size_t i = 0; i < v->u.list.n; i++)
            if (clean_strings(a, v->u.list.items[i]))
                return -1;
    } else if (v->t == VAL_MAP) {
        for (size_t i = 0; i < v->u.map.n; i++)
            if (clean_strings(a, v->u.map.kv[i].v))
                return -1;
    } else if (v->t == VAL_STR) {
        const unsigned char *p = (const unsigned char *)v->u.s.p;
        size_t n = v->u.s.n, len, bad = 0;
        unsigned cp;
        for (size_t i = 0; i < n; i += len)
            bad += (size_t)xml_illegal(p + i, n - i, &len, &cp);
        if (!bad)
            return 0;
        char *out = arena_alloc(a, n + bad * 10 + 1), *q = out;
        if (!out)
            return -1;
        for (size_t i = 0; i < n; i += len) {
            if (xml_illegal(p + i, n - i, &len, &cp)) {
                q += sprintf(q, "&#%u;", cp);
            } else {
                memcpy(q, p + i, len);
                q += len;
            }
        }
        *q = '\0';
        v->u.s.p = out;
        v->u.s.n = (size_t)(q - out);
    }
    return 0;
}

/* call_user_func_array's view of $args: a scalar is the only argument, an
 * array's values are the arguments in order (keys ignored, as PHP 5/7). */
static int run_method(struct md_ctx *ctx, enum md_method m, const struct val *args,
                      struct val **result, struct md_fault *f)
{
    struct val *one[1];
    struct val **argv;
    size_t argc;
    const struct md_method_info *info = md_method_get(m);

    if (info)
        ctx->method = info->name;

    if (!args) {
        argv = NULL;
        argc = 0;
    } else if (args->t == VAL_LIST) {
        argv = args->u.list.items;
        argc = args->u.list.n;
    } else if (args->t == VAL_MAP) {
        argc = args->u.map.n;
        argv = arena_alloc(ctx->arena, (argc ? argc : 1) * sizeof *argv);
        if (!argv)
            return oom(f);
        for (size_t i = 0; i < argc; i++)
            argv[i] = args->u.map.kv[i].v;
    } else {
        one[0] = (struct val *)args;
        argv = one;
        argc = 1;
    }
    if (invoke(ctx, m, argv, argc, result, f))
        return -1;
    return clean_strings(ctx->arena, *result) ? oom(f) : 0;
}

/* -1 with a fault and ctx->deferred set when ctx takes only cheap reads
 * and m is not one (api.h). */
static int defer(struct md_ctx *ctx, enum api_method m, struct md_fault *f)
{
    const struct api_method_info *mi = api_method(m);

    if (!ctx->reads_only || (mi && mi->access == API_READ_CHEAP))
        return 0;
    ctx->deferred = 1;
    return md_fault_raw(f, MD_FAULT_SERVER, "deferred to a worker");
}

int api_call_path(struct md_ctx *ctx, const char *sid, const char *api_path,
                  const struct val *args, struct val **result, struct md_fault *f)
{
    enum md_method m;

    const char *res;
    const struct md_method_info *mi;

    if (ctx->reads_only && (resolve_path(api_path ? api_path : "", &m, f) ||
                            defer(ctx, api_of_md(m), f))) {
        ctx->deferred = 1;
        return md_fault_raw(f, MD_FAULT_SERVER, "deferred to a worker");
    }
    who_trace(sid);
    /* one session lookup: fault 5, then the path (3), then the ACL (2) */
    if (md_session_resources(ctx, sid ? sid : "", &res, f)) {
        trace_method("call");
        return -1;
    }
    if (resolve_path(api_path ? api_path : "", &m, f)) {
        trace_method("call");
        return -1;
    }
    trace_resource(m);
    mi = md_method_get(m);
    if (!mi || !md_resources_allow(res, mi->acl))
        return md_fault_set(f, MDF_ACCESS_DENIED);
    return run_method(ctx, m, args, result, f);
}

/* ---- multiCall ------------------------------------------------------------------ */

static struct val *fault_map(struct md_ctx *ctx, int code, const char *msg)
{
    struct arena *a = ctx->arena;
    struct val *m = val_map(a);
    char *c = arena_printf(a, "%d", code);

    if (!m || !c || val_map_push(a, m, "isFault", val_bool(a, 1)) ||
        val_map_push(a, m, "faultCode", val_str_borrow(a, c)) ||
        val_map_push(a, m, "faultMessage", val_str(a, msg)))
        return NULL;
    return m;
}

/* $options['break'] == 1 (PHP loose comparison) */
static int break_option(const struct val *options)
{
    const struct val *b = options && options->t == VAL_MAP ? val_map_get(options, "break") : NULL;

    if (!b)
        return 0;
    switch (b->t) {
    case VAL_BOOL:
        return b->u.b;
    case VAL_INT:
        return b->u.i == 1;
    case VAL_DOUBLE:
        return b->u.d == 1.0;
    case VAL_DEC:
        return b->u.i == DEC_SCALE;
    case VAL_STR: {
        char *end;
        double d = strtod(b->u.s.p, &end);
        while (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r')
            end++;
        return end != b->u.s.p && !*end && d == 1.0;
    }
    default:
        return 0;
    }
}

static int multicall(struct md_ctx *ctx, struct val *const *params, size_t n,
                     struct val **result, struct md_fault *f)
{
    const char *sid = cstr(ctx, params[0]);
    const struct val *calls = n > 1 ? params[1] : NULL;
    const struct val *options = n > 2 ? params[2] : NULL;
    struct val *out;
    int brk;

    /* `array $calls = array()`: PHP checks the type before the body runs */
    if (calls && !is_array(calls))
        return md_fault_raw(f, API_FAULT_ARGS,
                            "%s::multiCall(): Argument #2 ($calls) must be of type array, %s "
                            "given",
                            HANDLER_CLASS, php_type(calls));
    if (md_session_check(ctx, sid, NULL, f))
        return -1;
    if (calls && ctx->cfg && arr_len(calls) > (size_t)ctx->cfg->max_multicall_calls)
        return md_fault_raw(f, MD_FAULT_CLIENT,
                            "multiCall holds %zu calls; at most %d are allowed "
                            "(max_multicall_calls)",
                            arr_len(calls), ctx->cfg->max_multicall_calls);
    out = val_list(ctx->arena);
    if (!out)
        return oom(f);
    ctx->stream_lists = 0; /* a list inside the answer is built whole */
    brk = break_option(options);
    for (size_t i = 0; calls && i < arr_len(calls); i++) {
        const struct val *call = arr_at(calls, i);
        const struct val *path = NULL, *args = NULL;
        struct val *r = NULL, *entry;
        struct md_fault ef;
        enum md_method m = MDM_LIST;
        int failed;

        /* isset($call[0]), isset($call[1]) */
        if (call->t == VAL_LIST) {
            path = call->u.list.n > 0 ? call->u.list.items[0] : NULL;
            args = call->u.list.n > 1 ? call->u.list.items[1] : NULL;
        } else if (call->t == VAL_MAP) {
            path = val_map_get(call, "0");
            args = val_map_get(call, "1");
        }
        if (path && path->t == VAL_NULL)
            path = NULL;
        if (args && args->t == VAL_NULL)
            args = NULL;
        ef.code = 0;
        ef.msg[0] = '\0';
        if (api_deadline_check(ctx, f))
            return -1; /* nothing past the deadline runs */
        if (!path) {
            md_fault_set(&ef, MDF_PATH_INVALID);
            failed = 1;
        } else {
            /* a missing $call[1] means array(): no arguments */
            static struct val empty_list = {.t = VAL_LIST};
            failed = resolve_path(cstr(ctx, path), &m, &ef);
            if (!failed) {
                trace_resource(m);
                failed = md_authorize(ctx, sid, m, &ef) ||
                         run_method(ctx, m, args ? args : &empty_list, &r, &ef);
            }
        }
        if (failed)
            trace_fault(ef.code);
        if (!failed) {
            entry = r;
        } else if (ef.code < 0) {
            /* a PHP Error escapes Magento's catch (Exception): the whole call fails */
            *f = ef;
            return -1;
        } else if (ef.code == md_fault_code(MDF_INTERNAL)) {
            /* a non-API exception: code 1 with the default text, not the exception's */
            entry = fault_map(ctx, ef.code, md_fault_text(MDF_INTERNAL));
        } else {
            entry = fault_map(ctx, ef.code, ef.msg);
        }
        if (!entry || val_list_push(ctx->arena, out, entry))
            return oom(f);
        if (failed && brk)
            break;
    }
    *result = out;
    return 0;
}

/* ---- resources and faults ---------------------------------------------------- */

/* The resource's own ACL node, or (the CLI lists leaf paths) any of its methods. */
static int resource_allowed(const char *res, enum api_resource_id r)
{
    if (md_resources_allow(res, api_resources[r].acl))
        return 1;
    for (int i = API_INV_LIST; i < API_METHOD_COUNT; i++)
        if (table[i].resource == r && md_resources_allow(res, table[i].acl))
            return 1;
    return 0;
}

static struct val *str_list1(struct arena *a, const char *s)
{
    struct val *l = val_list(a);

    if (!l || val_list_push(a, l, val_str(a, s)))
        return NULL;
    return l;
}

static int resource_entry(struct md_ctx *ctx, const char *acl, enum api_resource_id r,
                          struct val *list);

static int resources(struct md_ctx *ctx, const char *sid, struct val **result,
                     struct md_fault *f)
{
    struct arena *a = ctx->arena;
    struct val *list;
    const char *acl;

    if (md_session_resources(ctx, sid, &acl, f))
        return -1;
    list = val_list(a);
    if (!list)
        return oom(f);
    for (int k = 0; k < API_RES_COUNT; k++)
        if (resource_entry(ctx, acl, resource_order[k], list))
            return oom(f);
    *result = list;
    return 0;
}

/* One resource of resources(), if the session's role (its ACL text) may use it. */
static int resource_entry(struct md_ctx *ctx, const char *acl, enum api_resource_id r,
                          struct val *list)
{
    struct arena *a = ctx->arena;
    const struct api_resource *rs = &api_resources[r];
    struct val *methods = val_list(a), *res;

    if (!methods)
        return -1;
    if (resource_allowed(acl, r)) {
        for (int i = API_INV_LIST; i < API_METHOD_COUNT; i++) {
            const struct api_method_info *mi = &table[i];
            struct val *m;
            if (mi->resource != r || !md_resources_allow(acl, mi->acl))
                continue;
            m = val_map(a);
            if (!m || val_map_push(a, m, "title", val_str_borrow(a, mi->title)) ||
                val_map_push(a, m, "description", val_null(a)) ||
                val_map_push(a, m, "path", val_str_borrow(a, mi->v1_path)) ||
                val_map_push(a, m, "name", val_str_borrow(a, mi->name)) ||
                val_map_push(a, m, "aliases", str_list1(a, mi->v1_alias)) ||
                val_list_push(a, methods, m))
                return -1;
        }
    }
    if (methods->u.list.n) {
        res = val_map(a);
        if (!res || val_map_push(a, res, "title", val_str_borrow(a, rs->title)) ||
            val_map_push(a, res, "description", val_null(a)) ||
            val_map_push(a, res, "name", val_str_borrow(a, rs->name)) ||
            val_map_push(a, res, "aliases", str_list1(a, rs->alias)) ||
            val_map_push(a, res, "methods", methods) || val_list_push(a, list, res))
            return -1;
    }
    return 0;
}

static int fault_list(struct md_ctx *ctx, int first, int last, struct val **result,
                      struct md_fault *f)
{
    struct arena *a = ctx->arena;
    struct val *list = val_list(a);

    if (!list)
        return oom(f);
    for (int id = first; id <= last; id++) {
        struct val *m = val_map(a);
        if (!m ||
            val_map_push(a, m, "code",
                         val_str(a, arena_printf(a, "%d", md_fault_code((enum md_fault_id)id)))) ||
            val_map_push(a, m, "message",
                         val_str_borrow(a, md_fault_text((enum md_fault_id)id))) ||
            val_list_push(a, list, m))
            return oom(f);
    }
    *result = list;
    return 0;
}

static int resource_faults(struct md_ctx *ctx, const char *sid, const char *name,
                           struct val **result, struct md_fault *f)
{
    const char *acl;

    if (md_session_resources(ctx, sid, &acl, f))
        return -1;
    for (int r = 0; r < API_RES_COUNT; r++) {
        const struct api_resource *rs = &api_resources[r];
        if (strcmp(name, rs->name) != 0 && strcmp(name, rs->alias) != 0)
            continue;
        if (!resource_allowed(acl, (enum api_resource_id)r))
            return md_fault_set(f, MDF_ACCESS_DENIED);
        return fault_list(ctx, (int)rs->first_fault, (int)rs->last_fault, result, f);
    }
    return md_fault_set(f, MDF_PATH_INVALID);
}

/* A resource method called directly (V2, WS-I): params[0] is the session
 * id, the API model's arguments follow. */
static int run_resource(struct md_ctx *ctx, enum api_method m, struct val *const *params,
                        size_t n, struct val **result, struct md_fault *f)
{
    struct val *args;

    for (size_t i = 0; i < n; i++)
        if (!params[i])
            return oom(f); /* a protocol module failed to build an argument: fail closed */
    trace_resource(md_of_api(m));
    if (n)
        who_trace(cstr(ctx, params[0]));
    if (md_authorize(ctx, n ? cstr(ctx, params[0]) : "", md_of_api(m), f))
        return -1;
    args = val_list(ctx->arena);
    if (!args)
        return oom(f);
    for (size_t i = 1; i < n; i++)
        if (val_list_push(ctx->arena, args, params[i]))
            return oom(f);
    return run_method(ctx, md_of_api(m), args, result, f);
}

/* ---- REST ------------------------------------------------------------------------ */

int api_rest_token(struct md_ctx *ctx, const char *username, const char *api_key,
                   char token_out[MD_TOKEN_LEN + 1], struct md_fault *f)
{
    trace_method("integration.adminToken");
    trace_user(username);
    trace_secret(api_key);
    if (md_token_issue(ctx, username ? username : "", api_key ? api_key : "", token_out, f)) {
        trace_fault(f->code);
        login_failed(ctx, "REST token", username, f);
        return -1;
    }
    who_learn(token_out, username ? username : "");
    return 0;
}

int api_rest_authorize(struct md_ctx *ctx, enum api_method m, const char *token,
                       struct md_fault *f)
{
    const struct api_method_info *mi = api_method(m);

    if (!mi || !mi->rest || !mi->acl)
        return md_fault_raw(f, MD_FAULT_SERVER, "no REST route");
    if (is_resource_method(m))
        trace_resource(md_of_api(m));
    who_trace(token);
    if (md_token_authorize(ctx, token ? token : "", mi->acl, NULL, f)) {
        trace_fault(f->code);
        return -1;
    }
    return 0;
}

static int rest_invoice_run(struct md_ctx *ctx, const struct md_create_req *req, const char *route,
                            const char *body, size_t body_len, int64_t *entity_id_out,
                            struct md_fault *f);

int api_rest_invoice(struct md_ctx *ctx, const struct md_create_req *req, const char *route,
                     const char *body, size_t body_len, int64_t *entity_id_out,
                     struct md_fault *f)
{
    if (rest_invoice_run(ctx, req, route, body, body_len, entity_id_out, f)) {
        trace_fault(f->code);
        return -1;
    }
    return 0;
}

static int rest_invoice_run(struct md_ctx *ctx, const struct md_create_req *req, const char *route,
                            const char *body, size_t body_len, int64_t *entity_id_out,
                            struct md_fault *f)
{
    struct md_idem h;
    struct val *replay = NULL, *res;
    char hash[65];
    int rc;

    if (api_deadline_check(ctx, f))
        return -1;
    if (!ctx->idem_key)
        return md_invoice_create(ctx, req, NULL, entity_id_out, f);
    if (md_idem_hash_bytes(route, body, body_len, hash) != 0)
        return oom(f);
    rc = md_idem_begin(ctx, REST_INVOICE_ROUTE, hash, &h, &replay, f);
    if (rc < 0)
        return -1;
    if (rc == 1) {
        if (replay->t != VAL_INT)
            return md_fault_raw(f, MD_FAULT_SERVER, "idempotency: stored result not an id");
        *entity_id_out = replay->u.i;
        return 0;
    }
    if (md_invoice_create(ctx, req, NULL, entity_id_out, f) != 0) {
        md_idem_abort(ctx, &h);
        return -1;
    }
    res = val_int(ctx->arena, *entity_id_out);
    if (!res) {
        md_idem_abort(ctx, &h);
        return oom(f);
    }
    return md_idem_commit(ctx, &h, res, f);
}

int api_rest_authorize_method(struct md_ctx *ctx, enum api_method m, const char *token,
                              struct md_fault *f)
{
    const struct api_method_info *mi = api_method(m);

    if (!mi || !mi->acl)
        return md_fault_raw(f, MD_FAULT_SERVER, "no ACL path");
    return md_token_authorize(ctx, token ? token : "", mi->acl, NULL, f);
}

int api_rest_run(struct md_ctx *ctx, enum api_method m, struct val *const *args, size_t n,
                 struct val **result, struct md_fault *f)
{
    struct val *list;

    *result = NULL;
    if (!is_resource_method(m))
        return md_fault_raw(f, MD_FAULT_SERVER, "not a resource method");
    if (api_deadline_check(ctx, f))
        return -1;
    list = val_list(ctx->arena);
    if (!list)
        return oom(f);
    for (size_t i = 0; i < n; i++)
        if (!args[i] || val_list_push(ctx->arena, list, args[i]))
            return oom(f);
    return run_method(ctx, md_of_api(m), list, result, f);
}

int api_rest_order(struct md_ctx *ctx, const char *token, int64_t entity_id, struct val **out,
                   struct md_fault *f)
{
    if (md_token_authorize(ctx, token ? token : "", API_ORDER_INFO_ACL, NULL, f))
        return -1;
    if (api_deadline_check(ctx, f))
        return -1;
    if (md_order_get(ctx, entity_id, out, f))
        return -1;
    return clean_strings(ctx->arena, *out) ? oom(f) : 0;
}

/* ---- bounded work ---------------------------------------------------------------- */

static int64_t mono_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void api_request_auth(struct md_ctx *ctx, const char *authorization)
{
    const char *b64 = authorization;
    size_t n;
    unsigned char *raw;
    char *colon;
    int len;

    ctx->basic_user = ctx->basic_pass = NULL;
    if (!ctx->cfg || ctx->cfg->profile != PROFILE_OPENMAGE || !b64 ||
        strncasecmp(b64, "Basic ", 6) != 0)
        return;
    b64 += 6;
    while (*b64 == ' ')
        b64++;
    n = strlen(b64);
    while (n && (b64[n - 1] == ' ' || b64[n - 1] == '\t'))
        n--;
    if (!n || n % 4 || n > 4096 || !(raw = arena_alloc(ctx->arena, n / 4 * 3 + 1)))
        return;
    len = EVP_DecodeBlock(raw, (const unsigned char *)b64, (int)n);
    if (len < 0)
        return;
    /* EVP_DecodeBlock counts the padding as zero bytes */
    if (b64[n - 1] == '=')
        len--;
    if (b64[n - 2] == '=')
        len--;
    raw[len] = '\0';
    if (strlen((char *)raw) != (size_t)len || !(colon = strchr((char *)raw, ':')))
        return;
    *colon = '\0';
    ctx->basic_user = (char *)raw;
    ctx->basic_pass = colon + 1;
}

/* _instaLogin: an explicit NULL session id and Basic credentials (both
 * non-empty) log in first; the new session id replaces the NULL. */
static int insta_login(struct md_ctx *ctx, struct val **sid, struct md_fault *f)
{
    char id[MD_SID_LEN + 1];

    if (!*sid || (*sid)->t != VAL_NULL || !ctx->basic_user || !*ctx->basic_user ||
        !ctx->basic_pass || !*ctx->basic_pass)
        return 0;
    if (md_login(ctx, ctx->basic_user, ctx->basic_pass, id, f))
        return -1;
    *sid = val_str(ctx->arena, id);
    return *sid ? 0 : oom(f);
}

void api_request_begin(struct md_ctx *ctx, const char *peer, const char *idempotency_key)
{
    int ms = ctx->cfg ? ctx->cfg->request_deadline_ms : 0;

    ctx->basic_user = ctx->basic_pass = NULL;

    ctx->deadline_ms = ms > 0 ? mono_ms() + ms : 0;
    if (api_large_take()) /* the last request's slot, not taken over */
        api_large_release();
    ctx->deferred = 0;
    ctx->peer = peer && *peer ? peer : NULL;
    ctx->user = NULL;
    ctx->method = NULL;
    ctx->user_id = 0;
    ctx->idem_key = idempotency_key;
    ctx->idem_n = 0;
    ctx->stream_lists = 0;
    md_list_stream_free(ctx->stream); /* a stream the last request left untaken */
    ctx->stream = NULL;
    val_stream_mark(NULL, 0);
}

/* ---- streamed lists ------------------------------------------------------------- */

struct md_list_stream *api_stream_take(struct md_ctx *ctx)
{
    struct md_list_stream *s = ctx->stream;

    ctx->stream = NULL;
    return s;
}

int api_stream_next(struct md_ctx *ctx, struct md_list_stream *s, struct val **page,
                    struct md_fault *f)
{
    int rc = md_list_stream_next(ctx, s, page, f);

    if (rc != 0)
        return rc;
    if (clean_strings(ctx->arena, *page))
        return oom(f);
    val_stream_mark(*page, md_list_stream_total(s));
    return 0;
}

void api_stream_free(struct md_list_stream *s)
{
    md_list_stream_free(s);
}

/* ---- large answers ----------------------------------------------------------------
 * max_concurrent_large_answers list answers at once: a slot is taken before a
 * list runs and held by the calling thread until the HTTP layer takes it over
 * (api_large_take) and gives it back once the answer is sent.  A slot a
 * thread still holds when its next request begins is given back then. */
static pthread_mutex_t g_large_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t g_large_cv;
static pthread_once_t g_large_once = PTHREAD_ONCE_INIT;
static int g_large_used;
static _Thread_local int t_large_held;

static void large_init(void)
{
    pthread_condattr_t at;

    pthread_condattr_init(&at);
    pthread_condattr_setclock(&at, CLOCK_MONOTONIC);
    pthread_cond_init(&g_large_cv, &at);
    pthread_condattr_destroy(&at);
}

int api_large_acquire(struct md_ctx *ctx, struct md_fault *f)
{
    int cap = ctx->cfg ? ctx->cfg->max_concurrent_large_answers : 0;
    int rc = 0;

    if (cap <= 0 || t_large_held)
        return 0;
    pthread_once(&g_large_once, large_init);
    pthread_mutex_lock(&g_large_mu);
    while (rc == 0 && g_large_used >= cap) {
        if (ctx->deadline_ms > 0) {
            struct timespec ts = {.tv_sec = (time_t)(ctx->deadline_ms / 1000),
                                  .tv_nsec = (long)(ctx->deadline_ms % 1000) * 1000000L};
            rc = pthread_cond_timedwait(&g_large_cv, &g_large_mu, &ts);
            if (rc == ETIMEDOUT && g_large_used < cap)
                rc = 0;
        } else {
            pthread_cond_wait(&g_large_cv, &g_large_mu);
        }
    }
    if (rc == 0)
        g_large_used++;
    pthread_mutex_unlock(&g_large_mu);
    if (rc) {
        log_msg(LOG_WARN, "list: no large-answer slot before the request deadline (%d in use)", cap);
        return md_fault_raw(f, MD_FAULT_SERVER, API_MSG_DEADLINE);
    }
    t_large_held = 1;
    return 0;
}

int api_large_take(void)
{
    int held = t_large_held;

    t_large_held = 0;
    return held;
}

void api_large_release(void)
{
    pthread_once(&g_large_once, large_init);
    pthread_mutex_lock(&g_large_mu);
    if (g_large_used > 0)
        g_large_used--;
    pthread_cond_signal(&g_large_cv);
    pthread_mutex_unlock(&g_large_mu);
}

int api_deadline_check(const struct md_ctx *ctx, struct md_fault *f)
{
    if (ctx->deadline_ms > 0 && mono_ms() > ctx->deadline_ms)
        return md_fault_raw(f, MD_FAULT_SERVER, API_MSG_DEADLINE);
    return 0;
}

/* ---- dispatch -------------------------------------------------------------------- */

static int dispatch(struct md_ctx *ctx, enum api_method m, struct val *const *params, size_t n,
                    struct val **result, struct md_fault *f)
{
    const struct api_method_info *mi = api_method(m);
    struct arena *a = ctx->arena;
    char sid[MD_SID_LEN + 1];

    *result = NULL;
    if (!mi)
        return md_fault_raw(f, MD_FAULT_SERVER, "unknown method");
    ctx->method = mi->name;
    if (m != API_CALL && defer(ctx, m, f))
        return -1;
    if (n > 0 && (is_resource_method(m) || m == API_CALL || m == API_MULTICALL ||
                  m == API_RESOURCES || m == API_RESOURCE_FAULTS)) {
        /* the session id is the first argument of each (V2 resourceFaults
         * too: the glue puts its parts into handler order) */
        if (params[0] && params[0]->t == VAL_NULL && ctx->basic_user) {
            if (ctx->reads_only) { /* a login (PBKDF2) never runs on an event thread */
                ctx->deferred = 1;
                return md_fault_raw(f, MD_FAULT_SERVER, "deferred to a worker");
            }
            struct val **copy = arena_alloc(a, n * sizeof *copy);
            if (!copy)
                return oom(f);
            memcpy(copy, params, n * sizeof *copy);
            if (insta_login(ctx, &copy[0], f))
                return -1;
            params = copy;
        }
    }
    if (is_resource_method(m))
        return run_resource(ctx, m, params, n, result, f);
    if ((int)n < mi->required)
        return too_few(f, HANDLER_CLASS, mi->name, n, mi->required, mi->max);
    for (size_t i = 0; i < n; i++)
        if (!params[i])
            return md_fault_raw(f, MD_FAULT_SERVER, "missing parameter value");
    switch (m) {
    case API_LOGIN:
        trace_user(cstr(ctx, params[0]));
        if (n > 1)
            trace_secret(cstr(ctx, params[1]));
        if (md_login(ctx, cstr(ctx, params[0]), n > 1 ? cstr(ctx, params[1]) : "", sid, f)) {
            login_failed(ctx, "login", cstr(ctx, params[0]), f);
            return -1;
        }
        who_learn(sid, cstr(ctx, params[0]));
        *result = val_str(a, sid);
        break;
    case API_CALL:
        return api_call_path(ctx, cstr(ctx, params[0]), cstr(ctx, params[1]),
                             n > 2 ? params[2] : NULL, result, f);
    case API_MULTICALL:
        return multicall(ctx, params, n, result, f);
    case API_END_SESSION:
        md_end_session(ctx, cstr(ctx, params[0]));
        *result = val_bool(a, 1);
        break;
    case API_START_SESSION:
        md_start_session(ctx, sid);
        *result = val_str(a, sid);
        break;
    case API_RESOURCES:
        return resources(ctx, cstr(ctx, params[0]), result, f);
    case API_GLOBAL_FAULTS:
        /* no session check (fact base §2.5) */
        return fault_list(ctx, MDF_UNKNOWN, MDF_PARAM_MISSING, result, f);
    case API_RESOURCE_FAULTS:
        return resource_faults(ctx, cstr(ctx, params[0]), cstr(ctx, params[1]), result, f);
    default:
        return md_fault_raw(f, MD_FAULT_SERVER, "unknown method");
    }
    return *result ? 0 : oom(f);
}

int api_dispatch(struct md_ctx *ctx, enum api_method m, struct val *const *params, size_t n,
                 struct val **result, struct md_fault *f)
{
    const struct api_method_info *mi = api_method(m);
    int rc;

    if (mi && !is_resource_method(m) && m != API_CALL)
        trace_method(mi->name);
    if (mi && !is_resource_method(m) && m != API_LOGIN && n && params[0] &&
        m != API_GLOBAL_FAULTS && m != API_START_SESSION)
        who_trace(cstr(ctx, params[0]));
    rc = dispatch(ctx, m, params, n, result, f);
    if (rc)
        trace_fault(f->code);
    return rc;
}
