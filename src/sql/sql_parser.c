/*
 * sql_parser: the parser's cursor over the token array, its error reporting (Spark's
 * PARSE_SYNTAX_ERROR conventions, deferred post-parse errors, the recursion guard) and the
 * identifier rules shared by every grammar file.
 *
 * Error token display follows ANTLR's getTokenErrorDisplay as Spark customizes it: the token
 * text in single quotes with \n, \r, \t escaped, and "end of input" for the end.
 */
#include "sql/sql_int.h"

#include "common/em_mem.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void sql_opts_default(sql_opts *opts)
{
    memset(opts, 0, sizeof *opts);
}

int sql_parser_init(sql_parser *p, const char *text, const sql_opts *opts, const sql_params *params,
                    em_arena *arena, em_error *err)
{
    memset(p, 0, sizeof *p);
    p->text = text ? text : "";
    p->arena = arena;
    p->err = err;
    p->params = params;
    em_error_clear(&p->sem);
    if (opts)
        p->opts = *opts;
    size_t len = strlen(p->text);
    if (len >= SQL_MAX_TEXT_BYTES) {
        em_error_set(err, "FAILED_TO_PARSE_TOO_COMPLEX", NULL);
        return EM_EUSER;
    }
    p->len = (int)len;
    int rc = sql_lex(p);
    if (rc)
        sql_parser_release(p);
    return rc;
}

void sql_parser_release(sql_parser *p)
{
    em_free(p->toks);
    p->toks = NULL;
    p->n_toks = 0;
}

int sql_parser_finish(sql_parser *p)
{
    if (p->unclosed_comment) {
        int rc = em_error_set(p->err, "UNCLOSED_BRACKETED_COMMENT", NULL);
        em_error_set_context(p->err, p->text, p->unclosed_start, p->len - 1);
        return rc;
    }
    if (em_error_is_set(&p->sem)) {
        if (p->err && !em_error_is_set(p->err))
            em_error_copy(p->err, &p->sem);
        return p->sem.code;
    }
    return EM_OK;
}

/* ---- cursor ---------------------------------------------------------------------------- */

bool sql_accept(sql_parser *p, sql_tk kind)
{
    if (sql_peek(p) != kind)
        return false;
    p->pos++;
    return true;
}

bool sql_accept_kw(sql_parser *p, sql_kw kw)
{
    if (!sql_at_kw(p, kw))
        return false;
    p->pos++;
    return true;
}

static void sql_token_display(const sql_parser *p, const sql_token *t, char *buf, size_t size);

int sql_expect(sql_parser *p, sql_tk kind)
{
    if (sql_accept(p, kind))
        return EM_OK;
    /* ANTLR's single-token deletion: the expected token comes right after an extra one. */
    if (sql_peek(p) != TK_EOF && sql_tok(p, 1)->kind == kind) {
        char disp[520], hint[600];
        sql_token_display(p, sql_tok(p, 0), disp, sizeof disp);
        snprintf(hint, sizeof hint, ": extra input %s", disp);
        return sql_syntax_error_at(p, p->pos, hint);
    }
    return sql_syntax_error(p);
}

int sql_expect_kw(sql_parser *p, sql_kw kw)
{
    if (sql_accept_kw(p, kw))
        return EM_OK;
    return sql_syntax_error(p);
}

int sql_cur_start(const sql_parser *p)
{
    return sql_tok(p, 0)->start;
}

int sql_prev_stop(const sql_parser *p)
{
    return p->pos > 0 ? p->toks[p->pos - 1].stop : 0;
}

/* ---- errors ------------------------------------------------------------------------------ */

/* ANTLR's token display: 'text' with \n \r \t escaped; the end is "end of input". */
static void sql_token_display(const sql_parser *p, const sql_token *t, char *buf, size_t size)
{
    if (t->kind == TK_EOF) {
        snprintf(buf, size, "end of input");
        return;
    }
    size_t w = 0;
    buf[w++] = '\'';
    for (int idx = t->start; idx <= t->stop && w + 4 < size; idx++) {
        char c = p->text[idx];
        const char *esc = c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t" : NULL;
        if (esc) {
            buf[w++] = esc[0];
            buf[w++] = esc[1];
        } else {
            buf[w++] = c;
        }
    }
    buf[w++] = '\'';
    buf[w] = '\0';
}

int sql_syntax_error_at(sql_parser *p, int tok_idx, const char *hint)
{
    if (em_error_is_set(p->err))
        return p->err->code;
    if (tok_idx >= p->n_toks)
        tok_idx = p->n_toks - 1;
    const sql_token *t = &p->toks[tok_idx];
    char disp[520];
    sql_token_display(p, t, disp, sizeof disp);
    int rc = em_error_set(p->err, "PARSE_SYNTAX_ERROR", "error", disp, "hint", hint, NULL);
    if (t->kind != TK_EOF)
        em_error_set_context(p->err, p->text, t->start, t->stop);
    return rc ? rc : EM_EUSER;
}

