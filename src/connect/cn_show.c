/*
 * cn_show: SHOW and DESCRIBE statements, answered with the columns and rows Spark's commands
 * produce (ShowTablesCommand, ShowViewsCommand, ShowNamespaces, ShowColumnsCommand,
 * ShowCreateTableCommand, ShowTablePropertiesCommand, DescribeTableCommand,
 * DescribeQueryCommand, DescribeDatabaseCommand). Names and column shapes come from Spark's
 * golden files (show-tables.sql.out, show_columns.sql.out, describe-query.sql.out,
 * show-tblproperties.sql.out, timestamp-ntz.sql.out's DESC FORMATTED).
 */
#include "connect/cn_ddl.h"

#include "common/em_mem.h"
#include "common/em_str.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* ---- a result table of string / boolean columns ---- */

typedef struct cn_res {
    em_arena *a;
    int n_cols;
    ty_field fields[6];
    vec *cols[6];
    em_str *info; /* SHOW TABLE EXTENDED: the information text being built */
} cn_res;

static void cn_res_col(cn_res *r, const char *name, const ty *t, bool nullable)
{
    r->fields[r->n_cols] = (ty_field){.name = name, .type = t, .nullable = nullable};
    r->cols[r->n_cols++] = vec_new(t, 8);
}

static void cn_res_str(cn_res *r, int col, const char *s)
{
    if (!s)
        vec_append_null(r->cols[col]);
    else
        vec_append_str(r->cols[col], s, (int64_t)strlen(s), NULL);
}

static void cn_res_bool(cn_res *r, int col, bool b)
{
    vec *v = r->cols[col];
    vec_reserve(v, v->len + 1);
    ((uint8_t *)v->values)[v->len] = b;
    vec_set_valid(v, v->len);
    v->len++;
}

static int cn_res_answer(cn_op *op, cn_plan_ctx *pc, cn_res *r, em_error *err)
{
    const ty *schema = ty_struct(pc->arena, r->n_cols, r->fields);
    vec_batch *b = vec_batch_new(r->n_cols, r->n_cols ? r->cols[0]->len : 0);
    for (int i = 0; i < r->n_cols; i++)
        b->cols[i] = r->cols[i];
    return cn_run_answer_batch(op, pc, schema, b, err);
}

static void cn_res_release(cn_res *r)
{
    for (int i = 0; i < r->n_cols; i++)
        vec_release(r->cols[i]);
    r->n_cols = 0;
}

/* Spark's StringUtils.filterPattern: '|' alternatives, '*' any run, case-insensitive. */
static bool cn_glob(const char *pat, const char *s)
{
    if (*pat == '\0')
        return *s == '\0';
    if (*pat == '*')
        return cn_glob(pat + 1, s) || (*s && cn_glob(pat, s + 1));
    return *s && tolower((unsigned char)*pat) == tolower((unsigned char)*s) &&
           cn_glob(pat + 1, s + 1);
}

static bool cn_show_match(em_arena *a, const char *pattern, const char *name)
{
    if (!pattern)
        return true;
    const char *p = pattern;
    for (;;) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        char *alt = em_arena_strndup(a, p, n);
        while (*alt == ' ')
            alt++;
        size_t l = strlen(alt);
        while (l && alt[l - 1] == ' ')
            alt[--l] = '\0';
        if (cn_glob(alt, name))
            return true;
        if (!bar)
            return false;
        p = bar + 1;
    }
}

