/*
 * cn_conf: Spark conf registry and per-session values (see cn_conf.h for the semantics).
 */
#include "connect/cn_conf.h"

#include "common/em_mem.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef enum { CN_SQL, CN_STATIC, CN_CORE } cn_conf_kind;
typedef enum { CN_BOOL, CN_LONG, CN_STRING, CN_ENUM, CN_BYTES, CN_TIME, CN_TZ } cn_conf_type;

typedef struct cn_conf_def {
    const char *key;
    const char *dflt;
    cn_conf_kind kind;
    cn_conf_type type;
    const char *options;
} cn_conf_def;

#define SQL    CN_SQL
#define STATIC CN_STATIC
#define CORE   CN_CORE
#define BOOL   CN_BOOL
#define LONG   CN_LONG
#define STRING CN_STRING
#define ENUM   CN_ENUM
#define BYTES  CN_BYTES
#define TIME   CN_TIME
#define TZ     CN_TZ
static const cn_conf_def cn_conf_defs[] = {
#define CN_CONF(k, d, kind, type, opts) {k, d, kind, type, opts},
#include "connect/cn_conf_registry.def"
#undef CN_CONF
};
#undef SQL
#undef STATIC
#undef CORE
#undef BOOL
#undef LONG
#undef STRING
#undef ENUM
#undef BYTES
#undef TIME
#undef TZ

#define CN_N_DEFS ((int)(sizeof cn_conf_defs / sizeof cn_conf_defs[0]))

/* Server-wide defaults overriding the table (time zone, warehouse, threads). */
static char *cn_conf_server_defaults[sizeof cn_conf_defs / sizeof cn_conf_defs[0]];

static int cn_conf_find_def(const char *key)
{
    for (int i = 0; i < CN_N_DEFS; i++)
        if (strcmp(cn_conf_defs[i].key, key) == 0)
            return i;
    return -1;
}

static const char *cn_conf_default_of(int idx)
{
    return cn_conf_server_defaults[idx] ? cn_conf_server_defaults[idx] : cn_conf_defs[idx].dflt;
}

void cn_conf_set_server_default(const char *key, const char *value)
{
    int idx = cn_conf_find_def(key);
    if (idx < 0)
        return;
    em_free(cn_conf_server_defaults[idx]);
    cn_conf_server_defaults[idx] = em_strdup(value);
}

void cn_conf_init(cn_conf *c)
{
    pthread_mutex_init(&c->mu, NULL);
    c->n = 0;
    c->cap = 0;
    c->entries = NULL;
}

void cn_conf_entries_free(cn_conf_entry *e, int n)
{
    for (int i = 0; i < n; i++) {
        em_free(e[i].key);
        em_free(e[i].value);
    }
    em_free(e);
}

void cn_conf_release(cn_conf *c)
{
    cn_conf_entries_free(c->entries, c->n);
    c->entries = NULL;
    c->n = c->cap = 0;
    pthread_mutex_destroy(&c->mu);
}

/* Caller holds the mutex. */
static int cn_conf_find(cn_conf *c, const char *key)
{
    for (int i = 0; i < c->n; i++)
        if (strcmp(c->entries[i].key, key) == 0)
            return i;
    return -1;
}

static void cn_conf_store(cn_conf *c, const char *key, const char *value)
{
    pthread_mutex_lock(&c->mu);
    int i = cn_conf_find(c, key);
    if (i >= 0) {
        em_free(c->entries[i].value);
        c->entries[i].value = em_strdup(value);
    } else {
        if (c->n == c->cap) {
            c->cap = c->cap ? c->cap * 2 : 16;
            c->entries = em_realloc(c->entries, (size_t)c->cap * sizeof *c->entries);
        }
        c->entries[c->n].key = em_strdup(key);
        c->entries[c->n].value = em_strdup(value);
        c->n++;
    }
    pthread_mutex_unlock(&c->mu);
}

void cn_conf_set_internal(cn_conf *c, const char *key, const char *value)
{
    cn_conf_store(c, key, value);
}

void cn_conf_copy(cn_conf *dst, cn_conf *src)
{
    cn_conf_entry *e;
    int n = cn_conf_snapshot(src, &e);
    for (int i = 0; i < n; i++)
        cn_conf_store(dst, e[i].key, e[i].value);
    cn_conf_entries_free(e, n);
}

