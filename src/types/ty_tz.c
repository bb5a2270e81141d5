/*
 * ty_tz: time zones for Spark's TIMESTAMP semantics (see ty_time.h).
 *
 * A zone is either a fixed offset or a TZif rule set read from /usr/share/zoneinfo:
 * transitions (64-bit, from the v2+ block when present) with the UTC offset in force after each,
 * the offset before the first transition, and the POSIX TZ footer that extends the rules past
 * the last transition (recent "slim" TZif files stop listing transitions early and rely on it).
 * Zones are created on first use and kept in a process-wide cache guarded by a mutex; they are
 * immutable afterwards, so lookups of a cached zone never block readers for long.
 */
#include "types/ty_time.h"

#include "common/em_mem.h"

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A POSIX TZ rule date: Jn (julian, no leap day), n (zero-based day of year), Mm.w.d. */
typedef struct ty_tz_rule_date {
    char kind; /* 'J', 'D', 'M' */
    int a, b, c;
    int32_t time; /* seconds after local midnight */
} ty_tz_rule_date;

typedef struct ty_tz_posix {
    bool valid;
    int32_t std_off; /* east positive */
    bool has_dst;
    int32_t dst_off;
    ty_tz_rule_date start, end;
} ty_tz_posix;

struct ty_tz {
    char *name;
    bool fixed;
    int32_t fixed_off;
    int n_trans;
    int64_t *trans;  /* UTC seconds */
    int32_t *off;    /* offset after trans[i] */
    int32_t initial; /* offset before trans[0] */
    ty_tz_posix posix;
};

static pthread_mutex_t ty_tz_lock = PTHREAD_MUTEX_INITIALIZER;
static ty_tz **ty_tz_cache;
static int ty_tz_n_cache, ty_tz_cap_cache;

static ty_tz ty_tz_utc_zone = {.name = (char *)"UTC", .fixed = true, .fixed_off = 0};

const ty_tz *ty_tz_utc(void)
{
    return &ty_tz_utc_zone;
}

const char *ty_tz_name(const ty_tz *tz)
{
    return tz->name;
}

/* ------------------------------------------------------------------------------------------ */
/* POSIX TZ strings                                                                             */

static const char *ty_tz_posix_name(const char *p)
{
    if (*p == '<') {
        const char *e = strchr(p, '>');
        return e ? e + 1 : NULL;
    }
    const char *s = p;
    while (isalpha((unsigned char)*p))
        p++;
    return p - s >= 3 ? p : NULL;
}

/* [+-]hh[:mm[:ss]] -> seconds (sign as written). */
static const char *ty_tz_posix_time(const char *p, int32_t *out)
{
    int sign = 1;
    if (*p == '+' || *p == '-') {
        sign = *p == '-' ? -1 : 1;
        p++;
    }
    if (!isdigit((unsigned char)*p))
        return NULL;
    int h = 0, m = 0, s = 0;
    while (isdigit((unsigned char)*p))
        h = h * 10 + (*p++ - '0');
    if (*p == ':') {
        p++;
        while (isdigit((unsigned char)*p))
            m = m * 10 + (*p++ - '0');
        if (*p == ':') {
            p++;
            while (isdigit((unsigned char)*p))
                s = s * 10 + (*p++ - '0');
        }
    }
    *out = sign * (h * 3600 + m * 60 + s);
    return p;
}

static const char *ty_tz_posix_date(const char *p, ty_tz_rule_date *d)
{
    memset(d, 0, sizeof *d);
    if (*p == 'M') {
        d->kind = 'M';
        p++;
        d->a = (int)strtol(p, (char **)&p, 10);
        if (*p++ != '.')
            return NULL;
        d->b = (int)strtol(p, (char **)&p, 10);
        if (*p++ != '.')
            return NULL;
        d->c = (int)strtol(p, (char **)&p, 10);
    } else if (*p == 'J') {
        d->kind = 'J';
        p++;
        d->a = (int)strtol(p, (char **)&p, 10);
    } else if (isdigit((unsigned char)*p)) {
        d->kind = 'D';
        d->a = (int)strtol(p, (char **)&p, 10);
    } else {
        return NULL;
    }
    d->time = 7200;
    if (*p == '/') {
        p = ty_tz_posix_time(p + 1, &d->time);
        if (!p)
            return NULL;
    }
    return p;
}

