/*
 * sql_interval: interval literals, the basic forms of Spark's grammar:
 *   INTERVAL 3 DAYS 4 HOURS        multi-unit (numbers or strings as values)
 *   INTERVAL '1-2' YEAR TO MONTH   unit-to-unit with a string value
 *   INTERVAL '3 days 4 hours'      typed literal (a unit-annotated string)
 * As Spark 3.2+ does (spark.sql.legacy.interval.enabled = false), the result is an ANSI
 * interval: INTERVAL YEAR[ TO MONTH] (int32 months) when only year/month units appear, else
 * INTERVAL DAY..SECOND (int64 microseconds), with start/end fields taken from the units used.
 * Mixing both families is an error, as in Spark (no CalendarInterval literal).
 *
 * Fractions are accepted for seconds only (Spark's stringToInterval); nanoseconds are
 * truncated to microseconds.
 */
#include "sql/sql_int.h"

#include <stdio.h>
#include <string.h>

enum {
    SQL_U_YEAR,
    SQL_U_MONTH,
    SQL_U_WEEK,
    SQL_U_DAY,
    SQL_U_HOUR,
    SQL_U_MINUTE,
    SQL_U_SECOND,
    SQL_U_MILLISECOND,
    SQL_U_MICROSECOND,
    SQL_U_NANOSECOND,
    SQL_U_NONE
};

static const char *const sql_unit_names[] = {"year",        "month",     "week",   "day",
                                             "hour",        "minute",    "second", "millisecond",
                                             "microsecond", "nanosecond"};

/* Unit from a word (singular or plural, any case), or SQL_U_NONE. */
static int sql_unit_of(const char *w, int n)
{
    char low[16];
    if (n <= 0 || n >= (int)sizeof low)
        return SQL_U_NONE;
    for (int idx = 0; idx < n; idx++)
        low[idx] = (char)(w[idx] >= 'A' && w[idx] <= 'Z' ? w[idx] - 'A' + 'a' : w[idx]);
    if (low[n - 1] == 's')
        n--;
    low[n] = '\0';
    for (int u = 0; u < SQL_U_NONE; u++)
        if (strcmp(low, sql_unit_names[u]) == 0)
            return u;
    return SQL_U_NONE;
}

/* Accumulated value of a multi-unit interval. */
typedef struct sql_ival {
    int64_t months, days, micros;
    bool ym_fields[2]; /* year, month */
    bool dt_fields[4]; /* day, hour, minute, second */
    bool overflow;
    bool fraction_error;
    int fraction_unit;
} sql_ival;

static bool sql_add_mul(int64_t *acc, int64_t v, int64_t mul)
{
    int64_t prod;
    if (__builtin_mul_overflow(v, mul, &prod) || __builtin_add_overflow(*acc, prod, acc))
        return false;
    return true;
}

