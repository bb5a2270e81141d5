/*
 * pi_main.h: the plan-identity test's shared definitions. Each case file (pi_cases_*.c) holds C
 * programs written with libember that do what one captured PySpark docstring does; the harness
 * (plan_identity.c) runs each program against the mock server (cl_test_mock.h), collects the
 * ExecutePlan requests libember sends, and compares them with the captured PySpark requests
 * (pi_compare.h).
 *
 * Writing a program: call PI_EX(c, k) before the code of docstring example k (the index in the
 * capture's cases.json), then build DataFrames with the helpers below. Every helper registers
 * what it creates for freeing at the end; actions ignore their (expected) mock errors — the
 * capture's mock failed every root-relation execution too.
 */
#ifndef PI_MAIN_H
#define PI_MAIN_H

#include <stdbool.h>
#include <stddef.h>

#include "ember.h"

#define PI_MAX_KEEP     512
#define PI_MAX_EXAMPLES 128

typedef struct pi_ctx {
    ember_session *s;
    struct cl_mock *m;
    ember_dataframe *keep[PI_MAX_KEEP];
    int n_keep;
    bool declared[PI_MAX_EXAMPLES]; /* examples the program covers */
    bool failed_local;              /* a libember builder failed (a bug in the program) */
    char local_error[512];
} pi_ctx;

typedef void (*pi_fn)(pi_ctx *c);

typedef struct pi_case {
    const char *docstring; /* capture folder name */
    pi_fn fn;
} pi_case;

/* Marks the start of example k. */
void pi_ex(pi_ctx *c, int k);
#define PI_EX(c, k) pi_ex((c), (k))
/* Marks the start of example k whose capture has no ExecutePlan (not compared). */
void pi_tag(pi_ctx *c, int k);

/* spark.createDataFrame(rows, names): schema/rows in cl_test_data.h syntax; names is a
 * comma-separated list for toDF or NULL (Row / dict data, or a DDL/JSON schema given). */
ember_dataframe *pi_df(pi_ctx *c, const char *schema, const char *rows, const char *names);
/* createDataFrame(rows, "ddl schema"): the schema string goes to ember_create_dataframe. */
ember_dataframe *pi_df_schema(pi_ctx *c, const char *arrow_schema, const char *rows,
                              const char *schema_arg);
/* Registers a DataFrame for freeing; returns it. Fails the case on NULL. */
ember_dataframe *pi_keep(pi_ctx *c, ember_dataframe *df, int rc, const ember_error *err);

/* Transformations (NULL-terminated column lists; columns are consumed). */
ember_dataframe *pi_select(pi_ctx *c, ember_dataframe *df, ...);
ember_dataframe *pi_select_names(pi_ctx *c, ember_dataframe *df, ...); /* strings -> F.col */
ember_dataframe *pi_select_expr(pi_ctx *c, ember_dataframe *df, ...);  /* strings */
ember_dataframe *pi_filter(pi_ctx *c, ember_dataframe *df, ember_column *cond);
ember_dataframe *pi_filter_expr(pi_ctx *c, ember_dataframe *df, const char *cond);
ember_dataframe *pi_with_column(pi_ctx *c, ember_dataframe *df, const char *name,
                                ember_column *col);
ember_dataframe *pi_renamed(pi_ctx *c, ember_dataframe *df, const char *from, const char *to);
ember_dataframe *pi_sort(pi_ctx *c, ember_dataframe *df, ...);
ember_dataframe *pi_sort_names(pi_ctx *c, ember_dataframe *df, ...); /* strings -> F.col asc */
ember_dataframe *pi_limit(pi_ctx *c, ember_dataframe *df, int n);
ember_dataframe *pi_offset(pi_ctx *c, ember_dataframe *df, int n);
ember_dataframe *pi_drop_names(pi_ctx *c, ember_dataframe *df, ...);
ember_dataframe *pi_drop_cols(pi_ctx *c, ember_dataframe *df, ...);
ember_dataframe *pi_distinct(pi_ctx *c, ember_dataframe *df);
ember_dataframe *pi_dedup(pi_ctx *c, ember_dataframe *df, ...); /* names; none = all */
ember_dataframe *pi_union(pi_ctx *c, ember_dataframe *a, ember_dataframe *b);
ember_dataframe *pi_union_by_name(pi_ctx *c, ember_dataframe *a, ember_dataframe *b, bool miss);
ember_dataframe *pi_intersect(pi_ctx *c, ember_dataframe *a, ember_dataframe *b, bool all);
ember_dataframe *pi_except(pi_ctx *c, ember_dataframe *a, ember_dataframe *b, bool all);
ember_dataframe *pi_join(pi_ctx *c, ember_dataframe *a, ember_dataframe *b, ember_column *on,
                         const char *how);
ember_dataframe *pi_join_using(pi_ctx *c, ember_dataframe *a, ember_dataframe *b, const char *how,
                               ...);
ember_dataframe *pi_alias(pi_ctx *c, ember_dataframe *df, const char *alias);
ember_dataframe *pi_to_df(pi_ctx *c, ember_dataframe *df, ...);
ember_dataframe *pi_group_agg(pi_ctx *c, ember_dataframe *df, ember_column **group, int n_group,
                              ember_column **aggs, int n_aggs);
ember_dataframe *pi_agg(pi_ctx *c, ember_dataframe *df, ...);
ember_dataframe *pi_range(pi_ctx *c, long long start, long long end, long long step);
/* spark.range(start, end, step, numPartitions); parts 0 = unset. */
ember_dataframe *pi_range_p(pi_ctx *c, long long start, long long end, long long step, int parts);
ember_dataframe *pi_sql(pi_ctx *c, const char *query);
ember_dataframe *pi_table(pi_ctx *c, const char *name);

/* Actions (errors ignored). show uses PySpark's defaults n=20, truncate=True (20). */
void pi_show(pi_ctx *c, ember_dataframe *df);
void pi_show_n(pi_ctx *c, ember_dataframe *df, int n, int truncate, bool vertical);
void pi_collect(pi_ctx *c, ember_dataframe *df);
void pi_count(pi_ctx *c, ember_dataframe *df);
void pi_take(pi_ctx *c, ember_dataframe *df, int n);
void pi_is_empty(pi_ctx *c, ember_dataframe *df);
void pi_view(pi_ctx *c, ember_dataframe *df, const char *name, bool replace, bool global);

/* Column shorthands. */
#define COL(n)        ember_col(n)
#define DCOL(df, n)   ember_df_col((df), (n))
#define LIT_I(v)      ember_lit_int(v)
#define LIT_L(v)      ember_lit_long(v)
#define LIT_D(v)      ember_lit_double(v)
#define LIT_S(v)      ember_lit_string(v)
#define LIT_B(v)      ember_lit_bool(v)
#define FN(name, ...) ember_call((name), __VA_ARGS__, NULL)
#define FN0(name)     ember_call((name), NULL)

/* The case tables, one per file. */
extern const pi_case pi_cases_dataframe[];
extern const pi_case pi_cases_column[];
extern const pi_case pi_cases_functions[];
extern const pi_case pi_cases_misc[];
extern const pi_case pi_cases_io[];

#endif
