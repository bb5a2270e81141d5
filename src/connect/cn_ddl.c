/*
 * cn_ddl: runs the catalog statements of spark.sql() (PL_COMMAND kinds from
 * PL_CMD_CREATE_TABLE on): CREATE/DROP TABLE and VIEW, CREATE/DROP DATABASE, USE, INSERT,
 * ALTER TABLE/VIEW/DATABASE, TRUNCATE, REFRESH, CACHE/UNCACHE/CLEAR CACHE, temp views over data
 * sources. SHOW and DESCRIBE are in cn_show.c. Every statement answers like Spark's commands: a
 * LocalRelation of its result rows (none for most), then result_complete.
 *
 * Writes (CTAS, INSERT) run the query through exec/ and io_write_* (cn_write_rows). A new table
 * written by CTAS is registered PENDING first and flipped to visible after its files commit, so a
 * crash in between leaves nothing visible (see src/catalog/README.md).
 */
#include "connect/cn_ddl.h"

#include "common/em_mem.h"
#include "common/em_str.h"
#include "exec/ex.h"
#include "io/io_write.h"
#include "sql/sql.h"

#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* ---- small helpers ---- */

static int cn_ddl_ok(cn_op *op, cn_plan_ctx *pc, em_error *err)
{
    return cn_run_answer_batch(op, pc, ty_struct(pc->arena, 0, NULL), NULL, err);
}

static const char *cn_strip_file(const char *path)
{
    if (path && strncmp(path, "file://", 7) == 0)
        return path + 7;
    if (path && strncmp(path, "file:", 5) == 0)
        return path + 5;
    return path;
}

/* True when path is missing or an empty folder. */
static bool cn_dir_empty(const char *path)
{
    DIR *d = opendir(path);
    if (!d)
        return true;
    struct dirent *e;
    bool empty = true;
    while (empty && (e = readdir(d)) != NULL)
        empty = strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0;
    closedir(d);
    return empty;
}

/* Spark's formats Ember writes and reads; others raise Spark's errors naming them. */
static int cn_check_provider(const char *provider, em_error *err)
{
    static const char *const ok[] = {"parquet", "csv", "json", "text"};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
        if (strcasecmp(provider, ok[i]) == 0)
            return EM_OK;
    static const char *const known[] = {"orc",        "avro", "jdbc",  "xml",
                                        "binaryFile", "hive", "delta", "libsvm"};
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strcasecmp(provider, known[i]) == 0) {
            char feature[128];
            snprintf(feature, sizeof feature, "the %s data source", provider);
            return em_error_set(err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature", feature,
                                NULL);
        }
    return em_error_set(err, "DATA_SOURCE_NOT_FOUND", "provider", provider, NULL);
}

