/*
 * cn_catalog: the Catalog relation (spark.catalog.*) answered from the session: temp views,
 * global temp views, the default database and the function registry. Every operation becomes
 * a LocalRelation with the columns PySpark reads by position (Database, Table, Function,
 * Column, CatalogMetadata rows; a single "value" column for scalar answers; no columns for
 * void operations), which then flows through the analyzer and executor like any relation.
 *
 * Persistent databases and tables arrive with the catalog issue (SQLite metastore); until then
 * "default" is the only database and only temporary views exist.
 */
#include "connect/cn_catalog.h"

#include "common/em_mem.h"
#include "common/em_str.h"
#include "functions/fn.h"
#include "spark/connect/catalog.pb-c.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* ---- a tiny LocalRelation builder ---- */

typedef struct cn_rows {
    em_arena *a;
    int n_cols;
    ty_field fields[8];
    vec *cols[8];
} cn_rows;

static void cn_rows_col(cn_rows *r, const char *name, const ty *t, bool nullable)
{
    r->fields[r->n_cols].name = name;
    r->fields[r->n_cols].type = t;
    r->fields[r->n_cols].nullable = nullable;
    r->cols[r->n_cols] = vec_new(t, 4);
    r->n_cols++;
}

static void cn_put_str(vec *v, const char *s)
{
    if (!s)
        vec_append_null(v);
    else
        vec_append_str(v, s, (int64_t)strlen(s), NULL);
}

static void cn_put_bool(vec *v, bool b)
{
    vec_reserve(v, v->len + 1);
    ((uint8_t *)v->values)[v->len] = b ? 1 : 0;
    vec_set_valid(v, v->len);
    v->len++;
}

/* Appends an array<string> value (NULL list when n < 0). */
static void cn_put_str_array(vec *v, int n, const char *const *items)
{
    if (n < 0) {
        vec_append_null(v);
        return;
    }
    for (int i = 0; i < n; i++)
        cn_put_str(v->children[0], items[i]);
    vec_reserve(v, v->len + 1);
    v->offsets[v->len + 1] = (int32_t)v->children[0]->len;
    vec_set_valid(v, v->len);
    v->len++;
}

static pl_node *cn_rows_finish(cn_rows *r)
{
    pl_node *n = pl_node_new(r->a, PL_LOCAL, 0);
    n->u.local.schema = ty_struct(r->a, r->n_cols, r->fields);
    int64_t rows = r->n_cols ? r->cols[0]->len : 0;
    vec_batch *b = vec_batch_new(r->n_cols, rows);
    for (int i = 0; i < r->n_cols; i++)
        b->cols[i] = r->cols[i];
    pl_local_add_batch(r->a, n, b);
    return n;
}

static pl_node *cn_rows_value_bool(em_arena *a, bool v)
{
    cn_rows r = {.a = a};
    cn_rows_col(&r, "value", ty_boolean(), false);
    cn_put_bool(r.cols[0], v);
    return cn_rows_finish(&r);
}

static pl_node *cn_rows_value_str(em_arena *a, const char *v)
{
    cn_rows r = {.a = a};
    cn_rows_col(&r, "value", ty_string(), true);
    cn_put_str(r.cols[0], v);
    return cn_rows_finish(&r);
}

static pl_node *cn_rows_void(em_arena *a)
{
    pl_node *n = pl_node_new(a, PL_LOCAL, 0);
    n->u.local.schema = ty_struct(a, 0, NULL);
    return n;
}

/* ---- patterns and names ---- */

/* Spark's StringUtils.filterPattern: '|' separates alternatives, '*' matches anything,
   case-insensitive. */
static bool cn_glob(const char *pat, const char *s)
{
    if (*pat == '\0')
        return *s == '\0';
    if (*pat == '*')
        return cn_glob(pat + 1, s) || (*s && cn_glob(pat, s + 1));
    return *s && tolower((unsigned char)*pat) == tolower((unsigned char)*s) &&
           cn_glob(pat + 1, s + 1);
}

