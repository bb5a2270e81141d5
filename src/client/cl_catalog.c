/*
 * cl_catalog.c: spark.catalog, as PySpark's Connect Catalog runs it (pyspark/sql/connect/
 * catalog.py and the catalog plans of plan.py): every operation is a root Relation{catalog{...}}
 * with a fresh plan id, executed at once (ExecutePlan); PySpark reads the Arrow result as a table
 * and returns cell [0][0] for the scalar calls (currentCatalog, databaseExists, isCached, ...),
 * the rows for the list calls, and nothing for the void calls (which still run the relation).
 *
 * Here: scalar calls return the cell (bool or string), list and get calls return the Arrow
 * stream of the result (columns as the server sends them; Spark's Table, Database, Function,
 * Column and CatalogMetadata field order), void calls drain the result. Optional proto fields
 * (db_name, pattern, path, source, description) are set only when the argument is not NULL,
 * exactly when PySpark sets them.
 *
 * The catalog relation is built once as a protobuf message, packed, and wrapped like a relation
 * received from the server (CL_R_CACHED), which gives it its plan id when it is sent.
 */
#include <string.h>

#include "client/cl_int.h"
#include "common/em_mem.h"

#pragma GCC diagnostic ignored "-Wmissing-braces"

/* Wraps a Catalog message as a DataFrame (packed relation, plan id at creation). */
static ember_dataframe *cl_catalog_df(ember_session *s, Spark__Connect__Catalog *cat)
{
    Spark__Connect__Relation r = SPARK__CONNECT__RELATION__INIT;
    r.rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_CATALOG;
    r.catalog = cat;
    ember_dataframe *df = cl_df_new(s, CL_R_CACHED, NULL);
    df->blob = cl_pack(&r.base, &df->blob_len);
    return df;
}

/* Kinds of answer a catalog call takes from its result. */
typedef enum cl_cat_result {
    CL_CAT_VOID,   /* run it, ignore the rows */
    CL_CAT_BOOL,   /* cell [0][0] as a boolean */
    CL_CAT_STRING, /* cell [0][0] as a string */
    CL_CAT_STREAM, /* the result itself */
} cl_cat_result;

typedef struct cl_cat_out {
    bool *b;
    char **str;
    struct ArrowArrayStream *stream;
} cl_cat_out;

/* Reads cell [0][0] of a first batch into out (by the cell's Arrow format). */
static int cl_catalog_cell(const struct ArrowArray *arr, const struct ArrowSchema *sch,
                           cl_cat_result kind, cl_cat_out out, ember_error *err)
{
    if (!arr->release || arr->length < 1 || arr->n_children < 1 || sch->n_children < 1)
        return cl_error_set(err, EMBER_EPROTOCOL, NULL, "the catalog call answered no rows");
    const struct ArrowArray *c = arr->children[0];
    const char *fmt = sch->children[0]->format;
    int64_t row = c->offset + arr->offset;
    const uint8_t *valid = c->null_count ? c->buffers[0] : NULL;
    bool is_null = valid && !(valid[row / 8] & (1u << (row % 8)));
    if (kind == CL_CAT_BOOL) {
        if (strcmp(fmt, "b") != 0)
            return cl_error_set(err, EMBER_EPROTOCOL, NULL, "expected a boolean cell, got '%s'",
                                fmt);
        const uint8_t *bits = c->buffers[1];
        *out.b = !is_null && (bits[row / 8] & (1u << (row % 8)));
        return EMBER_OK;
    }
    if (is_null) {
        *out.str = NULL;
        return EMBER_OK;
    }
    if (strcmp(fmt, "u") == 0) {
        const int32_t *offs = c->buffers[1];
        *out.str = em_strndup((const char *)c->buffers[2] + offs[row],
                              (size_t)(offs[row + 1] - offs[row]));
    } else if (strcmp(fmt, "U") == 0) {
        const int64_t *offs = c->buffers[1];
        *out.str = em_strndup((const char *)c->buffers[2] + offs[row],
                              (size_t)(offs[row + 1] - offs[row]));
    } else {
        return cl_error_set(err, EMBER_EPROTOCOL, NULL, "expected a string cell, got '%s'", fmt);
    }
    return EMBER_OK;
}

