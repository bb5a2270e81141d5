/*
 * ty_time_fmt: Spark's datetime patterns (sql-ref-datetime-pattern), compiled once and then
 * used to format instants / wall clocks and to parse text, with the semantics of the
 * java.time DateTimeFormatter that Spark 3+ builds for them:
 *
 *  - compile: Spark's pattern checks (DateTimeFormatterHelper.convertIncompatiblePattern:
 *    week-based letters, letters Spark does not support, too many letters), then 'y' becomes
 *    'u' unless an era 'G' is present, then java.time's appendPattern rules (letter counts,
 *    quotes, optional sections [..], reserved characters). Parsing patterns turn every run of
 *    'S' into a variable-length fraction (1..n digits).
 *  - format: every field of the local date-time in the zone is printed with java.time's
 *    number rules (NORMAL / NOT_NEGATIVE / EXCEEDS_PAD sign styles, fixed and reduced widths),
 *    Locale.US texts, and the offset / zone printers.
 *  - parse: case-insensitive, STRICT: fixed-width numbers, adjacent value parsing (a
 *    variable-width number followed by fixed-width ones leaves them their digits), optional
 *    sections, then the STRICT resolver (field ranges, year-month-day and year-day-of-year)
 *    and Spark's own completion of missing fields (year 1970, month 1, day 1, time 00:00)
 *    with its conflict checks. Failures carry java.time's message text, which Spark passes to
 *    users inside CANNOT_PARSE_TIMESTAMP.
 *
 * A compiled pattern is immutable and may be shared between threads.
 */
#include "types/ty_time_fmt_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/em_mem.h"

const char *const ty_dtf_field_names[TY_F_COUNT] = {"Era",
                                                    "Year",
                                                    "YearOfEra",
                                                    "MonthOfYear",
                                                    "DayOfMonth",
                                                    "DayOfYear",
                                                    "QuarterOfYear",
                                                    "DayOfWeek",
                                                    "AlignedDayOfWeekInMonth",
                                                    "AmPmOfDay",
                                                    "HourOfDay",
                                                    "ClockHourOfAmPm",
                                                    "HourOfAmPm",
                                                    "ClockHourOfDay",
                                                    "MinuteOfHour",
                                                    "SecondOfMinute",
                                                    "NanoOfSecond"};

/* ------------------------------------------------------------------------------------------ */
/* Compilation                                                                                  */

static void ty_dtf_err_param(ty_dtfmt_error *e, const char *name, const char *value)
{
    if (!e || !name || e->n_params >= 3)
        return;
    snprintf(e->param_name[e->n_params], sizeof e->param_name[0], "%s", name);
    snprintf(e->param_value[e->n_params], sizeof e->param_value[0], "%s", value);
    e->n_params++;
}

static void ty_dtf_err(ty_dtfmt_error *e, const char *cls, const char *jvm, const char *n1,
                       const char *v1, const char *n2, const char *v2)
{
    if (!e)
        return;
    memset(e, 0, sizeof *e);
    e->error_class = cls;
    e->jvm_class = jvm;
    ty_dtf_err_param(e, n1, v1);
    ty_dtf_err_param(e, n2, v2);
}

static ty_dtf_item *ty_dtf_push(ty_dtfmt *f, ty_dtf_kind kind)
{
    if (f->n == f->cap) {
        f->cap = f->cap ? f->cap * 2 : 16;
        f->items = em_realloc(f->items, (size_t)f->cap * sizeof *f->items);
    }
    ty_dtf_item *it = &f->items[f->n++];
    memset(it, 0, sizeof *it);
    it->kind = kind;
    return it;
}

/* appendInternal: anything but a value printer ends adjacent value parsing. */
static ty_dtf_item *ty_dtf_push_other(ty_dtfmt *f, ty_dtf_kind kind)
{
    f->active_value = -1;
    return ty_dtf_push(f, kind);
}

/* One literal printer-parser: a single pattern character or a whole quoted string (a parse
   failure reports the literal's first position, as java.time does). */
