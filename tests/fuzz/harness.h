/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The libFuzzer targets' shared environment (harness.c): one demo database
 * per process in a private temporary directory, one worker (store
 * connection, arena, gSOAP context) and a live session id and REST token,
 * made on the first input.  fz_request() runs a body through the protocol
 * layer exactly as the HTTP layer hands it over (router -> soap_handle /
 * rpc_handle -> api_dispatch -> domain -> store) and then puts everything
 * back: the arena is reset, and when the input wrote to the database the
 * demo data is loaded again (md_reset) and a new session made, so every
 * input meets the same state.  The clock is fixed and login throttling is
 * off, so nothing else carries over from one input to the next.
 */
#ifndef MD_FUZZ_HARNESS_H
#define MD_FUZZ_HARNESS_H

#include <stddef.h>
#include <stdint.h>

#include "proto/exchange.h"

struct fz_env {
    struct cfg cfg;
    struct worker w;
    char dir[256], db[320];
    char sid[64], token[64];
};

/* The environment, made on the first call (exits on failure). */
struct fz_env *fz_env(void);

/* Run one request: path (with an optional "?query"), body of n bytes (copied,
 * NUL-terminated; "@SID@" and "@TOKEN@" replaced by the live session id and
 * REST token), the REST bearer token in Authorization when auth is set.
 * Returns the HTTP status of the answer. */
int fz_request(const char *method, const char *path, const uint8_t *body, size_t n, int auth);

/* After an input that may have written: reload the demo data when the
 * database changed (the next input meets the same state). */
void fz_restore(void);

#endif
