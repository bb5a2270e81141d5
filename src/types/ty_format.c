/*
 * ty_format: cells as Spark prints them (see ty_format.h). Recursive over nested types; every
 * leaf kind has exactly one rendering here so that show(), cast to string and error messages
 * agree.
 */
#include "types/ty_format.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "types/ty_dec.h"
#include "types/ty_num.h"

const ty_tz *ty_session_tz(const pl_session_opts *opts)
{
    const ty_tz *tz = opts && opts->time_zone ? ty_tz_get(opts->time_zone) : NULL;
    return tz ? tz : ty_tz_utc();
}

void ty_calendar_interval_append(const ty_calendar_interval *iv, em_str *out)
{
    if (iv->months == 0 && iv->days == 0 && iv->microseconds == 0) {
        em_str_puts(out, "0 seconds");
        return;
    }
    em_str tmp;
    em_str_init(&tmp, 0);
    if (iv->months) {
        if (iv->months / 12)
            em_str_printf(&tmp, "%d years ", iv->months / 12);
        if (iv->months % 12)
            em_str_printf(&tmp, "%d months ", iv->months % 12);
    }
    if (iv->days)
        em_str_printf(&tmp, "%d days ", iv->days);
    if (iv->microseconds) {
        int64_t rest = iv->microseconds;
        int64_t hours = rest / 3600000000LL;
        rest %= 3600000000LL;
        int64_t minutes = rest / 60000000LL;
        rest %= 60000000LL;
        if (hours)
            em_str_printf(&tmp, "%" PRId64 " hours ", hours);
        if (minutes)
            em_str_printf(&tmp, "%" PRId64 " minutes ", minutes);
        if (rest) {
            char buf[64];
            int n = ty_dec_to_chars(rest, 6, true, buf);
            /* stripTrailingZeros */
            if (strchr(buf, '.')) {
                while (n > 0 && buf[n - 1] == '0')
                    n--;
                if (n > 0 && buf[n - 1] == '.')
                    n--;
            }
            em_str_append(&tmp, buf, (size_t)n);
            em_str_puts(&tmp, " seconds ");
        }
    }
    if (tmp.len)
        em_str_append(out, tmp.data, tmp.len - 1);
    em_str_release(&tmp);
}

void ty_ym_interval_append(int32_t months, int start_field, int end_field, em_str *out)
{
    const char *sign = months < 0 ? "-" : "";
    int64_t abs_months = months < 0 ? -(int64_t)months : months;
    em_str_puts(out, "INTERVAL '");
    if (start_field == end_field) {
        if (start_field == TY_YM_YEAR)
            em_str_printf(out, "%s%" PRId64 "' YEAR", sign, abs_months / 12);
        else
            em_str_printf(out, "%d' MONTH", months);
    } else {
        em_str_printf(out, "%s%" PRId64 "-%" PRId64 "' YEAR TO MONTH", sign, abs_months / 12,
                      abs_months % 12);
    }
}

/* seconds with up to 6 fraction digits, trailing zeros stripped, zero-padded to 2 digits */
static void ty_fmt_seconds(int64_t rest, em_str *out)
{
    char buf[64];
    int n = ty_dec_to_chars(rest, 6, true, buf);
    if (strchr(buf, '.')) {
        while (n > 0 && buf[n - 1] == '0')
            n--;
        if (n > 0 && buf[n - 1] == '.')
            n--;
    }
    if (rest < 10 * TY_MICROS_PER_SECOND)
        em_str_putc(out, '0');
    em_str_append(out, buf, (size_t)n);
}

void ty_dt_interval_append(int64_t micros, int start_field, int end_field, em_str *out)
{
    static const char *const names[] = {"DAY", "HOUR", "MINUTE", "SECOND"};
    if (start_field < 0 || start_field > 3)
        start_field = 0;
    if (end_field < start_field || end_field > 3)
        end_field = 3;
    em_str_puts(out, "INTERVAL '");
    if (micros == INT64_MIN) {
        /* Spark special-cases Long.MinValue */
        static const char *const first[] = {"-106751991", "-2562047788", "-153722867280",
                                            "-9223372036854.775808"};
        const char *base = "-106751991 04:00:54.775808000";
        em_str_puts(out, first[start_field]);
        if (start_field != end_field) {
            static const int from_idx[] = {10, 13, 16, 0};
            static const int to_idx[] = {0, 13, 16, 26};
            em_str_append(out, base + from_idx[start_field],
                          (size_t)(to_idx[end_field] - from_idx[start_field]));
        }
    } else {
        uint64_t rest = micros < 0 ? (uint64_t)(-micros) : (uint64_t)micros;
        if (micros < 0)
            em_str_putc(out, '-');
        switch (start_field) {
        case TY_DT_DAY:
            em_str_printf(out, "%" PRIu64, rest / (uint64_t)TY_MICROS_PER_DAY);
            rest %= (uint64_t)TY_MICROS_PER_DAY;
            break;
        case TY_DT_HOUR:
            em_str_printf(out, "%02" PRIu64, rest / (uint64_t)3600000000LL);
            rest %= (uint64_t)3600000000LL;
            break;
        case TY_DT_MINUTE:
            em_str_printf(out, "%02" PRIu64, rest / (uint64_t)60000000LL);
            rest %= (uint64_t)60000000LL;
            break;
        default:
            ty_fmt_seconds((int64_t)rest, out);
            break;
        }
        if (start_field < TY_DT_HOUR && TY_DT_HOUR <= end_field) {
            em_str_printf(out, " %02" PRIu64, rest / (uint64_t)3600000000LL);
            rest %= (uint64_t)3600000000LL;
        }
        if (start_field < TY_DT_MINUTE && TY_DT_MINUTE <= end_field) {
            em_str_printf(out, ":%02" PRIu64, rest / (uint64_t)60000000LL);
            rest %= (uint64_t)60000000LL;
        }
        if (start_field < TY_DT_SECOND && TY_DT_SECOND <= end_field) {
            em_str_putc(out, ':');
            ty_fmt_seconds((int64_t)rest, out);
        }
    }
    em_str_puts(out, "' ");
    em_str_puts(out, names[start_field]);
    if (start_field != end_field) {
        em_str_puts(out, " TO ");
        em_str_puts(out, names[end_field]);
    }
}

