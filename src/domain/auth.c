/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * API users, roles, sessions and the ACL (Mage_Api_Model_Session, _User).
 *
 * Keys are stored only as PBKDF2-HMAC-SHA256 with a random salt and compared
 * in constant time; a login for an unknown user still runs one PBKDF2 so the
 * answer time does not tell which usernames exist.  Sessions live in the store
 * (api_session) with Magento's sliding idle timeout: valid while
 * now - logdate <= session_timeout, and every valid call moves logdate.
 */
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain/domain_int.h"
#include "magesoapd/log.h"

#define SALT_BYTES 16
#define HASH_BYTES 32
#define MAX_KEY_LEN 256 /* OpenMage refuses longer API keys */
#define MAX_SID_LEN 128 /* anything longer is not one of ours */
#define HASH_SCHEME "pbkdf2_sha256"

/* ---- key hashing ------------------------------------------------------------------- */

static void to_hex(const unsigned char *in, size_t n, char *out)
{
    for (size_t i = 0; i < n; i++)
        snprintf(out + 2 * i, 3, "%02x", in[i]);
}

static int from_hex(const char *in, unsigned char *out, size_t n)
{
    if (strlen(in) != 2 * n)
        return -1;
    for (size_t i = 0; i < n; i++) {
        unsigned v;
        if (sscanf(in + 2 * i, "%2x", &v) != 1)
            return -1;
        out[i] = (unsigned char)v;
    }
    return 0;
}

static int pbkdf2(const char *key, const unsigned char *salt, int iterations,
                  unsigned char out[HASH_BYTES])
{
    return PKCS5_PBKDF2_HMAC(key, (int)strlen(key), salt, SALT_BYTES, iterations, EVP_sha256(),
                             HASH_BYTES, out) == 1
               ? 0
               : -1;
}

int md_key_hash(const char *key, int iterations, char out[MD_KEY_HASH_MAX])
{
    unsigned char salt[SALT_BYTES], hash[HASH_BYTES];
    char salt_hex[2 * SALT_BYTES + 1], hash_hex[2 * HASH_BYTES + 1];
    if (iterations < 1 || RAND_bytes(salt, SALT_BYTES) != 1 || pbkdf2(key, salt, iterations, hash))
        return -1;
    to_hex(salt, SALT_BYTES, salt_hex);
    to_hex(hash, HASH_BYTES, hash_hex);
    snprintf(out, MD_KEY_HASH_MAX, HASH_SCHEME "$%d$%s$%s", iterations, salt_hex, hash_hex);
    OPENSSL_cleanse(hash, sizeof hash);
    return 0;
}

static int verify_one(const char *key, const char *stored)
{
    char scheme[32], salt_hex[2 * SALT_BYTES + 2], hash_hex[2 * HASH_BYTES + 2];
    unsigned char salt[SALT_BYTES], want[HASH_BYTES], got[HASH_BYTES];
    int iterations = 0;
    if (!key || !stored ||
        sscanf(stored, "%31[^$]$%d$%33[0-9a-f]$%65[0-9a-f]", scheme, &iterations, salt_hex,
               hash_hex) != 4 ||
        strcmp(scheme, HASH_SCHEME) != 0 || iterations < 1 || iterations > 100000000 ||
        from_hex(salt_hex, salt, SALT_BYTES) || from_hex(hash_hex, want, HASH_BYTES) ||
        pbkdf2(key, salt, iterations, got))
        return 0;
    int ok = CRYPTO_memcmp(want, got, HASH_BYTES) == 0;
    OPENSSL_cleanse(got, sizeof got);
    return ok;
}

/* stored may hold several hashes separated by spaces (the demo user also
 * accepts the spelling one documentation example uses); every one is
 * computed, so the time does not depend on which one matches. */
int md_key_verify(const char *key, const char *stored)
{
    char one[MD_KEY_HASH_MAX];
    int ok = 0;
    if (!key || !stored)
        return 0;
    for (const char *p = stored; *p;) {
        size_t n = strcspn(p, " ");
        if (n && n < sizeof one) {
            memcpy(one, p, n);
            one[n] = '\0';
            ok |= verify_one(key, one);
        }
        p += n;
        p += strspn(p, " ");
    }
    return ok;
}

/* ---- ACL ------------------------------------------------------------------------------ */

static const char *const acl_paths[] = {
    "sales",
    "sales/order",
    "sales/order/invoice",
    "sales/order/invoice/create",
    "sales/order/invoice/comment",
    "sales/order/invoice/capture",
    "sales/order/invoice/void",
    "sales/order/invoice/cancel",
    "sales/order/invoice/info",
    "sales/order/change",
    "sales/order/info",
};

