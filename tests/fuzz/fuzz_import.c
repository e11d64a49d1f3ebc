/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer target: the order importer's parse and validation
 * (tools/import_parse.c: every field, defaults, totals in decimal(12,4));
 * no database. */
#include "tools/import_int.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct arena a;
    static int ready;
    struct imp_doc d;
    char err[1024];

    if (!ready) {
        arena_init(&a, 256u << 20);
        ready = 1;
    }
    imp_parse(&a, (const char *)data, size, "2012-04-10 12:00:00", &d, err, sizeof err);
    arena_reset(&a);
    return 0;
}
