/*
 * sql_literal: literal values. Numbers follow Spark's AstBuilder (an integer is int if it
 * fits, else bigint, else decimal; 1.5 is decimal(2,1); exponents are double; suffixes L S Y
 * F D BD pick the type and are range-checked), strings follow SparkParserUtils.unescapeSQLString
 * (adjacent string literals are concatenated), typed literals X'..' are decoded here while
 * datetime ones become PX_TYPED_LITERAL for the analyzer (they need the session time zone).
 *
 * Errors here are Spark's AstBuilder errors, so they are deferred (sql_defer) until the whole
 * text has parsed; a placeholder NULL literal keeps the parse going.
 */
#include "sql/sql_int.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

pl_expr *sql_lit_string(sql_parser *p, const char *s, int64_t len)
{
    return pl_lit_string(p->arena, s, len);
}

pl_expr *sql_lit_bool(sql_parser *p, bool v)
{
    return pl_lit_bool(p->arena, v);
}

pl_expr *sql_lit_int(sql_parser *p, int32_t v)
{
    return pl_lit_int(p->arena, v);
}

static pl_expr *sql_lit_fixed(sql_parser *p, const ty *type, const void *value, size_t width)
{
    vec *v = vec_new(type, 1);
    memcpy(v->values, value, width);
    v->len = 1;
    return pl_lit_new(p->arena, v);
}

/* ---- numbers ---------------------------------------------------------------------------- */

/* Digits of s[0..n) as an unsigned 128-bit value; false when more than 38 significant digits. */
static bool sql_digits_u128(const char *s, int n, unsigned __int128 *out)
{
    unsigned __int128 v = 0;
    int sig = 0;
    for (int idx = 0; idx < n; idx++) {
        if (s[idx] < '0' || s[idx] > '9')
            continue;
        if (v == 0 && s[idx] == '0')
            continue;
        if (++sig > 38)
            return false;
        v = v * 10 + (unsigned)(s[idx] - '0');
    }
    *out = v;
    return true;
}

static void sql_range_error(sql_parser *p, int start, int stop, const char *raw, const char *min,
                            const char *max, const char *type_name)
{
    sql_defer(p, start, stop, "INVALID_NUMERIC_LITERAL_RANGE", "rawStrippedQualifier", raw,
              "minValue", min, "maxValue", max, "typeName", type_name, NULL);
}

static pl_expr *sql_placeholder(sql_parser *p)
{
    return pl_lit_null(p->arena, ty_null());
}

/*
 * Spark's Literal(java.math.BigDecimal): precision and scale of the written number, with
 * Decimal.set's adjustments (precision at least the scale; a negative scale folded into the
 * precision). raw is "[-]digits[.digits][E[+-]digits]".
 */
static pl_expr *sql_decimal_literal(sql_parser *p, const char *raw, int start, int stop,
                                    bool parse_exception)
{
    bool neg = raw[0] == '-';
    const char *s = raw + (neg ? 1 : 0);
    const char *e = strpbrk(s, "eE");
    int mant_len = e ? (int)(e - s) : (int)strlen(s);
    int64_t exponent = 0;
    if (e) {
        char *end;
        long long x = strtoll(e + 1, &end, 10);
        if (x > 100000 || x < -100000)
            x = x > 0 ? 100000 : -100000; /* any such value overflows below */
        exponent = x;
    }
    const char *dot = memchr(s, '.', (size_t)mant_len);
    int nfrac = dot ? mant_len - (int)(dot - s) - 1 : 0;
    int nsig = 0;
    bool seen = false;
    for (int idx = 0; idx < mant_len; idx++) {
        if (s[idx] == '.')
            continue;
        if (s[idx] != '0')
            seen = true;
        if (seen)
            nsig++;
    }
    int64_t scale = nfrac - exponent;
    int64_t precision = nsig > 0 ? nsig : 1;
    int64_t shift = 0;
    if (precision < scale) {
        precision = scale;
    } else if (scale < 0) {
        precision -= scale;
        shift = -scale;
        scale = 0;
    }
    if (precision > TY_DECIMAL_MAX_PRECISION) {
        char pbuf[32];
        snprintf(pbuf, sizeof pbuf, "%lld", (long long)precision);
        if (parse_exception)
            sql_defer_jvm(p, "org.apache.spark.sql.catalyst.parser.ParseException", start, stop,
                          "DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION", "precision", pbuf,
                          "maxPrecision", "38", NULL);
        else
            sql_defer(p, -1, -1, "DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION", "precision", pbuf,
                      "maxPrecision", "38", NULL);
        return sql_placeholder(p);
    }
    unsigned __int128 u = 0;
    sql_digits_u128(s, mant_len, &u);
    for (int64_t idx = 0; idx < shift; idx++)
        u *= 10;
    __int128 v = neg ? -(__int128)u : (__int128)u;
    const ty *t = ty_decimal(p->arena, (int)precision, (int)scale);
    return sql_lit_fixed(p, t, &v, sizeof v);
}

