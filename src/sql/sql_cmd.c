/*
 * sql_cmd: the non-query statements Ember runs, parsed into PL_COMMAND nodes that connect/
 * executes (never exec/). Temp views: CREATE [OR REPLACE] [GLOBAL] TEMP[ORARY] VIEW [IF NOT
 * EXISTS] name [(col [COMMENT '..'], ...)] [COMMENT '..'] [TBLPROPERTIES (...)] AS query, or
 * ... USING format [OPTIONS (...)]; SET [key[=value]]; SET TIME ZONE; RESET [key]; EXPLAIN
 * [mode] query. The catalog statements
 * (tables, persistent views, databases, INSERT, ALTER, SHOW, DESCRIBE, TRUNCATE, REFRESH,
 * CACHE) follow Spark's SqlBaseParser rules; their IR is documented at pl_command_kind.
 *
 * sql_parse_command returns NULL without an error when the statement is not one of these
 * (the caller then reports it as not implemented), NULL with an error on a syntax error.
 * SET and RESET take the rest of the text raw, as Spark's SET command parser does.
 */
#include "sql/sql_int.h"

#include "plan/pl_print.h"

#include <stdio.h>
#include <string.h>

static pl_node *sql_cmd_node(sql_parser *p, pl_command_kind kind)
{
    pl_node *n = pl_node_new(p->arena, PL_COMMAND, 0);
    n->u.cmd.kind = kind;
    return n;
}

/* The raw text between offsets [start, end), trimmed of blanks and trailing semicolons. */
static const char *sql_cmd_raw(sql_parser *p, int start, int end)
{
    while (start < end && (unsigned char)p->text[start] <= ' ')
        start++;
    while (end > start && ((unsigned char)p->text[end - 1] <= ' ' || p->text[end - 1] == ';'))
        end--;
    return em_arena_strndup(p->arena, p->text + start, (size_t)(end - start));
}

/* Skips the tokens of a parenthesized list, nesting-aware. */
static int sql_cmd_skip_parens(sql_parser *p)
{
    if (sql_expect(p, TK_LPAREN))
        return EM_EUSER;
    int depth = 1;
    while (depth > 0) {
        sql_tk k = sql_peek(p);
        if (k == TK_EOF)
            return sql_syntax_error(p);
        if (k == TK_LPAREN)
            depth++;
        else if (k == TK_RPAREN)
            depth--;
        p->pos++;
    }
    return EM_OK;
}

static bool sql_cmd_using_follows(sql_parser *p);
static pl_node *sql_cmd_temp_view_using(sql_parser *p, pl_node *n);

static pl_node *sql_cmd_create_view(sql_parser *p)
{
    /* CREATE [OR REPLACE] [GLOBAL] TEMP|TEMPORARY VIEW: check the shape before consuming. */
    int ahead = 1;
    bool replace = false, global = false;
    if (sql_at_kw_ahead(p, ahead, KW_OR) && sql_at_kw_ahead(p, ahead + 1, KW_REPLACE)) {
        replace = true;
        ahead += 2;
    }
    if (sql_at_kw_ahead(p, ahead, KW_GLOBAL)) {
        global = true;
        ahead++;
    }
    if (!(sql_at_kw_ahead(p, ahead, KW_TEMP) || sql_at_kw_ahead(p, ahead, KW_TEMPORARY)) ||
        !sql_at_kw_ahead(p, ahead + 1, KW_VIEW))
        return NULL; /* persistent views and tables: not here */
    p->pos += ahead + 2;
    int64_t ignored_len = 0;
    pl_node *n = sql_cmd_node(p, PL_CMD_CREATE_TEMP_VIEW);
    n->u.cmd.replace = replace;
    n->u.cmd.global = global;
    if (sql_at_kw(p, KW_IF)) {
        p->pos++;
        if (sql_expect_kw(p, KW_NOT) || sql_expect_kw(p, KW_EXISTS))
            return NULL;
        n->u.cmd.if_not_exists = true;
    }
    if (sql_parse_multipart(p, &n->u.cmd.n_parts, &n->u.cmd.parts))
        return NULL;
    if (sql_cmd_using_follows(p))
        return sql_cmd_temp_view_using(p, n);
    if (sql_peek(p) == TK_LPAREN) {
        p->pos++;
        int cap = 8;
        const char **cols = em_arena_calloc(p->arena, (size_t)cap, sizeof *cols);
        int n_cols = 0;
        for (;;) {
            const char *c = sql_parse_ident(p);
            if (!c)
                return NULL;
            if (n_cols == cap) {
                const char **more = em_arena_calloc(p->arena, (size_t)cap * 2, sizeof *more);
                memcpy(more, cols, (size_t)cap * sizeof *cols);
                cols = more;
                cap *= 2;
            }
            cols[n_cols++] = c;
            if (sql_accept_kw(p, KW_COMMENT) && !sql_parse_string(p, &ignored_len))
                return NULL;
            if (sql_accept(p, TK_COMMA))
                continue;
            if (sql_expect(p, TK_RPAREN))
                return NULL;
            break;
        }
        n->u.cmd.n_cols = n_cols;
        n->u.cmd.cols = cols;
    }
    for (;;) {
        if (sql_accept_kw(p, KW_COMMENT)) {
            if (!sql_parse_string(p, &ignored_len))
                return NULL;
        } else if (sql_accept_kw(p, KW_TBLPROPERTIES)) {
            if (sql_cmd_skip_parens(p))
                return NULL;
        } else {
            break;
        }
    }
    if (sql_expect_kw(p, KW_AS))
        return NULL;
    int q_start = sql_cur_start(p);
    pl_node *query = sql_parse_query(p);
    if (!query)
        return NULL;
    n->u.cmd.query_start = q_start;
    n->u.cmd.query_stop = sql_prev_stop(p);
    n->n_children = 1;
    n->children = em_arena_calloc(p->arena, 1, sizeof(pl_node *));
    n->children[0] = query;
    return n;
}

static void sql_cmd_set_query(sql_parser *p, pl_node *n, pl_node *query, int q_start);

/* Stop of the statement's last token (before trailing semicolons). */
static int sql_cmd_last_stop(sql_parser *p)
{
    int stop = sql_tok(p, 0)->stop;
    for (int k = 0; sql_tok(p, k)->kind != TK_EOF; k++)
        if (sql_tok(p, k)->kind != TK_SEMI)
            stop = sql_tok(p, k)->stop;
    return stop;
}

