/*
 * fn_text_fmt: format_string / printf (java.util.Formatter with Locale.US over Spark's internal
 * values) and format_number (java.text.DecimalFormat, HALF_EVEN).
 *
 * Numbers are formatted from decimal digits the way Java does: a double contributes the digits
 * of Double.toString (shortest round trip), a float the digits of its double value, decimals
 * and integers their exact digits. Formatter's %f / %e / %g round those digits HALF_UP;
 * DecimalFormat rounds HALF_EVEN and decides ties of a double on its exact binary value.
 * Arguments reach Formatter as Spark's internal values: a date is its day number, a timestamp
 * its microseconds, a decimal prints with %s only (Spark's Decimal is not a BigDecimal).
 *
 * Supported Formatter syntax: %[index$|<][flags][width][.precision]conv with conversions
 * b B h H s S c C d o x X e E f g G % n and flags - # + space 0 , (. Unsupported
 * conversions (a, t/T dates) raise UNSUPPORTED_FEATURE.NOT_IMPLEMENTED; Formatter's own
 * exceptions (a missing argument, a mismatched conversion) raise INTERNAL_ERROR with Java's
 * exception text, as Spark surfaces them.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/em_mem.h"
#include "functions/fn_misc_int.h"
#include "types/ty_format.h"
#include "types/ty_num.h"

/* ---- decimal digits
 * ------------------------------------------------------------------------------ */

/* value = (neg ? -1 : 1) * 0.d[0]d[1]...d[n-1] * 10^exp; n == 0 is zero. */
typedef struct fn_digits {
    bool neg;
    char d[64];
    int n;
    int exp;
} fn_digits;

static void fn_digits_trim(fn_digits *x)
{
    int lead = 0;
    while (lead < x->n && x->d[lead] == '0')
        lead++;
    if (lead) {
        memmove(x->d, x->d + lead, (size_t)(x->n - lead));
        x->n -= lead;
        x->exp -= lead;
    }
    while (x->n > 0 && x->d[x->n - 1] == '0')
        x->n--;
    if (x->n == 0)
        x->exp = 0;
}

static void fn_digits_from_double(double v, fn_digits *x)
{
    memset(x, 0, sizeof *x);
    x->neg = signbit(v) != 0;
    if (v == 0)
        return;
    x->n = ty_shortest_digits(fabs(v), false, x->d, &x->exp);
    fn_digits_trim(x);
}

static void fn_digits_from_text(const char *plain, fn_digits *x)
{
    /* plain: [-]ddd[.ddd] */
    memset(x, 0, sizeof *x);
    const char *p = plain;
    if (*p == '-')
        x->neg = true, p++;
    int int_digits = 0;
    bool frac = false;
    for (; *p && x->n < (int)sizeof x->d; p++) {
        if (*p == '.') {
            frac = true;
            continue;
        }
        x->d[x->n++] = *p;
        if (!frac)
            int_digits++;
    }
    x->exp = int_digits;
    fn_digits_trim(x);
}

static void fn_digits_from_long(int64_t v, fn_digits *x)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", (long long)v);
    fn_digits_from_text(buf, x);
}

/* Keeps `frac` fraction digits, rounding HALF_UP or HALF_EVEN (exact_tie: the value's true
   relation to a tie when the digits end exactly on one: -1 below, 0 exact, 1 above). */
static void fn_digits_round(fn_digits *x, int frac, bool half_even, int exact_tie)
{
    int keep = x->exp + frac;
    if (keep >= x->n)
        return;
    if (keep < 0) {
        x->n = 0;
        x->exp = 0;
        return;
    }
    int first = x->d[keep] - '0';
    bool rest = false;
    for (int i = keep + 1; i < x->n; i++)
        if (x->d[i] != '0')
            rest = true;
    bool up;
    if (first > 5 || (first == 5 && rest))
        up = true;
    else if (first < 5)
        up = false;
    else if (exact_tie != 0)
        up = exact_tie > 0;
    else if (half_even)
        up = keep > 0 && ((x->d[keep - 1] - '0') & 1);
    else
        up = true;
    x->n = keep;
    if (up) {
        int i = keep - 1;
        while (i >= 0 && x->d[i] == '9')
            x->d[i--] = '0';
        if (i >= 0) {
            x->d[i]++;
        } else {
            memmove(x->d + 1, x->d, (size_t)x->n);
            x->d[0] = '1';
            x->n++;
            x->exp++;
        }
    }
    fn_digits_trim(x);
}

