/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Listener, worker pool and the per-connection HTTP/1.1 loop (see http.h).
 * Does not do TLS (put a proxy in front) or HTTP/2.
 */
#define _GNU_SOURCE
#include "app/notify.h"
#include "http/http.h"

#include "magesoapd/log.h"
#include "magesoapd/store.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t g_stop;
static atomic_int g_open_conns;

/* ---- connection queue ---------------------------------------------------- */

struct queue {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int *fds;
    int cap, head, len;
};

static struct queue g_q = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, NULL, 0, 0, 0};

static int queue_push(int fd)
{
    int ok = 0;

    pthread_mutex_lock(&g_q.mu);
    if (g_q.len < g_q.cap) {
        g_q.fds[(g_q.head + g_q.len) % g_q.cap] = fd;
        g_q.len++;
        ok = 1;
        pthread_cond_signal(&g_q.cv);
    }
    pthread_mutex_unlock(&g_q.mu);
    return ok;
}

static int queue_pop(void)
{
    int fd = -1;
    struct timespec ts;

    pthread_mutex_lock(&g_q.mu);
    while (!g_q.len && !g_stop) {
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_nsec += 200 * 1000000L;
        if (ts.tv_nsec >= 1000000000L) {
            ts.tv_sec++;
            ts.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&g_q.cv, &g_q.mu, &ts);
    }
    if (g_q.len) {
        fd = g_q.fds[g_q.head];
        g_q.head = (g_q.head + 1) % g_q.cap;
        g_q.len--;
    }
    pthread_mutex_unlock(&g_q.mu);
    return fd;
}

/* ---- helpers --------------------------------------------------------------- */

static int64_t now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

const char *http_reason(int status)
{
    switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 204: return "No Content";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 411: return "Length Required";
    case 413: return "Payload Too Large";
    case 415: return "Unsupported Media Type";
    case 417: return "Expectation Failed";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    case 505: return "HTTP Version Not Supported";
    default: return "Unknown";
    }
}

void http_add_header(struct http_resp *resp, const char *fmt, ...)
{
    size_t len = strlen(resp->headers);
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(resp->headers + len, sizeof resp->headers - len, fmt, ap);
    va_end(ap);
}

void http_error(struct http_resp *resp, int status, const char *msg)
{
    resp->status = status;
    resp->content_type = "text/plain; charset=UTF-8";
    buf_reset(resp->body);
    buf_puts(resp->body, msg);
    buf_putc(resp->body, '\n');
}

int http_query_get(const char *query, const char *key, char *val, size_t vallen)
{
    size_t klen = strlen(key);
    const char *p = query;

    while (p && *p) {
        const char *end = strchr(p, '&');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len >= klen && strncasecmp(p, key, klen) == 0 && (len == klen || p[klen] == '=')) {
            if (val && vallen) {
                size_t vl = len > klen ? len - klen - 1 : 0;
                if (vl >= vallen)
                    vl = vallen - 1;
                memcpy(val, p + klen + (len > klen), vl);
                val[vl] = '\0';
            }
            return 1;
        }
        p = end ? end + 1 : NULL;
    }
    return 0;
}

/* Wait until fd is readable/writable, at most until deadline (ms, monotonic)
 * and at most idle_ms.  Returns 1 ready, 0 timeout/stop, -1 error. */
static int wait_fd(int fd, short ev, int idle_ms, int64_t deadline, int stop_aware)
{
    int64_t start = now_ms();

    for (;;) {
        int64_t t = now_ms();
        int64_t left = idle_ms - (t - start);
        if (deadline && deadline - t < left)
            left = deadline - t;
        if (left <= 0)
            return 0;
        if (stop_aware && g_stop)
            return 0;
        struct pollfd pfd = {fd, ev, 0};
        int slice = left > 200 ? 200 : (int)left;
        int rc = poll(&pfd, 1, slice);
        if (rc > 0)
            return (pfd.revents & (POLLERR | POLLNVAL)) && !(pfd.revents & ev) ? -1 : 1;
        if (rc < 0 && errno != EINTR)
            return -1;
    }
}