/* Adds "[+-]digits[.digits]" of unit u. */
static void sql_ival_add(sql_ival *iv, const char *num, int n, int unit)
{
    bool neg = false;
    int idx = 0;
    if (idx < n && (num[idx] == '+' || num[idx] == '-'))
        neg = num[idx++] == '-';
    int64_t whole = 0;
    for (; idx < n && num[idx] >= '0' && num[idx] <= '9'; idx++) {
        if (__builtin_mul_overflow(whole, 10, &whole) ||
            __builtin_add_overflow(whole, num[idx] - '0', &whole)) {
            iv->overflow = true;
            return;
        }
    }
    int64_t frac_us = 0; /* fraction of the unit, in microseconds of a second */
    bool has_frac = false;
    if (idx < n && num[idx] == '.') {
        idx++;
        int64_t scale = 100000;
        for (; idx < n && num[idx] >= '0' && num[idx] <= '9'; idx++) {
            if (num[idx] != '0')
                has_frac = true;
            frac_us += (num[idx] - '0') * scale;
            scale /= 10;
        }
    }
    if (neg) {
        whole = -whole;
        frac_us = -frac_us;
    }
    if (has_frac && unit != SQL_U_SECOND) {
        iv->fraction_error = true;
        iv->fraction_unit = unit;
        return;
    }
    bool ok = true;
    switch (unit) {
    case SQL_U_YEAR:
        ok = sql_add_mul(&iv->months, whole, 12);
        iv->ym_fields[0] = true;
        break;
    case SQL_U_MONTH:
        ok = sql_add_mul(&iv->months, whole, 1);
        iv->ym_fields[1] = true;
        break;
    case SQL_U_WEEK:
        ok = sql_add_mul(&iv->days, whole, 7);
        iv->dt_fields[0] = true;
        break;
    case SQL_U_DAY:
        ok = sql_add_mul(&iv->days, whole, 1);
        iv->dt_fields[0] = true;
        break;
    case SQL_U_HOUR:
        ok = sql_add_mul(&iv->micros, whole, INT64_C(3600000000));
        iv->dt_fields[1] = true;
        break;
    case SQL_U_MINUTE:
        ok = sql_add_mul(&iv->micros, whole, INT64_C(60000000));
        iv->dt_fields[2] = true;
        break;
    case SQL_U_SECOND:
        ok = sql_add_mul(&iv->micros, whole, INT64_C(1000000)) &&
             sql_add_mul(&iv->micros, frac_us, 1);
        iv->dt_fields[3] = true;
        break;
    case SQL_U_MILLISECOND:
        ok = sql_add_mul(&iv->micros, whole, 1000);
        iv->dt_fields[3] = true;
        break;
    case SQL_U_MICROSECOND:
        ok = sql_add_mul(&iv->micros, whole, 1);
        iv->dt_fields[3] = true;
        break;
    case SQL_U_NANOSECOND:
        ok = sql_add_mul(&iv->micros, whole / 1000, 1);
        iv->dt_fields[3] = true;
        break;
    default:
        break;
    }
    if (!ok)
        iv->overflow = true;
}

static pl_expr *sql_null_lit(sql_parser *p)
{
    return pl_lit_null(p->arena, ty_null());
}

static pl_expr *sql_interval_value(sql_parser *p, const ty *t, const void *v, size_t width)
{
    vec *out = vec_new(t, 1);
    memcpy(out->values, v, width);
    out->len = 1;
    return pl_lit_new(p->arena, out);
}

/* Spark's constructMultiUnitsIntervalLiteral. */
static pl_expr *sql_ival_literal(sql_parser *p, const sql_ival *iv, int start, int stop,
                                 const char *input)
{
    if (iv->fraction_error) {
        sql_defer_jvm(p, "org.apache.spark.sql.catalyst.parser.ParseException", start, stop,
                      "INVALID_INTERVAL_FORMAT.INVALID_FRACTION", "input", input, "unit",
                      sql_unit_names[iv->fraction_unit], NULL);
        return sql_null_lit(p);
    }
    bool ym = iv->ym_fields[0] || iv->ym_fields[1];
    bool dt = iv->dt_fields[0] || iv->dt_fields[1] || iv->dt_fields[2] || iv->dt_fields[3];
    if (ym && dt) {
        char *lit = em_arena_strndup(p->arena, p->text + start, (size_t)(stop - start + 1));
        sql_defer(p, start, stop, "_LEGACY_ERROR_TEMP_0029", "literal", lit, NULL);
        return sql_null_lit(p);
    }
    int64_t micros = iv->micros;
    bool overflow = iv->overflow;
    if (!ym && !sql_add_mul(&micros, iv->days, INT64_C(86400000000)))
        overflow = true;
    if (ym && (iv->months > INT32_MAX || iv->months < INT32_MIN))
        overflow = true;
    if (overflow) {
        sql_defer_jvm(p, "org.apache.spark.sql.catalyst.parser.ParseException", start, stop,
                      "INVALID_INTERVAL_FORMAT.ARITHMETIC_EXCEPTION", "input", input, NULL);
        return sql_null_lit(p);
    }
    if (ym) {
        int s = iv->ym_fields[0] ? TY_YM_YEAR : TY_YM_MONTH;
        int e = iv->ym_fields[1] ? TY_YM_MONTH : TY_YM_YEAR;
        int32_t months = (int32_t)iv->months;
        return sql_interval_value(p, ty_yearmonth_interval(p->arena, s, e), &months, sizeof months);
    }
    int s = TY_DT_SECOND, e = TY_DT_DAY;
    for (int f = 0; f < 4; f++) {
        if (iv->dt_fields[f]) {
            if (f < s)
                s = f;
            if (f > e)
                e = f;
        }
    }
    return sql_interval_value(p, ty_daytime_interval(p->arena, s, e), &micros, sizeof micros);
}

