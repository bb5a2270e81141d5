/*
 * ty_time_zname: time zone display names as java.time prints pattern letter 'z' ("PST",
 * "CEST") and 'zzzz' ("Pacific Standard Time"): the zone's current standard / daylight
 * designations from its TZif file (the POSIX footer names the rules in force today; Java's
 * CLDR names do not follow historical designations such as LMT), chosen by whether daylight
 * saving is in effect at the instant; fixed offsets print as offsets; the long names come
 * from a table of CLDR metazone names for the common designations.
 */
#include "types/ty_time_fmt_int.h"

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "common/em_mem.h"

/* ------------------------------------------------------------------------------------------ */
/* Zone names                                                                                   */

static const char *const ty_dtf_short_ids[][2] = {
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
};

/* Designation cache: region id -> TZif designations, daylight flags, and the footer's current
   standard / daylight names. */
typedef struct ty_zn_zone {
    char *region;
    int n_trans;
    int64_t *trans;
    unsigned char *idx;
    int n_types;
    int32_t *type_off;
    unsigned char *type_isdst;
    unsigned char *type_abbr;
    char *chars;
    char std_name[16], dst_name[16]; /* from the POSIX footer ("" when absent or numeric) */
} ty_zn_zone;

static pthread_mutex_t ty_zn_lock = PTHREAD_MUTEX_INITIALIZER;
static ty_zn_zone **ty_zn_zones;
static int ty_zn_n, ty_zn_cap;