static bool cn_pattern_match(const char *pattern, const char *name)
{
    if (!pattern)
        return true;
    char buf[512];
    const char *p = pattern;
    while (*p) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        if (n >= sizeof buf)
            n = sizeof buf - 1;
        memcpy(buf, p, n);
        buf[n] = '\0';
        /* trim */
        char *t = buf;
        while (*t == ' ')
            t++;
        size_t tl = strlen(t);
        while (tl && t[tl - 1] == ' ')
            t[--tl] = '\0';
        if (cn_glob(t, name))
            return true;
        if (!bar)
            break;
        p = bar + 1;
    }
    return false;
}

static bool cn_is_default_db(const char *db)
{
    return !db || !db[0] || strcasecmp(db, "default") == 0 ||
           strcasecmp(db, "spark_catalog.default") == 0;
}

static int cn_schema_not_found(const char *db, em_error *err)
{
    char q[600];
    snprintf(q, sizeof q, "`spark_catalog`.`%s`", db);
    return em_error_set(err, "SCHEMA_NOT_FOUND", "schemaName", q, NULL);
}

static int cn_table_not_found(const char *name, em_error *err)
{
    char q[600];
    snprintf(q, sizeof q, "`%s`", name);
    return em_error_set(err, "TABLE_OR_VIEW_NOT_FOUND", "relationName", q, NULL);
}

/* Splits "global_temp.v" into (db, name); returns the name part. */
static const char *cn_split_name(const char *full, char *db, size_t db_size)
{
    const char *dot = strchr(full, '.');
    if (!dot) {
        db[0] = '\0';
        return full;
    }
    size_t n = (size_t)(dot - full);
    if (n >= db_size)
        n = db_size - 1;
    memcpy(db, full, n);
    db[n] = '\0';
    return dot + 1;
}

/* ---- operations ---- */

static pl_node *cn_list_databases(em_arena *a, const char *pattern, const char *warehouse)
{
    cn_rows r = {.a = a};
    cn_rows_col(&r, "name", ty_string(), true);
    cn_rows_col(&r, "catalog", ty_string(), true);
    cn_rows_col(&r, "description", ty_string(), true);
    cn_rows_col(&r, "locationUri", ty_string(), true);
    if (cn_pattern_match(pattern, "default")) {
        cn_put_str(r.cols[0], "default");
        cn_put_str(r.cols[1], "spark_catalog");
        cn_put_str(r.cols[2], "default database");
        char uri[1100];
        snprintf(uri, sizeof uri, "file:%s", warehouse ? warehouse : "");
        cn_put_str(r.cols[3], uri);
    }
    return cn_rows_finish(&r);
}

static void cn_table_columns(cn_rows *r)
{
    cn_rows_col(r, "name", ty_string(), true);
    cn_rows_col(r, "catalog", ty_string(), true);
    cn_rows_col(r, "namespace", ty_array(r->a, ty_string(), true), true);
    cn_rows_col(r, "description", ty_string(), true);
    cn_rows_col(r, "tableType", ty_string(), true);
    cn_rows_col(r, "isTemporary", ty_boolean(), false);
}

static void cn_table_row(cn_rows *r, const char *name, bool global)
{
    const char *ns[1] = {"global_temp"};
    cn_put_str(r->cols[0], name);
    cn_put_str(r->cols[1], NULL);
    cn_put_str_array(r->cols[2], global ? 1 : 0, ns);
    cn_put_str(r->cols[3], NULL);
    cn_put_str(r->cols[4], "TEMPORARY");
    cn_put_bool(r->cols[5], true);
}

