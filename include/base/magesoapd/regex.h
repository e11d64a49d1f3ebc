/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The list filter's `regexp` operator: PCRE2 with hard limits, so that no
 * pattern can take unbounded time or memory (glibc's regcomp explodes on
 * nested bounded repeats such as ((.{1,200}){1,200}){1,10}).
 * Case-insensitive and UTF-8 aware, like MySQL's REGEXP on text; subjects
 * that are not valid UTF-8 are matched as far as they are valid.
 */
#ifndef MAGESOAPD_REGEX_H
#define MAGESOAPD_REGEX_H

#include <stddef.h>

#define MD_REGEX_MAX_PATTERN 1000    /* bytes of a pattern */
#define MD_REGEX_MATCH_LIMIT 100000  /* backtracking steps of one match */
#define MD_REGEX_DEPTH_LIMIT 1000    /* nested backtracking depth */
#define MD_REGEX_HEAP_LIMIT_KB 1024  /* backtracking memory of one match */

struct md_regex;

/* NULL when the pattern is longer than MD_REGEX_MAX_PATTERN, does not
 * compile, or memory runs out.  Free with md_regex_free. */
struct md_regex *md_regex_compile(const char *pattern, size_t len);
/* 1 match, 0 no match, -1 a limit was hit (or another matching error). */
int md_regex_match(struct md_regex *re, const char *subject, size_t len);
void md_regex_free(struct md_regex *re);

#endif
