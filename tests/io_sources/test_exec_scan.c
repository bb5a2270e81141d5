/*
 * The executor's file scan (exec/op_scan_source.c) over resolved sources: plans built by hand in
 * the analyzer's resolved form, run with ex_run_all. The column pushdown is observable through
 * Spark's CSV rule (SQL migration guide, 2.4: "CSV row is considered as malformed only when it
 * contains malformed column values requested from CSV datasource, other values can be
 * ignored"): under DROPMALFORMED a row whose bad value sits in a column the plan does not read
 * is kept.
 */
#include <stdio.h>
#include <string.h>

#include "common/em_mem.h"
#include "exec/ex.h"
#include "src_util.h"
#include "types/ty_format.h"

#define OPTS(...) ((const char *const[]){__VA_ARGS__, NULL})

static int64_t es_next_id = 1;

/* The resolved PL_READ_SOURCE the analyzer makes (out = the source's schema, nullable). */
static pl_node *es_read(io_source *src)
{
    const ty *t = io_source_schema(src);
    pl_node *n = pl_node_new(&S.a, PL_READ_SOURCE, 0);
    n->n_out = t->n_fields;
    n->out = em_arena_calloc(&S.a, (size_t)t->n_fields + 1, sizeof(pl_attr));
    for (int i = 0; i < t->n_fields; i++) {
        n->out[i].name = t->fields[i].name;
        n->out[i].type = t->fields[i].type;
        n->out[i].nullable = true;
        n->out[i].id = es_next_id++;
        n->out[i].plan_id = -1;
    }
    n->u.read.source = src;
    n->resolved = true;
    return n;
}

static pl_node *es_project(pl_node *child, int col)
{
    pl_expr *e = pl_expr_new(&S.a, PX_COLREF, 0);
    e->col_index = col;
    e->attr_id = child->out[col].id;
    e->type = child->out[col].type;
    e->nullable = true;
    e->name = child->out[col].name;
    e->resolved = true;
    pl_node *n = pl_node_new(&S.a, PL_PROJECT, 1);
    n->children[0] = child;
    n->n_exprs = 1;
    n->exprs = em_arena_calloc(&S.a, 1, sizeof *n->exprs);
    n->exprs[0] = e;
    n->n_out = 1;
    n->out = em_arena_calloc(&S.a, 1, sizeof *n->out);
    n->out[0] = child->out[col];
    n->out[0].id = es_next_id++;
    n->resolved = true;
    return n;
}

static const char *es_run(const pl_node *root)
{
    pl_session_opts opts;
    memset(&opts, 0, sizeof opts);
    opts.time_zone = "UTC";
    opts.batch_rows = 2;
    vec_batch *b = NULL;
    em_error_clear(&S.err);
    if (ex_run_all(root, &opts, &b, &S.err))
        return em_arena_printf(&S.a, "ERROR:%s", S.err.error_class);
    em_str out;
    em_str_init(&out, 1 << 20);
    ty_format_opts fo = {.pretty = true};
    for (int64_t r = 0; r < b->n_rows; r++) {
        if (r)
            em_str_putc(&out, '|');
        for (int c = 0; c < b->n_cols; c++) {
            if (c)
                em_str_putc(&out, ',');
            ty_format_cell(b->cols[c], r, &fo, &out);
        }
    }
    const char *res = em_arena_strdup(&S.a, out.data ? out.data : "");
    em_str_release(&out);
    vec_batch_free(b);
    return res;
}

EM_TEST(exec_scan_pushdown_csv_rules)
{
    src_begin();
    src_write("c/a.csv", "1,x\n2,3\nzz,4\n", -1);
    io_source *s =
        src_resolve("csv", src_path("c"), src_struct("a:int,b:int"), OPTS("mode=DROPMALFORMED"));
    CHECK(s != NULL);
    if (s) {
        /* every column: rows with a bad a or b drop */
        CHECK_EQ_STR(es_run(es_read(s)), "2,3");
        /* only a: the bad b of row 1 is not read */
        CHECK_EQ_STR(es_run(es_project(es_read(s), 0)), "1|2");
        /* only b */
        CHECK_EQ_STR(es_run(es_project(es_read(s), 1)), "3|4");
    }
    src_end();
}

/* Partition columns come from folder names, data columns from the files, in batches smaller
   than a file (batch_rows = 2). */
EM_TEST(exec_scan_partitions)
{
    src_begin();
    src_write("p/k=1/f.json", "{\"v\":10}\n{\"v\":11}\n{\"v\":12}\n", -1);
    src_write("p/k=2/f.json", "{\"v\":20}\n", -1);
    io_source *s = src_resolve("json", src_path("p"), NULL, NULL);
    CHECK(s && strcmp(src_schema(s), "struct<v:bigint,k:int>") == 0);
    if (s) {
        CHECK_EQ_STR(es_run(es_read(s)), "10,1|11,1|12,1|20,2");
        CHECK_EQ_STR(es_run(es_project(es_read(s), 1)), "1|1|1|2");
    }
    src_end();
}
