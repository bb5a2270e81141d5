/*
 * cn_ddl: the catalog side of connect/ — SQL statements on tables, views and databases
 * (cn_ddl.c, cn_show.c), DataFrameWriter commands (cn_write.c), and the server's persistent
 * catalog (cn_table.c: the metastore handle, table lookup for the analyzer, the session's current
 * database).
 *
 * Threads: every function runs on an operation's producer thread; the metastore serializes
 * its own access (catalog/ct.h).
 */
#ifndef CN_DDL_H
#define CN_DDL_H

#include "catalog/ct.h"
#include "connect/cn_plan.h"
#include "plan/plan.h"
#include "spark/connect/commands.pb-c.h"

/* ---- answers (defined in cn_run.c) ---- */

/* Answers a SQL command with a LocalRelation of batch (consumed; NULL = no columns, no rows)
   whose columns follow schema, then result_complete. */
int cn_run_answer_batch(cn_op *op, cn_plan_ctx *pc, const ty *schema, vec_batch *batch,
                        em_error *err);
/* result_complete only (commands without a result). */
int cn_run_complete(cn_op *op, em_error *err);

/* ---- the persistent catalog (cn_table.c) ---- */

/* The server's metastore (opened on first use at spark.sql.warehouse.dir; in memory when no
   warehouse is set). NULL with err on failure. Borrowed: lives until cn_catalog_shutdown. */
ct_catalog *cn_catalog_store(cn_session *s, em_error *err);
/* Closes the metastore (server stop). */
void cn_catalog_shutdown(void);
/* The session's current database (lower case; "default" until USE). Copied into buf. */
const char *cn_current_db(cn_session *s, char *buf, size_t size);
void cn_set_current_db(cn_session *s, const char *db);
/*
 * Resolves a table name as written (1 part = current database, 2 = db.table, 3 =
 * spark_catalog.db.table) into db and table (arena strings). Returns 0, or <0 with err
 * (REQUIRES_SINGLE_PART_NAMESPACE-like names are TABLE_OR_VIEW_NOT_FOUND).
 */
int cn_table_ident(cn_session *s, em_arena *a, int n_parts, const char *const *parts,
                   const char **db, const char **name, em_error *err);
/*
 * The analyzer's lookup of a catalog table or persistent view (after temp views): 0 with *plan
 * (a data-source read of the table's folder with its stored schema, or the view's SQL), 1 when
 * there is no such table, <0 with err.
 */
int cn_table_lookup(cn_plan_ctx *pc, int n_parts, const char *const *parts, em_arena *a,
                    pl_node **plan, em_error *err);
/* The read plan of a table entry (unresolved; in a). */
pl_node *cn_table_read_plan(em_arena *a, const ct_table *t, em_error *err);
/* The struct type of a table's stored schema (in a), or NULL with err. */
const ty *cn_table_schema(em_arena *a, const ct_table *t, em_error *err);
/* `spark_catalog`.`db`.`name` (in a). */
const char *cn_table_qname(em_arena *a, const char *db, const char *name);
/* Cached-table registry (CACHE TABLE / spark.catalog.cacheTable): names are "db.table" or temp
   view names, lower case. */
void cn_cache_mark(const char *key, bool cached);
bool cn_cache_is(const char *key);
void cn_cache_clear(void);

/* ---- statements (cn_ddl.c) ---- */

/* CREATE TABLE without an AS query and without answering (spark.catalog.createTable). */
int cn_ddl_create_table_entry(cn_plan_ctx *pc, const pl_node *cmd, em_error *err);
/* Runs a catalog statement (PL_COMMAND kinds from PL_CMD_CREATE_TABLE on) parsed from text. */
int cn_ddl_run(cn_op *op, cn_plan_ctx *pc, const char *text, const pl_node *cmd, em_error *err);

/*
 * Writes the rows of a resolved plan into a table (INSERT, saveAsTable, insertInto):
 * by position with Spark's ANSI store-assignment casts (INSERT_COLUMN_ARITY_MISMATCH when
 * the counts differ), overwrite or append, through io/. cols (nullable) names the target
 * columns of INSERT INTO t (cols).
 */
int cn_ddl_insert(cn_op *op, cn_plan_ctx *pc, const ct_table *t, pl_node *resolved, bool overwrite,
                  int n_cols, const char *const *cols, em_error *err);
/*
 * Runs resolved and writes its rows to path (format, mode, options, partition columns) through
 * io_write_*. *rows receives the number of rows written.
 */
struct io_write_spec;
int cn_write_rows(cn_op *op, cn_plan_ctx *pc, pl_node *resolved, const struct io_write_spec *spec,
                  int64_t *rows, em_error *err);

/* ---- SHOW / DESCRIBE (cn_show.c) ---- */
int cn_show_run(cn_op *op, cn_plan_ctx *pc, const pl_node *cmd, em_error *err);
int cn_describe_run(cn_op *op, cn_plan_ctx *pc, const char *text, const pl_node *cmd,
                    em_error *err);

/* ---- DataFrameWriter (cn_write.c) ---- */
int cn_write_operation(cn_op *op, cn_plan_ctx *pc, const Spark__Connect__WriteOperation *w,
                       em_error *err);
int cn_write_operation_v2(cn_op *op, cn_plan_ctx *pc, const Spark__Connect__WriteOperationV2 *w,
                          em_error *err);

#endif
