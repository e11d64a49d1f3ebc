/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Config keys: defaults, bounds, errors naming FILE:LINE, and agreement of
 * conf/magesoapd.conf.example with the key table. */
#include "magesoapd/config.h"

#include "t.h"

#include <stdlib.h>
#include <unistd.h>

static const char *write_tmp(const char *text)
{
    static char path[64];
    snprintf(path, sizeof path, "/tmp/md-cfg-%d.conf", (int)getpid());
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
    return path;
}

static void config_defaults_are_the_documented_ones(void)
{
    struct cfg c;
    cfg_defaults(&c);
    CHECK_EQ_STR(c.listen, "127.0.0.1:8080");
    CHECK_EQ_STR(c.db, "./var/magesoapd.db");
    CHECK_EQ_INT(c.session_timeout, 3600);
    CHECK_EQ_INT(c.wsi_compliance, 0);
    CHECK_EQ_INT(c.profile, PROFILE_MAGENTO1);
    CHECK_EQ_STR(c.public_url, "");
}

static void config_bounds_are_enforced(void)
{
    struct cfg c;
    char err[256];
    cfg_defaults(&c);
    CHECK_EQ_INT(cfg_set(&c, "session_timeout", "0", err, sizeof err), -1);
    CHECK(strstr(err, "session_timeout") != NULL);
    /* listen: HOST:PORT, port 0..65535 */
    CHECK_EQ_INT(cfg_set(&c, "listen", "nonsense", err, sizeof err), -1);
    CHECK(strstr(err, "listen must be HOST:PORT") != NULL);
    CHECK_EQ_INT(cfg_set(&c, "listen", "127.0.0.1:99999", err, sizeof err), -1);
    CHECK_EQ_INT(cfg_set(&c, "listen", "127.0.0.1:", err, sizeof err), -1);
    CHECK_EQ_INT(cfg_set(&c, "listen", ":8080", err, sizeof err), -1);
    CHECK_EQ_INT(cfg_set(&c, "listen", "::1:8080", err, sizeof err), -1);
    CHECK_EQ_INT(cfg_set(&c, "listen", "127.0.0.1:0", err, sizeof err), 0);
    CHECK_EQ_INT(cfg_set(&c, "listen", "localhost:65535", err, sizeof err), 0);
    CHECK_EQ_INT(cfg_set(&c, "listen", "[::1]:8080", err, sizeof err), 0);
    CHECK_EQ_INT(cfg_set(&c, "session_timeout", "1", err, sizeof err), 0);
    CHECK_EQ_INT(cfg_set(&c, "workers", "1025", err, sizeof err), -1);
    CHECK_EQ_INT(cfg_set(&c, "workers", "12x", err, sizeof err), -1);
    CHECK_EQ_INT(cfg_set(&c, "wsi_compliance", "on", err, sizeof err), 0);
    CHECK_EQ_INT(c.wsi_compliance, 1);
    CHECK_EQ_INT(cfg_set(&c, "wsi_compliance", "maybe", err, sizeof err), -1);
    CHECK_EQ_INT(cfg_set(&c, "profile", "openmage", err, sizeof err), 0);
    CHECK_EQ_INT(c.profile, PROFILE_OPENMAGE);
    CHECK_EQ_INT(cfg_set(&c, "profile", "maho", err, sizeof err), -1);
    CHECK_EQ_INT(cfg_set(&c, "nosuchkey", "1", err, sizeof err), -1);
    CHECK(strstr(err, "nosuchkey") != NULL);
}

static void config_file_errors_name_file_and_line(void)
{
    struct cfg c;
    char err[512];
    cfg_defaults(&c);
    const char *p = write_tmp("# comment\n\nlisten = 127.0.0.1:9\n  session_timeout=60 # trailing\nbogus = 1\n");
    CHECK_EQ_INT(cfg_load_file(&c, p, err, sizeof err), -1);
    CHECK(strstr(err, p) != NULL);
    CHECK(strstr(err, ":5:") != NULL);
    CHECK_EQ_STR(c.listen, "127.0.0.1:9");
    CHECK_EQ_INT(c.session_timeout, 60);
    p = write_tmp("listen\n");
    CHECK_EQ_INT(cfg_load_file(&c, p, err, sizeof err), -1);
    CHECK(strstr(err, ":1:") != NULL);
    unlink(p);
}

/* Every key of the example file parses and equals the default, and every
 * key the daemon knows is in the example. */
