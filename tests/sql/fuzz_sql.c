/*
 * fuzz_sql: libFuzzer target for the SQL front door. Each input is parsed through every entry
 * point of sql.h (statement, expression, data type, schema with its JSON fallback, identifier)
 * and, when it parses, dumped, so the whole IR is walked. A pass means no crash, leak, hang or
 * sanitizer report; parse errors are expected and ignored.
 */
#include "sql/sql.h"

#include "common/em_mem.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > (1 << 16))
        return 0;
    char *text = em_malloc(size + 1);
    memcpy(text, data, size);
    text[size] = '\0';
    em_arena arena;
    em_arena_init(&arena, 0);
    em_error err;
    em_str out;
    em_str_init(&out, 1 << 20);

    pl_node *plan;
    em_error_clear(&err);
    if (sql_parse_statement(text, &arena, &plan, &err) == EM_OK)
        sql_dump_plan(plan, &out);
    pl_expr *expr;
    em_error_clear(&err);
    if (sql_parse_expr(text, &arena, &expr, &err) == EM_OK)
        sql_dump_expr(expr, &out);
    const ty *type;
    em_error_clear(&err);
    if (sql_parse_type(text, &arena, &type, &err) == EM_OK)
        ty_simple_string(type, &out);
    em_error_clear(&err);
    if (sql_parse_local_schema(text, &arena, &type, &err) == EM_OK)
        ty_json(type, &out);
    int n_parts;
    const char **parts;
    em_error_clear(&err);
    sql_parse_identifier(text, &arena, &n_parts, &parts, &err);
    char buf[1024];
    em_error_format(&err, buf, sizeof buf);

    em_str_release(&out);
    em_arena_release(&arena);
    em_free(text);
    return 0;
}
