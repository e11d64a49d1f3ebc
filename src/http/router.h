/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Endpoints and their handlers (each in its own module). */
#ifndef MD_ROUTER_H
#define MD_ROUTER_H

#include "http/http.h"

enum endpoint { EP_NONE, EP_V1, EP_V2, EP_XMLRPC, EP_JSONRPC, EP_REST };

/* Map a path (+ query for api.php) to an endpoint; for EP_REST *rest_out is
 * the part after "/V1" (e.g. "/order/5/invoice"). */
enum endpoint route_match(const char *path, const char *query, const char **rest_out);

/* GET ?wsdl on a SOAP endpoint (src/soap/wsdl.c). */
void wsdl_handle(struct worker *w, struct http_req *req, struct http_resp *resp, enum endpoint ep);
/* POST to a SOAP endpoint (src/soap/soap_server.c). */
void soap_handle(struct worker *w, struct http_req *req, struct http_resp *resp, enum endpoint ep);
/* POST to XML-RPC, JSON-RPC or REST (src/rpc/). */
void rpc_handle(struct worker *w, struct http_req *req, struct http_resp *resp, enum endpoint ep,
                const char *rest);

#endif
