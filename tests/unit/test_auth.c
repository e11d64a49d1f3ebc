/* SPDX-License-Identifier: GPL-2.0-or-later */
/* API key hashing, login faults, session ids and the sliding session expiry
 * with an injected clock, endSession/startSession and the session cap. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "domain/domain_int.h"
#include "store/sqlite/sqlite_int.h"
#include "t.h"

static struct store *st;
static struct arena arena;
static struct cfg cfg;
static int64_t clock_now = 1700000000;
static struct md_ctx ctx;

static int64_t test_clock(void *arg)
{
    return *(int64_t *)arg;
}

static void setup(void)
{
    char err[512];
    cfg_defaults(&cfg);
    cfg.pbkdf2_iterations = 1000;
    cfg.session_timeout = 3600;
    if (store_open(":memory:", &cfg, &st, err, sizeof err) != 0)
        exit(2);
    arena_init(&arena, 0);
    ctx = (struct md_ctx){.st = st, .cfg = &cfg, .arena = &arena, .now = test_clock, .clock_arg = &clock_now};
    if (md_user_add(st, &cfg, "apiUser", "apiKey", NULL, err, sizeof err) != 0)
        exit(2);
}

static void auth_hash_verifies(void)
{
    char h1[MD_KEY_HASH_MAX], h2[MD_KEY_HASH_MAX];
    CHECK_EQ_INT(md_key_hash("secret", 1000, h1), 0);
    CHECK_EQ_INT(md_key_hash("secret", 1000, h2), 0);
    CHECK(strncmp(h1, "pbkdf2_sha256$1000$", 19) == 0);
    CHECK(strcmp(h1, h2) != 0); /* random salt */
    CHECK(strchr(h1, '$') && strlen(strrchr(h1, '$') + 1) == 64);
    CHECK(strstr(h1, "secret") == NULL);
    CHECK_EQ_INT(md_key_verify("secret", h1), 1);
    CHECK_EQ_INT(md_key_verify("secret", h2), 1);
    CHECK_EQ_INT(md_key_verify("Secret", h1), 0);
    CHECK_EQ_INT(md_key_verify("", h1), 0);
    CHECK_EQ_INT(md_key_verify("secret", "secret"), 0);
    CHECK_EQ_INT(md_key_verify("secret", ""), 0);
    char two[2 * MD_KEY_HASH_MAX + 2];
    snprintf(two, sizeof two, "%s %s", h1, h1);
    two[strlen(h1) + 1 + 14] ^= 1; /* spoil the second copy */
    CHECK_EQ_INT(md_key_verify("secret", two), 1); /* any listed hash */
    CHECK_EQ_INT(md_key_verify("other", two), 0);
    int64_t n = 0; /* the stored key is the hash, never the key */
    CHECK(st_query_int(st, "SELECT count(*) FROM api_user WHERE api_key LIKE '%apiKey%'", &n,
                       NULL) == 1 && n == 0);
}

/* Login throttling with an injected clock: per user name, per peer, lockout
 * without a key check, reset on success, REST tokens counted alike. */
