/*
 * cl_write.c: DataFrameWriter (df.write) and DataFrameWriterV2 (df.writeTo) as Commands, built
 * the way PySpark's Connect client builds them (pyspark/sql/connect/readwriter.py and the
 * WriteOperation / WriteOperationV2 plans of plan.py):
 *   - WriteOperation: input, source only when format() was called, sort / partitioning /
 *     clustering column names, bucket_by only when bucketBy() gave a positive count, options
 *     (a None value removes the key), then either table{name, save_method} or path, and mode
 *     only when mode() was called with a non-NULL value;
 *   - WriteOperationV2: input, table_name, provider when using() was called, partitioning
 *     expressions, clustering columns, options, table properties, mode (and the overwrite
 *     condition for overwrite()).
 * Writers are mutable builders owned by one thread at a time; they hold a reference to their
 * DataFrame and may be used for several saves (as PySpark's may). Nothing is sent until a
 * terminal call (save, saveAsTable, insertInto, create, append...), which runs the command to
 * its end (ExecutePlan with the session's tags, reattach and retries).
 */
#include <string.h>
#include <strings.h>

#include "client/cl_int.h"
#include "common/em_mem.h"

#pragma GCC diagnostic ignored "-Wmissing-braces"

#define CL_NEW(a, T, INIT) ((T *)cl_write_dup((a), &(T)INIT, sizeof(T)))
static void *cl_write_dup(em_arena *a, const void *init, size_t size)
{
    void *p = em_arena_alloc(a, size);
    memcpy(p, init, size);
    return p;
}

/* ------------------------------------------------------------------- option maps ------ */

/* An insertion-ordered string map (PySpark's dict of options); strings em_malloc'ed. */
typedef struct cl_kv {
    char **keys, **values;
    size_t n, cap;
} cl_kv;

static void cl_kv_release(cl_kv *m)
{
    for (size_t idx = 0; idx < m->n; idx++) {
        em_free(m->keys[idx]);
        em_free(m->values[idx]);
    }
    em_free(m->keys);
    em_free(m->values);
    memset(m, 0, sizeof *m);
}

/* Sets key to value; a NULL value removes the key (PySpark drops options set to None). */
static void cl_kv_set(cl_kv *m, const char *key, const char *value)
{
    for (size_t idx = 0; idx < m->n; idx++) {
        if (strcmp(m->keys[idx], key) != 0)
            continue;
        em_free(m->values[idx]);
        if (value) {
            m->values[idx] = em_strdup(value);
            return;
        }
        em_free(m->keys[idx]);
        memmove(m->keys + idx, m->keys + idx + 1, (m->n - idx - 1) * sizeof(char *));
        memmove(m->values + idx, m->values + idx + 1, (m->n - idx - 1) * sizeof(char *));
        m->n--;
        return;
    }
    if (!value)
        return;
    if (m->n == m->cap) {
        m->cap = m->cap ? m->cap * 2 : 8;
        m->keys = em_realloc(m->keys, m->cap * sizeof(char *));
        m->values = em_realloc(m->values, m->cap * sizeof(char *));
    }
    m->keys[m->n] = em_strdup(key);
    m->values[m->n] = em_strdup(value);
    m->n++;
}

/* A string list replaced as a whole (partitionBy & co. replace, they do not append). */
typedef struct cl_strlist {
    char **items;
    size_t n;
} cl_strlist;

static void cl_strlist_release(cl_strlist *l)
{
    for (size_t idx = 0; idx < l->n; idx++)
        em_free(l->items[idx]);
    em_free(l->items);
    l->items = NULL;
    l->n = 0;
}

static int cl_strlist_set(cl_strlist *l, const char *const *strs, size_t n, const char *what,
                          ember_error *err)
{
    if (!strs && n)
        return cl_error_set(err, EMBER_EINVAL, NULL, "%s: names are NULL", what);
    for (size_t idx = 0; idx < n; idx++)
        if (!strs[idx])
            return cl_error_set(err, EMBER_EINVAL, NULL, "%s: a name is NULL", what);
    cl_strlist_release(l);
    l->items = em_calloc(n + 1, sizeof(char *));
    for (size_t idx = 0; idx < n; idx++)
        l->items[idx] = em_strdup(strs[idx]);
    l->n = n;
    return EMBER_OK;
}