static const char *cn_lower_dup(em_arena *a, const char *s)
{
    char *r = em_arena_strdup(a, s);
    for (char *p = r; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    return r;
}

static int cn_schema_missing(em_arena *a, const char *db, em_error *err)
{
    return em_error_set(err, "SCHEMA_NOT_FOUND", "schemaName",
                        em_arena_printf(a, "`spark_catalog`.`%s`", db), NULL);
}

static int cn_not_found(em_arena *a, const char *db, const char *name, em_error *err)
{
    return em_error_set(err, "TABLE_OR_VIEW_NOT_FOUND", "relationName", cn_table_qname(a, db, name),
                        NULL);
}

/* Loads (db, name) for a statement; 1 = not found (error set unless quiet). */
static int cn_ddl_get(cn_plan_ctx *pc, ct_catalog *c, int n_parts, const char *const *parts,
                      ct_table *t, bool quiet, em_error *err)
{
    const char *db, *name;
    if (cn_table_ident(pc->session, pc->arena, n_parts, parts, &db, &name, err))
        return -1;
    int rc = ct_table_get(c, db, name, false, pc->arena, t, err);
    if (rc == 1) {
        memset(t, 0, sizeof *t);
        t->db = db;
        t->name = name;
        if (!quiet)
            cn_not_found(pc->arena, db, name, err);
    }
    return rc;
}

/* The schema JSON of a struct type. */
static const char *cn_schema_json(em_arena *a, const ty *schema)
{
    em_str s;
    em_str_init(&s, 0);
    ty_json(schema, &s);
    const char *r = em_arena_strdup(a, s.data ? s.data : "{\"type\":\"struct\",\"fields\":[]}");
    em_str_release(&s);
    return r;
}

/* Moves the partition columns to the end (Spark's layout for data-source tables); unknown
   names raise COLUMN_NOT_DEFINED_IN_TABLE-like errors (Spark: _LEGACY_ERROR_TEMP_1204). */
static const ty *cn_partition_last(em_arena *a, const ty *schema, int n_part,
                                   const char *const *part, em_error *err)
{
    if (n_part == 0)
        return schema;
    ty_field *f = em_arena_calloc(a, (size_t)schema->n_fields + 1, sizeof *f);
    int n = 0;
    for (int i = 0; i < schema->n_fields; i++) {
        bool is_part = false;
        for (int k = 0; k < n_part; k++)
            is_part |= strcasecmp(schema->fields[i].name, part[k]) == 0;
        if (!is_part)
            f[n++] = schema->fields[i];
    }
    for (int k = 0; k < n_part; k++) {
        int found = -1;
        for (int i = 0; i < schema->n_fields; i++)
            if (strcasecmp(schema->fields[i].name, part[k]) == 0)
                found = i;
        if (found < 0) {
            em_error_set(
                err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                em_arena_printf(a, "a partition column `%s` missing from the schema", part[k]),
                NULL);
            return NULL;
        }
        f[n++] = schema->fields[found];
    }
    return ty_struct(a, n, f);
}

static const ty *cn_nullable(em_arena *a, const ty *schema)
{
    ty_field *f = em_arena_calloc(a, (size_t)schema->n_fields + 1, sizeof *f);
    for (int i = 0; i < schema->n_fields; i++) {
        f[i] = schema->fields[i];
        f[i].nullable = true;
    }
    return ty_struct(a, schema->n_fields, f);
}

/* Resolves an unresolved plan with the session's analyzer. */
static int cn_resolve(cn_plan_ctx *pc, pl_node *plan, pl_node **out, em_error *err)
{
    return an_resolve(&pc->env, pc->arena, plan, out, err);
}

/* ---- CREATE TABLE ---- */

/* CREATE TABLE without answering (op may be NULL when there is no AS query). */
static int cn_create_table_impl(cn_op *op, cn_plan_ctx *pc, const pl_node *cmd, em_error *err)
{
    em_arena *a = pc->arena;
    ct_catalog *c = cn_catalog_store(pc->session, err);
    if (!c)
        return err->code;
    const char *db, *name;
    if (cn_table_ident(pc->session, a, cmd->u.cmd.n_parts, (const char *const *)cmd->u.cmd.parts,
                       &db, &name, err))
        return err->code;
    if (!ct_db_exists(c, db))
        return cn_schema_missing(a, db, err);
    const char *provider = cmd->u.cmd.provider ? cmd->u.cmd.provider : "parquet";
    if (cn_check_provider(provider, err))
        return err->code;
    ct_table t;
    memset(&t, 0, sizeof t);
    t.db = db;
    t.name = name;
    t.provider = cn_lower_dup(a, provider);
    t.comment = cmd->u.cmd.comment;
    t.n_partition = cmd->u.cmd.n_partition;
    t.partition = cmd->u.cmd.partition_cols;
    t.n_props = cmd->u.cmd.n_props;
    t.props = (ct_kv *)cmd->u.cmd.props; /* same layout: key, value */
    /* OPTIONS: `path` is the location (an external table). */
    const char *location = cmd->u.cmd.location;
    t.options = em_arena_calloc(a, (size_t)cmd->u.cmd.n_options + 1, sizeof *t.options);
    for (int i = 0; i < cmd->u.cmd.n_options; i++) {
        if (strcasecmp(cmd->u.cmd.options[i].key, "path") == 0) {
            location = cmd->u.cmd.options[i].value;
            continue;
        }
        t.options[t.n_options].key = cmd->u.cmd.options[i].key;
        t.options[t.n_options].value = cmd->u.cmd.options[i].value;
        t.n_options++;
    }
    bool external = location != NULL;
    t.type = external ? CT_EXTERNAL : CT_MANAGED;
    t.location = external ? cn_strip_file(location) : ct_table_default_location(c, a, db, name);
    if (!t.location)
        return em_error_set(err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                            "managed tables on a server started without a warehouse", NULL);
    /* Existing entry? */
    ct_table old;
    int found = ct_table_get(c, db, name, true, a, &old, err);
    if (found < 0)
        return err->code;
    if (found == 0 && !cmd->u.cmd.replace) {
        if (cmd->u.cmd.if_not_exists)
            return EM_OK;
        return em_error_set(err, "TABLE_OR_VIEW_ALREADY_EXISTS", "relationName",
                            cn_table_qname(a, db, name), NULL);
    }
    const pl_node *query = cmd->n_children ? cmd->children[0] : NULL;
    pl_node *resolved = NULL;
    const ty *schema = cmd->u.cmd.schema;
    if (query) {
        if (cn_resolve(pc, (pl_node *)query, &resolved, err))
            return err->code;
        schema = cn_nullable(a, cn_plan_schema(pc, resolved));
    } else if ((!schema || schema->n_fields == 0) && external) {
        /* No columns: the data at the location gives them (Spark infers them too). */
        pl_node *read = cn_table_read_plan(a, &t, err);
        read->u.read.schema_str = NULL;
        pl_node *r = NULL;
        if (cn_resolve(pc, read, &r, err))
            return err->code;
        schema = cn_plan_schema(pc, r);
    }
    if (!schema)
        schema = ty_struct(a, 0, NULL);
    schema = cn_partition_last(a, schema, t.n_partition, t.partition, err);
    if (!schema)
        return err->code;
    t.schema_json = cn_schema_json(a, schema);
    if (!external && found != 0 && !cn_dir_empty(t.location))
        return em_error_set(err, "LOCATION_ALREADY_EXISTS", "identifier",
                            cn_table_qname(a, db, name), "location",
                            em_arena_printf(a, "'file:%s'", t.location), NULL);
    bool drop_old_data = found == 0 && old.type == CT_MANAGED && old.location &&
                         strcmp(old.location, t.location) != 0;
    if (!query) {
        if (!external && ct_mkdirs(t.location, err))
            return err->code;
        if (ct_table_create(c, &t, cmd->u.cmd.replace, err))
            return err->code;
        if (drop_old_data)
            ct_remove_tree(old.location, NULL);
        return EM_OK;
    }
    /* CTAS: register PENDING, write, then make it visible. */
    t.pending = found != 0;
    if (ct_table_create(c, &t, true, err))
        return err->code;
    io_write_spec spec;
    memset(&spec, 0, sizeof spec);
    spec.format = t.provider;
    spec.path = t.location;
    spec.mode = IO_SAVE_OVERWRITE;
    spec.schema = cn_plan_schema(pc, resolved);
    spec.options = (const io_option *)t.options;
    spec.n_options = t.n_options;
    spec.partition_by = t.partition;
    spec.n_partition_by = t.n_partition;
    int64_t rows = 0;
    if (cn_write_rows(op, pc, resolved, &spec, &rows, err)) {
        if (t.pending) {
            ct_table_drop(c, db, name, NULL);
            if (!external)
                ct_remove_tree(t.location, NULL);
        }
        return err->code;
    }
    if (t.pending && ct_table_set_ready(c, db, name, err))
        return err->code;
    if (drop_old_data)
        ct_remove_tree(old.location, NULL);
    return EM_OK;
}

int cn_ddl_create_table_entry(cn_plan_ctx *pc, const pl_node *cmd, em_error *err)
{
    if (cmd->n_children)
        return em_error_internal(err, "cn_ddl_create_table_entry with a query");
    return cn_create_table_impl(NULL, pc, cmd, err);
}

static int cn_ddl_create_table(cn_op *op, cn_plan_ctx *pc, const pl_node *cmd, em_error *err)
{
    if (cn_create_table_impl(op, pc, cmd, err))
        return err->code;
    return cn_ddl_ok(op, pc, err);
}

/* ---- views ---- */

static int cn_ddl_create_view(cn_op *op, cn_plan_ctx *pc, const char *text, const pl_node *cmd,
                              em_error *err)
{
    em_arena *a = pc->arena;
    ct_catalog *c = cn_catalog_store(pc->session, err);
    if (!c)
        return err->code;
    const char *db, *name;
    if (cn_table_ident(pc->session, a, cmd->u.cmd.n_parts, (const char *const *)cmd->u.cmd.parts,
                       &db, &name, err))
        return err->code;
    if (!ct_db_exists(c, db))
        return cn_schema_missing(a, db, err);
    ct_table t;
    memset(&t, 0, sizeof t);
    t.db = db;
    t.name = name;
    t.type = CT_VIEW;
    t.comment = cmd->u.cmd.comment;
    t.n_props = cmd->u.cmd.n_props;
    t.props = (ct_kv *)cmd->u.cmd.props;
    t.view_text = em_arena_strndup(a, text + cmd->u.cmd.query_start,
                                   (size_t)(cmd->u.cmd.query_stop - cmd->u.cmd.query_start + 1));
    t.n_view_cols = cmd->u.cmd.n_cols;
    t.view_cols = cmd->u.cmd.cols;
    pl_node *resolved = NULL;
    if (cn_resolve(pc, cn_table_read_plan(a, &t, err), &resolved, err))
        return err->code;
    t.schema_json = cn_schema_json(a, cn_plan_schema(pc, resolved));
    ct_table old;
    int found = ct_table_get(c, db, name, true, a, &old, err);
    if (found < 0)
        return err->code;
    if (found == 0) {
        if (cmd->u.cmd.if_not_exists)
            return cn_ddl_ok(op, pc, err);
        if (!cmd->u.cmd.replace)
            return em_error_set(err, "TABLE_OR_VIEW_ALREADY_EXISTS", "relationName",
                                cn_table_qname(a, db, name), NULL);
        if (old.type != CT_VIEW)
            return em_error_set(err, "EXPECT_VIEW_NOT_TABLE.NO_ALTERNATIVE", "tableName",
                                cn_table_qname(a, db, name), "operation", "CREATE OR REPLACE VIEW",
                                NULL);
    }
    if (ct_table_create(c, &t, true, err))
        return err->code;
    return cn_ddl_ok(op, pc, err);
}

/* CREATE [GLOBAL] TEMP VIEW v [(cols)] USING fmt OPTIONS (...): a temp view over a read. */
static int cn_ddl_temp_view_using(cn_op *op, cn_plan_ctx *pc, const pl_node *cmd, em_error *err)
{
    em_arena *a = pc->arena;
    cn_session *s = op->session;
    if (cn_check_provider(cmd->u.cmd.provider, err))
        return err->code;
    const char *name = cmd->u.cmd.parts[cmd->u.cmd.n_parts - 1];
    bool global = cmd->u.cmd.global;
    bool exists = global ? cn_global_has_view(s->server, name) : cn_session_has_view(s, name);
    if (exists && !cmd->u.cmd.replace) {
        if (cmd->u.cmd.if_not_exists)
            return cn_ddl_ok(op, pc, err);
        return em_error_set(err, "TEMP_TABLE_OR_VIEW_ALREADY_EXISTS", "relationName",
                            global ? em_arena_printf(a, "`global_temp`.`%s`", name)
                                   : em_arena_printf(a, "`%s`", name),
                            NULL);
    }
    /* Stored as a Read relation (what spark.read.format(f).options(o).schema(s).load() sends). */
    Spark__Connect__Read__DataSource ds = SPARK__CONNECT__READ__DATA_SOURCE__INIT;
    ds._format_case = SPARK__CONNECT__READ__DATA_SOURCE___FORMAT_FORMAT;
    ds.format = (char *)cmd->u.cmd.provider;
    if (cmd->u.cmd.schema) {
        ds._schema_case = SPARK__CONNECT__READ__DATA_SOURCE___SCHEMA_SCHEMA;
        ds.schema = (char *)cn_schema_json(a, cmd->u.cmd.schema);
    }
    Spark__Connect__Read__DataSource__OptionsEntry *entries =
        em_arena_calloc(a, (size_t)cmd->u.cmd.n_options + 1, sizeof *entries);
    Spark__Connect__Read__DataSource__OptionsEntry **eps =
        em_arena_calloc(a, (size_t)cmd->u.cmd.n_options + 1, sizeof *eps);
    for (int i = 0; i < cmd->u.cmd.n_options; i++) {
        spark__connect__read__data_source__options_entry__init(&entries[i]);
        entries[i].key = (char *)cmd->u.cmd.options[i].key;
        entries[i].value = (char *)(cmd->u.cmd.options[i].value ? cmd->u.cmd.options[i].value : "");
        eps[i] = &entries[i];
    }
    ds.n_options = (size_t)cmd->u.cmd.n_options;
    ds.options = eps;
    Spark__Connect__Read read = SPARK__CONNECT__READ__INIT;
    read.read_type_case = SPARK__CONNECT__READ__READ_TYPE_DATA_SOURCE;
    read.data_source = &ds;
    Spark__Connect__Relation rel = SPARK__CONNECT__RELATION__INIT;
    rel.rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_READ;
    rel.read = &read;
    pl_node *resolved = NULL;
    if (cn_plan_resolve(pc, &rel, &resolved, err))
        return err->code;
    size_t len;
    uint8_t *bytes = cn_pack(&rel.base, &len);
    if (global)
        cn_global_put_view(s->server, name, bytes, len);
    else
        cn_session_put_view(s, name, bytes, len);
    em_free(bytes);
    return cn_ddl_ok(op, pc, err);
}

/* ---- DROP ---- */

static int cn_ddl_drop_table(cn_op *op, cn_plan_ctx *pc, const pl_node *cmd, em_error *err)
{
    em_arena *a = pc->arena;
    cn_session *s = op->session;
    int np = cmd->u.cmd.n_parts;
    const char *const *parts = (const char *const *)cmd->u.cmd.parts;
    /* Temp views first (DROP TABLE drops them too, as Spark's DropTableCommand does). */
    if (np == 1 && cn_session_drop_view(s, parts[0]))
        return cn_ddl_ok(op, pc, err);
    if (np == 2 && strcasecmp(parts[0], "global_temp") == 0) {
        if (cn_global_drop_view(s->server, parts[1]) || cmd->u.cmd.if_exists)
            return cn_ddl_ok(op, pc, err);
        return em_error_set(err, "TABLE_OR_VIEW_NOT_FOUND", "relationName",
                            pl_quoted_name(a, np, parts), NULL);
    }
    ct_catalog *c = cn_catalog_store(s, err);
    if (!c)
        return err->code;
    ct_table t;
    int rc = cn_ddl_get(pc, c, np, parts, &t, cmd->u.cmd.if_exists, err);
    if (rc == 1)
        return cmd->u.cmd.if_exists ? cn_ddl_ok(op, pc, err) : err->code;
    if (rc < 0)
        return err->code;
    bool view = cmd->u.cmd.is_view;
    if (view != (t.type == CT_VIEW)) {
        return em_error_set(err, "WRONG_COMMAND_FOR_OBJECT_TYPE", "alternative",
                            view ? "DROP TABLE" : "DROP VIEW", "foundType",
                            view ? (t.type == CT_MANAGED ? "MANAGED" : "EXTERNAL") : "VIEW",
                            "objectName", cn_table_qname(a, t.db, t.name), "operation",
                            view ? "DROP VIEW" : "DROP TABLE", "requiredType",
                            view ? "VIEW" : "EXTERNAL or MANAGED", NULL);
    }
    if (ct_table_drop(c, t.db, t.name, err) < 0)
        return err->code;
    cn_cache_mark(em_arena_printf(a, "%s.%s", t.db, t.name), false);
    if (t.type == CT_MANAGED && t.location)
        ct_remove_tree(t.location, NULL);
    return cn_ddl_ok(op, pc, err);
}

/* ---- databases ---- */

static const char *cn_db_name(cn_plan_ctx *pc, const pl_node *cmd, em_error *err)
{
    int np = cmd->u.cmd.n_parts;
    if (np == 1)
        return cn_lower_dup(pc->arena, cmd->u.cmd.parts[0]);
    if (np == 2 && strcasecmp(cmd->u.cmd.parts[0], "spark_catalog") == 0)
        return cn_lower_dup(pc->arena, cmd->u.cmd.parts[1]);
    em_error_set(err, "REQUIRES_SINGLE_PART_NAMESPACE", "sessionCatalog", "spark_catalog",
                 "namespace", pl_quoted_name(pc->arena, np, (const char *const *)cmd->u.cmd.parts),
                 NULL);
    return NULL;
}

static int cn_ddl_database(cn_op *op, cn_plan_ctx *pc, const pl_node *cmd, em_error *err)
{
    ct_catalog *c = cn_catalog_store(op->session, err);
    if (!c)
        return err->code;
    const char *db = cn_db_name(pc, cmd, err);
    if (!db)
        return err->code;
    switch (cmd->u.cmd.kind) {
    case PL_CMD_CREATE_DATABASE:
        if (ct_db_create(c, db, cmd->u.cmd.comment, cn_strip_file(cmd->u.cmd.location),
                         cmd->u.cmd.n_props, (const ct_kv *)cmd->u.cmd.props,
                         cmd->u.cmd.if_not_exists, err))
            return err->code;
        break;
    case PL_CMD_DROP_DATABASE:
        if (ct_db_drop(c, db, cmd->u.cmd.if_exists, cmd->u.cmd.cascade, err))
            return err->code;
        break;
    case PL_CMD_USE:
        if (!ct_db_exists(c, db))
            return cn_schema_missing(pc->arena, db, err);
        cn_set_current_db(op->session, db);
        break;
    default:
        break;
    }
    return cn_ddl_ok(op, pc, err);
}

/* ---- INSERT ---- */

static int cn_ddl_insert_stmt(cn_op *op, cn_plan_ctx *pc, const pl_node *cmd, em_error *err)
{
    ct_catalog *c = cn_catalog_store(op->session, err);
    if (!c)
        return err->code;
    ct_table t;
    int np = cmd->u.cmd.n_parts;
    const char *const *parts = (const char *const *)cmd->u.cmd.parts;
    if (np == 1 && cn_session_has_view(op->session, parts[0]))
        return em_error_set(err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                            "INSERT INTO a temporary view", NULL);
    if (cn_ddl_get(pc, c, np, parts, &t, false, err))
        return err->code;
    pl_node *resolved = NULL;
    if (cn_resolve(pc, cmd->children[0], &resolved, err))
        return err->code;
    if (cn_ddl_insert(op, pc, &t, resolved, cmd->u.cmd.overwrite, cmd->u.cmd.n_cols,
                      (const char *const *)cmd->u.cmd.cols, err))
        return err->code;
    return cn_ddl_ok(op, pc, err);
}

/* ---- ALTER ---- */

static int cn_ddl_alter(cn_op *op, cn_plan_ctx *pc, const char *text, const pl_node *cmd,
                        em_error *err)
{
    em_arena *a = pc->arena;
    ct_catalog *c = cn_catalog_store(op->session, err);
    if (!c)
        return err->code;
    if (cmd->u.cmd.sub == PL_ALTER_DATABASE_PROPS) {
        const char *db = cn_db_name(pc, cmd, err);
        if (!db)
            return err->code;
        ct_database d;
        int rc = ct_db_get(c, db, a, &d, err);
        if (rc == 1)
            return cn_schema_missing(a, db, err);
        if (rc < 0)
            return err->code;
        ct_kv *merged =
            em_arena_calloc(a, (size_t)(d.n_props + cmd->u.cmd.n_props + 1), sizeof *merged);
        int n = 0;
        for (int i = 0; i < d.n_props; i++)
            merged[n++] = d.props[i];
        for (int i = 0; i < cmd->u.cmd.n_props; i++) {
            int k = 0;
            while (k < n && strcmp(merged[k].key, cmd->u.cmd.props[i].key) != 0)
                k++;
            merged[k].key = cmd->u.cmd.props[i].key;
            merged[k].value = cmd->u.cmd.props[i].value;
            if (k == n)
                n++;
        }
        if (ct_db_set_props(c, db, n, merged, err))
            return err->code;
        return cn_ddl_ok(op, pc, err);
    }
    int np = cmd->u.cmd.n_parts;
    const char *const *parts = (const char *const *)cmd->u.cmd.parts;
    if ((np == 1 && cn_session_has_view(op->session, parts[0])) ||
        (np == 2 && strcasecmp(parts[0], "global_temp") == 0)) {
        return em_error_set(err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                            "ALTER on a temporary view", NULL);
    }
    ct_table t;
    if (cn_ddl_get(pc, c, np, parts, &t, false, err))
        return err->code;
    bool is_view = t.type == CT_VIEW;
    if (cmd->u.cmd.is_view && !is_view)
        return em_error_set(err, "EXPECT_VIEW_NOT_TABLE.USE_ALTER_TABLE", "tableName",
                            cn_table_qname(a, t.db, t.name), "operation", "ALTER VIEW", NULL);
    if (!cmd->u.cmd.is_view && is_view)
        return em_error_set(err, "EXPECT_TABLE_NOT_VIEW.USE_ALTER_VIEW", "viewName",
                            cn_table_qname(a, t.db, t.name), "operation", "ALTER TABLE", NULL);
    switch (cmd->u.cmd.sub) {
    case PL_ALTER_RENAME: {
        const char *to_db = t.db, *to_name;
        if (cn_table_ident(op->session, a, cmd->u.cmd.n_ns, (const char *const *)cmd->u.cmd.ns,
                           &to_db, &to_name, err))
            return err->code;
        if (cmd->u.cmd.n_ns == 1)
            to_db = t.db;
        if (strcmp(to_db, t.db) != 0)
            return em_error_set(err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                                "renaming a table into another database", NULL);
        const char *new_loc = NULL;
        if (t.type == CT_MANAGED) {
            new_loc = ct_table_default_location(c, a, t.db, to_name);
            if (new_loc && !cn_dir_empty(new_loc))
                return em_error_set(err, "LOCATION_ALREADY_EXISTS", "identifier",
                                    cn_table_qname(a, t.db, to_name), "location",
                                    em_arena_printf(a, "'file:%s'", new_loc), NULL);
        }
        if (ct_table_rename(c, t.db, t.name, to_name, new_loc, err))
            return err->code;
        if (new_loc && t.location && rename(t.location, new_loc) != 0) {
            /* Put the entry back: the data did not move. */
            ct_table_rename(c, t.db, to_name, t.name, t.location, NULL);
            return em_error_internal(err, "cannot move %s to %s", t.location, new_loc);
        }
        break;
    }
    case PL_ALTER_ADD_COLUMNS: {
        const ty *schema = cn_table_schema(a, &t, err);
        if (!schema)
            return err->code;
        const ty *add = cmd->u.cmd.schema;
        for (int i = 0; i < add->n_fields; i++)
            for (int k = 0; k < schema->n_fields; k++)
                if (strcasecmp(add->fields[i].name, schema->fields[k].name) == 0)
                    return em_error_set(err, "COLUMN_ALREADY_EXISTS", "columnName",
                                        em_arena_printf(a, "`%s`", add->fields[i].name), NULL);
        /* New data columns go before the partition columns. */
        int n_data = schema->n_fields - t.n_partition;
        ty_field *f = em_arena_calloc(a, (size_t)(schema->n_fields + add->n_fields + 1), sizeof *f);
        int n = 0;
        for (int i = 0; i < n_data; i++)
            f[n++] = schema->fields[i];
        for (int i = 0; i < add->n_fields; i++)
            f[n++] = add->fields[i];
        for (int i = n_data; i < schema->n_fields; i++)
            f[n++] = schema->fields[i];
        t.schema_json = cn_schema_json(a, ty_struct(a, n, f));
        if (ct_table_update(c, &t, err))
            return err->code;
        break;
    }
    case PL_ALTER_SET_PROPS:
    case PL_ALTER_UNSET_PROPS: {
        ct_kv *props =
            em_arena_calloc(a, (size_t)(t.n_props + cmd->u.cmd.n_props + 1), sizeof *props);
        int n = 0;
        for (int i = 0; i < t.n_props; i++)
            props[n++] = t.props[i];
        for (int i = 0; i < cmd->u.cmd.n_props; i++) {
            int k = 0;
            while (k < n && strcmp(props[k].key, cmd->u.cmd.props[i].key) != 0)
                k++;
            if (cmd->u.cmd.sub == PL_ALTER_SET_PROPS) {
                props[k].key = cmd->u.cmd.props[i].key;
                props[k].value = cmd->u.cmd.props[i].value ? cmd->u.cmd.props[i].value : "";
                if (k == n)
                    n++;
            } else if (k < n) {
                props[k] = props[--n];
            }
        }
        t.n_props = n;
        t.props = props;
        if (ct_table_update(c, &t, err))
            return err->code;
        break;
    }
    case PL_ALTER_SET_LOCATION:
        t.location = cn_strip_file(cmd->u.cmd.location);
        if (ct_table_update(c, &t, err))
            return err->code;
        break;
    case PL_ALTER_VIEW_AS: {
        t.view_text =
            em_arena_strndup(a, text + cmd->u.cmd.query_start,
                             (size_t)(cmd->u.cmd.query_stop - cmd->u.cmd.query_start + 1));
        pl_node *resolved = NULL;
        if (cn_resolve(pc, cn_table_read_plan(a, &t, err), &resolved, err))
            return err->code;
        t.schema_json = cn_schema_json(a, cn_plan_schema(pc, resolved));
        if (ct_table_update(c, &t, err))
            return err->code;
        break;
    }
    case PL_ALTER_PARTITIONS:
        if (t.n_partition == 0)
            return em_error_set(err, "NOT_A_PARTITIONED_TABLE", "operation",
                                "ALTER TABLE ... PARTITION", "tableIdentWithDB",
                                cn_table_qname(a, t.db, t.name), NULL);
        break; /* partitions are discovered from the folders when read */
    default:
        break;
    }
    return cn_ddl_ok(op, pc, err);
}

/* ---- TRUNCATE / REFRESH / CACHE ---- */

static int cn_ddl_table_op(cn_op *op, cn_plan_ctx *pc, const pl_node *cmd, em_error *err)
{
    em_arena *a = pc->arena;
    cn_session *s = op->session;
    if (cmd->u.cmd.kind == PL_CMD_CLEAR_CACHE) {
        cn_cache_clear();
        return cn_ddl_ok(op, pc, err);
    }
    int np = cmd->u.cmd.n_parts;
    const char *const *parts = (const char *const *)cmd->u.cmd.parts;
    /* CACHE TABLE t AS query: a temp view t, cached. */
    if (cmd->u.cmd.kind == PL_CMD_CACHE && cmd->n_children) {
        pl_node *resolved = NULL;
        if (cn_resolve(pc, cmd->children[0], &resolved, err))
            return err->code;
        return em_error_set(err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                            "CACHE TABLE ... AS query", NULL);
    }
    const char *key = NULL;
    bool temp = (np == 1 && cn_session_has_view(s, parts[0])) ||
                (np == 2 && strcasecmp(parts[0], "global_temp") == 0 &&
                 cn_global_has_view(s->server, parts[1]));
    ct_table t;
    memset(&t, 0, sizeof t);
    if (temp) {
        key = cn_lower_dup(a, pl_quoted_name(a, np, parts));
    } else {
        ct_catalog *c = cn_catalog_store(s, err);
        if (!c)
            return err->code;
        int rc = cn_ddl_get(pc, c, np, parts, &t, cmd->u.cmd.if_exists, err);
        if (rc == 1 && cmd->u.cmd.if_exists)
            return cn_ddl_ok(op, pc, err);
        if (rc)
            return err->code;
        key = em_arena_printf(a, "%s.%s", t.db, t.name);
    }
    switch (cmd->u.cmd.kind) {
    case PL_CMD_TRUNCATE: {
        if (temp || t.type == CT_VIEW)
            return em_error_set(
                err, "EXPECT_TABLE_NOT_VIEW.NO_ALTERNATIVE", "operation", "TRUNCATE TABLE",
                "viewName", temp ? pl_quoted_name(a, np, parts) : cn_table_qname(a, t.db, t.name),
                NULL);
        /* An empty overwrite: the old files go only when the (empty) new state commits. */
        const ty *schema = cn_table_schema(a, &t, err);
        if (!schema)
            return err->code;
        pl_node *empty = pl_node_new(a, PL_LOCAL, 0);
        empty->u.local.schema = schema;
        pl_node *resolved = NULL;
        if (cn_resolve(pc, empty, &resolved, err))
            return err->code;
        if (cn_ddl_insert(op, pc, &t, resolved, true, 0, NULL, err))
            return err->code;
        break;
    }
    case PL_CMD_CACHE:
        cn_cache_mark(key, true);
        break;
    case PL_CMD_UNCACHE:
        cn_cache_mark(key, false);
        break;
    default: /* REFRESH: every read lists the files again */
        break;
    }
    return cn_ddl_ok(op, pc, err);
}

int cn_ddl_run(cn_op *op, cn_plan_ctx *pc, const char *text, const pl_node *cmd, em_error *err)
{
    switch (cmd->u.cmd.kind) {
    case PL_CMD_CREATE_TABLE:
        return cn_ddl_create_table(op, pc, cmd, err);
    case PL_CMD_CREATE_VIEW:
        return cn_ddl_create_view(op, pc, text, cmd, err);
    case PL_CMD_CREATE_TEMP_VIEW_USING:
        return cn_ddl_temp_view_using(op, pc, cmd, err);
    case PL_CMD_DROP_TABLE:
    case PL_CMD_DROP_VIEW: /* from cn_run.c when no temp view had the name */
        return cn_ddl_drop_table(op, pc, cmd, err);
    case PL_CMD_CREATE_DATABASE:
    case PL_CMD_DROP_DATABASE:
    case PL_CMD_USE:
        return cn_ddl_database(op, pc, cmd, err);
    case PL_CMD_INSERT:
        return cn_ddl_insert_stmt(op, pc, cmd, err);
    case PL_CMD_ALTER_TABLE:
        return cn_ddl_alter(op, pc, text, cmd, err);
    case PL_CMD_SHOW:
        return cn_show_run(op, pc, cmd, err);
    case PL_CMD_DESCRIBE:
        return cn_describe_run(op, pc, text, cmd, err);
    case PL_CMD_TRUNCATE:
    case PL_CMD_REFRESH:
    case PL_CMD_CACHE:
    case PL_CMD_UNCACHE:
    case PL_CMD_CLEAR_CACHE:
        return cn_ddl_table_op(op, pc, cmd, err);
    default:
        return -1;
    }
}