static void auth_login_throttling(void)
{
    char sid[MD_SID_LEN + 1], tok[MD_TOKEN_LEN + 1];
    struct md_fault f;
    struct md_ctx c = ctx;
    struct cfg tc = cfg;
    tc.login_max_failures = 3;
    tc.login_max_failures_per_peer = 5;
    tc.login_window = 60;
    tc.login_lockout = 120;
    c.cfg = &tc;
    c.peer = "192.0.2.7";
    md_throttle_reset(&c);

    /* two failures, a success clears the count, three more lock the name */
    CHECK(md_login(&c, "apiUser", "wrong", sid, &f) != 0 && f.code == 2);
    CHECK(md_login(&c, "apiUser", "wrong", sid, &f) != 0 && f.code == 2);
    CHECK_EQ_INT(md_login(&c, "apiUser", "apiKey", sid, &f), 0);
    CHECK(md_login(&c, "apiUser", "wrong", sid, &f) != 0 && f.code == 2);
    CHECK(md_token_issue(&c, "apiUser", "wrong", tok, &f) != 0 && f.code == 2); /* REST counts */
    CHECK(md_login(&c, "apiUser", "wrong", sid, &f) != 0 && f.code == 2);
    /* locked: the right key is refused too, from any peer */
    c.peer = "198.51.100.1";
    CHECK(md_login(&c, "apiUser", "apiKey", sid, &f) != 0 && f.code == 2);
    CHECK_EQ_STR(f.msg, "Access denied.");
    CHECK(md_token_issue(&c, "apiUser", "apiKey", tok, &f) != 0 && f.code == 2);
    clock_now += 119;
    CHECK(md_login(&c, "apiUser", "apiKey", sid, &f) != 0 && f.code == 2);
    clock_now += 2; /* lockout over */
    CHECK_EQ_INT(md_login(&c, "apiUser", "apiKey", sid, &f), 0);

    /* per peer: five failures over different names lock the address */
    c.peer = "203.0.113.9:4711";
    for (int i = 0; i < 5; i++) {
        char name[16];
        snprintf(name, sizeof name, "guess%d", i);
        CHECK(md_login(&c, name, "x", sid, &f) != 0 && f.code == 2);
    }
    CHECK(md_login(&c, "apiUser", "apiKey", sid, &f) != 0 && f.code == 2);
    c.peer = "203.0.113.9:5555"; /* the same address from another port: still locked */
    CHECK(md_login(&c, "apiUser", "apiKey", sid, &f) != 0 && f.code == 2);
    c.peer = "203.0.113.10:5555"; /* another address is served */
    CHECK_EQ_INT(md_login(&c, "apiUser", "apiKey", sid, &f), 0);

    /* failures spread beyond the window do not add up */
    clock_now += 1000;
    c.peer = NULL;
    for (int i = 0; i < 4; i++) {
        CHECK(md_login(&c, "apiUser", "wrong", sid, &f) != 0 && f.code == 2);
        clock_now += 31;
    }
    CHECK_EQ_INT(md_login(&c, "apiUser", "apiKey", sid, &f), 0);
    md_throttle_reset(&c);
}

static void auth_login_faults(void)
{
    char sid[MD_SID_LEN + 1];
    struct md_fault f;
    CHECK(md_login(&ctx, "", "apiKey", sid, &f) != 0 && f.code == 6);
    CHECK(md_login(&ctx, "apiUser", "0", sid, &f) != 0 && f.code == 6);
    CHECK(md_login(&ctx, NULL, "x", sid, &f) != 0 && f.code == 6);
    CHECK(md_login(&ctx, "apiUser", "wrong", sid, &f) != 0 && f.code == 2);
    CHECK_EQ_STR(f.msg, "Access denied.");
    CHECK(md_login(&ctx, "nobody", "apiKey", sid, &f) != 0 && f.code == 2);
    sqlite3_exec(st->db, "UPDATE api_user SET is_active = 0", NULL, NULL, NULL);
    CHECK(md_login(&ctx, "apiUser", "apiKey", sid, &f) != 0 && f.code == 2);
    sqlite3_exec(st->db, "UPDATE api_user SET is_active = 1", NULL, NULL, NULL);
}

static void auth_login_ok(void)
{
    char sid[MD_SID_LEN + 1], sid2[MD_SID_LEN + 1];
    struct md_fault f;
    CHECK_EQ_INT(md_login(&ctx, "apiUser", "apiKey", sid, &f), 0);
    CHECK_EQ_INT(strlen(sid), 32);
    for (int i = 0; i < 32; i++)
        CHECK(isxdigit((unsigned char)sid[i]) && !isupper((unsigned char)sid[i]));
    CHECK_EQ_INT(md_login(&ctx, "apiuser", "apiKey", sid2, &f), 0); /* MySQL-like name match */
    CHECK(strcmp(sid, sid2) != 0);
    CHECK_EQ_INT(md_session_check(&ctx, sid, NULL, &f), 0);
    CHECK_EQ_INT(md_session_check(&ctx, sid2, NULL, &f), 0); /* several sessions per user */
}

