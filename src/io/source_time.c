/*
 * source_time: dates and timestamps in CSV / JSON text, as Spark's readers parse them.
 *
 *  - With a dateFormat / timestampFormat / timestampNTZFormat option, the pattern's formatter
 *    (Spark's datetime patterns, ty_dtfmt) parses the whole value.
 *  - Without one, dates use the strict "yyyy-MM-dd" formatter and timestamps Spark's default
 *    formatter (the CAST rules, in the "timeZone" option or the session zone).
 *  - When that fails and the fallback is on (enableDateTimeParsingFallback, by default on exactly
 *    when no pattern was given), Spark 1.x/2.0 parsing is tried: "GMT" removed, then the CAST
 *    rules (DateTimeUtils.stringToDate / stringToTimestamp).
 * Compiled patterns are freed with the source's arena.
 */
#include <stdio.h>
#include <string.h>

#include "common/em_mem.h"
#include "io/source_int.h"

static void io_dtfmt_free_cb(void *p)
{
    ty_dtfmt_free(p);
}

int io_dtfmt_raise(const ty_dtfmt_error *e, em_error *err)
{
    const char *n[3] = {NULL, NULL, NULL}, *v[3] = {NULL, NULL, NULL};
    for (int i = 0; i < e->n_params && i < 3; i++) {
        n[i] = e->param_name[i];
        v[i] = e->param_value[i];
    }
    const char *cls = e->error_class ? e->error_class : "INVALID_DATETIME_PATTERN";
    if (e->jvm_class)
        return em_error_set_jvm(err, e->jvm_class, cls, n[0], v[0], n[1], v[1], n[2], v[2], NULL);
    return em_error_set(err, cls, n[0], v[0], n[1], v[1], n[2], v[2], NULL);
}

static int io_compile(io_source *s, const char *pattern, ty_dtfmt **out, em_error *err)
{
    *out = NULL;
    if (!pattern)
        return EM_OK;
    ty_dtfmt_error e;
    memset(&e, 0, sizeof e);
    ty_dtfmt *f = ty_dtfmt_compile(pattern, strlen(pattern), true, &e);
    if (!f)
        return io_dtfmt_raise(&e, err);
    em_arena_on_release(s->arena, io_dtfmt_free_cb, f);
    *out = f;
    return EM_OK;
}

int io_time_opts_init(io_source *s, io_time_opts *t, em_error *err)
{
    memset(t, 0, sizeof *t);
    t->tz = s->tz;
    t->now = s->conf.now_micros;
    t->date_pattern = io_opt(s, "dateFormat");
    if (io_compile(s, t->date_pattern, &t->date_fmt, err) ||
        io_compile(s, io_opt(s, "timestampFormat"), &t->ts_fmt, err) ||
        io_compile(s, io_opt(s, "timestampNTZFormat"), &t->ntz_fmt, err) ||
        io_compile(s, "yyyy-MM-dd", &t->iso_date, err))
        return err ? err->code : EM_EUSER;
    t->ts_pattern_given = t->ts_fmt != NULL;
    t->ntz_pattern_given = t->ntz_fmt != NULL;
    const char *fb = io_opt(s, "enableDateTimeParsingFallback");
    if (fb) {
        bool b = strcmp(fb, "true") == 0;
        t->date_fallback = t->ts_fallback = b;
    } else {
        t->date_fallback = t->date_fmt == NULL;
        t->ts_fallback = t->ts_fmt == NULL;
    }
    return EM_OK;
}

/* DateTimeUtils.cleanLegacyTimestampStr: every "GMT" removed. Returns the length written. */
static size_t io_clean_gmt(const char *s, size_t len, char *buf, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < len && o < cap; i++) {
        if (i + 3 <= len && memcmp(s + i, "GMT", 3) == 0) {
            i += 2;
            continue;
        }
        buf[o++] = s[i];
    }
    return o;
}

/* "dddd-dd-dd", a valid date: what the strict "yyyy-MM-dd" formatter accepts without sign or
   longer year (checked first, the formatter handles the rest). */
