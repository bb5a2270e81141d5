/*
 * cn_write: writes. DataFrameWriter (Command.write_operation: save(path), saveAsTable,
 * insertInto) and DataFrameWriterV2 (Command.write_operation_v2: create, createOrReplace,
 * replace, append, overwrite, overwritePartitions), plus the row path every table write shares:
 * the input resolved, fitted to the table's columns (by position or by name, Spark's ANSI
 * store-assignment casts), executed by exec/ and streamed batch by batch into io_write_*, which
 * commits atomically (staged files moved into place; old data intact until then).
 *
 * New tables are registered PENDING before their first write and made visible after it
 * commits (cn_write_new_table), so a crash never leaves a half table in the catalog.
 */
#include "connect/cn_ddl.h"

#include "common/em_mem.h"
#include "common/em_str.h"
#include "exec/ex.h"
#include "io/io_write.h"
#include "sql/sql.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

/* ---- the row path ---- */

int cn_write_rows(cn_op *op, cn_plan_ctx *pc, pl_node *resolved, const io_write_spec *spec_in,
                  int64_t *rows, em_error *err)
{
    *rows = 0;
    io_write_spec spec = *spec_in;
    char *codec = cn_conf_get_option(&op->session->conf, "spark.sql.parquet.compression.codec");
    if (!spec.compression_default)
        spec.compression_default = em_arena_strdup(pc->arena, codec ? codec : "snappy");
    em_free(codec);
    if (!spec.time_zone)
        spec.time_zone = pc->tz;
    io_writer *w = NULL;
    if (io_write_open(&spec, &w, err))
        return err->code ? err->code : em_error_internal(err, "io_write_open failed");
    if (!w)
        return EM_OK; /* mode ignore on an existing path */
    if (cn_plan_optimize(pc, &resolved, err)) {
        io_write_abort(w);
        return err->code;
    }
    ex_query *q = ex_open(resolved, &pc->opts, err);
    if (!q) {
        io_write_abort(w);
        return err->code;
    }
    pthread_mutex_lock(&op->mu);
    bool stop = op->interrupted;
    if (!stop)
        op->cancel_target = q;
    pthread_mutex_unlock(&op->mu);
    if (stop)
        em_error_canceled(err);
    while (!em_error_is_set(err)) {
        vec_batch *b = NULL;
        int r = ex_next(q, &b, err);
        if (r <= 0)
            break;
        if (b->n_rows > 0)
            io_write_batch(w, b, err);
        vec_batch_free(b);
    }
    pthread_mutex_lock(&op->mu);
    op->cancel_target = NULL;
    pthread_mutex_unlock(&op->mu);
    ex_close(q);
    if (em_error_is_set(err)) {
        io_write_abort(w);
        return err->code;
    }
    *rows = io_write_rows(w);
    return io_write_commit(w, err);
}

/* Spark's ANSI store assignment (Cast.canANSIStoreAssign): which casts a table write accepts. */
static bool cn_store_assignable(const ty *from, const ty *to)
{
    if (from->kind == TY_NULL || ty_equals_ignore_nullability(from, to))
        return true;
    if (ty_is_numeric(from) && ty_is_numeric(to))
        return true;
    if (ty_is_string(to) && !ty_is_nested(from))
        return true;
    bool from_dt =
        from->kind == TY_DATE || from->kind == TY_TIMESTAMP || from->kind == TY_TIMESTAMP_NTZ;
    bool to_dt = to->kind == TY_DATE || to->kind == TY_TIMESTAMP || to->kind == TY_TIMESTAMP_NTZ;
    if (from_dt && to_dt)
        return true;
    if (from->kind != to->kind)
        return false;
    switch (from->kind) {
    case TY_ARRAY:
        return cn_store_assignable(from->elem, to->elem);
    case TY_MAP:
        return cn_store_assignable(from->key, to->key) &&
               cn_store_assignable(from->value, to->value);
    case TY_STRUCT:
        if (from->n_fields != to->n_fields)
            return false;
        for (int i = 0; i < from->n_fields; i++)
            if (!cn_store_assignable(from->fields[i].type, to->fields[i].type))
                return false;
        return true;
    default:
        return ty_is_string(from) && ty_is_string(to);
    }
}

