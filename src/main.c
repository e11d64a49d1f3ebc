/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * magesoapd command line (spec/cli.md): serve, init, import, role add,
 * user add, demo.  Options may stand anywhere; a command-line option wins
 * over the config file.  Exit 0 ok, 1 user error, 2 usage error.
 */
#include "magesoapd/config.h"
#include "magesoapd/domain.h"
#include "magesoapd/log.h"
#include "magesoapd/store.h"

#include "app/journal_cli.h"
#include "app/inspect.h"
#include "app/notify.h"
#include "app/privs.h"
#include "http/admin.h"
#include "tools/bulk.h"
#include "http/http.h"
#include "proto/exchange.h"
#include "tools/tools.h"

#include <errno.h>
#include <libgen.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MD_VERSION "0.1.0"

static const char usage_text[] =
    "usage: magesoapd [options] COMMAND [args]\n"
    "\n"
    "commands:\n"
    "  serve [--listen HOST:PORT] [--demo]   run the daemon until SIGTERM/SIGINT (SIGHUP: reload)\n"
    "  init                                  create or migrate the database\n"
    "  import FILE [--replace]               load orders (see docs/order-import.md)\n"
    "  role add --name NAME --resources LIST create or replace an API role\n"
    "  user add --username NAME --api-key KEY [--role NAME]\n"
    "                                        create or replace an API user (--api-key - reads stdin)\n"
    "  demo [--reset]                        load the demo data (apiUser / apiKey) into a database\n"
    "                                        without orders; --reset replaces what is there\n"
    "  backup FILE                           online, consistent copy of the database into a new\n"
    "                                        FILE (the daemon may run)\n"
    "  reset [--demo | --fixture FILE]       one transaction: forget every order, invoice,\n"
    "                                        session and token (users and roles stay), then load\n"
    "                                        the demo data or FILE; a running daemon serves the\n"
    "                                        new state at once\n"
    "  journal [--follow] [--json] [--dialect D] [--method M] [--fault CODE|any]\n"
    "          [--admin HOST:PORT]           the running daemon's request journal, read over its\n"
    "                                        admin API (admin_listen, admin_token of -c FILE)\n"
    "  invoice list [--order N] [--state open|paid|canceled] [--limit N] [--json]\n"
    "  invoice show INCREMENT_ID [--json]    an invoice: items, comments, totals, audit\n"
    "  order list [--limit N] [--json], order show INCREMENT_ID [--json]\n"
    "  user list, role list, outbox list [--order N] [--limit N]   (each with --json)\n"
    "                                        look inside (amounts as decimals; docs/cli.md)\n"
    "  bulk-seed --orders N [--invoices-per-order K] [--items-per-order M]\n"
    "            [--open-orders N] [--days D]\n"
    "                                        add N invoiced orders (K invoices each) and N open\n"
    "                                        orders in one transaction (benchmarks, large stores)\n"
    "\n"
    "options (anywhere on the line):\n"
    "  --db FILE            database (default: config key db, else ./var/magesoapd.db)\n"
    "  -c, --config FILE    config file (key = value lines)\n"
    "  --check-config       print the effective configuration, check the database\n"
    "                       (read-only), the TLS files and user/group, and exit;\n"
    "                       1 on any problem\n"
    "  --help, --version\n";

struct opts {
    const char *db, *config, *listen, *name, *resources, *username, *api_key, *role;
    const char *orders, *invoices_per_order, *items_per_order, *open_orders, *days; /* bulk-seed */
    const char *fixture; /* reset */
    const char *dialect, *method, *fault, *admin; /* journal */
    const char *order, *state, *limit; /* invoice/order/outbox list */
    int demo, replace, check_config, reset, follow, json;
    const char *args[8];
    int nargs;
};

static int usage_error(const char *msg)
{
    fprintf(stderr, "magesoapd: %s\n\n%s", msg, usage_text);
    return 2;
}

/* Options with a value: "--x V" or "--x=V". */
static int take_value(int argc, char **argv, int *i, const char *name, const char **out)
{
    size_t n = strlen(name);

    if (strncmp(argv[*i], name, n) == 0 && argv[*i][n] == '=') {
        *out = argv[*i] + n + 1;
        return 1;
    }
    if (strcmp(argv[*i], name) == 0) {
        if (*i + 1 >= argc)
            return -1;
        *out = argv[++*i];
        return 1;
    }
    return 0;
}