static void ty_tz_posix_parse(const char *s, ty_tz_posix *out)
{
    memset(out, 0, sizeof *out);
    const char *p = ty_tz_posix_name(s);
    if (!p)
        return;
    int32_t v;
    p = ty_tz_posix_time(p, &v);
    if (!p)
        return;
    out->std_off = -v;
    out->valid = true;
    if (!*p)
        return;
    const char *q = ty_tz_posix_name(p);
    if (!q)
        return;
    p = q;
    out->has_dst = true;
    out->dst_off = out->std_off + 3600;
    if (*p && *p != ',') {
        p = ty_tz_posix_time(p, &v);
        if (!p) {
            out->has_dst = false;
            return;
        }
        out->dst_off = -v;
    }
    if (*p != ',') {
        /* no rules: assume US rules as POSIX does */
        out->start = (ty_tz_rule_date){'M', 3, 2, 0, 7200};
        out->end = (ty_tz_rule_date){'M', 11, 1, 0, 7200};
        return;
    }
    p = ty_tz_posix_date(p + 1, &out->start);
    if (!p || *p != ',') {
        out->has_dst = false;
        return;
    }
    p = ty_tz_posix_date(p + 1, &out->end);
    if (!p)
        out->has_dst = false;
}

static bool ty_tz_leap(int64_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Days since epoch of a rule date in year y. */
static int64_t ty_tz_rule_day(const ty_tz_rule_date *d, int64_t y)
{
    int64_t jan1 = ty_days_from_civil(y, 1, 1);
    switch (d->kind) {
    case 'J': {
        int n = d->a; /* 1..365, Feb 29 never counted */
        int64_t day = jan1 + n - 1;
        if (ty_tz_leap(y) && n >= 60)
            day++;
        return day;
    }
    case 'D':
        return jan1 + d->a;
    default: {
        /* month a, week b (1..5, 5 = last), weekday c (0 = Sunday) */
        int64_t first = ty_days_from_civil(y, d->a, 1);
        int wd_first = (int)ty_floor_mod(first + 4, 7); /* 1970-01-01 was a Thursday (4) */
        int64_t day = first + ((d->c - wd_first + 7) % 7) + (int64_t)(d->b - 1) * 7;
        int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        int dim = mdays[d->a - 1] + (d->a == 2 && ty_tz_leap(y) ? 1 : 0);
        while (day >= first + dim)
            day -= 7;
        return day;
    }
    }
}

static int32_t ty_tz_posix_offset(const ty_tz_posix *p, int64_t utc)
{
    if (!p->has_dst)
        return p->std_off;
    int64_t y;
    int m, d;
    ty_civil_from_days(ty_floor_div(utc + p->std_off, TY_SECONDS_PER_DAY), &y, &m, &d);
    /* DST starts at start.time local standard time, ends at end.time local daylight time. */
    int64_t start = ty_tz_rule_day(&p->start, y) * TY_SECONDS_PER_DAY + p->start.time - p->std_off;
    int64_t end = ty_tz_rule_day(&p->end, y) * TY_SECONDS_PER_DAY + p->end.time - p->dst_off;
    if (start < end)
        return (utc >= start && utc < end) ? p->dst_off : p->std_off;
    return (utc >= end && utc < start) ? p->std_off : p->dst_off;
}

/* ------------------------------------------------------------------------------------------ */
/* TZif                                                                                         */

static uint32_t ty_tz_be32(const unsigned char *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

static int64_t ty_tz_be64(const unsigned char *p)
{
    return (int64_t)(((uint64_t)ty_tz_be32(p) << 32) | ty_tz_be32(p + 4));
}

static bool ty_tz_parse_tzif(ty_tz *tz, const unsigned char *buf, size_t len)
{
    if (len < 44 || memcmp(buf, "TZif", 4) != 0)
        return false;
    int version = buf[4] ? buf[4] - '0' : 1;
    const unsigned char *p = buf;
    size_t left = len;
    int time_size = 4;
    for (int pass = 0; pass < 2; pass++) {
        if (left < 44 || memcmp(p, "TZif", 4) != 0)
            return false;
        uint32_t isutcnt = ty_tz_be32(p + 20), isstdcnt = ty_tz_be32(p + 24),
                 leapcnt = ty_tz_be32(p + 28), timecnt = ty_tz_be32(p + 32),
                 typecnt = ty_tz_be32(p + 36), charcnt = ty_tz_be32(p + 40);
        if (timecnt > 100000 || typecnt > 256 || typecnt == 0 || charcnt > 100000 ||
            leapcnt > 100000)
            return false;
        size_t body = (size_t)timecnt * time_size + timecnt + (size_t)typecnt * 6 + charcnt +
                      (size_t)leapcnt * (time_size + 4) + isstdcnt + isutcnt;
        if (left < 44 + body)
            return false;
        if (pass == 0 && version >= 2) {
            p += 44 + body;
            left -= 44 + body;
            time_size = 8;
            continue;
        }
        const unsigned char *tt = p + 44;
        const unsigned char *idx = tt + (size_t)timecnt * time_size;
        const unsigned char *types = idx + timecnt;
        int32_t *type_off = em_calloc(typecnt, sizeof(int32_t));
        for (uint32_t i = 0; i < typecnt; i++)
            type_off[i] = (int32_t)ty_tz_be32(types + i * 6);
        tz->n_trans = (int)timecnt;
        tz->trans = em_calloc(timecnt ? timecnt : 1, sizeof(int64_t));
        tz->off = em_calloc(timecnt ? timecnt : 1, sizeof(int32_t));
        for (uint32_t i = 0; i < timecnt; i++) {
            tz->trans[i] =
                time_size == 8 ? ty_tz_be64(tt + i * 8) : (int64_t)(int32_t)ty_tz_be32(tt + i * 4);
            unsigned ti = idx[i];
            tz->off[i] = ti < typecnt ? type_off[ti] : type_off[0];
        }
        tz->initial = type_off[0];
        em_free(type_off);
        if (version >= 2) {
            const char *footer = (const char *)(p + 44 + body);
            size_t flen = left - 44 - body;
            if (flen > 2 && footer[0] == '\n') {
                const char *end = memchr(footer + 1, '\n', flen - 1);
                if (end) {
                    char tzstr[256];
                    size_t n = (size_t)(end - footer - 1);
                    if (n < sizeof tzstr) {
                        memcpy(tzstr, footer + 1, n);
                        tzstr[n] = '\0';
                        ty_tz_posix_parse(tzstr, &tz->posix);
                    }
                }
            }
        }
        return true;
    }
    return false;
}

static ty_tz *ty_tz_load_file(const char *region)
{
    /* Region ids: [A-Za-z][A-Za-z0-9~/._+-]+, no "..". */
    if (!isalpha((unsigned char)region[0]) || strstr(region, ".."))
        return NULL;
    for (const char *c = region; *c; c++)
        if (!(isalnum((unsigned char)*c) || strchr("~/._+-", *c)))
            return NULL;
    char path[512];
    snprintf(path, sizeof path, "/usr/share/zoneinfo/%s", region);
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, len = 0;
    unsigned char *buf = em_malloc(cap);
    for (;;) {
        size_t n = fread(buf + len, 1, cap - len, f);
        len += n;
        if (n == 0)
            break;
        if (len == cap) {
            if (cap >= (1u << 22))
                break;
            cap *= 2;
            buf = em_realloc(buf, cap);
        }
    }
    fclose(f);
    ty_tz *tz = em_calloc(1, sizeof *tz);
    if (!ty_tz_parse_tzif(tz, buf, len)) {
        em_free(tz->trans);
        em_free(tz->off);
        em_free(tz);
        tz = NULL;
    }
    em_free(buf);
    return tz;
}

/* Java ZoneOffset.of text after the sign: h, hh, hh:mm, hhmm, hh:mm:ss, hhmmss. */
static bool ty_tz_parse_offset(const char *s, int32_t *out)
{
    int sign;
    if (*s == '+')
        sign = 1;
    else if (*s == '-')
        sign = -1;
    else
        return false;
    s++;
    size_t n = strlen(s);
    int h, m = 0, sec = 0;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]) && s[i] != ':')
            return false;
    if (n == 1 && isdigit((unsigned char)s[0])) {
        h = s[0] - '0';
    } else if (n == 2) {
        h = (s[0] - '0') * 10 + (s[1] - '0');
    } else if (n == 5 && s[2] == ':') {
        h = (s[0] - '0') * 10 + (s[1] - '0');
        m = (s[3] - '0') * 10 + (s[4] - '0');
    } else if (n == 4 && !strchr(s, ':')) {
        h = (s[0] - '0') * 10 + (s[1] - '0');
        m = (s[2] - '0') * 10 + (s[3] - '0');
    } else if (n == 8 && s[2] == ':' && s[5] == ':') {
        h = (s[0] - '0') * 10 + (s[1] - '0');
        m = (s[3] - '0') * 10 + (s[4] - '0');
        sec = (s[6] - '0') * 10 + (s[7] - '0');
    } else if (n == 6 && !strchr(s, ':')) {
        h = (s[0] - '0') * 10 + (s[1] - '0');
        m = (s[2] - '0') * 10 + (s[3] - '0');
        sec = (s[4] - '0') * 10 + (s[5] - '0');
    } else {
        return false;
    }
    if (h > 18 || m > 59 || sec > 59 || h * 3600 + m * 60 + sec > 18 * 3600)
        return false;
    *out = sign * (h * 3600 + m * 60 + sec);
    return true;
}