int cn_conf_snapshot(cn_conf *c, cn_conf_entry **out)
{
    pthread_mutex_lock(&c->mu);
    int n = c->n;
    cn_conf_entry *e = em_calloc((size_t)(n ? n : 1), sizeof *e);
    for (int i = 0; i < n; i++) {
        e[i].key = em_strdup(c->entries[i].key);
        e[i].value = em_strdup(c->entries[i].value);
    }
    pthread_mutex_unlock(&c->mu);
    *out = e;
    return n;
}

static char *cn_conf_lookup_set(cn_conf *c, const char *key)
{
    pthread_mutex_lock(&c->mu);
    int i = cn_conf_find(c, key);
    char *v = i >= 0 ? em_strdup(c->entries[i].value) : NULL;
    pthread_mutex_unlock(&c->mu);
    return v;
}

static int cn_conf_modifiable_check(const char *key, em_error *err)
{
    if (strcmp(key, "spark.default.parallelism") == 0)
        return EM_OK;
    int idx = cn_conf_find_def(key);
    if (idx < 0)
        return EM_OK;
    char quoted[600];
    snprintf(quoted, sizeof quoted, "\"%s\"", key);
    if (cn_conf_defs[idx].kind == CN_STATIC)
        return em_error_set(err, "CANNOT_MODIFY_STATIC_CONFIG", "key", quoted, NULL);
    if (cn_conf_defs[idx].kind == CN_CORE)
        return em_error_set(err, "CANNOT_MODIFY_CONFIG", "key", quoted, "docroot",
                            "https://spark.apache.org/docs/latest", NULL);
    return EM_OK;
}

static int cn_conf_type_error(const char *key, const char *value, const char *type, em_error *err)
{
    return em_error_set(err, "INVALID_CONF_VALUE.TYPE_MISMATCH", "confName", key, "confValue",
                        value, "confType", type, NULL);
}

/* Validates value for a registered key and writes the normalised form into norm. */
static int cn_conf_normalise(int idx, const char *value, char *norm, size_t size, em_error *err)
{
    const cn_conf_def *d = &cn_conf_defs[idx];
    snprintf(norm, size, "%s", value);
    switch (d->type) {
    case CN_BOOL: {
        char t[16];
        size_t n = 0;
        const char *p = value;
        while (isspace((unsigned char)*p))
            p++;
        for (; *p && n + 1 < sizeof t; p++)
            t[n++] = (char)tolower((unsigned char)*p);
        while (n && isspace((unsigned char)t[n - 1]))
            n--;
        t[n] = '\0';
        if (strcmp(t, "true") != 0 && strcmp(t, "false") != 0)
            return cn_conf_type_error(d->key, value, "bool", err);
        snprintf(norm, size, "%s", t);
        return EM_OK;
    }
    case CN_LONG: {
        char *end;
        errno = 0;
        long long v = strtoll(value, &end, 10);
        while (end && isspace((unsigned char)*end))
            end++;
        if (errno || end == value || *end)
            return cn_conf_type_error(d->key, value, "long", err);
        snprintf(norm, size, "%lld", v);
        return EM_OK;
    }
    case CN_ENUM: {
        char up[128];
        size_t n = 0;
        for (const char *p = value; *p && n + 1 < sizeof up; p++)
            up[n++] = (char)toupper((unsigned char)*p);
        up[n] = '\0';
        const char *o = d->options;
        while (o && *o) {
            const char *bar = strchr(o, '|');
            size_t len = bar ? (size_t)(bar - o) : strlen(o);
            if (len == n && strncmp(o, up, n) == 0) {
                /* Spark stores what the user wrote for string enums it checks upper-cased */
                snprintf(norm, size, "%s", up);
                return EM_OK;
            }
            o = bar ? bar + 1 : NULL;
        }
        char opts[256];
        size_t k = 0;
        for (const char *p = d->options; *p && k + 3 < sizeof opts; p++) {
            if (*p == '|') {
                opts[k++] = ',';
                opts[k++] = ' ';
            } else {
                opts[k++] = *p;
            }
        }
        opts[k] = '\0';
        return em_error_set(err, "INVALID_CONF_VALUE.OUT_OF_RANGE_OF_OPTIONS", "confName", d->key,
                            "confValue", value, "confOptions", opts, NULL);
    }
    case CN_TZ: {
        /* Region ids from the tz database, or offsets like +08:00 / UTC / Z. */
        if (strcmp(value, "UTC") == 0 || strcmp(value, "Z") == 0 || strcmp(value, "GMT") == 0)
            return EM_OK;
        if ((value[0] == '+' || value[0] == '-') && strlen(value) <= 9)
            return EM_OK;
        if (strstr(value, "..") == NULL && value[0] != '/') {
            char path[512];
            snprintf(path, sizeof path, "/usr/share/zoneinfo/%s", value);
            if (access(path, R_OK) == 0)
                return EM_OK;
        }
        return em_error_set(err, "INVALID_CONF_VALUE.TIME_ZONE", "confName", d->key, "confValue",
                            value, NULL);
    }
    default:
        return EM_OK;
    }
}