static void config_example_matches_the_key_table(void)
{
    struct cfg def, ex;
    char err[512], path[1024], line[1024];
    cfg_defaults(&def);
    cfg_defaults(&ex);
    snprintf(path, sizeof path, "%s/conf/magesoapd.conf.example", MD_SOURCE_DIR);
    CHECK_EQ_INT(cfg_load_file(&ex, path, err, sizeof err), 0);
    CHECK(memcmp(&def, &ex, sizeof def) == 0);
    /* keys printed by cfg_print == keys present in the example */
    FILE *out = tmpfile();
    cfg_print(&def, out);
    rewind(out);
    FILE *exf = fopen(path, "r");
    char *example = calloc(1, 65536);
    size_t n = fread(example, 1, 65535, exf);
    example[n] = '\0';
    fclose(exf);
    while (fgets(line, sizeof line, out)) {
        char key[128], needle[160];
        if (sscanf(line, "%127s =", key) != 1)
            continue;
        snprintf(needle, sizeof needle, "\n%s =", key);
        if (!strstr(example, needle)) {
            fprintf(stderr, "key %s missing from the example\n", key);
            CHECK(0);
        }
    }
    fclose(out);
    free(example);
}

static void config_trusted_hosts(void)
{
    struct cfg c;
    char err[256];
    cfg_defaults(&c);
    CHECK_EQ_INT(cfg_host_trusted(&c, "127.0.0.1:8080"), 1);
    CHECK_EQ_INT(cfg_host_trusted(&c, "LOCALHOST"), 1);
    CHECK_EQ_INT(cfg_host_trusted(&c, "[::1]:8443"), 1);
    CHECK_EQ_INT(cfg_host_trusted(&c, "evil.example"), 0);
    CHECK_EQ_INT(cfg_host_trusted(&c, "localhost.evil.example"), 0);
    CHECK_EQ_INT(cfg_host_trusted(&c, "localhost:80:1"), 0);
    CHECK_EQ_INT(cfg_host_trusted(&c, "localhost:x"), 0);
    CHECK_EQ_INT(cfg_set(&c, "trusted_hosts", "shop.example.com, api.example.net:8443", err, sizeof err), 0);
    CHECK_EQ_INT(cfg_host_trusted(&c, "shop.example.com:81"), 1);
    CHECK_EQ_INT(cfg_host_trusted(&c, "api.example.net:8443"), 1);
    CHECK_EQ_INT(cfg_host_trusted(&c, "api.example.net:8444"), 0);
    CHECK_EQ_INT(cfg_host_trusted(&c, "api.example.net"), 0);
    CHECK_EQ_INT(cfg_host_trusted(&c, "127.0.0.1"), 0);
}

static int n_logged;
static void count_key(void *arg, const char *key)
{
    (void)arg;
    (void)key;
    n_logged++;
}

static void config_restart_keys_keep_running_values(void)
{
    struct cfg run, next;
    char err[256];
    cfg_defaults(&run);
    cfg_defaults(&next);
    CHECK_EQ_INT(cfg_set(&next, "workers", "7", err, sizeof err), 0);
    CHECK_EQ_INT(cfg_set(&next, "db", "/x.db", err, sizeof err), 0);
    CHECK_EQ_INT(cfg_set(&next, "max_jsonrpc_batch", "3", err, sizeof err), 0);
    CHECK_EQ_INT(cfg_set(&next, "tls_cert", "/c.pem", err, sizeof err), 0);
    n_logged = 0;
    CHECK_EQ_INT(cfg_keep_restart_keys(&run, &next, count_key, NULL), 3);
    CHECK_EQ_INT(n_logged, 3);
    CHECK_EQ_INT(next.workers, run.workers);
    CHECK_EQ_STR(next.db, run.db);
    CHECK_EQ_STR(next.tls_cert, "");
    CHECK_EQ_INT(next.max_jsonrpc_batch, 3); /* live */
    /* the snapshot: a copy, current until the next publish */
    const struct cfg *a = cfg_live_publish(&run), *b = cfg_live_publish(&next);
    CHECK(a != NULL && b != NULL && a != b);
    CHECK(cfg_live() == b);
    CHECK_EQ_INT(a->max_jsonrpc_batch, run.max_jsonrpc_batch);
    cfg_live_free_all();
    CHECK(cfg_live() == NULL);
}

int main(void)
{
    T_RUN(config_defaults_are_the_documented_ones);
    T_RUN(config_bounds_are_enforced);
    T_RUN(config_file_errors_name_file_and_line);
    T_RUN(config_example_matches_the_key_table);
    T_RUN(config_trusted_hosts);
    T_RUN(config_restart_keys_keep_running_values);
    return t_done();
}
