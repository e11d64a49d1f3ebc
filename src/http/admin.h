/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The admin API on its own listener (admin_listen), a second libmicrohttpd
 * daemon: GET /health, /metrics, /requests[/{id}], /orders[/{inc}],
 * /invoices[/{inc}], POST /reset, and the console page (GET /, /console).
 * Every request but the console's static files needs
 * "Authorization: Bearer <admin_token>".  See docs/operations.md.
 */
#ifndef MD_HTTP_ADMIN_H
#define MD_HTTP_ADMIN_H

#include <stddef.h>

#include "proto/exchange.h"

struct store;

/* What POST /reset runs (the app passes md_reset: the tools layer is not
 * the net layer's to call).  fixture: NULL (empty) or "demo". */
typedef int (*admin_reset_fn)(struct store *st, const struct cfg *cfg, const char *fixture,
                              char *err, size_t errlen);

/* Start the access log / journal (always) and, with admin_listen set, the
 * admin listener.  Prints "admin listening on HOST:PORT".  0 or -1. */
int admin_start(const struct cfg *cfg, admin_reset_fn reset);
void admin_stop(void);

/* The database check of /health (both ports): a cheap read through the
 * store and the database file still the one opened.  1 up, 0 down (why). */
int admin_db_up(struct store *st, const struct cfg *cfg, char *why, size_t whylen);
/* GET /health on the API port: 200 "ok" or 503 "down", no details. */
void admin_public_health(struct worker *w, struct http_resp *resp);

#endif