/* Map entries for protobuf-c (T is the entry type); strings point into m. */
#define CL_MAP_ENTRIES(a, m, T, init_fn, out, n_out)                                               \
    do {                                                                                           \
        (n_out) = (m)->n;                                                                          \
        (out) = em_arena_alloc((a), sizeof(T *) * ((m)->n + 1));                                   \
        for (size_t idx_ = 0; idx_ < (m)->n; idx_++) {                                             \
            T *e_ = em_arena_alloc((a), sizeof(T));                                                \
            init_fn(e_);                                                                           \
            e_->key = (m)->keys[idx_];                                                             \
            e_->value = (m)->values[idx_];                                                         \
            (out)[idx_] = e_;                                                                      \
        }                                                                                          \
    } while (0)

/* Runs Command cmd (built in a) to its end. */
static int cl_write_run(ember_session *s, Spark__Connect__Command *cmd, ember_error *err)
{
    Spark__Connect__Plan plan = SPARK__CONNECT__PLAN__INIT;
    plan.op_type_case = SPARK__CONNECT__PLAN__OP_TYPE_COMMAND;
    plan.command = cmd;
    return cl_exec_command(s, &plan, NULL, NULL, err);
}

/* ---------------------------------------------------------------- DataFrameWriter ------ */

struct ember_writer {
    ember_dataframe *df; /* a reference */
    char *source;        /* NULL until format() */
    int mode;            /* a WriteOperation.SaveMode; 0 = unset */
    cl_kv options;
    cl_strlist partition, sort, cluster, bucket;
    int32_t num_buckets; /* -1 until bucketBy() */
};

int ember_df_write(ember_dataframe *df, ember_writer **out, ember_error *err)
{
    if (out)
        *out = NULL;
    if (!df || !out)
        return cl_error_set(err, EMBER_EINVAL, NULL, "write: NULL DataFrame or output");
    ember_writer *w = em_calloc(1, sizeof *w);
    w->df = ember_df_dup(df);
    w->num_buckets = -1;
    *out = w;
    return EMBER_OK;
}

void ember_writer_free(ember_writer *w)
{
    if (!w)
        return;
    ember_df_free(w->df);
    em_free(w->source);
    cl_kv_release(&w->options);
    cl_strlist_release(&w->partition);
    cl_strlist_release(&w->sort);
    cl_strlist_release(&w->cluster);
    cl_strlist_release(&w->bucket);
    em_free(w);
}

int ember_writer_format(ember_writer *w, const char *source, ember_error *err)
{
    if (!w || !source)
        return cl_error_set(err, EMBER_EINVAL, NULL, "format: NULL argument");
    em_free(w->source);
    w->source = em_strdup(source);
    return EMBER_OK;
}

/* PySpark's UNSUPPORTED_OPERATION for a mode name it does not know. */
static int cl_write_bad_mode(const char *mode, ember_error *err)
{
    cl_error_set(err, EMBER_EINVAL, "UNSUPPORTED_OPERATION",
                 "[UNSUPPORTED_OPERATION] %s is not supported.", mode);
    cl_error_param(err, "operation", mode);
    if (err)
        cl_strlcpy(err->exception, "PySparkValueError", sizeof err->exception);
    return EMBER_EINVAL;
}

int ember_writer_mode(ember_writer *w, const char *mode, ember_error *err)
{
    if (!w)
        return cl_error_set(err, EMBER_EINVAL, NULL, "mode: NULL writer");
    if (!mode)
        return EMBER_OK; /* mode(None) keeps the current mode, as in PySpark */
    static const struct {
        const char *name;
        int mode;
    } modes[] = {
        {"append", SPARK__CONNECT__WRITE_OPERATION__SAVE_MODE__SAVE_MODE_APPEND},
        {"overwrite", SPARK__CONNECT__WRITE_OPERATION__SAVE_MODE__SAVE_MODE_OVERWRITE},
        {"error", SPARK__CONNECT__WRITE_OPERATION__SAVE_MODE__SAVE_MODE_ERROR_IF_EXISTS},
        {"ignore", SPARK__CONNECT__WRITE_OPERATION__SAVE_MODE__SAVE_MODE_IGNORE},
    };
    for (size_t idx = 0; idx < sizeof modes / sizeof modes[0]; idx++) {
        if (strcasecmp(mode, modes[idx].name) == 0) {
            w->mode = modes[idx].mode;
            return EMBER_OK;
        }
    }
    return cl_write_bad_mode(mode, err);
}

int ember_writer_option(ember_writer *w, const char *key, const char *value, ember_error *err)
{
    if (!w || !key)
        return cl_error_set(err, EMBER_EINVAL, NULL, "option: NULL argument");
    cl_kv_set(&w->options, key, value);
    return EMBER_OK;
}

