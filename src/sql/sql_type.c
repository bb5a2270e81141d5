/*
 * sql_type: data types and column lists (Spark's DataTypeAstBuilder): every type name and
 * alias, ARRAY<..>, MAP<..,..>, STRUCT<name[:] type [NOT NULL] [COMMENT '..'], ..>, intervals,
 * and the DDL column list "a INT NOT NULL COMMENT 'x', b STRING".
 *
 * `>>` and `>>>` close nested types: Spark's lexer tracks the nesting to avoid lexing them as
 * shift operators; here the parser splits such a token where a '>' is expected.
 */
#include "sql/sql_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Consumes one '>' (splitting >> and >>> tokens). */
static int sql_expect_gt(sql_parser *p)
{
    sql_token *t = &p->toks[p->pos < p->n_toks ? p->pos : p->n_toks - 1];
    if (t->kind == TK_GT) {
        p->pos++;
        return EM_OK;
    }
    if (t->kind == TK_SHR || t->kind == TK_SHRU) {
        t->kind = t->kind == TK_SHR ? TK_GT : TK_SHR;
        t->start++;
        return EM_OK;
    }
    if (t->kind == TK_GTE) { /* "array<int>=": the '=' stays */
        t->kind = TK_EQ;
        t->start++;
        return EM_OK;
    }
    return sql_syntax_error(p);
}

/* integerValue: an INTEGER_VALUE token as int (values past INT_MAX saturate). */
static int sql_parse_int_value(sql_parser *p, int *out)
{
    const sql_token *t = sql_tok(p, 0);
    if (t->kind != TK_INTEGER)
        return sql_syntax_error(p);
    long long v = 0;
    for (int idx = t->start; idx <= t->stop; idx++) {
        v = v * 10 + (p->text[idx] - '0');
        if (v > INT32_MAX)
            v = INT32_MAX;
    }
    *out = (int)v;
    p->pos++;
    return EM_OK;
}

/* toSQLType of a type as written: upper case, in double quotes. */
static const char *sql_quoted_type(sql_parser *p, const char *text)
{
    char *s = em_arena_printf(p->arena, "\"%s\"", text);
    for (char *c = s; *c; c++)
        if (*c >= 'a' && *c <= 'z')
            *c = (char)(*c - 'a' + 'A');
    return s;
}

static const ty *sql_placeholder_type(void)
{
    return ty_null();
}

static const ty *sql_decimal_type(sql_parser *p, int precision, int scale, int start, int stop)
{
    if (scale > precision) {
        char ps[16], ss[16];
        snprintf(ps, sizeof ps, "%d", precision);
        snprintf(ss, sizeof ss, "%d", scale);
        sql_defer_jvm(p, "org.apache.spark.sql.catalyst.parser.ParseException", start, stop,
                      "_LEGACY_ERROR_TEMP_1228", "scale", ss, "precision", ps, NULL);
        return sql_placeholder_type();
    }
    if (precision > TY_DECIMAL_MAX_PRECISION) {
        char ps[16];
        snprintf(ps, sizeof ps, "%d", precision);
        sql_defer_jvm(p, "org.apache.spark.sql.catalyst.parser.ParseException", start, stop,
                      "DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION", "precision", ps, "maxPrecision",
                      "38", NULL);
        return sql_placeholder_type();
    }
    return ty_decimal(p->arena, precision, scale);
}

static int sql_interval_field(sql_kw kw)
{
    switch (kw) {
    case KW_YEAR:
        return TY_YM_YEAR;
    case KW_MONTH:
        return TY_YM_MONTH;
    case KW_DAY:
        return TY_DT_DAY;
    case KW_HOUR:
        return TY_DT_HOUR;
    case KW_MINUTE:
        return TY_DT_MINUTE;
    case KW_SECOND:
        return TY_DT_SECOND;
    default:
        return -1;
    }
}

