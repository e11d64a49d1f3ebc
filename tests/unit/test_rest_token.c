/* SPDX-License-Identifier: GPL-2.0-or-later */
/* REST bearer tokens (src/domain/token.c) with an injected clock: issue,
 * hashing at rest, fixed expiry, purge and cap, ACL, inactive users and
 * replaced keys; then the REST handler end to end on an in-memory store
 * (token route, InvoiceOrder, expired token, statuses and bodies). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain/domain_int.h"
#include "store/sqlite/sqlite_int.h"
#include "http/http.h"
#include "rpc/rest_int.h"
#include "rpc/rpc.h"
#include "t.h"
#include "tools/tools.h"

static struct store *st;
static struct arena arena;
static struct cfg cfg;
static struct md_ctx ctx;
static int64_t clk; /* the injected clock */
static int64_t t0;  /* a second after the users were written */

static int64_t fake_now(void *arg)
{
    return *(int64_t *)arg;
}

static const char orders[] =
    "{\"orders\": ["
    "{\"increment_id\": \"500000001\", \"order_id\": 51, \"payment\": {\"method\": \"checkmo\"},"
    " \"customer_email\": \"a@example.com\","
    " \"billing_address\": {\"firstname\": \"A\", \"lastname\": \"B\"},"
    " \"shipping_address\": {\"firstname\": \"A\", \"lastname\": \"B\"},"
    " \"items\": [{\"item_id\": 511, \"sku\": \"S-1\", \"qty_ordered\": 2, \"price\": 10},"
    "             {\"item_id\": 512, \"sku\": \"S-2\", \"qty_ordered\": 1, \"price\": 5}]},"
    "{\"increment_id\": \"500000002\", \"order_id\": 52, \"payment\": {\"method\": "
    "\"authorizenet\"}, \"billing_address\": {\"firstname\": \"A\", \"lastname\": \"B\"},"
    " \"items\": [{\"item_id\": 521, \"sku\": \"S-3\", \"qty_ordered\": 1, \"price\": 10}]}"
    "]}";

static void setup(void)
{
    char err[512];
    cfg_defaults(&cfg);
    cfg.pbkdf2_iterations = 1000;
    cfg.token_lifetime = 3600;
    if (store_open(":memory:", &cfg, &st, err, sizeof err) != 0 ||
        md_import_json(st, orders, strlen(orders), 0, err, sizeof err) != 0 ||
        md_role_add(st, "readonly", "sales/order/invoice/info", err, sizeof err) != 0 ||
        md_role_add(st, "creator", "sales/order/invoice/create", err, sizeof err) != 0 ||
        md_user_add(st, &cfg, "restUser", "restKey", NULL, err, sizeof err) != 0 ||
        md_user_add(st, &cfg, "reader", "readKey", "readonly", err, sizeof err) != 0 ||
        md_user_add(st, &cfg, "creator", "createKey", "creator", err, sizeof err) != 0) {
        fprintf(stderr, "setup: %s\n", err);
        exit(2);
    }
    arena_init(&arena, 0);
    /* users carry modified = the real time; tokens must be issued after it */
    t0 = (int64_t)time(NULL) + 1;
    clk = t0;
    ctx = (struct md_ctx){st, &cfg, &arena, fake_now, &clk, 0, NULL, NULL, NULL};
}

static int64_t q(const char *sql)
{
    int64_t v = -1;
    st_query_int(st, sql, &v, "");
    return v;
}

static int64_t qs(const char *sql, const char *s)
{
    int64_t v = -1;
    st_query_int(st, sql, &v, "s", s);
    return v;
}

static int is_hex(const char *s, size_t n)
{
    if (strlen(s) != n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!strchr("0123456789abcdef", s[i]))
            return 0;
    return 1;
}

