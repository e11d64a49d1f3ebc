/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Benchmark baseline 2, the HTTP ceiling: a bare libmicrohttpd server in the
 * daemon's mode (epoll, a pool of event-loop threads) that reads each request
 * body and answers every request with the same canned body (the daemon's own
 * info answer) and no XML or storage work at all.
 *
 *   mhd_baseline PORT THREADS RESULT_FILE
 */
#include <microhttpd.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct MHD_Response *g_resp;

static enum MHD_Result answer(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                              const char *version, const char *upload_data, size_t *upload_data_size,
                              void **con_cls)
{
    (void)cls;
    (void)url;
    (void)method;
    (void)version;
    (void)upload_data;
    if (!*con_cls) { /* headers in: go on reading the body */
        *con_cls = (void *)1;
        return MHD_YES;
    }
    if (*upload_data_size) { /* a piece of the body: drop it */
        *upload_data_size = 0;
        return MHD_YES;
    }
    return MHD_queue_response(c, MHD_HTTP_OK, g_resp);
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: mhd_baseline PORT THREADS RESULT_FILE\n");
        return 2;
    }
    FILE *f = fopen(argv[3], "rb");
    if (!f) {
        perror(argv[3]);
        return 1;
    }
    static char body[1 << 20];
    size_t n = fread(body, 1, sizeof body, f);
    fclose(f);
    g_resp = MHD_create_response_from_buffer(n, body, MHD_RESPMEM_PERSISTENT);
    MHD_add_response_header(g_resp, "Server", "magesoapd");
    MHD_add_response_header(g_resp, "Content-Type", "text/xml; charset=UTF-8");
    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_TURBO | MHD_USE_ERROR_LOG, (uint16_t)atoi(argv[1]), NULL,
        NULL, answer, NULL, MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)atoi(argv[2]),
        MHD_OPTION_CONNECTION_LIMIT, 10000u, MHD_OPTION_CONNECTION_TIMEOUT, 15u, MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, "cannot start libmicrohttpd on port %s\n", argv[1]);
        return 1;
    }
    fprintf(stderr, "listening on 127.0.0.1:%s\n", argv[1]);
    sigset_t set;
    int sig;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigprocmask(SIG_BLOCK, &set, NULL);
    sigwait(&set, &sig);
    MHD_stop_daemon(d);
    MHD_destroy_response(g_resp);
    return 0;
}