static const char *const ty_tz_short_ids[][2] = {
    {"ACT", "Australia/Darwin"},
    {"AET", "Australia/Sydney"},
    {"AGT", "America/Argentina/Buenos_Aires"},
    {"ART", "Africa/Cairo"},
    {"AST", "America/Anchorage"},
    {"BET", "America/Sao_Paulo"},
    {"BST", "Asia/Dhaka"},
    {"CAT", "Africa/Harare"},
    {"CNT", "America/St_Johns"},
    {"CST", "America/Chicago"},
    {"CTT", "Asia/Shanghai"},
    {"EAT", "Africa/Addis_Ababa"},
    {"ECT", "Europe/Paris"},
    {"IET", "America/Indiana/Indianapolis"},
    {"IST", "Asia/Kolkata"},
    {"JST", "Asia/Tokyo"},
    {"MIT", "Pacific/Apia"},
    {"NET", "Asia/Yerevan"},
    {"NST", "Pacific/Auckland"},
    {"PLT", "Asia/Karachi"},
    {"PNT", "America/Phoenix"},
    {"PRT", "America/Puerto_Rico"},
    {"PST", "America/Los_Angeles"},
    {"SST", "Pacific/Guadalcanal"},
    {"VST", "Asia/Ho_Chi_Minh"},
    {"EST", "-05:00"},
    {"MST", "-07:00"},
    {"HST", "-10:00"},
};

