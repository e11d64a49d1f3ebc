/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Storage: the SQLite connection, pragmas and versioned migrations.
 * Only src/store/ and src/domain/ include sqlite3.h; everybody else holds a
 * struct store pointer.
 */
#ifndef MAGESOAPD_STORE_H
#define MAGESOAPD_STORE_H

#include <stddef.h>

struct cfg;
struct store;

/* Open (creating the file if needed) with WAL, synchronous=FULL,
 * foreign_keys=ON and the configured busy timeout, then apply any pending
 * migration from schema/ (embedded at build time).  ":memory:" works for
 * tests.  Returns 0, or -1 with err. */
int store_open(const char *path, const struct cfg *cfg, struct store **out, char *err,
               size_t errlen);
void store_close(struct store *st);
/* Current schema version (PRAGMA user_version) and the latest known one. */
int store_schema_version(struct store *st);
int store_latest_version(void);

#endif