static void issue(void)
{
    struct md_fault f;
    char tok[MD_TOKEN_LEN + 1], tok2[MD_TOKEN_LEN + 1];
    clk = t0;
    CHECK_EQ_INT(md_token_issue(&ctx, "restUser", "restKey", tok, &f), 0);
    CHECK(is_hex(tok, 32));
    CHECK_EQ_INT(md_token_issue(&ctx, "RESTUSER", "restKey", tok2, &f), 0); /* NOCASE names */
    CHECK(strcmp(tok, tok2) != 0);
    /* only the SHA-256 is stored */
    CHECK_EQ_INT(qs("SELECT count(*) FROM rest_token WHERE token = ?", tok), 0);
    CHECK_EQ_INT(q("SELECT count(*) FROM rest_token WHERE length(token) = 64"), 2);
    char want[MD_TIME_LEN];
    md_fmt_time(t0 + 3600, want);
    CHECK_EQ_INT(qs("SELECT count(*) FROM rest_token WHERE expires_at = ?", want), 2);

    CHECK_EQ_INT(md_token_issue(&ctx, "restUser", "wrong", tok, &f), -1);
    CHECK_EQ_INT(f.code, 2);
    CHECK_EQ_INT(md_token_issue(&ctx, "nobody", "restKey", tok, &f), -1);
    CHECK_EQ_INT(f.code, 2);
    CHECK_EQ_INT(md_token_issue(&ctx, "restUser", "", tok, &f), -1);
    CHECK_EQ_INT(f.code, 6);
    CHECK_EQ_INT(md_token_issue(&ctx, "", "restKey", tok, &f), -1);
    CHECK_EQ_INT(f.code, 6);
    CHECK_EQ_INT(md_token_issue(&ctx, NULL, NULL, tok, &f), -1);
    CHECK_EQ_INT(f.code, 6);
}

static void expiry(void)
{
    struct md_fault f;
    char tok[MD_TOKEN_LEN + 1];
    int64_t uid = 0;
    clk = t0 + 10;
    CHECK_EQ_INT(md_token_issue(&ctx, "restUser", "restKey", tok, &f), 0);
    clk = t0 + 10 + 3599;
    CHECK_EQ_INT(md_token_check(&ctx, tok, &uid, &f), 0);
    clk = t0 + 10 + 3600; /* Magento: expired once created_at < now - lifetime */
    CHECK_EQ_INT(md_token_check(&ctx, tok, &uid, &f), 0);
    CHECK_EQ_INT(uid, qs("SELECT user_id FROM api_user WHERE username = ?", "restUser"));
    clk = t0 + 10 + 3600; /* checks do not extend the lifetime */
    CHECK_EQ_INT(md_token_check(&ctx, tok, NULL, &f), 0);
    clk = t0 + 10 + 3601;
    CHECK_EQ_INT(md_token_check(&ctx, tok, NULL, &f), -1);
    CHECK_EQ_INT(f.code, 5);
    CHECK_EQ_STR(f.msg, "Session expired. Try to relogin.");
    clk = t0 + 10 + 100000;
    CHECK_EQ_INT(md_token_check(&ctx, tok, NULL, &f), -1);
    CHECK_EQ_INT(f.code, 5);
    /* the next issue purges every expired token */
    int64_t before = q("SELECT count(*) FROM rest_token");
    CHECK(before >= 3);
    CHECK_EQ_INT(md_token_issue(&ctx, "restUser", "restKey", tok, &f), 0);
    CHECK_EQ_INT(q("SELECT count(*) FROM rest_token"), 1);

    /* token_lifetime = 1 */
    cfg.token_lifetime = 1;
    clk = t0 + 200000;
    CHECK_EQ_INT(md_token_issue(&ctx, "restUser", "restKey", tok, &f), 0);
    CHECK_EQ_INT(md_token_check(&ctx, tok, NULL, &f), 0);
    clk += 1;
    CHECK_EQ_INT(md_token_check(&ctx, tok, NULL, &f), 0);
    clk += 1;
    CHECK_EQ_INT(md_token_check(&ctx, tok, NULL, &f), -1);
    CHECK_EQ_INT(f.code, 5);
    cfg.token_lifetime = 3600;
}

