/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Response helpers for protocol handlers and query-string lookup (see
 * exchange.h).
 */
#include "proto/exchange.h"
#include "api/api.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

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

int proto_inline_candidate(const struct http_req *req, enum endpoint ep)
{
    switch (ep) {
    case EP_V1:
    case EP_V2:
        return soap_inline_candidate(req);
    case EP_XMLRPC:
    case EP_JSONRPC:
    case EP_REST:
        return rpc_inline_candidate(req, ep);
    case EP_NONE:
        break;
    }
    return 0;
}

/* ---- request header policy ------------------------------------------------ */

int exchange_large_take(void)
{
    return api_large_take();
}

void exchange_large_release(void)
{
    api_large_release();
}