int md_acl_known(const char *path)
{
    if (strcmp(path, "all") == 0)
        return 1;
    for (size_t i = 0; i < sizeof acl_paths / sizeof acl_paths[0]; i++)
        if (strcmp(acl_paths[i], path) == 0)
            return 1;
    return 0;
}

/* Next non-empty entry of a comma-separated resource list ("a, b,,c"),
 * blanks trimmed: [*e, *e + *n).  0 at the end of the list. */
static int next_entry(const char **p, const char **e, size_t *n)
{
    for (;;) {
        while (**p == ',' || **p == ' ')
            (*p)++;
        if (!**p)
            return 0;
        *e = *p;
        while (**p && **p != ',')
            (*p)++;
        *n = (size_t)(*p - *e);
        while (*n && (*e)[*n - 1] == ' ')
            (*n)--;
        if (*n)
            return 1;
    }
}

/* Does the listed resource entry [e, e+n) grant path (itself or an ancestor)? */
static int entry_grants(const char *e, size_t n, const char *path)
{
    if (n == 3 && strncmp(e, "all", 3) == 0)
        return 1;
    return strncmp(path, e, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

int md_acl_allows(const char *resources, const char *path)
{
    if (!resources || !path || !*path)
        return 0;
    const char *p = resources, *e;
    size_t n;
    while (next_entry(&p, &e, &n))
        if (entry_grants(e, n, path))
            return 1;
    return 0;
}

/* ---- sessions ------------------------------------------------------------------------ */

void md_start_session(struct md_ctx *ctx, char sid_out[MD_SID_LEN + 1])
{
    (void)ctx;
    if (md_random_hex(sid_out, MD_SID_LEN / 2) != 0)
        memset(sid_out, '0', MD_SID_LEN), sid_out[MD_SID_LEN] = '\0';
}

int md_end_session(struct md_ctx *ctx, const char *sid)
{
    char hash[MD_HASH_HEX + 1];
    if (sid && md_secret_hash(sid, hash) == 0)
        store_session_delete(ctx->st, hash); /* Magento answers true whatever happens */
    return 0;
}

/* The sliding expiry moves logdate at most once per second per session, and
 * in this process only one worker does it: when many connections share a
 * session, the others all saw the old logdate in the same second and would
 * queue the same write. */
#define TOUCH_SLOTS 256
static struct {
    char sid[2 * MD_SID_LEN + 1];
    int64_t at;
} touched[TOUCH_SLOTS];
static pthread_mutex_t touched_mu = PTHREAD_MUTEX_INITIALIZER;

static int touch_due(const char *sid, int64_t now)
{
    unsigned h = 2166136261u;
    for (const char *p = sid; *p; p++)
        h = (h ^ (unsigned char)*p) * 16777619u;
    h %= TOUCH_SLOTS;
    pthread_mutex_lock(&touched_mu);
    int due = touched[h].at != now || strncmp(touched[h].sid, sid, sizeof touched[h].sid) != 0;
    if (due) {
        snprintf(touched[h].sid, sizeof touched[h].sid, "%s", sid);
        touched[h].at = now;
    }
    pthread_mutex_unlock(&touched_mu);
    return due;
}

static int64_t session_timeout(const struct md_ctx *ctx)
{
    return ctx->cfg && ctx->cfg->session_timeout > 0 ? ctx->cfg->session_timeout : 3600;
}

/* Look the session up; on success move its logdate to now (sliding expiry)
 * and hand back the user and the role's resources (arena). */
static int session_lookup(struct md_ctx *ctx, const char *sid, int64_t *uid,
                          const char **resources, struct md_fault *f)
{
    if (!sid || !*sid)
        return md_fault_set(f, MDF_SESSION_EXPIRED);
    struct store_session ses;
    char hash[MD_HASH_HEX + 1];
    int64_t now = md_now(ctx), logdate = 0;
    if (strlen(sid) > MAX_SID_LEN || md_secret_hash(sid, hash) != 0)
        return md_fault_set(f, MDF_SESSION_EXPIRED);
    int rc = store_session_get(ctx->st, ctx->arena, hash, &ses);
    if (rc < 0)
        return md_internal(f, "session", ctx->st);
    if (rc == 0 || md_parse_time(ses.logdate, &logdate) != 0 ||
        now - logdate > session_timeout(ctx))
        return md_fault_set(f, MDF_SESSION_EXPIRED);
    *uid = ses.user_id;
    *resources = ses.resources;
    ctx->user = ses.username;
    ctx->user_id = ses.user_id;
    char nowtext[MD_TIME_LEN];
    md_fmt_time(now, nowtext);
    /* At most one write per session per second; a busy database must not
     * fail an otherwise valid call, so the result is not checked. */
    if (strcmp(nowtext, ses.logdate) != 0 && touch_due(hash, now))
        store_session_touch(ctx->st, hash, nowtext);
    return 0;
}

int md_session_check(struct md_ctx *ctx, const char *sid, int64_t *user_id_out,
                     struct md_fault *f)
{
    int64_t uid = 0;
    const char *res = NULL;
    if (session_lookup(ctx, sid, &uid, &res, f) != 0)
        return -1;
    if (user_id_out)
        *user_id_out = uid;
    return 0;
}

int md_session_resources(struct md_ctx *ctx, const char *sid, const char **resources,
                         struct md_fault *f)
{
    int64_t uid = 0;

    *resources = NULL;
    return session_lookup(ctx, sid, &uid, resources, f);
}

int md_resources_allow(const char *resources, const char *acl_path)
{
    return resources && acl_path && md_acl_allows(resources, acl_path);
}

int md_authorize(struct md_ctx *ctx, const char *sid, enum md_method m, struct md_fault *f)
{
    int64_t uid = 0;
    const char *res = NULL;
    const struct md_method_info *mi = md_method_get(m);
    if (session_lookup(ctx, sid, &uid, &res, f) != 0)
        return -1;
    if (!mi || !md_acl_allows(res, mi->acl))
        return md_fault_set(f, MDF_ACCESS_DENIED);
    return 0;
}

int md_session_allows(struct md_ctx *ctx, const char *sid, const char *acl_path)
{
    struct store_session ses;
    char hash[MD_HASH_HEX + 1];
    if (!sid || strlen(sid) > MAX_SID_LEN || md_secret_hash(sid, hash) != 0 ||
        store_session_get(ctx->st, ctx->arena, hash, &ses) != 1)
        return 0;
    return ses.resources && md_acl_allows(ses.resources, acl_path);
}

/* ---- login ------------------------------------------------------------------------------ */

/* PHP empty(): "", "0" and NULL are empty. */
static int php_empty(const char *s)
{
    return !s || !*s || (s[0] == '0' && s[1] == '\0');
}

int64_t md_max_sessions(const struct md_ctx *ctx)
{
    return ctx->cfg && ctx->cfg->max_sessions > 0 ? ctx->cfg->max_sessions : 100000;
}

int64_t md_max_user_sessions(const struct md_ctx *ctx)
{
    return ctx->cfg && ctx->cfg->max_sessions_per_user > 0 ? ctx->cfg->max_sessions_per_user : 100;
}

int md_sessions_full(const struct md_ctx *ctx, struct md_fault *f)
{
    int64_t max = md_max_sessions(ctx);
    log_msg(LOG_WARN, "login refused: the server holds max_sessions = %lld sessions",
            (long long)max);
    return md_fault_setf(f, MDF_INTERNAL, "Too many sessions: the server holds max_sessions "
                                          "sessions; try again later.");
}

/* Expired sessions go, then the user's oldest past max_sessions_per_user;
 * with max_sessions sessions held the new one is refused (1). */
static int record_session(struct md_ctx *ctx, int64_t uid, const char *hash)
{
    int64_t now = md_now(ctx);
    char nowtext[MD_TIME_LEN], cutoff[MD_TIME_LEN];
    md_fmt_time(now, nowtext);
    md_fmt_time(now - session_timeout(ctx), cutoff);
    return store_session_add(ctx->st, uid, hash, nowtext, cutoff, md_max_user_sessions(ctx),
                             md_max_sessions(ctx));
}

int md_credentials_verify(struct md_ctx *ctx, const char *username, const char *api_key,
                          int64_t *uid, struct md_fault *f)
{
    /* A dummy hash with the configured cost: unknown users take as long. */
    static const char dummy_salt[] = "00000000000000000000000000000000";
    if (php_empty(username) || php_empty(api_key))
        return md_fault_set(f, MDF_PARAM_MISSING);
    /* Past the limit: refused without checking the key (no PBKDF2 spent). */
    int counted;
    if (md_throttle_locked(ctx, username, &counted))
        return md_fault_set(f, MDF_ACCESS_DENIED);
    struct store_user u;
    int found = store_user_get(ctx->st, username, &u);
    if (found < 0)
        return md_internal(f, "login", ctx->st);
    if (!found) {
        int it = ctx->cfg && ctx->cfg->pbkdf2_iterations > 0 ? ctx->cfg->pbkdf2_iterations : 20000;
        snprintf(u.api_key, sizeof u.api_key, HASH_SCHEME "$%d$%s$%064d", it, dummy_salt, 0);
    }
    int ok = strlen(api_key) <= MAX_KEY_LEN && md_key_verify(api_key, u.api_key);
    if (!found || !ok || u.is_active != 1 || !u.has_role) {
        md_throttle_failed(ctx, username);
        return md_fault_set(f, MDF_ACCESS_DENIED);
    }
    md_throttle_succeeded(ctx, username, counted);
    *uid = u.user_id;
    return 0;
}

int md_login(struct md_ctx *ctx, const char *username, const char *api_key,
             char sid_out[MD_SID_LEN + 1], struct md_fault *f)
{
    int64_t uid;
    if (md_credentials_verify(ctx, username, api_key, &uid, f) != 0)
        return -1;
    if (md_random_hex(sid_out, MD_SID_LEN / 2) != 0)
        return md_internal(f, "random session id", NULL);
    char hash[MD_HASH_HEX + 1];
    if (md_secret_hash(sid_out, hash) != 0)
        return md_internal(f, "session id hash", NULL);
    if (store_begin(ctx->st) != 0)
        return md_internal(f, "login", ctx->st);
    int rc = record_session(ctx, uid, hash);
    if (rc != 0) {
        store_rollback(ctx->st);
        return rc > 0 ? md_sessions_full(ctx, f) : md_internal(f, "login", ctx->st);
    }
    if (store_commit(ctx->st) != 0)
        return md_internal(f, "login", ctx->st);
    return 0;
}

/* ---- administration ------------------------------------------------------------------- */

static void now_text(char out[MD_TIME_LEN])
{
    md_fmt_time((int64_t)time(NULL), out);
}

/* "a, b,,c" → "a,b,c" after checking every path is a known ACL resource. */
static int normalise_resources(const char *in, char *out, size_t outlen, char *err, size_t errlen)
{
    size_t o = 0;
    out[0] = '\0';
    const char *p = in ? in : "", *e;
    size_t n;
    while (next_entry(&p, &e, &n)) {
        char path[128];
        snprintf(path, sizeof path, "%.*s", (int)(n < 127 ? n : 127), e);
        if (n > 127 || !md_acl_known(path)) {
            snprintf(err, errlen, "unknown ACL resource \"%s\"", path);
            return -1;
        }
        if (o + n + 2 > outlen) {
            snprintf(err, errlen, "resource list too long");
            return -1;
        }
        o += (size_t)snprintf(out + o, outlen - o, "%s%s", o ? "," : "", path);
    }
    if (!o) {
        snprintf(err, errlen, "no resources given (use \"all\" or ACL paths)");
        return -1;
    }
    return 0;
}

int md_role_add(struct store *st, const char *name, const char *resources, char *err,
                size_t errlen)
{
    char norm[2048];
    if (!name || !*name || strlen(name) > 50) {
        snprintf(err, errlen, "role name must be 1 to 50 characters");
        return -1;
    }
    if (normalise_resources(resources, norm, sizeof norm, err, errlen) != 0)
        return -1;
    if (store_role_put(st, name, norm) != 0) {
        snprintf(err, errlen, "%s", store_errmsg(st));
        return -1;
    }
    return 0;
}

static int role_id(struct store *st, const char *role, int create_all, int64_t *id)
{
    int rc = store_role_id(st, role, id);
    if (rc != 0 || !create_all)
        return rc;
    if (store_role_put(st, role, "all") != 0)
        return -1;
    return store_role_id(st, role, id);
}

int md_user_add(struct store *st, const struct cfg *cfg, const char *username,
                const char *api_key, const char *role, char *err, size_t errlen)
{
    char hash[MD_KEY_HASH_MAX];
    int64_t rid = 0;
    if (!username || !*username || strlen(username) > 40) {
        snprintf(err, errlen, "username must be 1 to 40 characters");
        return -1;
    }
    if (php_empty(api_key) || strlen(api_key) > MAX_KEY_LEN) {
        snprintf(err, errlen, "API key must be 1 to %d characters (and not \"0\")", MAX_KEY_LEN);
        return -1;
    }
    int it = cfg && cfg->pbkdf2_iterations > 0 ? cfg->pbkdf2_iterations : 20000;
    if (md_key_hash(api_key, it, hash) != 0) {
        snprintf(err, errlen, "hashing the API key failed");
        return -1;
    }
    int default_role = !role || !*role;
    const char *rname = default_role ? "all" : role;
    char now[MD_TIME_LEN];
    now_text(now);
    if (store_begin(st) != 0) {
        snprintf(err, errlen, "%s", store_errmsg(st));
        return -1;
    }
    int rc = role_id(st, rname, default_role, &rid);
    if (rc <= 0 || store_user_put(st, username, hash, rid, now) != 0) {
        if (rc == 0)
            snprintf(err, errlen, "role \"%s\" does not exist (create it with: role add)", rname);
        else
            snprintf(err, errlen, "%s", store_errmsg(st));
        store_rollback(st);
        return -1;
    }
    if (store_commit(st) != 0) {
        snprintf(err, errlen, "%s", store_errmsg(st));
        return -1;
    }
    return 0;
}
