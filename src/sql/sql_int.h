/*
 * sql_int: private structures of the SQL front door, shared by the files of src/sql/.
 *
 * Flow: sql_lex() turns the whole text into an array of tokens (comments and whitespace
 * dropped), then a hand-written recursive-descent parser walks the array with unlimited
 * lookahead and builds plan IR directly (no separate parse tree). See README.md.
 *
 * Error discipline (mirrors Spark's order of reporting):
 *  - Syntax errors and the errors Spark raises while parsing (INVALID_IDENTIFIER,
 *    FAILED_TO_PARSE_TOO_COMPLEX) are raised at once into p->err and abort the parse: every parse
 *    function returns NULL (or non-zero) and callers return at once.
 *  - Errors Spark raises only after a successful parse (its AstBuilder: literal ranges, typed
 *    literals, unsupported data types...) are deferred with sql_defer(): the first one is kept in
 *    p->sem, parsing continues, and it is reported when the text turned out to be syntactically
 *    valid. An unclosed bracketed comment is reported between the two.
 */
#ifndef SQL_INT_H
#define SQL_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "sql/sql.h"

/* Bounds for hostile input. */
#define SQL_MAX_DEPTH      1000      /* nesting levels of the text, and built tree depth */
#define SQL_DEPTH_SLACK    16        /* recursion guard units for the enclosing rules */
#define SQL_MAX_TEXT_BYTES (1 << 30) /* offsets are int */
#define SQL_MAX_TOKENS     (1 << 23) /* 8M tokens (128 MiB of token array) */

enum { SQL_KWF_STRICT = 1, SQL_KWF_ANSI_RESERVED = 2 };

typedef enum sql_kw {
    KW__NONE = 0,
#define SQL_KW(name, flags) KW_##name,
#include "sql/sql_keywords.def"
#undef SQL_KW
    KW__COUNT
} sql_kw;

typedef enum sql_tk {
    TK_EOF = 0,
    TK_IDENT,      /* unquoted word; kw is its keyword id or KW__NONE */
    TK_QIDENT,     /* `back quoted` */
    TK_STRING,     /* '...' or R'...' / R"..." */
    TK_DQSTRING,   /* "..." */
    TK_INTEGER,    /* 12 */
    TK_BIGINT,     /* 12L */
    TK_SMALLINT,   /* 12S */
    TK_TINYINT,    /* 12Y */
    TK_EXPONENT,   /* 1E5, 1.5E5 */
    TK_DECIMAL,    /* 1.5, .5, 1. */
    TK_FLOAT,      /* 1.5F */
    TK_DOUBLE,     /* 1.5D */
    TK_BIGDECIMAL, /* 1.5BD */
    TK_SEMI,
    TK_LPAREN,
    TK_RPAREN,
    TK_COMMA,
    TK_DOT,
    TK_LBRACKET,
    TK_RBRACKET,
    TK_BANG,
    TK_EQ,   /* = or == */
    TK_NSEQ, /* <=> */
    TK_NEQ,  /* <> */
    TK_NEQJ, /* != */
    TK_LT,
    TK_LTE, /* <= or !> */
    TK_GT,
    TK_GTE,  /* >= or !< */
    TK_SHL,  /* << */
    TK_SHR,  /* >> */
    TK_SHRU, /* >>> */
    TK_PLUS,
    TK_MINUS,
    TK_STAR,
    TK_SLASH,
    TK_PERCENT,
    TK_TILDE,
    TK_AMP,
    TK_PIPE,
    TK_CONCAT,  /* || */
    TK_PIPE_OP, /* |> */
    TK_HAT,
    TK_COLON,
    TK_DCOLON,     /* :: */
    TK_ARROW,      /* -> */
    TK_FAT_ARROW,  /* => */
    TK_HINT_START, /* slash-star-plus */
    TK_HINT_END,   /* star-slash outside a comment */
    TK_QUESTION,
    TK_UNRECOGNIZED,
} sql_tk;

typedef struct sql_token {
    sql_tk kind;
    sql_kw kw;
    int start, stop; /* inclusive byte offsets into the text; EOF: start = stop = len */
} sql_token;

/* A lambda's parameter names while its body is parsed (innermost first). */
typedef struct sql_scope {
    int n_names;
    const char **names;
    struct sql_scope *outer;
} sql_scope;

