/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Non-SOAP endpoints: each protocol in its own file. */
#ifndef MD_RPC_H
#define MD_RPC_H
#include "proto/exchange.h"
void xmlrpc_handle(struct worker *w, struct http_req *req, struct http_resp *resp);   /* xmlrpc.c */
void jsonrpc_handle(struct worker *w, struct http_req *req, struct http_resp *resp);  /* jsonrpc.c */
void rest_handle(struct worker *w, struct http_req *req, struct http_resp *resp,
                 const char *rest);                                                   /* rest.c */
#endif
