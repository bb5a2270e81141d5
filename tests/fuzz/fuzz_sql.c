/*
 * fuzz_sql (target fuzz_sql_golden): the SQL text surface — any bytes as the text of spark.sql(),
 * expr() / selectExpr, a DDL type string and a schema string. Every entry point must end in a tree
 * or a clean error (PARSE_SYNTAX_ERROR, FAILED_TO_PARSE_TOO_COMPLEX...): no crash, no hang, no
 * leak, whatever the nesting (the parser's SQL_MAX_DEPTH guard) or the length. The first byte picks
 * the parser options, so the ANSI keyword and double-quoted-identifier modes are covered too; the
 * rest is the text (NUL bytes end it early, as a C string would).
 */
#include "common/em_arena.h"
#include "common/em_mem.h"
#include "common/em_str.h"
#include "sql/sql.h"

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The server parses on operation threads of 16 MiB (connect/cn_op.c); the parser's depth guard
   is sized for that contract (src/sql/README.md), so the harness parses on such a thread too. */
#define FUZZ_SQL_STACK_BYTES (16u << 20)

typedef struct fuzz_sql_job {
    const uint8_t *data;
    size_t size;
} fuzz_sql_job;

static void *fuzz_sql_run(void *arg)
{
    const fuzz_sql_job *job = arg;
    const uint8_t *data = job->data;
    size_t size = job->size;
    sql_opts opts;
    sql_opts_default(&opts);
    uint8_t mode = data[0];
    opts.enforce_reserved_keywords = mode & 1;
    opts.double_quoted_identifiers = mode & 2;
    opts.timestamp_ntz = mode & 4;
    opts.escaped_string_literals = mode & 8;
    opts.legacy_bang_equals_not = mode & 16;
    char *text = em_malloc(size);
    memcpy(text, data + 1, size - 1);
    text[size - 1] = '\0';

    em_arena arena;
    em_arena_init(&arena, 0);
    em_error err;
    em_error_clear(&err);
    em_str dump;
    em_str_init(&dump, 1 << 20);
    pl_node *plan = NULL;
    if (sql_parse_statement_ex(text, &opts, NULL, &arena, &plan, &err) == EM_OK && plan)
        sql_dump_plan(plan, &dump); /* walks the whole tree */
    em_error_clear(&err);
    pl_expr *expr = NULL;
    if (sql_parse_expr_ex(text, &opts, NULL, &arena, &expr, &err) == EM_OK && expr)
        sql_dump_expr(expr, &dump);
    em_error_clear(&err);
    const ty *type = NULL;
    sql_parse_type_ex(text, &opts, &arena, &type, &err);
    em_error_clear(&err);
    sql_parse_from_ddl(text, &arena, &type, &err);
    em_error_clear(&err);
    em_str_release(&dump);
    em_arena_release(&arena);
    em_free(text);
    return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0 || size > (1u << 20))
        return 0;
    fuzz_sql_job job = {data, size};
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, FUZZ_SQL_STACK_BYTES);
    pthread_t th;
    if (pthread_create(&th, &attr, fuzz_sql_run, &job) == 0)
        pthread_join(th, NULL);
    pthread_attr_destroy(&attr);
    return 0;
}
