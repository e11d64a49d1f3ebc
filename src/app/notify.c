/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sd_notify wrappers; a failure to notify is logged, never fatal. */
#include "app/notify.h"

#include "magesoapd/log.h"

#include <string.h>
#include <systemd/sd-daemon.h>

static void notify(const char *state)
{
    /* 0: NOTIFY_SOCKET unset (not under systemd); < 0: send failed */
    int rc = sd_notify(0, state);
    if (rc < 0)
        log_msg(LOG_WARN, "sd_notify %s: %s", state, strerror(-rc));
}

void app_notify_ready(void)
{
    notify("READY=1");
}

void app_notify_stopping(void)
{
    notify("STOPPING=1");
}