static uint32_t ty_zn_be32(const unsigned char *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

/* A POSIX TZ name at p ("PST" or "<+08>"): copied into out when alphabetic; returns the end. */
static const char *ty_zn_posix_name(const char *p, char *out, size_t cap)
{
    out[0] = '\0';
    if (*p == '<') {
        const char *e = strchr(p, '>');
        return e ? e + 1 : NULL;
    }
    const char *s = p;
    while (isalpha((unsigned char)*p))
        p++;
    if (p - s < 3)
        return NULL;
    snprintf(out, cap, "%.*s", (int)(p - s), s);
    return p;
}

static void ty_zn_footer(ty_zn_zone *z, const char *tzs)
{
    const char *p = ty_zn_posix_name(tzs, z->std_name, sizeof z->std_name);
    if (!p)
        return;
    while (*p && (isdigit((unsigned char)*p) || strchr("+-:", *p)))
        p++;
    if (*p && *p != ',')
        ty_zn_posix_name(p, z->dst_name, sizeof z->dst_name);
}

static ty_zn_zone *ty_zn_load(const char *region)
{
    if (!isalpha((unsigned char)region[0]) || strstr(region, ".."))
        return NULL;
    for (const char *c = region; *c; c++)
        if (!(isalnum((unsigned char)*c) || strchr("~/._+-", *c)))
            return NULL;
    char path[512];
    snprintf(path, sizeof path, "/usr/share/zoneinfo/%s", region);
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    size_t cap = 1 << 17, len = 0;
    unsigned char *buf = em_malloc(cap);
    for (;;) {
        size_t n = fread(buf + len, 1, cap - len, fp);
        len += n;
        if (n == 0 || len == cap)
            break;
    }
    fclose(fp);
    ty_zn_zone *z = NULL;
    const unsigned char *p = buf;
    size_t left = len;
    int tsize = 4;
    for (int pass = 0; pass < 2 && len >= 44 && memcmp(buf, "TZif", 4) == 0; pass++) {
        if (left < 44)
            break;
        uint32_t isut = ty_zn_be32(p + 20), isstd = ty_zn_be32(p + 24), leap = ty_zn_be32(p + 28),
                 timecnt = ty_zn_be32(p + 32), typecnt = ty_zn_be32(p + 36),
                 charcnt = ty_zn_be32(p + 40);
        if (timecnt > 100000 || typecnt == 0 || typecnt > 256 || charcnt > 10000 || leap > 100000)
            break;
        size_t body = (size_t)timecnt * tsize + timecnt + (size_t)typecnt * 6 + charcnt +
                      (size_t)leap * (tsize + 4) + isstd + isut;
        if (left < 44 + body)
            break;
        if (pass == 0 && buf[4] >= '2') {
            p += 44 + body;
            left -= 44 + body;
            tsize = 8;
            continue;
        }
        z = em_calloc(1, sizeof *z);
        z->n_trans = (int)timecnt;
        z->trans = em_calloc(timecnt ? timecnt : 1, sizeof *z->trans);
        z->idx = em_calloc(timecnt ? timecnt : 1, 1);
        const unsigned char *tt = p + 44, *ix = tt + (size_t)timecnt * tsize;
        const unsigned char *ty = ix + timecnt, *ch = ty + (size_t)typecnt * 6;
        for (uint32_t i = 0; i < timecnt; i++) {
            z->trans[i] = tsize == 8 ? (int64_t)(((uint64_t)ty_zn_be32(tt + i * 8) << 32) |
                                                 ty_zn_be32(tt + i * 8 + 4))
                                     : (int64_t)(int32_t)ty_zn_be32(tt + i * 4);
            z->idx[i] = ix[i] < typecnt ? ix[i] : 0;
        }
        z->n_types = (int)typecnt;
        z->type_off = em_calloc(typecnt, sizeof *z->type_off);
        z->type_isdst = em_calloc(typecnt, 1);
        z->type_abbr = em_calloc(typecnt, 1);
        for (uint32_t i = 0; i < typecnt; i++) {
            z->type_off[i] = (int32_t)ty_zn_be32(ty + i * 6);
            z->type_isdst[i] = ty[i * 6 + 4];
            z->type_abbr[i] = ty[i * 6 + 5] < charcnt ? ty[i * 6 + 5] : 0;
        }
        z->chars = em_calloc(charcnt + 1, 1);
        memcpy(z->chars, ch, charcnt);
        z->region = em_strdup(region);
        if (tsize == 8) {
            const char *footer = (const char *)(p + 44 + body);
            size_t flen = left - 44 - body;
            if (flen > 2 && footer[0] == '\n') {
                const char *end = memchr(footer + 1, '\n', flen - 1);
                if (end && (size_t)(end - footer) < 128) {
                    char tzs[128];
                    snprintf(tzs, sizeof tzs, "%.*s", (int)(end - footer - 1), footer + 1);
                    ty_zn_footer(z, tzs);
                }
            }
        }
        break;
    }
    em_free(buf);
    return z;
}

static const ty_zn_zone *ty_zn_get(const char *region)
{
    pthread_mutex_lock(&ty_zn_lock);
    for (int i = 0; i < ty_zn_n; i++)
        if (strcmp(ty_zn_zones[i]->region, region) == 0) {
            ty_zn_zone *hit = ty_zn_zones[i];
            pthread_mutex_unlock(&ty_zn_lock);
            return hit;
        }
    ty_zn_zone *z = ty_zn_load(region);
    if (z) {
        if (ty_zn_n == ty_zn_cap) {
            ty_zn_cap = ty_zn_cap ? ty_zn_cap * 2 : 8;
            ty_zn_zones = em_realloc(ty_zn_zones, (size_t)ty_zn_cap * sizeof *ty_zn_zones);
        }
        ty_zn_zones[ty_zn_n++] = z;
    }
    pthread_mutex_unlock(&ty_zn_lock);
    return z;
}

/* CLDR's English metazone long names for common designations (region prefix disambiguates). */
static const struct {
    const char *abbr, *region_prefix, *name;
} ty_zn_long[] = {
    {"PST", NULL, "Pacific Standard Time"},
    {"PDT", NULL, "Pacific Daylight Time"},
    {"MST", NULL, "Mountain Standard Time"},
    {"MDT", NULL, "Mountain Daylight Time"},
    {"CST", "America/", "Central Standard Time"},
    {"CDT", "America/", "Central Daylight Time"},
    {"CST", "Asia/Taipei", "Taipei Standard Time"},
    {"CST", "Asia/", "China Standard Time"},
    {"EST", NULL, "Eastern Standard Time"},
    {"EDT", NULL, "Eastern Daylight Time"},
    {"AKST", NULL, "Alaska Standard Time"},
    {"AKDT", NULL, "Alaska Daylight Time"},
    {"HST", NULL, "Hawaii-Aleutian Standard Time"},
    {"AST", NULL, "Atlantic Standard Time"},
    {"ADT", NULL, "Atlantic Daylight Time"},
    {"NST", NULL, "Newfoundland Standard Time"},
    {"NDT", NULL, "Newfoundland Daylight Time"},
    {"GMT", NULL, "Greenwich Mean Time"},
    {"BST", "Europe/", "British Summer Time"},
    {"IST", "Europe/", "Irish Standard Time"},
    {"IST", "Asia/", "India Standard Time"},
    {"CET", NULL, "Central European Standard Time"},
    {"CEST", NULL, "Central European Summer Time"},
    {"EET", NULL, "Eastern European Standard Time"},
    {"EEST", NULL, "Eastern European Summer Time"},
    {"WET", NULL, "Western European Standard Time"},
    {"WEST", NULL, "Western European Summer Time"},
    {"MSK", NULL, "Moscow Standard Time"},
    {"JST", NULL, "Japan Standard Time"},
    {"KST", NULL, "Korean Standard Time"},
    {"HKT", NULL, "Hong Kong Standard Time"},
    {"PKT", NULL, "Pakistan Standard Time"},
    {"AEST", NULL, "Australian Eastern Standard Time"},
    {"AEDT", NULL, "Australian Eastern Daylight Time"},
    {"ACST", NULL, "Australian Central Standard Time"},
    {"ACDT", NULL, "Australian Central Daylight Time"},
    {"AWST", NULL, "Australian Western Standard Time"},
    {"NZST", NULL, "New Zealand Standard Time"},
    {"NZDT", NULL, "New Zealand Daylight Time"},
    {"SAST", NULL, "South Africa Standard Time"},
    {"WAT", NULL, "West Africa Standard Time"},
    {"CAT", NULL, "Central Africa Time"},
    {"EAT", NULL, "East Africa Time"},
    {"UTC", NULL, "Coordinated Universal Time"},
};

static void ty_zn_put(const char *region, const char *abbr, bool full, char *buf, size_t cap)
{
    if (full)
        for (size_t i = 0; i < sizeof ty_zn_long / sizeof ty_zn_long[0]; i++)
            if (strcmp(ty_zn_long[i].abbr, abbr) == 0 &&
                (!ty_zn_long[i].region_prefix ||
                 strncmp(region, ty_zn_long[i].region_prefix,
                         strlen(ty_zn_long[i].region_prefix)) == 0)) {
                snprintf(buf, cap, "%s", ty_zn_long[i].name);
                return;
            }
    snprintf(buf, cap, "%s", abbr);
}

/* The GMT-relative text java.time falls back to ("GMT-03:00", "GMT"). */
static void ty_zn_gmt(int32_t off, char *buf, size_t cap)
{
    char o[16];
    ty_dtf_offset_text(off, true, true, o, sizeof o);
    snprintf(buf, cap, "GMT%s", off == 0 ? "" : o);
}

void ty_tz_display_name(const ty_tz *tz, int64_t utc, bool full, char *buf, size_t cap)
{
    const char *id = tz ? ty_tz_name(tz) : "UTC";
    int32_t off = tz ? ty_tz_offset_at(tz, utc) : 0;
    const char *region = id;
    for (size_t i = 0; i < sizeof ty_dtf_short_ids / sizeof ty_dtf_short_ids[0]; i++)
        if (strcmp(id, ty_dtf_short_ids[i][0]) == 0)
            region = ty_dtf_short_ids[i][1];
    if (strcmp(id, "EST") == 0 || strcmp(id, "MST") == 0 || strcmp(id, "HST") == 0 ||
        id[0] == '+' || id[0] == '-' || strcmp(id, "Z") == 0) {
        /* a ZoneOffset prints its id */
        if (off == 0)
            snprintf(buf, cap, "Z");
        else
            ty_dtf_offset_text(off, true, true, buf, cap);
        return;
    }
    if (strcmp(id, "UTC") == 0 || strcmp(id, "Etc/UTC") == 0 || strcmp(id, "Etc/UCT") == 0 ||
        strcmp(id, "UCT") == 0 || strcmp(id, "Universal") == 0 || strcmp(id, "Zulu") == 0 ||
        strcmp(id, "Etc/Universal") == 0 || strcmp(id, "Etc/Zulu") == 0) {
        ty_zn_put(region, "UTC", full, buf, cap);
        return;
    }
    if (strcmp(id, "GMT") == 0 || strcmp(id, "Etc/GMT") == 0 || strcmp(id, "Greenwich") == 0) {
        ty_zn_put(region, "GMT", full, buf, cap);
        return;
    }
    if (strncmp(id, "UTC", 3) == 0 || strncmp(id, "GMT", 3) == 0 || strncmp(id, "UT", 2) == 0) {
        /* ZoneId.of("UTC+8") and friends: the prefix and the normalized offset */
        char o[16];
        ty_dtf_offset_text(off, true, true, o, sizeof o);
        snprintf(buf, cap, "%.*s%s", strncmp(id, "UT", 2) == 0 && id[2] != 'C' ? 2 : 3, id,
                 off == 0 ? "" : o);
        return;
    }
    const ty_zn_zone *z = ty_zn_get(region);
    if (!z || z->n_types == 0) {
        ty_zn_gmt(off, buf, cap);
        return;
    }
    /* is daylight saving in effect? the TZif type while inside its table, else the footer */
    bool in_table = z->n_trans > 0 && utc < z->trans[z->n_trans - 1];
    bool dst = false;
    const char *hist = NULL;
    if (z->n_trans > 0 && utc >= z->trans[0]) {
        int lo = 0, hi = z->n_trans - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) / 2;
            if (z->trans[mid] <= utc)
                lo = mid;
            else
                hi = mid - 1;
        }
        int type = z->idx[lo];
        if (in_table || z->type_off[type] == off) {
            dst = z->type_isdst[type] != 0;
            hist = z->chars + z->type_abbr[type];
        } else {
            dst = z->dst_name[0] && z->type_off[type] != off;
            for (int t = 0; t < z->n_types; t++)
                if (z->type_off[t] == off)
                    dst = z->type_isdst[t] != 0;
        }
    }
    const char *cur = dst ? z->dst_name : z->std_name;
    if (!cur[0])
        cur = hist;
    if (!cur || !cur[0] || cur[0] == '+' || cur[0] == '-') {
        ty_zn_gmt(off, buf, cap);
        return;
    }
    ty_zn_put(region, cur, full, buf, cap);
}
