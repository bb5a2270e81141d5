/*
 * ct_table: tables and persistent views in the metastore — create (optionally PENDING until the
 * first write commits), get, list, drop, rename, update, and the crash recovery of PENDING
 * entries. A table's list-valued parts (partition columns, options, properties, view column
 * names) are rows of table_items, ordered by idx.
 */
#include "catalog/ct_int.h"

#include "common/em_mem.h"
#include "common/em_str.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *const ct_type_names[] = {"MANAGED", "EXTERNAL", "VIEW"};

static ct_table_type ct_type_parse(const char *s)
{
    for (int i = 0; i < 3; i++)
        if (s && strcmp(s, ct_type_names[i]) == 0)
            return (ct_table_type)i;
    return CT_MANAGED;
}

const char *ct_table_default_location(ct_catalog *c, em_arena *a, const char *db, const char *name)
{
    if (!c->warehouse)
        return NULL;
    char *d = ct_lower(a, db), *n = ct_lower(a, name);
    if (strcmp(d, "default") == 0)
        return em_arena_printf(a, "%s/%s", c->warehouse, n);
    ct_database info;
    if (ct_db_get(c, d, a, &info, NULL) == 0 && info.location[0])
        return em_arena_printf(a, "%s/%s", info.location, n);
    return em_arena_printf(a, "%s/%s.db/%s", c->warehouse, d, n);
}

static int ct_already_exists(const char *db, const char *name, em_error *err)
{
    em_str q;
    em_str_init(&q, 2048);
    em_str_printf(&q, "`spark_catalog`.`%s`.`%s`", db, name);
    int rc = em_error_set(err, "TABLE_OR_VIEW_ALREADY_EXISTS", "relationName", q.data, NULL);
    em_str_release(&q);
    return rc;
}

/* Deletes the entry (db, name) and its items. Caller holds mu (inside a transaction). */
static int ct_delete_locked(ct_catalog *c, const char *db, const char *name, em_error *err)
{
    static const char *const sqls[] = {"DELETE FROM tables WHERE db = ?1 AND name = ?2",
                                       "DELETE FROM table_items WHERE db = ?1 AND name = ?2"};
    for (int i = 0; i < 2; i++) {
        sqlite3_stmt *st;
        if (ct_prepare(c, sqls[i], &st, err))
            return err->code;
        ct_bind_text(st, 1, db);
        ct_bind_text(st, 2, name);
        if (ct_step_done(c, st, err))
            return err->code;
    }
    return EM_OK;
}

static int ct_put_item(ct_catalog *c, const char *db, const char *name, const char *kind, int idx,
                       const char *key, const char *value, em_error *err)
{
    sqlite3_stmt *st;
    if (ct_prepare(c, "INSERT INTO table_items VALUES (?1, ?2, ?3, ?4, ?5, ?6)", &st, err))
        return err->code;
    ct_bind_text(st, 1, db);
    ct_bind_text(st, 2, name);
    ct_bind_text(st, 3, kind);
    sqlite3_bind_int(st, 4, idx);
    ct_bind_text(st, 5, key);
    ct_bind_text(st, 6, value);
    return ct_step_done(c, st, err);
}

