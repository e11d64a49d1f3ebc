/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Request metrics of the API port, kept with relaxed atomics (no lock on the
 * request path), and their Prometheus text exposition (format 0.0.4) with
 * the store's counts and the group-commit figures.
 */
#define _GNU_SOURCE
#include "http/obs.h"

#include "magesoapd/store.h"

#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

/* The method label: the first API method a request ran. */
static const char *const method_names[] = {
    "-", "login", "call", "multiCall", "endSession", "startSession", "resources", "globalFaults",
    "resourceFaults", "sales_order_invoice.list", "sales_order_invoice.info",
    "sales_order_invoice.create", "sales_order_invoice.addComment", "sales_order_invoice.capture",
    "sales_order_invoice.void", "sales_order_invoice.cancel", "integration.adminToken", "other"};
#define N_METHODS (sizeof method_names / sizeof method_names[0])

/* Latency buckets, seconds (upper bounds), then +Inf. */
static const char *const le_text[] = {"0.0001", "0.00025", "0.0005", "0.001", "0.0025", "0.005",
                                      "0.01",   "0.025",   "0.05",   "0.1",   "0.25",   "0.5",
                                      "1",      "2.5",     "+Inf"};
static const int64_t le_us[] = {100, 250, 500, 1000, 2500, 5000, 10000, 25000, 50000, 100000,
                                250000, 500000, 1000000, 2500000};
#define N_LE (sizeof le_text / sizeof le_text[0])

#define FAULT_MIN (-3)
#define FAULT_MAX 1023

static struct {
    _Atomic uint64_t count[OD_COUNT][N_METHODS];
    _Atomic uint64_t sum_us[OD_COUNT][N_METHODS];
    _Atomic uint64_t bucket[OD_COUNT][N_METHODS][N_LE]; /* not cumulative */
    _Atomic uint64_t faults[FAULT_MAX - FAULT_MIN + 1];
    _Atomic uint64_t status[6]; /* 0: dropped, 1xx..5xx */
    _Atomic int64_t conns;
    _Atomic uint64_t conns_total;
} M;

#define ADD(x, v) atomic_fetch_add_explicit(&(x), (v), memory_order_relaxed)
#define GET(x) atomic_load_explicit(&(x), memory_order_relaxed)

static size_t method_index(const char *methods)
{
    size_t n = strcspn(methods, ",");

    if (!n)
        return 0;
    for (size_t i = 1; i < N_METHODS; i++)
        if (strlen(method_names[i]) == n && !strncmp(methods, method_names[i], n))
            return i;
    return N_METHODS - 1;
}

void metrics_request(int dialect, const char *methods, int fault, unsigned status, int64_t dur_us)
{
    size_t m = method_index(methods ? methods : "");
    size_t b = 0;

    if (dialect < 0 || dialect >= OD_COUNT)
        dialect = OD_OTHER;
    while (b < N_LE - 1 && dur_us > le_us[b])
        b++;
    ADD(M.count[dialect][m], 1);
    ADD(M.sum_us[dialect][m], (uint64_t)(dur_us > 0 ? dur_us : 0));
    ADD(M.bucket[dialect][m][b], 1);
    if (fault != TRACE_NO_FAULT && fault >= FAULT_MIN && fault <= FAULT_MAX)
        ADD(M.faults[fault - FAULT_MIN], 1);
    ADD(M.status[status >= 100 && status < 600 ? status / 100 : 0], 1);
}

void metrics_conn(int delta)
{
    ADD(M.conns, delta);
    if (delta > 0)
        ADD(M.conns_total, 1);
}

static const char *fault_label(int code, char *tmp, size_t len)
{
    switch (code) {
    case -1: return "Client";
    case -2: return "Server";
    case -3: return "Args";
    default: snprintf(tmp, len, "%d", code); return tmp;
    }
}