static void auth_session_sliding_expiry(void)
{
    char sid[MD_SID_LEN + 1];
    struct md_fault f;
    int64_t uid = 0;
    CHECK_EQ_INT(md_login(&ctx, "apiUser", "apiKey", sid, &f), 0);
    clock_now += 3000;
    CHECK_EQ_INT(md_session_check(&ctx, sid, &uid, &f), 0); /* refreshes logdate */
    CHECK(uid > 0);
    clock_now += 3600; /* exactly at the timeout since the last call: still valid */
    CHECK_EQ_INT(md_authorize(&ctx, sid, MDM_INFO, &f), 0);
    clock_now += 3601; /* one second past */
    CHECK(md_session_check(&ctx, sid, NULL, &f) != 0);
    CHECK_EQ_INT(f.code, 5);
    CHECK_EQ_STR(f.msg, "Session expired. Try to relogin.");
    CHECK(md_authorize(&ctx, sid, MDM_INFO, &f) != 0 && f.code == 5);
    /* the owner's next login removes the expired row */
    char sid2[MD_SID_LEN + 1];
    CHECK_EQ_INT(md_login(&ctx, "apiUser", "apiKey", sid2, &f), 0);
    int64_t n = -1;
    CHECK(st_query_int(st, "SELECT count(*) FROM api_session WHERE sessid = ?", &n, "s", sid) ==
              1 && n == 0);
}

static void auth_unknown_and_ended_sessions(void)
{
    char sid[MD_SID_LEN + 1], fresh[MD_SID_LEN + 1];
    struct md_fault f;
    CHECK(md_session_check(&ctx, "deadbeefdeadbeefdeadbeefdeadbeef", NULL, &f) != 0);
    CHECK_EQ_INT(f.code, 5);
    CHECK(md_session_check(&ctx, "", NULL, &f) != 0 && f.code == 5);
    CHECK(md_session_check(&ctx, NULL, NULL, &f) != 0 && f.code == 5);
    md_start_session(&ctx, fresh);
    CHECK_EQ_INT(strlen(fresh), 32);
    CHECK(md_session_check(&ctx, fresh, NULL, &f) != 0 && f.code == 5); /* not stored */
    CHECK_EQ_INT(md_login(&ctx, "apiUser", "apiKey", sid, &f), 0);
    CHECK_EQ_INT(md_end_session(&ctx, sid), 0);
    CHECK(md_session_check(&ctx, sid, NULL, &f) != 0 && f.code == 5);
    CHECK_EQ_INT(md_end_session(&ctx, "nosuch"), 0); /* always true */
}

static void auth_session_cap_drops_oldest(void)
{
    char sids[5][MD_SID_LEN + 1];
    struct md_fault f;
    sqlite3_exec(st->db, "DELETE FROM api_session", NULL, NULL, NULL);
    cfg.max_sessions_per_user = 3;
    for (int i = 0; i < 5; i++) {
        clock_now += 10;
        CHECK_EQ_INT(md_login(&ctx, "apiUser", "apiKey", sids[i], &f), 0);
    }
    int64_t n = 0;
    CHECK(st_query_int(st, "SELECT count(*) FROM api_session", &n, NULL) == 1 && n == 3);
    CHECK(md_session_check(&ctx, sids[0], NULL, &f) != 0);
    CHECK(md_session_check(&ctx, sids[1], NULL, &f) != 0);
    CHECK_EQ_INT(md_session_check(&ctx, sids[4], NULL, &f), 0);
    /* a used session is not idle: it survives the next logins */
    clock_now += 10;
    CHECK_EQ_INT(md_session_check(&ctx, sids[2], NULL, &f), 0);
    char more[MD_SID_LEN + 1];
    clock_now += 10;
    CHECK_EQ_INT(md_login(&ctx, "apiUser", "apiKey", more, &f), 0);
    CHECK_EQ_INT(md_session_check(&ctx, sids[2], NULL, &f), 0);
    CHECK(md_session_check(&ctx, sids[3], NULL, &f) != 0);
    cfg.max_sessions_per_user = 100;
}