/* Inserts the entry and its items. Caller holds mu (inside a transaction). */
static int ct_insert_locked(ct_catalog *c, const ct_table *t, const char *db, const char *name,
                            em_error *err)
{
    sqlite3_stmt *st;
    if (ct_prepare(c,
                   "INSERT INTO tables(db, name, type, provider, location, schema_json, view_text,"
                   " comment, created_ms, state) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                   &st, err))
        return err->code;
    int64_t created = t->created_ms;
    if (created <= 0) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        created = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
    }
    ct_bind_text(st, 1, db);
    ct_bind_text(st, 2, name);
    ct_bind_text(st, 3, ct_type_names[t->type]);
    ct_bind_text(st, 4, t->provider);
    ct_bind_text(st, 5, t->location);
    ct_bind_text(st, 6, t->schema_json);
    ct_bind_text(st, 7, t->view_text);
    ct_bind_text(st, 8, t->comment);
    sqlite3_bind_int64(st, 9, created);
    ct_bind_text(st, 10, t->pending ? "PENDING" : "READY");
    if (ct_step_done(c, st, err))
        return err->code;
    int rc = EM_OK;
    for (int i = 0; rc == EM_OK && i < t->n_partition; i++)
        rc = ct_put_item(c, db, name, "partition", i, t->partition[i], NULL, err);
    for (int i = 0; rc == EM_OK && i < t->n_options; i++)
        rc = ct_put_item(c, db, name, "option", i, t->options[i].key, t->options[i].value, err);
    for (int i = 0; rc == EM_OK && i < t->n_props; i++)
        rc = ct_put_item(c, db, name, "property", i, t->props[i].key, t->props[i].value, err);
    for (int i = 0; rc == EM_OK && i < t->n_view_cols; i++)
        rc = ct_put_item(c, db, name, "viewcol", i, t->view_cols[i], NULL, err);
    return rc;
}

/* 1 if (db, name) has an entry (any state), 0 if not, <0 on error. Caller holds mu. */
static int ct_exists_locked(ct_catalog *c, const char *db, const char *name, em_error *err)
{
    sqlite3_stmt *st;
    if (ct_prepare(c, "SELECT 1 FROM tables WHERE db = ?1 AND name = ?2", &st, err))
        return -1;
    ct_bind_text(st, 1, db);
    ct_bind_text(st, 2, name);
    int found = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    return found;
}

static int ct_db_missing(ct_catalog *c, const char *db, em_error *err)
{
    if (ct_db_exists(c, db))
        return EM_OK;
    em_str q;
    em_str_init(&q, 1024);
    em_str_printf(&q, "`spark_catalog`.`%s`", db);
    int rc = em_error_set(err, "SCHEMA_NOT_FOUND", "schemaName", q.data, NULL);
    em_str_release(&q);
    return rc;
}

int ct_table_create(ct_catalog *c, const ct_table *t, bool replace, em_error *err)
{
    em_arena a;
    em_arena_init(&a, 0);
    char *db = ct_lower(&a, t->db), *name = ct_lower(&a, t->name);
    int rc = ct_db_missing(c, db, err);
    if (rc) {
        em_arena_release(&a);
        return rc;
    }
    pthread_mutex_lock(&c->mu);
    rc = ct_exec(c, "BEGIN IMMEDIATE", err);
    if (rc == EM_OK) {
        int exists = ct_exists_locked(c, db, name, err);
        if (exists < 0)
            rc = err->code;
        else if (exists && !replace)
            rc = ct_already_exists(db, name, err);
        else if (exists)
            rc = ct_delete_locked(c, db, name, err);
        if (rc == EM_OK)
            rc = ct_insert_locked(c, t, db, name, err);
        if (rc == EM_OK)
            rc = ct_exec(c, "COMMIT", err);
        else
            ct_exec(c, "ROLLBACK", NULL);
    }
    pthread_mutex_unlock(&c->mu);
    em_arena_release(&a);
    return rc;
}

int ct_table_update(ct_catalog *c, const ct_table *t, em_error *err)
{
    em_arena a;
    em_arena_init(&a, 0);
    char *db = ct_lower(&a, t->db), *name = ct_lower(&a, t->name);
    pthread_mutex_lock(&c->mu);
    int rc = ct_exec(c, "BEGIN IMMEDIATE", err);
    if (rc == EM_OK) {
        rc = ct_delete_locked(c, db, name, err);
        if (rc == EM_OK)
            rc = ct_insert_locked(c, t, db, name, err);
        if (rc == EM_OK)
            rc = ct_exec(c, "COMMIT", err);
        else
            ct_exec(c, "ROLLBACK", NULL);
    }
    pthread_mutex_unlock(&c->mu);
    em_arena_release(&a);
    return rc;
}

int ct_table_set_ready(ct_catalog *c, const char *db, const char *name, em_error *err)
{
    em_arena a;
    em_arena_init(&a, 0);
    pthread_mutex_lock(&c->mu);
    sqlite3_stmt *st;
    int rc =
        ct_prepare(c, "UPDATE tables SET state = 'READY' WHERE db = ?1 AND name = ?2", &st, err);
    if (rc == EM_OK) {
        ct_bind_text(st, 1, ct_lower(&a, db));
        ct_bind_text(st, 2, ct_lower(&a, name));
        rc = ct_step_done(c, st, err);
    }
    pthread_mutex_unlock(&c->mu);
    em_arena_release(&a);
    return rc;
}

/* Reads the items of one table into t. Caller holds mu. */
static int ct_read_items_locked(ct_catalog *c, em_arena *a, ct_table *t, em_error *err)
{
    sqlite3_stmt *st;
    if (ct_prepare(c,
                   "SELECT kind, key, value FROM table_items WHERE db = ?1 AND name = ?2"
                   " ORDER BY kind, idx",
                   &st, err))
        return err->code;
    ct_bind_text(st, 1, t->db);
    ct_bind_text(st, 2, t->name);
    /* Count first (small lists): collect into arena arrays of the upper bound. */
    int cap = 16, n = 0;
    const char **kinds = em_arena_calloc(a, (size_t)cap, sizeof *kinds);
    ct_kv *kvs = em_arena_calloc(a, (size_t)cap, sizeof *kvs);
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (n == cap) {
            const char **k2 = em_arena_calloc(a, (size_t)cap * 2, sizeof *k2);
            ct_kv *v2 = em_arena_calloc(a, (size_t)cap * 2, sizeof *v2);
            memcpy(k2, kinds, (size_t)cap * sizeof *k2);
            memcpy(v2, kvs, (size_t)cap * sizeof *v2);
            kinds = k2;
            kvs = v2;
            cap *= 2;
        }
        kinds[n] = ct_col_text(st, 0, a);
        kvs[n].key = ct_col_text(st, 1, a);
        kvs[n].value = ct_col_text(st, 2, a);
        n++;
    }
    sqlite3_finalize(st);
    t->partition = em_arena_calloc(a, (size_t)n + 1, sizeof *t->partition);
    t->view_cols = em_arena_calloc(a, (size_t)n + 1, sizeof *t->view_cols);
    t->options = em_arena_calloc(a, (size_t)n + 1, sizeof *t->options);
    t->props = em_arena_calloc(a, (size_t)n + 1, sizeof *t->props);
    for (int i = 0; i < n; i++) {
        if (strcmp(kinds[i], "partition") == 0)
            t->partition[t->n_partition++] = kvs[i].key;
        else if (strcmp(kinds[i], "viewcol") == 0)
            t->view_cols[t->n_view_cols++] = kvs[i].key;
        else if (strcmp(kinds[i], "option") == 0)
            t->options[t->n_options++] = kvs[i];
        else if (strcmp(kinds[i], "property") == 0)
            t->props[t->n_props++] = kvs[i];
    }
    return EM_OK;
}