pl_expr *sql_number_literal(sql_parser *p, const sql_token *t, int neg_start)
{
    bool neg = neg_start >= 0;
    int start = neg ? neg_start : t->start;
    int stop = t->stop;
    int tlen = t->stop - t->start + 1;
    int suffix = 0;
    switch (t->kind) {
    case TK_BIGINT:
    case TK_SMALLINT:
    case TK_TINYINT:
    case TK_FLOAT:
    case TK_DOUBLE:
        suffix = 1;
        break;
    case TK_BIGDECIMAL:
        suffix = 2;
        break;
    default:
        break;
    }
    /* rawStrippedQualifier: the rule's text ("-" and the digits) without the type suffix. */
    int body = tlen - suffix;
    char *raw = em_arena_alloc(p->arena, (size_t)body + 2);
    int w = 0;
    if (neg)
        raw[w++] = '-';
    memcpy(raw + w, p->text + t->start, (size_t)body);
    raw[w + body] = '\0';

    switch (t->kind) {
    case TK_INTEGER:
    case TK_BIGINT:
    case TK_SMALLINT:
    case TK_TINYINT: {
        unsigned __int128 u;
        bool fits = sql_digits_u128(raw, (int)strlen(raw), &u);
        /* |value| must fit a signed 64-bit magnitude for the narrow types. */
        bool small = fits && u <= (unsigned __int128)INT64_MAX + 1;
        __int128 v = neg ? -(__int128)(fits ? u : 0) : (__int128)(fits ? u : 0);
        if (t->kind == TK_INTEGER) {
            if (small && v >= INT32_MIN && v <= INT32_MAX)
                return pl_lit_int(p->arena, (int32_t)v);
            if (small && v >= INT64_MIN && v <= INT64_MAX)
                return pl_lit_long(p->arena, (int64_t)v);
            return sql_decimal_literal(p, raw, start, stop, false);
        }
        if (t->kind == TK_BIGINT) {
            if (!small || v < INT64_MIN || v > INT64_MAX) {
                sql_range_error(p, start, stop, raw, "-9223372036854775808", "9223372036854775807",
                                "bigint");
                return sql_placeholder(p);
            }
            return pl_lit_long(p->arena, (int64_t)v);
        }
        if (t->kind == TK_SMALLINT) {
            if (!small || v < INT16_MIN || v > INT16_MAX) {
                sql_range_error(p, start, stop, raw, "-32768", "32767", "smallint");
                return sql_placeholder(p);
            }
            int16_t s16 = (int16_t)v;
            return sql_lit_fixed(p, ty_short(), &s16, sizeof s16);
        }
        if (!small || v < INT8_MIN || v > INT8_MAX) {
            sql_range_error(p, start, stop, raw, "-128", "127", "tinyint");
            return sql_placeholder(p);
        }
        int8_t s8 = (int8_t)v;
        return sql_lit_fixed(p, ty_byte(), &s8, sizeof s8);
    }
    case TK_EXPONENT:
    case TK_DOUBLE:
    case TK_FLOAT: {
        double d = strtod(raw, NULL);
        if (t->kind == TK_FLOAT) {
            /* Spark compares the exact value with Float.MaxValue (as a double). */
            if (isinf(d) || fabs(d) > (double)FLT_MAX) {
                sql_range_error(p, start, stop, raw, "-3.4028234663852886E+38",
                                "3.4028234663852886E+38", "float");
                return sql_placeholder(p);
            }
            float f = (float)d;
            return sql_lit_fixed(p, ty_float(), &f, sizeof f);
        }
        if (isinf(d)) {
            sql_range_error(p, start, stop, raw, "-1.7976931348623157E+308",
                            "1.7976931348623157E+308", "double");
            return sql_placeholder(p);
        }
        return pl_lit_double(p->arena, d);
    }
    case TK_DECIMAL:
        return sql_decimal_literal(p, raw, start, stop, false);
    case TK_BIGDECIMAL:
        return sql_decimal_literal(p, raw, start, stop, true);
    default:
        sql_syntax_error(p);
        return NULL;
    }
}

