/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Magento 2 style admin bearer tokens (Magento\Integration\Model\
 * AdminTokenService) for the REST API, over the API users of auth.c.
 *
 * A token is 16 bytes from the CSPRNG as 32 lowercase hex; the table
 * rest_token keeps only its SHA-256 (hex), so a copy of the database does
 * not hand out working tokens.  The lifetime is fixed from issue
 * (cfg->token_lifetime), as Magento's admin token lifetime is, and like
 * Magento's check (expired when created_at < now - lifetime) the last
 * second counts: valid while now <= issue + lifetime.  A token is
 * refused once its user is inactive, has lost its role, or had the API key
 * replaced after the token was issued (api_user.modified moves then).
 */
#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>

#include "domain/domain_int.h"

#define MAX_TOKEN_LEN 128 /* anything longer is not one of ours */
#define HASH_HEX MD_HASH_HEX

/* SHA-256 of a token or session id as lowercase hex: their stored form. */
int md_secret_hash(const char *token, char out[MD_HASH_HEX + 1])
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    if (EVP_Digest(token, strlen(token), md, &n, EVP_sha256(), NULL) != 1 || n != HASH_HEX / 2)
        return -1;
    for (unsigned int i = 0; i < n; i++)
        snprintf(out + 2 * i, 3, "%02x", md[i]);
    return 0;
}

static int64_t token_lifetime(const struct md_ctx *ctx)
{
    return ctx->cfg && ctx->cfg->token_lifetime > 0 ? ctx->cfg->token_lifetime : 14400;
}

/* Expired tokens go, then the user's oldest past max_sessions_per_user;
 * with max_sessions tokens held the new one is refused (1). */
static int record_token(struct md_ctx *ctx, int64_t uid, const char *hash)
{
    int64_t now = md_now(ctx);
    char nowtext[MD_TIME_LEN], exptext[MD_TIME_LEN];
    md_fmt_time(now, nowtext);
    md_fmt_time(now + token_lifetime(ctx), exptext);
    return store_token_add(ctx->st, uid, hash, nowtext, exptext, md_max_user_sessions(ctx),
                           md_max_sessions(ctx));
}

int md_token_issue(struct md_ctx *ctx, const char *username, const char *api_key,
                   char token_out[MD_TOKEN_LEN + 1], struct md_fault *f)
{
    int64_t uid = 0;
    char hash[HASH_HEX + 1];
    if (md_credentials_verify(ctx, username, api_key, &uid, f) != 0)
        return -1;
    if (md_random_hex(token_out, MD_TOKEN_LEN / 2) != 0 || md_secret_hash(token_out, hash) != 0)
        return md_internal(f, "random token", NULL);
    if (store_begin(ctx->st) != 0)
        return md_internal(f, "token", ctx->st);
    int rc = record_token(ctx, uid, hash);
    if (rc != 0) {
        store_rollback(ctx->st);
        return rc > 0 ? md_sessions_full(ctx, f) : md_internal(f, "token", ctx->st);
    }
    if (store_commit(ctx->st) != 0)
        return md_internal(f, "token", ctx->st);
    return 0;
}

/* Look the token up: 0 with the user and the role's resources (arena, NULL
 * without role), or -1 with fault 5 / 1. */
static int token_lookup(struct md_ctx *ctx, const char *token, int64_t *uid,
                        const char **resources, struct md_fault *f)
{
    char hash[HASH_HEX + 1];
    int64_t expires = 0;
    struct store_token t;
    if (!token || !*token || strlen(token) > MAX_TOKEN_LEN)
        return md_fault_set(f, MDF_SESSION_EXPIRED);
    if (md_secret_hash(token, hash) != 0)
        return md_internal(f, "token hash", NULL);
    int rc = store_token_get(ctx->st, ctx->arena, hash, &t);
    if (rc < 0)
        return md_internal(f, "token", ctx->st);
    if (rc == 0 || md_parse_time(t.expires_at, &expires) != 0 || md_now(ctx) > expires ||
        t.is_active != 1 || t.replaced || !t.resources)
        return md_fault_set(f, MDF_SESSION_EXPIRED);
    *uid = t.user_id;
    *resources = t.resources;
    ctx->user = t.username;
    ctx->user_id = t.user_id;
    return 0;
}

int md_token_check(struct md_ctx *ctx, const char *token, int64_t *user_id_out,
                   struct md_fault *f)
{
    int64_t uid = 0;
    const char *res = NULL;
    if (token_lookup(ctx, token, &uid, &res, f) != 0)
        return -1;
    if (user_id_out)
        *user_id_out = uid;
    return 0;
}

int md_token_authorize(struct md_ctx *ctx, const char *token, const char *acl_path,
                       int64_t *user_id_out, struct md_fault *f)
{
    int64_t uid = 0;
    const char *res = NULL;
    if (token_lookup(ctx, token, &uid, &res, f) != 0)
        return -1;
    if (!acl_path || !md_acl_allows(res, acl_path))
        return md_fault_set(f, MDF_ACCESS_DENIED);
    if (user_id_out)
        *user_id_out = uid;
    return 0;
}
