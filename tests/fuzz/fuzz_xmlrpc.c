/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer target: XML-RPC bodies through the protocol layer, the API handler,
 * the domain and a demo database (harness.h).  "@SID@" in an input is a
 * live session id. */
#include "harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_request("POST", "/api/xmlrpc/", data, size, 0);
    return 0;
}