/* Runs a catalog relation and delivers its answer. df is consumed. */
static int cl_catalog_run(ember_dataframe *df, cl_cat_result kind, cl_cat_out out, ember_error *err)
{
    int rc;
    if (kind == CL_CAT_STREAM) {
        rc = ember_df_collect(df, out.stream, err);
        ember_df_free(df);
        return rc;
    }
    if (kind == CL_CAT_VOID) {
        struct ArrowArrayStream st;
        rc = ember_df_collect(df, &st, err);
        ember_df_free(df);
        if (rc != EMBER_OK)
            return rc;
        for (;;) {
            struct ArrowArray arr;
            if (st.get_next(&st, &arr) != 0) {
                cl_error_copy(err, ember_stream_error(&st));
                rc = err && err->status ? err->status : EMBER_EPROTOCOL;
                break;
            }
            if (!arr.release)
                break;
            arr.release(&arr);
        }
        st.release(&st);
        return rc;
    }
    struct ArrowArray arr;
    struct ArrowSchema sch;
    rc = cl_first_batch(df, &arr, &sch, err);
    ember_df_free(df);
    if (rc != EMBER_OK)
        return rc;
    rc = cl_catalog_cell(&arr, &sch, kind, out, err);
    if (arr.release)
        arr.release(&arr);
    sch.release(&sch);
    return rc;
}

/* Common entry: checks the session and the required name, starts a Catalog message. */
#define CL_CAT_BEGIN(s, required, what)                                                            \
    if (!(s) || !(required))                                                                       \
        return cl_error_set(err, EMBER_EINVAL, NULL, "%s: NULL argument", (what));                 \
    Spark__Connect__Catalog cat = SPARK__CONNECT__CATALOG__INIT

/* Sets an optional string field of a catalog sub-message when value is not NULL. */
#define CL_CAT_OPT(msg, field, num, value)                                                         \
    do {                                                                                           \
        if (value) {                                                                               \
            (msg)._##field##_case = (num);                                                         \
            (msg).field = (char *)(value);                                                         \
        }                                                                                          \
    } while (0)

/* --------------------------------------------------------------------- catalogs -------- */

int ember_catalog_current_catalog(ember_session *s, char **out, ember_error *err)
{
    CL_CAT_BEGIN(s, out, "currentCatalog");
    Spark__Connect__CurrentCatalog m = SPARK__CONNECT__CURRENT_CATALOG__INIT;
    cat.cat_type_case = SPARK__CONNECT__CATALOG__CAT_TYPE_CURRENT_CATALOG;
    cat.current_catalog = &m;
    *out = NULL;
    return cl_catalog_run(cl_catalog_df(s, &cat), CL_CAT_STRING, (cl_cat_out){.str = out}, err);
}

int ember_catalog_set_current_catalog(ember_session *s, const char *name, ember_error *err)
{
    CL_CAT_BEGIN(s, name, "setCurrentCatalog");
    Spark__Connect__SetCurrentCatalog m = SPARK__CONNECT__SET_CURRENT_CATALOG__INIT;
    m.catalog_name = (char *)name;
    cat.cat_type_case = SPARK__CONNECT__CATALOG__CAT_TYPE_SET_CURRENT_CATALOG;
    cat.set_current_catalog = &m;
    return cl_catalog_run(cl_catalog_df(s, &cat), CL_CAT_VOID, (cl_cat_out){0}, err);
}

int ember_catalog_list_catalogs(ember_session *s, const char *pattern, struct ArrowArrayStream *out,
                                ember_error *err)
{
    CL_CAT_BEGIN(s, out, "listCatalogs");
    Spark__Connect__ListCatalogs m = SPARK__CONNECT__LIST_CATALOGS__INIT;
    CL_CAT_OPT(m, pattern, 1, pattern);
    cat.cat_type_case = SPARK__CONNECT__CATALOG__CAT_TYPE_LIST_CATALOGS;
    cat.list_catalogs = &m;
    return cl_catalog_run(cl_catalog_df(s, &cat), CL_CAT_STREAM, (cl_cat_out){.stream = out}, err);
}

/* -------------------------------------------------------------------- databases -------- */