static void sql_cmd_skip_rest(sql_parser *p)
{
    while (sql_peek(p) != TK_EOF && sql_peek(p) != TK_SEMI)
        p->pos++;
}

/* INVALID_INTERVAL_FORMAT.TIMEZONE_INTERVAL_OUT_OF_RANGE over the whole statement. */
static pl_node *sql_cmd_tz_range(sql_parser *p, int start, int stop, int64_t value)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", (long long)value);
    sql_fail(p, start, stop, "INVALID_INTERVAL_FORMAT.TIMEZONE_INTERVAL_OUT_OF_RANGE", "input", buf,
             NULL);
    return NULL;
}

/* The zone of SET TIME ZONE INTERVAL ...: Spark's checks in its order (months, days, more than
   18 hours, a fraction of a second), then java.time.ZoneOffset's text ("Z", "+10:00",
   "+15:40:32"). Ember's interval literals are ANSI intervals: days are the whole days of a
   day-time interval whose start field is DAY. */
static pl_node *sql_cmd_tz_interval(sql_parser *p, pl_node *n, const pl_expr *iv, int start,
                                    int stop)
{
    if (!iv || iv->kind != PX_LITERAL || !iv->lit || vec_is_null(iv->lit, 0))
        return n; /* a deferred interval error is reported after the parse */
    const ty *t = iv->lit->type;
    if (t->kind == TY_YEARMONTH_INTERVAL) {
        int32_t months = VEC_VALUES(iv->lit, int32_t)[0];
        if (months != 0)
            return sql_cmd_tz_range(p, start, stop, months);
        n->u.cmd.value = "Z";
        return n;
    }
    if (t->kind != TY_DAYTIME_INTERVAL)
        return n;
    const int64_t hour = INT64_C(3600000000), day = 24 * hour;
    int64_t micros = VEC_VALUES(iv->lit, int64_t)[0];
    if (t->start_field == TY_DT_DAY && micros / day != 0)
        return sql_cmd_tz_range(p, start, stop, micros / day);
    uint64_t mag = micros < 0 ? (uint64_t)0 - (uint64_t)micros : (uint64_t)micros;
    if (mag > (uint64_t)(18 * hour))
        return sql_cmd_tz_range(p, start, stop, (int64_t)(mag / (uint64_t)hour));
    if (micros % 1000000 != 0)
        return sql_cmd_tz_range(p, start, stop, micros / 1000000);
    int64_t secs = (int64_t)(mag / 1000000);
    if (secs == 0) {
        n->u.cmd.value = "Z";
        return n;
    }
    int h = (int)(secs / 3600), m = (int)(secs / 60 % 60), sec = (int)(secs % 60);
    n->u.cmd.value =
        sec ? em_arena_printf(p->arena, "%c%02d:%02d:%02d", micros < 0 ? '-' : '+', h, m, sec)
            : em_arena_printf(p->arena, "%c%02d:%02d", micros < 0 ? '-' : '+', h, m);
    return n;
}

/* SET TIME ZONE (INTERVAL ... | 'zone' | LOCAL): a SET of spark.sql.session.timeZone (the
   value is checked when the command runs); anything else is _LEGACY_ERROR_TEMP_0045. */
static pl_node *sql_cmd_set_time_zone(sql_parser *p)
{
    int start = sql_cur_start(p), stop = sql_cmd_last_stop(p);
    p->pos += 3; /* SET TIME ZONE */
    pl_node *n = sql_cmd_node(p, PL_CMD_SET);
    n->u.cmd.key = "spark.sql.session.timeZone";
    const sql_token *t = sql_tok(p, 0);
    bool ok = false;
    if (t->kind == TK_IDENT && t->kw == KW_INTERVAL && sql_at_interval_literal(p)) {
        int save = p->pos;
        pl_expr *iv = sql_parse_interval(p);
        if (iv && (sql_peek(p) == TK_EOF || sql_peek(p) == TK_SEMI))
            return sql_cmd_tz_interval(p, n, iv, start, stop);
        p->pos = save;
    } else if (t->kind == TK_STRING ||
               (t->kind == TK_DQSTRING && !p->opts.double_quoted_identifiers)) {
        int save = p->pos;
        int64_t len = 0;
        const char *v = sql_parse_string(p, &len);
        ok = v && (sql_peek(p) == TK_EOF || sql_peek(p) == TK_SEMI);
        if (ok)
            n->u.cmd.value = v;
        else
            p->pos = save;
    } else if (t->kind == TK_IDENT && t->kw == KW_LOCAL &&
               (sql_tok(p, 1)->kind == TK_EOF || sql_tok(p, 1)->kind == TK_SEMI)) {
        p->pos++;
        n->u.cmd.local_zone = true;
        ok = true;
    }
    if (ok)
        return n;
    em_error_clear(p->err);
    sql_fail(p, start, stop, "_LEGACY_ERROR_TEMP_0045", NULL);
    sql_cmd_skip_rest(p);
    return NULL;
}

/* EXPLAIN [LOGICAL | FORMATTED | EXTENDED | CODEGEN | COST] statement: the plan text of a
   query (PL_CMD_EXPLAIN, children[0]); other statements are not explained yet. */
static pl_node *sql_cmd_explain(sql_parser *p)
{
    const sql_token *kw = sql_tok(p, 0);
    p->pos++;
    int mode = PL_EXPLAIN_SIMPLE;
    const sql_token *m = sql_tok(p, 0);
    if (m->kind == TK_IDENT && (m->kw == KW_EXTENDED || m->kw == KW_FORMATTED ||
                                m->kw == KW_CODEGEN || m->kw == KW_COST || m->kw == KW_LOGICAL)) {
        if (m->kw == KW_LOGICAL) {
            sql_not_implemented(p, kw->start, m->stop, "EXPLAIN LOGICAL");
            return NULL;
        }
        mode = m->kw == KW_EXTENDED    ? PL_EXPLAIN_EXTENDED
               : m->kw == KW_FORMATTED ? PL_EXPLAIN_FORMATTED
               : m->kw == KW_CODEGEN   ? PL_EXPLAIN_CODEGEN
                                       : PL_EXPLAIN_COST;
        p->pos++;
    }
    const sql_token *t = sql_tok(p, 0);
    if (!(sql_at_query_start(p, 0) || t->kind == TK_LPAREN ||
          (t->kind == TK_IDENT && (t->kw == KW_TABLE || t->kw == KW_FROM || t->kw == KW_WITH)))) {
        sql_not_implemented(p, kw->start, t->kind == TK_EOF ? kw->stop : t->stop,
                            "EXPLAIN of a statement other than a query");
        return NULL;
    }
    pl_node *n = sql_cmd_node(p, PL_CMD_EXPLAIN);
    n->u.cmd.sub = mode;
    int q_start = sql_cur_start(p);
    pl_node *query = sql_parse_query(p);
    if (!query)
        return NULL;
    sql_cmd_set_query(p, n, query, q_start);
    return n;
}