static const char *cn_sql_type(em_arena *a, const ty *t)
{
    em_str s;
    em_str_init(&s, 0);
    em_str_putc(&s, '"');
    ty_sql(t, &s);
    em_str_putc(&s, '"');
    const char *r = em_arena_strdup(a, s.data);
    em_str_release(&s);
    return r;
}

static const char *cn_quoted_list(em_arena *a, int n, const char *const *names)
{
    em_str s;
    em_str_init(&s, 0);
    for (int i = 0; i < n; i++) {
        if (i)
            em_str_puts(&s, ", ");
        pl_quote_ident(&s, names[i]);
    }
    const char *r = em_arena_strdup(a, s.data ? s.data : "");
    em_str_release(&s);
    return r;
}

/*
 * A resolved projection of child onto the table schema: column i takes child column src[i]
 * (-1 = NULL), cast to the table's type where they differ (ANSI: overflow and bad input fail).
 */
static pl_node *cn_fit_project(em_arena *a, pl_node *child, const ty *schema, const int *src,
                               const char *qname, em_error *err)
{
    int n = schema->n_fields;
    pl_node *p = pl_node_new(a, PL_PROJECT, 1);
    p->children[0] = child;
    p->resolved = true;
    p->n_out = n;
    p->out = em_arena_calloc(a, (size_t)n + 1, sizeof *p->out);
    p->n_exprs = n;
    p->exprs = em_arena_calloc(a, (size_t)n + 1, sizeof *p->exprs);
    for (int i = 0; i < n; i++) {
        const ty *want = schema->fields[i].type;
        pl_expr *e;
        if (src[i] < 0) {
            e = pl_lit_null(a, want);
            e->type = want;
            e->nullable = true;
            e->resolved = true;
        } else {
            const pl_attr *in = &child->out[src[i]];
            e = pl_expr_new(a, PX_COLREF, 0);
            e->col_index = src[i];
            e->attr_id = in->id;
            e->name = in->name;
            e->type = in->type;
            e->nullable = in->nullable;
            e->resolved = true;
            if (!ty_equals_ignore_nullability(in->type, want)) {
                if (!cn_store_assignable(in->type, want)) {
                    em_error_set(err, "INCOMPATIBLE_DATA_FOR_TABLE.CANNOT_SAFELY_CAST", "tableName",
                                 "", "colName", em_arena_printf(a, "`%s`", schema->fields[i].name),
                                 "srcType", cn_sql_type(a, in->type), "targetType",
                                 cn_sql_type(a, want), NULL);
                    return NULL;
                }
                pl_expr *cast = pl_expr_new(a, PX_CAST, 1);
                cast->args[0] = e;
                cast->cast_type = want;
                cast->type = want;
                cast->eval_mode = PX_EVAL_ANSI;
                cast->nullable = e->nullable;
                cast->resolved = true;
                cast->is_implicit = true;
                e = cast;
            }
        }
        p->exprs[i] = e;
        p->out[i].name = schema->fields[i].name;
        p->out[i].type = want;
        p->out[i].nullable = true;
        p->out[i].id = ((int64_t)1 << 40) + i;
        p->out[i].plan_id = -1;
    }
    return p;
}

