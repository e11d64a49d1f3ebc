/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Login throttling (domain_int.h): failed logins are counted per user name
 * and per peer address over cfg->login_window seconds; past
 * cfg->login_max_failures the name or address is locked for
 * cfg->login_lockout seconds.  The counts are rows of the store
 * (store_throttle_*), so every daemon on one database counts the same
 * failures; stale rows are purged every PURGE_EVERY failures, so a flood of
 * random names cannot grow the table without bound.
 */
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "domain/domain_int.h"
#include "magesoapd/log.h"

#define KEY_MAX 128

/* "u:" + user name, or "p:" + the peer's address without its port
 * ("192.0.2.7:4711" and "[2001:db8::1]:4711" count per address). */
static void make_key(char out[KEY_MAX], char kind, const char *s)
{
    size_t n = strlen(s);
    const char *colon = strrchr(s, ':');
    if (kind == 'p' && colon && colon[1] && strspn(colon + 1, "0123456789") == strlen(colon + 1) &&
        (memchr(s, ':', (size_t)(colon - s)) == NULL || (s[0] == '[' && colon[-1] == ']')))
        n = (size_t)(colon - s);
    snprintf(out, KEY_MAX, "%c:%.*s", kind, (int)(n < KEY_MAX ? n : KEY_MAX - 3), s);
}

static int limit_of(const struct md_ctx *ctx, char kind)
{
    if (!ctx->cfg)
        return 0;
    return kind == 'u' ? ctx->cfg->login_max_failures : ctx->cfg->login_max_failures_per_peer;
}

static int limit(const struct md_ctx *ctx)
{
    return limit_of(ctx, 'u') > 0 || limit_of(ctx, 'p') > 0;
}

/* Failures between purges of stale rows (random names must not pile up). */
#define PURGE_EVERY 256
static atomic_uint g_failures;

int md_throttle_locked(const struct md_ctx *ctx, const char *username, int *counted)
{
    char ku[KEY_MAX], kp[KEY_MAX];
    int r;

    *counted = 0;
    if (!limit(ctx))
        return 0;
    make_key(ku, 'u', username ? username : "");
    make_key(kp, 'p', ctx->peer ? ctx->peer : "");
    r = store_throttle_locked(ctx->st, limit_of(ctx, 'u') > 0 ? ku : NULL,
                              ctx->peer && limit_of(ctx, 'p') > 0 ? kp : NULL, md_now(ctx),
                              counted);
    if (r < 0) { /* cannot tell: the key check decides, as without throttling */
        log_msg(LOG_ERR, "login throttling: %s", store_errmsg(ctx->st));
        *counted = 1;
        return 0;
    }
    if (r)
        log_msg(LOG_WARN, "login refused: user \"%.64s\" from %s is locked out (throttled)",
                username ? username : "", ctx->peer ? ctx->peer : "?");
    return r;
}

void md_throttle_failed(const struct md_ctx *ctx, const char *username)
{
    char ku[KEY_MAX], kp[KEY_MAX];
    int64_t now = md_now(ctx);
    struct store_throttle_key k[2] = {{0}};

    if (!limit(ctx))
        return;
    make_key(ku, 'u', username ? username : "");
    make_key(kp, 'p', ctx->peer ? ctx->peer : "");
    if (limit_of(ctx, 'u') > 0)
        k[0] = (struct store_throttle_key){.key = ku, .limit = limit_of(ctx, 'u')};
    if (ctx->peer && limit_of(ctx, 'p') > 0)
        k[1] = (struct store_throttle_key){.key = kp, .limit = limit_of(ctx, 'p')};
    if (store_throttle_fail(ctx->st, k, 2, now, ctx->cfg->login_window,
                            ctx->cfg->login_lockout) != 0)
        log_msg(LOG_ERR, "login throttling: %s", store_errmsg(ctx->st));
    if (atomic_fetch_add(&g_failures, 1) % PURGE_EVERY == PURGE_EVERY - 1 &&
        store_throttle_clear(ctx->st, NULL, now - ctx->cfg->login_window, now) != 0)
        log_msg(LOG_ERR, "login throttling: %s", store_errmsg(ctx->st));
    log_msg(LOG_WARN, "login failed: user \"%.64s\" from %s (%lld for the user, %lld from the "
                      "peer in the window)",
            username ? username : "", ctx->peer ? ctx->peer : "?", (long long)k[0].count,
            (long long)k[1].count);
}

void md_throttle_succeeded(const struct md_ctx *ctx, const char *username, int counted)
{
    char ku[KEY_MAX];

    if (!limit(ctx) || !counted)
        return; /* nothing on record: no write */
    make_key(ku, 'u', username ? username : "");
    if (store_throttle_clear(ctx->st, ku, 0, 0) != 0)
        log_msg(LOG_ERR, "login throttling: %s", store_errmsg(ctx->st));
}

void md_throttle_reset(struct md_ctx *ctx)
{
    store_throttle_clear(ctx->st, NULL, INT64_MAX, INT64_MAX);
}
