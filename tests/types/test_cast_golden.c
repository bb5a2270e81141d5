/*
 * Golden-driven cast tests: every `SELECT CAST('<text>' AS <type>)` query of Spark's own
 * cast.sql.out (ANSI on, Spark 4 default) and nonansi/cast.sql.out (ANSI off) is replayed
 * through ty_cast_vec, and the value (as HiveResult prints it) or the error class and message
 * parameters must match Spark's recorded answer. The suite's session time zone is
 * America/Los_Angeles (spark-sql-tests/test-tables/README.md).
 */

/* CHECK_EQ_STR copies both strings into a fixed message buffer; optimized builds warn that long
   results may be cut in the failure message, which is fine for a test report. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wformat-truncation"
#endif

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "common/em_mem.h"
#include "em_test.h"
#include "golden.h"
#include "types/ty_cast.h"
#include "types/ty_format.h"

/* Parses a SQL type name as the golden queries write them. */
static const ty *parse_type(const char *s, em_arena *a)
{
    char name[32];
    size_t i = 0;
    while (s[i] && (isalnum((unsigned char)s[i]) || s[i] == '_') && i < sizeof name - 1) {
        name[i] = (char)tolower((unsigned char)s[i]);
        i++;
    }
    name[i] = '\0';
    const char *rest = s + i;
    while (*rest == ' ')
        rest++;
    if (!strcmp(name, "int") || !strcmp(name, "integer"))
        return ty_int();
    if (!strcmp(name, "long") || !strcmp(name, "bigint"))
        return ty_long();
    if (!strcmp(name, "smallint") || !strcmp(name, "short"))
        return ty_short();
    if (!strcmp(name, "tinyint") || !strcmp(name, "byte"))
        return ty_byte();
    if (!strcmp(name, "float") || !strcmp(name, "real"))
        return ty_float();
    if (!strcmp(name, "double"))
        return ty_double();
    if (!strcmp(name, "boolean"))
        return ty_boolean();
    if (!strcmp(name, "string"))
        return ty_string();
    if (!strcmp(name, "date"))
        return ty_date();
    if (!strcmp(name, "timestamp"))
        return ty_timestamp();
    if (!strcmp(name, "timestamp_ntz"))
        return ty_timestamp_ntz();
    if (!strcmp(name, "binary"))
        return ty_binary();
    if (!strcmp(name, "dec") || !strcmp(name, "decimal") || !strcmp(name, "numeric")) {
        int p = 10, sc = 0;
        if (*rest == '(') {
            if (sscanf(rest, "(%d , %d)", &p, &sc) < 1 && sscanf(rest, "(%d,%d)", &p, &sc) < 1)
                return NULL;
        }
        return ty_decimal(a, p, sc);
    }
    return NULL;
}

/* `SELECT CAST('<lit>' AS <type>)`: returns the unescaped literal and the type text. */
static bool parse_query(const char *sql, char *lit, size_t cap, const char **type_text)
{
    if (strncasecmp(sql, "select cast('", 13) != 0)
        return false;
    const char *p = sql + 13;
    size_t n = 0;
    while (*p && *p != '\'') {
        char c = *p++;
        if (c == '\\' && *p) {
            char d = *p++;
            switch (d) {
            case 't':
                c = '\t';
                break;
            case 'n':
                c = '\n';
                break;
            case 'r':
                c = '\r';
                break;
            case 'b':
                c = '\b';
                break;
            case '0':
                c = '\0';
                break;
            default:
                c = d;
            }
        }
        if (n + 1 < cap)
            lit[n++] = c;
    }
    lit[n] = '\0';
    if (*p != '\'')
        return false;
    p++;
    if (strncasecmp(p, " as ", 4) != 0)
        return false;
    *type_text = p + 4;
    const char *close = strrchr(p, ')');
    if (!close)
        return false;
    const char *after = close + 1;
    while (*after == ' ' || *after == ';')
        after++;
    return *after == '\0';
}

static int run_file(const char *path, bool ansi, int *n_run)
{
    golden_file f;
    if (!golden_load(path, &f)) {
        fprintf(stderr, "cannot read %s\n", path);
        return 1;
    }
    int failures = 0;
    pl_session_opts opts = {.ansi = ansi, .time_zone = "America/Los_Angeles"};
    for (int i = 0; i < f.n; i++) {
        const golden_case *gc = &f.cases[i];
        char lit[512];
        const char *type_text;
        if (!parse_query(gc->sql, lit, sizeof lit, &type_text))
            continue;
        em_arena a;
        em_arena_init(&a, 0);
        const ty *to = parse_type(type_text, &a);
        if (!to) {
            em_arena_release(&a);
            continue;
        }
        (*n_run)++;
        vec *in = vec_new(ty_string(), 1);
        vec_append_str(in, lit, (int64_t)strlen(lit), NULL);
        vec *out = NULL;
        em_error err;
        em_error_clear(&err);
        int rc = ty_cast_vec(in, to, PX_EVAL_UNSPECIFIED, &opts, &out, &err);
        golden_error ge;
        bool want_error = golden_parse_error(gc->output, &ge);
        bool ok;
        char got[1024] = "";
        if (want_error) {
            ok = rc != 0 && strcmp(err.error_class, ge.cls) == 0;
            for (int k = 0; ok && k < ge.n_params; k++) {
                const char *v = em_error_param_get(&err, ge.names[k]);
                if (!v || strcmp(v, ge.values[k]) != 0)
                    ok = false;
            }
            snprintf(got, sizeof got, "rc=%d %s", rc, rc ? err.error_class : "(no error)");
        } else {
            ok = rc == 0;
            if (ok) {
                em_str s;
                em_str_init(&s, 0);
                ty_format_value(out, 0, &opts, &s);
                snprintf(got, sizeof got, "%s", s.data ? s.data : "");
                em_str_release(&s);
                ok = strcmp(got, gc->output) == 0;
            } else {
                snprintf(got, sizeof got, "error %s", err.error_class);
            }
        }
        if (!ok) {
            failures++;
            fprintf(stderr, "  golden mismatch (%s, ansi=%d): %s\n    want: %s\n    got:  %s\n",
                    path, ansi, gc->sql, want_error ? ge.cls : gc->output, got);
            if (want_error && rc)
                for (int k = 0; k < err.n_params; k++)
                    fprintf(stderr, "      %s=%s\n", err.params[k].name, err.params[k].value);
        }
        vec_release(in);
        vec_release(out);
        em_arena_release(&a);
    }
    golden_free(&f);
    return failures;
}

/* Spark's results/cast.sql.out (ANSI mode, the Spark 4 default). */
EM_TEST(golden_cast_ansi)
{
    int n = 0;
    int fails = run_file(GOLDEN_ROOT "/cast.sql.out", true, &n);
    printf("  cast.sql.out: %d string casts replayed, %d mismatches\n", n, fails);
    CHECK(n > 20);
    CHECK_EQ_INT(fails, 0);
}

/* Spark's results/nonansi/cast.sql.out (spark.sql.ansi.enabled=false). */
EM_TEST(golden_cast_nonansi)
{
    int n = 0;
    int fails = run_file(GOLDEN_ROOT "/nonansi/cast.sql.out", false, &n);
    printf("  nonansi/cast.sql.out: %d string casts replayed, %d mismatches\n", n, fails);
    CHECK(n > 20);
    CHECK_EQ_INT(fails, 0);
}

int main(int c, char **v)
{
    return em_test_main(c, v);
}