#define CT_TABLE_COLS                                                                              \
    "db, name, type, provider, location, schema_json, view_text, comment, created_ms, state"

static void ct_read_row(sqlite3_stmt *st, em_arena *a, ct_table *t)
{
    memset(t, 0, sizeof *t);
    t->db = ct_col_text(st, 0, a);
    t->name = ct_col_text(st, 1, a);
    t->type = ct_type_parse((const char *)sqlite3_column_text(st, 2));
    t->provider = ct_col_text(st, 3, a);
    t->location = ct_col_text(st, 4, a);
    t->schema_json = ct_col_text(st, 5, a);
    t->view_text = ct_col_text(st, 6, a);
    t->comment = ct_col_text(st, 7, a);
    t->created_ms = sqlite3_column_int64(st, 8);
    const char *state = (const char *)sqlite3_column_text(st, 9);
    t->pending = state && strcmp(state, "PENDING") == 0;
}

int ct_table_get(ct_catalog *c, const char *db, const char *name, bool include_pending, em_arena *a,
                 ct_table *out, em_error *err)
{
    pthread_mutex_lock(&c->mu);
    sqlite3_stmt *st;
    int rc =
        ct_prepare(c, "SELECT " CT_TABLE_COLS " FROM tables WHERE db = ?1 AND name = ?2", &st, err);
    if (rc == EM_OK) {
        ct_bind_text(st, 1, ct_lower(a, db));
        ct_bind_text(st, 2, ct_lower(a, name));
        if (sqlite3_step(st) == SQLITE_ROW) {
            ct_read_row(st, a, out);
            rc = out->pending && !include_pending ? 1 : EM_OK;
        } else {
            rc = 1;
        }
        sqlite3_finalize(st);
        if (rc == EM_OK)
            rc = ct_read_items_locked(c, a, out, err);
    }
    pthread_mutex_unlock(&c->mu);
    return rc == EM_OK || rc == 1 ? rc : -1;
}

