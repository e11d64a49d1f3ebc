/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ACL: `all`, exact paths, ancestors, denials; roles and users through the
 * administration functions and md_authorize. */
#include <stdlib.h>
#include <string.h>

#include "domain/domain_int.h"
#include "store/sqlite/sqlite_int.h"
#include "t.h"

static struct store *st;
static struct arena arena;
static struct cfg cfg;
static struct md_ctx ctx;

static void setup(void)
{
    char err[512];
    cfg_defaults(&cfg);
    cfg.pbkdf2_iterations = 1000;
    if (store_open(":memory:", &cfg, &st, err, sizeof err) != 0)
        exit(2);
    arena_init(&arena, 0);
    ctx = (struct md_ctx){st, &cfg, &arena, NULL, NULL, 0, NULL, NULL, NULL};
}

static void acl_all_allows_everything(void)
{
    CHECK(md_acl_allows("all", "sales/order/invoice/info"));
    CHECK(md_acl_allows("all", "sales/order/invoice/void"));
    CHECK(md_acl_allows("sales/order/invoice/info, all", "sales/order/invoice/cancel"));
}

static void acl_exact_path(void)
{
    const char *r = "sales/order/invoice/info,sales/order/invoice/create";
    CHECK(md_acl_allows(r, "sales/order/invoice/info"));
    CHECK(md_acl_allows(r, "sales/order/invoice/create"));
    CHECK(!md_acl_allows(r, "sales/order/invoice/capture"));
    CHECK(md_acl_allows(" sales/order/invoice/void ", "sales/order/invoice/void"));
}

static void acl_ancestor_grants_children(void)
{
    CHECK(md_acl_allows("sales/order/invoice", "sales/order/invoice/capture"));
    CHECK(md_acl_allows("sales/order", "sales/order/invoice/void"));
    CHECK(md_acl_allows("sales", "sales/order/invoice/cancel"));
}

static void acl_denies(void)
{
    CHECK(!md_acl_allows("", "sales/order/invoice/info"));
    CHECK(!md_acl_allows(NULL, "sales/order/invoice/info"));
    CHECK(!md_acl_allows("sales/order/invoice/info", "sales/order/invoice"));  /* no upward */
    CHECK(!md_acl_allows("sales/order/inv", "sales/order/invoice/info"));      /* not a prefix */
    CHECK(!md_acl_allows("sales/order/invoice/infox", "sales/order/invoice/info"));
    CHECK(!md_acl_allows("alle", "sales/order/invoice/info"));
    CHECK(!md_acl_allows("catalog", "sales/order/invoice/info"));
}

static void acl_method_table(void)
{
    CHECK_EQ_STR(md_method_get(MDM_LIST)->acl, "sales/order/invoice/info");
    CHECK_EQ_STR(md_method_get(MDM_LIST)->php, "items");
    CHECK_EQ_STR(md_method_get(MDM_ADDCOMMENT)->acl, "sales/order/invoice/comment");
    CHECK_EQ_STR(md_method_get(MDM_ADDCOMMENT)->title, "Add new comment to shipment");
    CHECK_EQ_STR(md_method_get(MDM_VOID)->acl, "sales/order/invoice/void");
    CHECK(md_method_get(MDM_COUNT) == NULL);
}

static void acl_roles_and_authorize(void)
{
    char err[256], sid[MD_SID_LEN + 1];
    struct md_fault f;
    CHECK_EQ_INT(md_role_add(st, "viewer", "sales/order/invoice/info", err, sizeof err), 0);
    CHECK_EQ_INT(md_user_add(st, &cfg, "view", "viewkey", "viewer", err, sizeof err), 0);
    CHECK_EQ_INT(md_login(&ctx, "view", "viewkey", sid, &f), 0);
    CHECK_EQ_INT(md_authorize(&ctx, sid, MDM_LIST, &f), 0);
    CHECK_EQ_INT(md_authorize(&ctx, sid, MDM_INFO, &f), 0);
    CHECK(md_authorize(&ctx, sid, MDM_CREATE, &f) != 0);
    CHECK_EQ_INT(f.code, 2);
    CHECK_EQ_STR(f.msg, "Access denied.");
    CHECK(md_session_allows(&ctx, sid, "sales/order/invoice/info"));
    CHECK(!md_session_allows(&ctx, sid, "sales/order/invoice/capture"));
    /* replacing the role widens the grant at once */
    CHECK_EQ_INT(md_role_add(st, "viewer", "sales/order/invoice", err, sizeof err), 0);
    CHECK_EQ_INT(md_authorize(&ctx, sid, MDM_CAPTURE, &f), 0);
}

static void acl_admin_validation(void)
{
    char err[256];
    CHECK(md_role_add(st, "bad", "sales/order/invoice/infoo", err, sizeof err) != 0);
    CHECK(strstr(err, "sales/order/invoice/infoo") != NULL);
    CHECK(md_role_add(st, "empty", " , ", err, sizeof err) != 0);
    CHECK(md_role_add(st, "", "all", err, sizeof err) != 0);
    CHECK(md_user_add(st, &cfg, "u1", "k1", "nosuchrole", err, sizeof err) != 0);
    CHECK(strstr(err, "nosuchrole") != NULL);
    /* default role "all" is created when missing */
    CHECK_EQ_INT(md_user_add(st, &cfg, "u2", "k2", NULL, err, sizeof err), 0);
    int64_t n = 0;
    CHECK(st_query_int(st, "SELECT count(*) FROM api_role WHERE role_name = 'all' AND "
                           "resources = 'all'", &n, NULL) == 1 && n == 1);
    CHECK(md_user_add(st, &cfg, "u3", "", NULL, err, sizeof err) != 0);
}

int main(void)
{
    setup();
    T_RUN(acl_all_allows_everything);
    T_RUN(acl_exact_path);
    T_RUN(acl_ancestor_grants_children);
    T_RUN(acl_denies);
    T_RUN(acl_method_table);
    T_RUN(acl_roles_and_authorize);
    T_RUN(acl_admin_validation);
    arena_free(&arena);
    store_close(st);
    return t_done();
}