/* Parses "[interval] v unit [v unit ...]" (Spark's stringToInterval, basic forms). */
static bool sql_ival_parse_string(const char *v, int64_t len, sql_ival *iv)
{
    int64_t idx = 0;
    int pairs = 0;
    bool seen_prefix = false;
    while (true) {
        while (idx < len && (unsigned char)v[idx] <= ' ')
            idx++;
        if (idx >= len)
            break;
        int64_t word = idx;
        while (idx < len && (unsigned char)v[idx] > ' ')
            idx++;
        int64_t wlen = idx - word;
        if (pairs == 0 && !seen_prefix && wlen == 8 && strncasecmp(v + word, "interval", 8) == 0) {
            seen_prefix = true;
            continue;
        }
        /* a number */
        int64_t k = word;
        if (k < idx && (v[k] == '+' || v[k] == '-'))
            k++;
        int64_t digits = k;
        while (k < idx && ((v[k] >= '0' && v[k] <= '9') || v[k] == '.'))
            k++;
        if (k != idx || k == digits)
            return false;
        while (idx < len && (unsigned char)v[idx] <= ' ')
            idx++;
        int64_t ustart = idx;
        while (idx < len && (unsigned char)v[idx] > ' ')
            idx++;
        int unit = sql_unit_of(v + ustart, (int)(idx - ustart));
        if (unit == SQL_U_NONE)
            return false;
        sql_ival_add(iv, v + word, (int)wlen, unit);
        pairs++;
    }
    return pairs > 0;
}

pl_expr *sql_interval_from_string(sql_parser *p, const char *v, int64_t len, int start, int stop,
                                  const char *type_text)
{
    sql_ival iv;
    memset(&iv, 0, sizeof iv);
    if (!sql_ival_parse_string(v, len, &iv)) {
        em_str q;
        em_str_init(&q, 0);
        em_str_putc(&q, '\'');
        for (int64_t idx = 0; idx < len; idx++) {
            if (v[idx] == '\\' || v[idx] == '\'')
                em_str_putc(&q, '\\');
            em_str_putc(&q, v[idx]);
        }
        em_str_putc(&q, '\'');
        char *quoted = em_arena_strndup(p->arena, q.data, q.len);
        em_str_release(&q);
        char *vt = em_arena_printf(p->arena, "\"%s\"", type_text);
        for (char *c = vt; *c; c++)
            if (*c >= 'a' && *c <= 'z')
                *c = (char)(*c - 'a' + 'A');
        sql_defer(p, start, stop, "INVALID_TYPED_LITERAL", "valueType", vt, "value", quoted, NULL);
        return sql_null_lit(p);
    }
    return sql_ival_literal(p, &iv, start, stop, em_arena_strndup(p->arena, v, (size_t)len));
}

/* ---- INTERVAL value unit ... ----------------------------------------------------------- */

static bool sql_is_number_tok(sql_tk k)
{
    return k == TK_INTEGER || k == TK_DECIMAL;
}

static bool sql_is_str_tok(const sql_parser *p, const sql_token *t)
{
    return t->kind == TK_STRING || (t->kind == TK_DQSTRING && !p->opts.double_quoted_identifiers);
}

/* Length of an intervalValue at token offset ahead ([+-] number|string+), 0 if none. */
static int sql_interval_value_len(const sql_parser *p, int ahead)
{
    int n = 0;
    if (sql_tok(p, ahead)->kind == TK_PLUS || sql_tok(p, ahead)->kind == TK_MINUS)
        n++;
    const sql_token *t = sql_tok(p, ahead + n);
    if (sql_is_number_tok(t->kind))
        return n + 1;
    if (!sql_is_str_tok(p, t))
        return 0;
    while (sql_is_str_tok(p, sql_tok(p, ahead + n)))
        n++;
    return n;
}

static int sql_unit_tok(const sql_parser *p, int ahead)
{
    const sql_token *t = sql_tok(p, ahead);
    if (t->kind != TK_IDENT)
        return SQL_U_NONE;
    return sql_unit_of(p->text + t->start, t->stop - t->start + 1);
}

