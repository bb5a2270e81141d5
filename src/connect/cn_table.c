/*
 * cn_table: the server's persistent catalog as connect/ sees it — the metastore handle (opened
 * on first use at spark.sql.warehouse.dir, closed at server stop), the session's current
 * database, table names as written → (database, table), the analyzer's lookup of catalog
 * tables and persistent views, and the registry of cached tables.
 *
 * A table reads as a data-source scan of its folder (PL_READ_SOURCE: provider, location, the
 * stored schema as the user schema, the stored options); a view reads as its SQL text (PL_SQL,
 * under PL_TO_DF when it was created with column names).
 */
#include "connect/cn_ddl.h"

#include "common/em_mem.h"
#include "common/em_str.h"
#include "sql/sql.h"

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* ---- the metastore handle ---- */

static pthread_mutex_t cn_ct_mu = PTHREAD_MUTEX_INITIALIZER;
static ct_catalog *cn_ct;

ct_catalog *cn_catalog_store(cn_session *s, em_error *err)
{
    pthread_mutex_lock(&cn_ct_mu);
    if (!cn_ct) {
        char *wh = cn_conf_get_option(&s->conf, "spark.sql.warehouse.dir");
        const char *path = wh;
        if (path && strncmp(path, "file:", 5) == 0)
            path += 5;
        ct_open(path && path[0] ? path : NULL, &cn_ct, err);
        em_free(wh);
    }
    ct_catalog *c = cn_ct;
    pthread_mutex_unlock(&cn_ct_mu);
    return c;
}

void cn_catalog_shutdown(void)
{
    pthread_mutex_lock(&cn_ct_mu);
    ct_close(cn_ct);
    cn_ct = NULL;
    pthread_mutex_unlock(&cn_ct_mu);
    cn_cache_clear();
}

/* ---- current database ---- */

const char *cn_current_db(cn_session *s, char *buf, size_t size)
{
    pthread_mutex_lock(&s->mu);
    snprintf(buf, size, "%s", s->current_db[0] ? s->current_db : "default");
    pthread_mutex_unlock(&s->mu);
    return buf;
}

void cn_set_current_db(cn_session *s, const char *db)
{
    pthread_mutex_lock(&s->mu);
    size_t i = 0;
    for (; db[i] && i + 1 < sizeof s->current_db; i++)
        s->current_db[i] = (char)tolower((unsigned char)db[i]);
    s->current_db[i] = '\0';
    pthread_mutex_unlock(&s->mu);
}

/* ---- names ---- */

const char *cn_table_qname(em_arena *a, const char *db, const char *name)
{
    const char *parts[3] = {"spark_catalog", db, name};
    return pl_quoted_name(a, 3, parts);
}

