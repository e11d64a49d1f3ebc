/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The current request's trace (see magesoapd/trace.h). */
#include "magesoapd/trace.h"

#include <stdio.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static _Thread_local struct md_trace *t_cur;

void trace_reset(struct md_trace *t)
{
    memset(t, 0, sizeof *t);
    t->fault = TRACE_NO_FAULT;
}

void trace_set(struct md_trace *t)
{
    t_cur = t;
}

struct md_trace *trace_cur(void)
{
    return t_cur;
}

void trace_method2(const char *prefix, const char *name)
{
    struct md_trace *t = t_cur;
    size_t n;

    if (!t || !name)
        return;
    n = strlen(t->methods);
    if (n + 2 >= sizeof t->methods)
        return;
    snprintf(t->methods + n, sizeof t->methods - n, "%s%s%s%s", n ? "," : "", prefix ? prefix : "",
             prefix ? "." : "", name);
}

void trace_method(const char *name)
{
    trace_method2(NULL, name);
}

void trace_user(const char *user)
{
    if (t_cur && user && !t_cur->user[0])
        snprintf(t_cur->user, sizeof t_cur->user, "%s", user);
}

void trace_fault(int code)
{
    if (t_cur && t_cur->fault == TRACE_NO_FAULT)
        t_cur->fault = code;
}

void trace_write(void)
{
    if (t_cur)
        t_cur->write = 1;
}

void trace_secret(const char *s)
{
    struct md_trace *t = t_cur;

    if (!t || !s || strlen(s) < 3)
        return;
    for (int i = 0; i < t->nsecrets; i++)
        if (!strncmp(t->secrets[i], s, TRACE_SECRET_LEN - 1))
            return;
    if (t->nsecrets < TRACE_SECRETS)
        snprintf(t->secrets[t->nsecrets++], TRACE_SECRET_LEN, "%s", s);
}

void trace_note(const char *fmt, ...)
{
    va_list ap;

    if (!t_cur || t_cur->note[0])
        return;
    va_start(ap, fmt);
    vsnprintf(t_cur->note, sizeof t_cur->note, fmt, ap);
    va_end(ap);
}