/* Appends the plain integer part (with optional grouping by 3) and `frac` fraction digits. */
static void fn_digits_plain(const fn_digits *x, int frac, bool group, em_str *out)
{
    int int_len = x->exp > 0 ? x->exp : 0;
    if (int_len == 0) {
        em_str_putc(out, '0');
    } else {
        for (int i = 0; i < int_len; i++) {
            if (group && i > 0 && (int_len - i) % 3 == 0)
                em_str_putc(out, ',');
            em_str_putc(out, i < x->n ? x->d[i] : '0');
        }
    }
    if (frac > 0) {
        em_str_putc(out, '.');
        for (int k = 0; k < frac; k++) {
            int idx = x->exp + k; /* digit position after the point */
            em_str_putc(out, idx >= 0 && idx < x->n ? x->d[idx] : '0');
        }
    }
}

/* ---- format_number
 * ----------------------------------------------------------------------------------- */

static int fn_bind_format_number(const fn_def *def, em_arena *a, pl_expr *call,
                                 const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 2, 2, "2", err))
        return err->code;
    /* ExpectsInputTypes (no implicit casts): NUMERIC, (INT or STRING) */
    if (!ty_is_numeric(call->args[0]->type) && call->args[0]->type->kind != TY_NULL)
        return fn_err_unexpected_input(call, 0, "\"NUMERIC\"", err);
    ty_kind dk = call->args[1]->type->kind;
    if (dk != TY_INT && !ty_is_string(call->args[1]->type) && dk != TY_NULL)
        return fn_err_unexpected_input(call, 1, "(\"INT\" or \"STRING\")", err);
    if (call->args[0]->type->kind == TY_NULL)
        fn_cast_arg(a, call, 0, ty_double());
    if (dk == TY_NULL)
        fn_cast_arg(a, call, 1, ty_int());
    call->type = ty_string();
    call->nullable = true;
    (void)def;
    (void)opts;
    return EM_OK;
}

/* The exact relation of d to the decimal tie point x->d[0..keep) followed by 5. */
static int fn_exact_tie(double d, const fn_digits *x, int frac)
{
    int keep = x->exp + frac;
    if (keep < 0 || keep >= x->n || x->d[keep] != '5' || keep + 1 != x->n)
        return 0;
    /* glibc prints the exact binary expansion: compare it with the shortest digits */
    char buf[1100];
    snprintf(buf, sizeof buf, "%.1000e", fabs(d));
    /* buf = D.DDDD...e[+-]X: the exact digits; the shortest digits are a prefix-rounding */
    char ex[1100];
    int n = 0;
    for (const char *p = buf; *p && *p != 'e'; p++)
        if (*p >= '0' && *p <= '9')
            ex[n++] = *p;
    int e = atoi(strchr(buf, 'e') + 1) + 1;
    if (e != x->exp)
        return 0;
    for (int i = 0; i < n; i++) {
        char s = i < x->n ? x->d[i] : '0';
        if (ex[i] != s)
            return ex[i] > s ? 1 : -1;
    }
    return 0;
}

/* A simplified DecimalFormat pattern: grouping size, min integer digits, min / max fraction. */
typedef struct fn_dfmt {
    int group, min_int, min_frac, max_frac;
} fn_dfmt;

