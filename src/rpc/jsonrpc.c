/* SPDX-License-Identifier: GPL-2.0-or-later */
/* jsonrpc: not implemented yet (issue 3); answers 501 with a clear message. */
#include "rpc/rpc.h"

void jsonrpc_handle(struct worker *w, struct http_req *req, struct http_resp *resp)
{
    (void)w;
    (void)req;
    http_error(resp, 501, "jsonrpc is not implemented yet");
}
