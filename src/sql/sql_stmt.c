/*
 * sql_stmt: the entry points of sql.h and statement dispatch. A statement is recognized by
 * its leading keyword; queries are parsed (sql_query.c), every other statement kind is named in
 * an UNSUPPORTED_FEATURE.NOT_IMPLEMENTED error until its handler exists: sql_stmt_table is
 * where the data-source and catalog work plugs its parsers in.
 *
 * Each entry point runs the same frame: lex, parse the start rule, demand end of input
 * (Spark's `... EOF` rules, with its "extra input" hint), check the built tree's depth, then
 * report the unclosed-comment and deferred errors in Spark's order (sql_parser_finish).
 */
#include "sql/sql_int.h"

#include <string.h>

/* ---- shared frame --------------------------------------------------------------------------- */

/* Java's String.trim().isEmpty(): only characters <= ' '. */
static bool sql_text_blank(const char *text)
{
    for (const unsigned char *c = (const unsigned char *)(text ? text : ""); *c; c++)
        if (*c > ' ')
            return false;
    return true;
}

static int sql_begin(sql_parser *p, const char *text, const sql_opts *opts,
                     const sql_params *params, em_arena *arena, em_error *err)
{
    if (sql_text_blank(text))
        return em_error_set(err, "PARSE_EMPTY_STATEMENT", NULL);
    if (params && params->n_pos > 0 && params->n_named > 0)
        return em_error_set(err, "INVALID_QUERY_MIXED_QUERY_PARAMETERS", NULL);
    return sql_parser_init(p, text, opts, params, arena, err);
}

/* Demands the end of input (after optional semicolons when allowed). */
static int sql_expect_end(sql_parser *p, bool semicolons)
{
    if (semicolons)
        while (sql_accept(p, TK_SEMI))
            ;
    if (sql_peek(p) == TK_EOF)
        return EM_OK;
    return sql_syntax_error_end(p);
}

/* Depth of what was built, bounded: FAILED_TO_PARSE_TOO_COMPLEX past SQL_MAX_DEPTH (what
   Spark reports when its tree walks overflow the stack). */
static bool sql_expr_too_deep(const pl_expr *e, int depth);

static bool sql_exprs_too_deep(pl_expr *const *v, int n, int depth)
{
    for (int idx = 0; idx < n; idx++)
        if (sql_expr_too_deep(v[idx], depth))
            return true;
    return false;
}

static bool sql_expr_too_deep(const pl_expr *e, int depth)
{
    if (!e)
        return false;
    if (depth > SQL_MAX_DEPTH)
        return true;
    if (sql_exprs_too_deep(e->args, e->n_args, depth + 1))
        return true;
    if (e->window) {
        const pl_window_spec *w = e->window;
        if (sql_exprs_too_deep(w->partition, w->n_partition, depth + 1) ||
            sql_exprs_too_deep(w->order, w->n_order, depth + 1) ||
            sql_expr_too_deep(w->lower.value, depth + 1) ||
            sql_expr_too_deep(w->upper.value, depth + 1))
            return true;
    }
    return false;
}

static bool sql_plan_too_deep(const pl_node *n, int depth)
{
    if (!n)
        return false;
    if (depth > SQL_MAX_DEPTH)
        return true;
    if (sql_exprs_too_deep(n->exprs, n->n_exprs, 0) ||
        sql_exprs_too_deep(n->groups, n->n_groups, 0))
        return true;
    switch (n->kind) {
    case PL_FILTER:
        if (sql_expr_too_deep(n->u.filter.cond, 0))
            return true;
        break;
    case PL_JOIN:
        if (sql_expr_too_deep(n->u.join.cond, 0))
            return true;
        break;
    case PL_INLINE_TABLE:
        if (sql_exprs_too_deep(n->u.inline_table.values,
                               n->u.inline_table.n_rows * n->u.inline_table.n_cols, 0))
            return true;
        break;
    case PL_AGGREGATE:
        for (int idx = 0; idx < n->u.agg.n_sets; idx++)
            if (sql_exprs_too_deep(n->u.agg.sets[idx], n->u.agg.set_sizes[idx], 0))
                return true;
        break;
    default:
        break;
    }
    for (int idx = 0; idx < n->n_children; idx++)
        if (sql_plan_too_deep(n->children[idx], depth + 1))
            return true;
    return false;
}

