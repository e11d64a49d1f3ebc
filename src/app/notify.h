/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Service manager notification (systemd Type=notify) through libsystemd's
 * sd_notify.  Both calls do nothing when NOTIFY_SOCKET is unset, so the
 * daemon behaves the same outside systemd.
 */
#ifndef MD_APP_NOTIFY_H
#define MD_APP_NOTIFY_H

/* "READY=1": the listening socket is bound and requests are answered. */
void app_notify_ready(void);
/* "STOPPING=1": shutdown has begun (SIGTERM/SIGINT). */
void app_notify_stopping(void);

#endif