static void fn_dfmt_parse(const char *p, int32_t n, fn_dfmt *f)
{
    memset(f, 0, sizeof *f);
    int32_t dot = -1, last_comma = -1, int_end = n;
    for (int32_t i = 0; i < n; i++)
        if (p[i] == '.') {
            dot = i;
            int_end = i;
            break;
        }
    for (int32_t i = 0; i < int_end; i++) {
        if (p[i] == ',')
            last_comma = i;
        else if (p[i] == '0')
            f->min_int++;
    }
    if (last_comma >= 0) {
        for (int32_t i = last_comma + 1; i < int_end; i++)
            if (p[i] == '0' || p[i] == '#')
                f->group++;
    }
    if (dot >= 0)
        for (int32_t i = dot + 1; i < n; i++) {
            if (p[i] == '0')
                f->min_frac++, f->max_frac++;
            else if (p[i] == '#')
                f->max_frac++;
        }
}

static int fn_row_format_number(const pl_expr *call, vec *const *args, int64_t r, em_str *buf,
                                bool *null, em_error *err)
{
    fn_dfmt f = {.group = 3, .min_int = 1, .min_frac = 0, .max_frac = 0};
    if (args[1]->type->kind == TY_INT) {
        int32_t dv = VEC_VALUES(args[1], int32_t)[r];
        if (dv < 0) {
            *null = true;
            return EM_OK;
        }
        f.min_frac = f.max_frac = dv;
    } else {
        int32_t pl;
        const char *p = vec_str(args[1], r, &pl);
        if (pl == 0)
            fn_dfmt_parse("#,###,###,###,###,###,##0", 25, &f);
        else
            fn_dfmt_parse(p, pl, &f);
    }
    const vec *v = args[0];
    fn_digits x;
    int tie = 0;
    double d = 0;
    switch (v->type->kind) {
    case TY_FLOAT:
    case TY_DOUBLE:
        d = fn_misc_get_double(v, r);
        if (isnan(d)) {
            em_str_puts(buf, "NaN"); /* DecimalFormatSymbols.getNaN (Locale.US) */
            return EM_OK;
        }
        if (isinf(d)) {
            em_str_puts(buf, d > 0 ? "\xE2\x88\x9E" : "-\xE2\x88\x9E");
            return EM_OK;
        }
        fn_digits_from_double(d, &x);
        tie = fn_exact_tie(d, &x, f.max_frac);
        break;
    case TY_DECIMAL: {
        char plain[64];
        ty_dec_to_chars(VEC_VALUES(v, ty_i128)[r], v->type->scale, true, plain);
        fn_digits_from_text(plain, &x);
        break;
    }
    default:
        fn_digits_from_long(fn_misc_get_long(v, r), &x);
        break;
    }
    fn_digits_round(&x, f.max_frac, true, tie);
    /* fraction digits shown: at least min_frac, at most max_frac, trailing zeros dropped */
    int frac = f.max_frac;
    while (frac > f.min_frac) {
        int idx = x.exp + frac - 1;
        if (idx >= 0 && idx < x.n && x.d[idx] != '0')
            break;
        frac--;
    }
    bool zero = x.n == 0;
    if (x.neg && !zero)
        em_str_putc(buf, '-');
    size_t start = buf->len;
    fn_digits_plain(&x, frac, false, buf);
    /* regroup the integer part and apply the minimum integer digits */
    char *tmp = em_strndup(buf->data + start, buf->len - start);
    buf->len = start;
    buf->data[start] = '\0';
    char *dot = strchr(tmp, '.');
    size_t int_len = dot ? (size_t)(dot - tmp) : strlen(tmp);
    const char *ip = tmp;
    if (int_len == 1 && ip[0] == '0' && f.min_int == 0) {
        ip++, int_len = 0;
    }
    size_t pad = (size_t)f.min_int > int_len ? (size_t)f.min_int - int_len : 0;
    size_t total = int_len + pad;
    for (size_t i = 0; i < total; i++) {
        if (f.group > 0 && i > 0 && (total - i) % (size_t)f.group == 0)
            em_str_putc(buf, ',');
        em_str_putc(buf, i < pad ? '0' : ip[i - pad]);
    }
    if (dot)
        em_str_puts(buf, dot);
    em_free(tmp);
    (void)call;
    (void)err;
    return EM_OK;
}

