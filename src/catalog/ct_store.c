/*
 * ct_store: the SQLite metastore itself — opening (WAL mode, the layout, format_version, crash
 * recovery), the statement helpers the other files use, databases, and the folder helpers
 * (mkdir -p, recursive removal) for managed data.
 *
 * Layout (format_version 1):
 *   meta(key PRIMARY KEY, value)                 format_version
 *   databases(name PRIMARY KEY, description, location, created_ms)
 *   database_props(db, key, value)
 *   tables(db, name, type, provider, location, schema_json, view_text, comment, created_ms,
 *          state)                                state: READY | PENDING
 *   table_items(db, name, kind, idx, key, value) kind: partition | option | property | viewcol
 * Names are stored lower-cased; every lookup uses lower-cased keys.
 */
#include "catalog/ct_int.h"

#include "common/em_mem.h"
#include "common/em_str.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char *const ct_schema_sql =
    "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);"
    "CREATE TABLE IF NOT EXISTS databases(name TEXT PRIMARY KEY, description TEXT,"
    " location TEXT, created_ms INTEGER);"
    "CREATE TABLE IF NOT EXISTS database_props(db TEXT, key TEXT, value TEXT,"
    " PRIMARY KEY(db, key));"
    "CREATE TABLE IF NOT EXISTS tables(db TEXT, name TEXT, type TEXT, provider TEXT,"
    " location TEXT, schema_json TEXT, view_text TEXT, comment TEXT, created_ms INTEGER,"
    " state TEXT, PRIMARY KEY(db, name));"
    "CREATE TABLE IF NOT EXISTS table_items(db TEXT, name TEXT, kind TEXT, idx INTEGER,"
    " key TEXT, value TEXT);"
    "CREATE INDEX IF NOT EXISTS table_items_by_table ON table_items(db, name);";

/* ---- helpers ---- */

int ct_prepare(ct_catalog *c, const char *sql, sqlite3_stmt **st, em_error *err)
{
    if (sqlite3_prepare_v2(c->db, sql, -1, st, NULL) != SQLITE_OK)
        return em_error_internal(err, "metastore: cannot prepare \"%.80s\": %s", sql,
                                 sqlite3_errmsg(c->db));
    return EM_OK;
}