/* An `OVER name` waiting for the WINDOW clause of its query specification. */
typedef struct sql_winref {
    pl_expr *window; /* PX_WINDOW whose spec is filled in */
    const char *name;
    int start, stop;
    struct sql_winref *next;
} sql_winref;

/* A WITH definition in scope while the rest of its query parses (innermost first). */
typedef struct sql_cte {
    const char *name;
    pl_node *plan; /* the definition under a SubqueryAlias of its name (and column names) */
    struct sql_cte *outer;
} sql_cte;

typedef struct sql_parser {
    const char *text;
    int len;
    em_arena *arena;
    sql_opts opts;
    const sql_params *params;
    sql_token *toks; /* em_malloc'd; released by sql_parser_release */
    int n_toks;
    int pos;
    int depth;
    bool unclosed_comment;
    int unclosed_start;
    em_error *err;
    em_error sem; /* first deferred error (code EM_OK when none) */
    sql_scope *scope;
    sql_winref *winrefs;
    sql_cte *ctes;
    int n_pos_used;
} sql_parser;

/* ---- sql_keywords.c ---- */
sql_kw sql_keyword_lookup(const char *word, int len);
int sql_keyword_flags(sql_kw kw);
const char *sql_keyword_name(sql_kw kw);

/* ---- sql_lex.c ---- */
/* Tokenizes p->text into p->toks (ending with TK_EOF). Fails only past SQL_MAX_TOKENS
   (FAILED_TO_PARSE_TOO_COMPLEX). */
int sql_lex(sql_parser *p);

/* ---- sql_parser.c: cursor, errors, shared helpers ---- */
int sql_parser_init(sql_parser *p, const char *text, const sql_opts *opts, const sql_params *params,
                    em_arena *arena, em_error *err);
void sql_parser_release(sql_parser *p);
/* Finishes a successful parse: unclosed comment, then the deferred error. */
int sql_parser_finish(sql_parser *p);
static inline const sql_token *sql_tok(const sql_parser *p, int ahead)
{
    int idx = p->pos + ahead;
    return &p->toks[idx < p->n_toks ? idx : p->n_toks - 1];
}
static inline sql_tk sql_peek(const sql_parser *p)
{
    return sql_tok(p, 0)->kind;
}
static inline bool sql_at_kw(const sql_parser *p, sql_kw kw)
{
    const sql_token *t = sql_tok(p, 0);
    return t->kind == TK_IDENT && t->kw == kw;
}
static inline bool sql_at_kw_ahead(const sql_parser *p, int ahead, sql_kw kw)
{
    const sql_token *t = sql_tok(p, ahead);
    return t->kind == TK_IDENT && t->kw == kw;
}
bool sql_accept(sql_parser *p, sql_tk kind);
bool sql_accept_kw(sql_parser *p, sql_kw kw);
/* Consumes kind or raises PARSE_SYNTAX_ERROR (with Spark's "extra input" hint rules). */
int sql_expect(sql_parser *p, sql_tk kind);
int sql_expect_kw(sql_parser *p, sql_kw kw);
/* Start offset of the current token / stop offset of the previous one. */
int sql_cur_start(const sql_parser *p);
int sql_prev_stop(const sql_parser *p);

/* PARSE_SYNTAX_ERROR at token index tok_idx with the given hint ("" when none). */
int sql_syntax_error_at(sql_parser *p, int tok_idx, const char *hint);
/* PARSE_SYNTAX_ERROR at the current token (hint ""). */
int sql_syntax_error(sql_parser *p);
/* The same where only the end of input may follow: a lone trailing token before the end gets
   the hint ": extra input '<tok>'", as ANTLR's single-token deletion reports it. */
int sql_syntax_error_end(sql_parser *p);
/* An immediate non-syntax error with a query context [start, stop]. */
int sql_fail(sql_parser *p, int start, int stop, const char *error_class, ...);
/* A deferred (post-parse) error; only the first is kept. Returns EM_OK. */
void sql_defer(sql_parser *p, int start, int stop, const char *error_class, ...);
void sql_defer_jvm(sql_parser *p, const char *jvm, int start, int stop, const char *error_class,
                   ...);
/* UNSUPPORTED_FEATURE.NOT_IMPLEMENTED naming feature, raised at once. */
int sql_not_implemented(sql_parser *p, int start, int stop, const char *feature);
/* The same, deferred: for constructs that parsed fine but have no IR yet, so that a later
   syntax error still wins as it would in Spark. */