static int parse_args(int argc, char **argv, struct opts *o)
{
    static const struct {
        const char *name;
        size_t off;
    } valued[] = {
        {"--db", offsetof(struct opts, db)},
        {"--config", offsetof(struct opts, config)},
        {"-c", offsetof(struct opts, config)},
        {"--listen", offsetof(struct opts, listen)},
        {"--name", offsetof(struct opts, name)},
        {"--resources", offsetof(struct opts, resources)},
        {"--username", offsetof(struct opts, username)},
        {"--api-key", offsetof(struct opts, api_key)},
        {"--role", offsetof(struct opts, role)},
        {"--orders", offsetof(struct opts, orders)},
        {"--invoices-per-order", offsetof(struct opts, invoices_per_order)},
        {"--items-per-order", offsetof(struct opts, items_per_order)},
        {"--open-orders", offsetof(struct opts, open_orders)},
        {"--days", offsetof(struct opts, days)},
        {"--fixture", offsetof(struct opts, fixture)},
        {"--dialect", offsetof(struct opts, dialect)},
        {"--method", offsetof(struct opts, method)},
        {"--fault", offsetof(struct opts, fault)},
        {"--admin", offsetof(struct opts, admin)},
        {"--order", offsetof(struct opts, order)},
        {"--state", offsetof(struct opts, state)},
        {"--limit", offsetof(struct opts, limit)},
    };

    memset(o, 0, sizeof *o);
    for (int i = 1; i < argc; i++) {
        int matched = 0;
        for (size_t k = 0; k < sizeof valued / sizeof valued[0] && !matched; k++) {
            int rc = take_value(argc, argv, &i, valued[k].name,
                                (const char **)((char *)o + valued[k].off));
            if (rc < 0) {
                fprintf(stderr, "magesoapd: %s needs a value\n", valued[k].name);
                return -1;
            }
            matched = rc;
        }
        if (matched)
            continue;
        if (!strcmp(argv[i], "--demo"))
            o->demo = 1;
        else if (!strcmp(argv[i], "--reset"))
            o->reset = 1;
        else if (!strcmp(argv[i], "--follow"))
            o->follow = 1;
        else if (!strcmp(argv[i], "--json"))
            o->json = 1;
        else if (!strcmp(argv[i], "--replace"))
            o->replace = 1;
        else if (!strcmp(argv[i], "--check-config"))
            o->check_config = 1;
        else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
            o->args[0] = "--help", o->nargs = o->nargs ? o->nargs : 1;
        else if (!strcmp(argv[i], "--version"))
            o->args[0] = "--version", o->nargs = o->nargs ? o->nargs : 1;
        else if (argv[i][0] == '-' && argv[i][1] && strcmp(argv[i], "-") != 0) {
            fprintf(stderr, "magesoapd: unknown option %s\n", argv[i]);
            return -1;
        } else if (o->nargs < (int)(sizeof o->args / sizeof o->args[0])) {
            o->args[o->nargs++] = argv[i];
        } else {
            fprintf(stderr, "magesoapd: too many arguments\n");
            return -1;
        }
    }
    return 0;
}

/* Create the directory that will hold the database file, if missing. */
static void ensure_db_dir(const char *db)
{
    char tmp[1024];

    if (!strcmp(db, ":memory:") || store_is_pg(db)) /* a PostgreSQL database: no folder */
        return;
    snprintf(tmp, sizeof tmp, "%s", db);
    char *dir = dirname(tmp);
    if (strcmp(dir, ".") != 0)
        mkdir(dir, 0755);
}

static int open_store(const struct cfg *cfg, struct store **st)
{
    char err[512];

    ensure_db_dir(cfg->db);
    if (store_open(cfg->db, cfg, st, err, sizeof err)) {
        char why[512];
        fprintf(stderr, "magesoapd: %s\n", err);
        /* SQLite's "unable to open database file": say why when we can */
        if (store_check(cfg->db, why, sizeof why) != 0 && strcmp(why, err) != 0)
            fprintf(stderr, "magesoapd: %s\n", why);
        return 1;
    }
    return 0;
}

static int read_key_stdin(char *buf, size_t len)
{
    if (!fgets(buf, (int)len, stdin))
        return -1;
    buf[strcspn(buf, "\r\n")] = '\0';
    return 0;
}