int cn_conf_set(cn_conf *c, const char *key, const char *value, const char **warning, em_error *err)
{
    if (warning)
        *warning = cn_conf_warning(key);
    if (cn_conf_modifiable_check(key, err))
        return err ? err->code : EM_EUSER;
    if (!value)
        return em_error_set(err, "INVALID_CONF_VALUE.REQUIREMENT", "confName", key, "confValue",
                            "null", "confRequirement", "The value cannot be null.", NULL);
    int idx = cn_conf_find_def(key);
    char norm[1024];
    if (idx >= 0) {
        if (cn_conf_normalise(idx, value, norm, sizeof norm, err))
            return err ? err->code : EM_EUSER;
        cn_conf_store(c, key, strlen(value) < sizeof norm ? norm : value);
    } else {
        cn_conf_store(c, key, value);
    }
    return EM_OK;
}

int cn_conf_unset(cn_conf *c, const char *key, em_error *err)
{
    if (cn_conf_modifiable_check(key, err))
        return err ? err->code : EM_EUSER;
    pthread_mutex_lock(&c->mu);
    int i = cn_conf_find(c, key);
    if (i >= 0) {
        em_free(c->entries[i].key);
        em_free(c->entries[i].value);
        memmove(&c->entries[i], &c->entries[i + 1], (size_t)(c->n - i - 1) * sizeof *c->entries);
        c->n--;
    }
    pthread_mutex_unlock(&c->mu);
    return EM_OK;
}

int cn_conf_get(cn_conf *c, const char *key, char **out, em_error *err)
{
    *out = cn_conf_lookup_set(c, key);
    if (*out)
        return EM_OK;
    int idx = cn_conf_find_def(key);
    if (idx >= 0) {
        const char *d = cn_conf_default_of(idx);
        *out = d ? em_strdup(d) : NULL;
        return EM_OK;
    }
    char quoted[600];
    snprintf(quoted, sizeof quoted, "\"%s\"", key);
    return em_error_set(err, "SQL_CONF_NOT_FOUND", "sqlConf", quoted, NULL);
}

char *cn_conf_get_with_default(cn_conf *c, const char *key, const char *dflt)
{
    char *v = cn_conf_lookup_set(c, key);
    if (v)
        return v;
    return dflt ? em_strdup(dflt) : NULL;
}

char *cn_conf_get_option(cn_conf *c, const char *key)
{
    char *v = cn_conf_lookup_set(c, key);
    if (v)
        return v;
    int idx = cn_conf_find_def(key);
    if (idx >= 0 && cn_conf_default_of(idx))
        return em_strdup(cn_conf_default_of(idx));
    return NULL;
}

bool cn_conf_is_modifiable(const char *key)
{
    int idx = cn_conf_find_def(key);
    return idx >= 0 && cn_conf_defs[idx].kind == CN_SQL;
}

const char *cn_conf_warning(const char *key)
{
    if (strcmp(key, "spark.sql.execution.arrow.enabled") == 0)
        return "The SQL config 'spark.sql.execution.arrow.enabled' is NOT supported in Spark "
               "Connect";
    if (strcmp(key, "spark.sql.execution.arrow.pyspark.fallback.enabled") == 0)
        return "The SQL config 'spark.sql.execution.arrow.pyspark.fallback.enabled' is NOT "
               "supported in Spark Connect";
    return NULL;
}

bool cn_conf_bool(cn_conf *c, const char *key, bool dflt)
{
    char *v = cn_conf_get_option(c, key);
    bool r = dflt;
    if (v && strcasecmp(v, "true") == 0)
        r = true;
    else if (v && strcasecmp(v, "false") == 0)
        r = false;
    em_free(v);
    return r;
}

int64_t cn_conf_long(cn_conf *c, const char *key, int64_t dflt)
{
    char *v = cn_conf_get_option(c, key);
    int64_t r = dflt;
    if (v) {
        char *end;
        long long x = strtoll(v, &end, 10);
        if (end != v)
            r = x;
    }
    em_free(v);
    return r;
}
