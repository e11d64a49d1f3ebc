/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Logging to stderr or a file (log_open): one line per event, level-filtered.  Only main.c
 * decides the level; modules just call log_msg. */
#ifndef MAGESOAPD_LOG_H
#define MAGESOAPD_LOG_H
enum log_level { LOG_ERR = 0, LOG_WARN = 1, LOG_INFO = 2, LOG_DEBUG = 3 };
void log_set_level(int level);
/* Log to path (appended, created 0640) instead of stderr, or back to stderr
 * for "" or NULL; called again (SIGHUP) it reopens path: the new file is
 * swapped in with dup2(), so a line being written concurrently goes whole
 * to the old file or the new.  -1 (errno set, the old target kept) when
 * path cannot be opened. */
int log_open(const char *path);
int log_get_level(void);
void log_msg(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#endif