static void bad_tokens(void)
{
    struct md_fault f;
    char longtok[300];
    memset(longtok, 'a', sizeof longtok - 1);
    longtok[sizeof longtok - 1] = '\0';
    CHECK_EQ_INT(md_token_check(&ctx, NULL, NULL, &f), -1);
    CHECK_EQ_INT(f.code, 5);
    CHECK_EQ_INT(md_token_check(&ctx, "", NULL, &f), -1);
    CHECK_EQ_INT(f.code, 5);
    CHECK_EQ_INT(md_token_check(&ctx, "0123456789abcdef0123456789abcdef", NULL, &f), -1);
    CHECK_EQ_INT(f.code, 5);
    CHECK_EQ_INT(md_token_check(&ctx, longtok, NULL, &f), -1);
    CHECK_EQ_INT(f.code, 5);
    /* a stored hash is not a token */
    char tok[MD_TOKEN_LEN + 1];
    clk = t0 + 300000;
    CHECK_EQ_INT(md_token_issue(&ctx, "restUser", "restKey", tok, &f), 0);
    sqlite3_stmt *s = store_prep(st, "SELECT token FROM rest_token LIMIT 1");
    char hash[80] = "";
    if (s && sqlite3_step(s) == SQLITE_ROW)
        snprintf(hash, sizeof hash, "%s", st_col_text(s, 0));
    store_done(s);
    CHECK_EQ_INT(md_token_check(&ctx, hash, NULL, &f), -1);
    CHECK_EQ_INT(f.code, 5);
}

static void acl_and_users(void)
{
    struct md_fault f;
    char tr[MD_TOKEN_LEN + 1], tc[MD_TOKEN_LEN + 1], tu[MD_TOKEN_LEN + 1];
    clk = t0 + 400000;
    CHECK_EQ_INT(md_token_issue(&ctx, "reader", "readKey", tr, &f), 0);
    CHECK_EQ_INT(md_token_issue(&ctx, "creator", "createKey", tc, &f), 0);
    CHECK_EQ_INT(md_token_issue(&ctx, "restUser", "restKey", tu, &f), 0);
    CHECK_EQ_INT(md_token_authorize(&ctx, tr, "sales/order/invoice/create", NULL, &f), -1);
    CHECK_EQ_INT(f.code, 2);
    CHECK_EQ_INT(md_token_authorize(&ctx, tr, "sales/order/invoice/info", NULL, &f), 0);
    CHECK_EQ_INT(md_token_authorize(&ctx, tc, "sales/order/invoice/create", NULL, &f), 0);
    CHECK_EQ_INT(md_token_authorize(&ctx, tu, "sales/order/invoice/create", NULL, &f), 0);
    CHECK_EQ_INT(md_token_authorize(&ctx, tu, NULL, NULL, &f), -1);

    /* an inactive user's tokens stop working, and it gets no new one */
    store_exec(st, "UPDATE api_user SET is_active = 0 WHERE username = 'creator'");
    CHECK_EQ_INT(md_token_check(&ctx, tc, NULL, &f), -1);
    CHECK_EQ_INT(f.code, 5);
    CHECK_EQ_INT(md_token_issue(&ctx, "creator", "createKey", tc, &f), -1);
    CHECK_EQ_INT(f.code, 2);
    store_exec(st, "UPDATE api_user SET is_active = 1 WHERE username = 'creator'");
    CHECK_EQ_INT(md_token_authorize(&ctx, tc, "sales/order/invoice/create", NULL, &f), 0);

    /* a user whose role went away */
    store_exec(st, "UPDATE api_user SET role_id = NULL WHERE username = 'reader'");
    CHECK_EQ_INT(md_token_check(&ctx, tr, NULL, &f), -1);
    CHECK_EQ_INT(f.code, 5);

    /* a key replaced after the token was issued (api_user.modified moves) */
    char later[MD_TIME_LEN], sql[160];
    md_fmt_time(clk + 5, later);
    snprintf(sql, sizeof sql, "UPDATE api_user SET modified = '%s' WHERE username = 'restUser'",
             later);
    store_exec(st, sql);
    clk += 10;
    CHECK_EQ_INT(md_token_check(&ctx, tu, NULL, &f), -1);
    CHECK_EQ_INT(f.code, 5);
    CHECK_EQ_INT(md_token_issue(&ctx, "restUser", "restKey", tu, &f), 0); /* a new one works */
    CHECK_EQ_INT(md_token_check(&ctx, tu, NULL, &f), 0);
}

