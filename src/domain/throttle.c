/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Login throttling (domain_int.h): failed logins are counted per user name
 * and per peer address over cfg->login_window seconds; past
 * cfg->login_max_failures the name or address is locked for
 * cfg->login_lockout seconds.  One process-wide table, a fixed number of
 * slots (the least recently used one is reused), so a flood of random names
 * cannot grow memory.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "domain/domain_int.h"
#include "magesoapd/log.h"

#define SLOTS 4096
#define KEY_MAX 128

struct slot {
    char key[KEY_MAX]; /* "u:" user name or "p:" peer; "" = free */
    int64_t window_start, locked_until, used;
    int failures;
};

static struct slot g_slots[SLOTS];
static pthread_mutex_t g_mu = PTHREAD_MUTEX_INITIALIZER;

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

/* The slot of key (created when make is set); g_mu held. */
static struct slot *find(const char *key, int64_t now, int make)
{
    struct slot *lru = &g_slots[0];
    for (size_t i = 0; i < SLOTS; i++) {
        if (g_slots[i].key[0] && strcmp(g_slots[i].key, key) == 0) {
            g_slots[i].used = now;
            return &g_slots[i];
        }
        if (!g_slots[i].key[0] || g_slots[i].used < lru->used)
            lru = &g_slots[i];
        if (!g_slots[i].key[0])
            break;
    }
    if (!make)
        return NULL;
    memset(lru, 0, sizeof *lru);
    snprintf(lru->key, KEY_MAX, "%s", key);
    lru->window_start = now;
    lru->used = now;
    return lru;
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

static int locked(const char *key, int64_t now)
{
    struct slot *s = find(key, now, 0);
    return s && s->locked_until > now;
}

int md_throttle_locked(const struct md_ctx *ctx, const char *username)
{
    char ku[KEY_MAX], kp[KEY_MAX];
    int64_t now = md_now(ctx);
    int r;

    if (!limit(ctx))
        return 0;
    make_key(ku, 'u', username ? username : "");
    make_key(kp, 'p', ctx->peer ? ctx->peer : "");
    pthread_mutex_lock(&g_mu);
    r = (limit_of(ctx, 'u') > 0 && locked(ku, now)) ||
        (ctx->peer && limit_of(ctx, 'p') > 0 && locked(kp, now));
    pthread_mutex_unlock(&g_mu);
    if (r)
        log_msg(LOG_WARN, "login refused: user \"%.64s\" from %s is locked out (throttled)",
                username ? username : "", ctx->peer ? ctx->peer : "?");
    return r;
}

static int count(const struct md_ctx *ctx, const char *key, int64_t now)
{
    struct slot *s = find(key, now, 1);
    if (now - s->window_start >= ctx->cfg->login_window) {
        s->window_start = now;
        s->failures = 0;
    }
    s->failures++;
    if (s->failures >= limit_of(ctx, key[0]))
        s->locked_until = now + ctx->cfg->login_lockout;
    return s->failures;
}

void md_throttle_failed(const struct md_ctx *ctx, const char *username)
{
    char ku[KEY_MAX], kp[KEY_MAX];
    int64_t now = md_now(ctx);
    int nu, np = 0;

    if (!limit(ctx))
        return;
    make_key(ku, 'u', username ? username : "");
    make_key(kp, 'p', ctx->peer ? ctx->peer : "");
    pthread_mutex_lock(&g_mu);
    nu = limit_of(ctx, 'u') > 0 ? count(ctx, ku, now) : 0;
    if (ctx->peer && limit_of(ctx, 'p') > 0)
        np = count(ctx, kp, now);
    pthread_mutex_unlock(&g_mu);
    log_msg(LOG_WARN, "login failed: user \"%.64s\" from %s (%d for the user, %d from the peer in "
                      "the window)",
            username ? username : "", ctx->peer ? ctx->peer : "?", nu, np);
}

void md_throttle_succeeded(const struct md_ctx *ctx, const char *username)
{
    char ku[KEY_MAX];
    struct slot *s;

    if (!limit(ctx))
        return;
    make_key(ku, 'u', username ? username : "");
    pthread_mutex_lock(&g_mu);
    if ((s = find(ku, md_now(ctx), 0)) != NULL)
        memset(s, 0, sizeof *s);
    pthread_mutex_unlock(&g_mu);
}

void md_throttle_reset(void)
{
    pthread_mutex_lock(&g_mu);
    memset(g_slots, 0, sizeof g_slots);
    pthread_mutex_unlock(&g_mu);
}