int sql_syntax_error(sql_parser *p)
{
    return sql_syntax_error_at(p, p->pos, "");
}

int sql_syntax_error_end(sql_parser *p)
{
    const sql_token *t = sql_tok(p, 0);
    const sql_token *next = sql_tok(p, 1);
    if (t->kind != TK_EOF && (next->kind == TK_EOF || next->kind == TK_SEMI)) {
        /* Only the end could follow: ANTLR reports the lone trailing token as extra input. */
        char disp[520], hint[600];
        sql_token_display(p, t, disp, sizeof disp);
        snprintf(hint, sizeof hint, ": extra input %s", disp);
        return sql_syntax_error_at(p, p->pos, hint);
    }
    return sql_syntax_error_at(p, p->pos, "");
}

static int sql_vset(em_error *err, const char *jvm, const char *error_class, va_list ap)
{
    /* em_error_set takes a NULL-terminated list; forward up to EM_ERR_PARAMS_MAX pairs. */
    const char *kv[2 * EM_ERR_PARAMS_MAX + 1];
    int n = 0;
    const char *name;
    while (n < 2 * EM_ERR_PARAMS_MAX && (name = va_arg(ap, const char *)) != NULL) {
        kv[n++] = name;
        kv[n++] = va_arg(ap, const char *);
    }
    for (; n < 2 * EM_ERR_PARAMS_MAX + 1; n++)
        kv[n] = NULL;
    if (jvm)
        return em_error_set_jvm(err, jvm, error_class, kv[0], kv[1], kv[2], kv[3], kv[4], kv[5],
                                kv[6], kv[7], kv[8], kv[9], kv[10], kv[11], kv[12], kv[13], kv[14],
                                kv[15], NULL);
    return em_error_set(err, error_class, kv[0], kv[1], kv[2], kv[3], kv[4], kv[5], kv[6], kv[7],
                        kv[8], kv[9], kv[10], kv[11], kv[12], kv[13], kv[14], kv[15], NULL);
}

int sql_fail(sql_parser *p, int start, int stop, const char *error_class, ...)
{
    if (em_error_is_set(p->err))
        return p->err->code;
    va_list ap;
    va_start(ap, error_class);
    int rc = sql_vset(p->err, NULL, error_class, ap);
    va_end(ap);
    if (stop >= p->len)
        stop = p->len - 1;
    em_error_set_context(p->err, p->text, start, stop);
    return rc ? rc : EM_EUSER;
}

static void sql_vdefer(sql_parser *p, const char *jvm, int start, int stop, const char *error_class,
                       va_list ap)
{
    if (em_error_is_set(&p->sem))
        return;
    sql_vset(&p->sem, jvm, error_class, ap);
    if (stop >= p->len)
        stop = p->len - 1;
    em_error_set_context(&p->sem, p->text, start, stop);
}

void sql_defer(sql_parser *p, int start, int stop, const char *error_class, ...)
{
    va_list ap;
    va_start(ap, error_class);
    sql_vdefer(p, NULL, start, stop, error_class, ap);
    va_end(ap);
}

void sql_defer_jvm(sql_parser *p, const char *jvm, int start, int stop, const char *error_class,
                   ...)
{
    va_list ap;
    va_start(ap, error_class);
    sql_vdefer(p, jvm, start, stop, error_class, ap);
    va_end(ap);
}

int sql_not_implemented(sql_parser *p, int start, int stop, const char *feature)
{
    return sql_fail(p, start, stop, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature", feature,
                    NULL);
}