static void cap(void)
{
    struct md_fault f;
    char tok[MD_TOKEN_LEN + 1], first[MD_TOKEN_LEN + 1];
    cfg.max_sessions_per_user = 3;
    clk = t0 + 500000;
    CHECK_EQ_INT(md_token_issue(&ctx, "restUser", "restKey", first, &f), 0);
    for (int i = 0; i < 4; i++) {
        clk++;
        CHECK_EQ_INT(md_token_issue(&ctx, "restUser", "restKey", tok, &f), 0);
    }
    CHECK_EQ_INT(q("SELECT count(*) FROM rest_token"), 3);
    CHECK_EQ_INT(md_token_check(&ctx, first, NULL, &f), -1); /* the oldest went */
    CHECK_EQ_INT(md_token_check(&ctx, tok, NULL, &f), 0);
    /* the global cap refuses a new token (fault 1) and ends none */
    cfg.max_sessions = 3;
    cfg.max_sessions_per_user = 100;
    clk++;
    CHECK_EQ_INT(md_token_issue(&ctx, "restUser", "restKey", first, &f), -1);
    CHECK_EQ_INT(f.code, 1);
    CHECK(strstr(f.msg, "Too many sessions") != NULL);
    CHECK_EQ_INT(q("SELECT count(*) FROM rest_token"), 3);
    CHECK_EQ_INT(md_token_check(&ctx, tok, NULL, &f), 0);
    cfg.max_sessions = 100000;
    cfg.max_sessions_per_user = 100;
}

/* ---- the handler ------------------------------------------------------------- */

static struct worker w;

struct answer {
    int status;
    char ctype[64];
    char body[2048];
    char headers[1024];
};

static struct answer call(const char *method, const char *rest, const char *auth, const char *ct,
                          const char *body)
{
    static char bodybuf[4096];
    struct http_req req;
    struct http_resp resp;
    struct answer a;
    memset(&req, 0, sizeof req);
    memset(&resp, 0, sizeof resp);
    snprintf(req.method, sizeof req.method, "%s", method);
    snprintf(bodybuf, sizeof bodybuf, "%s", body ? body : "");
    req.body = bodybuf;
    req.body_len = strlen(bodybuf);
    req.content_type = ct;
    req.authorization = auth;
    buf_reset(&w.out);
    resp.body = &w.out;
    rest_handle(&w, &req, &resp, rest);
    a.status = resp.status;
    snprintf(a.ctype, sizeof a.ctype, "%s", resp.content_type ? resp.content_type : "");
    snprintf(a.body, sizeof a.body, "%.*s", (int)w.out.n, w.out.p ? w.out.p : "");
    snprintf(a.headers, sizeof a.headers, "%s", resp.headers);
    arena_reset(&w.arena);
    return a;
}

#define JSON "application/json"
#define NOT_AUTH                                                                          \
    "{\"message\":\"The consumer isn't authorized to access %resources.\",\"parameters\":" \
    "{\"resources\":\"Magento_Sales::invoice\"}}"

