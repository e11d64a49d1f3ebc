/* SPDX-License-Identifier: GPL-2.0-or-later */
/* `magesoapd journal [--follow] [--json]`: the running daemon's request
 * journal, read over its admin API (admin_listen, admin_token). */
#ifndef MD_APP_JOURNAL_CLI_H
#define MD_APP_JOURNAL_CLI_H

#include "magesoapd/config.h"

/* Exit status: 0, 1 (cannot reach the admin API / refused). */
int app_journal(const struct cfg *cfg, int follow, int json, const char *dialect, const char *method,
                const char *fault);

#endif