/* SET / RESET: everything after the keyword, raw (consumes the remaining tokens). */
static pl_node *sql_cmd_set(sql_parser *p, bool reset)
{
    const sql_token *kw = sql_tok(p, 0);
    if (!reset && sql_at_kw_ahead(p, 1, KW_TIME) && sql_at_kw_ahead(p, 2, KW_ZONE))
        return sql_cmd_set_time_zone(p);
    /* SET VAR/VARIABLE is another statement Ember lacks. */
    if (!reset && (sql_at_kw_ahead(p, 1, KW_VAR) || sql_at_kw_ahead(p, 1, KW_VARIABLE)))
        return NULL;
    int start = kw->stop + 1, end = p->len;
    pl_node *n = sql_cmd_node(p, reset ? PL_CMD_RESET : PL_CMD_SET);
    const char *rest = sql_cmd_raw(p, start, end);
    if (rest[0] == '\0' || (!reset && strcmp(rest, "-v") == 0)) {
        n->u.cmd.key = NULL;
    } else if (!reset && strchr(rest, '=')) {
        const char *eq = strchr(rest, '=');
        int k_start = start + (int)(strstr(p->text + start, rest) - (p->text + start));
        int eq_at = k_start + (int)(eq - rest);
        n->u.cmd.key = sql_cmd_raw(p, k_start, eq_at);
        n->u.cmd.value = sql_cmd_raw(p, eq_at + 1, end);
        if (n->u.cmd.key[0] == '\0') {
            sql_fail(p, kw->start, p->len - 1, "INVALID_SET_SYNTAX", NULL);
            return NULL;
        }
    } else {
        n->u.cmd.key = rest;
    }
    /* strip `key` backquotes */
    const char *k = n->u.cmd.key;
    size_t kl = k ? strlen(k) : 0;
    if (kl >= 2 && k[0] == '`' && k[kl - 1] == '`')
        n->u.cmd.key = em_arena_strndup(p->arena, k + 1, kl - 2);
    while (sql_peek(p) != TK_EOF)
        p->pos++;
    return n;
}

/* ---- catalog statements ------------------------------------------------------------------ */

/* A growable arena array of pointers or options. */
static void *sql_cmd_grow(sql_parser *p, void *arr, int n, int *cap, size_t elem)
{
    if (n < *cap)
        return arr;
    int ncap = *cap ? *cap * 2 : 8;
    void *more = em_arena_calloc(p->arena, (size_t)ncap, elem);
    if (n)
        memcpy(more, arr, (size_t)n * elem);
    *cap = ncap;
    return more;
}

/* True when the current position is `[(...)] USING` (a data-source temp view). */
static bool sql_cmd_using_follows(sql_parser *p)
{
    int ahead = 0;
    if (sql_tok(p, 0)->kind == TK_LPAREN) {
        int depth = 0;
        for (;; ahead++) {
            sql_tk k = sql_tok(p, ahead)->kind;
            if (k == TK_EOF)
                return false;
            if (k == TK_LPAREN)
                depth++;
            else if (k == TK_RPAREN && --depth == 0)
                break;
        }
        ahead++;
    }
    return sql_at_kw_ahead(p, ahead, KW_USING);
}

/* propertyKey: identifier ('.' identifier)* | stringLit — the text as written. */
static const char *sql_cmd_prop_key(sql_parser *p)
{
    const sql_token *t = sql_tok(p, 0);
    if (t->kind == TK_STRING || (t->kind == TK_DQSTRING && !p->opts.double_quoted_identifiers)) {
        int64_t len = 0;
        return sql_parse_string(p, &len);
    }
    int start = t->start;
    if (!sql_parse_ident(p))
        return NULL;
    while (sql_peek(p) == TK_DOT && sql_is_ident_tok(p, sql_tok(p, 1), false)) {
        p->pos++;
        if (!sql_parse_ident(p))
            return NULL;
    }
    return em_arena_strndup(p->arena, p->text + start, (size_t)(sql_prev_stop(p) - start + 1));
}

/* propertyValue: number | boolean | stringLit (NULL with an error otherwise). */
static const char *sql_cmd_prop_value(sql_parser *p)
{
    const sql_token *t = sql_tok(p, 0);
    if (t->kind == TK_STRING) {
        int64_t len = 0;
        return sql_parse_string(p, &len);
    }
    if ((t->kind >= TK_INTEGER && t->kind <= TK_BIGDECIMAL) ||
        (t->kind == TK_IDENT && (t->kw == KW_TRUE || t->kw == KW_FALSE))) {
        p->pos++;
        return sql_tok_text(p, t);
    }
    sql_syntax_error(p);
    return NULL;
}

/* ( key [=] value, ... ); keys_only: ( key, ... ) (UNSET TBLPROPERTIES). */
static int sql_cmd_props(sql_parser *p, bool keys_only, int *n_out, pl_option **out)
{
    if (sql_expect(p, TK_LPAREN))
        return EM_EUSER;
    int n = 0, cap = 0;
    pl_option *opts = NULL;
    for (;;) {
        opts = sql_cmd_grow(p, opts, n, &cap, sizeof *opts);
        opts[n].key = sql_cmd_prop_key(p);
        if (!opts[n].key)
            return EM_EUSER;
        if (!keys_only) {
            sql_accept(p, TK_EQ);
            if (sql_peek(p) != TK_COMMA && sql_peek(p) != TK_RPAREN) {
                opts[n].value = sql_cmd_prop_value(p);
                if (!opts[n].value)
                    return EM_EUSER;
            }
        }
        n++;
        if (sql_accept(p, TK_COMMA))
            continue;
        if (sql_expect(p, TK_RPAREN))
            return EM_EUSER;
        break;
    }
    *n_out = n;
    *out = opts;
    return EM_OK;
}