/* ---- SIGHUP: reload ------------------------------------------------------------
 * Runs on the server's main thread.  The config file is read again into a
 * fresh struct (command-line --db / --listen still win); on any error the
 * running configuration stays whole.  Keys a running daemon cannot change
 * keep their running value and are logged "needs restart"; the rest is
 * published as a new snapshot that every request from then on reads. */

static const struct opts *g_opts;

static int load_cfg(struct cfg *cfg, const struct opts *o, char *err, size_t errlen)
{
    char msg[512];

    cfg_defaults(cfg);
    if (o->config && cfg_load_file(cfg, o->config, err, errlen))
        return -1;
    if (o->db && cfg_set(cfg, "db", o->db, msg, sizeof msg)) {
        snprintf(err, errlen, "--db: %s", msg);
        return -1;
    }
    if (o->listen && cfg_set(cfg, "listen", o->listen, msg, sizeof msg)) {
        snprintf(err, errlen, "--listen: %s", msg);
        return -1;
    }
    if (o->admin && cfg_set(cfg, "admin_listen", o->admin, msg, sizeof msg)) {
        snprintf(err, errlen, "--admin: %s", msg);
        return -1;
    }
    return cfg_finish(cfg, err, errlen);
}

static void log_restart_key(void *arg, const char *key)
{
    (void)arg;
    log_msg(LOG_WARN, "reload: %s changed: needs restart; the running value stays", key);
}

static void on_reload(void)
{
    const struct cfg *run = cfg_live();
    struct cfg next;
    char err[1024];

    if (load_cfg(&next, g_opts, err, sizeof err)) {
        log_msg(LOG_ERR, "reload: %s; the running configuration stays", err);
        return;
    }
    cfg_keep_restart_keys(run, &next, log_restart_key, NULL);
    if (*run->log_file || *next.log_file) {
        if (log_open(next.log_file) != 0) {
            log_msg(LOG_ERR, "reload: log_file %s: %s; the running configuration stays", next.log_file,
                    strerror(errno));
            return;
        }
    }
    if (http_access_log_reopen(err, sizeof err))
        log_msg(LOG_ERR, "reload: %s; lines go on to the old file", err);
    if (*next.tls_cert && http_tls_reload(&next, err, sizeof err)) {
        log_msg(LOG_ERR, "reload: %s; the running configuration stays", err);
        return;
    }
    if (!cfg_live_publish(&next)) {
        log_msg(LOG_ERR, "reload: out of memory; the running configuration stays");
        return;
    }
    log_set_level(next.log_level);
    log_msg(LOG_INFO, "reload: configuration %s applied", g_opts->config ? g_opts->config : "(none)");
}

/* POST /reset on the admin API: what `magesoapd reset [--demo]` does. */
static int admin_reset(struct store *st, const struct cfg *cfg, const char *fixture, char *err,
                       size_t errlen)
{
    return md_reset(st, cfg, fixture && !strcmp(fixture, "demo"), NULL, err, errlen);
}

static int cmd_serve(struct cfg *cfg, const struct opts *o)
{
    struct store *st;
    char err[512];

    if (!strcmp(cfg->db, ":memory:")) {
        fprintf(stderr, "magesoapd: serve: db = :memory: would give every worker its own empty "
                        "database; use a file (for a throwaway one, e.g. /dev/shm/magesoapd.db, "
                        "and `magesoapd reset` between test runs)\n");
        return 1;
    }
    signal(SIGHUP, SIG_IGN); /* until the server installs its reload handler */
    /* bind (and read the TLS files) as root, then drop root, then touch
     * the database and the log file as the user they will be used as */
    if (http_bind(cfg))
        return 1;
    if ((*cfg->user || *cfg->group) && app_drop_privileges(cfg->user, cfg->group, err, sizeof err)) {
        fprintf(stderr, "magesoapd: serve: %s\n", err);
        return 1;
    }
    if (*cfg->log_file && log_open(cfg->log_file) != 0) {
        fprintf(stderr, "magesoapd: serve: log_file %s: %s\n", cfg->log_file, strerror(errno));
        return 1;
    }
    if (open_store(cfg, &st))
        return 1;
    if (o->demo && md_store_is_empty(st)) {
        if (md_demo_load(st, cfg, err, sizeof err)) {
            fprintf(stderr, "magesoapd: demo: %s\n", err);
            store_close(st);
            return 1;
        }
    }
    int64_t users = 0;
    store_count_users(st, NULL, &users);
    fprintf(stderr, "magesoapd %s: database %s (schema %d), profile %s, %lld API user%s\n",
            MD_VERSION, cfg->db, store_schema_version(st),
            cfg->profile == PROFILE_OPENMAGE ? "openmage" : "magento1", (long long)users,
            users == 1 ? "" : "s");
    if (users == 0)
        fprintf(stderr, "magesoapd: warning: no API user: every login will fail; add one with "
                        "`magesoapd user add` (and `role add`) or load `magesoapd demo`\n");
    store_close(st);
    log_set_level(cfg->log_level);
    wsdl_set_start_time(time(NULL));
    g_opts = o;
    http_set_reload_hook(on_reload);
    /* the access log and journal, and the admin listener when configured */
    if (admin_start(cfg, admin_reset)) {
        admin_stop();
        return 1;
    }
    /* systemd hears READY=1 once the socket is bound */
    int rc = http_serve(cfg, app_notify_ready);
    app_notify_stopping();
    admin_stop();
    return rc;
}