int ember_writer_options(ember_writer *w, const char *const *keys, const char *const *values,
                         size_t n, ember_error *err)
{
    if (!w || ((!keys || !values) && n))
        return cl_error_set(err, EMBER_EINVAL, NULL, "options: NULL argument");
    for (size_t idx = 0; idx < n; idx++)
        if (!keys[idx])
            return cl_error_set(err, EMBER_EINVAL, NULL, "options: a key is NULL");
    for (size_t idx = 0; idx < n; idx++)
        cl_kv_set(&w->options, keys[idx], values[idx]);
    return EMBER_OK;
}

int ember_writer_partition_by(ember_writer *w, const char *const *cols, size_t n, ember_error *err)
{
    if (!w)
        return cl_error_set(err, EMBER_EINVAL, NULL, "partitionBy: NULL writer");
    return cl_strlist_set(&w->partition, cols, n, "partitionBy", err);
}

int ember_writer_bucket_by(ember_writer *w, int32_t num_buckets, const char *const *cols, size_t n,
                           ember_error *err)
{
    if (!w)
        return cl_error_set(err, EMBER_EINVAL, NULL, "bucketBy: NULL writer");
    if (n == 0)
        return cl_error_set(err, EMBER_EINVAL, NULL, "bucketBy: at least one column is needed");
    int rc = cl_strlist_set(&w->bucket, cols, n, "bucketBy", err);
    if (rc == EMBER_OK)
        w->num_buckets = num_buckets;
    return rc;
}

int ember_writer_sort_by(ember_writer *w, const char *const *cols, size_t n, ember_error *err)
{
    if (!w)
        return cl_error_set(err, EMBER_EINVAL, NULL, "sortBy: NULL writer");
    if (n == 0)
        return cl_error_set(err, EMBER_EINVAL, NULL, "sortBy: at least one column is needed");
    return cl_strlist_set(&w->sort, cols, n, "sortBy", err);
}

int ember_writer_cluster_by(ember_writer *w, const char *const *cols, size_t n, ember_error *err)
{
    if (!w)
        return cl_error_set(err, EMBER_EINVAL, NULL, "clusterBy: NULL writer");
    return cl_strlist_set(&w->cluster, cols, n, "clusterBy", err);
}

/* Builds and runs WriteOperation; table != NULL saves to a table with save_method. */
static int cl_writer_run(ember_writer *w, const char *path, const char *table, int save_method,
                         ember_error *err)
{
    em_arena a;
    em_arena_init(&a, 4096);
    Spark__Connect__WriteOperation *wo =
        CL_NEW(&a, Spark__Connect__WriteOperation, SPARK__CONNECT__WRITE_OPERATION__INIT);
    wo->input = cl_proto_relation(&a, w->df);
    if (w->source)
        CL_OPT(wo, source, 2, w->source);
    wo->n_sort_column_names = w->sort.n;
    wo->sort_column_names = w->sort.items;
    wo->n_partitioning_columns = w->partition.n;
    wo->partitioning_columns = w->partition.items;
    wo->n_clustering_columns = w->cluster.n;
    wo->clustering_columns = w->cluster.items;
    if (w->num_buckets > 0) {
        Spark__Connect__WriteOperation__BucketBy *bb =
            CL_NEW(&a, Spark__Connect__WriteOperation__BucketBy,
                   SPARK__CONNECT__WRITE_OPERATION__BUCKET_BY__INIT);
        bb->n_bucket_column_names = w->bucket.n;
        bb->bucket_column_names = w->bucket.items;
        bb->num_buckets = w->num_buckets;
        wo->bucket_by = bb;
    }
    CL_MAP_ENTRIES(&a, &w->options, Spark__Connect__WriteOperation__OptionsEntry,
                   spark__connect__write_operation__options_entry__init, wo->options,
                   wo->n_options);
    if (table) {
        Spark__Connect__WriteOperation__SaveTable *st =
            CL_NEW(&a, Spark__Connect__WriteOperation__SaveTable,
                   SPARK__CONNECT__WRITE_OPERATION__SAVE_TABLE__INIT);
        st->table_name = (char *)table;
        st->save_method = save_method;
        wo->save_type_case = SPARK__CONNECT__WRITE_OPERATION__SAVE_TYPE_TABLE;
        wo->table = st;
    } else if (path) {
        wo->save_type_case = SPARK__CONNECT__WRITE_OPERATION__SAVE_TYPE_PATH;
        wo->path = (char *)path;
    }
    wo->mode = w->mode;
    Spark__Connect__Command *cmd =
        CL_NEW(&a, Spark__Connect__Command, SPARK__CONNECT__COMMAND__INIT);
    cmd->command_type_case = SPARK__CONNECT__COMMAND__COMMAND_TYPE_WRITE_OPERATION;
    cmd->write_operation = wo;
    int rc = cl_write_run(w->df->session, cmd, err);
    em_arena_release(&a);
    return rc;
}