/* User A's logins past the per-user cap never end user B's session; the
 * global cap refuses a new session (fault 1) instead of evicting anyone. */
static void auth_session_caps_per_user_and_global(void)
{
    char b_sid[MD_SID_LEN + 1], sid[MD_SID_LEN + 1], err[256];
    struct md_fault f;
    sqlite3_exec(st->db, "DELETE FROM api_session", NULL, NULL, NULL);
    CHECK_EQ_INT(md_user_add(st, &cfg, "otherUser", "otherKey", NULL, err, sizeof err), 0);
    cfg.max_sessions = 50;
    cfg.max_sessions_per_user = 10;
    clock_now += 10;
    CHECK_EQ_INT(md_login(&ctx, "otherUser", "otherKey", b_sid, &f), 0);
    for (int i = 0; i < 51; i++) {
        clock_now += 1;
        CHECK_EQ_INT(md_login(&ctx, "apiUser", "apiKey", sid, &f), 0);
    }
    CHECK_EQ_INT(md_session_check(&ctx, b_sid, NULL, &f), 0);
    int64_t n = 0;
    CHECK(st_query_int(st, "SELECT count(*) FROM api_session", &n, NULL) == 1 && n == 11);
    /* the server full: a new session is refused, the held ones stay */
    cfg.max_sessions = 11;
    char refused[MD_SID_LEN + 1];
    clock_now += 1;
    CHECK_EQ_INT(md_login(&ctx, "otherUser", "otherKey", refused, &f), -1);
    CHECK_EQ_INT(f.code, 1);
    CHECK_EQ_STR(f.msg,
                 "Too many sessions: the server holds max_sessions sessions; try again later.");
    CHECK(st_query_int(st, "SELECT count(*) FROM api_session", &n, NULL) == 1 && n == 11);
    CHECK_EQ_INT(md_session_check(&ctx, b_sid, NULL, &f), 0);
    CHECK_EQ_INT(md_session_check(&ctx, sid, NULL, &f), 0);
    /* no clear session id in the database: only its SHA-256 hex */
    CHECK(st_query_int(st, "SELECT count(*) FROM api_session WHERE sessid = ?1 OR sessid = ?2",
                       &n, "ss", b_sid, sid) == 1 && n == 0);
    CHECK(st_query_int(st, "SELECT count(*) FROM api_session WHERE length(sessid) <> 64 "
                           "OR sessid GLOB '*[^0-9a-f]*'", &n, NULL) == 1 && n == 0);
    /* logout by the clear id ends it */
    CHECK_EQ_INT(md_end_session(&ctx, b_sid), 0);
    CHECK(md_session_check(&ctx, b_sid, NULL, &f) != 0);
    cfg.max_sessions = 100000;
    cfg.max_sessions_per_user = 100;
}

static void auth_user_replace_ends_sessions(void)
{
    char sid[MD_SID_LEN + 1], err[256];
    struct md_fault f;
    CHECK_EQ_INT(md_login(&ctx, "apiUser", "apiKey", sid, &f), 0);
    CHECK_EQ_INT(md_user_add(st, &cfg, "apiUser", "newKey", NULL, err, sizeof err), 0);
    CHECK(md_session_check(&ctx, sid, NULL, &f) != 0);
    CHECK(md_login(&ctx, "apiUser", "apiKey", sid, &f) != 0 && f.code == 2);
    CHECK_EQ_INT(md_login(&ctx, "apiUser", "newKey", sid, &f), 0);
}

int main(void)
{
    setup();
    T_RUN(auth_hash_verifies);
    T_RUN(auth_login_faults);
    T_RUN(auth_login_throttling);
    T_RUN(auth_login_ok);
    T_RUN(auth_session_sliding_expiry);
    T_RUN(auth_unknown_and_ended_sessions);
    T_RUN(auth_session_cap_drops_oldest);
    T_RUN(auth_session_caps_per_user_and_global);
    T_RUN(auth_user_replace_ends_sessions);
    arena_free(&arena);
    store_close(st);
    return t_done();
}