static const char *sql_cmd_string(sql_parser *p)
{
    int64_t len = 0;
    return sql_parse_string(p, &len);
}

/* Skips a parenthesized partition spec (PARTITION (...)), which Ember accepts and ignores. */
static int sql_cmd_skip_partition_spec(sql_parser *p)
{
    if (!sql_accept_kw(p, KW_PARTITION))
        return EM_OK;
    return sql_cmd_skip_parens(p);
}

/* CREATE TEMP VIEW name [(colTypeList)] USING fmt [OPTIONS (...)]: n has name and flags. */
static pl_node *sql_cmd_temp_view_using(sql_parser *p, pl_node *n)
{
    n->u.cmd.kind = PL_CMD_CREATE_TEMP_VIEW_USING;
    if (sql_accept(p, TK_LPAREN)) {
        n->u.cmd.schema = sql_parse_col_type_list(p);
        if (!n->u.cmd.schema || sql_expect(p, TK_RPAREN))
            return NULL;
    }
    if (sql_expect_kw(p, KW_USING))
        return NULL;
    int n_parts = 0;
    const char **parts = NULL;
    if (sql_parse_multipart(p, &n_parts, &parts))
        return NULL;
    n->u.cmd.provider = parts[n_parts - 1];
    if (sql_accept_kw(p, KW_OPTIONS) &&
        sql_cmd_props(p, false, &n->u.cmd.n_options, &n->u.cmd.options))
        return NULL;
    return n;
}

/* The clauses of CREATE TABLE after the column list, in any order (createTableClauses). */
static int sql_cmd_table_clauses(sql_parser *p, pl_node *n)
{
    for (;;) {
        const sql_token *t = sql_tok(p, 0);
        if (sql_accept_kw(p, KW_USING)) {
            int n_parts = 0;
            const char **parts = NULL;
            if (sql_parse_multipart(p, &n_parts, &parts))
                return EM_EUSER;
            n->u.cmd.provider = parts[n_parts - 1];
        } else if (sql_accept_kw(p, KW_OPTIONS)) {
            if (sql_cmd_props(p, false, &n->u.cmd.n_options, &n->u.cmd.options))
                return EM_EUSER;
        } else if (sql_at_kw(p, KW_PARTITIONED) && sql_at_kw_ahead(p, 1, KW_BY)) {
            p->pos += 2;
            if (sql_parse_ident_list(p, &n->u.cmd.n_partition, &n->u.cmd.partition_cols))
                return EM_EUSER;
        } else if (sql_accept_kw(p, KW_LOCATION)) {
            if (!(n->u.cmd.location = sql_cmd_string(p)))
                return EM_EUSER;
        } else if (sql_accept_kw(p, KW_COMMENT)) {
            if (!(n->u.cmd.comment = sql_cmd_string(p)))
                return EM_EUSER;
        } else if (sql_accept_kw(p, KW_TBLPROPERTIES)) {
            if (sql_cmd_props(p, false, &n->u.cmd.n_props, &n->u.cmd.props))
                return EM_EUSER;
        } else if (t->kind == TK_IDENT &&
                   (t->kw == KW_CLUSTERED || t->kw == KW_CLUSTER || t->kw == KW_STORED ||
                    t->kw == KW_ROW || t->kw == KW_SKEWED)) {
            return sql_not_implemented(p, t->start, t->stop,
                                       em_arena_printf(p->arena, "CREATE TABLE ... %s",
                                                       sql_upper_text(p, t->start, t->stop)));
        } else {
            return EM_OK;
        }
    }
}

static void sql_cmd_set_query(sql_parser *p, pl_node *n, pl_node *query, int q_start)
{
    n->u.cmd.query_start = q_start;
    n->u.cmd.query_stop = sql_prev_stop(p);
    n->n_children = 1;
    n->children = em_arena_calloc(p->arena, 1, sizeof(pl_node *));
    n->children[0] = query;
}

/* CREATE [OR REPLACE] [EXTERNAL] TABLE ... / REPLACE TABLE ...; `ahead` tokens consumed. */
static pl_node *sql_cmd_create_table(sql_parser *p, int ahead, bool replace, bool external)
{
    p->pos += ahead;
    pl_node *n = sql_cmd_node(p, PL_CMD_CREATE_TABLE);
    n->u.cmd.replace = replace;
    n->u.cmd.external = external;
    if (sql_at_kw(p, KW_IF)) {
        p->pos++;
        if (sql_expect_kw(p, KW_NOT) || sql_expect_kw(p, KW_EXISTS))
            return NULL;
        n->u.cmd.if_not_exists = true;
    }
    if (sql_parse_multipart(p, &n->u.cmd.n_parts, &n->u.cmd.parts))
        return NULL;
    if (sql_peek(p) == TK_LPAREN && !sql_at_query_start(p, 0)) {
        p->pos++;
        n->u.cmd.schema = sql_parse_col_type_list(p);
        if (!n->u.cmd.schema || sql_expect(p, TK_RPAREN))
            return NULL;
    }
    if (sql_cmd_table_clauses(p, n))
        return NULL;
    if (sql_accept_kw(p, KW_AS) || sql_at_query_start(p, 0) || sql_at_kw(p, KW_WITH)) {
        int q_start = sql_cur_start(p);
        pl_node *query = sql_parse_query(p);
        if (!query)
            return NULL;
        sql_cmd_set_query(p, n, query, q_start);
    }
    return n;
}