static int fn_eval_format_number(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                                 vec **out, em_error *err)
{
    (void)ctx;
    return fn_misc_drive_str(call, args, n, true, fn_row_format_number, out, err);
}

/* ---- format_string / printf
 * --------------------------------------------------------------------------- */

static int fn_bind_format_string(const fn_def *def, em_arena *a, pl_expr *call,
                                 const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 1, -1, "> 0", err))
        return err->code;
    const pl_expr *f = call->args[0];
    if (f->kind == PX_LITERAL && f->lit && ty_is_string(f->lit->type) && !vec_is_null(f->lit, 0)) {
        int32_t len;
        const char *s = vec_str(f->lit, 0, &len);
        if (memmem(s, (size_t)len, "%0$", 3))
            return em_error_set(err, "INVALID_PARAMETER_VALUE.ZERO_INDEX", "parameter", "`strfmt`",
                                "functionName", "`format_string`", NULL);
    }
    if (fn_misc_expect(a, call, 0, FN_W_STRING, opts && opts->ansi, err))
        return err->code;
    call->type = ty_string();
    call->nullable = call->args[0]->nullable;
    (void)def;
    return EM_OK;
}

typedef struct fn_spec {
    bool left, alt, plus, space, zero, group, paren;
    int width, prec;
    char conv;
} fn_spec;

static int fn_fmt_fail(em_error *err, const char *what)
{
    return em_error_internal(err, "java.util.Formatter: %s", what);
}

/* Pads `body` to the spec's width (zero padding goes after the sign / 0x prefix). */
static void fn_fmt_pad(const fn_spec *sp, const char *body, size_t len, bool numeric, em_str *out)
{
    size_t w = sp->width > 0 ? (size_t)sp->width : 0;
    int32_t chars = fn_uc_count(body, (int32_t)len);
    size_t pad = w > (size_t)chars ? w - (size_t)chars : 0;
    if (pad && sp->zero && numeric) {
        size_t prefix = 0;
        while (prefix < len && (body[prefix] == '-' || body[prefix] == '+' || body[prefix] == ' ' ||
                                body[prefix] == '('))
            prefix++;
        if (prefix + 1 < len && body[prefix] == '0' &&
            (body[prefix + 1] == 'x' || body[prefix + 1] == 'X'))
            prefix += 2;
        em_str_append(out, body, prefix);
        em_str_repeat(out, '0', pad);
        em_str_append(out, body + prefix, len - prefix);
        return;
    }
    if (!sp->left)
        em_str_repeat(out, ' ', pad);
    em_str_append(out, body, len);
    if (sp->left)
        em_str_repeat(out, ' ', pad);
}

/* Sign handling of d / f / e / g: '+', ' ', '(' flags. */
static void fn_fmt_signed(const fn_spec *sp, bool neg, const char *mag, em_str *out)
{
    if (neg)
        em_str_putc(out, sp->paren ? '(' : '-');
    else if (sp->plus)
        em_str_putc(out, '+');
    else if (sp->space)
        em_str_putc(out, ' ');
    em_str_puts(out, mag);
    if (neg && sp->paren)
        em_str_putc(out, ')');
}

/* Groups the integer digits of a plain magnitude "ddddd[.ddd]" by 3 with ','. */
static void fn_fmt_group(const char *mag, em_str *out)
{
    const char *dot = strchr(mag, '.');
    size_t il = dot ? (size_t)(dot - mag) : strlen(mag);
    for (size_t i = 0; i < il; i++) {
        if (i > 0 && (il - i) % 3 == 0)
            em_str_putc(out, ',');
        em_str_putc(out, mag[i]);
    }
    if (dot)
        em_str_puts(out, dot);
}