static int write_all(int fd, const char *p, size_t n, int timeout_ms)
{
    while (n) {
        ssize_t k = send(fd, p, n, MSG_NOSIGNAL);
        if (k > 0) {
            p += k;
            n -= (size_t)k;
            continue;
        }
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            if (wait_fd(fd, POLLOUT, timeout_ms, 0, 0) != 1)
                return -1;
            continue;
        }
        return -1;
    }
    return 0;
}

/* writev both buffers completely (header + body). */
static int writev_all(int fd, struct iovec iov[2], int timeout_ms)
{
    int i = 0;

    while (i < 2) {
        ssize_t k = writev(fd, iov + i, 2 - i);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            if (wait_fd(fd, POLLOUT, timeout_ms, 0, 0) != 1)
                return -1;
            continue;
        }
        if (k < 0)
            return -1;
        while (i < 2 && (size_t)k >= iov[i].iov_len) {
            k -= (ssize_t)iov[i].iov_len;
            i++;
        }
        if (i < 2) {
            iov[i].iov_base = (char *)iov[i].iov_base + k;
            iov[i].iov_len -= (size_t)k;
        }
    }
    return 0;
}

/* Read more bytes into in.  Returns bytes read, 0 on EOF, -1 on error,
 * -2 on timeout. */
static ssize_t read_more(int fd, struct buf *in, int idle_ms, int64_t deadline, int stop_aware)
{
    char tmp[16384];

    /* Try first: on a busy keep-alive connection the bytes are usually
     * there already, and poll() would cost a system call per request. */
    for (int waited = 0;; waited = 1) {
        ssize_t k = recv(fd, tmp, sizeof tmp, 0);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            if (waited && g_stop && stop_aware)
                return -2;
            int rc = wait_fd(fd, POLLIN, idle_ms, deadline, stop_aware);
            if (rc == 0)
                return -2;
            if (rc < 0)
                return -1;
            continue;
        }
        if (k > 0 && buf_put(in, tmp, (size_t)k))
            return -1;
        return k;
    }
}

static char *find_crlfcrlf(char *p, size_t n)
{
    for (size_t i = 3; i < n; i++)
        if (p[i] == '\n' && p[i - 1] == '\r' && p[i - 2] == '\n' && p[i - 3] == '\r')
            return p + i - 3;
    return NULL;
}

static char *trim(char *s)
{
    char *e;

    while (*s == ' ' || *s == '\t')
        s++;
    e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
        *--e = '\0';
    return s;
}

/* Parse request line and headers in place (hdr is NUL-terminated).
 * Returns 0, or an HTTP status for a bad request. */