static void ty_dtf_literal(ty_dtfmt *f, const char *s, size_t n)
{
    if (n == 0)
        return;
    ty_dtf_item *it = ty_dtf_push_other(f, TY_DTF_LIT);
    it->lit = em_malloc(n + 1);
    memcpy(it->lit, s, n);
    it->lit[n] = '\0';
    it->lit_len = n;
}

/* appendValue(field, min, max, sign) with java.time's adjacent value parsing bookkeeping. */
static void ty_dtf_value(ty_dtfmt *f, ty_dtf_kind kind, int field, int min_w, int max_w, int sign)
{
    bool fixed = min_w == max_w && sign == TY_SIGN_NOT_NEGATIVE;
    if (f->active_value >= 0 && fixed) {
        f->items[f->active_value].subsequent += max_w;
        ty_dtf_item *it = ty_dtf_push(f, kind);
        it->field = field, it->min_w = min_w, it->max_w = max_w, it->sign = sign;
        return;
    }
    ty_dtf_item *it = ty_dtf_push(f, kind);
    it->field = field, it->min_w = min_w, it->max_w = max_w, it->sign = sign;
    f->active_value = f->n - 1;
}

static void ty_dtf_text(ty_dtfmt *f, int field, bool full)
{
    ty_dtf_item *it = ty_dtf_push_other(f, TY_DTF_TEXT);
    it->field = field;
    it->full = full;
}

static void ty_dtf_offset(ty_dtfmt *f, int style, const char *no_offset)
{
    ty_dtf_item *it = ty_dtf_push_other(f, TY_DTF_OFFSET);
    it->off_style = style;
    it->no_offset = no_offset;
}

/* java.time's DateTimeFormatterBuilder.parseField / parsePattern for one letter run.
   Returns false with msg set (an IllegalArgumentException message). */