static bool io_fast_iso_date(const char *s, size_t len, int32_t *days)
{
    if (len != 10 || s[4] != '-' || s[7] != '-')
        return false;
    int v[8], k = 0;
    for (size_t i = 0; i < 10; i++) {
        if (i == 4 || i == 7)
            continue;
        if (s[i] < '0' || s[i] > '9')
            return false;
        v[k++] = s[i] - '0';
    }
    int64_t y = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3];
    int m = v[4] * 10 + v[5], d = v[6] * 10 + v[7];
    if (!ty_date_valid(y, m, d))
        return false;
    *days = (int32_t)ty_days_from_civil(y, m, d);
    return true;
}

bool io_parse_pattern_date(const ty_dtfmt *f, const char *s, size_t len, int32_t *days)
{
    int64_t micros;
    char msg[256];
    if (!ty_dtfmt_parse(f, s, len, NULL, true, &micros, msg, sizeof msg))
        return false;
    int64_t d = ty_floor_div(micros, TY_MICROS_PER_DAY);
    if (d < INT32_MIN || d > INT32_MAX)
        return false;
    *days = (int32_t)d;
    return true;
}

bool io_parse_strict_date(const io_time_opts *t, const char *s, size_t len, int32_t *days)
{
    if (!t->date_fmt && io_fast_iso_date(s, len, days))
        return true;
    const ty_dtfmt *f = t->date_fmt ? t->date_fmt : t->iso_date;
    return f && io_parse_pattern_date(f, s, len, days);
}

bool io_parse_date_value(const io_time_opts *t, const char *s, size_t len, int32_t *days)
{
    if (!t->date_fmt && io_fast_iso_date(s, len, days))
        return true;
    const ty_dtfmt *f = t->date_fmt ? t->date_fmt : t->iso_date;
    if (f && io_parse_pattern_date(f, s, len, days))
        return true;
    if (!t->date_fallback)
        return false;
    char buf[256];
    if (len >= sizeof buf)
        return ty_parse_date(s, len, days);
    size_t n = io_clean_gmt(s, len, buf, sizeof buf);
    return ty_parse_date(buf, n, days);
}

bool io_parse_ts_value(const io_time_opts *t, const char *s, size_t len, int64_t *micros)
{
    if (t->ts_fmt) {
        char msg[256];
        if (ty_dtfmt_parse(t->ts_fmt, s, len, t->tz, false, micros, msg, sizeof msg))
            return true;
    } else if (ty_parse_timestamp(s, len, t->tz, t->now, micros)) {
        return true;
    }
    if (!t->ts_fallback)
        return false;
    char buf[256];
    if (len >= sizeof buf)
        return ty_parse_timestamp(s, len, t->tz, t->now, micros);
    size_t n = io_clean_gmt(s, len, buf, sizeof buf);
    return ty_parse_timestamp(buf, n, t->tz, t->now, micros);
}

bool io_parse_ts_optional(const io_time_opts *t, const char *s, size_t len, int64_t *micros)
{
    if (t->ts_fmt) {
        char msg[256];
        return ty_dtfmt_parse(t->ts_fmt, s, len, t->tz, false, micros, msg, sizeof msg);
    }
    return ty_parse_timestamp(s, len, t->tz, t->now, micros);
}

/* stringToTimestampWithoutTimeZone(s, allowTimeZone = false): a value that names a zone is not
   an NTZ value. A zone in the text makes the instant independent of the session zone, which is
   how it is detected here. */
static bool io_ntz_default(const char *s, size_t len, int64_t *micros)
{
    if (!ty_parse_timestamp_ntz(s, len, micros))
        return false;
    int64_t a, b;
    const ty_tz *other = ty_tz_get("+01:00");
    if (other && ty_parse_timestamp(s, len, ty_tz_utc(), 0, &a) &&
        ty_parse_timestamp(s, len, other, 0, &b) && a == b)
        return false;
    return true;
}

bool io_parse_ntz_value(const io_time_opts *t, const char *s, size_t len, int64_t *micros)
{
    if (t->ntz_fmt) {
        char msg[256];
        return ty_dtfmt_parse(t->ntz_fmt, s, len, NULL, true, micros, msg, sizeof msg);
    }
    return io_ntz_default(s, len, micros);
}