static int parse_head(char *hdr, struct http_req *req, int64_t *clen, int *chunked,
                      int *expect100)
{
    char *line = hdr, *next, *sp1, *sp2;
    const char *conn = NULL;

    next = strstr(line, "\r\n");
    if (!next)
        return 400;
    *next = '\0';
    sp1 = strchr(line, ' ');
    sp2 = sp1 ? strchr(sp1 + 1, ' ') : NULL;
    if (!sp1 || !sp2 || (size_t)(sp1 - line) >= sizeof req->method)
        return 400;
    memcpy(req->method, line, (size_t)(sp1 - line));
    req->method[sp1 - line] = '\0';
    *sp2 = '\0';
    req->target = sp1 + 1;
    if (strncmp(sp2 + 1, "HTTP/1.", 7) != 0 || !isdigit((unsigned char)sp2[8]) || sp2[9])
        return strncmp(sp2 + 1, "HTTP/", 5) == 0 ? 505 : 400;
    req->minor = sp2[8] - '0';
    if (!*req->target)
        return 400;

    *clen = -1;
    *chunked = 0;
    *expect100 = 0;
    for (line = next + 2; *line; line = next + 2) {
        next = strstr(line, "\r\n");
        if (!next)
            break;
        *next = '\0';
        if (!*line)
            break;
        if (*line == ' ' || *line == '\t')
            return 400; /* obsolete line folding */
        char *colon = strchr(line, ':');
        if (!colon)
            return 400;
        *colon = '\0';
        char *name = line, *val = trim(colon + 1);
        for (char *c = name; *c; c++)
            if (*c == ' ' || *c == '\t')
                return 400;
        if (!strcasecmp(name, "Content-Length")) {
            char *end;
            errno = 0;
            long long v = strtoll(val, &end, 10);
            if (errno || end == val || *end || v < 0 || (*clen >= 0 && *clen != v))
                return 400;
            *clen = v;
        } else if (!strcasecmp(name, "Transfer-Encoding")) {
            if (strcasecmp(val, "chunked") != 0)
                return 501;
            *chunked = 1;
        } else if (!strcasecmp(name, "Expect")) {
            if (strcasecmp(val, "100-continue") != 0)
                return 417;
            *expect100 = 1;
        } else if (!strcasecmp(name, "Host")) {
            req->host = val;
        } else if (!strcasecmp(name, "Content-Type")) {
            req->content_type = val;
        } else if (!strcasecmp(name, "SOAPAction")) {
            req->soapaction = val;
        } else if (!strcasecmp(name, "Authorization")) {
            req->authorization = val;
        } else if (!strcasecmp(name, "If-None-Match")) {
            req->if_none_match = val;
        } else if (!strcasecmp(name, "If-Modified-Since")) {
            req->if_modified_since = val;
        } else if (!strcasecmp(name, "Accept")) {
            req->accept = val;
        } else if (!strcasecmp(name, "Connection")) {
            conn = val;
        }
    }
    if (*chunked && *clen >= 0)
        return 400;
    req->keep_alive = req->minor >= 1;
    if (conn && strcasestr(conn, "close"))
        req->keep_alive = 0;
    else if (conn && strcasestr(conn, "keep-alive"))
        req->keep_alive = 1;
    req->path = req->target;
    char *q = strchr(req->target, '?');
    if (q) {
        *q = '\0';
        req->query = q + 1;
    } else {
        req->query = "";
    }
    return 0;
}

/* Decode a chunked body that starts at p (n bytes available).  Returns the
 * number of input bytes consumed when complete, 0 if more input is needed,
 * -1 malformed, -2 over max. */
static ssize_t dechunk(const char *p, size_t n, struct buf *out, size_t max)
{
    size_t i = 0;

    buf_reset(out);
    for (;;) {
        size_t sz = 0;
        int digits = 0;
        while (i < n && isxdigit((unsigned char)p[i])) {
            if (sz > max)
                return -2;
            sz = sz * 16 + (size_t)(isdigit((unsigned char)p[i]) ? p[i] - '0'
                                                                 : (tolower((unsigned char)p[i]) - 'a' + 10));
            i++;
            digits++;
        }
        while (i < n && p[i] != '\r') /* chunk extensions */
            i++;
        if (i + 1 >= n)
            return 0;
        if (!digits || p[i + 1] != '\n')
            return -1;
        i += 2;
        if (sz == 0) {
            /* trailers until an empty line */
            for (;;) {
                const char *e = memchr(p + i, '\n', n - i);
                if (!e)
                    return 0;
                size_t len = (size_t)(e - (p + i));
                i += len + 1;
                if (len <= 1)
                    return (ssize_t)i;
            }
        }
        if (out->n + sz > max)
            return -2;
        if (n - i < sz + 2)
            return 0;
        buf_put(out, p + i, sz);
        i += sz;
        if (p[i] != '\r' || p[i + 1] != '\n')
            return -1;
        i += 2;
    }
}

static void send_response(struct worker *w, int fd, struct http_req *req, struct http_resp *resp,
                          int keep)
{
    char head[2048], date[64];
    time_t t = time(NULL);
    struct tm tm;
    int head_only = strcmp(req->method, "HEAD") == 0;
    size_t blen = resp->body->n;

    gmtime_r(&t, &tm);
    strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    int hn = snprintf(head, sizeof head,
                      "HTTP/1.1 %d %s\r\nDate: %s\r\nServer: magesoapd\r\n%s%s%sContent-Length: "
                      "%zu\r\nConnection: %s\r\n%s\r\n",
                      resp->status, http_reason(resp->status), date,
                      resp->content_type ? "Content-Type: " : "",
                      resp->content_type ? resp->content_type : "",
                      resp->content_type ? "\r\n" : "", blen, keep ? "keep-alive" : "close",
                      resp->headers);
    if (hn < 0 || (size_t)hn >= sizeof head)
        return;
    /* header and body in one system call, no copy */
    if (!head_only && blen && !buf_failed(resp->body)) {
        struct iovec iov[2] = {{head, (size_t)hn}, {resp->body->p, blen}};
        writev_all(fd, iov, w->cfg->send_timeout_ms);
        return;
    }
    write_all(fd, head, (size_t)hn, w->cfg->send_timeout_ms);
}