/* Scientific form of digits x with `prec` fraction digits: d.ddde+XX. */
static void fn_fmt_sci(fn_digits *x, int prec, bool upper, em_str *out)
{
    int e10 = x->n ? x->exp - 1 : 0;
    /* round to prec + 1 significant digits */
    fn_digits r = *x;
    r.exp = 1; /* 0.d.. * 10^1 = d.ddd */
    fn_digits_round(&r, prec, false, 0);
    if (r.n && r.exp == 2) { /* 9.99 -> 10.0 */
        e10++;
        r.exp = 1;
    }
    fn_digits_plain(&r, prec, false, out);
    em_str_printf(out, "%c%c%02d", upper ? 'E' : 'e', e10 < 0 ? '-' : '+', e10 < 0 ? -e10 : e10);
}

/* One floating conversion of digits x (already finite). */
static void fn_fmt_float(const fn_spec *sp, fn_digits *x, em_str *mag)
{
    int prec = sp->prec < 0 ? 6 : sp->prec;
    char c = sp->conv;
    if (c == 'f') {
        fn_digits_round(x, prec, false, 0);
        em_str tmp;
        em_str_init(&tmp, 0);
        fn_digits_plain(x, prec, false, &tmp);
        if (sp->group)
            fn_fmt_group(tmp.data, mag);
        else
            em_str_puts(mag, tmp.data);
        em_str_release(&tmp);
        if (sp->alt && prec == 0)
            em_str_putc(mag, '.');
        return;
    }
    if (c == 'e' || c == 'E') {
        fn_fmt_sci(x, prec, c == 'E', mag);
        return;
    }
    /* g / G: precision = significant digits (0 means 1) */
    if (prec == 0)
        prec = 1;
    fn_digits r = *x;
    int keep_frac = prec - r.exp;
    fn_digits_round(&r, keep_frac, false, 0);
    bool is_zero = r.n == 0;
    /* magnitude after rounding: 10^-4 <= m < 10^prec -> fixed */
    if (is_zero || (r.exp > -4 && r.exp <= prec)) {
        int frac = prec - (is_zero ? 1 : r.exp);
        if (frac < 0)
            frac = 0;
        em_str tmp;
        em_str_init(&tmp, 0);
        fn_digits_plain(&r, frac, false, &tmp);
        if (sp->group)
            fn_fmt_group(tmp.data, mag);
        else
            em_str_puts(mag, tmp.data);
        em_str_release(&tmp);
    } else {
        fn_fmt_sci(x, prec - 1, c == 'G', mag);
    }
}

static void fn_fmt_upper(em_str *s, size_t from)
{
    for (size_t i = from; i < s->len; i++)
        if (s->data[i] >= 'a' && s->data[i] <= 'z')
            s->data[i] = (char)(s->data[i] - 32);
}

/* Appends one argument of Formatter's %s: the Java toString of Spark's internal value. */
static void fn_fmt_tostring(const vec *v, int64_t r, em_str *out)
{
    if (v->type->kind == TY_NULL || vec_is_null(v, r)) {
        em_str_puts(out, "null");
        return;
    }
    switch (v->type->kind) {
    case TY_BOOLEAN:
        em_str_puts(out, VEC_VALUES(v, uint8_t)[r] ? "true" : "false");
        return;
    case TY_BYTE:
    case TY_SHORT:
    case TY_INT:
    case TY_LONG:
    case TY_DATE:
    case TY_TIMESTAMP:
    case TY_TIMESTAMP_NTZ:
    case TY_YEARMONTH_INTERVAL:
    case TY_DAYTIME_INTERVAL:
        em_str_printf(out, "%lld", (long long)fn_misc_get_long(v, r));
        return;
    case TY_FLOAT:
        ty_float_append(VEC_VALUES(v, float)[r], out);
        return;
    case TY_DOUBLE:
        ty_double_append(VEC_VALUES(v, double)[r], out);
        return;
    case TY_DECIMAL:
        ty_dec_append(VEC_VALUES(v, ty_i128)[r], v->type->scale, false, out);
        return;
    case TY_STRING:
    case TY_CHAR:
    case TY_VARCHAR: {
        int32_t len;
        const char *s = vec_str(v, r, &len);
        em_str_append(out, s, (size_t)len);
        return;
    }
    default: {
        ty_format_opts fo = {.pretty = false, .decimal_plain = false, .tz = NULL};
        ty_format_cell(v, r, &fo, out);
        return;
    }
    }
}