static bool ty_dtf_letter(ty_dtfmt *f, char c, int count, bool varlen_fraction, char *msg,
                          size_t cap)
{
    switch (c) {
    case 'V':
        if (count != 2) {
            snprintf(msg, cap, "Pattern letter count must be 2: %c", c);
            return false;
        }
        ty_dtf_push_other(f, TY_DTF_ZONE_ID);
        return true;
    case 'v':
        if (count != 1 && count != 4) {
            snprintf(msg, cap, "Wrong number of pattern letters: %c", c);
            return false;
        }
        ty_dtf_push_other(f, TY_DTF_ZONE_TEXT)->full = count == 4;
        return true;
    case 'z':
        if (count > 4) {
            snprintf(msg, cap, "Too many pattern letters: %c", c);
            return false;
        }
        ty_dtf_push_other(f, TY_DTF_ZONE_TEXT)->full = count == 4;
        return true;
    case 'Z':
        if (count < 4)
            ty_dtf_offset(f, TY_OFF_HHMM, "+0000");
        else if (count == 4)
            ty_dtf_push_other(f, TY_DTF_OFFSET_LOCALIZED)->full = true;
        else if (count == 5)
            ty_dtf_offset(f, TY_OFF_HH_MM_ss, "Z");
        else {
            snprintf(msg, cap, "Too many pattern letters: %c", c);
            return false;
        }
        return true;
    case 'O':
        if (count != 1 && count != 4) {
            snprintf(msg, cap, "Pattern letter count must be 1 or 4: %c", c);
            return false;
        }
        ty_dtf_push_other(f, TY_DTF_OFFSET_LOCALIZED)->full = count == 4;
        return true;
    case 'X':
    case 'x': {
        static const int styles[] = {TY_OFF_HHmm, TY_OFF_HHMM, TY_OFF_HH_MM, TY_OFF_HHMMss,
                                     TY_OFF_HH_MM_ss};
        static const char *const zeros_x[] = {"+00", "+0000", "+00:00", "+0000", "+00:00"};
        if (count > 5) {
            snprintf(msg, cap, "Too many pattern letters: %c", c);
            return false;
        }
        ty_dtf_offset(f, styles[count - 1], c == 'X' ? "Z" : zeros_x[count - 1]);
        return true;
    }
    case 'G':
        if (count > 5) {
            snprintf(msg, cap, "Too many pattern letters: %c", c);
            return false;
        }
        ty_dtf_text(f, TY_F_ERA, count == 4);
        return true;
    case 'u':
    case 'y': {
        int field = c == 'u' ? TY_F_YEAR : TY_F_YOE;
        if (count == 2)
            ty_dtf_value(f, TY_DTF_REDUCED, field, 2, 2, TY_SIGN_NOT_NEGATIVE);
        else if (count < 4)
            ty_dtf_value(f, TY_DTF_NUM, field, count, 19, TY_SIGN_NORMAL);
        else
            ty_dtf_value(f, TY_DTF_NUM, field, count, 19, TY_SIGN_EXCEEDS_PAD);
        return true;
    }
    case 'M':
    case 'L':
    case 'Q':
    case 'q': {
        int field = (c == 'M' || c == 'L') ? TY_F_MONTH : TY_F_QUARTER;
        if (count == 1)
            ty_dtf_value(f, TY_DTF_NUM, field, 1, 19, TY_SIGN_NORMAL);
        else if (count == 2)
            ty_dtf_value(f, TY_DTF_NUM, field, 2, 2, TY_SIGN_NOT_NEGATIVE);
        else if (count <= 5)
            ty_dtf_text(f, field, count == 4);
        else {
            snprintf(msg, cap, "Too many pattern letters: %c", c);
            return false;
        }
        return true;
    }
    case 'E':
        if (count > 5) {
            snprintf(msg, cap, "Too many pattern letters: %c", c);
            return false;
        }
        ty_dtf_text(f, TY_F_DOW, count == 4);
        return true;
    case 'a':
        if (count != 1) {
            snprintf(msg, cap, "Too many pattern letters: %c", c);
            return false;
        }
        ty_dtf_text(f, TY_F_AMPM, false);
        return true;
    case 'F':
        if (count != 1) {
            snprintf(msg, cap, "Too many pattern letters: %c", c);
            return false;
        }
        ty_dtf_value(f, TY_DTF_NUM, TY_F_ALIGNED_DOW_IN_MONTH, 1, 19, TY_SIGN_NORMAL);
        return true;
    case 'd':
    case 'h':
    case 'H':
    case 'k':
    case 'K':
    case 'm':
    case 's': {
        int field = c == 'd'   ? TY_F_DOM
                    : c == 'h' ? TY_F_CLOCK_HOUR_AMPM
                    : c == 'H' ? TY_F_HOUR_OF_DAY
                    : c == 'k' ? TY_F_CLOCK_HOUR_DAY
                    : c == 'K' ? TY_F_HOUR_AMPM
                    : c == 'm' ? TY_F_MINUTE
                               : TY_F_SECOND;
        if (count == 1)
            ty_dtf_value(f, TY_DTF_NUM, field, 1, 19, TY_SIGN_NORMAL);
        else if (count == 2)
            ty_dtf_value(f, TY_DTF_NUM, field, 2, 2, TY_SIGN_NOT_NEGATIVE);
        else {
            snprintf(msg, cap, "Too many pattern letters: %c", c);
            return false;
        }
        return true;
    }
    case 'D':
        if (count == 1)
            ty_dtf_value(f, TY_DTF_NUM, TY_F_DOY, 1, 19, TY_SIGN_NORMAL);
        else if (count <= 3)
            ty_dtf_value(f, TY_DTF_NUM, TY_F_DOY, count, 3, TY_SIGN_NOT_NEGATIVE);
        else {
            snprintf(msg, cap, "Too many pattern letters: %c", c);
            return false;
        }
        return true;
    case 'S': {
        int min_w = varlen_fraction ? 1 : count;
        if (count > 9) {
            snprintf(msg, cap, "Maximum width must be from %d to 9 inclusive but was %d", min_w,
                     count);
            return false;
        }
        if (min_w == count) {
            /* fixed-width fractions take part in adjacent value parsing */
            ty_dtf_value(f, TY_DTF_FRACTION, TY_F_NANO, count, count, TY_SIGN_NOT_NEGATIVE);
        } else {
            ty_dtf_item *it = ty_dtf_push_other(f, TY_DTF_FRACTION);
            it->field = TY_F_NANO, it->min_w = min_w, it->max_w = count;
        }
        return true;
    }
    default:
        snprintf(msg, cap, "Unknown pattern letter: %c", c);
        return false;
    }
}