/* CREATE [OR REPLACE] VIEW [IF NOT EXISTS] name [(cols)] [COMMENT] [TBLPROPERTIES] AS query */
static pl_node *sql_cmd_create_persistent_view(sql_parser *p, int ahead, bool replace)
{
    p->pos += ahead;
    pl_node *n = sql_cmd_node(p, PL_CMD_CREATE_VIEW);
    n->u.cmd.replace = replace;
    if (sql_at_kw(p, KW_IF)) {
        p->pos++;
        if (sql_expect_kw(p, KW_NOT) || sql_expect_kw(p, KW_EXISTS))
            return NULL;
        n->u.cmd.if_not_exists = true;
    }
    if (sql_parse_multipart(p, &n->u.cmd.n_parts, &n->u.cmd.parts))
        return NULL;
    if (sql_accept(p, TK_LPAREN)) {
        int cap = 0;
        for (;;) {
            n->u.cmd.cols = sql_cmd_grow(p, n->u.cmd.cols, n->u.cmd.n_cols, &cap, sizeof(char *));
            if (!(n->u.cmd.cols[n->u.cmd.n_cols++] = sql_parse_ident(p)))
                return NULL;
            if (sql_accept_kw(p, KW_COMMENT) && !sql_cmd_string(p))
                return NULL;
            if (sql_accept(p, TK_COMMA))
                continue;
            if (sql_expect(p, TK_RPAREN))
                return NULL;
            break;
        }
    }
    for (;;) {
        if (sql_accept_kw(p, KW_COMMENT)) {
            if (!(n->u.cmd.comment = sql_cmd_string(p)))
                return NULL;
        } else if (sql_accept_kw(p, KW_TBLPROPERTIES)) {
            if (sql_cmd_props(p, false, &n->u.cmd.n_props, &n->u.cmd.props))
                return NULL;
        } else if (sql_at_kw(p, KW_WITH) && sql_at_kw_ahead(p, 1, KW_SCHEMA)) {
            /* WITH SCHEMA BINDING | COMPENSATION | [TYPE] EVOLUTION: accepted. */
            p->pos += 2;
            while (sql_peek(p) == TK_IDENT && !sql_at_kw(p, KW_AS))
                p->pos++;
        } else {
            break;
        }
    }
    if (sql_expect_kw(p, KW_AS))
        return NULL;
    int q_start = sql_cur_start(p);
    pl_node *query = sql_parse_query(p);
    if (!query)
        return NULL;
    sql_cmd_set_query(p, n, query, q_start);
    return n;
}

static bool sql_cmd_at_namespace_word(sql_parser *p, int ahead)
{
    return sql_at_kw_ahead(p, ahead, KW_DATABASE) || sql_at_kw_ahead(p, ahead, KW_SCHEMA) ||
           sql_at_kw_ahead(p, ahead, KW_NAMESPACE);
}

/* CREATE DATABASE|SCHEMA|NAMESPACE [IF NOT EXISTS] name [COMMENT] [LOCATION] [WITH props] */
static pl_node *sql_cmd_create_database(sql_parser *p)
{
    p->pos += 2;
    pl_node *n = sql_cmd_node(p, PL_CMD_CREATE_DATABASE);
    if (sql_at_kw(p, KW_IF)) {
        p->pos++;
        if (sql_expect_kw(p, KW_NOT) || sql_expect_kw(p, KW_EXISTS))
            return NULL;
        n->u.cmd.if_not_exists = true;
    }
    if (sql_parse_multipart(p, &n->u.cmd.n_parts, &n->u.cmd.parts))
        return NULL;
    for (;;) {
        if (sql_accept_kw(p, KW_COMMENT)) {
            if (!(n->u.cmd.comment = sql_cmd_string(p)))
                return NULL;
        } else if (sql_accept_kw(p, KW_LOCATION)) {
            if (!(n->u.cmd.location = sql_cmd_string(p)))
                return NULL;
        } else if (sql_at_kw(p, KW_WITH) && (sql_at_kw_ahead(p, 1, KW_DBPROPERTIES) ||
                                             sql_at_kw_ahead(p, 1, KW_PROPERTIES))) {
            p->pos += 2;
            if (sql_cmd_props(p, false, &n->u.cmd.n_props, &n->u.cmd.props))
                return NULL;
        } else {
            return n;
        }
    }
}

static pl_node *sql_cmd_create(sql_parser *p)
{
    if (sql_cmd_at_namespace_word(p, 1))
        return sql_cmd_create_database(p);
    int ahead = 1;
    bool replace = false;
    if (sql_at_kw_ahead(p, 1, KW_OR) && sql_at_kw_ahead(p, 2, KW_REPLACE)) {
        replace = true;
        ahead = 3;
    }
    if (sql_at_kw_ahead(p, ahead, KW_TABLE))
        return sql_cmd_create_table(p, ahead + 1, replace, false);
    if (sql_at_kw_ahead(p, ahead, KW_EXTERNAL) && sql_at_kw_ahead(p, ahead + 1, KW_TABLE))
        return sql_cmd_create_table(p, ahead + 2, replace, true);
    if (sql_at_kw_ahead(p, ahead, KW_VIEW))
        return sql_cmd_create_persistent_view(p, ahead + 1, replace);
    return sql_cmd_create_view(p);
}

/* DROP TABLE|VIEW [IF EXISTS] name [PURGE]; DROP DATABASE [IF EXISTS] name [RESTRICT|CASCADE] */
static pl_node *sql_cmd_drop(sql_parser *p)
{
    bool db = sql_cmd_at_namespace_word(p, 1);
    bool view = sql_at_kw_ahead(p, 1, KW_VIEW);
    if (!db && !view && !sql_at_kw_ahead(p, 1, KW_TABLE))
        return NULL;
    p->pos += 2;
    /* DROP VIEW keeps its original kind (temp views first; connect/ falls back to the catalog). */
    pl_node *n = sql_cmd_node(p, db     ? PL_CMD_DROP_DATABASE
                                 : view ? PL_CMD_DROP_VIEW
                                        : PL_CMD_DROP_TABLE);
    n->u.cmd.is_view = view;
    if (sql_at_kw(p, KW_IF)) {
        p->pos++;
        if (sql_expect_kw(p, KW_EXISTS))
            return NULL;
        n->u.cmd.if_exists = true;
    }
    if (sql_parse_multipart(p, &n->u.cmd.n_parts, &n->u.cmd.parts))
        return NULL;
    if (db) {
        if (sql_accept_kw(p, KW_CASCADE))
            n->u.cmd.cascade = true;
        else
            sql_accept_kw(p, KW_RESTRICT);
    } else if (!view && sql_accept_kw(p, KW_PURGE)) {
        n->u.cmd.purge = true;
    }
    return n;
}

static pl_node *sql_cmd_use(sql_parser *p)
{
    p->pos++;
    pl_node *n = sql_cmd_node(p, PL_CMD_USE);
    if (sql_cmd_at_namespace_word(p, 0) && sql_is_ident_tok(p, sql_tok(p, 1), false))
        p->pos++;
    if (sql_parse_multipart(p, &n->u.cmd.n_parts, &n->u.cmd.parts))
        return NULL;
    return n;
}