/* Builds a zone for id (not cached). */
static ty_tz *ty_tz_build(const char *id)
{
    char norm[128];
    size_t n = strlen(id);
    if (n == 0 || n >= sizeof norm - 2)
        return NULL;
    /* Spark's getZoneId fix-ups: (+|-)h: -> (+|-)0h: and (+|-)hh:m$ -> (+|-)hh:0m */
    {
        size_t o = 0;
        bool fixed_hour = false;
        for (size_t i = 0; i < n; i++) {
            norm[o++] = id[i];
            if (!fixed_hour && (id[i] == '+' || id[i] == '-') && i + 2 < n &&
                isdigit((unsigned char)id[i + 1]) && id[i + 2] == ':') {
                norm[o++] = '0';
                fixed_hour = true;
            }
        }
        norm[o] = '\0';
        size_t L = o;
        if (L >= 5 && isdigit((unsigned char)norm[L - 1]) && norm[L - 2] == ':' &&
            isdigit((unsigned char)norm[L - 3]) && isdigit((unsigned char)norm[L - 4]) &&
            (norm[L - 5] == '+' || norm[L - 5] == '-')) {
            norm[L] = norm[L - 1];
            norm[L - 1] = '0';
            norm[L + 1] = '\0';
        }
    }
    for (size_t i = 0; i < sizeof ty_tz_short_ids / sizeof ty_tz_short_ids[0]; i++)
        if (strcmp(norm, ty_tz_short_ids[i][0]) == 0) {
            snprintf(norm, sizeof norm, "%s", ty_tz_short_ids[i][1]);
            break;
        }
    int32_t off;
    ty_tz *tz = NULL;
    if (strcmp(norm, "Z") == 0) {
        off = 0;
        goto fixed;
    }
    if (norm[0] == '+' || norm[0] == '-') {
        if (!ty_tz_parse_offset(norm, &off))
            return NULL;
        goto fixed;
    }
    {
        const char *prefixes[] = {"UTC", "GMT", "UT"};
        for (int i = 0; i < 3; i++) {
            size_t pl = strlen(prefixes[i]);
            if (strncmp(norm, prefixes[i], pl) == 0) {
                if (norm[pl] == '\0') {
                    off = 0;
                    goto fixed;
                }
                if (norm[pl] == '+' || norm[pl] == '-') {
                    if (!ty_tz_parse_offset(norm + pl, &off))
                        return NULL;
                    goto fixed;
                }
            }
        }
    }
    tz = ty_tz_load_file(norm);
    if (tz)
        tz->name = em_strdup(id);
    return tz;
fixed:
    tz = em_calloc(1, sizeof *tz);
    tz->fixed = true;
    tz->fixed_off = off;
    tz->name = em_strdup(id);
    return tz;
}

