/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The journal command: GET /requests on the admin listener (libcurl), one
 * line per request (or the JSON objects, one a line, with --json);
 * --follow polls for newer entries once a second until interrupted.
 */
#include "app/journal_cli.h"

#include <curl/curl.h>
#include <jansson.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct mem {
    char *p;
    size_t n;
};

static size_t on_data(char *ptr, size_t size, size_t nmemb, void *arg)
{
    struct mem *m = arg;
    size_t add = size * nmemb;
    char *p = realloc(m->p, m->n + add + 1);

    if (!p)
        return 0;
    memcpy(p + m->n, ptr, add);
    m->p = p;
    m->n += add;
    m->p[m->n] = '\0';
    return add;
}

/* http://HOST:PORT of admin_listen, a wildcard address replaced by loopback. */
static void base_url(const char *listen, char *out, size_t len)
{
    const char *colon = strrchr(listen, ':');
    size_t hl = colon ? (size_t)(colon - listen) : 0;

    if ((hl == 7 && !strncmp(listen, "0.0.0.0", 7)) || hl == 0)
        snprintf(out, len, "http://127.0.0.1%s", colon ? colon : "");
    else if (hl == 4 && !strncmp(listen, "[::]", 4))
        snprintf(out, len, "http://[::1]%s", colon);
    else
        snprintf(out, len, "http://%s", listen);
}

static void add_arg(CURL *c, char *url, size_t len, const char *name, const char *v)
{
    if (!v || !*v)
        return;
    char *e = curl_easy_escape(c, v, 0);
    size_t n = strlen(url);
    snprintf(url + n, len - n, "&%s=%s", name, e ? e : "");
    curl_free(e);
}

static void print_entry(json_t *e, int as_json)
{
    if (as_json) {
        char *s = json_dumps(e, JSON_COMPACT);
        if (s)
            puts(s);
        free(s);
        return;
    }
    double t = json_real_value(json_object_get(e, "time"));
    time_t secs = (time_t)t;
    struct tm tm;
    char ts[32];
    gmtime_r(&secs, &tm);
    strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%S", &tm);
    json_t *fault = json_object_get(e, "fault");
    char outcome[32];
    if (json_is_integer(fault))
        snprintf(outcome, sizeof outcome, "fault:%lld", (long long)json_integer_value(fault));
    else
        snprintf(outcome, sizeof outcome, "%s", json_string_value(json_object_get(e, "outcome")));
    const char *m = json_string_value(json_object_get(e, "method"));
    const char *u = json_string_value(json_object_get(e, "user"));
    printf("%lld %s.%03dZ %s %s %s %s user=%s %s status=%lld us=%lld%s\n",
           (long long)json_integer_value(json_object_get(e, "id")), ts, (int)((t - (double)secs) * 1000),
           json_string_value(json_object_get(e, "peer")), json_string_value(json_object_get(e, "dialect")),
           json_string_value(json_object_get(e, "path")), m && *m ? m : "-", u && *u ? u : "-", outcome,
           (long long)json_integer_value(json_object_get(e, "status")),
           (long long)json_integer_value(json_object_get(e, "us")),
           json_is_true(json_object_get(e, "write")) ? " write" : "");
}

static volatile sig_atomic_t g_stop;

static void on_int(int sig)
{
    (void)sig;
    g_stop = 1;
}

/* One poll: prints entries after *last, advances it.  0 or -1. */
static int poll_once(CURL *c, const char *base, const struct curl_slist *hdrs, uint64_t *last, int as_json,
                     const char *dialect, const char *method, const char *fault)
{
    char url[2048];
    struct mem m = {NULL, 0};
    long code = 0;
    json_error_t jerr;

    snprintf(url, sizeof url, "%s/requests?after=%llu", base, (unsigned long long)*last);
    add_arg(c, url, sizeof url, "dialect", dialect);
    add_arg(c, url, sizeof url, "method", method);
    add_arg(c, url, sizeof url, "fault", fault);
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &m);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 10L);
    CURLcode rc = curl_easy_perform(c);
    if (rc != CURLE_OK) {
        fprintf(stderr, "magesoapd: journal: %s: %s\n", base, curl_easy_strerror(rc));
        free(m.p);
        return -1;
    }
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
    json_t *j = m.p ? json_loads(m.p, 0, &jerr) : NULL;
    free(m.p);
    if (code != 200 || !j) {
        fprintf(stderr, "magesoapd: journal: admin API answered HTTP %ld%s\n", code,
                code == 401 ? " (admin_token refused)" : "");
        json_decref(j);
        return -1;
    }
    size_t i;
    json_t *e;
    json_array_foreach(json_object_get(j, "requests"), i, e)
    {
        print_entry(e, as_json);
        json_int_t id = json_integer_value(json_object_get(e, "id"));
        if ((uint64_t)id > *last)
            *last = (uint64_t)id;
    }
    json_decref(j);
    fflush(stdout);
    return 0;
}

int app_journal(const struct cfg *cfg, int follow, int json, const char *dialect, const char *method,
                const char *fault)
{
    char base[512], auth[400];
    uint64_t last = 0;
    int rc;

    if (!cfg->admin_listen[0]) {
        fprintf(stderr, "magesoapd: journal: admin_listen is not set (give the daemon's config with -c)\n");
        return 1;
    }
    base_url(cfg->admin_listen, base, sizeof base);
    snprintf(auth, sizeof auth, "Authorization: Bearer %s", cfg->admin_token);
    if (curl_global_init(CURL_GLOBAL_DEFAULT))
        return 1;
    CURL *c = curl_easy_init();
    struct curl_slist *hdrs = curl_slist_append(NULL, auth);
    if (!c || !hdrs) {
        curl_slist_free_all(hdrs);
        curl_easy_cleanup(c);
        curl_global_cleanup();
        return 1;
    }
    signal(SIGINT, on_int);
    signal(SIGTERM, on_int);
    rc = poll_once(c, base, hdrs, &last, json, dialect, method, fault);
    while (follow && !rc && !g_stop) {
        struct timespec ts = {1, 0};
        nanosleep(&ts, NULL);
        if (!g_stop)
            rc = poll_once(c, base, hdrs, &last, json, dialect, method, fault);
    }
    curl_slist_free_all(hdrs);
    curl_easy_cleanup(c);
    curl_global_cleanup();
    return rc ? 1 : 0;
}