static void simple_reply(struct worker *w, int fd, int status, const char *msg)
{
    struct http_req req;
    struct http_resp resp;

    memset(&req, 0, sizeof req);
    strcpy(req.method, "GET");
    memset(&resp, 0, sizeof resp);
    buf_reset(&w->out);
    resp.body = &w->out;
    http_error(&resp, status, msg);
    send_response(w, fd, &req, &resp, 0);
}

/* Serve one connection until it closes, times out, or the server stops. */
static void serve_conn(struct worker *w, int fd, const char *peer)
{
    const struct cfg *cfg = w->cfg;
    struct buf *in = &w->in;
    struct buf body, head;
    int nreq = 0;

    buf_init(&body, (size_t)cfg->max_body_bytes);
    buf_init(&head, (size_t)cfg->max_header_bytes + 8);
    buf_reset(in);
    while (!g_stop && nreq < cfg->max_keepalive_requests) {
        struct http_req req;
        struct http_resp resp;
        int64_t clen = -1, deadline = 0;
        int chunked = 0, expect100 = 0, status;
        char *hend;

        memset(&req, 0, sizeof req);
        snprintf(req.peer, sizeof req.peer, "%s", peer);
        /* wait for the first byte of the next request (keep-alive idle) */
        while (!(hend = find_crlfcrlf(in->p, in->n))) {
            if (in->n > (size_t)cfg->max_header_bytes) {
                simple_reply(w, fd, 431, "request header too large");
                goto out;
            }
            int idle = in->n == 0 ? (nreq ? cfg->keepalive_timeout_ms : cfg->recv_timeout_ms)
                                  : cfg->recv_timeout_ms;
            if (in->n && !deadline)
                deadline = now_ms() + cfg->request_timeout_ms;
            ssize_t k = read_more(fd, in, idle, deadline, in->n == 0);
            if (k == -2 && in->n) {
                simple_reply(w, fd, 408, "request timeout");
                goto out;
            }
            if (k <= 0)
                goto out;
        }
        if (!deadline)
            deadline = now_ms() + cfg->request_timeout_ms;
        size_t head_len = (size_t)(hend - in->p) + 4;
        if (head_len > (size_t)cfg->max_header_bytes) {
            simple_reply(w, fd, 431, "request header too large");
            goto out;
        }
        /* parse a copy: reading the body may move `in` */
        buf_reset(&head);
        buf_put(&head, in->p, head_len - 2); /* keep the last header's CRLF */
        if (!buf_cstr(&head)) {
            simple_reply(w, fd, 431, "request header too large");
            goto out;
        }
        status = parse_head(head.p, &req, &clen, &chunked, &expect100);
        if (status) {
            simple_reply(w, fd, status, http_reason(status));
            goto out;
        }
        int has_body = clen > 0 || chunked;
        if (clen > cfg->max_body_bytes) {
            simple_reply(w, fd, 413, "request body too large");
            goto out;
        }
        if (expect100 && has_body && req.minor >= 1) {
            static const char cont[] = "HTTP/1.1 100 Continue\r\n\r\n";
            if (write_all(fd, cont, sizeof cont - 1, cfg->send_timeout_ms))
                goto out;
        }
        /* body */
        size_t consumed;
        if (chunked) {
            ssize_t used;
            for (;;) {
                used = dechunk(in->p + head_len, in->n - head_len, &body,
                               (size_t)cfg->max_body_bytes);
                if (used != 0)
                    break;
                ssize_t k = read_more(fd, in, cfg->recv_timeout_ms, deadline, 0);
                if (k == -2) {
                    simple_reply(w, fd, 408, "request timeout");
                    goto out;
                }
                if (k <= 0)
                    goto out;
            }
            if (used == -2) {
                simple_reply(w, fd, 413, "request body too large");
                goto out;
            }
            if (used < 0) {
                simple_reply(w, fd, 400, "malformed chunked body");
                goto out;
            }
            consumed = head_len + (size_t)used;
        } else {
            size_t want = clen > 0 ? (size_t)clen : 0;
            while (in->n - head_len < want) {
                ssize_t k = read_more(fd, in, cfg->recv_timeout_ms, deadline, 0);
                if (k == -2) {
                    simple_reply(w, fd, 408, "request timeout");
                    goto out;
                }
                if (k <= 0)
                    goto out;
            }
            buf_reset(&body);
            buf_put(&body, in->p + head_len, want);
            consumed = head_len + want;
        }
        if (!buf_cstr(&body)) {
            simple_reply(w, fd, 413, "request body too large");
            goto out;
        }
        req.body = body.p;
        req.body_len = body.n;

        memset(&resp, 0, sizeof resp);
        buf_reset(&w->out);
        resp.body = &w->out;
        resp.status = 200;
        route_request(w, &req, &resp);
        int keep = req.keep_alive && !resp.close && !g_stop &&
                   nreq + 1 < cfg->max_keepalive_requests;
        send_response(w, fd, &req, &resp, keep);
        arena_reset(&w->arena);
        nreq++;
        /* drop this request's bytes; keep a pipelined next request */
        memmove(in->p, in->p + consumed, in->n - consumed);
        in->n -= consumed;
        if (!keep)
            break;
    }
out:
    buf_free(&body);
    buf_free(&head);
    /* a buffer grown by one huge request should not stay with the worker */
    if (in->cap > (1u << 20))
        buf_free(in);
    if (w->out.cap > (4u << 20))
        buf_free(&w->out);
}