int ember_catalog_current_database(ember_session *s, char **out, ember_error *err)
{
    CL_CAT_BEGIN(s, out, "currentDatabase");
    Spark__Connect__CurrentDatabase m = SPARK__CONNECT__CURRENT_DATABASE__INIT;
    cat.cat_type_case = SPARK__CONNECT__CATALOG__CAT_TYPE_CURRENT_DATABASE;
    cat.current_database = &m;
    *out = NULL;
    return cl_catalog_run(cl_catalog_df(s, &cat), CL_CAT_STRING, (cl_cat_out){.str = out}, err);
}

int ember_catalog_set_current_database(ember_session *s, const char *name, ember_error *err)
{
    CL_CAT_BEGIN(s, name, "setCurrentDatabase");
    Spark__Connect__SetCurrentDatabase m = SPARK__CONNECT__SET_CURRENT_DATABASE__INIT;
    m.db_name = (char *)name;
    cat.cat_type_case = SPARK__CONNECT__CATALOG__CAT_TYPE_SET_CURRENT_DATABASE;
    cat.set_current_database = &m;
    return cl_catalog_run(cl_catalog_df(s, &cat), CL_CAT_VOID, (cl_cat_out){0}, err);
}

int ember_catalog_list_databases(ember_session *s, const char *pattern,
                                 struct ArrowArrayStream *out, ember_error *err)
{
    CL_CAT_BEGIN(s, out, "listDatabases");
    Spark__Connect__ListDatabases m = SPARK__CONNECT__LIST_DATABASES__INIT;
    CL_CAT_OPT(m, pattern, 1, pattern);
    cat.cat_type_case = SPARK__CONNECT__CATALOG__CAT_TYPE_LIST_DATABASES;
    cat.list_databases = &m;
    return cl_catalog_run(cl_catalog_df(s, &cat), CL_CAT_STREAM, (cl_cat_out){.stream = out}, err);
}

int ember_catalog_get_database(ember_session *s, const char *name, struct ArrowArrayStream *out,
                               ember_error *err)
{
    CL_CAT_BEGIN(s, name && out, "getDatabase");
    Spark__Connect__GetDatabase m = SPARK__CONNECT__GET_DATABASE__INIT;
    m.db_name = (char *)name;
    cat.cat_type_case = SPARK__CONNECT__CATALOG__CAT_TYPE_GET_DATABASE;
    cat.get_database = &m;
    return cl_catalog_run(cl_catalog_df(s, &cat), CL_CAT_STREAM, (cl_cat_out){.stream = out}, err);
}

int ember_catalog_database_exists(ember_session *s, const char *name, bool *out, ember_error *err)
{
    CL_CAT_BEGIN(s, name && out, "databaseExists");
    Spark__Connect__DatabaseExists m = SPARK__CONNECT__DATABASE_EXISTS__INIT;
    m.db_name = (char *)name;
    cat.cat_type_case = SPARK__CONNECT__CATALOG__CAT_TYPE_DATABASE_EXISTS;
    cat.database_exists = &m;
    *out = false;
    return cl_catalog_run(cl_catalog_df(s, &cat), CL_CAT_BOOL, (cl_cat_out){.b = out}, err);
}

/* ------------------------------------------------------------------------ tables -------- */

int ember_catalog_list_tables(ember_session *s, const char *db_name, const char *pattern,
                              struct ArrowArrayStream *out, ember_error *err)
{
    CL_CAT_BEGIN(s, out, "listTables");
    Spark__Connect__ListTables m = SPARK__CONNECT__LIST_TABLES__INIT;
    CL_CAT_OPT(m, db_name, 1, db_name);
    CL_CAT_OPT(m, pattern, 2, pattern);
    cat.cat_type_case = SPARK__CONNECT__CATALOG__CAT_TYPE_LIST_TABLES;
    cat.list_tables = &m;
    return cl_catalog_run(cl_catalog_df(s, &cat), CL_CAT_STREAM, (cl_cat_out){.stream = out}, err);
}