int ct_exec(ct_catalog *c, const char *sql, em_error *err)
{
    char *msg = NULL;
    if (sqlite3_exec(c->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        int rc = em_error_internal(err, "metastore: \"%.80s\" failed: %s", sql, msg ? msg : "");
        sqlite3_free(msg);
        return rc;
    }
    return EM_OK;
}

int ct_step_done(ct_catalog *c, sqlite3_stmt *st, em_error *err)
{
    int r = sqlite3_step(st);
    int rc = EM_OK;
    if (r != SQLITE_DONE)
        rc = em_error_internal(err, "metastore: \"%.80s\" failed: %s", sqlite3_sql(st),
                               sqlite3_errmsg(c->db));
    sqlite3_finalize(st);
    return rc;
}

void ct_bind_text(sqlite3_stmt *st, int idx, const char *s)
{
    if (s)
        sqlite3_bind_text(st, idx, s, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, idx);
}

const char *ct_col_text(sqlite3_stmt *st, int idx, em_arena *a)
{
    const unsigned char *t = sqlite3_column_text(st, idx);
    if (!t)
        return NULL;
    return em_arena_strndup(a, (const char *)t, (size_t)sqlite3_column_bytes(st, idx));
}

char *ct_lower(em_arena *a, const char *s)
{
    char *r = em_arena_strdup(a, s ? s : "");
    for (char *p = r; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    return r;
}

static int64_t ct_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- folders ---- */

int ct_mkdirs(const char *path, em_error *err)
{
    em_str p;
    em_str_init(&p, 0);
    em_str_puts(&p, path);
    int rc = EM_OK;
    for (size_t i = 1; i <= p.len && rc == EM_OK; i++) {
        if (i < p.len && p.data[i] != '/')
            continue;
        char saved = p.data[i];
        p.data[i] = '\0';
        if (mkdir(p.data, 0755) != 0 && errno != EEXIST) {
            rc = em_error_internal(err, "cannot create the folder %s: %s", p.data, strerror(errno));
        }
        p.data[i] = saved;
    }
    em_str_release(&p);
    return rc;
}

int ct_remove_tree(const char *path, em_error *err)
{
    struct stat sb;
    if (lstat(path, &sb) != 0)
        return EM_OK;
    if (S_ISDIR(sb.st_mode)) {
        DIR *d = opendir(path);
        if (d) {
            struct dirent *e;
            while ((e = readdir(d)) != NULL) {
                if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                    continue;
                em_str child;
                em_str_init(&child, 0);
                em_str_printf(&child, "%s/%s", path, e->d_name);
                int rc = ct_remove_tree(child.data, err);
                em_str_release(&child);
                if (rc) {
                    closedir(d);
                    return rc;
                }
            }
            closedir(d);
        }
        if (rmdir(path) != 0 && errno != ENOENT)
            return em_error_internal(err, "cannot remove %s: %s", path, strerror(errno));
        return EM_OK;
    }
    if (unlink(path) != 0 && errno != ENOENT)
        return em_error_internal(err, "cannot remove %s: %s", path, strerror(errno));
    return EM_OK;
}

/* ---- open / close ---- */

static int ct_check_version(ct_catalog *c, em_error *err)
{
    sqlite3_stmt *st;
    if (ct_prepare(c, "SELECT value FROM meta WHERE key = 'format_version'", &st, err))
        return err->code;
    int version = 0;
    if (sqlite3_step(st) == SQLITE_ROW)
        version = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    if (version > CT_FORMAT_VERSION)
        return em_error_internal(err, "metastore format_version %d is newer than this Ember (%d)",
                                 version, CT_FORMAT_VERSION);
    if (version == 0)
        return ct_exec(c, "INSERT OR REPLACE INTO meta(key, value) VALUES ('format_version', '1')",
                       err);
    /* Migrations from older versions go here. */
    return EM_OK;
}

static int ct_ensure_default(ct_catalog *c, em_error *err)
{
    sqlite3_stmt *st;
    if (ct_prepare(c,
                   "INSERT OR IGNORE INTO databases(name, description, location, created_ms)"
                   " VALUES ('default', 'default database', ?1, ?2)",
                   &st, err))
        return err->code;
    ct_bind_text(st, 1, c->warehouse ? c->warehouse : "");
    sqlite3_bind_int64(st, 2, ct_now_ms());
    return ct_step_done(c, st, err);
}

int ct_open(const char *warehouse, ct_catalog **out, em_error *err)
{
    *out = NULL;
    ct_catalog *c = em_calloc(1, sizeof *c);
    pthread_mutex_init(&c->mu, NULL);
    em_str path;
    em_str_init(&path, 0);
    if (warehouse && warehouse[0]) {
        size_t n = strlen(warehouse);
        while (n > 1 && warehouse[n - 1] == '/')
            n--;
        c->warehouse = em_strndup(warehouse, n);
        if (ct_mkdirs(c->warehouse, err))
            goto fail;
        em_str_printf(&path, "%s/metastore.db", c->warehouse);
    } else {
        em_str_puts(&path, ":memory:");
    }
    if (sqlite3_open_v2(path.data, &c->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                        NULL) != SQLITE_OK) {
        em_error_internal(err, "cannot open the metastore %s: %s", path.data,
                          c->db ? sqlite3_errmsg(c->db) : "out of memory");
        goto fail;
    }
    sqlite3_busy_timeout(c->db, 10000);
    pthread_mutex_lock(&c->mu);
    int rc = ct_exec(c, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;", err);
    if (rc == EM_OK)
        rc = ct_exec(c, "BEGIN IMMEDIATE", err);
    if (rc == EM_OK) {
        rc = ct_exec(c, ct_schema_sql, err);
        if (rc == EM_OK)
            rc = ct_check_version(c, err);
        if (rc == EM_OK)
            rc = ct_ensure_default(c, err);
        if (rc == EM_OK)
            rc = ct_table_recover_locked(c, err);
        if (rc == EM_OK)
            rc = ct_exec(c, "COMMIT", err);
        else
            ct_exec(c, "ROLLBACK", NULL);
    }
    pthread_mutex_unlock(&c->mu);
    if (rc)
        goto fail;
    em_str_release(&path);
    *out = c;
    return EM_OK;
fail:
    em_str_release(&path);
    ct_close(c);
    return err && err->code ? err->code : EM_EINTERNAL;
}

void ct_close(ct_catalog *c)
{
    if (!c)
        return;
    if (c->db)
        sqlite3_close(c->db);
    pthread_mutex_destroy(&c->mu);
    em_free(c->warehouse);
    em_free(c);
}

const char *ct_warehouse(const ct_catalog *c)
{
    return c->warehouse;
}

/* ---- databases ---- */

static int ct_schema_error(em_arena *a, const char *cls, const char *name, em_error *err)
{
    (void)a;
    em_str q;
    em_str_init(&q, 1024);
    em_str_puts(&q, "`");
    for (const char *p = name; *p; p++) {
        if (*p == '`')
            em_str_putc(&q, '`');
        em_str_putc(&q, *p);
    }
    em_str_puts(&q, "`");
    int rc = em_error_set(err, cls, "schemaName", q.data, NULL);
    em_str_release(&q);
    return rc;
}

bool ct_db_exists(ct_catalog *c, const char *name)
{
    em_arena a;
    em_arena_init(&a, 1024);
    ct_database d;
    int rc = ct_db_get(c, name, &a, &d, NULL);
    em_arena_release(&a);
    return rc == 0;
}

int ct_db_create(ct_catalog *c, const char *name, const char *description, const char *location,
                 int n_props, const ct_kv *props, bool if_not_exists, em_error *err)
{
    em_arena a;
    em_arena_init(&a, 0);
    char *key = ct_lower(&a, name);
    int rc = EM_OK;
    if (ct_db_exists(c, key)) {
        if (!if_not_exists) {
            em_str q;
            em_str_init(&q, 0);
            em_str_printf(&q, "`%s`", key);
            rc = em_error_set(err, "SCHEMA_ALREADY_EXISTS", "schemaName", q.data, NULL);
            em_str_release(&q);
        }
        em_arena_release(&a);
        return rc;
    }
    const char *loc = location;
    if (!loc || !loc[0])
        loc = c->warehouse ? em_arena_printf(&a, "%s/%s.db", c->warehouse, key) : "";
    if (loc[0] && ct_mkdirs(loc, err)) {
        em_arena_release(&a);
        return err->code;
    }
    pthread_mutex_lock(&c->mu);
    rc = ct_exec(c, "BEGIN IMMEDIATE", err);
    if (rc == EM_OK) {
        sqlite3_stmt *st;
        rc = ct_prepare(c,
                        "INSERT INTO databases(name, description, location, created_ms)"
                        " VALUES (?1, ?2, ?3, ?4)",
                        &st, err);
        if (rc == EM_OK) {
            ct_bind_text(st, 1, key);
            ct_bind_text(st, 2, description ? description : "");
            ct_bind_text(st, 3, loc);
            sqlite3_bind_int64(st, 4, ct_now_ms());
            rc = ct_step_done(c, st, err);
        }
        for (int i = 0; rc == EM_OK && i < n_props; i++) {
            rc = ct_prepare(c, "INSERT OR REPLACE INTO database_props VALUES (?1, ?2, ?3)", &st,
                            err);
            if (rc == EM_OK) {
                ct_bind_text(st, 1, key);
                ct_bind_text(st, 2, props[i].key);
                ct_bind_text(st, 3, props[i].value);
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

int ct_db_set_props(ct_catalog *c, const char *name, int n_props, const ct_kv *props, em_error *err)
{
    em_arena a;
    em_arena_init(&a, 0);
    char *key = ct_lower(&a, name);
    pthread_mutex_lock(&c->mu);
    int rc = ct_exec(c, "BEGIN IMMEDIATE", err);
    sqlite3_stmt *st;
    if (rc == EM_OK) {
        rc = ct_prepare(c, "DELETE FROM database_props WHERE db = ?1", &st, err);
        if (rc == EM_OK) {
            ct_bind_text(st, 1, key);
            rc = ct_step_done(c, st, err);
        }
        for (int i = 0; rc == EM_OK && i < n_props; i++) {
            rc = ct_prepare(c, "INSERT OR REPLACE INTO database_props VALUES (?1, ?2, ?3)", &st,
                            err);
            if (rc == EM_OK) {
                ct_bind_text(st, 1, key);
                ct_bind_text(st, 2, props[i].key);
                ct_bind_text(st, 3, props[i].value);
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

/* Reads one database row (name, description, location) and its properties. Caller holds mu. */
static int ct_db_read_locked(ct_catalog *c, sqlite3_stmt *row, em_arena *a, ct_database *out,
                             em_error *err)
{
    memset(out, 0, sizeof *out);
    out->name = ct_col_text(row, 0, a);
    out->description = ct_col_text(row, 1, a);
    out->location = ct_col_text(row, 2, a);
    if (!out->description)
        out->description = "";
    if (!out->location)
        out->location = "";
    sqlite3_stmt *st;
    if (ct_prepare(c, "SELECT key, value FROM database_props WHERE db = ?1 ORDER BY key", &st, err))
        return err->code;
    ct_bind_text(st, 1, out->name);
    int cap = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (out->n_props == cap) {
            int ncap = cap ? cap * 2 : 4;
            ct_kv *more = em_arena_calloc(a, (size_t)ncap, sizeof *more);
            if (cap)
                memcpy(more, out->props, (size_t)cap * sizeof *more);
            out->props = more;
            cap = ncap;
        }
        out->props[out->n_props].key = ct_col_text(st, 0, a);
        out->props[out->n_props].value = ct_col_text(st, 1, a);
        out->n_props++;
    }
    sqlite3_finalize(st);
    return EM_OK;
}

int ct_db_get(ct_catalog *c, const char *name, em_arena *a, ct_database *out, em_error *err)
{
    char *key = ct_lower(a, name);
    pthread_mutex_lock(&c->mu);
    sqlite3_stmt *st;
    int rc = ct_prepare(c, "SELECT name, description, location FROM databases WHERE name = ?1", &st,
                        err);
    if (rc == EM_OK) {
        ct_bind_text(st, 1, key);
        if (sqlite3_step(st) == SQLITE_ROW)
            rc = ct_db_read_locked(c, st, a, out, err);
        else
            rc = 1;
        sqlite3_finalize(st);
    }
    pthread_mutex_unlock(&c->mu);
    return rc == EM_OK || rc == 1 ? rc : -1;
}

int ct_db_list(ct_catalog *c, em_arena *a, int *n, ct_database **out, em_error *err)
{
    *n = 0;
    *out = NULL;
    pthread_mutex_lock(&c->mu);
    sqlite3_stmt *st;
    int rc =
        ct_prepare(c, "SELECT name, description, location FROM databases ORDER BY name", &st, err);
    int cap = 0;
    while (rc == EM_OK && sqlite3_step(st) == SQLITE_ROW) {
        if (*n == cap) {
            int ncap = cap ? cap * 2 : 8;
            ct_database *more = em_arena_calloc(a, (size_t)ncap, sizeof *more);
            if (cap)
                memcpy(more, *out, (size_t)cap * sizeof *more);
            *out = more;
            cap = ncap;
        }
        rc = ct_db_read_locked(c, st, a, &(*out)[*n], err);
        (*n)++;
    }
    if (st)
        sqlite3_finalize(st);
    pthread_mutex_unlock(&c->mu);
    return rc;
}

int ct_db_drop(ct_catalog *c, const char *name, bool if_exists, bool cascade, em_error *err)
{
    em_arena a;
    em_arena_init(&a, 0);
    char *key = ct_lower(&a, name);
    int rc = EM_OK;
    if (strcmp(key, "default") == 0) {
        rc = em_error_set(err, "UNSUPPORTED_FEATURE.DROP_DATABASE", "database", "`default`", NULL);
        em_arena_release(&a);
        return rc;
    }
    ct_database d;
    int found = ct_db_get(c, key, &a, &d, err);
    if (found != 0) {
        if (found == 1 && !if_exists)
            rc = em_error_set(err, "SCHEMA_NOT_FOUND", "schemaName",
                              em_arena_printf(&a, "`spark_catalog`.`%s`", key), NULL);
        else if (found < 0)
            rc = err->code;
        em_arena_release(&a);
        return rc;
    }
    int n_tables = 0;
    ct_table *tables = NULL;
    if (ct_table_list(c, key, &a, &n_tables, &tables, err)) {
        em_arena_release(&a);
        return err->code;
    }
    if (n_tables > 0 && !cascade) {
        rc = ct_schema_error(&a, "SCHEMA_NOT_EMPTY", key, err);
        em_arena_release(&a);
        return rc;
    }
    int n_locs = 0;
    const char **locs = NULL;
    pthread_mutex_lock(&c->mu);
    rc = ct_exec(c, "BEGIN IMMEDIATE", err);
    if (rc == EM_OK) {
        rc = ct_table_drop_all_locked(c, key, &a, &n_locs, &locs, err);
        sqlite3_stmt *st;
        if (rc == EM_OK)
            rc = ct_prepare(c, "DELETE FROM databases WHERE name = ?1", &st, err);
        if (rc == EM_OK) {
            ct_bind_text(st, 1, key);
            rc = ct_step_done(c, st, err);
        }
        if (rc == EM_OK)
            rc = ct_prepare(c, "DELETE FROM database_props WHERE db = ?1", &st, err);
        if (rc == EM_OK) {
            ct_bind_text(st, 1, key);
            rc = ct_step_done(c, st, err);
        }
        if (rc == EM_OK)
            rc = ct_exec(c, "COMMIT", err);
        else
            ct_exec(c, "ROLLBACK", NULL);
    }
    pthread_mutex_unlock(&c->mu);
    if (rc == EM_OK) {
        /* The metastore no longer names them: delete managed data, then the db folder. */
        for (int i = 0; i < n_locs; i++)
            ct_remove_tree(locs[i], NULL);
        if (d.location[0])
            ct_remove_tree(d.location, NULL);
    }
    em_arena_release(&a);
    return rc;
}