int cn_table_ident(cn_session *s, em_arena *a, int n_parts, const char *const *parts,
                   const char **db, const char **name, em_error *err)
{
    char buf[256];
    if (n_parts == 1) {
        *db = em_arena_strdup(a, cn_current_db(s, buf, sizeof buf));
        *name = parts[0];
    } else if (n_parts == 2) {
        *db = parts[0];
        *name = parts[1];
    } else if (n_parts == 3 && strcasecmp(parts[0], "spark_catalog") == 0) {
        *db = parts[1];
        *name = parts[2];
    } else {
        return em_error_set(err, "TABLE_OR_VIEW_NOT_FOUND", "relationName",
                            pl_quoted_name(a, n_parts, parts), NULL);
    }
    /* Stored names are lower case (Spark's session catalog). */
    char *d = em_arena_strdup(a, *db), *n = em_arena_strdup(a, *name);
    for (char *p = d; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    for (char *p = n; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    *db = d;
    *name = n;
    return EM_OK;
}

/* ---- table plans ---- */

const ty *cn_table_schema(em_arena *a, const ct_table *t, em_error *err)
{
    const ty *schema = NULL;
    if (!t->schema_json || !t->schema_json[0])
        return ty_struct(a, 0, NULL);
    if (sql_parse_json_type(t->schema_json, a, &schema, err))
        return NULL;
    if (schema->kind != TY_STRUCT) {
        em_error_internal(err, "table %s.%s: stored schema is not a struct", t->db, t->name);
        return NULL;
    }
    return schema;
}

pl_node *cn_table_read_plan(em_arena *a, const ct_table *t, em_error *err)
{
    if (t->type == CT_VIEW) {
        pl_node *sql = pl_node_new(a, PL_SQL, 0);
        sql->u.sql.query = t->view_text ? t->view_text : "";
        if (t->n_view_cols == 0)
            return sql;
        pl_node *to_df = pl_node_new(a, PL_TO_DF, 1);
        to_df->children[0] = sql;
        to_df->u.names.n = t->n_view_cols;
        to_df->u.names.names = t->view_cols;
        return to_df;
    }
    pl_node *n = pl_node_new(a, PL_READ_SOURCE, 0);
    n->u.read.format = t->provider ? t->provider : "parquet";
    n->u.read.schema_str = t->schema_json;
    n->u.read.n_paths = 1;
    n->u.read.paths = em_arena_calloc(a, 1, sizeof(char *));
    n->u.read.paths[0] = t->location ? t->location : "";
    n->u.read.n_options = t->n_options;
    n->u.read.options = em_arena_calloc(a, (size_t)t->n_options + 1, sizeof(pl_option));
    for (int i = 0; i < t->n_options; i++) {
        n->u.read.options[i].key = t->options[i].key;
        n->u.read.options[i].value = t->options[i].value;
    }
    (void)err;
    return n;
}

int cn_table_lookup(cn_plan_ctx *pc, int n_parts, const char *const *parts, em_arena *a,
                    pl_node **plan, em_error *err)
{
    if (n_parts < 1 || n_parts > 3)
        return 1;
    if (n_parts == 3 && strcasecmp(parts[0], "spark_catalog") != 0)
        return 1;
    em_error ignored;
    em_error_clear(&ignored);
    const char *db, *name;
    if (cn_table_ident(pc->session, a, n_parts, parts, &db, &name, &ignored))
        return 1;
    ct_catalog *c = cn_catalog_store(pc->session, err);
    if (!c)
        return -1;
    ct_table t;
    int rc = ct_table_get(c, db, name, false, a, &t, err);
    if (rc != 0)
        return rc;
    pl_node *p = cn_table_read_plan(a, &t, err);
    if (!p)
        return -1;
    *plan = p;
    return 0;
}

/* ---- cached tables ---- */

static pthread_mutex_t cn_cache_mu = PTHREAD_MUTEX_INITIALIZER;
static char **cn_cache_keys;
static int cn_n_cache, cn_cap_cache;

void cn_cache_mark(const char *key, bool cached)
{
    pthread_mutex_lock(&cn_cache_mu);
    int found = -1;
    for (int i = 0; i < cn_n_cache; i++)
        if (strcasecmp(cn_cache_keys[i], key) == 0)
            found = i;
    if (cached && found < 0) {
        if (cn_n_cache == cn_cap_cache) {
            cn_cap_cache = cn_cap_cache ? cn_cap_cache * 2 : 8;
            cn_cache_keys = em_realloc(cn_cache_keys, (size_t)cn_cap_cache * sizeof(char *));
        }
        cn_cache_keys[cn_n_cache++] = em_strdup(key);
    } else if (!cached && found >= 0) {
        em_free(cn_cache_keys[found]);
        cn_cache_keys[found] = cn_cache_keys[--cn_n_cache];
    }
    pthread_mutex_unlock(&cn_cache_mu);
}

bool cn_cache_is(const char *key)
{
    pthread_mutex_lock(&cn_cache_mu);
    bool found = false;
    for (int i = 0; i < cn_n_cache && !found; i++)
        found = strcasecmp(cn_cache_keys[i], key) == 0;
    pthread_mutex_unlock(&cn_cache_mu);
    return found;
}

void cn_cache_clear(void)
{
    pthread_mutex_lock(&cn_cache_mu);
    for (int i = 0; i < cn_n_cache; i++)
        em_free(cn_cache_keys[i]);
    em_free(cn_cache_keys);
    cn_cache_keys = NULL;
    cn_n_cache = cn_cap_cache = 0;
    pthread_mutex_unlock(&cn_cache_mu);
}
