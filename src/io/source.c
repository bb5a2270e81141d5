/*
 * source: resolving a read (DataSource.resolveRelation for file formats): the format looked up
 * by name, options and session settings captured, files listed, partitions discovered, the data
 * schema given or inferred and merged with the partition columns, and the scan order fixed.
 *
 * Format names follow Spark's lookupDataSource: short names in any case, the fully qualified
 * class names of the built-in formats and the backward-compatible aliases
 * ("com.databricks.spark.csv", "org.apache.spark.sql.parquet"...). Formats Spark ships but Ember
 * does not read yet raise UNSUPPORTED_FEATURE.NOT_IMPLEMENTED naming the format; avro and kafka
 * raise the errors a Spark distribution without those external modules raises; anything else
 * raises DATA_SOURCE_NOT_FOUND.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/em_log.h"
#include "common/em_mem.h"
#include "io/source_int.h"

void io_source_conf_init(io_source_conf *c)
{
    memset(c, 0, sizeof *c);
    c->default_format = "parquet";
    c->time_zone = "UTC";
    c->corrupt_record = "_corrupt_record";
    c->csv_column_pruning = true;
    c->partition_type_inference = true;
    c->validate_partition_columns = true;
    c->parquet_int96_as_timestamp = true;
    c->parquet_infer_timestamp_ntz = true;
    c->json_partial_results = true;
}

/* ---- formats ------------------------------------------------------------------------------ */

typedef struct io_format_name {
    const char *name;
    const io_format *fmt; /* NULL: known to Spark, not read by Ember */
} io_format_name;

static const io_format_name io_format_names[] = {
    {"parquet", &io_format_parquet},
    {"org.apache.spark.sql.parquet", &io_format_parquet},
    {"org.apache.spark.sql.parquet.DefaultSource", &io_format_parquet},
    {"org.apache.spark.sql.execution.datasources.parquet", &io_format_parquet},
    {"org.apache.spark.sql.execution.datasources.parquet.DefaultSource", &io_format_parquet},
    {"org.apache.spark.sql.execution.datasources.parquet.ParquetFileFormat", &io_format_parquet},
    {"csv", &io_format_csv},
    {"com.databricks.spark.csv", &io_format_csv},
    {"org.apache.spark.sql.execution.datasources.csv.CSVFileFormat", &io_format_csv},
    {"json", &io_format_json},
    {"org.apache.spark.sql.json", &io_format_json},
    {"org.apache.spark.sql.json.DefaultSource", &io_format_json},
    {"org.apache.spark.sql.execution.datasources.json", &io_format_json},
    {"org.apache.spark.sql.execution.datasources.json.DefaultSource", &io_format_json},
    {"org.apache.spark.sql.execution.datasources.json.JsonFileFormat", &io_format_json},
    {"text", &io_format_text},
    {"org.apache.spark.sql.execution.datasources.text.TextFileFormat", &io_format_text},
    /* Built into Spark, not read by Ember yet. */
    {"orc", NULL},
    {"org.apache.spark.sql.hive.orc", NULL},
    {"org.apache.spark.sql.execution.datasources.orc.OrcFileFormat", NULL},
    {"xml", NULL},
    {"jdbc", NULL},
    {"org.apache.spark.sql.jdbc", NULL},
    {"org.apache.spark.sql.execution.datasources.jdbc.JdbcRelationProvider", NULL},
    {"binaryFile", NULL},
    {"image", NULL},
    {"libsvm", NULL},
    {"noop", NULL},
    {"console", NULL},
    {"rate", NULL},
    {"rate-micro-batch", NULL},
    {"socket", NULL},
    {"memory", NULL},
    {"foreach", NULL},
    {"statestore", NULL},
    {"state-metadata", NULL},
};

