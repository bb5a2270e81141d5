/*
 * sql_cmd: the non-query statements Ember runs today, parsed into PL_COMMAND nodes that
 * connect/ executes: CREATE [OR REPLACE] [GLOBAL] TEMP[ORARY] VIEW [IF NOT EXISTS] name
 * [(col [COMMENT '..'], ...)] [COMMENT '..'] [TBLPROPERTIES (...)] AS query; DROP VIEW
 * [IF EXISTS] name; SET [key[=value]]; RESET [key].
 *
 * sql_parse_command returns NULL without an error when the statement is not one of these
 * (the caller then reports it as not implemented), NULL with an error on a syntax error.
 * SET and RESET take the rest of the text raw, as Spark's SET command parser does.
 */
#include "sql/sql_int.h"

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

static pl_node *sql_cmd_drop_view(sql_parser *p)
{
    if (!sql_at_kw_ahead(p, 1, KW_VIEW))
        return NULL;
    p->pos += 2;
    pl_node *n = sql_cmd_node(p, PL_CMD_DROP_VIEW);
    if (sql_at_kw(p, KW_IF)) {
        p->pos++;
        if (sql_expect_kw(p, KW_EXISTS))
            return NULL;
        n->u.cmd.if_exists = true;
    }
    if (sql_parse_multipart(p, &n->u.cmd.n_parts, &n->u.cmd.parts))
        return NULL;
    return n;
}

/* SET / RESET: everything after the keyword, raw (consumes the remaining tokens). */
static pl_node *sql_cmd_set(sql_parser *p, bool reset)
{
    const sql_token *kw = sql_tok(p, 0);
    /* SET TIME ZONE ... and SET VAR/VARIABLE are other statements Ember lacks. */
    if (!reset && (sql_at_kw_ahead(p, 1, KW_TIME) || sql_at_kw_ahead(p, 1, KW_VAR) ||
                   sql_at_kw_ahead(p, 1, KW_VARIABLE)))
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

pl_node *sql_parse_command(sql_parser *p)
{
    const sql_token *t = sql_tok(p, 0);
    if (t->kind != TK_IDENT)
        return NULL;
    switch (t->kw) {
    case KW_CREATE:
        return sql_cmd_create_view(p);
    case KW_DROP:
        return sql_cmd_drop_view(p);
    case KW_SET:
        return sql_cmd_set(p, false);
    case KW_RESET:
        return sql_cmd_set(p, true);
    default:
        return NULL;
    }
}
