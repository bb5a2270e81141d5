/* em_test: runner for EM_TEST cases (see em_test.h). Optional argv[1] filters by substring. */
#include "em_test.h"

#include <stdlib.h>

#define EM_TEST_MAX 4096

static struct {
    const char *name;
    em_test_fn fn;
} em_tests[EM_TEST_MAX];
static int em_n_tests;
int em_test_case_failed;

void em_test_register(const char *name, em_test_fn fn)
{
    if (em_n_tests < EM_TEST_MAX) {
        em_tests[em_n_tests].name = name;
        em_tests[em_n_tests].fn = fn;
        em_n_tests++;
    }
}

void em_test_fail(const char *file, int line, const char *what)
{
    fprintf(stderr, "  FAIL %s:%d: %s\n", file, line, what);
    em_test_case_failed = 1;
}

int em_test_main(int argc, char **argv)
{
    const char *filter = argc > 1 ? argv[1] : NULL;
    int passed = 0, failed = 0;
    for (int i = 0; i < em_n_tests; i++) {
        if (filter && !strstr(em_tests[i].name, filter))
            continue;
        em_test_case_failed = 0;
        em_tests[i].fn();
        if (em_test_case_failed) {
            fprintf(stderr, "FAILED %s\n", em_tests[i].name);
            failed++;
        } else {
            passed++;
        }
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
