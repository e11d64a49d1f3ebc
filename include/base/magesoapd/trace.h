/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What one request did, for the access log, the request journal and the
 * metrics: the API method(s) it ran, the API user, its fault, whether it
 * wrote.  The HTTP layer owns a struct md_trace per request and makes it the
 * calling thread's current trace while the request runs (a request runs on
 * one thread from start to end); the API handler (src/api) records into the
 * current trace, or nowhere when there is none (CLI, unit tests).
 */
#ifndef MAGESOAPD_TRACE_H
#define MAGESOAPD_TRACE_H

#include <limits.h>

#define TRACE_NO_FAULT INT_MIN
#define TRACE_SECRETS 8
#define TRACE_SECRET_LEN 128

struct md_trace {
    char methods[192]; /* "sales_order_invoice.create", comma-separated when several */
    char user[64];     /* API user name, "" when unknown */
    int fault;         /* first fault code, TRACE_NO_FAULT when none */
    int write;         /* a write method ran (create, capture, void, cancel, addComment) */
    int login_failed;
    char note[160];    /* a part of the request that was not read (first one), "" when none */
    /* API keys, session ids and tokens seen, masked in the journal */
    char secrets[TRACE_SECRETS][TRACE_SECRET_LEN];
    int nsecrets;
};

void trace_reset(struct md_trace *t);
/* Make t the calling thread's current trace (NULL: none). */
void trace_set(struct md_trace *t);
struct md_trace *trace_cur(void);

/* Record into the current trace; no-ops without one. */
void trace_method(const char *name);
void trace_method2(const char *prefix, const char *name); /* "prefix.name" */
void trace_user(const char *user);
void trace_fault(int code);
void trace_write(void);
/* A request part that was not read (no silent ignores): kept with the
 * request's journal entry and access log line (the first note wins). */
void trace_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A value to mask in the journal (at least 3 bytes; longer than
 * TRACE_SECRET_LEN - 1: its prefix, masked up to the next delimiter). */
void trace_secret(const char *s);

#endif