bool sql_at_interval_literal(const sql_parser *p)
{
    /* An unsigned number after INTERVAL can only start an interval literal (a column named
       interval cannot be followed by a number), so the literal's syntax errors apply. */
    if (sql_is_number_tok(sql_tok(p, 1)->kind))
        return true;
    int n = sql_interval_value_len(p, 1);
    return n > 0 && sql_unit_tok(p, 1 + n) != SQL_U_NONE;
}

/* Reads one intervalValue: the number text, or the (concatenated) string with the sign folded
   in as Spark does ("-" prefixed, or a leading '-' removed). */
static char *sql_read_interval_value(sql_parser *p, bool *is_string, int *vstart)
{
    *vstart = sql_cur_start(p);
    bool neg = false;
    if (sql_peek(p) == TK_PLUS || sql_peek(p) == TK_MINUS) {
        neg = sql_peek(p) == TK_MINUS;
        p->pos++;
    }
    if (sql_is_number_tok(sql_peek(p))) {
        *is_string = false;
        char *txt = sql_tok_text(p, sql_tok(p, 0));
        p->pos++;
        return neg ? em_arena_printf(p->arena, "-%s", txt) : txt;
    }
    *is_string = true;
    int64_t len;
    char *s = sql_parse_string(p, &len);
    if (!s)
        return NULL;
    if (!neg)
        return s;
    return s[0] == '-' ? s + 1 : em_arena_printf(p->arena, "-%s", s);
}

/* ---- unit TO unit (IntervalUtils.castStringToYMInterval / castStringToDTInterval) ---------- */

/* Reads 1..max_digits digits at *s; false when none or too many. */
static bool sql_read_digits(const char **s, int max_digits, int64_t *out)
{
    const char *d = *s;
    int64_t v = 0;
    while (**s >= '0' && **s <= '9') {
        if (*s - d >= max_digits)
            return false;
        v = v * 10 + (**s - '0');
        (*s)++;
    }
    *out = v;
    return *s > d;
}

static const char *const sql_dt_field_names[] = {"day", "hour", "minute", "second"};

/* The supported formats Spark lists for a (from, to) pair. */
static const char *sql_supported_format(int from, int to)
{
    static const char *const dt[4][4] = {
        {"`[+|-]d`, `INTERVAL [+|-]'[+|-]d' DAY`",
         "`[+|-]d h`, `INTERVAL [+|-]'[+|-]d h' DAY TO HOUR`",
         "`[+|-]d h:m`, `INTERVAL [+|-]'[+|-]d h:m' DAY TO MINUTE`",
         "`[+|-]d h:m:s.n`, `INTERVAL [+|-]'[+|-]d h:m:s.n' DAY TO SECOND`"},
        {"", "`[+|-]h`, `INTERVAL [+|-]'[+|-]h' HOUR`",
         "`[+|-]h:m`, `INTERVAL [+|-]'[+|-]h:m' HOUR TO MINUTE`",
         "`[+|-]h:m:s.n`, `INTERVAL [+|-]'[+|-]h:m:s.n' HOUR TO SECOND`"},
        {"", "", "`[+|-]m`, `INTERVAL [+|-]'[+|-]m' MINUTE`",
         "`[+|-]m:s.n`, `INTERVAL [+|-]'[+|-]m:s.n' MINUTE TO SECOND`"},
        {"", "", "", "`[+|-]s.n`, `INTERVAL [+|-]'[+|-]s.n' SECOND`"},
    };
    if (from == SQL_U_YEAR)
        return "`[+|-]y-m`, `INTERVAL [+|-]'[+|-]y-m' YEAR TO MONTH`";
    return dt[from - SQL_U_DAY][to - SQL_U_DAY];
}