static pl_node *cn_list_tables(cn_session *s, em_arena *a, const char *db, const char *pattern,
                               em_error *err)
{
    bool global = db && strcasecmp(db, "global_temp") == 0;
    if (!global && !cn_is_default_db(db)) {
        cn_schema_not_found(db, err);
        return NULL;
    }
    cn_rows r = {.a = a};
    cn_table_columns(&r);
    if (global) {
        /* only global temp views live in global_temp */
        char **names = NULL;
        int n = cn_global_view_names(s->server, &names);
        for (int i = 0; i < n; i++) {
            if (cn_pattern_match(pattern, names[i]))
                cn_table_row(&r, names[i], true);
            em_free(names[i]);
        }
        em_free(names);
    }
    pthread_mutex_lock(&s->mu);
    for (int i = 0; i < s->n_views; i++)
        if (cn_pattern_match(pattern, s->views[i].name))
            cn_table_row(&r, s->views[i].name, false);
    pthread_mutex_unlock(&s->mu);
    return cn_rows_finish(&r);
}

static bool cn_view_exists(cn_session *s, const char *full)
{
    char db[256];
    const char *name = cn_split_name(full, db, sizeof db);
    if (db[0] && strcasecmp(db, "global_temp") == 0)
        return cn_global_has_view(s->server, name);
    if (db[0] && !cn_is_default_db(db))
        return false;
    return cn_session_has_view(s, db[0] ? name : full);
}

static pl_node *cn_list_functions(em_arena *a, const char *pattern)
{
    cn_rows r = {.a = a};
    cn_rows_col(&r, "name", ty_string(), true);
    cn_rows_col(&r, "catalog", ty_string(), true);
    cn_rows_col(&r, "namespace", ty_array(a, ty_string(), true), true);
    cn_rows_col(&r, "description", ty_string(), true);
    cn_rows_col(&r, "className", ty_string(), true);
    cn_rows_col(&r, "isTemporary", ty_boolean(), false);
    for (int i = 0;; i++) {
        const fn_def *d = fn_at(i);
        if (!d)
            break;
        if (!cn_pattern_match(pattern, d->name))
            continue;
        cn_put_str(r.cols[0], d->name);
        cn_put_str(r.cols[1], NULL);
        cn_put_str_array(r.cols[2], -1, NULL);
        cn_put_str(r.cols[3], NULL);
        cn_put_str(r.cols[4], "org.apache.spark.sql.catalyst.expressions");
        cn_put_bool(r.cols[5], true);
    }
    return cn_rows_finish(&r);
}

