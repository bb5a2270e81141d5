/*
 * eb.h: `ember-bench`, the Ember side of `make bench`, built on libember (include/ember.h).
 *
 *   ember-bench tpch  --url sc://HOST:PORT (--parquet DIR | --data DIR) [--timeout SEC]
 *                     [--server-pid PID] [--max-rss-mib MIB] [--kill-after SEC] [--chunk-rows N]
 *       Makes the eight TPC-H temp views: with --parquet, spark.read.parquet(DIR/<table>)
 *       .createOrReplaceTempView(<table>) as users do; with --data, the .tbl files of DIR sent as
 *       Arrow LocalRelations (the old path, kept for comparing load costs). A query past
 *       --timeout or the server past --max-rss-mib is interrupted; a server still busy
 *       --kill-after (30) seconds later is killed by --server-pid. Then answers
 *       commands on stdin, one per line:
 *         QUERY <name> <sql file> <result file>   -> OK <ms> <rows> | ERR <ms> <class> <text>
 *         RANGEAGG <rows> <groups> <result file>  -> same answers; spark.range(rows)
 *             .groupBy((id % groups).alias("k")).agg(sum("id"), count("*")), every row fetched
 *         CONF <key> <value>                      -> OK 0 0 | ERR 0 <class> <text>
 *         QUIT
 *       Results are written as TSV (names, Arrow formats, rows; NULL as \N) for the driver
 *       (bench/js/bench.mjs) to compare with DuckDB's.
 *   ember-bench proto --url sc://HOST:PORT [--rows N] [--iters N]   (protocol costs)
 *   ember-bench startup --ember PATH [--runs N]                     (start time, idle RSS)
 *   ember-bench interrupt --url sc://HOST:PORT [--runs N] [--delay-ms MS]
 *       Interrupt latency: a cross join count runs for --delay-ms (500), then Interrupt; the
 *       time until its stream ends with OPERATION_CANCELED, per run and p50.
 *   ember-bench rss --url sc://HOST:PORT [--rows N]
 *       Client memory of a streaming collect of spark.range(N) (10M): prints
 *       "rows=N rss_growth_mib=X" and a JSON line.
 * Every subcommand prints its measurements as one JSON object per line on stdout.
 */
#ifndef EB_H
#define EB_H

#include <stdint.h>
#include <stdio.h>

#include "ember.h"

/* Monotonic time in seconds. */
double eb_now(void);

/* --- loading (.tbl -> temp views) -------------------------------------------------------- */

/*
 * Creates the eight TPC-H temp views from DIR/<table>.tbl: each file is cut into chunks sent as
 * LocalRelations of at most max_chunk_rows rows, each chunk a temp view <table>__<k>, and the
 * table a view over their UNION ALL. Returns 0, or an ember status with err set. *n_rows
 * (nullable) receives the total rows loaded.
 */
int eb_load_tpch(ember_session *s, const char *dir, int64_t max_chunk_rows, int64_t *n_rows,
                 ember_error *err);

/* --- reading (Parquet -> temp views) --------------------------------------------------- */

#define EB_TPCH_TABLES 8
/* The eight table names, smallest first. */
extern const char *const eb_tpch_tables[EB_TPCH_TABLES];

/*
 * spark.read.parquet(dir/<table>).createOrReplaceTempView(<table>) for the eight tables.
 * Returns 0, or an ember status with err set.
 */
int eb_read_tpch(ember_session *s, const char *dir, ember_error *err);

/* --- results ----------------------------------------------------------------------------- */

/*
 * Reads the whole stream (consumes it) and, when out is not NULL, writes it as TSV: a line of
 * column names, a line of their Arrow format strings, then one line per row. Values: integers and
 * decimals exactly, floating point with 17 significant digits, dates YYYY-MM-DD, strings raw with
 * \t \n \\ escaped, NULL as \N. Returns the row count, or -1 when the stream failed (err filled
 * from the stream's error).
 */
int64_t eb_drain_stream(struct ArrowArrayStream *stream, FILE *out, ember_error *err);

/* --- subcommands ------------------------------------------------------------------------- */

int eb_cmd_tpch(int argc, char **argv);
int eb_cmd_proto(int argc, char **argv);
int eb_cmd_startup(int argc, char **argv);
int eb_cmd_interrupt(int argc, char **argv);
int eb_cmd_rss(int argc, char **argv);

/* The VmRSS / VmHWM line of /proc/<pid>/status in MiB (pid 0: this process; -1 unknown). */
double eb_proc_mib(int pid, const char *key);

/* The value of option `name` in argv (NULL when absent). */
const char *eb_opt(int argc, char **argv, const char *name);

#endif