static void handler(void)
{
    struct answer a;
    char tok[64], auth[96], rtok[64], rauth[96];
    memset(&w, 0, sizeof w);
    w.cfg = &cfg;
    w.st = st;
    arena_init(&w.arena, 0);
    w.ctx = (struct md_ctx){st, &cfg, &w.arena, fake_now, &clk, 0, NULL, NULL, NULL};
    buf_init(&w.out, 1 << 20);
    clk = t0 + 600000;
    store_exec(st, "UPDATE api_user SET role_id = (SELECT role_id FROM api_role WHERE "
                   "role_name = 'readonly') WHERE username = 'reader'");

    a = call("POST", "/integration/admin/token", NULL, JSON,
             "{\"username\":\"restUser\",\"password\":\"restKey\"}");
    CHECK_EQ_INT(a.status, 200);
    CHECK_EQ_STR(a.ctype, "application/json; charset=utf-8");
    CHECK(strlen(a.body) == 34 && a.body[0] == '"' && a.body[33] == '"');
    snprintf(tok, sizeof tok, "%.32s", a.body + 1);
    CHECK(is_hex(tok, 32));
    snprintf(auth, sizeof auth, "Bearer %s", tok);
    a = call("POST", "/integration/admin/token", NULL, JSON,
             "{\"username\":\"reader\",\"password\":\"readKey\"}");
    snprintf(rtok, sizeof rtok, "%.32s", a.body + 1);
    snprintf(rauth, sizeof rauth, "Bearer %s", rtok);

    a = call("POST", "/integration/admin/token", NULL, JSON,
             "{\"username\":\"restUser\",\"password\":\"nope\"}");
    CHECK_EQ_INT(a.status, 401);
    CHECK_EQ_STR(a.body, "{\"message\":\"The account sign-in was incorrect or your account is "
                         "disabled temporarily. Please wait and try again later.\"}");
    a = call("POST", "/integration/admin/token", NULL, JSON, "{\"username\":\"restUser\"}");
    CHECK_EQ_INT(a.status, 400);
    a = call("POST", "/integration/admin/token", NULL, "text/plain", "x");
    CHECK_EQ_INT(a.status, 415);

    /* no token, a bad one, a role without create */
    a = call("POST", "/order/51/invoice", NULL, JSON, "{}");
    CHECK_EQ_INT(a.status, 401);
    CHECK_EQ_STR(a.body, NOT_AUTH);
    a = call("POST", "/order/51/invoice", "Bearer 0123456789abcdef0123456789abcdef", JSON, "{}");
    CHECK_EQ_INT(a.status, 401);
    CHECK_EQ_STR(a.body, NOT_AUTH);
    a = call("POST", "/order/51/invoice", rauth, JSON, "{}");
    CHECK_EQ_INT(a.status, 401);
    CHECK_EQ_STR(a.body, NOT_AUTH);
    /* authorization comes before the body is looked at */
    a = call("POST", "/order/51/invoice", NULL, "text/plain", "x");
    CHECK_EQ_INT(a.status, 401);

    a = call("POST", "/order/9999/invoice", auth, JSON, "{}");
    CHECK_EQ_INT(a.status, 404);
    CHECK_EQ_STR(a.body, "{\"message\":\"The entity that was requested doesn't exist. Verify the "
                         "entity and try again.\"}");
    a = call("POST", "/order/-4/invoice", auth, JSON, "{}");
    CHECK_EQ_INT(a.status, 404);
    a = call("POST", "/order/0/invoice", auth, JSON, "{}");
    CHECK_EQ_INT(a.status, 400);
    CHECK_EQ_STR(a.body, "{\"message\":\"An ID is needed. Set the ID and try again.\"}");
    a = call("POST", "/order/x/invoice", auth, JSON, "{}");
    CHECK_EQ_INT(a.status, 400);
    a = call("POST", "/order/51/invoice", auth, JSON,
             "{\"items\":[{\"order_item_id\":511,\"qty\":3}]}");
    CHECK_EQ_INT(a.status, 400);
    CHECK_EQ_STR(a.body, "{\"message\":\"Invoice Document Validation Error(s):\\nThe quantity to "
                         "invoice must not be greater than the uninvoiced quantity for product "
                         "SKU \\\"S-1\\\".\"}");
    a = call("POST", "/order/51/invoice", auth, JSON, "{\"items\":[{\"order_item_id\":521,"
                                                      "\"qty\":1}]}");
    CHECK_EQ_INT(a.status, 400);
    CHECK_EQ_STR(a.body, "{\"message\":\"Invoice Document Validation Error(s):\\nThe invoice "
                         "contains one or more items that are not part of the original "
                         "order.\"}");
    a = call("POST", "/order/51/invoice", auth, JSON, "{\"items\":[{\"order_item_id\":511,"
                                                      "\"qty\":0}]}");
    CHECK_EQ_INT(a.status, 400);
    CHECK_EQ_STR(a.body, "{\"message\":\"Invoice Document Validation Error(s):\\nThe invoice "
                         "can't be created without products. Add products and try again.\"}");
    a = call("POST", "/order/51/invoice", auth, JSON, "{nope");
    CHECK_EQ_INT(a.status, 400);
    CHECK_EQ_STR(a.body, "{\"message\":\"Decoding error.\"}");
    CHECK_EQ_INT(q("SELECT count(*) FROM sales_flat_invoice"), 0);

    /* partial, with a notified comment */
    a = call("POST", "/order/51/invoice", auth, JSON,
             "{\"items\":[{\"order_item_id\":511,\"qty\":1}],\"notify\":true,"
             "\"appendComment\":true,\"comment\":{\"comment\":\"first part\","
             "\"is_visible_on_front\":1}}");
    CHECK_EQ_INT(a.status, 200);
    int64_t id1 = atoll(a.body);
    CHECK(id1 > 0);
    CHECK_EQ_INT(q("SELECT state FROM sales_flat_invoice ORDER BY entity_id DESC LIMIT 1"), 2);
    CHECK_EQ_INT(q("SELECT count(*) FROM sales_flat_invoice_comment WHERE comment = 'first part' "
                   "AND is_customer_notified = 1 AND is_visible_on_front = 1"), 1);
    CHECK_EQ_INT(q("SELECT count(*) FROM email_outbox WHERE body LIKE '%first part%'"), 1);
    /* the rest, empty body (all defaults), under the creator role */
    a = call("POST", "/integration/admin/token", NULL, JSON,
             "{\"username\":\"creator\",\"password\":\"createKey\"}");
    char cauth[96];
    snprintf(cauth, sizeof cauth, "Bearer %.32s", a.body + 1);
    a = call("POST", "/order/51/invoice/", cauth, NULL, NULL);
    CHECK_EQ_INT(a.status, 200);
    CHECK(atoll(a.body) == id1 + 1);
    a = call("POST", "/order/51/invoice", auth, JSON, "{}");
    CHECK_EQ_INT(a.status, 400);
    CHECK_EQ_STR(a.body, "{\"message\":\"Invoice Document Validation Error(s):\\nThe order does "
                         "not allow an invoice to be created.\\nThe invoice can't be created "
                         "without products. Add products and try again.\"}");

    /* gateway order, capture=true: online capture, paid */
    a = call("POST", "/order/52/invoice", auth, JSON, "{\"capture\":true}");
    CHECK_EQ_INT(a.status, 200);
    CHECK_EQ_INT(q("SELECT state = 2 AND transaction_id IS NOT NULL FROM sales_flat_invoice "
                   "WHERE order_id = 52"), 1);

    /* routes and methods */
    a = call("POST", "/order/51/invoices", auth, JSON, "{}");
    CHECK_EQ_INT(a.status, 404);
    CHECK_EQ_STR(a.body, "{\"message\":\"Request does not match any route.\"}");
    a = call("GET", "/order/51/invoice", auth, NULL, NULL);
    CHECK_EQ_INT(a.status, 405);
    CHECK(strstr(a.headers, "Allow: POST\r\n") != NULL);

    /* the token expires token_lifetime seconds after issue */
    clk += 3601;
    a = call("POST", "/order/52/invoice", auth, JSON, "{}");
    CHECK_EQ_INT(a.status, 401);
    CHECK_EQ_STR(a.body, NOT_AUTH);

    buf_free(&w.out);
    arena_free(&w.arena);
}

int main(void)
{
    setup();
    T_RUN(issue);
    T_RUN(expiry);
    T_RUN(bad_tokens);
    T_RUN(acl_and_users);
    T_RUN(cap);
    T_RUN(handler);
    arena_free(&arena);
    store_close(st);
    return t_done();
}
