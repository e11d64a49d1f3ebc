/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Route table: request path -> endpoint.  Every path also answers with an
 * /index.php prefix, with or without a trailing slash, and with Magento's
 * controller/action suffixes (/index, /index/index); /api.php?type=X is the
 * root api.php entry point.
 */
#include "http/http.h"
#include "http/admin.h"
#include "http/router.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

static const struct {
    const char *prefix;
    enum endpoint ep;
} routes[] = {
    {"/api/v2_soap", EP_V2},   {"/api/soap", EP_V1},       {"/api/xmlrpc", EP_XMLRPC},
    {"/api/jsonrpc", EP_JSONRPC}, {"/api/index", EP_V1}, {"/api", EP_V1},
};

/* Is rest one of "", "/", "/index", "/index/", "/index/index", "/index/index/"? */
static int controller_tail(const char *rest)
{
    static const char *ok[] = {"", "/", "/index", "/index/", "/index/index", "/index/index/"};

    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
        if (strcmp(rest, ok[i]) == 0)
            return 1;
    return 0;
}

enum endpoint route_match(const char *path, const char *query, const char **rest_out)
{
    char type[32];

    if (strncmp(path, "/index.php", 10) == 0 && (path[10] == '/' || path[10] == '\0'))
        path += 10;
    if (strcmp(path, "/api.php") == 0 || strcmp(path, "/api.php/") == 0) {
        if (!http_query_get(query, "type", type, sizeof type) || !*type)
            return EP_V1;
        if (!strcmp(type, "soap") || !strcmp(type, "default"))
            return EP_V1;
        if (!strcmp(type, "v2_soap") || !strcmp(type, "soap_v2") || !strcmp(type, "soap_wsi"))
            return EP_V2;
        if (!strcmp(type, "xmlrpc"))
            return EP_XMLRPC;
        if (!strcmp(type, "jsonrpc"))
            return EP_JSONRPC;
        return EP_NONE;
    }
    if (strncmp(path, "/rest/", 6) == 0) {
        const char *p = path + 6;
        if (strncmp(p, "default/", 8) == 0)
            p += 8;
        else if (strncmp(p, "all/", 4) == 0)
            p += 4;
        if (strncmp(p, "V1/", 3) == 0) {
            if (rest_out)
                *rest_out = p + 2; /* "/..." after V1 */
            return EP_REST;
        }
        return EP_NONE;
    }
    for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
        size_t n = strlen(routes[i].prefix);
        if (strncmp(path, routes[i].prefix, n) == 0 && controller_tail(path + n))
            return routes[i].ep;
    }
    return EP_NONE;
}

void route_request(struct worker *w, struct http_req *req, struct http_resp *resp)
{
    const char *rest = NULL;
    enum endpoint ep = route_match(req->path, req->query, &rest);
    int is_get = !strcmp(req->method, "GET") || !strcmp(req->method, "HEAD");
    int is_post = !strcmp(req->method, "POST");

    if (!strcmp(req->path, "/health") && is_get) { /* public: "ok" / "down", no details */
        admin_public_health(w, resp);
        return;
    }
    switch (ep) {
    case EP_V1:
    case EP_V2:
        if (is_get) {
            wsdl_handle(w, req, resp, ep);
            return;
        }
        if (!is_post)
            break;
        soap_handle(w, req, resp, ep);
        return;
    case EP_REST: /* answers every method itself, in JSON */
        rpc_handle(w, req, resp, ep, rest);
        return;
    case EP_XMLRPC:
    case EP_JSONRPC:
        if (!is_post)
            break;
        rpc_handle(w, req, resp, ep, rest);
        return;
    case EP_NONE:
        http_error(resp, 404, "not found");
        return;
    }
    http_error(resp, 405, "method not allowed");
    http_add_header(resp, "Allow: %s\r\n", ep == EP_V1 || ep == EP_V2 ? "GET, HEAD, POST" : "POST");
}
