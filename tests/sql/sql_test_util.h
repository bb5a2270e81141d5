/*
 * sql_test_util: helpers shared by the tests of src/sql/: parse text and compare the IR dump
 * (sql_dump_expr / sql_dump_plan) or the error (class, parameters, query context) with what
 * is expected. Each test file includes this header once.
 */
#ifndef SQL_TEST_UTIL_H
#define SQL_TEST_UTIL_H

#include "em_test.h"
#include "sql/sql.h"

#include <stdio.h>
#include <string.h>

/* The dump of an expression, or "ERROR <class>" (static buffer, valid until the next call). */
__attribute__((unused)) static const char *st_expr(const char *text)
{
    static char out[8192];
    em_arena a;
    em_arena_init(&a, 0);
    em_error err;
    em_error_clear(&err);
    pl_expr *e;
    if (sql_parse_expr(text, &a, &e, &err)) {
        snprintf(out, sizeof out, "ERROR %s", err.error_class);
    } else {
        em_str s;
        em_str_init(&s, 0);
        sql_dump_expr(e, &s);
        snprintf(out, sizeof out, "%s", s.data ? s.data : "");
        em_str_release(&s);
    }
    em_arena_release(&a);
    return out;
}

/* The dump of a statement's plan (lines joined with " | "), or "ERROR <class>". */
__attribute__((unused)) static const char *st_plan(const char *text)
{
    static char out[16384];
    em_arena a;
    em_arena_init(&a, 0);
    em_error err;
    em_error_clear(&err);
    pl_node *n;
    if (sql_parse_statement(text, &a, &n, &err)) {
        snprintf(out, sizeof out, "ERROR %s", err.error_class);
    } else {
        em_str s;
        em_str_init(&s, 0);
        sql_dump_plan(n, &s);
        size_t w = 0;
        for (size_t r = 0; r < s.len && w + 4 < sizeof out; r++) {
            if (s.data[r] == '\n') {
                if (r + 1 < s.len) {
                    memcpy(out + w, " | ", 3);
                    w += 3;
                }
                while (r + 1 < s.len && s.data[r + 1] == ' ')
                    r++;
            } else {
                out[w++] = s.data[r];
            }
        }
        out[w] = '\0';
        em_str_release(&s);
    }
    em_arena_release(&a);
    return out;
}

/* simpleString of a parsed type (which: 't' type, 's' schema_any, 'd' table schema,
   'j' JSON), or "ERROR <class>". */
__attribute__((unused)) static const char *st_type(char which, const char *text)
{
    static char out[4096];
    em_arena a;
    em_arena_init(&a, 0);
    em_error err;
    em_error_clear(&err);
    const ty *t = NULL;
    int rc = which == 't'   ? sql_parse_type(text, &a, &t, &err)
             : which == 's' ? sql_parse_schema_any(text, &a, &t, &err)
             : which == 'd' ? sql_parse_table_schema(text, &a, &t, &err)
             : which == 'l' ? sql_parse_local_schema(text, &a, &t, &err)
             : which == 'f' ? sql_parse_from_ddl(text, &a, &t, &err)
                            : sql_parse_json_type(text, &a, &t, &err);
    if (rc) {
        snprintf(out, sizeof out, "ERROR %s", err.error_class);
    } else {
        em_str s;
        em_str_init(&s, 0);
        ty_simple_string(t, &s);
        snprintf(out, sizeof out, "%s", s.data ? s.data : "");
        em_str_release(&s);
    }
    em_arena_release(&a);
    return out;
}

/* Parses as a statement (is_expr false) or expression and returns the error (cleared when the
   parse succeeded). */
__attribute__((unused)) static em_error st_error(const char *text, bool is_expr)
{
    em_arena a;
    em_arena_init(&a, 0);
    em_error err;
    em_error_clear(&err);
    if (is_expr) {
        pl_expr *e;
        sql_parse_expr(text, &a, &e, &err);
    } else {
        pl_node *n;
        sql_parse_statement(text, &a, &n, &err);
    }
    em_arena_release(&a);
    return err;
}

/* "class|name=value|name=value..." of an error (params in order), for one-line comparisons. */
__attribute__((unused)) static const char *st_err_line(const em_error *err)
{
    static char out[4096];
    size_t w = (size_t)snprintf(out, sizeof out, "%s", err->code ? err->error_class : "OK");
    for (int idx = 0; idx < err->n_params && w < sizeof out; idx++)
        w += (size_t)snprintf(out + w, sizeof out - w, "|%s=%s", err->params[idx].name,
                              err->params[idx].value);
    return out;
}

__attribute__((unused)) static const char *st_stmt_err(const char *text)
{
    em_error err = st_error(text, false);
    return st_err_line(&err);
}

__attribute__((unused)) static const char *st_expr_err(const char *text)
{
    em_error err = st_error(text, true);
    return st_err_line(&err);
}

#endif