static bool fn_is_integral_vec(const vec *v)
{
    return ty_is_integral(v->type);
}

/* One conversion of argument v at row r. */
static int fn_fmt_one(const fn_spec *sp, const vec *v, int64_t r, em_str *out, em_error *err)
{
    bool null = !v || v->type->kind == TY_NULL || vec_is_null(v, r);
    char c = sp->conv;
    char lc = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    em_str body;
    em_str_init(&body, 0);
    bool numeric = false;
    int rc = EM_OK;
    if (lc == 'b') {
        bool b = !null && (v->type->kind != TY_BOOLEAN || VEC_VALUES(v, uint8_t)[r]);
        em_str_puts(&body, b ? "true" : "false");
    } else if (lc == 's' || lc == 'h') {
        if (lc == 'h' && !null)
            rc = em_error_set(err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                              "format_string %h", NULL);
        else
            fn_fmt_tostring(v, r, &body);
        if (sp->prec >= 0 && (int32_t)body.len > 0) {
            int32_t b = fn_uc_offset(body.data, (int32_t)body.len, sp->prec);
            body.len = (size_t)b;
            body.data[b] = '\0';
        }
    } else if (null) {
        em_str_puts(&body, "null");
    } else if (lc == 'c') {
        if (!fn_is_integral_vec(v) || v->type->kind == TY_LONG) {
            rc = fn_fmt_fail(err, "IllegalFormatConversionException");
        } else {
            char enc[4];
            em_str_append(&body, enc, (size_t)fn_uc_encode((uint32_t)fn_misc_get_long(v, r), enc));
        }
    } else if (lc == 'd' || lc == 'o' || lc == 'x') {
        if (!fn_is_integral_vec(v)) {
            rc = fn_fmt_fail(err, "IllegalFormatConversionException");
        } else {
            numeric = true;
            int64_t x = fn_misc_get_long(v, r);
            char tmp[80];
            if (lc == 'd') {
                char mag[40];
                snprintf(mag, sizeof mag, "%llu",
                         x < 0 ? (unsigned long long)(-(x + 1)) + 1ull : (unsigned long long)x);
                em_str g;
                em_str_init(&g, 0);
                if (sp->group)
                    fn_fmt_group(mag, &g);
                else
                    em_str_puts(&g, mag);
                fn_fmt_signed(sp, x < 0, g.data, &body);
                em_str_release(&g);
            } else {
                /* negative values print as the unsigned value of the type's width */
                int bits = ty_fixed_width(v->type) * 8;
                uint64_t u = (uint64_t)x;
                if (bits < 64)
                    u &= (1ull << bits) - 1;
                snprintf(tmp, sizeof tmp, lc == 'o' ? "%llo" : "%llx", (unsigned long long)u);
                if (sp->alt)
                    em_str_puts(&body, lc == 'o' ? "0" : "0x");
                em_str_puts(&body, tmp);
            }
        }
    } else if (lc == 'e' || lc == 'f' || lc == 'g') {
        ty_kind k = v->type->kind;
        if (k != TY_FLOAT && k != TY_DOUBLE) {
            rc = fn_fmt_fail(err, "IllegalFormatConversionException");
        } else {
            numeric = true;
            double d = fn_misc_get_double(v, r);
            if (isnan(d) || isinf(d)) {
                const char *t = isnan(d) ? "NaN" : "Infinity";
                fn_spec s2 = *sp;
                s2.zero = false;
                if (isinf(d))
                    fn_fmt_signed(&s2, d < 0, t, &body);
                else
                    em_str_puts(&body, t);
                numeric = false;
            } else {
                fn_digits x;
                fn_digits_from_double(d, &x);
                bool neg = x.neg;
                x.neg = false;
                em_str mag;
                em_str_init(&mag, 0);
                fn_spec s2 = *sp;
                s2.conv = lc;
                fn_fmt_float(&s2, &x, &mag);
                fn_fmt_signed(sp, neg, mag.data ? mag.data : "", &body);
                em_str_release(&mag);
            }
        }
    } else {
        rc = em_error_set(err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                          "this format_string conversion", NULL);
    }
    if (rc == EM_OK) {
        if (c >= 'A' && c <= 'Z')
            fn_fmt_upper(&body, 0);
        fn_fmt_pad(sp, body.data ? body.data : "", body.len, numeric, out);
    }
    em_str_release(&body);
    return rc;
}

