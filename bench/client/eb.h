/*
 * eb.h: `ember-bench`, the Ember side of `make bench`, built on libember (include/ember.h).
 *
 *   ember-bench tpch  --url sc://HOST:PORT --data DIR [--timeout SEC] [--server-pid PID]
 *                     [--max-rss-mib MIB] [--chunk-rows N]
 *       Loads the TPC-H .tbl files of DIR into temp views (Arrow data sent as LocalRelations,
 *       the way Ember can take data today), then answers commands on stdin, one per line:
 *         QUERY <name> <sql file> <result file>   -> OK <ms> <rows> | ERR <ms> <class> <text>
 *         QUIT
 *       Results are written as TSV (header of names, then rows; NULL as \N) for the driver
 *       (bench/js/bench.mjs) to compare with DuckDB's.
 *   ember-bench proto --url sc://HOST:PORT [--rows N] [--iters N]   (protocol costs)
 *   ember-bench startup --ember PATH [--runs N]                     (start time, idle RSS)
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

/* --- results ----------------------------------------------------------------------------- */

/*
 * Reads the whole stream (consumes it) and, when out is not NULL, writes it as TSV: a header of
 * column names, then one line per row. Values: integers and decimals exactly, floating point
 * with 17 significant digits, dates YYYY-MM-DD, strings raw with \t \n \\ escaped, NULL as \N.
 * Returns the row count, or -1 when the stream failed (err filled from the stream's error).
 */
int64_t eb_drain_stream(struct ArrowArrayStream *stream, FILE *out, ember_error *err);

/* --- subcommands ------------------------------------------------------------------------- */

int eb_cmd_tpch(int argc, char **argv);
int eb_cmd_proto(int argc, char **argv);
int eb_cmd_startup(int argc, char **argv);

/* The value of option `name` in argv (NULL when absent). */
const char *eb_opt(int argc, char **argv, const char *name);

#endif
