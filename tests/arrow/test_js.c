/*
 * test_js: the independent check of the encoder. Every shared case (arrow_cases.c) is encoded,
 * written to a temporary file with its expected description, and decoded by the official
 * Arrow JS library (tests/arrow/js/check.mjs). Skipped with a note when `node` or the
 * library's node_modules are missing (run `npm ci` in tests/arrow/js); when they are present,
 * any mismatch fails the test.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arrow/ipc.h"
#include "arrow_cases.h"
#include "arrow_test_util.h"
#include "common/em_mem.h"
#include "em_test.h"

#ifndef ARROW_TEST_JS_DIR
#define ARROW_TEST_JS_DIR "tests/arrow/js"
#endif

static bool tu_js_available(void)
{
    if (access(ARROW_TEST_JS_DIR "/node_modules/apache-arrow/package.json", R_OK) != 0) {
        printf("note: %s/node_modules missing (npm ci there); Arrow JS check skipped\n",
               ARROW_TEST_JS_DIR);
        return false;
    }
    if (system("node --version >/dev/null 2>&1") != 0) {
        printf("note: node not found; Arrow JS check skipped\n");
        return false;
    }
    return true;
}

/* {"batches":1,"rows":N,"fields":[...],"columns":[...]} */
static void tu_expected_json(const tu_case *c, em_str *out)
{
    em_str_printf(out, "{\"batches\":1,\"rows\":%lld,\"fields\":[", (long long)c->rows);
    for (int idx = 0; idx < c->n_cols; idx++)
        em_str_printf(out, "%s%s", idx ? "," : "", c->cols[idx].arrow);
    em_str_puts(out, "],\"columns\":[");
    for (int idx = 0; idx < c->n_cols; idx++)
        em_str_printf(out, "%s%s", idx ? "," : "", c->cols[idx].values);
    em_str_puts(out, "]}");
}

EM_TEST(js_decodes_every_case)
{
    if (!tu_js_available())
        return;
    em_arena a;
    em_arena_init(&a, 0);
    tu_case cases[16];
    int n = tu_cases(&a, cases, 16);
    em_str cmd;
    em_str_init(&cmd, 0);
    em_str_printf(&cmd, "node '%s/check.mjs'", ARROW_TEST_JS_DIR);
    const char *dir = tu_tmpdir();
    char path[512];
    for (int idx = 0; idx < n; idx++) {
        const tu_case *c = &cases[idx];
        const ty *schema = tu_case_schema(&a, c);
        vec_batch *batch = tu_case_batch(c);
        em_str out;
        em_str_init(&out, 0);
        em_error err;
        em_error_clear(&err);
        ipc_write_opts opts = {.timezone = c->tz};
        int rc = ipc_encode_stream(schema, batch, &opts, &out, &err);
        CHECK_EQ_INT(rc, 0);
        if (rc)
            fprintf(stderr, "  %s: %s\n", c->name, err.message);
        snprintf(path, sizeof path, "%s/%s.arrows", dir, c->name);
        CHECK(tu_write_file(path, out.data, out.len));
        em_str_printf(&cmd, " '%s'", path);
        em_str expected;
        em_str_init(&expected, 0);
        tu_expected_json(c, &expected);
        snprintf(path, sizeof path, "%s/%s.json", dir, c->name);
        CHECK(tu_write_file(path, expected.data, expected.len));
        em_str_printf(&cmd, " '%s'", path);
        em_str_release(&expected);
        em_str_release(&out);
        vec_batch_free(batch);
    }
    em_str_puts(&cmd, " 2>&1");
    FILE *p = popen(cmd.data, "r");
    CHECK(p != NULL);
    if (p) {
        char line[4096];
        while (fgets(line, sizeof line, p))
            printf("  arrow-js: %s", line);
        int status = pclose(p);
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    /* EMBER_ARROW_KEEP=1 keeps the streams for a look with other tools. */
    const char *keep = getenv("EMBER_ARROW_KEEP");
    if (keep && *keep == '1')
        printf("  streams kept in %s\n", dir);
    for (int idx = 0; idx < n && !(keep && *keep == '1'); idx++) {
        snprintf(path, sizeof path, "%s/%s.arrows", dir, cases[idx].name);
        unlink(path);
        snprintf(path, sizeof path, "%s/%s.json", dir, cases[idx].name);
        unlink(path);
    }
    if (!(keep && *keep == '1'))
        rmdir(dir);
    em_str_release(&cmd);
    em_arena_release(&a);
}
