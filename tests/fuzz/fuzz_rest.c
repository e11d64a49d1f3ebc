/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer target: REST (Magento 2 style) requests through the protocol
 * layer, the API handler, the domain and a demo database (harness.h).  An
 * input is "METHOD PATH\n" (PATH after /rest/V1, e.g. "POST /order/1/invoice")
 * followed by the JSON body; a live bearer token goes with every request
 * but the token request, and "@TOKEN@" in the body is that token. */
#include "harness.h"

#include <stdio.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nl = memchr(data, '\n', size < 300 ? size : 300);
    char line[301], method[16], path[320];
    const char *sp;
    size_t n;

    if (!nl)
        return 0;
    n = (size_t)(nl - data);
    memcpy(line, data, n);
    line[n] = '\0';
    if (memchr(line, '\0', n))
        return 0;
    sp = strchr(line, ' ');
    if (!sp || (size_t)(sp - line) >= sizeof method)
        return 0;
    snprintf(method, sizeof method, "%.*s", (int)(sp - line), line);
    snprintf(path, sizeof path, "/rest/V1%s", sp + 1);
    fz_request(method, path, nl + 1, size - n - 1, strstr(path, "/integration/") == NULL);
    return 0;
}
