/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Tools above the domain: the JSON order importer and the demo data.  Each
 * returns 0, or -1 with a message naming what is wrong in err.
 */
#ifndef MD_TOOLS_H
#define MD_TOOLS_H

#include <stddef.h>

struct cfg;
struct store;

int md_import_file(struct store *st, const char *path, int replace, char *err, size_t errlen);
int md_import_json(struct store *st, const char *json, size_t len, int replace, char *err,
                   size_t errlen);
/* Import with an explicit "now" (demo data uses fixed dates). */
int md_import_json_at(struct store *st, const char *json, size_t len, int replace,
                      const char *now, char *err, size_t errlen);
/* Demo orders, invoices and the apiUser/apiKey user, once. */
int md_demo_load(struct store *st, const struct cfg *cfg, char *err, size_t errlen);
/* Reset for test suites: in ONE transaction, forget every order, invoice,
 * comment, outbox row, sequence, session and REST token (API users and roles
 * stay), then load the demo data (demo set) or the orders of an import file
 * (fixture non-NULL), or nothing.  A running daemon on the same database
 * serves the old state or the new one, never a mix, and every session is
 * gone.  0, or -1 with err (nothing changed). */
int md_reset(struct store *st, const struct cfg *cfg, int demo, const char *fixture, char *err,
             size_t errlen);
/* 1 if the database holds no orders, no users (serve --demo loads then). */
int md_store_is_empty(struct store *st);

#endif
