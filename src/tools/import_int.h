/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Order import internals: the parser (import_parse.c) used by import.c;
 * the document it fills is magesoapd/import.h, stored by store_import. */
#ifndef MD_IMPORT_INT_H
#define MD_IMPORT_INT_H

#include <stddef.h>
#include <stdint.h>

#include "domain/domain_int.h"
#include "magesoapd/import.h"

/* Parse and validate every field, compute totals; no database.  0 or -1 + err. */
int imp_parse(struct arena *a, const char *json, size_t len, const char *now,
              struct imp_doc *d, char *err, size_t errlen);

#endif