/* The legacy SimpleDateFormat accepts the pattern (Spark then reports an upgrade issue). */
static bool ty_dtf_legacy_accepts(const char *p, size_t len)
{
    bool quoted = false;
    for (size_t i = 0; i < len; i++) {
        char c = p[i];
        if (c == '\'') {
            quoted = !quoted;
            continue;
        }
        if (quoted || !isalpha((unsigned char)c))
            continue;
        if (!strchr("GyYMLwWDdFEuaHkKhmsSzZX", c))
            return false;
        if (c == 'X') {
            size_t run = 1;
            while (i + run < len && p[i + run] == 'X')
                run++;
            if (run > 3)
                return false;
            i += run - 1;
        }
    }
    return !quoted;
}

/* Spark's convertIncompatiblePattern checks on the unquoted parts. */
static bool ty_dtf_spark_checks(const char *p, size_t len, bool parsing, ty_dtfmt_error *e,
                                bool *has_era)
{
    static const char *const bad_lengths[] = {"GGGGG", "MMMMM", "LLLLL",  "EEEEE",
                                              "QQQQQ", "qqqqq", "yyyyyyy"};
    *has_era = false;
    size_t start = 0;
    bool quoted = false;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && p[i] != '\'')
            continue;
        /* part [start, i) */
        if (!quoted) {
            const char *part = p + start;
            size_t n = i - start;
            for (size_t k = 0; k < n; k++)
                if (strchr("YWwuec", part[k])) {
                    char c[2] = {part[k], 0};
                    ty_dtf_err(e, "INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_WEEK_BASED_PATTERN",
                               "org.apache.spark.SparkIllegalArgumentException", "c", c, NULL,
                               NULL);
                    return false;
                }
            for (size_t k = 0; k < n; k++)
                if (strchr("ABnNp", part[k]) || (parsing && strchr("EFqQ", part[k]))) {
                    char c[2] = {part[k], 0};
                    char pat[256];
                    snprintf(pat, sizeof pat, "%.*s", (int)len, p);
                    ty_dtf_err(e, "INVALID_DATETIME_PATTERN.ILLEGAL_CHARACTER",
                               "org.apache.spark.SparkIllegalArgumentException", "c", c, "pattern",
                               pat);
                    return false;
                }
            for (size_t b = 0; b < sizeof bad_lengths / sizeof bad_lengths[0]; b++) {
                size_t bl = strlen(bad_lengths[b]);
                for (size_t k = 0; k + bl <= n; k++)
                    if (memcmp(part + k, bad_lengths[b], bl) == 0) {
                        ty_dtf_err(e, "INVALID_DATETIME_PATTERN.LENGTH",
                                   "org.apache.spark.SparkIllegalArgumentException", "pattern",
                                   bad_lengths[b], NULL, NULL);
                        return false;
                    }
            }
            if (memchr(part, 'G', n))
                *has_era = true;
        }
        quoted = !quoted;
        start = i + 1;
    }
    return true;
}

static const char *const ty_dtf_default_pattern = "yyyy-MM-dd HH:mm:ss";

