/*
 * ct: Ember's persistent catalog (the session catalog `spark_catalog`): databases, tables and
 * persistent views, kept in a SQLite metastore at `<warehouse>/metastore.db` (WAL mode). The
 * data of managed tables lives in the warehouse with Spark's layout: `<warehouse>/<table>` for
 * the `default` database, `<warehouse>/<db>.db/<table>` otherwise. Temporary views are not here
 * (they belong to sessions, see connect/).
 *
 * Names: database and table names are stored lower-cased (Spark's session catalog formats
 * names that way unless spark.sql.caseSensitive) and compared case-insensitively.
 *
 * Crash safety (see README.md): a table whose first data is being written is registered
 * PENDING; it becomes visible only when ct_table_set_ready flips it after its files are
 * committed. ct_open removes the PENDING entries (and their managed folders) a crashed process
 * left behind, so a half-written table never appears.
 *
 * Concurrency: one SQLite connection per catalog, guarded by a mutex; every function may be
 * called from any thread.
 *
 * Ownership: results are allocated in the caller's arena; inputs are borrowed and copied.
 * Errors: user errors with Spark's classes (SCHEMA_NOT_FOUND, SCHEMA_ALREADY_EXISTS,
 * TABLE_OR_VIEW_ALREADY_EXISTS, ...) where the function says so; SQLite failures are
 * INTERNAL_ERROR naming the statement.
 */
#ifndef CT_H
#define CT_H

#include <stdbool.h>
#include <stdint.h>

#include "common/em_arena.h"
#include "common/em_error.h"

typedef struct ct_catalog ct_catalog;

typedef struct ct_kv {
    const char *key;
    const char *value;
} ct_kv;

typedef struct ct_database {
    const char *name;
    const char *description; /* "" when none */
    const char *location;    /* absolute folder path (no "file:" prefix) */
    int n_props;
    ct_kv *props;
} ct_database;

typedef enum ct_table_type { CT_MANAGED = 0, CT_EXTERNAL = 1, CT_VIEW = 2 } ct_table_type;

typedef struct ct_table {
    const char *db;
    const char *name;
    ct_table_type type;
    const char *provider;    /* parquet | csv | json | text; NULL for views */
    const char *location;    /* absolute folder path; NULL for views */
    const char *schema_json; /* Spark DataType JSON of the table's columns (a struct) */
    int n_partition;         /* partition column names, in PARTITIONED BY order */
    const char **partition;
    int n_options; /* OPTIONS (path excluded: it is the location) */
    ct_kv *options;
    int n_props; /* TBLPROPERTIES */
    ct_kv *props;
    const char *view_text; /* views: the query text */
    int n_view_cols;       /* views: CREATE VIEW v(a, b) column names */
    const char **view_cols;
    const char *comment; /* NULL when none */
    int64_t created_ms;
    bool pending; /* registered but its first write has not committed */
} ct_table;

/*
 * Opens (creating when missing) the metastore of warehouse (an absolute folder, created if
 * missing); NULL = an in-memory metastore without a warehouse (tests, servers started without
 * one: managed tables cannot be written then). Creates the `default` database, checks
 * format_version (a newer one fails with INTERNAL_ERROR), and recovers from a crash (removes
 * PENDING tables and their managed folders). Caller releases with ct_close.
 */
int ct_open(const char *warehouse, ct_catalog **out, em_error *err);
void ct_close(ct_catalog *c);
/* The warehouse folder (borrowed), or NULL for an in-memory metastore. */
const char *ct_warehouse(const ct_catalog *c);

/* ---- databases ---- */

/* CREATE DATABASE: SCHEMA_ALREADY_EXISTS unless if_not_exists. location NULL = the default
   (`<warehouse>/<name>.db`); the folder is created. */
int ct_db_create(ct_catalog *c, const char *name, const char *description, const char *location,
                 int n_props, const ct_kv *props, bool if_not_exists, em_error *err);
/* DROP DATABASE: SCHEMA_NOT_FOUND unless if_exists; SCHEMA_NOT_EMPTY unless cascade (then
   its tables are dropped and managed data deleted). `default` cannot be dropped
   (UNSUPPORTED_FEATURE.DROP_DATABASE). */
int ct_db_drop(ct_catalog *c, const char *name, bool if_exists, bool cascade, em_error *err);
/* 0 with *out when found, 1 when not found, <0 with err. */
int ct_db_get(ct_catalog *c, const char *name, em_arena *a, ct_database *out, em_error *err);
bool ct_db_exists(ct_catalog *c, const char *name);
/* Every database, sorted by name. */
int ct_db_list(ct_catalog *c, em_arena *a, int *n, ct_database **out, em_error *err);
/* Replaces the properties of a database (ALTER DATABASE SET DBPROPERTIES merges: caller). */
int ct_db_set_props(ct_catalog *c, const char *name, int n_props, const ct_kv *props,
                    em_error *err);

/* ---- tables and views ---- */

/* The default location of a managed table: `<warehouse>/<table>` for default, else
   `<db location>/<table>`. In arena; NULL without a warehouse. */
const char *ct_table_default_location(ct_catalog *c, em_arena *a, const char *db, const char *name);
/*
 * Registers t (db must exist: SCHEMA_NOT_FOUND). An existing entry: replace = true overwrites
 * it, else TABLE_OR_VIEW_ALREADY_EXISTS (relationName `spark_catalog`.`db`.`name`). pending
 * marks the entry PENDING (invisible to get/list) until ct_table_set_ready.
 */
int ct_table_create(ct_catalog *c, const ct_table *t, bool replace, em_error *err);
/* Flips a PENDING table to visible. */
int ct_table_set_ready(ct_catalog *c, const char *db, const char *name, em_error *err);
/* 0 with *out when found (PENDING entries are not found unless include_pending), 1 when not
   found, <0 with err. */
int ct_table_get(ct_catalog *c, const char *db, const char *name, bool include_pending, em_arena *a,
                 ct_table *out, em_error *err);
/* Visible tables and views of db, sorted by name. */
int ct_table_list(ct_catalog *c, const char *db, em_arena *a, int *n, ct_table **out,
                  em_error *err);
/* Removes the entry (not the data: callers delete managed folders with ct_remove_tree). Returns
   1 when there was none. */
int ct_table_drop(ct_catalog *c, const char *db, const char *name, em_error *err);
/* Renames within db; TABLE_OR_VIEW_ALREADY_EXISTS when to_name exists. new_location (nullable)
   replaces the location (managed tables move with their name). */
int ct_table_rename(ct_catalog *c, const char *db, const char *name, const char *to_name,
                    const char *new_location, em_error *err);
/* Replaces the whole entry of an existing table (ALTER TABLE ... forms): same key (db, name). */
int ct_table_update(ct_catalog *c, const ct_table *t, em_error *err);

/* ---- files ---- */

/* Removes a folder tree (or a file); missing paths are fine. 0 or -1 with err (EM_EIO). */
int ct_remove_tree(const char *path, em_error *err);
/* mkdir -p. */
int ct_mkdirs(const char *path, em_error *err);

#endif
