/*
 * em_test: a minimal assertion harness for unit tests. Each test binary defines cases with
 * EM_TEST(name) and calls em_test_main(argc, argv) which runs them and prints one line
 * "N passed, M failed" at the end. A failed CHECK records the failure and continues the case.
 */
#ifndef EM_TEST_H
#define EM_TEST_H

#include <stdio.h>
#include <string.h>

typedef void (*em_test_fn)(void);
void em_test_register(const char *name, em_test_fn fn);
int em_test_main(int argc, char **argv);
void em_test_fail(const char *file, int line, const char *what);
extern int em_test_case_failed;

#define EM_TEST(name)                                                                              \
    static void name(void);                                                                        \
    __attribute__((constructor)) static void name##_register(void)                                 \
    {                                                                                              \
        em_test_register(#name, name);                                                             \
    }                                                                                              \
    static void name(void)

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond))                                                                               \
            em_test_fail(__FILE__, __LINE__, #cond);                                               \
    } while (0)

#define CHECK_EQ_INT(a, b)                                                                         \
    do {                                                                                           \
        long long em_a_ = (long long)(a), em_b_ = (long long)(b);                                  \
        if (em_a_ != em_b_) {                                                                      \
            char em_m_[256];                                                                       \
            snprintf(em_m_, sizeof em_m_, "%s == %s (%lld vs %lld)", #a, #b, em_a_, em_b_);        \
            em_test_fail(__FILE__, __LINE__, em_m_);                                               \
        }                                                                                          \
    } while (0)

#define CHECK_EQ_STR(a, b)                                                                         \
    do {                                                                                           \
        const char *em_a_ = (a), *em_b_ = (b);                                                     \
        if (!em_a_ || !em_b_ || strcmp(em_a_, em_b_) != 0) {                                       \
            char em_m_[2048];                                                                      \
            snprintf(em_m_, sizeof em_m_, "%s == %s\n  got:  [%s]\n  want: [%s]", #a, #b,          \
                     em_a_ ? em_a_ : "(null)", em_b_ ? em_b_ : "(null)");                          \
            em_test_fail(__FILE__, __LINE__, em_m_);                                               \
        }                                                                                          \
    } while (0)

#endif