/* INSERT INTO [TABLE] name [PARTITION (...)] [(cols)] query; INSERT OVERWRITE [TABLE] ... */
static pl_node *sql_cmd_insert(sql_parser *p)
{
    bool overwrite = sql_at_kw_ahead(p, 1, KW_OVERWRITE);
    if (!overwrite && !sql_at_kw_ahead(p, 1, KW_INTO))
        return NULL;
    if (overwrite && (sql_at_kw_ahead(p, 2, KW_DIRECTORY) || sql_at_kw_ahead(p, 2, KW_LOCAL)))
        return NULL; /* INSERT OVERWRITE DIRECTORY: not here */
    p->pos += 2;
    sql_accept_kw(p, KW_TABLE);
    pl_node *n = sql_cmd_node(p, PL_CMD_INSERT);
    n->u.cmd.overwrite = overwrite;
    if (sql_parse_multipart(p, &n->u.cmd.n_parts, &n->u.cmd.parts))
        return NULL;
    if (sql_at_kw(p, KW_PARTITION)) {
        const sql_token *t = sql_tok(p, 0);
        sql_defer_not_implemented(p, t->start, t->stop, "INSERT with a PARTITION clause");
        if (sql_cmd_skip_partition_spec(p))
            return NULL;
        if (sql_at_kw(p, KW_IF) && sql_cmd_skip_parens(p))
            return NULL;
    }
    if (sql_peek(p) == TK_LPAREN && !sql_at_query_start(p, 0)) {
        if (sql_parse_ident_list(p, &n->u.cmd.n_cols, &n->u.cmd.cols))
            return NULL;
    }
    if (sql_at_kw(p, KW_BY) && sql_at_kw_ahead(p, 1, KW_NAME)) {
        const sql_token *t = sql_tok(p, 0);
        sql_defer_not_implemented(p, t->start, sql_tok(p, 1)->stop, "INSERT ... BY NAME");
        p->pos += 2;
    }
    int q_start = sql_cur_start(p);
    pl_node *query = sql_parse_query(p);
    if (!query)
        return NULL;
    sql_cmd_set_query(p, n, query, q_start);
    return n;
}

/* ALTER TABLE|VIEW name ...; ALTER DATABASE name SET DBPROPERTIES (...). */
static pl_node *sql_cmd_alter(sql_parser *p)
{
    bool db = sql_cmd_at_namespace_word(p, 1);
    bool view = sql_at_kw_ahead(p, 1, KW_VIEW);
    if (!db && !view && !sql_at_kw_ahead(p, 1, KW_TABLE))
        return NULL;
    int stmt_start = sql_cur_start(p);
    p->pos += 2;
    pl_node *n = sql_cmd_node(p, PL_CMD_ALTER_TABLE);
    n->u.cmd.is_view = view;
    if (sql_parse_multipart(p, &n->u.cmd.n_parts, &n->u.cmd.parts))
        return NULL;
    if (db) {
        n->u.cmd.sub = PL_ALTER_DATABASE_PROPS;
        if (sql_expect_kw(p, KW_SET))
            return NULL;
        if (!sql_accept_kw(p, KW_DBPROPERTIES) && sql_expect_kw(p, KW_PROPERTIES))
            return NULL;
        if (sql_cmd_props(p, false, &n->u.cmd.n_props, &n->u.cmd.props))
            return NULL;
        return n;
    }
    if (sql_accept_kw(p, KW_RENAME)) {
        n->u.cmd.sub = PL_ALTER_RENAME;
        if (sql_expect_kw(p, KW_TO) || sql_parse_multipart(p, &n->u.cmd.n_ns, &n->u.cmd.ns))
            return NULL;
        return n;
    }
    if (sql_at_kw(p, KW_SET) && sql_at_kw_ahead(p, 1, KW_TBLPROPERTIES)) {
        p->pos += 2;
        n->u.cmd.sub = PL_ALTER_SET_PROPS;
        return sql_cmd_props(p, false, &n->u.cmd.n_props, &n->u.cmd.props) ? NULL : n;
    }
    if (sql_at_kw(p, KW_UNSET) && sql_at_kw_ahead(p, 1, KW_TBLPROPERTIES)) {
        p->pos += 2;
        n->u.cmd.sub = PL_ALTER_UNSET_PROPS;
        if (sql_at_kw(p, KW_IF)) {
            p->pos++;
            if (sql_expect_kw(p, KW_EXISTS))
                return NULL;
            n->u.cmd.if_exists = true;
        }
        return sql_cmd_props(p, true, &n->u.cmd.n_props, &n->u.cmd.props) ? NULL : n;
    }
    if (view && sql_accept_kw(p, KW_AS)) {
        n->u.cmd.sub = PL_ALTER_VIEW_AS;
        int q_start = sql_cur_start(p);
        pl_node *query = sql_parse_query(p);
        if (!query)
            return NULL;
        sql_cmd_set_query(p, n, query, q_start);
        return n;
    }
    if (!view && sql_accept_kw(p, KW_ADD)) {
        if (sql_at_kw(p, KW_COLUMN) || sql_at_kw(p, KW_COLUMNS)) {
            p->pos++;
            n->u.cmd.sub = PL_ALTER_ADD_COLUMNS;
            bool paren = sql_accept(p, TK_LPAREN);
            n->u.cmd.schema = sql_parse_col_type_list(p);
            if (!n->u.cmd.schema || (paren && sql_expect(p, TK_RPAREN)))
                return NULL;
            return n;
        }
        if (sql_at_kw(p, KW_IF) || sql_at_kw(p, KW_PARTITION)) {
            n->u.cmd.sub = PL_ALTER_PARTITIONS;
            while (sql_peek(p) != TK_EOF && sql_peek(p) != TK_SEMI)
                p->pos++;
            return n;
        }
        return NULL;
    }
    if (!view && (sql_at_kw(p, KW_DROP) || sql_at_kw(p, KW_RECOVER)) &&
        (sql_at_kw_ahead(p, 1, KW_PARTITION) || sql_at_kw_ahead(p, 1, KW_PARTITIONS) ||
         sql_at_kw_ahead(p, 1, KW_IF))) {
        n->u.cmd.sub = PL_ALTER_PARTITIONS;
        while (sql_peek(p) != TK_EOF && sql_peek(p) != TK_SEMI)
            p->pos++;
        return n;
    }
    if (!view && sql_at_kw(p, KW_SET) && sql_at_kw_ahead(p, 1, KW_LOCATION)) {
        p->pos += 2;
        n->u.cmd.sub = PL_ALTER_SET_LOCATION;
        return (n->u.cmd.location = sql_cmd_string(p)) ? n : NULL;
    }
    (void)stmt_start;
    return NULL; /* other ALTER forms: not implemented (named by the caller) */
}