static int fn_row_format_string(const pl_expr *call, vec *const *args, int64_t r, em_str *buf,
                                bool *null, em_error *err)
{
    if (fn_is_null(args[0], r)) {
        *null = true;
        return EM_OK;
    }
    int32_t fl;
    const char *f = vec_str(args[0], r, &fl);
    int n_args = call->n_args - 1;
    int ordinary = 0, last = -1;
    for (int32_t i = 0; i < fl; i++) {
        if (f[i] != '%') {
            em_str_putc(buf, f[i]);
            continue;
        }
        int32_t j = i + 1;
        fn_spec sp = {.prec = -1};
        int index = -1;
        bool prev = false;
        /* argument index: digits followed by '$', or '<' */
        int32_t k = j;
        int num = 0;
        while (k < fl && f[k] >= '0' && f[k] <= '9')
            num = num * 10 + (f[k++] - '0');
        if (k > j && k < fl && f[k] == '$') {
            index = num;
            j = k + 1;
        }
        for (; j < fl; j++) {
            char c = f[j];
            if (c == '-')
                sp.left = true;
            else if (c == '#')
                sp.alt = true;
            else if (c == '+')
                sp.plus = true;
            else if (c == ' ')
                sp.space = true;
            else if (c == '0')
                sp.zero = true;
            else if (c == ',')
                sp.group = true;
            else if (c == '(')
                sp.paren = true;
            else if (c == '<')
                prev = true;
            else
                break;
        }
        while (j < fl && f[j] >= '0' && f[j] <= '9')
            sp.width = sp.width * 10 + (f[j++] - '0');
        if (j < fl && f[j] == '.') {
            sp.prec = 0;
            j++;
            while (j < fl && f[j] >= '0' && f[j] <= '9')
                sp.prec = sp.prec * 10 + (f[j++] - '0');
        }
        if (j >= fl)
            return fn_fmt_fail(err, "UnknownFormatConversionException");
        sp.conv = f[j];
        i = j;
        if (sp.conv == '%') {
            fn_fmt_pad(&sp, "%", 1, false, buf);
            continue;
        }
        if (sp.conv == 'n') {
            em_str_putc(buf, '\n');
            continue;
        }
        int arg;
        if (prev)
            arg = last;
        else if (index >= 1)
            arg = index - 1;
        else
            arg = ordinary++;
        if (arg < 0 || arg >= n_args)
            return fn_fmt_fail(err, "MissingFormatArgumentException");
        last = arg;
        if (fn_fmt_one(&sp, args[arg + 1], r, buf, err))
            return err->code;
    }
    return EM_OK;
}

static int fn_eval_format_string(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                                 vec **out, em_error *err)
{
    (void)ctx;
    return fn_misc_drive_str(call, args, n, false, fn_row_format_string, out, err);
}

#define FN_FMT(nm, mn, mx, b, e)                                                                   \
    {                                                                                              \
        .name = nm, .kind = FN_SCALAR, .min_args = mn, .max_args = mx, .bind = b, .eval = e,       \
        .deterministic = true                                                                      \
    }

const fn_def fn_text_fmt_defs[] = {
    FN_FMT("format_number", 2, 2, fn_bind_format_number, fn_eval_format_number),
    FN_FMT("format_string", 1, -1, fn_bind_format_string, fn_eval_format_string),
    FN_FMT("printf", 1, -1, fn_bind_format_string, fn_eval_format_string),
};
const int fn_text_fmt_n_defs = (int)(sizeof fn_text_fmt_defs / sizeof fn_text_fmt_defs[0]);