/* The table write every path shares; by_name matches the input's columns by name. */
static int cn_insert_impl(cn_op *op, cn_plan_ctx *pc, const ct_table *t, pl_node *resolved,
                          bool overwrite, int n_cols, const char *const *cols, bool by_name,
                          em_error *err)
{
    em_arena *a = pc->arena;
    if (t->type == CT_VIEW)
        return em_error_set(err, "EXPECT_TABLE_NOT_VIEW.NO_ALTERNATIVE", "operation", "INSERT INTO",
                            "viewName", cn_table_qname(a, t->db, t->name), NULL);
    const ty *schema = cn_table_schema(a, t, err);
    if (!schema)
        return err->code;
    int n = schema->n_fields;
    int *src = em_arena_calloc(a, (size_t)n + 1, sizeof *src);
    const char *qname = cn_table_qname(a, t->db, t->name);
    const char **data_names = em_arena_calloc(a, (size_t)resolved->n_out + 1, sizeof(char *));
    for (int i = 0; i < resolved->n_out; i++)
        data_names[i] = resolved->out[i].name;
    const char **table_names = em_arena_calloc(a, (size_t)n + 1, sizeof(char *));
    for (int i = 0; i < n; i++)
        table_names[i] = schema->fields[i].name;
    int expected = n_cols > 0 ? n_cols : n;
    if (!by_name && resolved->n_out != expected) {
        return em_error_set(err,
                            resolved->n_out > expected
                                ? "INSERT_COLUMN_ARITY_MISMATCH.TOO_MANY_DATA_COLUMNS"
                                : "INSERT_COLUMN_ARITY_MISMATCH.NOT_ENOUGH_DATA_COLUMNS",
                            "tableName", qname, "tableColumns",
                            cn_quoted_list(a, expected, n_cols > 0 ? cols : table_names),
                            "dataColumns", cn_quoted_list(a, resolved->n_out, data_names), NULL);
    }
    for (int i = 0; i < n; i++) {
        src[i] = -1;
        if (by_name) {
            for (int k = 0; k < resolved->n_out; k++)
                if (strcasecmp(resolved->out[k].name, schema->fields[i].name) == 0)
                    src[i] = k;
            if (src[i] < 0)
                return em_error_set(err, "INCOMPATIBLE_DATA_FOR_TABLE.CANNOT_FIND_DATA",
                                    "tableName", qname, "colName",
                                    em_arena_printf(a, "`%s`", schema->fields[i].name), NULL);
        } else if (n_cols > 0) {
            for (int k = 0; k < n_cols; k++)
                if (strcasecmp(cols[k], schema->fields[i].name) == 0)
                    src[i] = k;
        } else {
            src[i] = i;
        }
    }
    for (int k = 0; k < n_cols; k++) {
        bool known = false;
        for (int i = 0; i < n; i++)
            known |= strcasecmp(cols[k], schema->fields[i].name) == 0;
        if (!known)
            return em_error_set(err, "UNRESOLVED_COLUMN.WITH_SUGGESTION", "objectName",
                                em_arena_printf(a, "`%s`", cols[k]), "proposal",
                                cn_quoted_list(a, n, table_names), NULL);
    }
    pl_node *fit = cn_fit_project(a, resolved, schema, src, qname, err);
    if (!fit)
        return err->code;
    io_write_spec spec;
    memset(&spec, 0, sizeof spec);
    spec.format = t->provider ? t->provider : "parquet";
    spec.path = t->location;
    spec.mode = overwrite ? IO_SAVE_OVERWRITE : IO_SAVE_APPEND;
    spec.schema = schema;
    spec.options = (const io_option *)t->options;
    spec.n_options = t->n_options;
    spec.partition_by = t->partition;
    spec.n_partition_by = t->n_partition;
    int64_t rows = 0;
    return cn_write_rows(op, pc, fit, &spec, &rows, err);
}

int cn_ddl_insert(cn_op *op, cn_plan_ctx *pc, const ct_table *t, pl_node *resolved, bool overwrite,
                  int n_cols, const char *const *cols, em_error *err)
{
    return cn_insert_impl(op, pc, t, resolved, overwrite, n_cols, cols, false, err);
}

/*
 * Creates table (db, name) from resolved's rows: registered PENDING (replacing any entry when
 * replace), written, then made visible. The previous managed data of a replaced table is
 * deleted after the commit.
 */