int ember_catalog_get_table(ember_session *s, const char *name, const char *db_name,
                            struct ArrowArrayStream *out, ember_error *err)
{
    CL_CAT_BEGIN(s, name && out, "getTable");
    Spark__Connect__GetTable m = SPARK__CONNECT__GET_TABLE__INIT;
    m.table_name = (char *)name;
    CL_CAT_OPT(m, db_name, 2, db_name);
    cat.cat_type_case = SPARK__CONNECT__CATALOG__CAT_TYPE_GET_TABLE;
    cat.get_table = &m;
    return cl_catalog_run(cl_catalog_df(s, &cat), CL_CAT_STREAM, (cl_cat_out){.stream = out}, err);
}

int ember_catalog_table_exists(ember_session *s, const char *name, const char *db_name, bool *out,
                               ember_error *err)
{
    CL_CAT_BEGIN(s, name && out, "tableExists");
    Spark__Connect__TableExists m = SPARK__CONNECT__TABLE_EXISTS__INIT;
    m.table_name = (char *)name;
    CL_CAT_OPT(m, db_name, 2, db_name);
    cat.cat_type_case = SPARK__CONNECT__CATALOG__CAT_TYPE_TABLE_EXISTS;
    cat.table_exists = &m;
    *out = false;
    return cl_catalog_run(cl_catalog_df(s, &cat), CL_CAT_BOOL, (cl_cat_out){.b = out}, err);
}

int ember_catalog_list_columns(ember_session *s, const char *table, const char *db_name,
                               struct ArrowArrayStream *out, ember_error *err)
{
    CL_CAT_BEGIN(s, table && out, "listColumns");
    Spark__Connect__ListColumns m = SPARK__CONNECT__LIST_COLUMNS__INIT;
    m.table_name = (char *)table;
    CL_CAT_OPT(m, db_name, 2, db_name);
    cat.cat_type_case = SPARK__CONNECT__CATALOG__CAT_TYPE_LIST_COLUMNS;
    cat.list_columns = &m;
    return cl_catalog_run(cl_catalog_df(s, &cat), CL_CAT_STREAM, (cl_cat_out){.stream = out}, err);
}

/*
 * The DataType of a schema string: AnalyzePlan ddl_parse (a JSON schema is first turned into
 * DDL with json_to_ddl). Returns the response holding it (*resp; the type is (*resp)->...) or
 * an error; a non-struct type fails with PySpark's NOT_STRUCT.
 */
static int cl_catalog_schema(ember_session *s, const char *schema,
                             Spark__Connect__AnalyzePlanResponse **resp, ember_error *err)
{
    *resp = NULL;
    em_arena a;
    em_arena_init(&a, 1024);
    const char *ddl = schema;
    char *ddl_copy = NULL;
    int rc = EMBER_OK;
    if (schema[0] == '{') {
        Spark__Connect__AnalyzePlanRequest req = SPARK__CONNECT__ANALYZE_PLAN_REQUEST__INIT;
        Spark__Connect__AnalyzePlanRequest__JsonToDDL j =
            SPARK__CONNECT__ANALYZE_PLAN_REQUEST__JSON_TO_DDL__INIT;
        j.json_string = (char *)schema;
        req.analyze_case = SPARK__CONNECT__ANALYZE_PLAN_REQUEST__ANALYZE_JSON_TO_DDL;
        req.json_to_ddl = &j;
        Spark__Connect__AnalyzePlanResponse *r = NULL;
        rc = cl_analyze(s, &req, &a, &r, err);
        if (rc == EMBER_OK) {
            if (r->result_case == SPARK__CONNECT__ANALYZE_PLAN_RESPONSE__RESULT_JSON_TO_DDL)
                ddl = ddl_copy = em_strdup(r->json_to_ddl->ddl_string);
            else
                rc = cl_error_set(err, EMBER_EPROTOCOL, NULL, "json_to_ddl answered no DDL");
            spark__connect__analyze_plan_response__free_unpacked(r, NULL);
        }
    }
    if (rc == EMBER_OK) {
        Spark__Connect__AnalyzePlanRequest req = SPARK__CONNECT__ANALYZE_PLAN_REQUEST__INIT;
        Spark__Connect__AnalyzePlanRequest__DDLParse p =
            SPARK__CONNECT__ANALYZE_PLAN_REQUEST__DDLPARSE__INIT;
        p.ddl_string = (char *)ddl;
        req.analyze_case = SPARK__CONNECT__ANALYZE_PLAN_REQUEST__ANALYZE_DDL_PARSE;
        req.ddl_parse = &p;
        rc = cl_analyze(s, &req, &a, resp, err);
        if (rc == EMBER_OK &&
            ((*resp)->result_case != SPARK__CONNECT__ANALYZE_PLAN_RESPONSE__RESULT_DDL_PARSE ||
             !(*resp)->ddl_parse->parsed ||
             (*resp)->ddl_parse->parsed->kind_case != SPARK__CONNECT__DATA_TYPE__KIND_STRUCT)) {
            spark__connect__analyze_plan_response__free_unpacked(*resp, NULL);
            *resp = NULL;
            rc = cl_error_set(err, EMBER_EINVAL, "NOT_STRUCT",
                              "[NOT_STRUCT] Argument `schema` should be a struct type, got %s.",
                              schema);
            cl_error_param(err, "arg_name", "schema");
            cl_error_param(err, "arg_type", schema);
            if (err)
                cl_strlcpy(err->exception, "PySparkTypeError", sizeof err->exception);
        }
    }
    em_free(ddl_copy);
    em_arena_release(&a);
    return rc;
}