static void *worker_main(void *arg)
{
    struct worker *w = arg;

    for (;;) {
        int fd = queue_pop();
        if (fd < 0) {
            if (g_stop)
                break;
            continue;
        }
        struct sockaddr_storage ss;
        socklen_t sl = sizeof ss;
        char peer[64] = "?";
        if (getpeername(fd, (struct sockaddr *)&ss, &sl) == 0) {
            char host[48] = "", port[8] = "";
            getnameinfo((struct sockaddr *)&ss, sl, host, sizeof host, port, sizeof port,
                        NI_NUMERICHOST | NI_NUMERICSERV);
            snprintf(peer, sizeof peer, "%s:%s", host, port);
        }
        serve_conn(w, fd, peer);
        close(fd);
        atomic_fetch_sub(&g_open_conns, 1);
    }
    return NULL;
}

static void on_signal(int sig)
{
    (void)sig;
    g_stop = 1;
}

static int open_listener(const char *listen_addr, char *shown, size_t shownlen)
{
    char host[256], *colon;
    struct addrinfo hints, *res = NULL, *ai;
    int fd = -1, one = 1;

    snprintf(host, sizeof host, "%s", listen_addr);
    colon = strrchr(host, ':');
    if (!colon) {
        log_msg(LOG_ERR, "listen: expected HOST:PORT, got '%s'", listen_addr);
        return -1;
    }
    *colon = '\0';
    char *h = host;
    if (*h == '[') { /* [::1]:8080 */
        h++;
        char *rb = strchr(h, ']');
        if (rb)
            *rb = '\0';
    }
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE;
    int rc = getaddrinfo(*h ? h : NULL, colon + 1, &hints, &res);
    if (rc) {
        log_msg(LOG_ERR, "listen %s: %s", listen_addr, gai_strerror(rc));
        return -1;
    }
    for (ai = res; ai; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
        if (fd < 0)
            continue;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        if (bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 && listen(fd, 512) == 0)
            break;
        close(fd);
        fd = -1;
    }
    if (fd < 0) {
        log_msg(LOG_ERR, "listen %s: %s", listen_addr, strerror(errno));
    } else {
        struct sockaddr_storage ss;
        socklen_t sl = sizeof ss;
        char hbuf[64] = "", pbuf[16] = "";
        getsockname(fd, (struct sockaddr *)&ss, &sl);
        getnameinfo((struct sockaddr *)&ss, sl, hbuf, sizeof hbuf, pbuf, sizeof pbuf,
                    NI_NUMERICHOST | NI_NUMERICSERV);
        snprintf(shown, shownlen, ss.ss_family == AF_INET6 ? "[%s]:%s" : "%s:%s", hbuf, pbuf);
    }
    freeaddrinfo(res);
    return fd;
}