static int cmd_admin(struct cfg *cfg, const struct opts *o)
{
    const char *cmd = o->args[0];
    struct store *st;
    char err[1024], key[1024];
    int rc = 0;

    if (!strcmp(cmd, "import") && o->nargs != 2)
        return usage_error("import needs exactly one FILE");
    if (!strcmp(cmd, "backup") && o->nargs != 2)
        return usage_error("backup needs exactly one FILE");
    if (!strcmp(cmd, "role") && (o->nargs != 2 || strcmp(o->args[1], "add") != 0 || !o->name ||
                                 !o->resources))
        return usage_error("role add --name NAME --resources LIST");
    if (!strcmp(cmd, "user") && (o->nargs != 2 || strcmp(o->args[1], "add") != 0 ||
                                 !o->username || !o->api_key))
        return usage_error("user add --username NAME --api-key KEY [--role NAME]");
    if ((!strcmp(cmd, "init") || !strcmp(cmd, "demo") || !strcmp(cmd, "reset")) && o->nargs != 1)
        return usage_error("unexpected argument");
    if (!strcmp(cmd, "reset") && o->demo && o->fixture)
        return usage_error("reset takes --demo or --fixture FILE, not both");
    if (open_store(cfg, &st))
        return 1;
    if (!strcmp(cmd, "init")) {
        printf("database %s at schema version %d\n", cfg->db, store_schema_version(st));
    } else if (!strcmp(cmd, "import")) {
        rc = md_import_file(st, o->args[1], o->replace, err, sizeof err);
    } else if (!strcmp(cmd, "role")) {
        rc = md_role_add(st, o->name, o->resources, err, sizeof err);
    } else if (!strcmp(cmd, "user")) {
        const char *k = o->api_key;
        if (!strcmp(k, "-")) {
            if (read_key_stdin(key, sizeof key)) {
                snprintf(err, sizeof err, "no API key on standard input");
                rc = -1;
            }
            k = key;
        }
        if (!rc)
            rc = md_user_add(st, cfg, o->username, k, o->role, err, sizeof err);
    } else if (!strcmp(cmd, "demo")) {
        rc = o->reset ? md_reset(st, cfg, 1, NULL, err, sizeof err)
                      : md_demo_load(st, cfg, err, sizeof err);
    } else if (!strcmp(cmd, "backup")) {
        if (access(o->args[1], F_OK) == 0) {
            snprintf(err, sizeof err, "%s exists already; a backup goes into a new file",
                     o->args[1]);
            rc = -1;
        } else if (store_backup(st, o->args[1]) != 0) {
            snprintf(err, sizeof err, "%s", store_errmsg(st));
            rc = -1;
        } else {
            printf("backup: %s\n", o->args[1]);
        }
    } else if (!strcmp(cmd, "reset")) {
        rc = md_reset(st, cfg, o->demo, o->fixture, err, sizeof err);
        if (!rc)
            printf("reset: %s\n", o->demo ? "demo data loaded" : o->fixture ? o->fixture : "empty");
    }
    store_close(st);
    if (rc) {
        fprintf(stderr, "magesoapd: %s: %s\n", cmd, err);
        return 1;
    }
    return 0;
}

