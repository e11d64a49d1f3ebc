/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Idempotency keys (domain.h): the first successful answer of a write sent
 * with an Idempotency-Key header, stored in the same transaction as the
 * write, replayed to a retry with the same key, API user and request.
 */
#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>

#include "domain/domain_int.h"
#include "magesoapd/log.h"

#define PURGE_BATCH 100

/* ---- the request's hash ------------------------------------------------------- */

static int put(EVP_MD_CTX *c, const void *p, size_t n)
{
    return EVP_DigestUpdate(c, p, n) == 1 ? 0 : -1;
}

/* type tag, length, bytes: no two different trees give the same stream */
static int put_tagged(EVP_MD_CTX *c, char tag, const void *p, size_t n)
{
    unsigned char len[8];
    for (int i = 0; i < 8; i++)
        len[i] = (unsigned char)((uint64_t)n >> (8 * i));
    return put(c, &tag, 1) || put(c, len, sizeof len) || put(c, p, n);
}

/* a list's or map's header: tag and element count, no bytes */
static int put_count(EVP_MD_CTX *c, char tag, size_t n)
{
    unsigned char len[8];
    for (int i = 0; i < 8; i++)
        len[i] = (unsigned char)((uint64_t)n >> (8 * i));
    return put(c, &tag, 1) || put(c, len, sizeof len);
}

static int put_val(EVP_MD_CTX *c, const struct val *v, int depth)
{
    char num[64];
    int n;

    if (!v)
        return put_tagged(c, 'a', "", 0); /* absent */
    if (depth > 200)
        return -1;
    switch (v->t) {
    case VAL_NULL:
        return put_tagged(c, 'n', "", 0);
    case VAL_BOOL:
        return put_tagged(c, 'b', v->u.b ? "1" : "0", 1);
    case VAL_INT:
        n = snprintf(num, sizeof num, "%lld", (long long)v->u.i);
        return put_tagged(c, 'i', num, (size_t)n);
    case VAL_DEC:
        n = snprintf(num, sizeof num, "%lld", (long long)v->u.i);
        return put_tagged(c, 'd', num, (size_t)n);
    case VAL_DOUBLE:
        n = snprintf(num, sizeof num, "%.17g", v->u.d);
        return put_tagged(c, 'f', num, (size_t)n);
    case VAL_STR:
        return put_tagged(c, 's', v->u.s.p, v->u.s.n);
    case VAL_LIST:
        if (put_count(c, 'l', v->u.list.n))
            return -1;
        for (size_t i = 0; i < v->u.list.n; i++)
            if (put_val(c, v->u.list.items[i], depth + 1))
                return -1;
        return 0;
    case VAL_MAP:
        if (put_count(c, 'm', v->u.map.n))
            return -1;
        for (size_t i = 0; i < v->u.map.n; i++)
            if (put_tagged(c, 'k', v->u.map.kv[i].key, strlen(v->u.map.kv[i].key)) ||
                put_val(c, v->u.map.kv[i].v, depth + 1))
                return -1;
        return 0;
    }
    return -1;
}

static int finish(EVP_MD_CTX *c, char out[65])
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    if (EVP_DigestFinal_ex(c, md, &n) != 1 || n != 32)
        return -1;
    for (unsigned int i = 0; i < n; i++)
        snprintf(out + 2 * i, 3, "%02x", md[i]);
    return 0;
}

int md_idem_hash_vals(const char *scope, struct val *const *argv, size_t argc, char out[65])
{
    EVP_MD_CTX *c = EVP_MD_CTX_new();
    int rc = -1;

    if (c && EVP_DigestInit_ex(c, EVP_sha256(), NULL) == 1 &&
        put_tagged(c, 'S', scope, strlen(scope)) == 0 && put_count(c, 'l', argc) == 0) {
        rc = 0;
        for (size_t i = 0; rc == 0 && i < argc; i++)
            rc = put_val(c, argv[i], 0);
        if (rc == 0)
            rc = finish(c, out);
    }
    EVP_MD_CTX_free(c);
    return rc;
}

int md_idem_hash_bytes(const char *scope, const void *data, size_t len, char out[65])
{
    EVP_MD_CTX *c = EVP_MD_CTX_new();
    int rc = -1;

    if (c && EVP_DigestInit_ex(c, EVP_sha256(), NULL) == 1 &&
        put_tagged(c, 'S', scope, strlen(scope)) == 0 && put_tagged(c, 'r', data, len) == 0)
        rc = finish(c, out);
    EVP_MD_CTX_free(c);
    return rc;
}

/* ---- begin / commit ---------------------------------------------------------- */

static int key_ok(const char *k)
{
    size_t n = strlen(k);
    if (n < 1 || n > MD_IDEM_KEY_MAX)
        return 0;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)k[i] < 0x20 || (unsigned char)k[i] > 0x7e)
            return 0;
    return 1;
}

