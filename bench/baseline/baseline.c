/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Benchmark baseline: a bare gSOAP server with the daemon's worker-pool
 * size, HTTP keep-alive and request limits, answering salesOrderInvoiceInfo
 * with a fixed result read from a file (the daemon's own info answer, so the
 * sizes match) without touching any storage.  Memory is freed after every
 * request, also between the requests of one keep-alive connection.  What it measures is gSOAP's
 * HTTP + XML cost on this machine: the ceiling the daemon is compared to.
 *
 *   baseline PORT WORKERS RESULT_FILE
 */
#include "baselineH.h"
#include "Baseline.nsmap"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *g_result;

int ns1__salesOrderInvoiceInfo(struct soap *soap, char *sessionId, char *invoiceIncrementId,
                               struct ns1__salesOrderInvoiceInfoResponse *response)
{
    (void)soap;
    (void)sessionId;
    (void)invoiceIncrementId;
    response->result = g_result;
    return SOAP_OK;
}

/* Called by soap_serve() after each answer on a keep-alive connection: free
 * what the request allocated, as the daemon does after every request. */
static int cleanup(struct soap *soap)
{
    soap_destroy(soap);
    soap_end(soap);
    return SOAP_OK;
}

static void *worker(void *arg)
{
    struct soap *soap = arg;

    for (;;) {
        if (!soap_valid_socket(soap_accept(soap)))
            continue;
        soap_serve(soap);
        soap_destroy(soap);
        soap_end(soap);
    }
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: baseline PORT WORKERS RESULT_FILE\n");
        return 2;
    }
    FILE *f = fopen(argv[3], "rb");
    if (!f) {
        perror(argv[3]);
        return 1;
    }
    g_result = calloc(1, 1 << 20);
    size_t n = fread(g_result, 1, (1 << 20) - 1, f);
    g_result[n] = '\0';
    fclose(f);

    struct soap *master = soap_new1(SOAP_IO_KEEPALIVE | SOAP_C_UTFSTRING);
    /* the daemon's default limits */
    master->maxlevel = 64;
    master->maxlength = 1048576;
    master->maxoccurs = 10000;
    master->recv_maxlength = 4194304;
    master->recv_timeout = 10;
    master->send_timeout = 10;
    master->max_keep_alive = 10000;
    master->bind_flags = SO_REUSEADDR;
    master->fserveloop = cleanup;
    if (!soap_valid_socket(soap_bind(master, "127.0.0.1", atoi(argv[1]), 512))) {
        soap_print_fault(master, stderr);
        return 1;
    }
    int workers = atoi(argv[2]);
    for (int i = 0; i < workers; i++) {
        pthread_t t;
        pthread_create(&t, NULL, worker, soap_copy(master));
    }
    fprintf(stderr, "listening on 127.0.0.1:%s\n", argv[1]);
    pthread_exit(NULL);
}