static int cn_write_new_table(cn_op *op, cn_plan_ctx *pc, ct_catalog *c, const char *db,
                              const char *name, const char *provider, pl_node *resolved, int n_part,
                              const char **part, int n_options, ct_kv *options, int n_props,
                              ct_kv *props, const ct_table *old, em_error *err)
{
    em_arena *a = pc->arena;
    ct_table t;
    memset(&t, 0, sizeof t);
    t.db = db;
    t.name = name;
    t.provider = provider;
    t.n_partition = n_part;
    t.partition = part;
    t.n_props = n_props;
    t.props = props;
    const char *location = NULL;
    t.options = em_arena_calloc(a, (size_t)n_options + 1, sizeof *t.options);
    for (int i = 0; i < n_options; i++) {
        if (strcasecmp(options[i].key, "path") == 0)
            location = options[i].value;
        else
            t.options[t.n_options++] = options[i];
    }
    t.type = location ? CT_EXTERNAL : CT_MANAGED;
    t.location = location ? location : ct_table_default_location(c, a, db, name);
    if (!t.location)
        return em_error_set(err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                            "managed tables on a server started without a warehouse", NULL);
    const ty *schema = cn_plan_schema(pc, resolved);
    /* Partition columns last, every column nullable (Spark's data-source tables). */
    ty_field *f = em_arena_calloc(a, (size_t)schema->n_fields + 1, sizeof *f);
    int *src = em_arena_calloc(a, (size_t)schema->n_fields + 1, sizeof *src);
    int nf = 0;
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < schema->n_fields; i++) {
            bool is_part = false;
            for (int k = 0; k < n_part; k++)
                is_part |= strcasecmp(schema->fields[i].name, part[k]) == 0;
            if (is_part != (pass == 1))
                continue;
            f[nf] = schema->fields[i];
            f[nf].nullable = true;
            src[nf++] = i;
        }
    const ty *table_schema = ty_struct(a, nf, f);
    em_str js;
    em_str_init(&js, 0);
    ty_json(table_schema, &js);
    t.schema_json = em_arena_strdup(a, js.data);
    em_str_release(&js);
    bool same_place = old && old->location && strcmp(old->location, t.location) == 0;
    t.pending = true;
    if (ct_table_create(c, &t, true, err))
        return err->code;
    pl_node *fit = cn_fit_project(a, resolved, table_schema, src, cn_table_qname(a, db, name), err);
    if (!fit)
        return err->code;
    io_write_spec spec;
    memset(&spec, 0, sizeof spec);
    spec.format = provider;
    spec.path = t.location;
    spec.mode = IO_SAVE_OVERWRITE;
    spec.schema = table_schema;
    spec.options = (const io_option *)t.options;
    spec.n_options = t.n_options;
    spec.partition_by = part;
    spec.n_partition_by = n_part;
    int64_t rows = 0;
    if (cn_write_rows(op, pc, fit, &spec, &rows, err)) {
        if (old && !old->pending)
            ct_table_create(c, old, true, NULL); /* the old entry back; its data is intact */
        else
            ct_table_drop(c, db, name, NULL);
        if (t.type == CT_MANAGED && !same_place)
            ct_remove_tree(t.location, NULL);
        return err->code;
    }
    if (ct_table_set_ready(c, db, name, err))
        return err->code;
    if (old && old->type == CT_MANAGED && old->location && !same_place)
        ct_remove_tree(old->location, NULL);
    return EM_OK;
}

/* ---- DataFrameWriter (v1) ---- */

static const char *cn_default_source(cn_op *op, em_arena *a)
{
    char *v = cn_conf_get_option(&op->session->conf, "spark.sql.sources.default");
    const char *r = em_arena_strdup(a, v ? v : "parquet");
    em_free(v);
    return r;
}

static int cn_check_format(const char *format, em_error *err)
{
    static const char *const ok[] = {"parquet", "csv", "json", "text"};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
        if (strcasecmp(format, ok[i]) == 0)
            return EM_OK;
    static const char *const known[] = {"orc",  "avro",  "jdbc",   "xml",  "binaryFile",
                                        "hive", "delta", "libsvm", "noop", "console"};
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strcasecmp(format, known[i]) == 0) {
            char feature[128];
            snprintf(feature, sizeof feature, "the %s data source", format);
            return em_error_set(err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature", feature,
                                NULL);
        }
    return em_error_set(err, "DATA_SOURCE_NOT_FOUND", "provider", format, NULL);
}