int ember_catalog_create_table(ember_session *s, const char *name, const char *path,
                               const char *source, const char *schema, const char *description,
                               const char *const *option_keys, const char *const *option_values,
                               size_t n_options, ember_dataframe **out, ember_error *err)
{
    if (out)
        *out = NULL;
    CL_CAT_BEGIN(s, name, "createTable");
    if ((!option_keys || !option_values) && n_options)
        return cl_error_set(err, EMBER_EINVAL, NULL, "createTable: NULL options");
    for (size_t idx = 0; idx < n_options; idx++)
        if (!option_keys[idx])
            return cl_error_set(err, EMBER_EINVAL, NULL, "createTable: a NULL option key");
    Spark__Connect__AnalyzePlanResponse *parsed = NULL;
    int rc = schema ? cl_catalog_schema(s, schema, &parsed, err) : EMBER_OK;
    if (rc != EMBER_OK)
        return rc;
    em_arena a;
    em_arena_init(&a, 1024);
    Spark__Connect__CreateTable m = SPARK__CONNECT__CREATE_TABLE__INIT;
    m.table_name = (char *)name;
    CL_CAT_OPT(m, path, 2, path);
    CL_CAT_OPT(m, source, 3, source);
    CL_CAT_OPT(m, description, 4, description);
    if (parsed) {
        m._schema_case = SPARK__CONNECT__CREATE_TABLE___SCHEMA_SCHEMA;
        m.schema = parsed->ddl_parse->parsed;
    }
    /* Options whose value is NULL are left out (PySpark skips None values). */
    m.options = em_arena_alloc(&a, sizeof(void *) * (n_options + 1));
    for (size_t idx = 0; idx < n_options; idx++) {
        if (!option_values[idx])
            continue;
        Spark__Connect__CreateTable__OptionsEntry *e = em_arena_alloc(&a, sizeof *e);
        spark__connect__create_table__options_entry__init(e);
        e->key = (char *)option_keys[idx];
        e->value = (char *)option_values[idx];
        m.options[m.n_options++] = e;
    }
    cat.cat_type_case = SPARK__CONNECT__CATALOG__CAT_TYPE_CREATE_TABLE;
    cat.create_table = &m;
    ember_dataframe *df = cl_catalog_df(s, &cat);
    em_arena_release(&a);
    if (parsed)
        spark__connect__analyze_plan_response__free_unpacked(parsed, NULL);
    /* Eager, as PySpark's df._to_table(); the DataFrame is returned as well. */
    rc = cl_catalog_run(ember_df_dup(df), CL_CAT_VOID, (cl_cat_out){0}, err);
    if (rc == EMBER_OK && out)
        *out = df;
    else
        ember_df_free(df);
    return rc;
}