/* INTERVAL [YEAR [TO MONTH] | MONTH | DAY|HOUR|MINUTE|SECOND [TO HOUR|MINUTE|SECOND]] */
static const ty *sql_parse_interval_type(sql_parser *p, int start)
{
    const sql_token *f = sql_tok(p, 0);
    if (f->kind != TK_IDENT)
        return ty_calendar_interval_type();
    bool ym = f->kw == KW_YEAR || f->kw == KW_MONTH;
    bool dt = f->kw == KW_DAY || f->kw == KW_HOUR || f->kw == KW_MINUTE || f->kw == KW_SECOND;
    if (!ym && !dt)
        return ty_calendar_interval_type();
    p->pos++;
    int from = sql_interval_field(f->kw), to = from;
    if (sql_at_kw(p, KW_TO)) {
        const sql_token *tt = sql_tok(p, 1);
        bool ok = tt->kind == TK_IDENT &&
                  (ym ? tt->kw == KW_MONTH
                      : (tt->kw == KW_HOUR || tt->kw == KW_MINUTE || tt->kw == KW_SECOND));
        if (!ok) {
            p->pos++;
            sql_syntax_error(p);
            return NULL;
        }
        p->pos += 2;
        to = sql_interval_field(tt->kw);
        if (to <= from) {
            char *fs = sql_upper_text(p, f->start, f->stop),
                 *ts = sql_upper_text(p, tt->start, tt->stop);
            for (char *c = fs; *c; c++)
                *c = (char)(*c >= 'A' && *c <= 'Z' ? *c - 'A' + 'a' : *c);
            for (char *c = ts; *c; c++)
                *c = (char)(*c >= 'A' && *c <= 'Z' ? *c - 'A' + 'a' : *c);
            sql_defer_jvm(p, "org.apache.spark.sql.catalyst.parser.ParseException", start, tt->stop,
                          "INVALID_INTERVAL_FORMAT.UNSUPPORTED_FROM_TO_EXPRESSION", "input", "",
                          "from", fs, "to", ts, NULL);
            return sql_placeholder_type();
        }
    }
    return ym ? ty_yearmonth_interval(p->arena, from, to) : ty_daytime_interval(p->arena, from, to);
}

/* STRUCT field: name [:] type [NOT NULL] [COMMENT 'text'] */
static int sql_parse_field(sql_parser *p, ty_field *f, bool colon_allowed)
{
    f->name = sql_parse_ident_ec(p);
    if (!f->name)
        return EM_EUSER;
    if (colon_allowed)
        sql_accept(p, TK_COLON);
    f->type = sql_parse_data_type(p);
    if (!f->type)
        return EM_EUSER;
    f->nullable = true;
    if ((sql_at_kw(p, KW_NOT) || sql_peek(p) == TK_BANG) && sql_at_kw_ahead(p, 1, KW_NULL)) {
        p->pos += 2;
        f->nullable = false;
    }
    if (sql_accept_kw(p, KW_COMMENT)) {
        int64_t len;
        char *c = sql_parse_string(p, &len);
        if (!c)
            return EM_EUSER;
        em_str s;
        em_str_init(&s, 0);
        em_str_puts(&s, "{\"comment\":");
        em_str_json_string(&s, c, (size_t)len);
        em_str_putc(&s, '}');
        f->metadata = em_arena_strndup(p->arena, s.data, s.len);
        em_str_release(&s);
    }
    return EM_OK;
}

/* A list of fields separated by commas, ending before `end` (not consumed). */
static const ty *sql_parse_fields(sql_parser *p, bool colon_allowed, bool allow_empty)
{
    int n = 0, cap = 8;
    ty_field *fields = em_arena_alloc(p->arena, (size_t)cap * sizeof *fields);
    if (!allow_empty || (sql_peek(p) != TK_GT && sql_peek(p) != TK_SHR && sql_peek(p) != TK_SHRU)) {
        do {
            if (n == cap) {
                ty_field *grown = em_arena_alloc(p->arena, (size_t)cap * 2 * sizeof *fields);
                memcpy(grown, fields, (size_t)n * sizeof *fields);
                fields = grown;
                cap *= 2;
            }
            memset(&fields[n], 0, sizeof fields[n]);
            if (sql_parse_field(p, &fields[n], colon_allowed))
                return NULL;
            n++;
        } while (sql_accept(p, TK_COMMA));
    }
    return ty_struct(p->arena, n, fields);
}

