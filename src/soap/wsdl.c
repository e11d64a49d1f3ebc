/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * GET ?wsdl: render one of the embedded WSDL templates (wsdl/NAME.wsdl.in) with
 * the profile's namespace and names and the URL the client used (or
 * public_url).  The result is self-contained: nothing for a client to fetch.
 * Sent with an ETag (content hash) and Last-Modified (daemon start) so
 * clients and proxies can cache it.
 */
#include "proto/exchange.h"
#include "soap/soap_int.h"

#include "magesoapd/embedded.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

static time_t g_start_time;

void wsdl_set_start_time(int64_t t)
{
    g_start_time = t;
}

const char *wsdl_template(const char *name)
{
    for (const struct md_embedded *e = md_wsdls; e->name; e++)
        if (strcmp(e->name, name) == 0)
            return e->data;
    return NULL;
}

static void xml_escape_into(struct buf *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': buf_puts(b, "&amp;"); break;
        case '<': buf_puts(b, "&lt;"); break;
        case '>': buf_puts(b, "&gt;"); break;
        case '"': buf_puts(b, "&quot;"); break;
        default: buf_putc(b, *s);
        }
    }
}

static char g_listen_addr[128]; /* set once before the server starts */

void wsdl_set_listen_address(const char *host_port)
{
    snprintf(g_listen_addr, sizeof g_listen_addr, "%s", host_port);
}

/* Build the soap:address: public_url (or http[s]://Host if trusted) + the request path +
 * the query string without its wsdl parameter. */
static void service_url(const struct worker *w, const struct http_req *req, struct buf *out)
{
    const char *pub = w->cfg->public_url;

    if (*pub) {
        size_t n = strlen(pub);
        while (n && pub[n - 1] == '/')
            n--;
        buf_put(out, pub, n);
    } else {
        /* the Host header only when trusted: a forged one must not send
         * clients elsewhere (cache poisoning); else the address the
         * request arrived on (never a wildcard), else the bound one */
        int trusted = req->host && *req->host && cfg_host_trusted(w->cfg, req->host);
        buf_puts(out, *w->cfg->tls_cert ? "https://" : "http://");
        buf_puts(out, trusted ? req->host : *req->local ? req->local
                                  : *g_listen_addr ? g_listen_addr : w->cfg->listen);
    }
    buf_puts(out, req->path);
    const char *q = req->query;
    int first = 1;
    while (q && *q) {
        const char *end = strchr(q, '&');
        size_t len = end ? (size_t)(end - q) : strlen(q);
        int is_wsdl = len >= 4 && strncasecmp(q, "wsdl", 4) == 0 && (len == 4 || q[4] == '=');
        if (!is_wsdl && len) {
            buf_putc(out, first ? '?' : '&');
            buf_put(out, q, len);
            first = 0;
        }
        q = end ? end + 1 : NULL;
    }
}

int wsdl_render(struct buf *out, const char *tmpl, const char *ns, const char *name,
                const char *location_escaped)
{
    const char *p = tmpl;

    while (*p) {
        const char *open = strstr(p, "{{");
        if (!open) {
            buf_puts(out, p);
            break;
        }
        buf_put(out, p, (size_t)(open - p));
        const char *close = strstr(open, "}}");
        if (!close)
            return -1;
        size_t klen = (size_t)(close - open - 2);
        if (klen == 2 && !strncmp(open + 2, "ns", 2))
            buf_puts(out, ns);
        else if (klen == 4 && !strncmp(open + 2, "name", 4))
            buf_puts(out, name);
        else if (klen == 8 && !strncmp(open + 2, "location", 8))
            buf_puts(out, location_escaped);
        else
            return -1;
        p = close + 2;
    }
    return buf_failed(out) ? -1 : 0;
}

static uint64_t fnv1a(const char *p, size_t n)
{
    uint64_t h = 1469598103934665603ULL;

    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)p[i];
        h *= 1099511628211ULL;
    }
    return h;
}

void wsdl_handle(struct worker *w, struct http_req *req, struct http_resp *resp, enum endpoint ep)
{
    char wsi[16] = "", etag[40], lm[64];
    const char *file;
    struct buf url, loc;
    struct tm tm;

    if (!http_query_get(req->query, "wsdl", NULL, 0)) {
        http_error(resp, 400,
                   "This is a SOAP endpoint: POST SOAP requests here, or GET ?wsdl for its WSDL.");
        return;
    }
    if (ep == EP_V1) {
        file = "v1.wsdl.in";
    } else {
        int use_wsi = w->cfg->wsi_compliance;
        if (http_query_get(req->query, "wsi", wsi, sizeof wsi))
            use_wsi = !(wsi[0] == '0' || !strcasecmp(wsi, "off") || !strcasecmp(wsi, "false"));
        file = use_wsi ? "wsi.wsdl.in" : "v2.wsdl.in";
    }
    const char *tmpl = wsdl_template(file);
    if (!tmpl) {
        http_error(resp, 500, "WSDL template missing");
        return;
    }
    buf_init(&url, 8192);
    buf_init(&loc, 16384);
    service_url(w, req, &url);
    xml_escape_into(&loc, buf_cstr(&url) ? url.p : "");
    int rc = wsdl_render(resp->body, tmpl, soap_profile_ns(w->cfg), soap_profile_name(w->cfg),
                         buf_cstr(&loc) ? loc.p : "");
    buf_free(&url);
    buf_free(&loc);
    if (rc) {
        http_error(resp, 500, "WSDL template broken");
        return;
    }
    snprintf(etag, sizeof etag, "\"%016llx\"",
             (unsigned long long)fnv1a(resp->body->p, resp->body->n));
    gmtime_r(&g_start_time, &tm);
    strftime(lm, sizeof lm, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    http_add_header(resp, "ETag: %s\r\nLast-Modified: %s\r\nCache-Control: no-cache\r\n", etag,
                    lm);
    if (req->if_none_match && strstr(req->if_none_match, etag)) {
        resp->status = 304;
        buf_reset(resp->body);
        resp->content_type = NULL;
        return;
    }
    resp->status = 200;
    resp->content_type = "text/xml; charset=UTF-8";
}