static int sql_end(sql_parser *p, int rc, bool too_deep)
{
    if (rc == EM_OK && too_deep)
        rc = em_error_set(p->err, "FAILED_TO_PARSE_TOO_COMPLEX", NULL);
    if (rc == EM_OK)
        rc = sql_parser_finish(p);
    sql_parser_release(p);
    return rc;
}

/* ---- statements -------------------------------------------------------------------------- */

/* Words that name the object of a statement: the feature name stops after the first. */
static bool sql_is_object_word(sql_kw kw)
{
    switch (kw) {
    case KW_TABLE:
    case KW_TABLES:
    case KW_VIEW:
    case KW_VIEWS:
    case KW_FUNCTION:
    case KW_FUNCTIONS:
    case KW_DATABASE:
    case KW_DATABASES:
    case KW_SCHEMA:
    case KW_SCHEMAS:
    case KW_NAMESPACE:
    case KW_NAMESPACES:
    case KW_INDEX:
    case KW_COLUMNS:
    case KW_PARTITIONS:
    case KW_CATALOG:
    case KW_CATALOGS:
    case KW_VARIABLE:
    case KW_TBLPROPERTIES:
    case KW_PROCEDURE:
    case KW_PROCEDURES:
    case KW_CACHE:
    case KW_DATA:
    case KW_INTO:
    case KW_OVERWRITE:
    case KW_FROM:
    case KW_IMMEDIATE:
        return true;
    default:
        return false;
    }
}

/* Leading keywords a statement other than a query starts with. */
static bool sql_is_statement_word(sql_kw kw)
{
    switch (kw) {
    case KW_CREATE:
    case KW_REPLACE:
    case KW_ALTER:
    case KW_DROP:
    case KW_INSERT:
    case KW_SET:
    case KW_RESET:
    case KW_SHOW:
    case KW_DESCRIBE:
    case KW_DESC:
    case KW_EXPLAIN:
    case KW_USE:
    case KW_CACHE:
    case KW_UNCACHE:
    case KW_CLEAR:
    case KW_REFRESH:
    case KW_TRUNCATE:
    case KW_MSCK:
    case KW_REPAIR:
    case KW_ANALYZE:
    case KW_LOAD:
    case KW_ADD:
    case KW_LIST:
    case KW_DELETE:
    case KW_UPDATE:
    case KW_MERGE:
    case KW_DECLARE:
    case KW_EXECUTE:
    case KW_CALL:
    case KW_COMMENT:
    case KW_GRANT:
    case KW_REVOKE:
    case KW_BEGIN:
    case KW_START:
    case KW_COMMIT:
    case KW_ROLLBACK:
    case KW_DFS:
    case KW_EXPORT:
    case KW_IMPORT:
    case KW_LOCK:
    case KW_UNLOCK:
        return true;
    default:
        return false;
    }
}

/* A statement Ember does not run yet: names it from its leading keywords ("CREATE TABLE",
   "SHOW TABLES", "INSERT INTO", "SET", "EXPLAIN") and raises NOT_IMPLEMENTED. */
static int sql_unsupported_statement(sql_parser *p)
{
    em_str s;
    em_str_init(&s, 256);
    int start = sql_cur_start(p), stop = start;
    for (int idx = 0; idx < 6; idx++) {
        const sql_token *t = sql_tok(p, idx);
        if (t->kind != TK_IDENT || t->kw == KW__NONE)
            break;
        if (idx > 0 && t->kw == KW_NOT)
            break;
        if (s.len)
            em_str_putc(&s, ' ');
        for (int c = t->start; c <= t->stop; c++) {
            char ch = p->text[c];
            em_str_putc(&s, (char)(ch >= 'a' && ch <= 'z' ? ch - 'a' + 'A' : ch));
        }
        stop = t->stop;
        if (sql_is_object_word(t->kw) || t->kw == KW_SET || t->kw == KW_RESET ||
            t->kw == KW_EXPLAIN || t->kw == KW_USE || t->kw == KW_DESCRIBE || t->kw == KW_DESC)
            break;
    }
    char *feature = em_arena_printf(p->arena, "the %s statement", s.data ? s.data : "");
    em_str_release(&s);
    return sql_not_implemented(p, start, stop, feature);
}