static pl_expr *sql_unit_to_unit(sql_parser *p, const char *value, int from, int to, int start,
                                 int stop)
{
    const char *jvm = "org.apache.spark.sql.catalyst.parser.ParseException";
    bool ym = from == SQL_U_YEAR && to == SQL_U_MONTH;
    bool dt = from >= SQL_U_DAY && from <= SQL_U_MINUTE && to > from && to <= SQL_U_SECOND;
    if (!ym && !dt) {
        sql_defer_jvm(p, jvm, start, stop, "INVALID_INTERVAL_FORMAT.UNSUPPORTED_FROM_TO_EXPRESSION",
                      "input", value, "from", sql_unit_names[from], "to", sql_unit_names[to], NULL);
        return sql_null_lit(p);
    }
    /* UTF8String.trimAll: white space and control characters at both ends. */
    const char *s = value;
    while (*s && (unsigned char)*s <= ' ')
        s++;
    size_t len = strlen(s);
    while (len && (unsigned char)s[len - 1] <= ' ')
        len--;
    char *trimmed = em_arena_strndup(p->arena, s, len);
    s = trimmed;
    int sign = 1;
    if (*s == '+' || *s == '-' || *s == '|')
        sign = *s++ == '-' ? -1 : 1;
    const char *type_name =
        ym ? "interval year to month"
           : em_arena_printf(p->arena, "interval %s to %s", sql_dt_field_names[from - SQL_U_DAY],
                             sql_dt_field_names[to - SQL_U_DAY]);
    if (ym) {
        int64_t years, months;
        bool ok = sql_read_digits(&s, 19, &years) && *s++ == '-' &&
                  sql_read_digits(&s, 19, &months) && *s == '\0';
        if (!ok) {
            sql_defer_jvm(p, jvm, start, stop, "INVALID_INTERVAL_FORMAT.UNMATCHED_FORMAT_STRING",
                          "intervalStr", "year-month", "supportedFormat",
                          sql_supported_format(from, to), "typeName", type_name, "input", value,
                          NULL);
            return sql_null_lit(p);
        }
        int64_t total = sign * (years * 12 + months);
        if (years > INT32_MAX / 12 || months > 11 || total > INT32_MAX || total < INT32_MIN) {
            sql_defer_jvm(p, jvm, start, stop, "INVALID_INTERVAL_FORMAT.INTERVAL_PARSING", "input",
                          trimmed, "interval", "year-month", NULL);
            return sql_null_lit(p);
        }
        int32_t m = (int32_t)total;
        return sql_interval_value(p, ty_yearmonth_interval(p->arena, TY_YM_YEAR, TY_YM_MONTH), &m,
                                  sizeof m);
    }
    /* Leading field widths and bounds (dayBoundPattern.., MAX_DAY, MAX_HOUR, MAX_MINUTE). */
    static const int lead_digits[3] = {9, 10, 12};
    static const int64_t lead_max[3] = {INT64_C(106751991), INT64_C(2562047788),
                                        INT64_C(153722867280)};
    static const int64_t unit_us[4] = {INT64_C(86400000000), INT64_C(3600000000), INT64_C(60000000),
                                       INT64_C(1000000)};
    int first = from - SQL_U_DAY, last = to - SQL_U_DAY;
    int64_t f[4] = {0, 0, 0, 0};
    int64_t nanos = 0;
    bool ok = sql_read_digits(&s, lead_digits[first], &f[first]);
    for (int fi = first + 1; ok && fi <= last; fi++)
        ok = *s++ == (fi == 1 ? ' ' : ':') && sql_read_digits(&s, 2, &f[fi]);
    if (ok && last == 3 && *s == '.') {
        s++;
        const char *d = s;
        int64_t v;
        ok = sql_read_digits(&s, 9, &v);
        for (int pad = (int)(s - d); ok && pad < 9; pad++)
            v *= 10;
        nanos = v;
    }
    if (!ok || *s != '\0') {
        sql_defer_jvm(p, jvm, start, stop,
                      "INVALID_INTERVAL_FORMAT.UNMATCHED_FORMAT_STRING_WITH_NOTICE", "intervalStr",
                      "day-time", "supportedFormat", sql_supported_format(from, to), "typeName",
                      type_name, "input", value, NULL);
        return sql_null_lit(p);
    }
    int64_t micros = 0;
    for (int fi = first; fi <= last; fi++) {
        int64_t max = fi == first ? lead_max[first] : (fi == 1 ? 23 : 59);
        if (f[fi] > max) {
            char *msg =
                em_arena_printf(p->arena, "requirement failed: %s %lld outside range [0, %lld]",
                                sql_dt_field_names[fi], (long long)f[fi], (long long)max);
            sql_defer_jvm(p, jvm, start, stop, "_LEGACY_ERROR_TEMP_0063", "msg", msg, NULL);
            return sql_null_lit(p);
        }
        if (!sql_add_mul(&micros, sign * f[fi], unit_us[fi])) {
            sql_defer_jvm(p, jvm, start, stop, "INVALID_INTERVAL_FORMAT.ARITHMETIC_EXCEPTION",
                          "input", value, NULL);
            return sql_null_lit(p);
        }
    }
    if (!sql_add_mul(&micros, sign * (nanos / 1000), 1)) {
        sql_defer_jvm(p, jvm, start, stop, "INVALID_INTERVAL_FORMAT.ARITHMETIC_EXCEPTION", "input",
                      value, NULL);
        return sql_null_lit(p);
    }
    return sql_interval_value(p, ty_daytime_interval(p->arena, first, last), &micros,
                              sizeof micros);
}

