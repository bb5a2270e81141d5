/*
 * ct_int: what the files of catalog/ share: the catalog struct (one SQLite connection and the
 * mutex that guards it) and small statement helpers. Not a public header.
 */
#ifndef CT_INT_H
#define CT_INT_H

#include <pthread.h>
#include <sqlite3.h>

#include "catalog/ct.h"

/* The metastore layout version this code writes; ct_open refuses newer files. */
#define CT_FORMAT_VERSION 1

struct ct_catalog {
    sqlite3 *db;
    pthread_mutex_t mu; /* every use of db happens under mu */
    char *warehouse;    /* em_malloc'd absolute path, or NULL (in-memory) */
};

/* Prepares sql (INTERNAL_ERROR naming it on failure). Caller holds c->mu. */
int ct_prepare(ct_catalog *c, const char *sql, sqlite3_stmt **st, em_error *err);
/* Runs a statement without results (no bindings). Caller holds c->mu. */
int ct_exec(ct_catalog *c, const char *sql, em_error *err);
/* sqlite3_step expecting SQLITE_DONE; finalizes st. */
int ct_step_done(ct_catalog *c, sqlite3_stmt *st, em_error *err);
/* Binds text (NULL binds SQL NULL). */
void ct_bind_text(sqlite3_stmt *st, int idx, const char *s);
/* Column i as an arena string (NULL for SQL NULL). */
const char *ct_col_text(sqlite3_stmt *st, int idx, em_arena *a);
/* Lower-cased copy in the arena (Spark's formatting of catalog names). */
char *ct_lower(em_arena *a, const char *s);

/* Tables of a database (ct_table.c): drops every entry of db and returns their managed
   locations (to delete after the transaction). Caller holds c->mu. */
int ct_table_drop_all_locked(ct_catalog *c, const char *db, em_arena *a, int *n_locs,
                             const char ***locs, em_error *err);
/* Removes PENDING entries left by a crashed process and their managed folders. Caller holds
   c->mu. */
int ct_table_recover_locked(ct_catalog *c, em_error *err);

#endif