/* ---- strings ---------------------------------------------------------------------------- */

static void sql_put_utf8(em_str *s, uint32_t cp)
{
    char b[4];
    if (cp < 0x80) {
        em_str_putc(s, (char)cp);
    } else if (cp < 0x800) {
        b[0] = (char)(0xC0 | (cp >> 6));
        b[1] = (char)(0x80 | (cp & 0x3F));
        em_str_append(s, b, 2);
    } else if (cp < 0x10000) {
        b[0] = (char)(0xE0 | (cp >> 12));
        b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F));
        em_str_append(s, b, 3);
    } else {
        b[0] = (char)(0xF0 | (cp >> 18));
        b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[3] = (char)(0x80 | (cp & 0x3F));
        em_str_append(s, b, 4);
    }
}

static int sql_hex_val(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static bool sql_all_hex(const char *s, int n)
{
    for (int idx = 0; idx < n; idx++)
        if (sql_hex_val((unsigned char)s[idx]) < 0)
            return false;
    return true;
}

/* A UTF-16 code unit from \u: pairs surrogates; a lone surrogate becomes '?' as Java's UTF-8
   encoder writes it. */
static void sql_put_utf16(em_str *s, uint32_t unit, uint32_t *pending_high)
{
    if (*pending_high) {
        if (unit >= 0xDC00 && unit <= 0xDFFF) {
            sql_put_utf8(s, 0x10000 + ((*pending_high - 0xD800) << 10) + (unit - 0xDC00));
            *pending_high = 0;
            return;
        }
        em_str_putc(s, '?');
        *pending_high = 0;
    }
    if (unit >= 0xD800 && unit <= 0xDBFF)
        *pending_high = unit;
    else if (unit >= 0xDC00 && unit <= 0xDFFF)
        em_str_putc(s, '?');
    else
        sql_put_utf8(s, unit);
}

/* Spark's unescapeSQLString over the body b[0..n) of a literal quoted with quote. Java builds
   UTF-16 text: \u escapes are code units, and a surrogate left unpaired is written as '?'. */
static void sql_unescape(em_str *s, const char *b, int n, char quote)
{
    uint32_t high = 0;
    int idx = 0;
    while (idx < n) {
        char c = b[idx];
        bool is_u = c == '\\' && idx + 6 <= n && b[idx + 1] == 'u' && sql_all_hex(b + idx + 2, 4);
        bool is_small_U = c == '\\' && idx + 10 <= n && b[idx + 1] == 'U' &&
                          sql_all_hex(b + idx + 2, 8) && sql_all_hex(b + idx + 2, 4) &&
                          memcmp(b + idx + 2, "0000", 4) == 0;
        if (high && !is_u && !is_small_U) {
            em_str_putc(s, '?');
            high = 0;
        }
        if (c == quote && idx + 1 < n && b[idx + 1] == quote) {
            em_str_putc(s, quote);
            idx += 2;
        } else if (c != '\\' || idx + 1 == n) {
            em_str_putc(s, c);
            idx++;
        } else if (is_u || is_small_U) {
            int digits = is_u ? 4 : 8;
            uint32_t v = 0;
            for (int k = 0; k < digits; k++)
                v = v * 16 + (uint32_t)sql_hex_val((unsigned char)b[idx + 2 + k]);
            sql_put_utf16(s, v, &high);
            idx += 2 + digits;
        } else {
            char e = b[idx + 1];
            if (e == 'U' && idx + 10 <= n && sql_all_hex(b + idx + 2, 8)) {
                uint64_t v = 0;
                for (int k = 0; k < 8; k++)
                    v = v * 16 + (uint64_t)sql_hex_val((unsigned char)b[idx + 2 + k]);
                if (v <= 0x10FFFF)
                    sql_put_utf8(s, (uint32_t)v);
                else
                    em_str_append(s, "??", 2); /* Java builds an unpaired surrogate pair */
                idx += 10;
            } else if (idx + 4 <= n && (e == '0' || e == '1') && b[idx + 2] >= '0' &&
                       b[idx + 2] <= '7' && b[idx + 3] >= '0' && b[idx + 3] <= '7') {
                int v = (e - '0') * 64 + (b[idx + 2] - '0') * 8 + (b[idx + 3] - '0');
                em_str_putc(s, (char)v);
                idx += 4;
            } else {
                switch (e) {
                case '0':
                    em_str_putc(s, '\0');
                    break;
                case 'b':
                    em_str_putc(s, '\b');
                    break;
                case 'n':
                    em_str_putc(s, '\n');
                    break;
                case 'r':
                    em_str_putc(s, '\r');
                    break;
                case 't':
                    em_str_putc(s, '\t');
                    break;
                case 'Z':
                    em_str_putc(s, '\x1A');
                    break;
                case '%':
                    em_str_append(s, "\\%", 2);
                    break;
                case '_':
                    em_str_append(s, "\\_", 2);
                    break;
                default:
                    em_str_putc(s, e);
                    break;
                }
                idx += 2;
            }
        }
    }
    if (high)
        em_str_putc(s, '?');
}

char *sql_string_value(sql_parser *p, const sql_token *t, int64_t *out_len)
{
    const char *b = p->text + t->start;
    int n = t->stop - t->start + 1;
    em_str s;
    em_str_init(&s, 0);
    if (b[0] == 'r' || b[0] == 'R') {
        em_str_append(&s, b + 2, (size_t)(n - 3));
    } else if (p->opts.escaped_string_literals) {
        em_str_append(&s, b + 1, (size_t)(n - 2));
    } else {
        sql_unescape(&s, b + 1, n - 2, b[0]);
    }
    char *out = em_arena_strndup(p->arena, s.data ? s.data : "", s.len);
    *out_len = (int64_t)s.len;
    em_str_release(&s);
    return out;
}

static bool sql_is_string_tok(const sql_parser *p, const sql_token *t)
{
    return t->kind == TK_STRING || (t->kind == TK_DQSTRING && !p->opts.double_quoted_identifiers);
}

char *sql_parse_string(sql_parser *p, int64_t *out_len)
{
    if (!sql_is_string_tok(p, sql_tok(p, 0))) {
        sql_syntax_error(p);
        return NULL;
    }
    em_str s;
    em_str_init(&s, 0);
    while (sql_is_string_tok(p, sql_tok(p, 0))) {
        int64_t len;
        char *part = sql_string_value(p, sql_tok(p, 0), &len);
        em_str_append(&s, part, (size_t)len);
        p->pos++;
    }
    char *out = em_arena_strndup(p->arena, s.data ? s.data : "", s.len);
    *out_len = (int64_t)s.len;
    em_str_release(&s);
    return out;
}

/* ---- typed literals ---------------------------------------------------------------------- */

/* Spark's toSQLValue for a string: single-quoted with \ and ' escaped. */
static char *sql_sql_value(sql_parser *p, const char *v, int64_t len)
{
    em_str s;
    em_str_init(&s, 0);
    em_str_putc(&s, '\'');
    for (int64_t idx = 0; idx < len; idx++) {
        if (v[idx] == '\\' || v[idx] == '\'')
            em_str_putc(&s, '\\');
        em_str_putc(&s, v[idx]);
    }
    em_str_putc(&s, '\'');
    char *out = em_arena_strndup(p->arena, s.data, s.len);
    em_str_release(&s);
    return out;
}

/* Spark's toSQLType for a type name as written: upper case in double quotes. */
static char *sql_sql_type(sql_parser *p, const char *name)
{
    char *out = em_arena_printf(p->arena, "\"%s\"", name);
    for (char *c = out; *c; c++)
        if (*c >= 'a' && *c <= 'z')
            *c = (char)(*c - 'a' + 'A');
    return out;
}

/* Hex.unhex: an odd number of digits reads as if a leading 0 were written. */
static pl_expr *sql_binary_literal(sql_parser *p, const char *v, int64_t len, int start, int stop,
                                   const char *type_text)
{
    int64_t n = (len + 1) / 2;
    char *bytes = em_arena_alloc(p->arena, (size_t)n + 1);
    int64_t in = 0, out = 0;
    if (len % 2) {
        int lo = sql_hex_val((unsigned char)v[0]);
        if (lo < 0)
            goto bad;
        bytes[out++] = (char)lo;
        in = 1;
    }
    for (; in < len; in += 2) {
        int hi = sql_hex_val((unsigned char)v[in]), lo = sql_hex_val((unsigned char)v[in + 1]);
        if (hi < 0 || lo < 0)
            goto bad;
        bytes[out++] = (char)(hi * 16 + lo);
    }
    {
        vec *vb = vec_new(ty_binary(), 1);
        vec_append_str(vb, bytes, out, NULL);
        return pl_lit_new(p->arena, vb);
    }
bad:
    sql_defer(p, start, stop, "INVALID_TYPED_LITERAL", "valueType", sql_sql_type(p, type_text),
              "value", sql_sql_value(p, v, len), NULL);
    return sql_placeholder(p);
}

pl_expr *sql_interval_from_string(sql_parser *p, const char *v, int64_t len, int start, int stop,
                                  const char *type_text);

pl_expr *sql_typed_literal(sql_parser *p, int type_tok_idx)
{
    const sql_token *tt = &p->toks[type_tok_idx];
    const sql_token *st = &p->toks[type_tok_idx + 1];
    p->pos = type_tok_idx + 2;
    int start = tt->start, stop = st->stop;
    int64_t len;
    char *value = sql_string_value(p, st, &len);
    char *type_text = sql_tok_text(p, tt);
    const ty *target = NULL;
    switch (tt->kind == TK_IDENT ? tt->kw : KW__NONE) {
    case KW_DATE:
        target = ty_date();
        break;
    case KW_TIMESTAMP:
        target = p->opts.timestamp_ntz ? ty_timestamp_ntz() : ty_timestamp();
        break;
    case KW_TIMESTAMP_NTZ:
        target = ty_timestamp_ntz();
        break;
    case KW_TIMESTAMP_LTZ:
        target = ty_timestamp();
        break;
    case KW_X: {
        pl_expr *e = sql_binary_literal(p, value, len, start, stop, "X");
        sql_span(e, start, stop);
        return e;
    }
    case KW_INTERVAL: {
        pl_expr *e = sql_interval_from_string(p, value, len, start, stop, type_text);
        sql_span(e, start, stop);
        return e;
    }
    case KW_TIME:
        sql_not_implemented(p, start, stop, "the TIME type");
        return NULL;
    default:
        sql_defer(p, start, stop, "UNSUPPORTED_TYPED_LITERAL", "unsupportedType",
                  sql_sql_type(p, type_text), "supportedTypes",
                  "\"DATE\", \"TIMESTAMP_NTZ\", \"TIMESTAMP_LTZ\", \"TIMESTAMP\", \"INTERVAL\", "
                  "\"X\", \"TIME\"",
                  NULL);
        return sql_placeholder(p);
    }
    pl_expr *e = pl_expr_new(p->arena, PX_TYPED_LITERAL, 0);
    e->name = sql_upper_text(p, tt->start, tt->stop);
    e->sql = value;
    e->cast_type = target;
    sql_span(e, start, stop);
    return e;
}