int cn_catalog_relation(cn_plan_ctx *pc, const Spark__Connect__Catalog *cat, pl_node **out,
                        em_error *err)
{
    cn_session *s = pc->session;
    em_arena *a = pc->arena;
    *out = NULL;
    switch (cat->cat_type_case) {
    case SPARK__CONNECT__CATALOG__CAT_TYPE_CURRENT_DATABASE:
        *out = cn_rows_value_str(a, "default");
        break;
    case SPARK__CONNECT__CATALOG__CAT_TYPE_SET_CURRENT_DATABASE:
        if (!cn_is_default_db(cat->set_current_database->db_name))
            return cn_schema_not_found(cat->set_current_database->db_name, err);
        *out = cn_rows_void(a);
        break;
    case SPARK__CONNECT__CATALOG__CAT_TYPE_LIST_DATABASES: {
        const char *pat = cat->list_databases->_pattern_case ? cat->list_databases->pattern : NULL;
        char *wh = cn_conf_get_option(&s->conf, "spark.sql.warehouse.dir");
        *out = cn_list_databases(a, pat, wh);
        em_free(wh);
        break;
    }
    case SPARK__CONNECT__CATALOG__CAT_TYPE_LIST_TABLES: {
        const Spark__Connect__ListTables *lt = cat->list_tables;
        *out = cn_list_tables(s, a, lt->_db_name_case ? lt->db_name : NULL,
                              lt->_pattern_case ? lt->pattern : NULL, err);
        break;
    }
    case SPARK__CONNECT__CATALOG__CAT_TYPE_LIST_FUNCTIONS: {
        const Spark__Connect__ListFunctions *lf = cat->list_functions;
        if (lf->_db_name_case && !cn_is_default_db(lf->db_name))
            return cn_schema_not_found(lf->db_name, err);
        *out = cn_list_functions(a, lf->_pattern_case ? lf->pattern : NULL);
        break;
    }
    case SPARK__CONNECT__CATALOG__CAT_TYPE_LIST_COLUMNS: {
        const Spark__Connect__ListColumns *lc = cat->list_columns;
        const char *full = lc->table_name;
        if (!cn_view_exists(s, full))
            return cn_table_not_found(full, err);
        char db[256];
        const char *name = cn_split_name(full, db, sizeof db);
        const char *parts[2] = {db, name};
        pl_node *view = NULL, *resolved = NULL;
        int n_parts = db[0] ? 2 : 1;
        const char *const *pp = db[0] ? parts : &full;
        if (pc->env.lookup_relation(pc, n_parts, pp, a, &view, err) != 0)
            return err->code ? err->code : cn_table_not_found(full, err);
        if (an_resolve(&pc->env, a, view, &resolved, err))
            return err->code;
        cn_rows r = {.a = a};
        cn_rows_col(&r, "name", ty_string(), true);
        cn_rows_col(&r, "description", ty_string(), true);
        cn_rows_col(&r, "dataType", ty_string(), true);
        cn_rows_col(&r, "nullable", ty_boolean(), false);
        cn_rows_col(&r, "isPartition", ty_boolean(), false);
        cn_rows_col(&r, "isBucket", ty_boolean(), false);
        cn_rows_col(&r, "isCluster", ty_boolean(), false);
        for (int i = 0; i < resolved->n_out; i++) {
            em_str t;
            em_str_init(&t, 0);
            ty_catalog_string(resolved->out[i].type, &t);
            cn_put_str(r.cols[0], resolved->out[i].name);
            cn_put_str(r.cols[1], NULL);
            cn_put_str(r.cols[2], t.data ? t.data : "");
            cn_put_bool(r.cols[3], resolved->out[i].nullable);
            cn_put_bool(r.cols[4], false);
            cn_put_bool(r.cols[5], false);
            cn_put_bool(r.cols[6], false);
            em_str_release(&t);
        }
        *out = cn_rows_finish(&r);
        break;
    }
    case SPARK__CONNECT__CATALOG__CAT_TYPE_GET_DATABASE: {
        const char *db = cat->get_database->db_name;
        if (!cn_is_default_db(db))
            return cn_schema_not_found(db, err);
        char *wh = cn_conf_get_option(&s->conf, "spark.sql.warehouse.dir");
        *out = cn_list_databases(a, NULL, wh);
        em_free(wh);
        break;
    }
    case SPARK__CONNECT__CATALOG__CAT_TYPE_GET_TABLE: {
        const Spark__Connect__GetTable *gt = cat->get_table;
        char full[1100];
        snprintf(full, sizeof full, "%s%s%s", gt->_db_name_case ? gt->db_name : "",
                 gt->_db_name_case ? "." : "", gt->table_name);
        if (!cn_view_exists(s, full))
            return cn_table_not_found(full, err);
        char db[256];
        const char *name = cn_split_name(full, db, sizeof db);
        cn_rows r = {.a = a};
        cn_table_columns(&r);
        cn_table_row(&r, name, db[0] && strcasecmp(db, "global_temp") == 0);
        *out = cn_rows_finish(&r);
        break;
    }
    case SPARK__CONNECT__CATALOG__CAT_TYPE_DATABASE_EXISTS:
        *out = cn_rows_value_bool(a, cn_is_default_db(cat->database_exists->db_name) ||
                                         strcasecmp(cat->database_exists->db_name, "global_temp") ==
                                             0);
        break;
    case SPARK__CONNECT__CATALOG__CAT_TYPE_TABLE_EXISTS: {
        const Spark__Connect__TableExists *te = cat->table_exists;
        char full[1100];
        snprintf(full, sizeof full, "%s%s%s", te->_db_name_case ? te->db_name : "",
                 te->_db_name_case ? "." : "", te->table_name);
        *out = cn_rows_value_bool(a, cn_view_exists(s, full));
        break;
    }
    case SPARK__CONNECT__CATALOG__CAT_TYPE_FUNCTION_EXISTS:
        *out = cn_rows_value_bool(a, fn_lookup(cat->function_exists->function_name) != NULL);
        break;
    case SPARK__CONNECT__CATALOG__CAT_TYPE_DROP_TEMP_VIEW:
        *out = cn_rows_value_bool(a, cn_session_drop_view(s, cat->drop_temp_view->view_name));
        break;
    case SPARK__CONNECT__CATALOG__CAT_TYPE_DROP_GLOBAL_TEMP_VIEW:
        *out = cn_rows_value_bool(
            a, cn_global_drop_view(s->server, cat->drop_global_temp_view->view_name));
        break;
    case SPARK__CONNECT__CATALOG__CAT_TYPE_IS_CACHED: {
        const char *t = cat->is_cached->table_name;
        if (!cn_view_exists(s, t))
            return cn_table_not_found(t, err);
        *out = cn_rows_value_bool(a, false);
        break;
    }
    case SPARK__CONNECT__CATALOG__CAT_TYPE_CACHE_TABLE:
    case SPARK__CONNECT__CATALOG__CAT_TYPE_UNCACHE_TABLE:
    case SPARK__CONNECT__CATALOG__CAT_TYPE_REFRESH_TABLE: {
        const char *t = cat->cat_type_case == SPARK__CONNECT__CATALOG__CAT_TYPE_CACHE_TABLE
                            ? cat->cache_table->table_name
                        : cat->cat_type_case == SPARK__CONNECT__CATALOG__CAT_TYPE_UNCACHE_TABLE
                            ? cat->uncache_table->table_name
                            : cat->refresh_table->table_name;
        if (!cn_view_exists(s, t))
            return cn_table_not_found(t, err);
        /* Ember keeps no cached data yet: caching a view is accepted and changes nothing. */
        *out = cn_rows_void(a);
        break;
    }
    case SPARK__CONNECT__CATALOG__CAT_TYPE_CLEAR_CACHE:
    case SPARK__CONNECT__CATALOG__CAT_TYPE_REFRESH_BY_PATH:
        *out = cn_rows_void(a);
        break;
    case SPARK__CONNECT__CATALOG__CAT_TYPE_CURRENT_CATALOG:
        *out = cn_rows_value_str(a, "spark_catalog");
        break;
    case SPARK__CONNECT__CATALOG__CAT_TYPE_SET_CURRENT_CATALOG:
        if (strcmp(cat->set_current_catalog->catalog_name, "spark_catalog") != 0) {
            char q[600];
            snprintf(q, sizeof q, "`%s`", cat->set_current_catalog->catalog_name);
            return em_error_set(err, "CATALOG_NOT_FOUND", "catalogName", q, "config",
                                "\"spark.sql.catalog.<name>\"", NULL);
        }
        *out = cn_rows_void(a);
        break;
    case SPARK__CONNECT__CATALOG__CAT_TYPE_LIST_CATALOGS: {
        cn_rows r = {.a = a};
        cn_rows_col(&r, "name", ty_string(), true);
        cn_rows_col(&r, "description", ty_string(), true);
        const char *pat = cat->list_catalogs->_pattern_case ? cat->list_catalogs->pattern : NULL;
        if (cn_pattern_match(pat, "spark_catalog")) {
            cn_put_str(r.cols[0], "spark_catalog");
            cn_put_str(r.cols[1], NULL);
        }
        *out = cn_rows_finish(&r);
        break;
    }
    default: {
        const ProtobufCFieldDescriptor *f = protobuf_c_message_descriptor_get_field(
            &spark__connect__catalog__descriptor, (unsigned)cat->cat_type_case);
        char feature[128];
        snprintf(feature, sizeof feature, "Catalog.%s", f ? f->name : "unknown");
        return em_error_set(err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature", feature, NULL);
    }
    }
    return *out ? EM_OK : (err->code ? err->code : em_error_internal(err, "catalog"));
}