static const ty *sql_parse_data_type_inner(sql_parser *p)
{
    const sql_token *t = sql_tok(p, 0);
    int start = t->start;
    sql_kw kw = t->kind == TK_IDENT ? t->kw : KW__NONE;
    switch (kw) {
    case KW_ARRAY:
    case KW_MAP:
    case KW_STRUCT: {
        p->pos++;
        if (kw == KW_STRUCT && sql_accept(p, TK_NEQ))
            return ty_struct(p->arena, 0, NULL);
        if (!sql_accept(p, TK_LT)) {
            /* Spark's nestedTypeMissingElementTypeError */
            const char *cls = kw == KW_ARRAY ? "INCOMPLETE_TYPE_DEFINITION.ARRAY"
                              : kw == KW_MAP ? "INCOMPLETE_TYPE_DEFINITION.MAP"
                                             : "INCOMPLETE_TYPE_DEFINITION.STRUCT";
            if (kw == KW_ARRAY)
                sql_defer(p, t->start, t->stop, cls, "elementType", "<INT>", NULL);
            else
                sql_defer(p, t->start, t->stop, cls, NULL);
            return sql_placeholder_type();
        }
        if (kw == KW_ARRAY) {
            const ty *elem = sql_parse_data_type(p);
            if (!elem || sql_expect_gt(p))
                return NULL;
            return ty_array(p->arena, elem, true);
        }
        if (kw == KW_MAP) {
            const ty *k = sql_parse_data_type(p);
            if (!k || sql_expect(p, TK_COMMA))
                return NULL;
            const ty *v = sql_parse_data_type(p);
            if (!v || sql_expect_gt(p))
                return NULL;
            return ty_map(p->arena, k, v, true);
        }
        const ty *st = sql_parse_fields(p, true, true);
        if (!st || sql_expect_gt(p))
            return NULL;
        return st;
    }
    case KW_BOOLEAN:
        p->pos++;
        return ty_boolean();
    case KW_TINYINT:
    case KW_BYTE:
        p->pos++;
        return ty_byte();
    case KW_SMALLINT:
    case KW_SHORT:
        p->pos++;
        return ty_short();
    case KW_INT:
    case KW_INTEGER:
        p->pos++;
        return ty_int();
    case KW_BIGINT:
    case KW_LONG:
        p->pos++;
        return ty_long();
    case KW_FLOAT:
    case KW_REAL:
        p->pos++;
        return ty_float();
    case KW_DOUBLE:
        p->pos++;
        return ty_double();
    case KW_DATE:
        p->pos++;
        return ty_date();
    case KW_TIMESTAMP_LTZ:
        p->pos++;
        return ty_timestamp();
    case KW_TIMESTAMP_NTZ:
        p->pos++;
        return ty_timestamp_ntz();
    case KW_BINARY:
        p->pos++;
        return ty_binary();
    case KW_VOID:
        p->pos++;
        return ty_null();
    case KW_VARIANT:
        p->pos++;
        return ty_variant();
    case KW_TIMESTAMP:
        p->pos++;
        if (sql_at_kw(p, KW_WITHOUT) && sql_at_kw_ahead(p, 1, KW_TIME) &&
            sql_at_kw_ahead(p, 2, KW_ZONE)) {
            p->pos += 3;
            return ty_timestamp_ntz();
        }
        return p->opts.timestamp_ntz ? ty_timestamp_ntz() : ty_timestamp();
    case KW_STRING:
        p->pos++;
        if (sql_accept_kw(p, KW_COLLATE)) {
            int n_parts;
            const char **parts;
            if (sql_parse_multipart(p, &n_parts, &parts))
                return NULL;
            /* The collation named by its last part (collation ids are the analyzer's). */
            const char *name = parts[n_parts - 1];
            for (const char *c = name; *c; c++)
                if (*c == '.')
                    name = c + 1;
            if (strcasecmp(name, "UTF8_BINARY") == 0)
                return ty_string();
            return ty_string_collated(p->arena, name);
        }
        return ty_string();
    case KW_CHAR:
    case KW_CHARACTER:
    case KW_VARCHAR: {
        p->pos++;
        if (!sql_accept(p, TK_LPAREN)) {
            sql_defer(p, t->start, t->stop, "DATATYPE_MISSING_SIZE", "type",
                      sql_quoted_type(p, sql_tok_text(p, t)), NULL);
            return sql_placeholder_type();
        }
        int len = 0;
        if (sql_parse_int_value(p, &len) || sql_expect(p, TK_RPAREN))
            return NULL;
        return ty_char(p->arena, kw == KW_VARCHAR ? TY_VARCHAR : TY_CHAR, len);
    }
    case KW_DECIMAL:
    case KW_DEC:
    case KW_NUMERIC: {
        p->pos++;
        if (!sql_accept(p, TK_LPAREN))
            return ty_decimal(p->arena, 10, 0);
        int precision = 0, scale = 0;
        if (sql_parse_int_value(p, &precision))
            return NULL;
        if (sql_accept(p, TK_COMMA) && sql_parse_int_value(p, &scale))
            return NULL;
        if (sql_expect(p, TK_RPAREN))
            return NULL;
        return sql_decimal_type(p, precision, scale, start, sql_prev_stop(p));
    }
    case KW_INTERVAL:
        p->pos++;
        return sql_parse_interval_type(p, start);
    case KW_TIME:
    case KW_GEOGRAPHY:
    case KW_GEOMETRY: {
        p->pos++;
        if (sql_accept(p, TK_LPAREN)) {
            while (sql_peek(p) != TK_RPAREN && sql_peek(p) != TK_EOF)
                p->pos++;
            if (sql_expect(p, TK_RPAREN))
                return NULL;
        }
        if (kw == KW_TIME && sql_at_kw(p, KW_WITHOUT))
            p->pos += 3;
        sql_not_implemented(p, start, sql_prev_stop(p),
                            kw == KW_TIME ? "the TIME type" : "geospatial types");
        return NULL;
    }
    default:
        break;
    }
    /* unsupportedType=identifier (LEFT_PAREN integerValue (COMMA integerValue)* RIGHT_PAREN)? */
    const char *bad = sql_parse_ident(p);
    if (!bad)
        return NULL;
    em_str s;
    em_str_init(&s, 0);
    em_str_puts(&s, bad);
    if (sql_accept(p, TK_LPAREN)) {
        em_str_putc(&s, '(');
        int count = 0;
        do {
            int v = 0;
            if (sql_parse_int_value(p, &v)) {
                em_str_release(&s);
                return NULL;
            }
            em_str_printf(&s, "%s%d", count++ ? "," : "", v);
        } while (sql_accept(p, TK_COMMA));
        if (sql_expect(p, TK_RPAREN)) {
            em_str_release(&s);
            return NULL;
        }
        em_str_putc(&s, ')');
    }
    sql_defer(p, start, sql_prev_stop(p), "UNSUPPORTED_DATATYPE", "typeName",
              sql_quoted_type(p, s.data), NULL);
    em_str_release(&s);
    return sql_placeholder_type();
}

const ty *sql_parse_data_type(sql_parser *p)
{
    if (sql_enter(p))
        return NULL;
    const ty *t = sql_parse_data_type_inner(p);
    sql_leave(p);
    return t;
}

const ty *sql_parse_col_type_list(sql_parser *p)
{
    return sql_parse_fields(p, false, false);
}