ty_dtfmt *ty_dtfmt_compile(const char *pattern, size_t len, bool parsing, ty_dtfmt_error *e)
{
    bool has_era;
    ty_dtfmt_error spark_err;
    bool spark_ok = ty_dtf_spark_checks(pattern, len, parsing, &spark_err, &has_era);
    ty_dtfmt *f = em_calloc(1, sizeof *f);
    f->active_value = -1;
    f->is_default =
        len == strlen(ty_dtf_default_pattern) && memcmp(pattern, ty_dtf_default_pattern, len) == 0;
    bool varlen = parsing && memchr(pattern, 'S', len) != NULL;
    char msg[160] = "";
    bool ok = spark_ok;
    int depth = 0;
    for (size_t i = 0; ok && i < len;) {
        char c = pattern[i];
        if (isalpha((unsigned char)c) && (unsigned char)c < 0x80) {
            size_t run = 1;
            while (i + run < len && pattern[i + run] == c)
                run++;
            char letter = (c == 'y' && !has_era) ? 'u' : c;
            ok = ty_dtf_letter(f, letter, (int)run, varlen, msg, sizeof msg);
            i += run;
        } else if (c == '\'') {
            size_t j = i + 1;
            if (j < len && pattern[j] == '\'') {
                ty_dtf_literal(f, "'", 1);
                i = j + 1;
                continue;
            }
            char buf[256];
            size_t bn = 0;
            for (; j < len; j++) {
                if (pattern[j] == '\'') {
                    if (j + 1 < len && pattern[j + 1] == '\'') {
                        j++;
                    } else {
                        break;
                    }
                }
                if (bn < sizeof buf)
                    buf[bn++] = pattern[j];
            }
            if (j >= len) {
                snprintf(msg, sizeof msg, "Pattern ends with an incomplete string literal: %.*s",
                         (int)len, pattern);
                ok = false;
                break;
            }
            ty_dtf_literal(f, buf, bn);
            i = j + 1;
        } else if (c == '[') {
            ty_dtf_push_other(f, TY_DTF_OPT_BEGIN);
            depth++;
            i++;
        } else if (c == ']') {
            if (depth == 0) {
                snprintf(msg, sizeof msg, "Pattern invalid as it contains ] without previous [");
                ok = false;
                break;
            }
            ty_dtf_push_other(f, TY_DTF_OPT_END);
            depth--;
            i++;
        } else if (c == '{' || c == '}' || c == '#') {
            snprintf(msg, sizeof msg, "Pattern includes reserved character: '%c'", c);
            ok = false;
        } else {
            ty_dtf_literal(f, &pattern[i], 1);
            i++;
        }
    }
    while (ok && depth-- > 0)
        ty_dtf_push_other(f, TY_DTF_OPT_END);
    if (ok)
        return f;
    ty_dtfmt_free(f);
    /* Spark retries the legacy formatter: if it understands the pattern the user is told about
       the behaviour change instead. */
    if (ty_dtf_legacy_accepts(pattern, len)) {
        char quoted[300];
        snprintf(quoted, sizeof quoted, "'%.*s'", (int)(len > 250 ? 250 : len), pattern);
        ty_dtf_err(e, "INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION",
                   "org.apache.spark.SparkUpgradeException", "config",
                   "\"spark.sql.legacy.timeParserPolicy\"", "docroot",
                   "https://spark.apache.org/docs/latest");
        ty_dtf_err_param(e, "pattern", quoted);
        return NULL;
    }
    if (!spark_ok) {
        if (e)
            *e = spark_err;
        return NULL;
    }
    char quoted[300];
    snprintf(quoted, sizeof quoted, "'%.*s'", (int)(len > 250 ? 250 : len), pattern);
    ty_dtf_err(e, "INVALID_DATETIME_PATTERN.WITH_SUGGESTION",
               "org.apache.spark.SparkRuntimeException", "docroot",
               "https://spark.apache.org/docs/latest", "pattern", quoted);
    return NULL;
}

void ty_dtfmt_free(ty_dtfmt *f)
{
    if (!f)
        return;
    for (int i = 0; i < f->n; i++)
        em_free(f->items[i].lit);
    em_free(f->items);
    em_free(f);
}

bool ty_dtfmt_is_default(const ty_dtfmt *f)
{
    return f->is_default;
}

void ty_dtf_offset_text(int32_t off, bool colon, bool seconds, char *buf, size_t cap)
{
    int32_t a = off < 0 ? -off : off;
    int h = a / 3600, m = a / 60 % 60, s = a % 60;
    if (seconds && s)
        snprintf(buf, cap, colon ? "%c%02d:%02d:%02d" : "%c%02d%02d%02d", off < 0 ? '-' : '+', h, m,
                 s);
    else
        snprintf(buf, cap, colon ? "%c%02d:%02d" : "%c%02d%02d", off < 0 ? '-' : '+', h, m);
}

/* ------------------------------------------------------------------------------------------ */
/* Formatting                                                                                   */

typedef struct ty_dtf_fields {
    int64_t v[TY_F_COUNT];
    int32_t offset;
    const ty_tz *tz;
    int64_t utc_seconds;
    bool has_zone;
} ty_dtf_fields;