int ember_writer_save(ember_writer *w, const char *path, ember_error *err)
{
    if (!w)
        return cl_error_set(err, EMBER_EINVAL, NULL, "save: NULL writer");
    return cl_writer_run(w, path, NULL, 0, err);
}

int ember_writer_save_as_table(ember_writer *w, const char *name, ember_error *err)
{
    if (!w || !name)
        return cl_error_set(err, EMBER_EINVAL, NULL, "saveAsTable: NULL argument");
    return cl_writer_run(
        w, NULL, name,
        SPARK__CONNECT__WRITE_OPERATION__SAVE_TABLE__TABLE_SAVE_METHOD__TABLE_SAVE_METHOD_SAVE_AS_TABLE,
        err);
}

int ember_writer_insert_into(ember_writer *w, const char *name, int overwrite, ember_error *err)
{
    if (!w || !name)
        return cl_error_set(err, EMBER_EINVAL, NULL, "insertInto: NULL argument");
    if (overwrite >= 0) /* insertInto(t, overwrite=...) sets the mode first */
        ember_writer_mode(w, overwrite ? "overwrite" : "append", NULL);
    return cl_writer_run(
        w, NULL, name,
        SPARK__CONNECT__WRITE_OPERATION__SAVE_TABLE__TABLE_SAVE_METHOD__TABLE_SAVE_METHOD_INSERT_INTO,
        err);
}

/* -------------------------------------------------------------- DataFrameWriterV2 ------ */

struct ember_writer_v2 {
    ember_dataframe *df; /* a reference */
    char *table;
    char *provider; /* NULL until using() */
    ember_column **partition;
    size_t n_partition;
    cl_strlist cluster;
    cl_kv options, properties;
};

int ember_df_write_to(ember_dataframe *df, const char *table, ember_writer_v2 **out,
                      ember_error *err)
{
    if (out)
        *out = NULL;
    if (!df || !table || !out)
        return cl_error_set(err, EMBER_EINVAL, NULL, "writeTo: NULL argument");
    ember_writer_v2 *w = em_calloc(1, sizeof *w);
    w->df = ember_df_dup(df);
    w->table = em_strdup(table);
    *out = w;
    return EMBER_OK;
}

void ember_writer_v2_free(ember_writer_v2 *w)
{
    if (!w)
        return;
    ember_df_free(w->df);
    em_free(w->table);
    em_free(w->provider);
    cl_cols_free(w->partition, w->n_partition);
    em_free(w->partition);
    cl_strlist_release(&w->cluster);
    cl_kv_release(&w->options);
    cl_kv_release(&w->properties);
    em_free(w);
}

int ember_writer_v2_using(ember_writer_v2 *w, const char *provider, ember_error *err)
{
    if (!w || !provider)
        return cl_error_set(err, EMBER_EINVAL, NULL, "using: NULL argument");
    em_free(w->provider);
    w->provider = em_strdup(provider);
    return EMBER_OK;
}

int ember_writer_v2_option(ember_writer_v2 *w, const char *key, const char *value, ember_error *err)
{
    if (!w || !key)
        return cl_error_set(err, EMBER_EINVAL, NULL, "option: NULL argument");
    cl_kv_set(&w->options, key, value);
    return EMBER_OK;
}

int ember_writer_v2_table_property(ember_writer_v2 *w, const char *key, const char *value,
                                   ember_error *err)
{
    if (!w || !key)
        return cl_error_set(err, EMBER_EINVAL, NULL, "tableProperty: NULL argument");
    cl_kv_set(&w->properties, key, value);
    return EMBER_OK;
}

int ember_writer_v2_partitioned_by(ember_writer_v2 *w, ember_column **cols, size_t n,
                                   ember_error *err)
{
    int rc = cl_cols_check(cols, n, "partitionedBy", err);
    if (rc != EMBER_OK)
        return rc;
    if (!w || n == 0) {
        cl_cols_free(cols, n);
        return cl_error_set(err, EMBER_EINVAL, NULL, "partitionedBy: NULL writer or no column");
    }
    cl_cols_free(w->partition, w->n_partition);
    em_free(w->partition);
    w->partition = em_calloc(n + 1, sizeof(ember_column *));
    memcpy(w->partition, cols, n * sizeof(ember_column *));
    w->n_partition = n;
    return EMBER_OK;
}

