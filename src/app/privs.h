/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Dropping root after the listener is bound (config keys user, group).
 */
#ifndef MD_APP_PRIVS_H
#define MD_APP_PRIVS_H

#include <stddef.h>

/* Become user (and group, else the user's primary group), with the user's
 * supplementary groups: setgroups/initgroups, setgid, setuid, then checks
 * that root cannot be taken back.  Not root: fine only if already that
 * user.  -1 + err on any failure (the daemon must then refuse to run). */
int app_drop_privileges(const char *user, const char *group, char *err, size_t errlen);
/* --check-config: user and group exist.  -1 + err. */
int app_check_identity(const char *user, const char *group, char *err, size_t errlen);

#endif