int ct_table_list(ct_catalog *c, const char *db, em_arena *a, int *n, ct_table **out, em_error *err)
{
    *n = 0;
    *out = NULL;
    pthread_mutex_lock(&c->mu);
    sqlite3_stmt *st;
    int rc = ct_prepare(c,
                        "SELECT " CT_TABLE_COLS " FROM tables WHERE db = ?1 AND state = 'READY'"
                        " ORDER BY name",
                        &st, err);
    int cap = 0;
    if (rc == EM_OK) {
        ct_bind_text(st, 1, ct_lower(a, db));
        while (sqlite3_step(st) == SQLITE_ROW) {
            if (*n == cap) {
                int ncap = cap ? cap * 2 : 8;
                ct_table *more = em_arena_calloc(a, (size_t)ncap, sizeof *more);
                if (cap)
                    memcpy(more, *out, (size_t)cap * sizeof *more);
                *out = more;
                cap = ncap;
            }
            ct_read_row(st, a, &(*out)[(*n)++]);
        }
        sqlite3_finalize(st);
    }
    for (int i = 0; rc == EM_OK && i < *n; i++)
        rc = ct_read_items_locked(c, a, &(*out)[i], err);
    pthread_mutex_unlock(&c->mu);
    return rc;
}

int ct_table_drop(ct_catalog *c, const char *db, const char *name, em_error *err)
{
    em_arena a;
    em_arena_init(&a, 0);
    char *d = ct_lower(&a, db), *n = ct_lower(&a, name);
    pthread_mutex_lock(&c->mu);
    int rc = ct_exec(c, "BEGIN IMMEDIATE", err);
    if (rc == EM_OK) {
        int exists = ct_exists_locked(c, d, n, err);
        if (exists < 0)
            rc = err->code;
        else if (exists)
            rc = ct_delete_locked(c, d, n, err);
        if (rc == EM_OK)
            rc = ct_exec(c, "COMMIT", err);
        else
            ct_exec(c, "ROLLBACK", NULL);
        if (rc == EM_OK && !exists)
            rc = 1;
    }
    pthread_mutex_unlock(&c->mu);
    em_arena_release(&a);
    return rc;
}

int ct_table_rename(ct_catalog *c, const char *db, const char *name, const char *to_name,
                    const char *new_location, em_error *err)
{
    em_arena a;
    em_arena_init(&a, 0);
    char *d = ct_lower(&a, db), *n = ct_lower(&a, name), *to = ct_lower(&a, to_name);
    pthread_mutex_lock(&c->mu);
    int rc = ct_exec(c, "BEGIN IMMEDIATE", err);
    if (rc == EM_OK) {
        int exists = ct_exists_locked(c, d, to, err);
        if (exists < 0)
            rc = err->code;
        else if (exists)
            rc = ct_already_exists(d, to, err);
        static const char *const sqls[] = {
            "UPDATE tables SET name = ?3, location = coalesce(?4, location)"
            " WHERE db = ?1 AND name = ?2",
            "UPDATE table_items SET name = ?3 WHERE db = ?1 AND name = ?2"};
        for (int i = 0; rc == EM_OK && i < 2; i++) {
            sqlite3_stmt *st;
            rc = ct_prepare(c, sqls[i], &st, err);
            if (rc == EM_OK) {
                ct_bind_text(st, 1, d);
                ct_bind_text(st, 2, n);
                ct_bind_text(st, 3, to);
                if (i == 0)
                    ct_bind_text(st, 4, new_location);
                rc = ct_step_done(c, st, err);
            }
        }
        if (rc == EM_OK)
            rc = ct_exec(c, "COMMIT", err);
        else
            ct_exec(c, "ROLLBACK", NULL);
    }
    pthread_mutex_unlock(&c->mu);
    em_arena_release(&a);
    return rc;
}