static void ty_dtf_split(int64_t micros, const ty_tz *tz, ty_dtf_fields *x)
{
    memset(x, 0, sizeof *x);
    int64_t local = micros;
    if (tz) {
        int64_t sec = ty_floor_div(micros, TY_MICROS_PER_SECOND);
        x->offset = ty_tz_offset_at(tz, sec);
        x->utc_seconds = sec;
        x->tz = tz;
        x->has_zone = true;
        local = micros + (int64_t)x->offset * TY_MICROS_PER_SECOND;
    }
    int64_t days = ty_floor_div(local, TY_MICROS_PER_DAY);
    int64_t tod = local - days * TY_MICROS_PER_DAY;
    int64_t y;
    int m, d;
    ty_civil_from_days(days, &y, &m, &d);
    x->v[TY_F_YEAR] = y;
    x->v[TY_F_ERA] = y >= 1 ? 1 : 0;
    x->v[TY_F_YOE] = y >= 1 ? y : 1 - y;
    x->v[TY_F_MONTH] = m;
    x->v[TY_F_DOM] = d;
    x->v[TY_F_DOY] = ty_day_of_year(days);
    x->v[TY_F_QUARTER] = (m - 1) / 3 + 1;
    x->v[TY_F_DOW] = ty_iso_day_of_week(days);
    x->v[TY_F_ALIGNED_DOW_IN_MONTH] = (d - 1) % 7 + 1;
    int64_t secs = tod / TY_MICROS_PER_SECOND;
    int hod = (int)(secs / 3600);
    x->v[TY_F_HOUR_OF_DAY] = hod;
    x->v[TY_F_AMPM] = hod >= 12;
    x->v[TY_F_HOUR_AMPM] = hod % 12;
    x->v[TY_F_CLOCK_HOUR_AMPM] = hod % 12 == 0 ? 12 : hod % 12;
    x->v[TY_F_CLOCK_HOUR_DAY] = hod == 0 ? 24 : hod;
    x->v[TY_F_MINUTE] = secs / 60 % 60;
    x->v[TY_F_SECOND] = secs % 60;
    x->v[TY_F_NANO] = (tod % TY_MICROS_PER_SECOND) * 1000;
}

static void ty_dtf_put_number(const ty_dtf_item *it, int64_t v, em_str *out)
{
    char digits[24];
    uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    int n = snprintf(digits, sizeof digits, "%llu", (unsigned long long)a);
    if (v < 0)
        em_str_putc(out, '-');
    else if (it->sign == TY_SIGN_EXCEEDS_PAD && it->min_w < 19 && n > it->min_w)
        em_str_putc(out, '+');
    for (int k = n; k < it->min_w; k++)
        em_str_putc(out, '0');
    em_str_append(out, digits, (size_t)n);
}

static void ty_dtf_put_text(const ty_dtf_item *it, const ty_dtf_fields *x, em_str *out)
{
    int64_t v = x->v[it->field];
    switch (it->field) {
    case TY_F_ERA:
        em_str_puts(out, it->full ? (v ? "Anno Domini" : "Before Christ") : (v ? "AD" : "BC"));
        return;
    case TY_F_MONTH:
        em_str_puts(out, ty_month_name((int)v, it->full));
        return;
    case TY_F_QUARTER: {
        static const char *const full[] = {"1st quarter", "2nd quarter", "3rd quarter",
                                           "4th quarter"};
        if (it->full)
            em_str_puts(out, full[v - 1]);
        else
            em_str_printf(out, "Q%d", (int)v);
        return;
    }
    case TY_F_DOW:
        em_str_puts(out, ty_day_name((int)v, it->full));
        return;
    case TY_F_AMPM:
        em_str_puts(out, v ? "PM" : "AM");
        return;
    default:
        return;
    }
}