int ember_writer_v2_cluster_by(ember_writer_v2 *w, const char *const *cols, size_t n,
                               ember_error *err)
{
    if (!w || n == 0)
        return cl_error_set(err, EMBER_EINVAL, NULL, "clusterBy: NULL writer or no column");
    return cl_strlist_set(&w->cluster, cols, n, "clusterBy", err);
}

/* Builds and runs WriteOperationV2 with mode; cond (consumed) is the overwrite condition. */
static int cl_writer_v2_run(ember_writer_v2 *w, int mode, ember_column *cond, ember_error *err)
{
    em_arena a;
    em_arena_init(&a, 4096);
    Spark__Connect__WriteOperationV2 *wo =
        CL_NEW(&a, Spark__Connect__WriteOperationV2, SPARK__CONNECT__WRITE_OPERATION_V2__INIT);
    wo->input = cl_proto_relation(&a, w->df);
    wo->table_name = w->table;
    if (w->provider)
        CL_OPT(wo, provider, 3, w->provider);
    wo->n_partitioning_columns = w->n_partition;
    wo->partitioning_columns = em_arena_alloc(&a, sizeof(void *) * (w->n_partition + 1));
    for (size_t idx = 0; idx < w->n_partition; idx++)
        wo->partitioning_columns[idx] = cl_proto_expression(&a, w->partition[idx]);
    wo->n_clustering_columns = w->cluster.n;
    wo->clustering_columns = w->cluster.items;
    CL_MAP_ENTRIES(&a, &w->options, Spark__Connect__WriteOperationV2__OptionsEntry,
                   spark__connect__write_operation_v2__options_entry__init, wo->options,
                   wo->n_options);
    CL_MAP_ENTRIES(&a, &w->properties, Spark__Connect__WriteOperationV2__TablePropertiesEntry,
                   spark__connect__write_operation_v2__table_properties_entry__init,
                   wo->table_properties, wo->n_table_properties);
    wo->mode = mode;
    if (cond)
        wo->overwrite_condition = cl_proto_expression(&a, cond);
    Spark__Connect__Command *cmd =
        CL_NEW(&a, Spark__Connect__Command, SPARK__CONNECT__COMMAND__INIT);
    cmd->command_type_case = SPARK__CONNECT__COMMAND__COMMAND_TYPE_WRITE_OPERATION_V2;
    cmd->write_operation_v2 = wo;
    int rc = cl_write_run(w->df->session, cmd, err);
    em_arena_release(&a);
    ember_column_free(cond);
    return rc;
}

#define CL_V2_MODE(fn, mode_value)                                                                 \
    int fn(ember_writer_v2 *w, ember_error *err)                                                   \
    {                                                                                              \
        if (!w)                                                                                    \
            return cl_error_set(err, EMBER_EINVAL, NULL, #fn ": NULL writer");                     \
        return cl_writer_v2_run(w, (mode_value), NULL, err);                                       \
    }

CL_V2_MODE(ember_writer_v2_create, SPARK__CONNECT__WRITE_OPERATION_V2__MODE__MODE_CREATE)
CL_V2_MODE(ember_writer_v2_replace, SPARK__CONNECT__WRITE_OPERATION_V2__MODE__MODE_REPLACE)
CL_V2_MODE(ember_writer_v2_create_or_replace,
           SPARK__CONNECT__WRITE_OPERATION_V2__MODE__MODE_CREATE_OR_REPLACE)
CL_V2_MODE(ember_writer_v2_append, SPARK__CONNECT__WRITE_OPERATION_V2__MODE__MODE_APPEND)
CL_V2_MODE(ember_writer_v2_overwrite_partitions,
           SPARK__CONNECT__WRITE_OPERATION_V2__MODE__MODE_OVERWRITE_PARTITIONS)

int ember_writer_v2_overwrite(ember_writer_v2 *w, ember_column *condition, ember_error *err)
{
    if (!w || !condition) {
        ember_column_free(condition);
        return cl_error_set(err, EMBER_EINVAL, NULL, "overwrite: NULL writer or condition");
    }
    return cl_writer_v2_run(w, SPARK__CONNECT__WRITE_OPERATION_V2__MODE__MODE_OVERWRITE, condition,
                            err);
}
