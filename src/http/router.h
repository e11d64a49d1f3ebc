/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Request path -> endpoint (the endpoints and their handlers: proto/exchange.h). */
#ifndef MD_ROUTER_H
#define MD_ROUTER_H

#include "http/http.h"

/* Map a path (+ query for api.php) to an endpoint; for EP_REST *rest_out is
 * the part after "/V1" (e.g. "/order/5/invoice"). */
enum endpoint route_match(const char *path, const char *query, const char **rest_out);

#endif
