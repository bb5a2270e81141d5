/*
 * cn_catalog: the Catalog relation (spark.catalog.*) answered from the session: temp views,
 * global temp views, the default database and the function registry. Every operation becomes
 * a LocalRelation with the columns PySpark reads by position (Database, Table, Function,
 * Column, CatalogMetadata rows; a single "value" column for scalar answers; no columns for
 * void operations), which then flows through the analyzer and executor like any relation.
 *
 * Persistent databases, tables and views come from the server's metastore (catalog/, reached
 * through cn_table.c); temporary views win over tables of the same name, as in Spark.
 */
#include "connect/cn_catalog.h"
#include "connect/cn_ddl.h"

#include "common/em_mem.h"
#include "common/em_str.h"
#include "functions/fn.h"
#include "sql/sql.h"
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

static pl_node *cn_list_databases(cn_session *s, em_arena *a, const char *pattern, const char *only,
                                  em_error *err)
{
    ct_catalog *c = cn_catalog_store(s, err);
    if (!c)
        return NULL;
    int n = 0;
    ct_database *dbs = NULL;
    if (ct_db_list(c, a, &n, &dbs, err))
        return NULL;
    cn_rows r = {.a = a};
    cn_rows_col(&r, "name", ty_string(), true);
    cn_rows_col(&r, "catalog", ty_string(), true);
    cn_rows_col(&r, "description", ty_string(), true);
    cn_rows_col(&r, "locationUri", ty_string(), true);
    for (int i = 0; i < n; i++) {
        if (only ? strcasecmp(only, dbs[i].name) != 0 : !cn_pattern_match(pattern, dbs[i].name))
            continue;
        cn_put_str(r.cols[0], dbs[i].name);
        cn_put_str(r.cols[1], "spark_catalog");
        cn_put_str(r.cols[2], dbs[i].description);
        cn_put_str(r.cols[3], em_arena_printf(a, "file:%s", dbs[i].location));
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

static void cn_catalog_table_row(cn_rows *r, const ct_table *t)
{
    static const char *const types[] = {"MANAGED", "EXTERNAL", "VIEW"};
    const char *ns[1] = {t->db};
    cn_put_str(r->cols[0], t->name);
    cn_put_str(r->cols[1], "spark_catalog");
    cn_put_str_array(r->cols[2], 1, ns);
    cn_put_str(r->cols[3], t->comment);
    cn_put_str(r->cols[4], types[t->type]);
    cn_put_bool(r->cols[5], false);
}

static pl_node *cn_list_tables(cn_session *s, em_arena *a, const char *db, const char *pattern,
                               em_error *err)
{
    char cur[256];
    if (!db || !db[0])
        db = cn_current_db(s, cur, sizeof cur);
    bool global = strcasecmp(db, "global_temp") == 0;
    ct_catalog *c = cn_catalog_store(s, err);
    if (!c)
        return NULL;
    if (strncasecmp(db, "spark_catalog.", 14) == 0)
        db += 14;
    if (!global && !ct_db_exists(c, db)) {
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
    } else {
        int n = 0;
        ct_table *tables = NULL;
        if (ct_table_list(c, db, a, &n, &tables, err)) {
            for (int i = 0; i < r.n_cols; i++)
                vec_release(r.cols[i]);
            return NULL;
        }
        for (int i = 0; i < n; i++)
            if (cn_pattern_match(pattern, tables[i].name))
                cn_catalog_table_row(&r, &tables[i]);
    }
    pthread_mutex_lock(&s->mu);
    for (int i = 0; i < s->n_views; i++)
        if (cn_pattern_match(pattern, s->views[i].name))
            cn_table_row(&r, s->views[i].name, false);
    pthread_mutex_unlock(&s->mu);
    return cn_rows_finish(&r);
}

/* A catalog table named "t", "db.t" or "spark_catalog.db.t": 0 with *t, 1 if none, <0. */
static int cn_find_table(cn_session *s, em_arena *a, const char *full, ct_table *t, em_error *err)
{
    int n_parts = 0;
    const char **parts = NULL;
    em_error perr;
    em_error_clear(&perr);
    if (sql_parse_identifier(full, a, &n_parts, &parts, &perr))
        return 1;
    const char *db, *name;
    if (cn_table_ident(s, a, n_parts, parts, &db, &name, &perr))
        return 1;
    ct_catalog *c = cn_catalog_store(s, err);
    if (!c)
        return -1;
    return ct_table_get(c, db, name, false, a, t, err);
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

/* The cache key of a temp view: its name as written, lower case. */
static const char *cn_temp_key(em_arena *a, const char *name)
{
    char *k = em_arena_strdup(a, name);
    for (char *p = k; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    return k;
}

/* A temp view or a catalog table / view. */
static bool cn_relation_exists(cn_session *s, em_arena *a, const char *full)
{
    if (cn_view_exists(s, full))
        return true;
    ct_table t;
    em_error ignored;
    em_error_clear(&ignored);
    return cn_find_table(s, a, full, &t, &ignored) == 0;
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
    case SPARK__CONNECT__CATALOG__CAT_TYPE_CURRENT_DATABASE: {
        char cur[256];
        *out = cn_rows_value_str(a, cn_current_db(s, cur, sizeof cur));
        break;
    }
    case SPARK__CONNECT__CATALOG__CAT_TYPE_SET_CURRENT_DATABASE: {
        const char *db = cat->set_current_database->db_name;
        ct_catalog *c = cn_catalog_store(s, err);
        if (!c)
            return err->code;
        if (strncasecmp(db, "spark_catalog.", 14) == 0)
            db += 14;
        if (!ct_db_exists(c, db))
            return cn_schema_not_found(db, err);
        cn_set_current_db(s, db);
        *out = cn_rows_void(a);
        break;
    }
    case SPARK__CONNECT__CATALOG__CAT_TYPE_LIST_DATABASES: {
        const char *pat = cat->list_databases->_pattern_case ? cat->list_databases->pattern : NULL;
        *out = cn_list_databases(s, a, pat, NULL, err);
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
        if (lf->_db_name_case) {
            ct_catalog *c = cn_catalog_store(s, err);
            if (!c)
                return err->code;
            if (!ct_db_exists(c, lf->db_name))
                return cn_schema_not_found(lf->db_name, err);
        }
        *out = cn_list_functions(a, lf->_pattern_case ? lf->pattern : NULL);
        break;
    }
    case SPARK__CONNECT__CATALOG__CAT_TYPE_LIST_COLUMNS: {
        const Spark__Connect__ListColumns *lc = cat->list_columns;
        const char *full = lc->_db_name_case
                               ? em_arena_printf(a, "%s.%s", lc->db_name, lc->table_name)
                               : lc->table_name;
        if (!cn_relation_exists(s, a, full))
            return cn_table_not_found(full, err);
        int n_parts = 0;
        const char **parts = NULL;
        if (sql_parse_identifier(full, a, &n_parts, &parts, err))
            return err->code;
        pl_node *read = pl_node_new(a, PL_READ_TABLE, 0);
        read->u.read.n_parts = n_parts;
        read->u.read.parts = parts;
        pl_node *resolved = NULL;
        if (an_resolve(&pc->env, a, read, &resolved, err))
            return err->code;
        ct_table t;
        memset(&t, 0, sizeof t);
        em_error ignored;
        em_error_clear(&ignored);
        bool catalog = !cn_view_exists(s, full) && cn_find_table(s, a, full, &t, &ignored) == 0;
        const ty *stored = catalog ? cn_table_schema(a, &t, &ignored) : NULL;
        cn_rows r = {.a = a};
        cn_rows_col(&r, "name", ty_string(), true);
        cn_rows_col(&r, "description", ty_string(), true);
        cn_rows_col(&r, "dataType", ty_string(), true);
        cn_rows_col(&r, "nullable", ty_boolean(), false);
        cn_rows_col(&r, "isPartition", ty_boolean(), false);
        cn_rows_col(&r, "isBucket", ty_boolean(), false);
        cn_rows_col(&r, "isCluster", ty_boolean(), false);
        for (int i = 0; i < resolved->n_out; i++) {
            em_str ty_text;
            em_str_init(&ty_text, 0);
            ty_catalog_string(resolved->out[i].type, &ty_text);
            bool part = false;
            for (int k = 0; k < t.n_partition; k++)
                part |= strcasecmp(t.partition[k], resolved->out[i].name) == 0;
            const char *comment = NULL;
            if (stored && i < stored->n_fields && stored->fields[i].metadata) {
                const char *m = strstr(stored->fields[i].metadata, "\"comment\":\"");
                if (m) {
                    m += 11;
                    const char *end = strchr(m, '"');
                    comment = em_arena_strndup(a, m, end ? (size_t)(end - m) : strlen(m));
                }
            }
            cn_put_str(r.cols[0], resolved->out[i].name);
            cn_put_str(r.cols[1], comment);
            cn_put_str(r.cols[2], ty_text.data ? ty_text.data : "");
            cn_put_bool(r.cols[3], stored && i < stored->n_fields ? stored->fields[i].nullable
                                                                  : resolved->out[i].nullable);
            cn_put_bool(r.cols[4], part);
            cn_put_bool(r.cols[5], false);
            cn_put_bool(r.cols[6], false);
            em_str_release(&ty_text);
        }
        *out = cn_rows_finish(&r);
        break;
    }
    case SPARK__CONNECT__CATALOG__CAT_TYPE_GET_DATABASE: {
        const char *db = cat->get_database->db_name;
        if (strncasecmp(db, "spark_catalog.", 14) == 0)
            db += 14;
        *out = cn_list_databases(s, a, NULL, db, err);
        if (*out && (*out)->u.local.n_batches > 0 && (*out)->u.local.batches[0]->n_rows == 0)
            return cn_schema_not_found(db, err);
        break;
    }
    case SPARK__CONNECT__CATALOG__CAT_TYPE_GET_TABLE: {
        const Spark__Connect__GetTable *gt = cat->get_table;
        const char *full = gt->_db_name_case
                               ? em_arena_printf(a, "%s.%s", gt->db_name, gt->table_name)
                               : gt->table_name;
        cn_rows r = {.a = a};
        if (cn_view_exists(s, full)) {
            char db[256];
            const char *name = cn_split_name(full, db, sizeof db);
            cn_table_columns(&r);
            cn_table_row(&r, name, db[0] && strcasecmp(db, "global_temp") == 0);
        } else {
            ct_table t;
            int rc = cn_find_table(s, a, full, &t, err);
            if (rc < 0)
                return err->code;
            if (rc == 1)
                return cn_table_not_found(full, err);
            cn_table_columns(&r);
            cn_catalog_table_row(&r, &t);
        }
        *out = cn_rows_finish(&r);
        break;
    }
    case SPARK__CONNECT__CATALOG__CAT_TYPE_DATABASE_EXISTS: {
        const char *db = cat->database_exists->db_name;
        ct_catalog *c = cn_catalog_store(s, err);
        if (!c)
            return err->code;
        if (strncasecmp(db, "spark_catalog.", 14) == 0)
            db += 14;
        *out = cn_rows_value_bool(a, ct_db_exists(c, db) || strcasecmp(db, "global_temp") == 0);
        break;
    }
    case SPARK__CONNECT__CATALOG__CAT_TYPE_TABLE_EXISTS: {
        const Spark__Connect__TableExists *te = cat->table_exists;
        const char *full = te->_db_name_case
                               ? em_arena_printf(a, "%s.%s", te->db_name, te->table_name)
                               : te->table_name;
        *out = cn_rows_value_bool(a, cn_relation_exists(s, a, full));
        break;
    }
    case SPARK__CONNECT__CATALOG__CAT_TYPE_FUNCTION_EXISTS:
        *out = cn_rows_value_bool(a, fn_lookup(cat->function_exists->function_name) != NULL);
        break;
    case SPARK__CONNECT__CATALOG__CAT_TYPE_GET_FUNCTION: {
        const char *fname = cat->get_function->function_name;
        const fn_def *d = fn_lookup(fname);
        if (!d)
            return em_error_set(err, "UNRESOLVED_ROUTINE", "routineName",
                                em_arena_printf(a, "`%s`", fname), "searchPath",
                                "[`system`.`builtin`, `system`.`session`, "
                                "`spark_catalog`.`default`]",
                                NULL);
        cn_rows r = {.a = a};
        cn_rows_col(&r, "name", ty_string(), true);
        cn_rows_col(&r, "catalog", ty_string(), true);
        cn_rows_col(&r, "namespace", ty_array(a, ty_string(), true), true);
        cn_rows_col(&r, "description", ty_string(), true);
        cn_rows_col(&r, "className", ty_string(), true);
        cn_rows_col(&r, "isTemporary", ty_boolean(), false);
        cn_put_str(r.cols[0], d->name);
        cn_put_str(r.cols[1], NULL);
        cn_put_str_array(r.cols[2], -1, NULL);
        cn_put_str(r.cols[3], NULL);
        cn_put_str(r.cols[4], "org.apache.spark.sql.catalyst.expressions");
        cn_put_bool(r.cols[5], true);
        *out = cn_rows_finish(&r);
        break;
    }
    case SPARK__CONNECT__CATALOG__CAT_TYPE_CREATE_TABLE:
    case SPARK__CONNECT__CATALOG__CAT_TYPE_CREATE_EXTERNAL_TABLE: {
        bool ext = cat->cat_type_case == SPARK__CONNECT__CATALOG__CAT_TYPE_CREATE_EXTERNAL_TABLE;
        const char *tname =
            ext ? cat->create_external_table->table_name : cat->create_table->table_name;
        bool has_path =
            ext ? cat->create_external_table->_path_case : cat->create_table->_path_case;
        const char *path = ext ? cat->create_external_table->path : cat->create_table->path;
        bool has_source =
            ext ? cat->create_external_table->_source_case : cat->create_table->_source_case;
        const char *source = ext ? cat->create_external_table->source : cat->create_table->source;
        bool has_schema =
            ext ? cat->create_external_table->_schema_case : cat->create_table->_schema_case;
        const Spark__Connect__DataType *dt = !has_schema ? NULL
                                             : ext       ? cat->create_external_table->schema
                                                         : cat->create_table->schema;
        size_t n_opts = ext ? cat->create_external_table->n_options : cat->create_table->n_options;
        pl_node *cmd = pl_node_new(a, PL_COMMAND, 0);
        cmd->u.cmd.kind = PL_CMD_CREATE_TABLE;
        if (sql_parse_identifier(tname, a, &cmd->u.cmd.n_parts, &cmd->u.cmd.parts, err))
            return err->code;
        if (has_source && source[0])
            cmd->u.cmd.provider = source;
        else {
            char *dflt = cn_conf_get_option(&s->conf, "spark.sql.sources.default");
            cmd->u.cmd.provider = em_arena_strdup(a, dflt ? dflt : "parquet");
            em_free(dflt);
        }
        if (has_path)
            cmd->u.cmd.location = path;
        if (!ext && cat->create_table->_description_case)
            cmd->u.cmd.comment = cat->create_table->description;
        if (dt) {
            const ty *schema = NULL;
            if (cx_data_type(dt, a, &schema, err))
                return err->code;
            cmd->u.cmd.schema = schema->kind == TY_STRUCT ? schema : NULL;
        }
        cmd->u.cmd.options = em_arena_calloc(a, n_opts + 1, sizeof(pl_option));
        for (size_t i = 0; i < n_opts; i++) {
            cmd->u.cmd.options[i].key = ext ? cat->create_external_table->options[i]->key
                                            : cat->create_table->options[i]->key;
            cmd->u.cmd.options[i].value = ext ? cat->create_external_table->options[i]->value
                                              : cat->create_table->options[i]->value;
        }
        cmd->u.cmd.n_options = (int)n_opts;
        if (cn_ddl_create_table_entry(pc, cmd, err))
            return err->code;
        /* The result is the table itself, as Spark's createTable returns spark.table(name). */
        pl_node *read = pl_node_new(a, PL_READ_TABLE, 0);
        read->u.read.n_parts = cmd->u.cmd.n_parts;
        read->u.read.parts = cmd->u.cmd.parts;
        *out = read;
        break;
    }
    case SPARK__CONNECT__CATALOG__CAT_TYPE_RECOVER_PARTITIONS: {
        const char *t = cat->recover_partitions->table_name;
        if (!cn_relation_exists(s, a, t))
            return cn_table_not_found(t, err);
        /* Spark's RepairTableCommand: only partitioned catalog tables (a temp view is none). */
        ct_table tab;
        em_error ignored;
        em_error_clear(&ignored);
        if (cn_view_exists(s, t) || cn_find_table(s, a, t, &tab, &ignored) != 0 ||
            tab.n_partition == 0)
            return em_error_set(err, "NOT_A_PARTITIONED_TABLE", "operation",
                                "ALTER TABLE RECOVER PARTITIONS", "tableIdentWithDB",
                                cn_view_exists(s, t) ? t : cn_table_qname(a, tab.db, tab.name),
                                NULL);
        *out = cn_rows_void(a); /* partitions are discovered from the folders at each read */
        break;
    }
    case SPARK__CONNECT__CATALOG__CAT_TYPE_DROP_TEMP_VIEW:
        *out = cn_rows_value_bool(a, cn_session_drop_view(s, cat->drop_temp_view->view_name));
        break;
    case SPARK__CONNECT__CATALOG__CAT_TYPE_DROP_GLOBAL_TEMP_VIEW:
        *out = cn_rows_value_bool(
            a, cn_global_drop_view(s->server, cat->drop_global_temp_view->view_name));
        break;
    case SPARK__CONNECT__CATALOG__CAT_TYPE_IS_CACHED:
    case SPARK__CONNECT__CATALOG__CAT_TYPE_CACHE_TABLE:
    case SPARK__CONNECT__CATALOG__CAT_TYPE_UNCACHE_TABLE:
    case SPARK__CONNECT__CATALOG__CAT_TYPE_REFRESH_TABLE: {
        Spark__Connect__Catalog__CatTypeCase k = cat->cat_type_case;
        const char *t =
            k == SPARK__CONNECT__CATALOG__CAT_TYPE_CACHE_TABLE     ? cat->cache_table->table_name
            : k == SPARK__CONNECT__CATALOG__CAT_TYPE_UNCACHE_TABLE ? cat->uncache_table->table_name
            : k == SPARK__CONNECT__CATALOG__CAT_TYPE_IS_CACHED     ? cat->is_cached->table_name
                                                                   : cat->refresh_table->table_name;
        if (!cn_relation_exists(s, a, t))
            return cn_table_not_found(t, err);
        /* The cached state is recorded (isCached answers it); Ember keeps no cached copy: every
           read scans the files again, which is what a refreshed cache would return. */
        const char *key;
        ct_table tab;
        em_error ignored;
        em_error_clear(&ignored);
        if (!cn_view_exists(s, t) && cn_find_table(s, a, t, &tab, &ignored) == 0)
            key = em_arena_printf(a, "%s.%s", tab.db, tab.name);
        else
            key = cn_temp_key(a, t);
        if (k == SPARK__CONNECT__CATALOG__CAT_TYPE_IS_CACHED) {
            *out = cn_rows_value_bool(a, cn_cache_is(key));
            break;
        }
        if (k != SPARK__CONNECT__CATALOG__CAT_TYPE_REFRESH_TABLE)
            cn_cache_mark(key, k == SPARK__CONNECT__CATALOG__CAT_TYPE_CACHE_TABLE);
        *out = cn_rows_void(a);
        break;
    }
    case SPARK__CONNECT__CATALOG__CAT_TYPE_CLEAR_CACHE:
        cn_cache_clear();
        *out = cn_rows_void(a);
        break;
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