int io_format_find(const char *name, bool writing, const io_format **out, em_error *err)
{
    *out = NULL;
    for (size_t i = 0; i < sizeof io_format_names / sizeof io_format_names[0]; i++) {
        if (strcasecmp(io_format_names[i].name, name) != 0)
            continue;
        if (io_format_names[i].fmt) {
            *out = io_format_names[i].fmt;
            return EM_OK;
        }
        char feature[256];
        snprintf(feature, sizeof feature, "%s the data source format '%s'",
                 writing ? "writing" : "reading", name);
        return em_error_set(err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature", feature, NULL);
    }
    /* DataSource.lookupDataSource's special cases when no class is found. */
    if (strcasecmp(name, "avro") == 0 || strcmp(name, "com.databricks.spark.avro") == 0 ||
        strcmp(name, "org.apache.spark.sql.avro") == 0)
        return em_error_set(err, "_LEGACY_ERROR_TEMP_1139", "provider", name, NULL);
    if (strcasecmp(name, "kafka") == 0)
        return em_error_set(err, "_LEGACY_ERROR_TEMP_1140", "provider", name, NULL);
    return em_error_set(err, "DATA_SOURCE_NOT_FOUND", "provider", name, NULL);
}

/* ---- options ------------------------------------------------------------------------------ */

const char *io_opt(const io_source *s, const char *key)
{
    const char *v = NULL;
    for (int i = 0; i < s->n_options; i++)
        if (s->options[i].key && strcasecmp(s->options[i].key, key) == 0)
            v = s->options[i].value;
    return v;
}

static int io_bad_bool(const char *key, em_error *err)
{
    return em_error_set(err, "_LEGACY_ERROR_TEMP_2147", "paramName", key, NULL);
}

int io_opt_bool_strict(const io_source *s, const char *key, bool dflt, bool *out, em_error *err)
{
    const char *v = io_opt(s, key);
    *out = dflt;
    if (!v)
        return EM_OK;
    if (strcasecmp(v, "true") == 0)
        *out = true;
    else if (strcasecmp(v, "false") == 0)
        *out = false;
    else
        return io_bad_bool(key, err);
    return EM_OK;
}

int io_opt_bool(const io_source *s, const char *key, bool dflt, bool *out, em_error *err)
{
    return io_opt_bool_strict(s, key, dflt, out, err);
}

int io_opt_mode(const io_source *s)
{
    const char *v = io_opt(s, "mode");
    if (!v)
        return IO_MODE_PERMISSIVE;
    if (strcasecmp(v, "DROPMALFORMED") == 0)
        return IO_MODE_DROPMALFORMED;
    if (strcasecmp(v, "FAILFAST") == 0)
        return IO_MODE_FAILFAST;
    if (strcasecmp(v, "PERMISSIVE") != 0)
        EM_LOG_WARN("%s is not a valid parse mode. Using PERMISSIVE.", v);
    return IO_MODE_PERMISSIVE;
}

/* ---- schema merging ------------------------------------------------------------------------ */

static bool io_name_eq(const io_source *s, const char *a, const char *b)
{
    return s->conf.case_sensitive ? strcmp(a, b) == 0 : strcasecmp(a, b) == 0;
}

/* SchemaUtils.checkColumnNameDuplication: COLUMN_ALREADY_EXISTS naming the smallest duplicate
   (lower-cased when case-insensitive). */
static int io_check_duplicates(const io_source *s, const ty *t, em_error *err)
{
    const char *dup = NULL;
    for (int i = 0; i < t->n_fields; i++)
        for (int j = i + 1; j < t->n_fields; j++)
            if (io_name_eq(s, t->fields[i].name, t->fields[j].name)) {
                const char *n = t->fields[i].name;
                if (!dup || (s->conf.case_sensitive ? strcmp(n, dup) : strcasecmp(n, dup)) < 0)
                    dup = n;
            }
    if (!dup)
        return EM_OK;
    char *lower = em_arena_strdup(s->arena, dup);
    if (!s->conf.case_sensitive)
        for (char *p = lower; *p; p++)
            if (*p >= 'A' && *p <= 'Z')
                *p = (char)(*p - 'A' + 'a');
    char id[600];
    io_sql_id(lower, id, sizeof id);
    return em_error_set(err, "COLUMN_ALREADY_EXISTS", "columnName", id, NULL);
}

/* PartitioningUtils.mergeDataAndPartitionSchema: data columns in order (one that is also a
   partition column takes the partition column's type and name), then the other partition
   columns. Fills s->head.schema and s->col_map. */
static void io_merge_schemas(io_source *s)
{
    const ty *d = s->data_schema, *p = s->part_schema;
    int n = d->n_fields;
    bool *overlap = em_arena_calloc(s->arena, (size_t)p->n_fields + 1, sizeof(bool));
    for (int pi = 0; pi < p->n_fields; pi++)
        for (int di = 0; di < d->n_fields; di++)
            if (io_name_eq(s, d->fields[di].name, p->fields[pi].name)) {
                overlap[pi] = true;
                break;
            }
    for (int pi = 0; pi < p->n_fields; pi++)
        if (!overlap[pi])
            n++;
    ty_field *f = em_arena_calloc(s->arena, (size_t)n + 1, sizeof *f);
    s->col_map = em_arena_calloc(s->arena, (size_t)n + 1, sizeof(int));
    int k = 0;
    for (int di = 0; di < d->n_fields; di++) {
        f[k] = d->fields[di];
        s->col_map[k] = di;
        for (int pi = 0; pi < p->n_fields; pi++)
            if (io_name_eq(s, d->fields[di].name, p->fields[pi].name)) {
                f[k] = p->fields[pi];
                s->col_map[k] = -1 - pi;
                break;
            }
        f[k].nullable = true;
        k++;
    }
    for (int pi = 0; pi < p->n_fields; pi++)
        if (!overlap[pi]) {
            f[k] = p->fields[pi];
            f[k].nullable = true;
            s->col_map[k++] = -1 - pi;
        }
    s->head.schema = ty_struct(s->arena, k, f);
}

static int io_check_types(const io_source *s, em_error *err)
{
    const ty *d = s->data_schema;
    for (int i = 0; i < d->n_fields; i++) {
        if (s->fmt->supports(d->fields[i].type))
            continue;
        char id[600], tn[256];
        io_sql_id(d->fields[i].name, id, sizeof id);
        io_sql_type(d->fields[i].type, tn, sizeof tn);
        return em_error_set(err, "UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE", "columnName", id,
                            "columnType", tn, "format", s->fmt->display, NULL);
    }
    return EM_OK;
}

/* Scan order: the non-empty files that belong to the partitions (all of them when the source is
   unpartitioned), largest first, ties in listing order - Spark sorts its file splits by length,
   descending, before packing them into partitions, and returns rows partition by partition. */
static void io_plan_scan(io_source *s)
{
    bool partitioned = s->part_schema->n_fields > 0;
    s->files = em_arena_calloc(s->arena, (size_t)s->n_all + 1, sizeof(io_file));
    s->n_files = 0;
    for (int i = 0; i < s->n_all; i++) {
        const io_file *f = &s->all[i];
        if (f->size <= 0 || (partitioned && f->part < 0))
            continue;
        s->files[s->n_files++] = *f;
    }
    io_sort_by_size(s->files, s->n_files);
}

/* Drops listed files whose folder is not one of the roots. */
static void io_keep_root_children(io_source *s, int n_roots, const char *const *roots)
{
    int k = 0;
    for (int i = 0; i < s->n_all; i++) {
        const char *slash = strrchr(s->all[i].path, '/');
        size_t dl = slash ? (size_t)(slash - s->all[i].path) : 0;
        bool keep = false;
        for (int r = 0; r < n_roots && !keep; r++) {
            size_t rl = strlen(roots[r]);
            keep = (rl == dl && strncmp(roots[r], s->all[i].path, dl) == 0) ||
                   (dl == 0 && strcmp(roots[r], "/") == 0);
        }
        if (keep)
            s->all[k++] = s->all[i];
    }
    s->n_all = k;
}

/* Stable sort, largest first (a merge sort: listings can be long). */
void io_sort_by_size(io_file *f, int n)
{
    if (n < 2)
        return;
    io_file *tmp = em_malloc(sizeof *tmp * (size_t)n);
    for (int width = 1; width < n; width *= 2) {
        for (int lo = 0; lo < n; lo += 2 * width) {
            int mid = lo + width < n ? lo + width : n;
            int hi = lo + 2 * width < n ? lo + 2 * width : n;
            int a = lo, b = mid, k = lo;
            while (a < mid && b < hi)
                tmp[k++] = f[b].size > f[a].size ? f[b++] : f[a++];
            while (a < mid)
                tmp[k++] = f[a++];
            while (b < hi)
                tmp[k++] = f[b++];
        }
        memcpy(f, tmp, sizeof *tmp * (size_t)n);
    }
    em_free(tmp);
}

/* ---- resolve ------------------------------------------------------------------------------ */

static const char *io_dup(em_arena *a, const char *s)
{
    return s ? em_arena_strdup(a, s) : NULL;
}

int io_source_resolve(em_arena *arena, const io_source_conf *conf, const char *format, int n_paths,
                      const char *const *paths, int n_options, const io_option *options,
                      const ty *user_schema, io_source **out, em_error *err)
{
    *out = NULL;
    io_source_conf dflt;
    if (!conf) {
        io_source_conf_init(&dflt);
        conf = &dflt;
    }
    io_source *s = em_arena_calloc(arena, 1, sizeof *s);
    s->arena = arena;
    s->conf = *conf;
    s->conf.default_format = io_dup(arena, conf->default_format ? conf->default_format : "parquet");
    s->conf.time_zone = io_dup(arena, conf->time_zone ? conf->time_zone : "UTC");
    s->conf.corrupt_record =
        io_dup(arena, conf->corrupt_record ? conf->corrupt_record : "_corrupt_record");
    s->conf.cwd = io_dup(arena, conf->cwd);
    if (!format || !format[0])
        format = s->conf.default_format;
    if (io_format_find(format, false, &s->fmt, err))
        return err ? err->code : EM_EUSER;

    s->n_options = n_options;
    s->options = em_arena_calloc(arena, (size_t)n_options + 1, sizeof(io_option));
    for (int i = 0; i < n_options; i++) {
        s->options[i].key = io_dup(arena, options[i].key);
        s->options[i].value = io_dup(arena, options[i].value);
    }
    /* FileSourceOptions: the options override the session settings */
    if (io_opt_bool(s, "ignoreCorruptFiles", s->conf.ignore_corrupt_files,
                    &s->conf.ignore_corrupt_files, err) ||
        io_opt_bool(s, "ignoreMissingFiles", s->conf.ignore_missing_files,
                    &s->conf.ignore_missing_files, err))
        return err ? err->code : EM_EUSER;
    const char *tz_name = io_opt(s, "timeZone");
    if (!tz_name)
        tz_name = s->conf.time_zone;
    s->tz = ty_tz_get(tz_name);
    if (!s->tz)
        s->tz = ty_tz_utc();

    if (s->fmt->prepare(s, err))
        return err ? err->code : EM_EUSER;

    /* Paths: the "path" option first, then the paths given (Spark's allPaths). */
    const char *path_opt = io_opt(s, "path");
    int n_all_paths = n_paths + (path_opt ? 1 : 0);
    const char **all_paths = em_arena_calloc(arena, (size_t)n_all_paths + 1, sizeof(char *));
    int k = 0;
    if (path_opt)
        all_paths[k++] = path_opt;
    for (int i = 0; i < n_paths; i++)
        all_paths[k++] = paths[i];
    int n_roots = 0;
    const char **roots = NULL;
    if (io_list_files(s, n_all_paths, all_paths, &n_roots, &roots, err))
        return err ? err->code : EM_EUSER;
    if (io_part_discover(s, n_roots, roots, user_schema, err))
        return err ? err->code : EM_EUSER;
    /* PartitioningAwareFileIndex.allFiles: an unpartitioned data set (without
       recursiveFileLookup) is the files directly in the root folders, and the root files. */
    bool recursive = false;
    if (io_opt_bool(s, "recursiveFileLookup", false, &recursive, err))
        return err ? err->code : EM_EUSER;
    if (s->part_schema->n_fields == 0 && !recursive)
        io_keep_root_children(s, n_roots, roots);

    if (user_schema) {
        if (user_schema->kind != TY_STRUCT)
            return em_error_internal(err, "io_source_resolve: user schema is not a struct");
        ty_field *f = em_arena_calloc(arena, (size_t)user_schema->n_fields + 1, sizeof *f);
        int n = 0;
        for (int i = 0; i < user_schema->n_fields; i++) {
            bool is_part = false;
            for (int p = 0; p < s->part_schema->n_fields; p++)
                if (io_name_eq(s, user_schema->fields[i].name, s->part_schema->fields[p].name))
                    is_part = true;
            if (!is_part)
                f[n++] = user_schema->fields[i];
        }
        s->data_schema = ty_struct(arena, n, f);
    } else {
        const ty *inferred = NULL;
        if (s->fmt->infer(s, &inferred, err))
            return err ? err->code : EM_EUSER;
        if (!inferred)
            return em_error_set(err, "UNABLE_TO_INFER_SCHEMA", "format", s->fmt->display, NULL);
        s->data_schema = inferred;
    }
    s->data_schema = io_as_nullable(arena, s->data_schema);
    if (io_check_duplicates(s, s->data_schema, err) ||
        io_check_duplicates(s, s->part_schema, err) || io_check_types(s, err))
        return err ? err->code : EM_EUSER;
    io_merge_schemas(s);
    if (s->fmt->check_schema && s->fmt->check_schema(s, err))
        return err ? err->code : EM_EUSER;
    io_plan_scan(s);
    s->head.ops = &io_source_scan_ops;
    *out = s;
    return EM_OK;
}

const ty *io_source_schema(const io_source *src)
{
    return src->head.schema;
}

const ty *io_source_data_schema(const io_source *src)
{
    return src->data_schema;
}

const ty *io_source_partition_schema(const io_source *src)
{
    return src->part_schema;
}

int io_source_num_files(const io_source *src)
{
    return src->n_files;
}

const char *io_source_file_uri(const io_source *src, int i)
{
    return i >= 0 && i < src->n_files ? src->files[i].uri : NULL;
}

int io_read_failed(const io_file *f, const char *detail, em_error *err)
{
    EM_LOG_DEBUG("reading %s failed: %s", f->uri, detail ? detail : "");
    return em_error_set(err, "FAILED_READ_FILE.NO_HINT", "path", f->uri, NULL);
}
