/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Minimal test helpers: CHECK* record a failure and go on; T_RUN runs a
 * static void test function; t_done() prints "N passed, N failed" and gives
 * the exit status. */
#ifndef MD_T_H
#define MD_T_H
#include <stdio.h>
#include <string.h>
#include <inttypes.h>

static int t_checks, t_failed_checks, t_passed, t_failed, t_cur_failed;

#define CHECK(cond)                                                                    \
    do {                                                                               \
        t_checks++;                                                                    \
        if (!(cond)) {                                                                 \
            t_failed_checks++;                                                         \
            t_cur_failed = 1;                                                          \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);   \
        }                                                                              \
    } while (0)
#define CHECK_EQ_INT(a, b)                                                             \
    do {                                                                               \
        long long t_a_ = (long long)(a), t_b_ = (long long)(b);                        \
        t_checks++;                                                                    \
        if (t_a_ != t_b_) {                                                            \
            t_failed_checks++;                                                         \
            t_cur_failed = 1;                                                          \
            fprintf(stderr, "%s:%d: %s == %lld, expected %s == %lld\n", __FILE__,     \
                    __LINE__, #a, t_a_, #b, t_b_);                                     \
        }                                                                              \
    } while (0)
#define CHECK_EQ_STR(a, b)                                                             \
    do {                                                                               \
        const char *t_a_ = (a), *t_b_ = (b);                                           \
        t_checks++;                                                                    \
        if (!t_a_ || !t_b_ || strcmp(t_a_, t_b_) != 0) {                               \
            t_failed_checks++;                                                         \
            t_cur_failed = 1;                                                          \
            fprintf(stderr, "%s:%d: %s == \"%s\", expected \"%s\"\n", __FILE__,       \
                    __LINE__, #a, t_a_ ? t_a_ : "(null)", t_b_ ? t_b_ : "(null)");     \
        }                                                                              \
    } while (0)
#define T_RUN(fn)                                                                      \
    do {                                                                               \
        t_cur_failed = 0;                                                              \
        fn();                                                                          \
        if (t_cur_failed) {                                                            \
            t_failed++;                                                                \
            fprintf(stderr, "FAIL %s\n", #fn);                                         \
        } else {                                                                       \
            t_passed++;                                                                \
        }                                                                              \
    } while (0)

static inline int t_done(void)
{
    printf("%d passed, %d failed\n", t_passed, t_failed);
    return t_failed ? 1 : 0;
}
#endif