const ty_tz *ty_tz_get(const char *id)
{
    if (!id)
        return NULL;
    pthread_mutex_lock(&ty_tz_lock);
    for (int i = 0; i < ty_tz_n_cache; i++) {
        if (strcmp(ty_tz_cache[i]->name, id) == 0) {
            ty_tz *hit = ty_tz_cache[i];
            pthread_mutex_unlock(&ty_tz_lock);
            return hit;
        }
    }
    ty_tz *tz = ty_tz_build(id);
    if (tz) {
        if (ty_tz_n_cache == ty_tz_cap_cache) {
            ty_tz_cap_cache = ty_tz_cap_cache ? ty_tz_cap_cache * 2 : 16;
            ty_tz_cache = em_realloc(ty_tz_cache, (size_t)ty_tz_cap_cache * sizeof *ty_tz_cache);
        }
        ty_tz_cache[ty_tz_n_cache++] = tz;
    }
    pthread_mutex_unlock(&ty_tz_lock);
    return tz;
}

int32_t ty_tz_offset_at(const ty_tz *tz, int64_t utc)
{
    if (tz->fixed)
        return tz->fixed_off;
    if (tz->n_trans == 0)
        return tz->posix.valid ? ty_tz_posix_offset(&tz->posix, utc) : tz->initial;
    if (utc < tz->trans[0])
        return tz->initial;
    if (utc >= tz->trans[tz->n_trans - 1] && tz->posix.valid)
        return ty_tz_posix_offset(&tz->posix, utc);
    int lo = 0, hi = tz->n_trans - 1;
    while (lo < hi) {
        int mid = (lo + hi + 1) / 2;
        if (tz->trans[mid] <= utc)
            lo = mid;
        else
            hi = mid - 1;
    }
    return tz->off[lo];
}

int64_t ty_tz_local_to_utc(const ty_tz *tz, int64_t local)
{
    if (tz->fixed)
        return local - tz->fixed_off;
    int32_t early = ty_tz_offset_at(tz, local - TY_SECONDS_PER_DAY);
    int32_t late = ty_tz_offset_at(tz, local + TY_SECONDS_PER_DAY);
    if (early == late) {
        int32_t o = ty_tz_offset_at(tz, local - early);
        return local - o;
    }
    if (ty_tz_offset_at(tz, local - early) == early)
        return local - early; /* valid, or the earlier offset of an overlap */
    if (ty_tz_offset_at(tz, local - late) == late)
        return local - late;
    return local - early; /* gap: moves forward by the gap */
}
