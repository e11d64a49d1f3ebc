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
#define HASH_HEX 64

/* SHA-256 of the token as lowercase hex. */
static int token_hash(const char *token, char out[HASH_HEX + 1])
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

static int exec_done(sqlite3_stmt *s)
{
    int rc = sqlite3_step(s);
    store_done(s);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* Expired tokens go, the new one is stored, and past max_sessions the
 * oldest tokens are dropped. */
static int record_token(struct md_ctx *ctx, int64_t uid, const char *hash)
{
    static const char purge[] = "DELETE FROM rest_token WHERE expires_at < ?";
    static const char insert[] =
        "INSERT INTO rest_token (token, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)";
    static const char cap[] =
        "DELETE FROM rest_token WHERE rowid IN (SELECT rowid FROM rest_token "
        "ORDER BY created_at, rowid LIMIT max(0, (SELECT count(*) FROM rest_token) - ?))";
    int64_t now = md_now(ctx);
    char nowtext[MD_TIME_LEN], exptext[MD_TIME_LEN];
    md_fmt_time(now, nowtext);
    md_fmt_time(now + token_lifetime(ctx), exptext);
    int64_t max = ctx->cfg && ctx->cfg->max_sessions > 0 ? ctx->cfg->max_sessions : 100000;
    sqlite3_stmt *s;
    if (!(s = store_prep(ctx->st, purge)))
        return -1;
    st_bind_text(s, 1, nowtext);
    if (exec_done(s) != 0 || !(s = store_prep(ctx->st, insert)))
        return -1;
    st_bind_text(s, 1, hash);
    st_bind_int(s, 2, uid);
    st_bind_text(s, 3, nowtext);
    st_bind_text(s, 4, exptext);
    if (exec_done(s) != 0 || !(s = store_prep(ctx->st, cap)))
        return -1;
    st_bind_int(s, 1, max);
    return exec_done(s);
}

int md_token_issue(struct md_ctx *ctx, const char *username, const char *api_key,
                   char token_out[MD_TOKEN_LEN + 1], struct md_fault *f)
{
    int64_t uid = 0;
    char hash[HASH_HEX + 1];
    if (md_credentials_verify(ctx, username, api_key, &uid, f) != 0)
        return -1;
    if (md_random_hex(token_out, MD_TOKEN_LEN / 2) != 0 || token_hash(token_out, hash) != 0)
        return md_internal(f, "random token", NULL);
    if (store_begin(ctx->st) != SQLITE_OK)
        return md_internal(f, "token", ctx->st);
    if (record_token(ctx, uid, hash) != 0) {
        store_note_error(ctx->st, "token");
        store_rollback(ctx->st);
        return md_internal(f, "token", ctx->st);
    }
    if (store_commit(ctx->st) != SQLITE_OK)
        return md_internal(f, "token", ctx->st);
    return 0;
}

/* Look the token up: 0 with the user and the role's resources (arena, NULL
 * without role), or -1 with fault 5 / 1. */
static int token_lookup(struct md_ctx *ctx, const char *token, int64_t *uid,
                        const char **resources, struct md_fault *f)
{
    static const char sql[] =
        "SELECT t.user_id, t.created_at, t.expires_at, u.is_active, "
        "COALESCE(u.modified, '') > t.created_at, r.resources FROM rest_token t "
        "JOIN api_user u ON u.user_id = t.user_id "
        "LEFT JOIN api_role r ON r.role_id = u.role_id WHERE t.token = ?";
    char hash[HASH_HEX + 1], exptext[MD_TIME_LEN] = "";
    int64_t expires = 0, active = 0, replaced = 0;
    const char *res = NULL;
    if (!token || !*token || strlen(token) > MAX_TOKEN_LEN)
        return md_fault_set(f, MDF_SESSION_EXPIRED);
    if (token_hash(token, hash) != 0)
        return md_internal(f, "token hash", NULL);
    sqlite3_stmt *s = store_prep(ctx->st, sql);
    if (!s)
        return md_internal(f, "token", ctx->st);
    st_bind_text(s, 1, hash);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *uid = sqlite3_column_int64(s, 0);
        snprintf(exptext, sizeof exptext, "%s", st_col_text(s, 2) ? st_col_text(s, 2) : "");
        active = sqlite3_column_int64(s, 3);
        replaced = sqlite3_column_int64(s, 4);
        res = st_col_text(s, 5) ? arena_strdup(ctx->arena, st_col_text(s, 5)) : NULL;
    }
    store_done(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return md_internal(f, "token", ctx->st);
    if (rc != SQLITE_ROW || md_parse_time(exptext, &expires) != 0 || md_now(ctx) > expires ||
        active != 1 || replaced || !res)
        return md_fault_set(f, MDF_SESSION_EXPIRED);
    *resources = res;
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
