/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer target: the regexp wrapper (core/regex.c, PCRE2 with match,
 * depth and heap limits).  An input is the pattern, a NUL byte, then the
 * subject (without a NUL: the input is both). */
#include "magesoapd/regex.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nul = memchr(data, '\0', size);
    size_t plen = nul ? (size_t)(nul - data) : size;
    const char *subj = nul ? (const char *)nul + 1 : (const char *)data;
    size_t slen = nul ? size - plen - 1 : size;
    struct md_regex *re = md_regex_compile((const char *)data, plen);

    if (re) {
        md_regex_match(re, subj, slen);
        md_regex_free(re);
    }
    return 0;
}
