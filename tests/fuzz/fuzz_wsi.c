/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer target: WS-I document/literal bodies (gSOAP dispatcher) through the protocol layer, the API handler,
 * the domain and a demo database (harness.h).  "@SID@" in an input is a
 * live session id. */
#include "harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_request("POST", "/api/v2_soap/", data, size, 0);
    return 0;
}