static bool sql_is_u2u_unit(const sql_token *t)
{
    return t->kind == TK_IDENT && (t->kw == KW_SECOND || t->kw == KW_MINUTE || t->kw == KW_HOUR ||
                                   t->kw == KW_DAY || t->kw == KW_MONTH || t->kw == KW_YEAR);
}

pl_expr *sql_parse_interval(sql_parser *p)
{
    int start = sql_cur_start(p);
    p->pos++; /* INTERVAL */
    sql_ival iv;
    memset(&iv, 0, sizeof iv);
    em_str input;
    em_str_init(&input, 1 << 20);
    int pairs = 0;
    bool had_to = false, extra = false, u2u_string = false;
    int u2u_from = 0, u2u_to = 0, u2u_vstart = 0, u2u_vstop = 0, u2u_stop = 0;
    char *u2u_value = NULL;
    pl_expr *result = NULL;
    while (
        sql_interval_value_len(p, 0) > 0 &&
        ((pairs == 0 && !had_to) || sql_unit_tok(p, sql_interval_value_len(p, 0)) != SQL_U_NONE)) {
        bool is_string;
        int vstart;
        char *value = sql_read_interval_value(p, &is_string, &vstart);
        if (!value)
            goto done;
        int vstop = sql_prev_stop(p);
        const sql_token *ut = sql_tok(p, 0);
        int unit = sql_unit_tok(p, 0);
        if (unit == SQL_U_NONE) {
            sql_syntax_error(p);
            goto done;
        }
        p->pos++;
        if (sql_at_kw(p, KW_TO)) {
            /* unitToUnitInterval: value from TO to (one per literal). */
            if (!sql_is_u2u_unit(ut)) {
                sql_syntax_error_at(p, p->pos, "");
                goto done;
            }
            p->pos++;
            if (!sql_is_u2u_unit(sql_tok(p, 0))) {
                sql_syntax_error(p);
                goto done;
            }
            int to = sql_unit_tok(p, 0);
            p->pos++;
            if (pairs > 0 || had_to) {
                extra = true; /* errorCapturing...Interval: a second form */
                continue;
            }
            had_to = true;
            u2u_from = unit;
            u2u_to = to;
            u2u_value = value;
            u2u_string = is_string;
            u2u_vstart = vstart;
            u2u_vstop = vstop;
            u2u_stop = sql_prev_stop(p);
            continue;
        }
        if (had_to) {
            extra = true;
            continue;
        }
        if (is_string) {
            for (const char *c = value; *c; c++) {
                if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z')) {
                    sql_defer(p, start, sql_prev_stop(p), "_LEGACY_ERROR_TEMP_0026", "value", value,
                              NULL);
                    break;
                }
            }
        }
        em_str_printf(&input, " %s %.*s", value, ut->stop - ut->start + 1, p->text + ut->start);
        sql_ival_add(&iv, value, (int)strlen(value), unit);
        pairs++;
    }
    if (pairs == 0 && !had_to) {
        sql_syntax_error(p);
        goto done;
    }
    {
        int stop = sql_prev_stop(p);
        if (extra) {
            sql_defer(p, start, stop, "_LEGACY_ERROR_TEMP_0024", NULL);
            result = sql_null_lit(p);
        } else if (had_to && !u2u_string) {
            sql_defer(p, u2u_vstart, u2u_vstop, "_LEGACY_ERROR_TEMP_0027", NULL);
            result = sql_null_lit(p);
        } else if (had_to) {
            result = sql_unit_to_unit(p, u2u_value, u2u_from, u2u_to, u2u_vstart, u2u_stop);
        } else {
            result = sql_ival_literal(
                p, &iv, start, stop,
                em_arena_strndup(p->arena, input.data ? input.data : "", input.len));
        }
        sql_span(result, start, stop);
    }
done:
    em_str_release(&input);
    return result;
}