/* The namespace of SHOW ... IN ns (NULL = the current database), lower case. */
static const char *cn_show_db(cn_op *op, cn_plan_ctx *pc, int n, const char *const *parts)
{
    char buf[256];
    if (n == 0)
        return em_arena_strdup(pc->arena, cn_current_db(op->session, buf, sizeof buf));
    const char *d = parts[n - 1];
    char *r = em_arena_strdup(pc->arena, d);
    for (char *p = r; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    return r;
}

static int cn_catalog_or_fail(cn_op *op, ct_catalog **c, em_error *err)
{
    *c = cn_catalog_store(op->session, err);
    return *c ? EM_OK : err->code;
}

static int cn_show_tables(cn_op *op, cn_plan_ctx *pc, const pl_node *cmd, bool views, em_error *err)
{
    em_arena *a = pc->arena;
    ct_catalog *c;
    if (cn_catalog_or_fail(op, &c, err))
        return err->code;
    const char *db = cn_show_db(op, pc, cmd->u.cmd.n_ns, (const char *const *)cmd->u.cmd.ns);
    bool global = strcmp(db, "global_temp") == 0;
    if (!global && !ct_db_exists(c, db))
        return em_error_set(err, "SCHEMA_NOT_FOUND", "schemaName",
                            em_arena_printf(a, "`spark_catalog`.`%s`", db), NULL);
    cn_res r = {.a = a};
    cn_res_col(&r, "namespace", ty_string(), false);
    cn_res_col(&r, views ? "viewName" : "tableName", ty_string(), false);
    cn_res_col(&r, "isTemporary", ty_boolean(), false);
    const char *pat = cmd->u.cmd.pattern;
    if (!global) {
        int n = 0;
        ct_table *tables = NULL;
        if (ct_table_list(c, db, a, &n, &tables, err)) {
            cn_res_release(&r);
            return err->code;
        }
        for (int i = 0; i < n; i++) {
            if (views && tables[i].type != CT_VIEW)
                continue;
            if (!cn_show_match(a, pat, tables[i].name))
                continue;
            cn_res_str(&r, 0, db);
            cn_res_str(&r, 1, tables[i].name);
            cn_res_bool(&r, 2, false);
        }
    } else {
        char **names = NULL;
        int n = cn_global_view_names(op->session->server, &names);
        for (int i = 0; i < n; i++) {
            if (cn_show_match(a, pat, names[i])) {
                cn_res_str(&r, 0, "global_temp");
                cn_res_str(&r, 1, names[i]);
                cn_res_bool(&r, 2, true);
            }
            em_free(names[i]);
        }
        em_free(names);
    }
    /* Local temp views are listed in every namespace, with an empty namespace. */
    cn_session *s = op->session;
    pthread_mutex_lock(&s->mu);
    for (int i = 0; i < s->n_views; i++) {
        if (!cn_show_match(a, pat, s->views[i].name))
            continue;
        cn_res_str(&r, 0, "");
        cn_res_str(&r, 1, s->views[i].name);
        cn_res_bool(&r, 2, true);
    }
    pthread_mutex_unlock(&s->mu);
    return cn_res_answer(op, pc, &r, err);
}

static const char *cn_schema_tree(em_arena *a, const ty *schema)
{
    em_str s;
    em_str_init(&s, 0);
    em_str_puts(&s, "root\n");
    for (int i = 0; i < schema->n_fields; i++) {
        em_str t;
        em_str_init(&t, 0);
        ty_type_name(schema->fields[i].type, &t);
        em_str_printf(&s, " |-- %s: %s (nullable = %s)\n", schema->fields[i].name,
                      t.data ? t.data : "", schema->fields[i].nullable ? "true" : "false");
        em_str_release(&t);
    }
    const char *r = em_arena_strdup(a, s.data);
    em_str_release(&s);
    return r;
}

/* Java's Date.toString in UTC: "Wed Nov 05 12:00:00 UTC 2025". */
static const char *cn_java_date(em_arena *a, int64_t ms)
{
    time_t t = (time_t)(ms / 1000);
    struct tm tm;
    gmtime_r(&t, &tm);
    char buf[64];
    strftime(buf, sizeof buf, "%a %b %d %H:%M:%S UTC %Y", &tm);
    return em_arena_strdup(a, buf);
}

/* The "# Detailed Table Information" rows (CatalogTable.toLinkedHashMap's order). */
typedef void (*cn_kv_fn)(cn_res *r, const char *k, const char *v);

static void cn_detail_rows(cn_res *r, const ct_table *t, const ty *schema, bool for_show,
                           cn_kv_fn put)
{
    em_arena *a = r->a;
    static const char *const type_names[] = {"MANAGED", "EXTERNAL", "VIEW"};
    put(r, "Catalog", "spark_catalog");
    put(r, "Database", t->db);
    put(r, "Table", t->name);
    put(r, "Created Time", cn_java_date(a, t->created_ms));
    put(r, "Last Access", "UNKNOWN");
    put(r, "Created By", "Spark 4.1.0");
    put(r, "Type", type_names[t->type]);
    if (t->provider)
        put(r, "Provider", t->provider);
    if (t->comment)
        put(r, "Comment", t->comment);
    if (t->type == CT_VIEW) {
        put(r, "View Text", t->view_text);
        put(r, "View Original Text", t->view_text);
        put(r, "View Schema Mode", "BINDING");
        put(r, "View Catalog and Namespace", em_arena_printf(a, "spark_catalog.%s", t->db));
        em_str cols;
        em_str_init(&cols, 0);
        em_str_putc(&cols, '[');
        for (int i = 0; i < schema->n_fields; i++)
            em_str_printf(&cols, "%s%s", i ? ", " : "", schema->fields[i].name);
        em_str_putc(&cols, ']');
        put(r, "View Query Output Columns", em_arena_strdup(a, cols.data));
        em_str_release(&cols);
    }
    if (t->n_props > 0) {
        em_str p;
        em_str_init(&p, 0);
        em_str_putc(&p, '[');
        for (int i = 0; i < t->n_props; i++)
            em_str_printf(&p, "%s%s=%s", i ? ", " : "", t->props[i].key,
                          t->props[i].value ? t->props[i].value : "");
        em_str_putc(&p, ']');
        put(r, "Table Properties", em_arena_strdup(a, p.data));
        em_str_release(&p);
    }
    if (t->location)
        put(r, "Location", em_arena_printf(a, "file:%s", t->location));
    if (t->n_options > 0) {
        em_str p;
        em_str_init(&p, 0);
        em_str_putc(&p, '[');
        for (int i = 0; i < t->n_options; i++)
            em_str_printf(&p, "%s%s=%s", i ? ", " : "", t->options[i].key,
                          t->options[i].value ? t->options[i].value : "");
        em_str_putc(&p, ']');
        put(r, "Storage Properties", em_arena_strdup(a, p.data));
        em_str_release(&p);
    }
    if (t->n_partition > 0 && t->type == CT_MANAGED)
        put(r, "Partition Provider", "Catalog");
    if (for_show && t->n_partition > 0) {
        em_str p;
        em_str_init(&p, 0);
        em_str_putc(&p, '[');
        for (int i = 0; i < t->n_partition; i++)
            em_str_printf(&p, "%s`%s`", i ? ", " : "", t->partition[i]);
        em_str_putc(&p, ']');
        put(r, "Partition Columns", em_arena_strdup(a, p.data));
        em_str_release(&p);
    }
    if (for_show)
        put(r, "Schema", cn_schema_tree(a, schema));
}

/* SHOW TABLE EXTENDED's information text: "Key: value" lines. */
static void cn_info_put(cn_res *r, const char *k, const char *v)
{
    size_t l = strlen(v);
    em_str_printf(r->info, "%s: %s%s", k, v, l && v[l - 1] == '\n' ? "" : "\n");
}

static void cn_desc_put(cn_res *r, const char *k, const char *v)
{
    cn_res_str(r, 0, k);
    cn_res_str(r, 1, v);
    cn_res_str(r, 2, "");
}

static int cn_show_table_extended(cn_op *op, cn_plan_ctx *pc, const pl_node *cmd, em_error *err)
{
    em_arena *a = pc->arena;
    ct_catalog *c;
    if (cn_catalog_or_fail(op, &c, err))
        return err->code;
    const char *db = cn_show_db(op, pc, cmd->u.cmd.n_ns, (const char *const *)cmd->u.cmd.ns);
    cn_res r = {.a = a};
    cn_res_col(&r, "namespace", ty_string(), false);
    cn_res_col(&r, "tableName", ty_string(), false);
    cn_res_col(&r, "isTemporary", ty_boolean(), false);
    cn_res_col(&r, "information", ty_string(), false);
    int n = 0;
    ct_table *tables = NULL;
    if (ct_table_list(c, db, a, &n, &tables, err)) {
        cn_res_release(&r);
        return err->code;
    }
    for (int i = 0; i < n; i++) {
        if (!cn_show_match(a, cmd->u.cmd.pattern, tables[i].name))
            continue;
        const ty *schema = cn_table_schema(a, &tables[i], err);
        if (!schema) {
            cn_res_release(&r);
            return err->code;
        }
        em_str info;
        em_str_init(&info, 0);
        r.info = &info;
        cn_detail_rows(&r, &tables[i], schema, true, cn_info_put);
        cn_res_str(&r, 0, db);
        cn_res_str(&r, 1, tables[i].name);
        cn_res_bool(&r, 2, false);
        cn_res_str(&r, 3, info.data ? info.data : "");
        em_str_release(&info);
    }
    return cn_res_answer(op, pc, &r, err);
}

static int cn_show_databases(cn_op *op, cn_plan_ctx *pc, const pl_node *cmd, em_error *err)
{
    ct_catalog *c;
    if (cn_catalog_or_fail(op, &c, err))
        return err->code;
    int n = 0;
    ct_database *dbs = NULL;
    if (ct_db_list(c, pc->arena, &n, &dbs, err))
        return err->code;
    cn_res r = {.a = pc->arena};
    cn_res_col(&r, "namespace", ty_string(), false);
    for (int i = 0; i < n; i++)
        if (cn_show_match(pc->arena, cmd->u.cmd.pattern, dbs[i].name))
            cn_res_str(&r, 0, dbs[i].name);
    return cn_res_answer(op, pc, &r, err);
}

/* A table or view (temp views included) for SHOW COLUMNS / DESCRIBE: its resolved columns and,
   for catalog tables, the entry. */
static int cn_show_target(cn_op *op, cn_plan_ctx *pc, int np, const char *const *parts, ct_table *t,
                          bool *is_temp, pl_node **resolved, em_error *err)
{
    em_arena *a = pc->arena;
    memset(t, 0, sizeof *t);
    pl_node *read = pl_node_new(a, PL_READ_TABLE, 0);
    read->u.read.n_parts = np;
    read->u.read.parts = (const char **)parts;
    *is_temp = (np == 1 && cn_session_has_view(op->session, parts[0])) ||
               (np == 2 && strcasecmp(parts[0], "global_temp") == 0);
    if (!*is_temp) {
        ct_catalog *c;
        if (cn_catalog_or_fail(op, &c, err))
            return err->code;
        const char *db, *name;
        if (cn_table_ident(op->session, a, np, parts, &db, &name, err))
            return err->code;
        int rc = ct_table_get(c, db, name, false, a, t, err);
        if (rc == 1)
            return em_error_set(err, "TABLE_OR_VIEW_NOT_FOUND", "relationName",
                                pl_quoted_name(a, np, parts), NULL);
        if (rc < 0)
            return err->code;
    }
    return an_resolve(&pc->env, a, read, resolved, err);
}

static int cn_show_columns(cn_op *op, cn_plan_ctx *pc, const pl_node *cmd, em_error *err)
{
    em_arena *a = pc->arena;
    int np = cmd->u.cmd.n_parts;
    const char **parts = cmd->u.cmd.parts;
    if (cmd->u.cmd.n_ns > 0) {
        /* SHOW COLUMNS IN t FROM db: db must agree with a qualified t. */
        const char *db = cmd->u.cmd.ns[cmd->u.cmd.n_ns - 1];
        if (np >= 2 && strcasecmp(parts[np - 2], db) != 0)
            return em_error_set(err, "SHOW_COLUMNS_WITH_CONFLICT_NAMESPACE", "namespaceA",
                                em_arena_printf(a, "`%s`", db), "namespaceB",
                                em_arena_printf(a, "`%s`", parts[np - 2]), NULL);
        const char **full = em_arena_calloc(a, 2, sizeof(char *));
        full[0] = db;
        full[1] = parts[np - 1];
        parts = full;
        np = 2;
    }
    ct_table t;
    bool temp;
    pl_node *resolved = NULL;
    if (cn_show_target(op, pc, np, parts, &t, &temp, &resolved, err))
        return err->code;
    cn_res r = {.a = a};
    cn_res_col(&r, "col_name", ty_string(), false);
    for (int i = 0; i < resolved->n_out; i++)
        cn_res_str(&r, 0, resolved->out[i].name);
    return cn_res_answer(op, pc, &r, err);
}

static void cn_sql_quote_str(em_str *s, const char *v)
{
    em_str_putc(s, '\'');
    for (const char *p = v ? v : ""; *p; p++) {
        if (*p == '\'' || *p == '\\')
            em_str_putc(s, '\\');
        em_str_putc(s, *p);
    }
    em_str_putc(s, '\'');
}

static int cn_show_create(cn_op *op, cn_plan_ctx *pc, const pl_node *cmd, em_error *err)
{
    em_arena *a = pc->arena;
    ct_table t;
    bool temp;
    pl_node *resolved = NULL;
    if (cn_show_target(op, pc, cmd->u.cmd.n_parts, (const char *const *)cmd->u.cmd.parts, &t, &temp,
                       &resolved, err))
        return err->code;
    if (temp)
        return em_error_set(
            err, "EXPECT_PERMANENT_VIEW_NOT_TEMP", "viewName",
            pl_quoted_name(a, cmd->u.cmd.n_parts, (const char *const *)cmd->u.cmd.parts),
            "operation", "SHOW CREATE TABLE", NULL);
    const ty *schema = cn_table_schema(a, &t, err);
    if (!schema)
        return err->code;
    em_str s;
    em_str_init(&s, 0);
    em_str_printf(&s, "CREATE %s %s (", t.type == CT_VIEW ? "VIEW" : "TABLE",
                  cn_table_qname(a, t.db, t.name));
    for (int i = 0; i < schema->n_fields; i++) {
        em_str_puts(&s, i ? ",\n  " : "\n  ");
        pl_quote_if_needed(&s, schema->fields[i].name);
        if (t.type != CT_VIEW) {
            em_str_putc(&s, ' ');
            ty_sql(schema->fields[i].type, &s);
            if (!schema->fields[i].nullable)
                em_str_puts(&s, " NOT NULL");
        }
    }
    em_str_puts(&s, ")\n");
    if (t.type == CT_VIEW) {
        if (t.comment) {
            em_str_puts(&s, "COMMENT ");
            cn_sql_quote_str(&s, t.comment);
            em_str_putc(&s, '\n');
        }
        em_str_puts(&s, "WITH SCHEMA BINDING\nAS ");
        em_str_puts(&s, t.view_text);
        em_str_putc(&s, '\n');
    } else {
        em_str_printf(&s, "USING %s\n", t.provider ? t.provider : "parquet");
        if (t.n_options > 0) {
            em_str_puts(&s, "OPTIONS (");
            for (int i = 0; i < t.n_options; i++) {
                em_str_puts(&s, i ? ",\n  " : "\n  ");
                em_str_printf(&s, "'%s' = ", t.options[i].key);
                cn_sql_quote_str(&s, t.options[i].value);
            }
            em_str_puts(&s, ")\n");
        }
        if (t.n_partition > 0) {
            em_str_puts(&s, "PARTITIONED BY (");
            for (int i = 0; i < t.n_partition; i++) {
                if (i)
                    em_str_puts(&s, ", ");
                pl_quote_if_needed(&s, t.partition[i]);
            }
            em_str_puts(&s, ")\n");
        }
        if (t.comment) {
            em_str_puts(&s, "COMMENT ");
            cn_sql_quote_str(&s, t.comment);
            em_str_putc(&s, '\n');
        }
        if (t.type == CT_EXTERNAL)
            em_str_printf(&s, "LOCATION 'file:%s'\n", t.location);
    }
    if (t.n_props > 0) {
        em_str_puts(&s, "TBLPROPERTIES (");
        for (int i = 0; i < t.n_props; i++) {
            em_str_puts(&s, i ? ",\n  " : "\n  ");
            em_str_printf(&s, "'%s' = ", t.props[i].key);
            cn_sql_quote_str(&s, t.props[i].value);
        }
        em_str_puts(&s, ")\n");
    }
    cn_res r = {.a = a};
    cn_res_col(&r, "createtab_stmt", ty_string(), false);
    cn_res_str(&r, 0, s.data);
    em_str_release(&s);
    return cn_res_answer(op, pc, &r, err);
}

/* Spark's spark.sql.redaction default ("(?i)secret|password|token|access[.]?key") applied to
   property values in SHOW TBLPROPERTIES. */
static const char *cn_redact(const char *key, const char *value)
{
    static const char *const words[] = {"secret", "password", "token", "accesskey", "access.key"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcasestr(key, words[i]))
            return "*********(redacted)";
    return value ? value : "";
}

static int cn_show_props(cn_op *op, cn_plan_ctx *pc, const pl_node *cmd, em_error *err)
{
    em_arena *a = pc->arena;
    ct_table t;
    bool temp;
    pl_node *resolved = NULL;
    if (cn_show_target(op, pc, cmd->u.cmd.n_parts, (const char *const *)cmd->u.cmd.parts, &t, &temp,
                       &resolved, err))
        return err->code;
    cn_res r = {.a = a};
    const char *key = cmd->u.cmd.key;
    cn_res_col(&r, "key", ty_string(), false);
    cn_res_col(&r, "value", ty_string(), false);
    if (key) {
        /* show-tblproperties.sql.out: (key, value or "Table <db.t> does not have ...") */
        const char *v = NULL;
        for (int i = 0; i < t.n_props; i++)
            if (strcmp(t.props[i].key, key) == 0)
                v = cn_redact(key, t.props[i].value);
        cn_res_str(&r, 0, key);
        cn_res_str(
            &r, 1,
            v ? v
              : em_arena_printf(a, "Table %s does not have property: %s",
                                temp ? pl_quoted_name(a, cmd->u.cmd.n_parts,
                                                      (const char *const *)cmd->u.cmd.parts)
                                     : em_arena_printf(a, "spark_catalog.%s.%s", t.db, t.name),
                                key));
    } else if (!temp) {
        for (int i = 0; i < t.n_props; i++) {
            cn_res_str(&r, 0, t.props[i].key);
            cn_res_str(&r, 1, cn_redact(t.props[i].key, t.props[i].value));
        }
    }
    return cn_res_answer(op, pc, &r, err);
}

int cn_show_run(cn_op *op, cn_plan_ctx *pc, const pl_node *cmd, em_error *err)
{
    switch (cmd->u.cmd.sub) {
    case PL_SHOW_TABLES:
        return cn_show_tables(op, pc, cmd, false, err);
    case PL_SHOW_VIEWS:
        return cn_show_tables(op, pc, cmd, true, err);
    case PL_SHOW_DATABASES:
        return cn_show_databases(op, pc, cmd, err);
    case PL_SHOW_COLUMNS:
        return cn_show_columns(op, pc, cmd, err);
    case PL_SHOW_CREATE_TABLE:
        return cn_show_create(op, pc, cmd, err);
    case PL_SHOW_TBLPROPERTIES:
        return cn_show_props(op, pc, cmd, err);
    case PL_SHOW_TABLE_EXTENDED:
        return cn_show_table_extended(op, pc, cmd, err);
    case PL_SHOW_CURRENT_NAMESPACE: {
        char buf[256];
        cn_res r = {.a = pc->arena};
        cn_res_col(&r, "catalog", ty_string(), false);
        cn_res_col(&r, "namespace", ty_string(), false);
        cn_res_str(&r, 0, "spark_catalog");
        cn_res_str(&r, 1, cn_current_db(op->session, buf, sizeof buf));
        return cn_res_answer(op, pc, &r, err);
    }
    case PL_SHOW_CATALOGS: {
        cn_res r = {.a = pc->arena};
        cn_res_col(&r, "catalog", ty_string(), false);
        if (cn_show_match(pc->arena, cmd->u.cmd.pattern, "spark_catalog"))
            cn_res_str(&r, 0, "spark_catalog");
        return cn_res_answer(op, pc, &r, err);
    }
    default:
        return em_error_internal(err, "unknown SHOW form %d", cmd->u.cmd.sub);
    }
}

/* ---- DESCRIBE ---- */

/* The comment of a column (its metadata's "comment"), or NULL. */
static const char *cn_field_comment(em_arena *a, const ty_field *f)
{
    const char *m = f->metadata;
    const char *k = m ? strstr(m, "\"comment\":\"") : NULL;
    if (!k)
        return NULL;
    k += 11;
    em_str s;
    em_str_init(&s, 0);
    for (; *k && *k != '"'; k++) {
        if (*k == '\\' && k[1])
            k++;
        em_str_putc(&s, *k);
    }
    const char *r = em_arena_strdup(a, s.data ? s.data : "");
    em_str_release(&s);
    return r;
}

static void cn_desc_col(cn_res *r, const char *name, const ty *type, const char *comment)
{
    em_str t;
    em_str_init(&t, 0);
    ty_catalog_string(type, &t);
    cn_res_str(r, 0, name);
    cn_res_str(r, 1, t.data ? t.data : "");
    cn_res_str(r, 2, comment);
    em_str_release(&t);
}

static void cn_desc_cols(cn_res *r)
{
    cn_res_col(r, "col_name", ty_string(), false);
    cn_res_col(r, "data_type", ty_string(), false);
    cn_res_col(r, "comment", ty_string(), true);
}

int cn_describe_run(cn_op *op, cn_plan_ctx *pc, const char *text, const pl_node *cmd, em_error *err)
{
    em_arena *a = pc->arena;
    (void)text;
    cn_res r = {.a = a};
    if (cmd->u.cmd.sub == PL_DESCRIBE_QUERY) {
        pl_node *resolved = NULL;
        if (an_resolve(&pc->env, a, cmd->children[0], &resolved, err))
            return err->code;
        cn_desc_cols(&r);
        for (int i = 0; i < resolved->n_out; i++)
            cn_desc_col(&r, resolved->out[i].name, resolved->out[i].type, NULL);
        return cn_res_answer(op, pc, &r, err);
    }
    if (cmd->u.cmd.sub == PL_DESCRIBE_DATABASE) {
        ct_catalog *c;
        if (cn_catalog_or_fail(op, &c, err))
            return err->code;
        const char *db = cmd->u.cmd.parts[cmd->u.cmd.n_parts - 1];
        ct_database d;
        int rc = ct_db_get(c, db, a, &d, err);
        if (rc == 1)
            return em_error_set(err, "SCHEMA_NOT_FOUND", "schemaName",
                                em_arena_printf(a, "`spark_catalog`.`%s`", db), NULL);
        if (rc < 0)
            return err->code;
        cn_res_col(&r, "info_name", ty_string(), false);
        cn_res_col(&r, "info_value", ty_string(), false);
        const char *rows[][2] = {{"Catalog Name", "spark_catalog"},
                                 {"Namespace Name", d.name},
                                 {"Comment", d.description},
                                 {"Location", em_arena_printf(a, "file:%s", d.location)},
                                 {"Owner", ""}};
        for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
            cn_res_str(&r, 0, rows[i][0]);
            cn_res_str(&r, 1, rows[i][1]);
        }
        if (cmd->u.cmd.extended) {
            em_str p;
            em_str_init(&p, 0);
            em_str_putc(&p, '(');
            for (int i = 0; i < d.n_props; i++)
                em_str_printf(&p, "%s(%s,%s)", i ? "," : "", d.props[i].key, d.props[i].value);
            em_str_putc(&p, ')');
            cn_res_str(&r, 0, "Properties");
            cn_res_str(&r, 1, p.data);
            em_str_release(&p);
        }
        return cn_res_answer(op, pc, &r, err);
    }
    ct_table t;
    bool temp;
    pl_node *resolved = NULL;
    if (cn_show_target(op, pc, cmd->u.cmd.n_parts, (const char *const *)cmd->u.cmd.parts, &t, &temp,
                       &resolved, err))
        return err->code;
    const ty *schema = temp ? cn_plan_schema(pc, resolved) : cn_table_schema(a, &t, err);
    if (!schema)
        return err->code;
    if (cmd->u.cmd.key) {
        /* DESCRIBE t col */
        for (int i = 0; i < schema->n_fields; i++) {
            if (strcasecmp(schema->fields[i].name, cmd->u.cmd.key) != 0)
                continue;
            cn_res_col(&r, "info_name", ty_string(), false);
            cn_res_col(&r, "info_value", ty_string(), false);
            em_str ts;
            em_str_init(&ts, 0);
            ty_catalog_string(schema->fields[i].type, &ts);
            const char *cm = cn_field_comment(a, &schema->fields[i]);
            const char *rows[][2] = {{"col_name", schema->fields[i].name},
                                     {"data_type", ts.data ? ts.data : ""},
                                     {"comment", cm ? cm : "NULL"}};
            for (int k = 0; k < 3; k++) {
                cn_res_str(&r, 0, rows[k][0]);
                cn_res_str(&r, 1, rows[k][1]);
            }
            em_str_release(&ts);
            return cn_res_answer(op, pc, &r, err);
        }
        return em_error_set(err, "UNRESOLVED_COLUMN.WITHOUT_SUGGESTION", "objectName",
                            em_arena_printf(a, "`%s`", cmd->u.cmd.key), NULL);
    }
    cn_desc_cols(&r);
    for (int i = 0; i < schema->n_fields; i++)
        cn_desc_col(&r, schema->fields[i].name, schema->fields[i].type,
                    cn_field_comment(a, &schema->fields[i]));
    if (!temp && t.n_partition > 0) {
        cn_desc_put(&r, "# Partition Information", "");
        cn_res_str(&r, 0, "# col_name");
        cn_res_str(&r, 1, "data_type");
        cn_res_str(&r, 2, "comment");
        for (int k = 0; k < t.n_partition; k++)
            for (int i = 0; i < schema->n_fields; i++)
                if (strcasecmp(schema->fields[i].name, t.partition[k]) == 0)
                    cn_desc_col(&r, schema->fields[i].name, schema->fields[i].type,
                                cn_field_comment(a, &schema->fields[i]));
    }
    if (cmd->u.cmd.extended && !temp) {
        cn_desc_put(&r, "", "");
        cn_desc_put(&r, "# Detailed Table Information", "");
        cn_detail_rows(&r, &t, schema, false, cn_desc_put);
    }
    return cn_res_answer(op, pc, &r, err);
}