void sql_defer_not_implemented(sql_parser *p, int start, int stop, const char *feature);
/* Recursion guard: FAILED_TO_PARSE_TOO_COMPLEX past SQL_MAX_DEPTH. */
int sql_enter(sql_parser *p);
static inline void sql_leave(sql_parser *p)
{
    p->depth--;
}
/* The token's text as written, copied into the arena. */
char *sql_tok_text(sql_parser *p, const sql_token *t);
/* Upper-cased copy of the text between two offsets (inclusive). */
char *sql_upper_text(sql_parser *p, int start, int stop);

/* Identifiers. */
/* True when the current token can serve as an identifier (unquoted word or keyword, back
   quoted, or double quoted under double_quoted_identifiers). strict excludes
   strictNonReserved keywords (table aliases). */
bool sql_is_ident_tok(const sql_parser *p, const sql_token *t, bool strict);
/* identifier: returns the unquoted name, or NULL with a syntax error. */
const char *sql_parse_ident(sql_parser *p);
/* errorCapturingIdentifier: identifier, rejecting `a-b` with INVALID_IDENTIFIER. */
const char *sql_parse_ident_ec(sql_parser *p);
/* multipartIdentifier into parts (arena). */
int sql_parse_multipart(sql_parser *p, int *n_parts, const char ***parts);
/* identifierList: ( a, b, ... ) */
int sql_parse_ident_list(sql_parser *p, int *n, const char ***names);

/* ---- sql_literal.c ---- */
/* A numeric literal token (with an optional leading minus already consumed: neg_start >= 0 is
   the minus sign's offset). */
pl_expr *sql_number_literal(sql_parser *p, const sql_token *t, int neg_start);
/* stringLit: one or more adjacent string tokens, unescaped and concatenated. *out_len is the
   byte length. Returns NULL with an error when the current token is not a string. */
char *sql_parse_string(sql_parser *p, int64_t *out_len);
/* The unescaped value of one string token. */
char *sql_string_value(sql_parser *p, const sql_token *t, int64_t *out_len);
/* literalType 'value' (DATE, TIMESTAMP..., X, INTERVAL 'str'); type_tok is the type word. */
pl_expr *sql_typed_literal(sql_parser *p, int type_tok_idx);
/* INTERVAL ... (multi-unit or unit TO unit forms); the INTERVAL keyword is current. */
pl_expr *sql_parse_interval(sql_parser *p);
/* True when INTERVAL (current token) starts an interval literal: a value and a unit follow. */
bool sql_at_interval_literal(const sql_parser *p);
/* Literal helpers. */
pl_expr *sql_lit_string(sql_parser *p, const char *s, int64_t len);
pl_expr *sql_lit_bool(sql_parser *p, bool v);
pl_expr *sql_lit_int(sql_parser *p, int32_t v);

/* ---- sql_expr.c ---- */
pl_expr *sql_parse_expression(sql_parser *p);       /* expression (booleanExpression) */
pl_expr *sql_parse_value_expression(sql_parser *p); /* valueExpression */
pl_expr *sql_parse_primary(sql_parser *p);          /* primaryExpression with postfixes */
pl_expr *sql_parse_named_expression(sql_parser *p); /* expression [AS] alias */
pl_expr *sql_parse_sort_item(sql_parser *p);
/* Continues a boolean expression whose first valueExpression is already parsed. */
pl_expr *sql_parse_expression_from(sql_parser *p, pl_expr *left);
bool sql_can_start_expression(const sql_parser *p, int ahead);
/* Node helpers: a PX_FUNC over args with a source span. */
pl_expr *sql_func(sql_parser *p, const char *name, int n_args, pl_expr *const *args, int start,
                  int stop);
pl_expr *sql_func1(sql_parser *p, const char *name, pl_expr *a, int start, int stop);
pl_expr *sql_func2(sql_parser *p, const char *name, pl_expr *a, pl_expr *b, int start, int stop);
void sql_span(pl_expr *e, int start, int stop);
/* CAST / TRY_CAST / :: (char and varchar targets become string, as Spark's casts do). */
pl_expr *sql_make_cast(sql_parser *p, pl_expr *e, const ty *type, pl_eval_mode mode, int start,
                       int stop);

