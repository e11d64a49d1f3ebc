/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * `magesoapd invoice list|show`, `order list|show`, `user list`, `role
 * list`, `outbox list`: read-only views of the store (docs/cli.md).
 */
#ifndef MD_APP_INSPECT_H
#define MD_APP_INSPECT_H

#include <stdint.h>

struct store;

struct app_inspect_opts {
    const char *order; /* --order INCREMENT_ID */
    const char *state; /* --state open|paid|canceled */
    int64_t limit;     /* --limit N; 0 = all */
    int json;          /* --json */
};

/* 1 when "CMD SUB" is one of the inspection commands. */
int app_inspect_is(const char *cmd, const char *sub);
/* Run one (arg: the INCREMENT_ID of show, else NULL).  Exit status. */
int app_inspect(struct store *st, const char *cmd, const char *sub, const char *arg,
                const struct app_inspect_opts *o);

#endif