static int64_t window(const struct md_ctx *ctx)
{
    return ctx->cfg && ctx->cfg->idempotency_window > 0 ? ctx->cfg->idempotency_window : 86400;
}

static struct val *decode_result(struct arena *a, const struct store_idem *r)
{
    switch (r->result_kind[0]) {
    case 's':
        return val_str(a, r->result);
    case 'b':
        return val_bool(a, r->result[0] == '1');
    case 'i': {
        long long v = 0;
        if (sscanf(r->result, "%lld", &v) != 1)
            return NULL;
        return val_int(a, (int64_t)v);
    }
    default:
        return NULL;
    }
}

int md_idem_begin(struct md_ctx *ctx, const char *method, const char *hash, struct md_idem *h,
                  struct val **replay, struct md_fault *f)
{
    struct store_idem prev;
    char now[MD_TIME_LEN];
    int rc;

    memset(h, 0, sizeof *h);
    *replay = NULL;
    if (!ctx->idem_key)
        return 0;
    if (!key_ok(ctx->idem_key))
        return md_fault_raw(f, MD_FAULT_CLIENT, MD_IDEM_MSG_BAD_KEY);
    if (ctx->user_id <= 0)
        return md_internal(f, "idempotency key without a user", NULL);
    ctx->idem_n++;
    if (ctx->idem_n == 1)
        snprintf(h->key, sizeof h->key, "%s", ctx->idem_key);
    else
        snprintf(h->key, sizeof h->key, "%s#%d", ctx->idem_key, ctx->idem_n);
    snprintf(h->hash, sizeof h->hash, "%s", hash);
    h->method = method;
    md_fmt_time(md_now(ctx), now);
    if (store_begin(ctx->st) != 0)
        return md_internal(f, "idempotency begin", ctx->st);
    if (store_idem_purge(ctx->st, now, PURGE_BATCH, NULL) != 0) {
        store_rollback(ctx->st);
        return md_internal(f, "idempotency purge", ctx->st);
    }
    rc = store_idem_get(ctx->st, ctx->arena, ctx->user_id, h->key, now, &prev);
    if (rc < 0) {
        store_rollback(ctx->st);
        return md_internal(f, "idempotency key", ctx->st);
    }
    if (rc == 0) {
        h->open = 1;
        return 0;
    }
    /* known: nothing to write (the purge may go with the next one) */
    store_rollback(ctx->st);
    if (strcmp(prev.request_hash, hash) != 0 || strcmp(prev.method, method) != 0)
        return md_fault_raw(f, MD_FAULT_IDEM_CONFLICT, MD_IDEM_MSG_CONFLICT, ctx->idem_key);
    *replay = decode_result(ctx->arena, &prev);
    if (!*replay)
        return md_internal(f, "idempotency result", NULL);
    log_msg(LOG_INFO, "idempotency key %s of user %lld: %s replayed", h->key,
            (long long)ctx->user_id, method);
    return 1;
}

int md_idem_commit(struct md_ctx *ctx, struct md_idem *h, const struct val *result,
                   struct md_fault *f)
{
    struct store_idem in;
    char now[MD_TIME_LEN], expires[MD_TIME_LEN], num[32];
    int64_t t = md_now(ctx);

    if (!h->open)
        return 0;
    h->open = 0;
    in.request_hash = h->hash;
    in.method = h->method;
    switch (result ? result->t : VAL_NULL) {
    case VAL_STR:
        in.result_kind = "s";
        in.result = result->u.s.p;
        break;
    case VAL_BOOL:
        in.result_kind = "b";
        in.result = result->u.b ? "1" : "0";
        break;
    case VAL_INT:
        snprintf(num, sizeof num, "%lld", (long long)result->u.i);
        in.result_kind = "i";
        in.result = num;
        break;
    default:
        store_rollback(ctx->st);
        return md_internal(f, "idempotency: result not storable", NULL);
    }
    md_fmt_time(t, now);
    md_fmt_time(t + window(ctx), expires);
    if (store_idem_put(ctx->st, ctx->user_id, h->key, &in, now, expires) != 0) {
        store_rollback(ctx->st);
        return md_internal(f, "idempotency store", ctx->st);
    }
    if (store_commit(ctx->st) != 0)
        return md_internal(f, "idempotency commit", ctx->st);
    return 0;
}

void md_idem_abort(struct md_ctx *ctx, struct md_idem *h)
{
    if (!h->open)
        return;
    h->open = 0;
    /* The write failed and rolled its own part back, but may have kept
     * something on purpose (a refused void remembers can_void_flag = 0):
     * commit what is left, without a key, as if no key had been sent. */
    if (store_commit(ctx->st) != 0)
        log_msg(LOG_ERR, "idempotency: commit after a failed write: %s", store_errmsg(ctx->st));
}