int ct_table_drop_all_locked(ct_catalog *c, const char *db, em_arena *a, int *n_locs,
                             const char ***locs, em_error *err)
{
    *n_locs = 0;
    sqlite3_stmt *st;
    if (ct_prepare(c, "SELECT location FROM tables WHERE db = ?1 AND type = 'MANAGED'", &st, err))
        return err->code;
    ct_bind_text(st, 1, db);
    int cap = 8;
    *locs = em_arena_calloc(a, (size_t)cap, sizeof **locs);
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *loc = ct_col_text(st, 0, a);
        if (!loc)
            continue;
        if (*n_locs == cap) {
            const char **more = em_arena_calloc(a, (size_t)cap * 2, sizeof *more);
            memcpy(more, *locs, (size_t)cap * sizeof *more);
            *locs = more;
            cap *= 2;
        }
        (*locs)[(*n_locs)++] = loc;
    }
    sqlite3_finalize(st);
    static const char *const sqls[] = {"DELETE FROM tables WHERE db = ?1",
                                       "DELETE FROM table_items WHERE db = ?1"};
    for (int i = 0; i < 2; i++) {
        if (ct_prepare(c, sqls[i], &st, err))
            return err->code;
        ct_bind_text(st, 1, db);
        if (ct_step_done(c, st, err))
            return err->code;
    }
    return EM_OK;
}

int ct_table_recover_locked(ct_catalog *c, em_error *err)
{
    em_arena a;
    em_arena_init(&a, 0);
    sqlite3_stmt *st;
    int rc = ct_prepare(c, "SELECT db, name, type, location FROM tables WHERE state = 'PENDING'",
                        &st, err);
    if (rc) {
        em_arena_release(&a);
        return rc;
    }
    int n = 0, cap = 8;
    const char **dbs = em_arena_calloc(&a, (size_t)cap, sizeof *dbs);
    const char **names = em_arena_calloc(&a, (size_t)cap, sizeof *names);
    const char **locs = em_arena_calloc(&a, (size_t)cap, sizeof *locs);
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (n == cap) {
            const char **d2 = em_arena_calloc(&a, (size_t)cap * 2, sizeof *d2);
            const char **n2 = em_arena_calloc(&a, (size_t)cap * 2, sizeof *n2);
            const char **l2 = em_arena_calloc(&a, (size_t)cap * 2, sizeof *l2);
            memcpy(d2, dbs, (size_t)cap * sizeof *d2);
            memcpy(n2, names, (size_t)cap * sizeof *n2);
            memcpy(l2, locs, (size_t)cap * sizeof *l2);
            dbs = d2;
            names = n2;
            locs = l2;
            cap *= 2;
        }
        dbs[n] = ct_col_text(st, 0, &a);
        names[n] = ct_col_text(st, 1, &a);
        const char *type = (const char *)sqlite3_column_text(st, 2);
        locs[n] = type && strcmp(type, "MANAGED") == 0 ? ct_col_text(st, 3, &a) : NULL;
        n++;
    }
    sqlite3_finalize(st);
    for (int i = 0; rc == EM_OK && i < n; i++) {
        /* The first write never committed: its folder holds at most staged files. */
        if (locs[i])
            ct_remove_tree(locs[i], NULL);
        rc = ct_delete_locked(c, dbs[i], names[i], err);
    }
    em_arena_release(&a);
    return rc;
}