static void ty_fmt_null(const ty_format_opts *fo, em_str *out)
{
    em_str_puts(out, fo->pretty ? "NULL" : "null");
}

void ty_format_cell(const vec *v, int64_t row, const ty_format_opts *fo, em_str *out)
{
    if (v->type->kind == TY_NULL || vec_is_null(v, row)) {
        ty_fmt_null(fo, out);
        return;
    }
    const ty *t = v->type;
    switch (t->kind) {
    case TY_BOOLEAN:
        em_str_puts(out, VEC_VALUES(v, uint8_t)[row] ? "true" : "false");
        return;
    case TY_BYTE:
        em_str_printf(out, "%d", VEC_VALUES(v, int8_t)[row]);
        return;
    case TY_SHORT:
        em_str_printf(out, "%d", VEC_VALUES(v, int16_t)[row]);
        return;
    case TY_INT:
        em_str_printf(out, "%d", VEC_VALUES(v, int32_t)[row]);
        return;
    case TY_LONG:
        em_str_printf(out, "%" PRId64, VEC_VALUES(v, int64_t)[row]);
        return;
    case TY_FLOAT:
        ty_float_append(VEC_VALUES(v, float)[row], out);
        return;
    case TY_DOUBLE:
        ty_double_append(VEC_VALUES(v, double)[row], out);
        return;
    case TY_DECIMAL:
        ty_dec_append(VEC_VALUES(v, ty_i128)[row], t->scale, fo->pretty || fo->decimal_plain, out);
        return;
    case TY_STRING:
    case TY_CHAR:
    case TY_VARCHAR: {
        int32_t len;
        const char *s = vec_str(v, row, &len);
        em_str_append(out, s, (size_t)len);
        return;
    }
    case TY_BINARY: {
        int32_t len;
        const char *s = vec_str(v, row, &len);
        if (!fo->pretty) {
            em_str_append(out, s, (size_t)len);
            return;
        }
        static const char hex[] = "0123456789ABCDEF";
        em_str_putc(out, '[');
        for (int32_t i = 0; i < len; i++) {
            if (i)
                em_str_putc(out, ' ');
            unsigned char c = (unsigned char)s[i];
            em_str_putc(out, hex[c >> 4]);
            em_str_putc(out, hex[c & 15]);
        }
        em_str_putc(out, ']');
        return;
    }
    case TY_DATE:
        ty_date_append(VEC_VALUES(v, int32_t)[row], out);
        return;
    case TY_TIMESTAMP:
        ty_timestamp_append(VEC_VALUES(v, int64_t)[row], fo->tz ? fo->tz : ty_tz_utc(), out);
        return;
    case TY_TIMESTAMP_NTZ:
        ty_timestamp_append(VEC_VALUES(v, int64_t)[row], NULL, out);
        return;
    case TY_CALENDAR_INTERVAL:
        ty_calendar_interval_append(&VEC_VALUES(v, ty_calendar_interval)[row], out);
        return;
    case TY_YEARMONTH_INTERVAL:
        ty_ym_interval_append(VEC_VALUES(v, int32_t)[row], t->start_field, t->end_field, out);
        return;
    case TY_DAYTIME_INTERVAL:
        ty_dt_interval_append(VEC_VALUES(v, int64_t)[row], t->start_field, t->end_field, out);
        return;
    case TY_ARRAY: {
        const vec *el = v->children[0];
        int32_t start = v->offsets[row], end = v->offsets[row + 1];
        em_str_putc(out, '[');
        for (int32_t i = start; i < end; i++) {
            if (i > start)
                em_str_putc(out, ',');
            if (el->type->kind == TY_NULL || vec_is_null(el, i)) {
                if (i > start)
                    em_str_putc(out, ' ');
                ty_fmt_null(fo, out);
            } else {
                if (i > start)
                    em_str_putc(out, ' ');
                ty_format_cell(el, i, fo, out);
            }
        }
        em_str_putc(out, ']');
        return;
    }
    case TY_MAP: {
        const vec *keys = v->children[0], *vals = v->children[1];
        int32_t start = v->offsets[row], end = v->offsets[row + 1];
        em_str_putc(out, '{');
        for (int32_t i = start; i < end; i++) {
            if (i > start)
                em_str_puts(out, ", ");
            ty_format_cell(keys, i, fo, out);
            em_str_puts(out, " -> ");
            ty_format_cell(vals, i, fo, out);
        }
        em_str_putc(out, '}');
        return;
    }
    case TY_STRUCT:
        em_str_putc(out, '{');
        for (int f = 0; f < v->n_children; f++) {
            if (f)
                em_str_puts(out, ", ");
            ty_format_cell(v->children[f], row, fo, out);
        }
        em_str_putc(out, '}');
        return;
    default:
        em_str_puts(out, "?");
        return;
    }
}

void ty_format_value(const vec *v, int64_t row, const pl_session_opts *opts, em_str *out)
{
    ty_format_opts fo = {.pretty = true, .decimal_plain = true, .tz = ty_session_tz(opts)};
    ty_format_cell(v, row, &fo, out);
}