static void requests(struct buf *b)
{
    buf_puts(b, "# HELP magesoapd_requests_total Requests answered on the API port, by dialect and "
                "first API method.\n# TYPE magesoapd_requests_total counter\n");
    for (int d = 0; d < OD_COUNT; d++)
        for (size_t m = 0; m < N_METHODS; m++)
            if (GET(M.count[d][m]))
                buf_printf(b, "magesoapd_requests_total{dialect=\"%s\",method=\"%s\"} %llu\n",
                           obs_dialect_name(d), method_names[m],
                           (unsigned long long)GET(M.count[d][m]));
    buf_puts(b, "# HELP magesoapd_request_duration_seconds Time from request line to answer "
                "sent.\n# TYPE magesoapd_request_duration_seconds histogram\n");
    for (int d = 0; d < OD_COUNT; d++) {
        for (size_t m = 0; m < N_METHODS; m++) {
            uint64_t n = GET(M.count[d][m]), cum = 0;
            if (!n)
                continue;
            for (size_t k = 0; k < N_LE; k++) {
                cum += GET(M.bucket[d][m][k]);
                buf_printf(b,
                           "magesoapd_request_duration_seconds_bucket{dialect=\"%s\",method=\"%s\","
                           "le=\"%s\"} %llu\n",
                           obs_dialect_name(d), method_names[m], le_text[k], (unsigned long long)cum);
            }
            buf_printf(b, "magesoapd_request_duration_seconds_sum{dialect=\"%s\",method=\"%s\"} %.6f\n",
                       obs_dialect_name(d), method_names[m], (double)GET(M.sum_us[d][m]) / 1e6);
            buf_printf(b, "magesoapd_request_duration_seconds_count{dialect=\"%s\",method=\"%s\"} %llu\n",
                       obs_dialect_name(d), method_names[m], (unsigned long long)n);
        }
    }
    buf_puts(b, "# HELP magesoapd_faults_total API faults answered, by fault code (first fault of a "
                "request).\n# TYPE magesoapd_faults_total counter\n");
    for (int c = FAULT_MIN; c <= FAULT_MAX; c++) {
        char tmp[16];
        uint64_t n = GET(M.faults[c - FAULT_MIN]);
        if (n)
            buf_printf(b, "magesoapd_faults_total{code=\"%s\"} %llu\n", fault_label(c, tmp, sizeof tmp),
                       (unsigned long long)n);
    }
    buf_puts(b, "# HELP magesoapd_http_responses_total Answers by HTTP status class (0xx: none "
                "sent).\n# TYPE magesoapd_http_responses_total counter\n");
    for (int k = 0; k < 6; k++)
        buf_printf(b, "magesoapd_http_responses_total{class=\"%dxx\"} %llu\n", k,
                   (unsigned long long)GET(M.status[k]));
    buf_printf(b, "# HELP magesoapd_open_connections Connections open on the API port.\n"
                  "# TYPE magesoapd_open_connections gauge\nmagesoapd_open_connections %lld\n",
               (long long)GET(M.conns));
    buf_printf(b, "# HELP magesoapd_connections_total Connections accepted on the API port.\n"
                  "# TYPE magesoapd_connections_total counter\nmagesoapd_connections_total %llu\n",
               (unsigned long long)GET(M.conns_total));
}

static void writes(struct buf *b)
{
    struct store_write_stats w;
    static const char *const size_le[STORE_BATCH_BUCKETS] = {"1", "2", "4", "8", "16", "32", "64", "+Inf"};
    static const char *const commit_le[10] = {"0.0001", "0.00025", "0.0005", "0.001", "0.0025",
                                              "0.005",  "0.01",    "0.025",  "0.1",   "+Inf"};
    uint64_t cum = 0;

    store_write_stats_get(&w);
    buf_puts(b, "# HELP magesoapd_write_batch_size Write transactions carried by one group commit.\n"
                "# TYPE magesoapd_write_batch_size histogram\n");
    for (int i = 0; i < STORE_BATCH_BUCKETS; i++) {
        cum += w.size_bucket[i];
        buf_printf(b, "magesoapd_write_batch_size_bucket{le=\"%s\"} %llu\n", size_le[i],
                   (unsigned long long)cum);
    }
    buf_printf(b, "magesoapd_write_batch_size_sum %llu\nmagesoapd_write_batch_size_count %llu\n",
               (unsigned long long)w.members, (unsigned long long)w.batches);
    buf_puts(b, "# HELP magesoapd_commit_seconds Time of a group commit's COMMIT (the fsync).\n"
                "# TYPE magesoapd_commit_seconds histogram\n");
    cum = 0;
    for (int i = 0; i < 10; i++) {
        cum += w.commit_us_bucket[i];
        buf_printf(b, "magesoapd_commit_seconds_bucket{le=\"%s\"} %llu\n", commit_le[i],
                   (unsigned long long)cum);
    }
    buf_printf(b, "magesoapd_commit_seconds_sum %.6f\nmagesoapd_commit_seconds_count %llu\n",
               (double)w.commit_us_sum / 1e6, (unsigned long long)w.batches);
    buf_printf(b, "# HELP magesoapd_commit_failures_total Group commits that failed.\n"
                  "# TYPE magesoapd_commit_failures_total counter\nmagesoapd_commit_failures_total %llu\n",
               (unsigned long long)w.failed);
}

static void store_part(struct buf *b, struct store *st)
{
    static const char *const states[STORE_INV_STATES] = {"0", "open", "paid", "canceled"};
    struct store_counts c;
    int ok = st && store_counts(st, &c) == 0;

    buf_printf(b, "# HELP magesoapd_database_up 1 when the database answered the counts below.\n"
                  "# TYPE magesoapd_database_up gauge\nmagesoapd_database_up %d\n", ok);
    if (!ok)
        return;
    buf_puts(b, "# HELP magesoapd_invoices Invoices stored, by state.\n# TYPE magesoapd_invoices gauge\n");
    for (int i = 1; i < STORE_INV_STATES; i++)
        buf_printf(b, "magesoapd_invoices{state=\"%s\"} %lld\n", states[i],
                   (long long)c.invoices_by_state[i]);
    buf_printf(b, "# HELP magesoapd_orders Orders stored.\n# TYPE magesoapd_orders gauge\n"
                  "magesoapd_orders %lld\n", (long long)c.orders);
    buf_printf(b, "# HELP magesoapd_sessions Live API sessions (SOAP/XML-RPC/JSON-RPC) stored.\n"
                  "# TYPE magesoapd_sessions gauge\nmagesoapd_sessions %lld\n", (long long)c.sessions);
    buf_printf(b, "# HELP magesoapd_rest_tokens REST bearer tokens stored.\n"
                  "# TYPE magesoapd_rest_tokens gauge\nmagesoapd_rest_tokens %lld\n", (long long)c.tokens);
}

void metrics_render(struct buf *b, struct store *st)
{
    requests(b);
    writes(b);
    store_part(b, st);
}
