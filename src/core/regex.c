/* SPDX-License-Identifier: GPL-2.0-or-later */
/* PCRE2 behind the list filter's regexp operator (see regex.h). */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>

#include "magesoapd/regex.h"

struct md_regex {
    pcre2_code *code;
    pcre2_match_data *md;
    pcre2_match_context *mc;
};

void md_regex_free(struct md_regex *re)
{
    if (!re)
        return;
    pcre2_match_context_free(re->mc);
    pcre2_match_data_free(re->md);
    pcre2_code_free(re->code);
    free(re);
}

struct md_regex *md_regex_compile(const char *pattern, size_t len)
{
    struct md_regex *re;
    int err;
    PCRE2_SIZE off;

    if (len > MD_REGEX_MAX_PATTERN || !(re = calloc(1, sizeof *re)))
        return NULL;
    re->code = pcre2_compile((PCRE2_SPTR)pattern, len,
                             PCRE2_CASELESS | PCRE2_UTF | PCRE2_MATCH_INVALID_UTF |
                                 PCRE2_NEVER_BACKSLASH_C,
                             &err, &off, NULL);
    if (re->code) {
        re->md = pcre2_match_data_create(1, NULL);
        re->mc = pcre2_match_context_create(NULL);
    }
    if (!re->code || !re->md || !re->mc) {
        md_regex_free(re);
        return NULL;
    }
    pcre2_set_match_limit(re->mc, MD_REGEX_MATCH_LIMIT);
    pcre2_set_depth_limit(re->mc, MD_REGEX_DEPTH_LIMIT);
    pcre2_set_heap_limit(re->mc, MD_REGEX_HEAP_LIMIT_KB);
    return re;
}

int md_regex_match(struct md_regex *re, const char *subject, size_t len)
{
    int rc = pcre2_match(re->code, (PCRE2_SPTR)subject, len, 0, 0, re->md, re->mc);
    if (rc >= 0)
        return 1;
    return rc == PCRE2_ERROR_NOMATCH ? 0 : -1;
}
