/*
 * Collection functions against Spark's own SQL golden files: every query of array.sql,
 * map.sql, higher-order-functions.sql, generators.sql, struct.sql, try_element_at.sql and the
 * mapZipWith / mapconcat coercion files (ANSI, and the nonansi/ runs where Spark has them) goes
 * through the real parser, analyzer and executor (coll_harness). A query passes when the schema
 * line and the rows match Spark's (rows as a multiset when they differ only in order), or, for a
 * failure, when the error class and every message parameter match. Queries the harness cannot
 * run (tables of other suites, commands) are skipped.
 *
 * Each file must keep at least the number of passing queries given below (a ratchet: raise it
 * when more pass, never lower it); failures are listed on stderr. EMBER_GOLDEN_VERBOSE=1 prints
 * every failing query with what was expected.
 */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wformat-truncation"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../types/golden.h"
#include "coll_harness.h"
#include "common/em_mem.h"
#include "em_test.h"

typedef struct cg_stats {
    int pass, fail, skip;
} cg_stats;

static int cg_cmp_lines(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Equal as multisets of lines. */
static bool cg_same_rows(const char *x, const char *y)
{
    if (strcmp(x, y) == 0)
        return true;
    char *bx = em_strdup(x), *by = em_strdup(y);
    const char *lx[4096], *ly[4096];
    int nx = 0, ny = 0;
    char *p = bx;
    while (p && nx < 4096) {
        lx[nx++] = p;
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        p = nl ? nl + 1 : NULL;
    }
    p = by;
    while (p && ny < 4096) {
        ly[ny++] = p;
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        p = nl ? nl + 1 : NULL;
    }
    bool same = nx == ny;
    if (same) {
        qsort(lx, (size_t)nx, sizeof *lx, cg_cmp_lines);
        qsort(ly, (size_t)ny, sizeof *ly, cg_cmp_lines);
        for (int k = 0; k < nx && same; k++)
            same = strcmp(lx[k], ly[k]) == 0;
    }
    em_free(bx);
    em_free(by);
    return same;
}

static void cg_run_file(const char *name, bool ansi, cg_stats *st)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", GOLDEN_ROOT, name);
    golden_file f;
    if (!golden_load(path, &f)) {
        fprintf(stderr, "cannot read %s\n", path);
        st->fail++;
        return;
    }
    bool verbose = getenv("EMBER_GOLDEN_VERBOSE") != NULL;
    ch_env env;
    ch_init(&env, ansi);
    static char got[1 << 16];
    for (int i = 0; i < f.n; i++) {
        const golden_case *gc = &f.cases[i];
        int rc = ch_run(&env, gc->sql, got, sizeof got);
        golden_error ge;
        bool want_err = golden_parse_error(gc->output, &ge);
        if (rc == CH_SKIPPED) {
            st->skip++;
            continue;
        }
        bool ok;
        char why[2048] = "";
        if (want_err) {
            ok = rc != 0 && strcmp(env.err.error_class, ge.cls) == 0;
            if (!ok)
                snprintf(why, sizeof why, "got %s", rc ? env.err.error_class : got);
            for (int k = 0; ok && k < ge.n_params; k++) {
                const char *v = em_error_param_get(&env.err, ge.names[k]);
                if (!v || strcmp(v, ge.values[k]) != 0) {
                    ok = false;
                    snprintf(why, sizeof why, "%s: %s=%s, want %s", env.err.error_class,
                             ge.names[k], v ? v : "(none)", ge.values[k]);
                }
            }
        } else if (rc) {
            ok = false;
            char msg[1024];
            em_error_format(&env.err, msg, sizeof msg);
            snprintf(why, sizeof why, "error %s", msg);
        } else {
            /* commands print an empty schema and output */
            bool is_command = strcmp(gc->schema, "struct<>") == 0;
            ok = is_command ||
                 (strcmp(env.schema, gc->schema) == 0 && cg_same_rows(got, gc->output));
            if (!ok)
                snprintf(why, sizeof why, "got %s\n%s\n     want %s\n%s", env.schema, got,
                         gc->schema, gc->output);
        }
        if (ok) {
            st->pass++;
        } else {
            st->fail++;
            if (verbose)
                fprintf(stderr, "  [%s #%d] %s\n     %s\n", name, i, gc->sql, why);
        }
    }
    ch_release(&env);
    golden_free(&f);
}

#define CG_FILE(tname, file, ansi, floor)                                                          \
    EM_TEST(tname)                                                                                 \
    {                                                                                              \
        cg_stats st = {0, 0, 0};                                                                   \
        cg_run_file(file, ansi, &st);                                                              \
        fprintf(stderr, "%s: %d passed, %d failed, %d skipped\n", file, st.pass, st.fail,          \
                st.skip);                                                                          \
        CHECK(st.pass >= (floor));                                                                 \
    }

CG_FILE(golden_array, "array.sql.out", true, 85)
CG_FILE(golden_array_nonansi, "nonansi/array.sql.out", false, 85)
CG_FILE(golden_map, "map.sql.out", true, 10)
CG_FILE(golden_map_nonansi, "nonansi/map.sql.out", false, 10)
CG_FILE(golden_hof, "higher-order-functions.sql.out", true, 66)
CG_FILE(golden_hof_nonansi, "nonansi/higher-order-functions.sql.out", false, 66)
CG_FILE(golden_generators, "generators.sql.out", true, 51)
CG_FILE(golden_struct, "struct.sql.out", true, 14)
CG_FILE(golden_try_element_at, "try_element_at.sql.out", true, 8)
CG_FILE(golden_try_element_at_nonansi, "nonansi/try_element_at.sql.out", false, 8)
CG_FILE(golden_map_zip_with, "typeCoercion/native/mapZipWith.sql.out", true, 1)
CG_FILE(golden_map_concat, "typeCoercion/native/mapconcat.sql.out", true, 8)

int main(int c, char **v)
{
    return em_test_main(c, v);
}