/* A whole number option; 0 ok (or absent), -1 bad. */
static int num_opt(const char *name, const char *text, int64_t *out)
{
    char *end;
    if (!text)
        return 0;
    errno = 0;
    long long v = strtoll(text, &end, 10);
    if (errno || end == text || *end || v < 0) {
        fprintf(stderr, "magesoapd: %s: expected a whole number, got \"%s\"\n", name, text);
        return -1;
    }
    *out = v;
    return 0;
}

static int cmd_bulk_seed(struct cfg *cfg, const struct opts *o)
{
    struct md_bulk_opts bo;
    struct md_bulk_result res;
    struct store *st;
    char err[1024];
    int64_t k, m;

    if (o->nargs != 1)
        return usage_error("bulk-seed takes no arguments");
    md_bulk_defaults(&bo);
    k = bo.invoices_per_order;
    m = bo.items_per_order;
    if (num_opt("--orders", o->orders, &bo.orders) || num_opt("--open-orders", o->open_orders,
                                                                &bo.open_orders) ||
        num_opt("--invoices-per-order", o->invoices_per_order, &k) ||
        num_opt("--items-per-order", o->items_per_order, &m) || num_opt("--days", o->days, &bo.days))
        return usage_error("bad bulk-seed option");
    bo.invoices_per_order = k > 1000 ? 1000 : (int)k;
    bo.items_per_order = m > 1000 ? 1000 : (int)m;
    if (open_store(cfg, &st))
        return 1;
    int rc = md_bulk_seed(st, cfg, &bo, &res, err, sizeof err);
    store_close(st);
    if (rc) {
        fprintf(stderr, "magesoapd: bulk-seed: %s\n", err);
        return 1;
    }
    md_bulk_print(&bo, &res, stdout);
    return 0;
}

static int cmd_inspect(struct cfg *cfg, const struct opts *o)
{
    struct app_inspect_opts io = {.order = o->order, .state = o->state, .json = o->json};
    struct store *st;

    if (o->nargs > 3 || num_opt("--limit", o->limit, &io.limit))
        return usage_error("bad arguments");
    if (open_store(cfg, &st))
        return 1;
    int rc = app_inspect(st, o->args[0], o->args[1], o->nargs > 2 ? o->args[2] : NULL, &io);
    store_close(st);
    return rc;
}

int main(int argc, char **argv)
{
    struct opts o;
    struct cfg cfg;
    char err[1024];

    if (parse_args(argc, argv, &o))
        return usage_error("bad command line");
    if (o.nargs && !strcmp(o.args[0], "--help")) {
        fputs(usage_text, stdout);
        return 0;
    }
    if (o.nargs && !strcmp(o.args[0], "--version")) {
        printf("magesoapd %s\n", MD_VERSION);
        return 0;
    }
    if (load_cfg(&cfg, &o, err, sizeof err)) {
        fprintf(stderr, "magesoapd: %s\n", err);
        return 1;
    }
    if (o.check_config) {
        cfg_print(&cfg, stdout);
        if (http_tls_check(&cfg, err, sizeof err) || app_check_identity(cfg.user, cfg.group, err, sizeof err)) {
            fprintf(stderr, "magesoapd: check: %s\n", err);
            return 1;
        }
        /* the database is opened (read-only), never changed */
        if (store_check(cfg.db, err, sizeof err) != 0) {
            fprintf(stderr, "magesoapd: check: %s\n", err);
            return 1;
        }
        return 0;
    }
    if (!o.nargs)
        return usage_error("no command given");
    const char *cmd = o.args[0];
    if (o.nargs >= 2 && app_inspect_is(cmd, o.args[1]))
        return cmd_inspect(&cfg, &o);
    if (!strcmp(cmd, "serve")) {
        if (o.nargs != 1)
            return usage_error("serve takes no arguments");
        return cmd_serve(&cfg, &o);
    }
    if (!strcmp(cmd, "init") || !strcmp(cmd, "import") || !strcmp(cmd, "role") ||
        !strcmp(cmd, "user") || !strcmp(cmd, "demo") || !strcmp(cmd, "reset") ||
        !strcmp(cmd, "backup"))
        return cmd_admin(&cfg, &o);
    if (!strcmp(cmd, "bulk-seed"))
        return cmd_bulk_seed(&cfg, &o);
    if (!strcmp(cmd, "journal")) {
        if (o.nargs != 1)
            return usage_error("journal takes no arguments");
        return app_journal(&cfg, o.follow, o.json, o.dialect, o.method, o.fault);
    }
    return usage_error("unknown command");
}
