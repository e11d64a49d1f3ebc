/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The list filter's regexp: PCRE2 with hard limits (magesoapd/regex.h). */
#include "magesoapd/regex.h"

#include <string.h>
#include <time.h>

#include "t.h"

static int match(const char *pat, const char *subject)
{
    struct md_regex *re = md_regex_compile(pat, strlen(pat));
    int m;
    if (!re)
        return -2;
    m = md_regex_match(re, subject, strlen(subject));
    md_regex_free(re);
    return m;
}

static void regex_semantics(void)
{
    CHECK_EQ_INT(match("^1000000", "100000016"), 1);
    CHECK_EQ_INT(match("^2", "100000016"), 0);
    CHECK_EQ_INT(match("usd|eur", "EUR"), 1);          /* case-insensitive, as MySQL */
    CHECK_EQ_INT(match("caf.$", "caf\xc3\xa9"), 1);    /* one character, not one byte */
    CHECK_EQ_INT(match("[0-9]{3}", "a12b"), 0);
    CHECK_EQ_INT(match("b", "a\xff" "b"), 1);          /* invalid UTF-8 subject: no error */
    CHECK_EQ_INT(match("(", "x"), -2);                 /* does not compile */
}

static void regex_limits(void)
{
    char big[MD_REGEX_MAX_PATTERN + 2];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    CHECK(md_regex_compile(big, strlen(big)) == NULL); /* pattern too long */
    big[MD_REGEX_MAX_PATTERN] = '\0';
    struct md_regex *re = md_regex_compile(big, strlen(big));
    CHECK(re != NULL);
    md_regex_free(re);

    /* glibc's regcomp took seconds and hundreds of MB on this one */
    clock_t t0 = clock();
    CHECK_EQ_INT(match("((.{1,200}){1,200}){1,10}", "100000016") >= 0, 1);
    /* catastrophic backtracking stops at the match limit instead of running on */
    char subject[64];
    memset(subject, 'a', 40);
    strcpy(subject + 40, "!");
    CHECK_EQ_INT(match("^(a+)+$", subject), -1);
    double cpu = (double)(clock() - t0) / CLOCKS_PER_SEC;
    CHECK(cpu < 5.0); /* generous: this is a bound, not a benchmark */
}

int main(void)
{
    T_RUN(regex_semantics);
    T_RUN(regex_limits);
    return t_done();
}
