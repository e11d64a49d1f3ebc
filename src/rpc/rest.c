/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Magento 2 style REST InvoiceOrder: not implemented yet (issue 4). */
#include "rpc/rpc.h"

void rest_handle(struct worker *w, struct http_req *req, struct http_resp *resp, const char *rest)
{
    (void)w;
    (void)req;
    (void)rest;
    http_error(resp, 501, "the REST API is not implemented yet");
}