static void ty_dtf_put_offset(const ty_dtf_item *it, int32_t off, em_str *out)
{
    if (off == 0) {
        em_str_puts(out, it->no_offset);
        return;
    }
    int32_t a = off < 0 ? -off : off;
    int h = a / 3600, m = a / 60 % 60, s = a % 60;
    em_str_printf(out, "%c%02d", off < 0 ? '-' : '+', h);
    switch (it->off_style) {
    case TY_OFF_HH:
        break;
    case TY_OFF_HHmm:
        if (m || s)
            em_str_printf(out, "%02d", m);
        break;
    case TY_OFF_HHMM:
        em_str_printf(out, "%02d", m);
        break;
    case TY_OFF_HH_MM:
        em_str_printf(out, ":%02d", m);
        break;
    case TY_OFF_HHMMss:
        em_str_printf(out, "%02d", m);
        if (s)
            em_str_printf(out, "%02d", s);
        break;
    default:
        em_str_printf(out, ":%02d", m);
        if (s)
            em_str_printf(out, ":%02d", s);
        break;
    }
}

static void ty_dtf_put_localized(const ty_dtf_item *it, int32_t off, em_str *out)
{
    em_str_puts(out, "GMT");
    if (off == 0)
        return;
    int32_t a = off < 0 ? -off : off;
    int h = a / 3600, m = a / 60 % 60, s = a % 60;
    em_str_putc(out, off < 0 ? '-' : '+');
    if (it->full) {
        em_str_printf(out, "%02d:%02d", h, m);
        if (s)
            em_str_printf(out, ":%02d", s);
    } else {
        em_str_printf(out, "%d", h);
        if (m || s) {
            em_str_printf(out, ":%02d", m);
            if (s)
                em_str_printf(out, ":%02d", s);
        }
    }
}

/* Formats items [from, to); returns false when a zone field has no value (optional sections
   are then skipped, as java.time does for fields the temporal lacks). */
static bool ty_dtf_format_range(const ty_dtfmt *f, int from, int to, const ty_dtf_fields *x,
                                em_str *out)
{
    for (int i = from; i < to; i++) {
        const ty_dtf_item *it = &f->items[i];
        switch (it->kind) {
        case TY_DTF_LIT:
            em_str_append(out, it->lit, it->lit_len);
            break;
        case TY_DTF_OPT_BEGIN: {
            int depth = 1, j = i + 1;
            for (; j < to && depth; j++)
                depth += f->items[j].kind == TY_DTF_OPT_BEGIN ? 1
                         : f->items[j].kind == TY_DTF_OPT_END ? -1
                                                              : 0;
            em_str tmp;
            em_str_init(&tmp, 0);
            if (ty_dtf_format_range(f, i + 1, j - 1, x, &tmp) && tmp.len)
                em_str_append(out, tmp.data, tmp.len);
            em_str_release(&tmp);
            i = j - 1;
            break;
        }
        case TY_DTF_OPT_END:
            break;
        case TY_DTF_NUM:
            ty_dtf_put_number(it, x->v[it->field], out);
            break;
        case TY_DTF_REDUCED: {
            int64_t v = x->v[it->field];
            int64_t r = (v < 0 ? -v : v) % 100;
            em_str_printf(out, "%02d", (int)r);
            break;
        }
        case TY_DTF_TEXT:
            ty_dtf_put_text(it, x, out);
            break;
        case TY_DTF_FRACTION: {
            char buf[16];
            snprintf(buf, sizeof buf, "%09lld", (long long)x->v[TY_F_NANO]);
            em_str_append(out, buf, (size_t)it->max_w);
            break;
        }
        case TY_DTF_ZONE_ID:
            if (!x->has_zone)
                return false;
            em_str_puts(out, ty_tz_name(x->tz));
            break;
        case TY_DTF_ZONE_TEXT: {
            if (!x->has_zone)
                return false;
            char buf[64];
            ty_tz_display_name(x->tz, x->utc_seconds, it->full, buf, sizeof buf);
            em_str_puts(out, buf);
            break;
        }
        case TY_DTF_OFFSET:
            if (!x->has_zone)
                return false;
            ty_dtf_put_offset(it, x->offset, out);
            break;
        case TY_DTF_OFFSET_LOCALIZED:
            if (!x->has_zone)
                return false;
            ty_dtf_put_localized(it, x->offset, out);
            break;
        }
    }
    return true;
}

void ty_dtfmt_format(const ty_dtfmt *f, int64_t micros, const ty_tz *tz, em_str *out)
{
    ty_dtf_fields x;
    ty_dtf_split(micros, tz, &x);
    ty_dtf_format_range(f, 0, f->n, &x, out);
}