int ember_catalog_drop_temp_view(ember_session *s, const char *name, bool *out, ember_error *err)
{
    CL_CAT_BEGIN(s, name, "dropTempView");
    Spark__Connect__DropTempView m = SPARK__CONNECT__DROP_TEMP_VIEW__INIT;
    m.view_name = (char *)name;
    cat.cat_type_case = SPARK__CONNECT__CATALOG__CAT_TYPE_DROP_TEMP_VIEW;
    cat.drop_temp_view = &m;
    bool dummy = false;
    bool *dst = out ? out : &dummy;
    *dst = false;
    return cl_catalog_run(cl_catalog_df(s, &cat), CL_CAT_BOOL, (cl_cat_out){.b = dst}, err);
}

int ember_catalog_drop_global_temp_view(ember_session *s, const char *name, bool *out,
                                        ember_error *err)
{
    CL_CAT_BEGIN(s, name, "dropGlobalTempView");
    Spark__Connect__DropGlobalTempView m = SPARK__CONNECT__DROP_GLOBAL_TEMP_VIEW__INIT;
    m.view_name = (char *)name;
    cat.cat_type_case = SPARK__CONNECT__CATALOG__CAT_TYPE_DROP_GLOBAL_TEMP_VIEW;
    cat.drop_global_temp_view = &m;
    bool dummy = false;
    bool *dst = out ? out : &dummy;
    *dst = false;
    return cl_catalog_run(cl_catalog_df(s, &cat), CL_CAT_BOOL, (cl_cat_out){.b = dst}, err);
}

int ember_catalog_recover_partitions(ember_session *s, const char *table, ember_error *err)
{
    CL_CAT_BEGIN(s, table, "recoverPartitions");
    Spark__Connect__RecoverPartitions m = SPARK__CONNECT__RECOVER_PARTITIONS__INIT;
    m.table_name = (char *)table;
    cat.cat_type_case = SPARK__CONNECT__CATALOG__CAT_TYPE_RECOVER_PARTITIONS;
    cat.recover_partitions = &m;
    return cl_catalog_run(cl_catalog_df(s, &cat), CL_CAT_VOID, (cl_cat_out){0}, err);
}

/* ---------------------------------------------------------------------- functions ------- */

int ember_catalog_list_functions(ember_session *s, const char *db_name, const char *pattern,
                                 struct ArrowArrayStream *out, ember_error *err)
{
    CL_CAT_BEGIN(s, out, "listFunctions");
    Spark__Connect__ListFunctions m = SPARK__CONNECT__LIST_FUNCTIONS__INIT;
    CL_CAT_OPT(m, db_name, 1, db_name);
    CL_CAT_OPT(m, pattern, 2, pattern);
    cat.cat_type_case = SPARK__CONNECT__CATALOG__CAT_TYPE_LIST_FUNCTIONS;
    cat.list_functions = &m;
    return cl_catalog_run(cl_catalog_df(s, &cat), CL_CAT_STREAM, (cl_cat_out){.stream = out}, err);
}

int ember_catalog_get_function(ember_session *s, const char *name, const char *db_name,
                               struct ArrowArrayStream *out, ember_error *err)
{
    CL_CAT_BEGIN(s, name && out, "getFunction");
    Spark__Connect__GetFunction m = SPARK__CONNECT__GET_FUNCTION__INIT;
    m.function_name = (char *)name;
    CL_CAT_OPT(m, db_name, 2, db_name);
    cat.cat_type_case = SPARK__CONNECT__CATALOG__CAT_TYPE_GET_FUNCTION;
    cat.get_function = &m;
    return cl_catalog_run(cl_catalog_df(s, &cat), CL_CAT_STREAM, (cl_cat_out){.stream = out}, err);
}

int ember_catalog_function_exists(ember_session *s, const char *name, const char *db_name,
                                  bool *out, ember_error *err)
{
    CL_CAT_BEGIN(s, name && out, "functionExists");
    Spark__Connect__FunctionExists m = SPARK__CONNECT__FUNCTION_EXISTS__INIT;
    m.function_name = (char *)name;
    CL_CAT_OPT(m, db_name, 2, db_name);
    cat.cat_type_case = SPARK__CONNECT__CATALOG__CAT_TYPE_FUNCTION_EXISTS;
    cat.function_exists = &m;
    *out = false;
    return cl_catalog_run(cl_catalog_df(s, &cat), CL_CAT_BOOL, (cl_cat_out){.b = out}, err);
}