/* [IN|FROM ns] [[LIKE] 'pattern'] */
static int sql_cmd_show_ns_pattern(sql_parser *p, pl_node *n, bool allow_ns)
{
    if (allow_ns && (sql_accept_kw(p, KW_IN) || sql_accept_kw(p, KW_FROM)) &&
        sql_parse_multipart(p, &n->u.cmd.n_ns, &n->u.cmd.ns))
        return EM_EUSER;
    bool like = sql_accept_kw(p, KW_LIKE);
    if (like || sql_peek(p) == TK_STRING) {
        if (!(n->u.cmd.pattern = sql_cmd_string(p)))
            return EM_EUSER;
    }
    return EM_OK;
}

static pl_node *sql_cmd_show(sql_parser *p)
{
    pl_node *n = sql_cmd_node(p, PL_CMD_SHOW);
    const sql_token *t = sql_tok(p, 1);
    if (t->kind != TK_IDENT)
        return NULL;
    switch (t->kw) {
    case KW_TABLES:
    case KW_VIEWS:
        p->pos += 2;
        n->u.cmd.sub = t->kw == KW_TABLES ? PL_SHOW_TABLES : PL_SHOW_VIEWS;
        return sql_cmd_show_ns_pattern(p, n, true) ? NULL : n;
    case KW_DATABASES:
    case KW_SCHEMAS:
    case KW_NAMESPACES:
        p->pos += 2;
        n->u.cmd.sub = PL_SHOW_DATABASES;
        return sql_cmd_show_ns_pattern(p, n, false) ? NULL : n;
    case KW_CATALOGS:
        p->pos += 2;
        n->u.cmd.sub = PL_SHOW_CATALOGS;
        return sql_cmd_show_ns_pattern(p, n, false) ? NULL : n;
    case KW_COLUMNS:
        p->pos += 2;
        n->u.cmd.sub = PL_SHOW_COLUMNS;
        if (!sql_accept_kw(p, KW_IN) && sql_expect_kw(p, KW_FROM))
            return NULL;
        if (sql_parse_multipart(p, &n->u.cmd.n_parts, &n->u.cmd.parts))
            return NULL;
        if ((sql_accept_kw(p, KW_IN) || sql_accept_kw(p, KW_FROM)) &&
            sql_parse_multipart(p, &n->u.cmd.n_ns, &n->u.cmd.ns))
            return NULL;
        return n;
    case KW_TBLPROPERTIES:
        p->pos += 2;
        n->u.cmd.sub = PL_SHOW_TBLPROPERTIES;
        if (sql_parse_multipart(p, &n->u.cmd.n_parts, &n->u.cmd.parts))
            return NULL;
        if (sql_accept(p, TK_LPAREN)) {
            if (!(n->u.cmd.key = sql_cmd_prop_key(p)) || sql_expect(p, TK_RPAREN))
                return NULL;
        }
        return n;
    case KW_CREATE:
        if (!sql_at_kw_ahead(p, 2, KW_TABLE))
            return NULL;
        p->pos += 3;
        n->u.cmd.sub = PL_SHOW_CREATE_TABLE;
        if (sql_parse_multipart(p, &n->u.cmd.n_parts, &n->u.cmd.parts))
            return NULL;
        if (sql_at_kw(p, KW_AS) && sql_at_kw_ahead(p, 1, KW_SERDE)) {
            const sql_token *a = sql_tok(p, 0);
            sql_defer_not_implemented(p, a->start, sql_tok(p, 1)->stop,
                                      "SHOW CREATE TABLE ... AS SERDE");
            p->pos += 2;
        }
        return n;
    case KW_TABLE:
        if (!sql_at_kw_ahead(p, 2, KW_EXTENDED))
            return NULL;
        p->pos += 3;
        n->u.cmd.sub = PL_SHOW_TABLE_EXTENDED;
        n->u.cmd.extended = true;
        if ((sql_accept_kw(p, KW_IN) || sql_accept_kw(p, KW_FROM)) &&
            sql_parse_multipart(p, &n->u.cmd.n_ns, &n->u.cmd.ns))
            return NULL;
        if (sql_expect_kw(p, KW_LIKE) || !(n->u.cmd.pattern = sql_cmd_string(p)))
            return NULL;
        if (sql_at_kw(p, KW_PARTITION)) {
            const sql_token *a = sql_tok(p, 0);
            sql_defer_not_implemented(p, a->start, a->stop, "SHOW TABLE EXTENDED ... PARTITION");
            if (sql_cmd_skip_partition_spec(p))
                return NULL;
        }
        return n;
    case KW_CURRENT:
        if (!sql_at_kw_ahead(p, 2, KW_NAMESPACE) && !sql_at_kw_ahead(p, 2, KW_DATABASE) &&
            !sql_at_kw_ahead(p, 2, KW_SCHEMA))
            return NULL;
        p->pos += 3;
        n->u.cmd.sub = PL_SHOW_CURRENT_NAMESPACE;
        return n;
    default:
        return NULL;
    }
}