static ct_kv *cn_proto_options(em_arena *a, size_t n,
                               Spark__Connect__WriteOperation__OptionsEntry **entries)
{
    ct_kv *kv = em_arena_calloc(a, n + 1, sizeof *kv);
    for (size_t i = 0; i < n; i++) {
        kv[i].key = entries[i]->key;
        kv[i].value = entries[i]->value;
    }
    return kv;
}

int cn_write_operation(cn_op *op, cn_plan_ctx *pc, const Spark__Connect__WriteOperation *w,
                       em_error *err)
{
    em_arena *a = pc->arena;
    if (!w->input)
        return em_error_internal(err, "WriteOperation without input");
    bool to_table = w->save_type_case == SPARK__CONNECT__WRITE_OPERATION__SAVE_TYPE_TABLE;
    bool insert_into =
        to_table &&
        w->table->save_method ==
            SPARK__CONNECT__WRITE_OPERATION__SAVE_TABLE__TABLE_SAVE_METHOD__TABLE_SAVE_METHOD_INSERT_INTO;
    const char *operation = insert_into ? "insertInto" : to_table ? "saveAsTable" : "save";
    bool bucketed = w->bucket_by && w->bucket_by->n_bucket_column_names > 0;
    if (!bucketed && w->n_sort_column_names > 0)
        return em_error_set(err, "SORT_BY_WITHOUT_BUCKETING", NULL);
    if (bucketed) {
        if (!to_table || insert_into)
            return em_error_set(
                err, w->n_sort_column_names ? "_LEGACY_ERROR_TEMP_1313" : "_LEGACY_ERROR_TEMP_1312",
                "operation", operation, NULL);
        return em_error_set(err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                            "bucketed tables", NULL);
    }
    if (w->n_clustering_columns > 0)
        return em_error_set(err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature", "clusterBy",
                            NULL);
    const char *source = w->_source_case ? w->source : NULL;
    pl_node *resolved = NULL;
    if (cn_plan_resolve(pc, w->input, &resolved, err))
        return err->code;
    ct_kv *options = cn_proto_options(a, w->n_options, w->options);
    io_save_mode mode;
    switch (w->mode) {
    case SPARK__CONNECT__WRITE_OPERATION__SAVE_MODE__SAVE_MODE_APPEND:
        mode = IO_SAVE_APPEND;
        break;
    case SPARK__CONNECT__WRITE_OPERATION__SAVE_MODE__SAVE_MODE_OVERWRITE:
        mode = IO_SAVE_OVERWRITE;
        break;
    case SPARK__CONNECT__WRITE_OPERATION__SAVE_MODE__SAVE_MODE_IGNORE:
        mode = IO_SAVE_IGNORE;
        break;
    default:
        mode = IO_SAVE_ERROR_IF_EXISTS;
        break;
    }
    if (!to_table) {
        const char *format = source && source[0] ? source : cn_default_source(op, a);
        if (cn_check_format(format, err))
            return err->code;
        const char *path =
            w->save_type_case == SPARK__CONNECT__WRITE_OPERATION__SAVE_TYPE_PATH ? w->path : NULL;
        for (size_t i = 0; !path && i < w->n_options; i++)
            if (strcasecmp(options[i].key, "path") == 0)
                path = options[i].value;
        if (!path)
            return em_error_set(err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                                "DataFrameWriter.save() without a path", NULL);
        io_write_spec spec;
        memset(&spec, 0, sizeof spec);
        spec.format = format;
        spec.path = path;
        spec.mode = mode;
        spec.schema = cn_plan_schema(pc, resolved);
        spec.options = (const io_option *)options;
        spec.n_options = (int)w->n_options;
        spec.partition_by = (const char *const *)w->partitioning_columns;
        spec.n_partition_by = (int)w->n_partitioning_columns;
        int64_t rows = 0;
        if (cn_write_rows(op, pc, resolved, &spec, &rows, err))
            return err->code;
        return cn_run_complete(op, err);
    }
    /* Tables. */
    ct_catalog *c = cn_catalog_store(op->session, err);
    if (!c)
        return err->code;
    int n_parts = 0;
    const char **parts = NULL;
    if (sql_parse_identifier(w->table->table_name, a, &n_parts, &parts, err))
        return err->code;
    if (insert_into && w->n_partitioning_columns > 0)
        return em_error_set(err, "_LEGACY_ERROR_TEMP_1309", NULL);
    const char *db, *name;
    if (cn_table_ident(op->session, a, n_parts, parts, &db, &name, err))
        return err->code;
    if (!ct_db_exists(c, db))
        return em_error_set(err, "SCHEMA_NOT_FOUND", "schemaName",
                            em_arena_printf(a, "`spark_catalog`.`%s`", db), NULL);
    ct_table old;
    int found = ct_table_get(c, db, name, false, a, &old, err);
    if (found < 0)
        return err->code;
    if (insert_into) {
        if (found == 1)
            return em_error_set(err, "TABLE_OR_VIEW_NOT_FOUND", "relationName",
                                cn_table_qname(a, db, name), NULL);
        if (cn_insert_impl(op, pc, &old, resolved, mode == IO_SAVE_OVERWRITE, 0, NULL, false, err))
            return err->code;
        return cn_run_complete(op, err);
    }
    /* saveAsTable */
    if (found == 0) {
        if (old.type == CT_VIEW)
            return em_error_set(err, "EXPECT_TABLE_NOT_VIEW.NO_ALTERNATIVE", "operation",
                                "saveAsTable", "viewName", cn_table_qname(a, db, name), NULL);
        if (mode == IO_SAVE_IGNORE)
            return cn_run_complete(op, err);
        if (mode == IO_SAVE_ERROR_IF_EXISTS)
            return em_error_set(err, "TABLE_OR_VIEW_ALREADY_EXISTS", "relationName",
                                cn_table_qname(a, db, name), NULL);
        if (mode == IO_SAVE_APPEND) {
            /* Append uses the existing table's format and matches columns by name. */
            if (cn_insert_impl(op, pc, &old, resolved, false, 0, NULL, true, err))
                return err->code;
            return cn_run_complete(op, err);
        }
    }
    const char *provider = source && source[0] ? source : cn_default_source(op, a);
    if (cn_check_format(provider, err))
        return err->code;
    char *prov = em_arena_strdup(a, provider);
    for (char *p = prov; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    if (cn_write_new_table(op, pc, c, db, name, prov, resolved, (int)w->n_partitioning_columns,
                           (const char **)w->partitioning_columns, (int)w->n_options, options, 0,
                           NULL, found == 0 ? &old : NULL, err))
        return err->code;
    return cn_run_complete(op, err);
}

/* ---- DataFrameWriterV2 ---- */

int cn_write_operation_v2(cn_op *op, cn_plan_ctx *pc, const Spark__Connect__WriteOperationV2 *w,
                          em_error *err)
{
    em_arena *a = pc->arena;
    if (!w->input)
        return em_error_internal(err, "WriteOperationV2 without input");
    if (w->n_clustering_columns > 0)
        return em_error_set(err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature", "clusterBy",
                            NULL);
    pl_node *resolved = NULL;
    if (cn_plan_resolve(pc, w->input, &resolved, err))
        return err->code;
    ct_catalog *c = cn_catalog_store(op->session, err);
    if (!c)
        return err->code;
    int n_parts = 0;
    const char **parts = NULL;
    if (sql_parse_identifier(w->table_name, a, &n_parts, &parts, err))
        return err->code;
    const char *db, *name;
    if (cn_table_ident(op->session, a, n_parts, parts, &db, &name, err))
        return err->code;
    if (!ct_db_exists(c, db))
        return em_error_set(err, "SCHEMA_NOT_FOUND", "schemaName",
                            em_arena_printf(a, "`spark_catalog`.`%s`", db), NULL);
    ct_table old;
    int found = ct_table_get(c, db, name, false, a, &old, err);
    if (found < 0)
        return err->code;
    /* partitionedBy(col("a"), ...): column references only. */
    const char **part = em_arena_calloc(a, w->n_partitioning_columns + 1, sizeof(char *));
    for (size_t i = 0; i < w->n_partitioning_columns; i++) {
        const Spark__Connect__Expression *e = w->partitioning_columns[i];
        if (e->expr_type_case != SPARK__CONNECT__EXPRESSION__EXPR_TYPE_UNRESOLVED_ATTRIBUTE)
            return em_error_set(err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                                "partition transforms other than columns", NULL);
        part[i] = e->unresolved_attribute->unparsed_identifier;
    }
    ct_kv *options = em_arena_calloc(a, w->n_options + 1, sizeof *options);
    for (size_t i = 0; i < w->n_options; i++) {
        options[i].key = w->options[i]->key;
        options[i].value = w->options[i]->value;
    }
    ct_kv *props = em_arena_calloc(a, w->n_table_properties + 1, sizeof *props);
    for (size_t i = 0; i < w->n_table_properties; i++) {
        props[i].key = w->table_properties[i]->key;
        props[i].value = w->table_properties[i]->value;
    }
    const char *provider =
        w->_provider_case && w->provider[0] ? w->provider : cn_default_source(op, a);
    switch (w->mode) {
    case SPARK__CONNECT__WRITE_OPERATION_V2__MODE__MODE_CREATE:
        if (found == 0)
            return em_error_set(err, "TABLE_OR_VIEW_ALREADY_EXISTS", "relationName",
                                cn_table_qname(a, db, name), NULL);
        /* fall through */
    case SPARK__CONNECT__WRITE_OPERATION_V2__MODE__MODE_REPLACE:
    case SPARK__CONNECT__WRITE_OPERATION_V2__MODE__MODE_CREATE_OR_REPLACE:
        if (w->mode == SPARK__CONNECT__WRITE_OPERATION_V2__MODE__MODE_REPLACE && found == 1)
            return em_error_set(err, "TABLE_OR_VIEW_NOT_FOUND", "relationName",
                                cn_table_qname(a, db, name), NULL);
        if (cn_check_format(provider, err))
            return err->code;
        if (cn_write_new_table(op, pc, c, db, name, em_arena_strdup(a, provider), resolved,
                               (int)w->n_partitioning_columns, part, (int)w->n_options, options,
                               (int)w->n_table_properties, props, found == 0 ? &old : NULL, err))
            return err->code;
        return cn_run_complete(op, err);
    case SPARK__CONNECT__WRITE_OPERATION_V2__MODE__MODE_APPEND:
    case SPARK__CONNECT__WRITE_OPERATION_V2__MODE__MODE_OVERWRITE:
    case SPARK__CONNECT__WRITE_OPERATION_V2__MODE__MODE_OVERWRITE_PARTITIONS: {
        if (found == 1)
            return em_error_set(err, "TABLE_OR_VIEW_NOT_FOUND", "relationName",
                                cn_table_qname(a, db, name), NULL);
        bool overwrite = w->mode != SPARK__CONNECT__WRITE_OPERATION_V2__MODE__MODE_APPEND;
        if (w->mode == SPARK__CONNECT__WRITE_OPERATION_V2__MODE__MODE_OVERWRITE &&
            w->overwrite_condition) {
            const Spark__Connect__Expression *cond = w->overwrite_condition;
            bool always = cond->expr_type_case == SPARK__CONNECT__EXPRESSION__EXPR_TYPE_LITERAL &&
                          cond->literal->literal_type_case ==
                              SPARK__CONNECT__EXPRESSION__LITERAL__LITERAL_TYPE_BOOLEAN &&
                          cond->literal->boolean;
            if (!always)
                return em_error_set(err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                                    "overwrite(condition) other than lit(True)", NULL);
        }
        if (w->mode == SPARK__CONNECT__WRITE_OPERATION_V2__MODE__MODE_OVERWRITE_PARTITIONS &&
            old.n_partition > 0)
            return em_error_set(err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                                "overwritePartitions on a partitioned table", NULL);
        if (cn_insert_impl(op, pc, &old, resolved, overwrite, 0, NULL, true, err))
            return err->code;
        return cn_run_complete(op, err);
    }
    default:
        return em_error_set(err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                            "WriteOperationV2 without a mode", NULL);
    }
}
