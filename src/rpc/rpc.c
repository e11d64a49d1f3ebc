/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * XML-RPC, JSON-RPC and the Magento 2 REST InvoiceOrder endpoint -- not
 * implemented yet (issues 3 and 4): they answer 501 with a clear message.
 */
#include "http/router.h"

void rpc_handle(struct worker *w, struct http_req *req, struct http_resp *resp, enum endpoint ep,
                const char *rest)
{
    (void)w;
    (void)req;
    (void)rest;
    http_error(resp, 501,
               ep == EP_REST ? "the REST API is not implemented yet"
                             : "XML-RPC and JSON-RPC are not implemented yet");
}