int http_serve(const struct cfg *cfg)
{
    char shown[128], err[512];
    int lfd, nw = cfg->workers, started = 0, rc = 0;
    struct worker *ws = calloc((size_t)nw, sizeof *ws);
    pthread_t *th = calloc((size_t)nw, sizeof *th);
    struct sigaction sa;

    if (!ws || !th) {
        free(ws);
        free(th);
        return 1;
    }
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);

    g_q.cap = cfg->max_connections;
    g_q.fds = calloc((size_t)g_q.cap, sizeof *g_q.fds);
    if (!g_q.fds)
        return 1;

    for (int i = 0; i < nw; i++) {
        struct worker *w = &ws[i];
        w->id = i;
        w->cfg = cfg;
        arena_init(&w->arena, (size_t)cfg->max_body_bytes * 8 + (64u << 20));
        buf_init(&w->out, 0);
        buf_init(&w->in, (size_t)cfg->max_body_bytes + (size_t)cfg->max_header_bytes + 65536);
        if (store_open(cfg->db, cfg, &w->st, err, sizeof err)) {
            log_msg(LOG_ERR, "%s", err);
            rc = 1;
            goto stop;
        }
        w->ctx.st = w->st;
        w->ctx.cfg = cfg;
        w->ctx.arena = &w->arena;
        if (soap_worker_init(w)) {
            log_msg(LOG_ERR, "cannot initialise the SOAP engine");
            rc = 1;
            goto stop;
        }
    }
    lfd = open_listener(cfg->listen, shown, sizeof shown);
    if (lfd < 0) {
        rc = 1;
        goto stop;
    }
    for (; started < nw; started++) {
        if (pthread_create(&th[started], NULL, worker_main, &ws[started])) {
            log_msg(LOG_ERR, "cannot start worker threads");
            rc = 1;
            g_stop = 1;
            break;
        }
    }
    if (!g_stop) {
        fprintf(stderr, "listening on %s\n", shown);
        app_notify_ready();
    }
    fflush(stderr);
    while (!g_stop) {
        struct pollfd pfd = {lfd, POLLIN, 0};
        int prc = poll(&pfd, 1, 200);
        if (prc <= 0)
            continue;
        int cfd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
        if (cfd < 0)
            continue;
        int one = 1;
        setsockopt(cfd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        if (atomic_load(&g_open_conns) >= cfg->max_connections || !queue_push(cfd)) {
            static const char busy[] = "HTTP/1.1 503 Service Unavailable\r\nContent-Length: "
                                       "0\r\nConnection: close\r\n\r\n";
            write_all(cfd, busy, sizeof busy - 1, 100);
            close(cfd);
            continue;
        }
        atomic_fetch_add(&g_open_conns, 1);
    }
    close(lfd);
stop:
    g_stop = 1;
    pthread_mutex_lock(&g_q.mu);
    pthread_cond_broadcast(&g_q.cv);
    pthread_mutex_unlock(&g_q.mu);
    for (int i = 0; i < started; i++)
        pthread_join(th[i], NULL);
    /* connections still queued never got a worker */
    while (g_q.len) {
        close(g_q.fds[g_q.head]);
        g_q.head = (g_q.head + 1) % g_q.cap;
        g_q.len--;
    }
    for (int i = 0; i < nw; i++) {
        soap_worker_free(&ws[i]);
        if (ws[i].st)
            store_close(ws[i].st);
        arena_free(&ws[i].arena);
        buf_free(&ws[i].out);
        buf_free(&ws[i].in);
    }
    free(g_q.fds);
    free(ws);
    free(th);
    return rc;
}