static pl_node *sql_cmd_describe(sql_parser *p)
{
    p->pos++;
    pl_node *n = sql_cmd_node(p, PL_CMD_DESCRIBE);
    if (sql_cmd_at_namespace_word(p, 0) &&
        (sql_at_kw_ahead(p, 1, KW_EXTENDED) || sql_is_ident_tok(p, sql_tok(p, 1), false))) {
        p->pos++;
        n->u.cmd.sub = PL_DESCRIBE_DATABASE;
        n->u.cmd.extended = sql_at_kw(p, KW_EXTENDED) && sql_is_ident_tok(p, sql_tok(p, 1), false)
                                ? (p->pos++, true)
                                : false;
        return sql_parse_multipart(p, &n->u.cmd.n_parts, &n->u.cmd.parts) ? NULL : n;
    }
    if (sql_at_kw(p, KW_FUNCTION))
        return NULL;
    bool query_kw =
        sql_at_kw(p, KW_QUERY) && (sql_at_query_start(p, 1) || sql_at_kw_ahead(p, 1, KW_WITH) ||
                                   sql_tok(p, 1)->kind == TK_LPAREN);
    if (query_kw)
        p->pos++;
    if (query_kw || sql_at_query_start(p, 0) || sql_at_kw(p, KW_WITH) || sql_peek(p) == TK_LPAREN) {
        n->u.cmd.sub = PL_DESCRIBE_QUERY;
        int q_start = sql_cur_start(p);
        pl_node *query = sql_parse_query(p);
        if (!query)
            return NULL;
        sql_cmd_set_query(p, n, query, q_start);
        return n;
    }
    n->u.cmd.sub = PL_DESCRIBE_TABLE;
    if (sql_at_kw(p, KW_TABLE) && sql_is_ident_tok(p, sql_tok(p, 1), false))
        p->pos++;
    if ((sql_at_kw(p, KW_EXTENDED) || sql_at_kw(p, KW_FORMATTED)) &&
        sql_is_ident_tok(p, sql_tok(p, 1), false)) {
        p->pos++;
        n->u.cmd.extended = true;
    }
    if (sql_parse_multipart(p, &n->u.cmd.n_parts, &n->u.cmd.parts))
        return NULL;
    if (sql_at_kw(p, KW_PARTITION)) {
        const sql_token *a = sql_tok(p, 0);
        sql_defer_not_implemented(p, a->start, a->stop, "DESCRIBE TABLE ... PARTITION");
        if (sql_cmd_skip_partition_spec(p))
            return NULL;
    }
    if (sql_peek(p) != TK_EOF && sql_peek(p) != TK_SEMI) {
        int n_col = 0;
        const char **col = NULL;
        if (sql_parse_multipart(p, &n_col, &col))
            return NULL;
        n->u.cmd.key = col[n_col - 1];
    }
    return n;
}

/* TRUNCATE TABLE t; REFRESH TABLE t; CACHE [LAZY] TABLE t [AS q]; UNCACHE TABLE [IF EXISTS] t;
   CLEAR CACHE. */
static pl_node *sql_cmd_table_op(sql_parser *p, sql_kw kw)
{
    if (kw == KW_CLEAR) {
        if (!sql_at_kw_ahead(p, 1, KW_CACHE))
            return NULL;
        p->pos += 2;
        return sql_cmd_node(p, PL_CMD_CLEAR_CACHE);
    }
    bool lazy = kw == KW_CACHE && sql_at_kw_ahead(p, 1, KW_LAZY);
    int ahead = lazy ? 2 : 1;
    if (!sql_at_kw_ahead(p, ahead, KW_TABLE))
        return NULL;
    p->pos += ahead + 1;
    pl_command_kind k = kw == KW_TRUNCATE  ? PL_CMD_TRUNCATE
                        : kw == KW_REFRESH ? PL_CMD_REFRESH
                        : kw == KW_CACHE   ? PL_CMD_CACHE
                                           : PL_CMD_UNCACHE;
    pl_node *n = sql_cmd_node(p, k);
    n->u.cmd.lazy = lazy;
    if (k == PL_CMD_UNCACHE && sql_at_kw(p, KW_IF)) {
        p->pos++;
        if (sql_expect_kw(p, KW_EXISTS))
            return NULL;
        n->u.cmd.if_exists = true;
    }
    if (sql_parse_multipart(p, &n->u.cmd.n_parts, &n->u.cmd.parts))
        return NULL;
    if (k == PL_CMD_TRUNCATE && sql_at_kw(p, KW_PARTITION)) {
        const sql_token *a = sql_tok(p, 0);
        sql_defer_not_implemented(p, a->start, a->stop, "TRUNCATE TABLE ... PARTITION");
        if (sql_cmd_skip_partition_spec(p))
            return NULL;
    }
    if (k == PL_CMD_CACHE) {
        if (sql_accept_kw(p, KW_OPTIONS) &&
            sql_cmd_props(p, false, &n->u.cmd.n_options, &n->u.cmd.options))
            return NULL;
        if (sql_accept_kw(p, KW_AS) || sql_at_query_start(p, 0)) {
            int q_start = sql_cur_start(p);
            pl_node *query = sql_parse_query(p);
            if (!query)
                return NULL;
            sql_cmd_set_query(p, n, query, q_start);
        }
    }
    return n;
}

static pl_node *sql_parse_command_at(sql_parser *p);

pl_node *sql_parse_command(sql_parser *p)
{
    /* A statement that turns out not to be one of ours leaves the cursor where it was, so the
       caller names it from its first keywords. */
    int saved = p->pos;
    pl_node *n = sql_parse_command_at(p);
    if (!n && !(p->err && p->err->code))
        p->pos = saved;
    return n;
}

static pl_node *sql_parse_command_at(sql_parser *p)
{
    const sql_token *t = sql_tok(p, 0);
    if (t->kind != TK_IDENT)
        return NULL;
    switch (t->kw) {
    case KW_CREATE:
        return sql_cmd_create(p);
    case KW_REPLACE:
        return sql_at_kw_ahead(p, 1, KW_TABLE) ? sql_cmd_create_table(p, 2, true, false) : NULL;
    case KW_DROP:
        return sql_cmd_drop(p);
    case KW_SET:
        return sql_cmd_set(p, false);
    case KW_RESET:
        return sql_cmd_set(p, true);
    case KW_USE:
        return sql_cmd_use(p);
    case KW_INSERT:
        return sql_cmd_insert(p);
    case KW_ALTER:
        return sql_cmd_alter(p);
    case KW_SHOW:
        return sql_cmd_show(p);
    case KW_DESC:
    case KW_DESCRIBE:
        return sql_cmd_describe(p);
    case KW_TRUNCATE:
    case KW_REFRESH:
    case KW_CACHE:
    case KW_UNCACHE:
    case KW_CLEAR:
        return sql_cmd_table_op(p, t->kw);
    case KW_EXPLAIN:
        return sql_cmd_explain(p);
    default:
        return NULL;
    }
}