void sql_defer_not_implemented(sql_parser *p, int start, int stop, const char *feature)
{
    sql_defer(p, start, stop, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature", feature, NULL);
}

int sql_enter(sql_parser *p)
{
    if (++p->depth > SQL_MAX_DEPTH + SQL_DEPTH_SLACK) {
        if (!em_error_is_set(p->err))
            em_error_set(p->err, "FAILED_TO_PARSE_TOO_COMPLEX", NULL);
        return EM_EUSER;
    }
    return EM_OK;
}

char *sql_tok_text(sql_parser *p, const sql_token *t)
{
    if (t->kind == TK_EOF)
        return em_arena_strdup(p->arena, "");
    return em_arena_strndup(p->arena, p->text + t->start, (size_t)(t->stop - t->start + 1));
}

char *sql_upper_text(sql_parser *p, int start, int stop)
{
    char *s = em_arena_strndup(p->arena, p->text + start, (size_t)(stop - start + 1));
    for (char *c = s; *c; c++)
        if (*c >= 'a' && *c <= 'z')
            *c = (char)(*c - 'a' + 'A');
    return s;
}

/* ---- identifiers ------------------------------------------------------------------------ */

bool sql_is_ident_tok(const sql_parser *p, const sql_token *t, bool strict)
{
    switch (t->kind) {
    case TK_IDENT: {
        if (t->kw == KW__NONE)
            return true;
        int flags = sql_keyword_flags(t->kw);
        if (p->opts.enforce_reserved_keywords && (flags & (SQL_KWF_ANSI_RESERVED | SQL_KWF_STRICT)))
            return false;
        return !(strict && (flags & SQL_KWF_STRICT));
    }
    case TK_QIDENT:
        return true;
    case TK_DQSTRING:
        return p->opts.double_quoted_identifiers;
    default:
        return false;
    }
}

/* The unquoted text of a quoted identifier: strips the quotes, undoubles inner quotes. */
static char *sql_unquote(sql_parser *p, const sql_token *t, char quote)
{
    int n = t->stop - t->start - 1;
    char *out = em_arena_alloc(p->arena, (size_t)n + 1);
    int w = 0;
    for (int idx = t->start + 1; idx < t->stop; idx++) {
        out[w++] = p->text[idx];
        if (p->text[idx] == quote && idx + 1 < t->stop && p->text[idx + 1] == quote)
            idx++;
    }
    out[w] = '\0';
    return out;
}

const char *sql_parse_ident(sql_parser *p)
{
    const sql_token *t = sql_tok(p, 0);
    if (!sql_is_ident_tok(p, t, false)) {
        sql_syntax_error(p);
        return NULL;
    }
    p->pos++;
    if (t->kind == TK_QIDENT)
        return sql_unquote(p, t, '`');
    if (t->kind == TK_DQSTRING)
        return sql_unquote(p, t, '"');
    /* Spark's exitUnquotedIdentifier: only ASCII letters, digits and '_' unquoted. */
    for (int idx = t->start; idx <= t->stop; idx++) {
        unsigned char c = (unsigned char)p->text[idx];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_')) {
            char *txt = sql_tok_text(p, t);
            sql_fail(p, t->start, t->stop, "INVALID_IDENTIFIER", "ident", txt, NULL);
            return NULL;
        }
    }
    return sql_tok_text(p, t);
}

const char *sql_parse_ident_ec(sql_parser *p)
{
    int first = p->pos;
    const char *name = sql_parse_ident(p);
    if (!name)
        return NULL;
    if (sql_peek(p) == TK_MINUS && sql_is_ident_tok(p, sql_tok(p, 1), false)) {
        /* errorCapturingIdentifier: `a-b` names must be back quoted. The reported text is the
           tokens' text joined without white space, as ANTLR's getText gives it. */
        em_str s;
        em_str_init(&s, 4096);
        em_str_append(&s, p->text + p->toks[first].start,
                      (size_t)(p->toks[first].stop - p->toks[first].start + 1));
        while (sql_peek(p) == TK_MINUS && sql_is_ident_tok(p, sql_tok(p, 1), false)) {
            const sql_token *id = sql_tok(p, 1);
            em_str_putc(&s, '-');
            em_str_append(&s, p->text + id->start, (size_t)(id->stop - id->start + 1));
            p->pos += 2;
        }
        int stop = sql_prev_stop(p);
        sql_fail(p, p->toks[first].start, stop, "INVALID_IDENTIFIER", "ident", s.data ? s.data : "",
                 NULL);
        em_str_release(&s);
        return NULL;
    }
    return name;
}

int sql_parse_multipart(sql_parser *p, int *n_parts, const char ***parts)
{
    int n = 0, cap = 4;
    const char **out = em_arena_alloc(p->arena, (size_t)cap * sizeof *out);
    do {
        const char *part = sql_parse_ident_ec(p);
        if (!part)
            return EM_EUSER;
        if (n == cap) {
            const char **grown = em_arena_alloc(p->arena, (size_t)cap * 2 * sizeof *out);
            memcpy(grown, out, (size_t)n * sizeof *out);
            out = grown;
            cap *= 2;
        }
        out[n++] = part;
    } while (sql_accept(p, TK_DOT));
    *n_parts = n;
    *parts = out;
    return EM_OK;
}

int sql_parse_ident_list(sql_parser *p, int *n_names, const char ***names)
{
    if (sql_expect(p, TK_LPAREN))
        return EM_EUSER;
    int n = 0, cap = 4;
    const char **out = em_arena_alloc(p->arena, (size_t)cap * sizeof *out);
    do {
        const char *name = sql_parse_ident_ec(p);
        if (!name)
            return EM_EUSER;
        if (n == cap) {
            const char **grown = em_arena_alloc(p->arena, (size_t)cap * 2 * sizeof *out);
            memcpy(grown, out, (size_t)n * sizeof *out);
            out = grown;
            cap *= 2;
        }
        out[n++] = name;
    } while (sql_accept(p, TK_COMMA));
    if (sql_expect(p, TK_RPAREN))
        return EM_EUSER;
    *n_names = n;
    *names = out;
    return EM_OK;
}
