/*
 * cn_conf: Spark conf registry and per-session values (see cn_conf.h for the semantics).
 */
#include "connect/cn_conf.h"

#include "common/em_mem.h"
#include "types/ty_time.h"

#include <ctype.h>
#include <errno.h>
#include <pthread.h>
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
        /* Whatever Spark's DateTimeUtils.getZoneId accepts: region ids from the tz database,
           short ids (PST), offsets (+8, +08:00, Z) and prefixed offsets (GMT+1, UTC-05:30). */
        if (ty_tz_get(value))
            return EM_OK;
        return em_error_set(err, "INVALID_CONF_VALUE.TIME_ZONE", "confName", d->key, "confValue",
                            value, NULL);
    }
    default:
        return EM_OK;
    }
}

static int cn_conf_removed_check(const char *key, const char *value, em_error *err);

int cn_conf_set(cn_conf *c, const char *key, const char *value, const char **warning, em_error *err)
{
    if (warning)
        *warning = cn_conf_warning(key);
    if (cn_conf_modifiable_check(key, err))
        return err ? err->code : EM_EUSER;
    if (!value)
        return em_error_set(err, "INVALID_CONF_VALUE.REQUIREMENT", "confName", key, "confValue",
                            "null", "confRequirement", "The value cannot be null.", NULL);
    if (cn_conf_removed_check(key, value, err))
        return err ? err->code : EM_EUSER;
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

/*
 * The warnings Spark Connect's SparkConnectConfigHandler.getWarning attaches to every Config
 * operation on a key: its `unsupportedConfigurations` first ("The SQL config '<key>' is NOT
 * supported in Spark Connect"), else SQLConf.deprecatedSQLConfigs' DeprecatedConfig
 * .toDeprecationString: "The SQL config '<key>' has been deprecated in Spark v<version> and may
 * be removed in the future. <comment>" (keys, versions and comments as in Spark 4.1's SQLConf).
 */
static const char *const cn_conf_unsupported[] = {
    "spark.sql.execution.arrow.enabled",
    "spark.sql.execution.arrow.pyspark.fallback.enabled",
};

static const struct {
    const char *key, *version, *comment;
} cn_conf_deprecated[] = {
    {"spark.sql.legacy.execution.pandas.groupedMap.assignColumnsByName", "2.4",
     "The config allows to switch to the behaviour before Spark 2.4 and will be removed in the "
     "future releases."},
    {"spark.sql.execution.arrow.enabled", "3.0",
     "Use 'spark.sql.execution.arrow.pyspark.enabled' instead of it."},
    {"spark.sql.execution.arrow.fallback.enabled", "3.0",
     "Use 'spark.sql.execution.arrow.pyspark.fallback.enabled' instead of it."},
    {"spark.sql.adaptive.shuffle.targetPostShuffleInputSize", "3.0",
     "Use 'spark.sql.adaptive.advisoryPartitionSizeInBytes' instead of it."},
    {"spark.sql.optimizer.metadataOnly", "3.0",
     "Avoid to depend on this optimization to prevent a potential correctness issue. If you "
     "must use, use 'SparkSessionExtensions' instead to inject it as a custom rule."},
    {"spark.sql.hive.convertCTAS", "3.1",
     "Set 'spark.sql.legacy.createHiveTableByDefault' to false instead."},
    {"spark.sql.sources.schemaStringLengthThreshold", "3.2",
     "Use 'spark.sql.hive.tablePropertyLengthThreshold' instead."},
    {"spark.sql.legacy.replaceDatabricksSparkAvro.enabled", "3.2",
     "Use `.format(\"avro\")` in `DataFrameWriter` or `DataFrameReader` instead."},
    {"spark.sql.adaptive.coalescePartitions.minPartitionNum", "3.2",
     "Use 'spark.sql.adaptive.coalescePartitions.minPartitionSize' instead."},
    {"spark.sql.legacy.parquet.datetimeRebaseModeInRead", "3.2",
     "Use 'spark.sql.parquet.datetimeRebaseModeInRead' instead."},
    {"spark.sql.parser.escapedStringLiterals", "4.0",
     "Use raw string literals with the `r` prefix instead. "},
    {"spark.connect.copyFromLocalToFs.allowDestLocal", "4.0",
     "Use 'spark.sql.artifact.copyFromLocalToFs.allowDestLocal' instead."},
    {"spark.sql.legacy.allowZeroIndexInFormatString", "4.0",
     "Increase indexes by 1 in `strfmt` of the `format_string` function. Refer to the first "
     "argument by \"1$\"."},
    {"spark.sql.shuffleDependency.fileCleanup.enabled", "4.1",
     "Use 'spark.sql.connect.shuffleDependency.fileCleanup.enabled' instead."},
};

#define CN_CONF_N_DEPRECATED (sizeof cn_conf_deprecated / sizeof cn_conf_deprecated[0])

/* The formatted warnings, built once (the texts are static for the process). */
static char cn_conf_deprecated_text[CN_CONF_N_DEPRECATED][512];
static char cn_conf_unsupported_text[2][128];
static pthread_once_t cn_conf_warning_once = PTHREAD_ONCE_INIT;

static void cn_conf_warning_init(void)
{
    for (size_t i = 0; i < 2; i++) {
        snprintf(cn_conf_unsupported_text[i], sizeof cn_conf_unsupported_text[i],
                 "The SQL config '%s' is NOT supported in Spark Connect", cn_conf_unsupported[i]);
    }
    for (size_t i = 0; i < CN_CONF_N_DEPRECATED; i++) {
        snprintf(cn_conf_deprecated_text[i], sizeof cn_conf_deprecated_text[i],
                 "The SQL config '%s' has been deprecated in Spark v%s and may be removed in the "
                 "future. %s",
                 cn_conf_deprecated[i].key, cn_conf_deprecated[i].version,
                 cn_conf_deprecated[i].comment);
    }
}

const char *cn_conf_warning(const char *key)
{
    if (!key)
        return NULL;
    pthread_once(&cn_conf_warning_once, cn_conf_warning_init);
    for (size_t i = 0; i < 2; i++)
        if (strcmp(key, cn_conf_unsupported[i]) == 0)
            return cn_conf_unsupported_text[i];
    for (size_t i = 0; i < CN_CONF_N_DEPRECATED; i++)
        if (strcmp(key, cn_conf_deprecated[i].key) == 0)
            return cn_conf_deprecated_text[i];
    return NULL;
}

/*
 * SQLConf.removedSQLConfigs: setting one of these to anything but its former default fails
 * (SQLConf.requireDefaultValueOfRemovedConf -> QueryCompilationErrors
 * .configRemovedInVersionError, _LEGACY_ERROR_TEMP_1226); the default value is accepted.
 */
static const struct {
    const char *key, *version, *dflt, *comment;
} cn_conf_removed[] = {
    {"spark.sql.fromJsonForceNullableSchema", "3.0.0", "true",
     "It was removed to prevent errors like SPARK-23173 for non-default value."},
    {"spark.sql.legacy.allowCreatingManagedTableUsingNonemptyLocation", "3.0.0", "false",
     "It was removed to prevent loss of user data for non-default value."},
    {"spark.sql.legacy.compareDateTimestampInTimestamp", "3.0.0", "true",
     "It was removed to prevent errors like SPARK-23549 for non-default value."},
    {"spark.sql.parquet.int64AsTimestampMillis", "3.0.0", "false",
     "The config was deprecated since Spark 2.3. Use 'spark.sql.parquet.outputTimestampType' "
     "instead of it."},
    {"spark.sql.execution.pandas.respectSessionTimeZone", "3.0.0", "true",
     "The non-default behavior is considered as a bug, see SPARK-22395. The config was "
     "deprecated since Spark 2.3."},
    {"spark.sql.optimizer.planChangeLog.level", "3.1.0", "trace",
     "Please use `spark.sql.planChangeLog.level` instead."},
    {"spark.sql.optimizer.planChangeLog.rules", "3.1.0", "",
     "Please use `spark.sql.planChangeLog.rules` instead."},
    {"spark.sql.optimizer.planChangeLog.batches", "3.1.0", "",
     "Please use `spark.sql.planChangeLog.batches` instead."},
    {"spark.sql.ansi.strictIndexOperator", "3.4.0", "true",
     "This was an internal configuration. It is not needed anymore since Spark SQL always "
     "returns null when getting a map value with a non-existing key. See SPARK-40066 for more "
     "details."},
    {"spark.sql.hive.verifyPartitionPath", "4.0.0", "false",
     "This config was replaced by 'spark.sql.files.ignoreMissingFiles'."},
    {"spark.sql.optimizer.runtimeFilter.semiJoinReduction.enabled", "4.0.0", "false",
     "This optimizer config is useless as runtime filter cannot be an IN subquery now."},
    {"spark.sql.legacy.parquet.int96RebaseModeInWrite", "4.0.0", "CORRECTED",
     "Use 'spark.sql.parquet.int96RebaseModeInWrite' instead."},
    {"spark.sql.legacy.parquet.int96RebaseModeInRead", "4.0.0", "CORRECTED",
     "Use 'spark.sql.parquet.int96RebaseModeInRead' instead."},
    {"spark.sql.legacy.parquet.datetimeRebaseModeInWrite", "4.0.0", "CORRECTED",
     "Use 'spark.sql.parquet.datetimeRebaseModeInWrite' instead."},
    {"spark.sql.legacy.avro.datetimeRebaseModeInWrite", "4.0.0", "CORRECTED",
     "Use 'spark.sql.avro.datetimeRebaseModeInWrite' instead."},
    {"spark.sql.legacy.avro.datetimeRebaseModeInRead", "4.0.0", "CORRECTED",
     "Use 'spark.sql.avro.datetimeRebaseModeInRead' instead."},
};

static int cn_conf_removed_check(const char *key, const char *value, em_error *err)
{
    for (size_t i = 0; i < sizeof cn_conf_removed / sizeof cn_conf_removed[0]; i++)
        if (strcmp(key, cn_conf_removed[i].key) == 0 && strcmp(value, cn_conf_removed[i].dflt) != 0)
            return em_error_set(err, "_LEGACY_ERROR_TEMP_1226", "configName", key, "version",
                                cn_conf_removed[i].version, "comment", cn_conf_removed[i].comment,
                                NULL);
    return EM_OK;
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
