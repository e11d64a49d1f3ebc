/* SPDX-License-Identifier: GPL-2.0-or-later */
/* stderr (or log_file) logger with a UTC timestamp; lines are written with one write()
 * so concurrent workers do not interleave within a line. */
#define _GNU_SOURCE
#include "magesoapd/log.h"

#include <fcntl.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static atomic_int log_level = LOG_INFO;
static atomic_int log_fd = STDERR_FILENO; /* a descriptor of our own once a file is opened */

void log_set_level(int level)
{
    atomic_store(&log_level, level);
}

int log_get_level(void)
{
    return atomic_load(&log_level);
}

int log_open(const char *path)
{
    int fd = path && *path ? open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640)
                           : fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3);
    int cur = atomic_load(&log_fd);

    if (fd < 0)
        return -1;
    if (cur == STDERR_FILENO) {
        atomic_store(&log_fd, fd); /* first file: from now on the descriptor is ours */
        return 0;
    }
    if (dup2(fd, cur) < 0) { /* atomic: writers see the old file or the new */
        close(fd);
        return -1;
    }
    close(fd);
    return 0;
}

void log_msg(int level, const char *fmt, ...)
{
    static const char *names[] = {"error", "warn", "info", "debug"};
    char line[1024];
    struct tm tm;
    time_t now;
    va_list ap;
    int n;

    if (level > atomic_load(&log_level))
        return;
    now = time(NULL);
    gmtime_r(&now, &tm);
    n = (int)strftime(line, sizeof line, "%Y-%m-%dT%H:%M:%SZ ", &tm);
    n += snprintf(line + n, sizeof line - (size_t)n, "%s: ", names[level < 0 ? 0 : level > 3 ? 3 : level]);
    va_start(ap, fmt);
    n += vsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
    va_end(ap);
    if (n >= (int)sizeof line - 1)
        n = (int)sizeof line - 2;
    line[n++] = '\n';
    if (write(atomic_load(&log_fd), line, (size_t)n) < 0) {
        /* nothing sensible to do */
    }
}