/* ---- sql_call.c: function calls, special forms, windows, lambdas ---- */
/* A primary starting with an identifier followed by '(' (function call or special form). */
pl_expr *sql_parse_call(sql_parser *p);
pl_expr *sql_parse_case(sql_parser *p);
pl_expr *sql_parse_lambda(sql_parser *p);
bool sql_at_lambda(const sql_parser *p);
/* Resolves `OVER name` references against a WINDOW clause (current token WINDOW). */
int sql_parse_window_clause(sql_parser *p, sql_winref *mark);
int sql_resolve_winrefs(sql_parser *p, sql_winref *mark);

/* ---- sql_type.c ---- */
const ty *sql_parse_data_type(sql_parser *p);
/* colTypeList → struct fields */
const ty *sql_parse_col_type_list(sql_parser *p);

/* ---- sql_query.c ---- */
pl_node *sql_parse_query(sql_parser *p);
/* Added (pipe syntax): shared pieces of the query rules. */
typedef struct sql_exprs {
    int n, cap;
    pl_expr **items;
} sql_exprs;
void sql_exprs_push(sql_parser *p, sql_exprs *l, pl_expr *e);
pl_node *sql_node1(sql_parser *p, pl_kind kind, pl_node *child);
pl_node *sql_alias_node(sql_parser *p, const char *alias, pl_node *child);
/* queryPrimary: SELECT ..., FROM ..., TABLE t, VALUES ..., ( query ). */
pl_node *sql_parse_query_primary(sql_parser *p);
/* GROUP BY ... (cursor at GROUP) into agg's grouping fields. */
/* sql_group.c: GROUP BY (cursor at GROUP) into agg's grouping fields (groups, group_type,
   sets). */
int sql_parse_group_by(sql_parser *p, pl_node *agg);
/* sql_lateral.c: LATERAL. True when the cursor (after LATERAL) is at a subquery or a
   table-valued function; the plan of left LATERAL-joined (type INNER, CROSS or LEFT OUTER,
   optional ON cond) with right, a parsed relationPrimary. */
bool sql_lateral_right_ok(sql_parser *p);
pl_node *sql_lateral_join(sql_parser *p, pl_node *left, pl_node *right, pl_join_type type,
                          pl_expr *cond);
/* sql_query.c: GROUP BY 1 / ORDER BY 1: a top-level int literal becomes a PX_ORDINAL. */
pl_expr *sql_maybe_ordinal(sql_parser *p, pl_expr *e);
/* queryOrganization over plan; pipe: the right side of |> (one result clause, no WINDOW). */
pl_node *sql_parse_result_clauses(sql_parser *p, pl_node *plan, sql_winref *mark, bool pipe);
/* |> SELECT ... over plan (cursor at SELECT). */
pl_node *sql_parse_pipe_select(sql_parser *p, pl_node *plan);
/* |> [NATURAL] joinType JOIN relation [criteria] over left (cursor at the join type). */
pl_node *sql_parse_pipe_join(sql_parser *p, pl_node *left);

/* ---- sql_pipe.c: `|>` operators (cursor at |>); start = the statement's first offset ---- */
pl_node *sql_parse_pipe_operator(sql_parser *p, pl_node *left, int start);

/* ---- sql_relext.c: TABLESAMPLE, PIVOT / UNPIVOT over child (cursor at the keyword) ---- */
pl_node *sql_parse_sample(sql_parser *p, pl_node *child);
pl_node *sql_parse_pipe_pivot(sql_parser *p, pl_node *left);
/* ---- sql_cmd.c: the non-query statements Ember runs (PL_COMMAND); NULL and no error when
   the statement is not one of them. ---- */
pl_node *sql_parse_command(sql_parser *p);
bool sql_at_query_start(const sql_parser *p, int ahead);

/* ---- sql_copy.c ---- */
/* Deep copies (NULL for NULL input, or when the tree is absurdly deep). */
pl_expr *sql_copy_expr(em_arena *a, const pl_expr *e);
pl_node *sql_copy_plan(em_arena *a, const pl_node *n);
/* sql_copy_expr raising FAILED_TO_PARSE_TOO_COMPLEX when the copy is refused. */
pl_expr *sql_copy_or_fail(sql_parser *p, const pl_expr *e);

#endif