/* ------------------------------------------------------------------------ caching ------- */

int ember_catalog_is_cached(ember_session *s, const char *table, bool *out, ember_error *err)
{
    CL_CAT_BEGIN(s, table && out, "isCached");
    Spark__Connect__IsCached m = SPARK__CONNECT__IS_CACHED__INIT;
    m.table_name = (char *)table;
    cat.cat_type_case = SPARK__CONNECT__CATALOG__CAT_TYPE_IS_CACHED;
    cat.is_cached = &m;
    *out = false;
    return cl_catalog_run(cl_catalog_df(s, &cat), CL_CAT_BOOL, (cl_cat_out){.b = out}, err);
}

int ember_catalog_cache_table(ember_session *s, const char *table, const ember_storage_level *level,
                              ember_error *err)
{
    CL_CAT_BEGIN(s, table, "cacheTable");
    Spark__Connect__CacheTable m = SPARK__CONNECT__CACHE_TABLE__INIT;
    Spark__Connect__StorageLevel sl = SPARK__CONNECT__STORAGE_LEVEL__INIT;
    m.table_name = (char *)table;
    if (level) {
        sl.use_disk = level->use_disk;
        sl.use_memory = level->use_memory;
        sl.use_off_heap = level->use_off_heap;
        sl.deserialized = level->deserialized;
        sl.replication = level->replication;
        m._storage_level_case = SPARK__CONNECT__CACHE_TABLE___STORAGE_LEVEL_STORAGE_LEVEL;
        m.storage_level = &sl;
    }
    cat.cat_type_case = SPARK__CONNECT__CATALOG__CAT_TYPE_CACHE_TABLE;
    cat.cache_table = &m;
    return cl_catalog_run(cl_catalog_df(s, &cat), CL_CAT_VOID, (cl_cat_out){0}, err);
}

int ember_catalog_uncache_table(ember_session *s, const char *table, ember_error *err)
{
    CL_CAT_BEGIN(s, table, "uncacheTable");
    Spark__Connect__UncacheTable m = SPARK__CONNECT__UNCACHE_TABLE__INIT;
    m.table_name = (char *)table;
    cat.cat_type_case = SPARK__CONNECT__CATALOG__CAT_TYPE_UNCACHE_TABLE;
    cat.uncache_table = &m;
    return cl_catalog_run(cl_catalog_df(s, &cat), CL_CAT_VOID, (cl_cat_out){0}, err);
}

int ember_catalog_clear_cache(ember_session *s, ember_error *err)
{
    CL_CAT_BEGIN(s, true, "clearCache");
    Spark__Connect__ClearCache m = SPARK__CONNECT__CLEAR_CACHE__INIT;
    cat.cat_type_case = SPARK__CONNECT__CATALOG__CAT_TYPE_CLEAR_CACHE;
    cat.clear_cache = &m;
    return cl_catalog_run(cl_catalog_df(s, &cat), CL_CAT_VOID, (cl_cat_out){0}, err);
}

int ember_catalog_refresh_table(ember_session *s, const char *table, ember_error *err)
{
    CL_CAT_BEGIN(s, table, "refreshTable");
    Spark__Connect__RefreshTable m = SPARK__CONNECT__REFRESH_TABLE__INIT;
    m.table_name = (char *)table;
    cat.cat_type_case = SPARK__CONNECT__CATALOG__CAT_TYPE_REFRESH_TABLE;
    cat.refresh_table = &m;
    return cl_catalog_run(cl_catalog_df(s, &cat), CL_CAT_VOID, (cl_cat_out){0}, err);
}

int ember_catalog_refresh_by_path(ember_session *s, const char *path, ember_error *err)
{
    CL_CAT_BEGIN(s, path, "refreshByPath");
    Spark__Connect__RefreshByPath m = SPARK__CONNECT__REFRESH_BY_PATH__INIT;
    m.path = (char *)path;
    cat.cat_type_case = SPARK__CONNECT__CATALOG__CAT_TYPE_REFRESH_BY_PATH;
    cat.refresh_by_path = &m;
    return cl_catalog_run(cl_catalog_df(s, &cat), CL_CAT_VOID, (cl_cat_out){0}, err);
}