/* statement: a query, or (later) DDL / DML / commands. */
static pl_node *sql_parse_stmt(sql_parser *p)
{
    const sql_token *t = sql_tok(p, 0);
    if (sql_at_query_start(p, 0) || t->kind == TK_LPAREN ||
        (t->kind == TK_IDENT && t->kw == KW_TABLE) ||
        (t->kind == TK_IDENT && (t->kw == KW_FROM || t->kw == KW_WITH)))
        return sql_parse_query(p);
    if (t->kind == TK_IDENT && (t->kw == KW_MAP || t->kw == KW_REDUCE) &&
        sql_can_start_expression(p, 1)) {
        sql_not_implemented(p, t->start, t->stop, "MAP / REDUCE transforms");
        return NULL;
    }
    if (t->kind == TK_IDENT && sql_is_statement_word(t->kw)) {
        pl_node *cmd = sql_parse_command(p);
        if (cmd || (p->err && p->err->code))
            return cmd;
        sql_unsupported_statement(p);
        return NULL;
    }
    sql_syntax_error(p);
    return NULL;
}

int sql_parse_statement_ex(const char *text, const sql_opts *opts, const sql_params *params,
                           em_arena *arena, pl_node **out, em_error *err)
{
    *out = NULL;
    sql_parser p;
    int rc = sql_begin(&p, text, opts, params, arena, err);
    if (rc)
        return rc;
    pl_node *plan = sql_parse_stmt(&p);
    rc = plan ? sql_expect_end(&p, true) : (err && err->code ? err->code : EM_EUSER);
    if (rc == EM_OK)
        rc = sql_resolve_winrefs(&p, NULL);
    rc = sql_end(&p, rc, rc == EM_OK && sql_plan_too_deep(plan, 0));
    if (rc == EM_OK)
        *out = plan;
    return rc;
}

int sql_parse_statement(const char *text, em_arena *arena, pl_node **out, em_error *err)
{
    return sql_parse_statement_ex(text, NULL, NULL, arena, out, err);
}

int sql_parse_expr_ex(const char *text, const sql_opts *opts, const sql_params *params,
                      em_arena *arena, pl_expr **out, em_error *err)
{
    *out = NULL;
    sql_parser p;
    int rc = sql_begin(&p, text, opts, params, arena, err);
    if (rc)
        return rc;
    pl_expr *e = sql_parse_named_expression(&p);
    rc = e ? sql_expect_end(&p, false) : (err && err->code ? err->code : EM_EUSER);
    if (rc == EM_OK)
        rc = sql_resolve_winrefs(&p, NULL);
    rc = sql_end(&p, rc, rc == EM_OK && sql_expr_too_deep(e, 0));
    if (rc == EM_OK)
        *out = e;
    return rc;
}

int sql_parse_expr(const char *text, em_arena *arena, pl_expr **out, em_error *err)
{
    return sql_parse_expr_ex(text, NULL, NULL, arena, out, err);
}

int sql_parse_type_ex(const char *text, const sql_opts *opts, em_arena *arena, const ty **out,
                      em_error *err)
{
    *out = NULL;
    sql_parser p;
    int rc = sql_begin(&p, text, opts, NULL, arena, err);
    if (rc)
        return rc;
    const ty *t = sql_parse_data_type(&p);
    rc = t ? sql_expect_end(&p, false) : (err && err->code ? err->code : EM_EUSER);
    rc = sql_end(&p, rc, false);
    if (rc == EM_OK)
        *out = t;
    return rc;
}

int sql_parse_type(const char *text, em_arena *arena, const ty **out, em_error *err)
{
    return sql_parse_type_ex(text, NULL, arena, out, err);
}

int sql_parse_table_schema(const char *text, em_arena *arena, const ty **out, em_error *err)
{
    *out = NULL;
    sql_parser p;
    int rc = sql_begin(&p, text, NULL, NULL, arena, err);
    if (rc)
        return rc;
    const ty *t = sql_parse_col_type_list(&p);
    rc = t ? sql_expect_end(&p, false) : (err && err->code ? err->code : EM_EUSER);
    rc = sql_end(&p, rc, false);
    if (rc == EM_OK)
        *out = t;
    return rc;
}

int sql_parse_identifier(const char *text, em_arena *arena, int *n_parts, const char ***parts,
                         em_error *err)
{
    *n_parts = 0;
    *parts = NULL;
    sql_parser p;
    int rc = sql_begin(&p, text, NULL, NULL, arena, err);
    if (rc)
        return rc;
    int n = 0;
    const char **out = NULL;
    rc = sql_parse_multipart(&p, &n, &out);
    if (rc == EM_OK)
        rc = sql_expect_end(&p, false);
    rc = sql_end(&p, rc, false);
    if (rc == EM_OK) {
        *n_parts = n;
        *parts = out;
    }
    return rc;
}
