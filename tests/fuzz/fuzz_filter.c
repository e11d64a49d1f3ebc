/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer target: list filters.  An input is the JSON of a filters
 * argument (as JSON-RPC and REST carry it: {"field": value} or
 * {"field": {"op": value}}, complex_filter and filter sections), decoded
 * by the protocols' JSON codec, then validated by the domain's filter
 * compiler (domain/filter.c: fields, operators, operands, regexp through
 * PCRE2 with its limits) and run by the store's list on the demo
 * database (harness.h). */
#include "harness.h"

#include "domain/domain_int.h"
#include "rpc/codec.h"

#include <jansson.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fz_env *e = fz_env();
    struct codec_limits lim;
    struct md_fault f;
    struct md_filter flt;
    struct val *v, *out = NULL;
    json_error_t jerr;
    json_t *j = json_loadb((const char *)data, size, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, &jerr);

    if (!j)
        return 0;
    codec_limits_from_cfg(&lim, &e->cfg);
    v = jc_to_val(&e->w.arena, &lim, j, &f);
    json_decref(j);
    if (v) {
        md_filter_compile(&e->w.arena, v, &flt, &f);
        md_invoice_list(&e->w.ctx, v, &out, &f);
    }
    fz_restore();
    return 0;
}
