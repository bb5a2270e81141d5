/*
 * slt_int.h: the internal interface of ember-slt, the sqllogictest runner (issue #3: every
 * operator and function has cases with Spark's results). It reads `.test` files in the
 * sqllogictest style described in tests/slt/README.md and runs every record through the real
 * Spark Connect protocol, reusing the golden runner's library (tools/sqltest, st_int.h) for the
 * managed server, sessions, SQL execution and HiveResult formatting of values.
 *
 * Parts (one file each):
 *   slt_parse.c  the file format: records, conditions, expected rows
 *   slt_run.c    one file: a session, confs, each record executed and judged
 *   slt_cover.c  which registry function names the records call
 *   slt_main.c   command line, the managed server, the run over all files, the summary
 *
 * Ownership words as in the rest of the tree: "borrowed", "owned by arena", "caller releases".
 * Test tooling: allocation failure aborts (em_malloc does); files and server answers are
 * treated as hostile (bounded sizes, no trust in lengths).
 */
#ifndef SLT_INT_H
#define SLT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/em_arena.h"
#include "st_int.h"

/* ============================================================================================
 * records (slt_parse.c)
 * ========================================================================================== */

typedef enum slt_kind {
    SLT_STATEMENT_OK,    /* statement ok: must succeed (rows ignored) */
    SLT_STATEMENT_ERROR, /* statement error [CLASS]: must fail (with that error class) */
    SLT_QUERY,           /* query TYPES [rowsort|nosort]: rows must equal */
    SLT_QUERY_ERROR,     /* query error [CLASS]: must fail (with that error class) */
    SLT_SET,             /* set KEY VALUE: Config.set on the file's session */
    SLT_HALT,            /* halt: stop reading the file */
} slt_kind;

typedef enum slt_sort {
    SLT_NOSORT,  /* rows compared in result order (the default) */
    SLT_ROWSORT, /* rows compared after sorting both sides (byte order of the rendered rows) */
} slt_sort;

typedef struct slt_record {
    slt_kind kind;
    int line;         /* 1-based line of the record's header */
    bool skip;        /* a `skipif ember` (or an `onlyif` naming another engine) applies */
    bool skip_ember;  /* the skip comes from a `skipif ember` line (see --run-skipped) */
    const char *sql;  /* statement text (lines joined with \n, trailing `;` removed) */
    const char *arg;  /* error class (nullable: any error), or SET key */
    const char *arg2; /* SET value */
    /* query */
    const char *types; /* "ITR?..." one letter per column, or NULL when only n_cols is given */
    int n_cols;        /* expected column count; -1 when not checked */
    slt_sort sort;
    int n_rows;
    const char **rows; /* expected rows as rendered text ("(empty)" already turned into "") */
    int status;        /* set by slt_run_file: ST_PASS, ST_FAIL or ST_SKIP (ST_SKIP until run) */
} slt_record;

typedef struct slt_file {
    int n_records;
    slt_record *records;
} slt_file;

/*
 * Parses the text of a .test file (format: tests/slt/README.md). Records, their SQL and
 * expected rows are owned by arena. Returns 0, or -1 with "line N: reason" in errbuf for a
 * malformed file (unknown header, query without `----`, bad type letters).
 */
int slt_parse(const char *text, size_t len, em_arena *arena, slt_file *out, char *errbuf,
              size_t errsize);

/* ============================================================================================
 * running (slt_run.c)
 * ========================================================================================== */

typedef struct slt_opts {
    bool verbose;     /* print every failure with expected and actual rows */
    int timeout_ms;   /* per query */
    bool run_skipped; /* run `skipif ember` records too; report those that pass, count them
                         as skipped, and keep their failures silent */
} slt_opts;

/* The tallies of one file. */
typedef struct slt_tally {
    int n_pass, n_fail, n_skip;
    int n_skip_pass; /* --run-skipped: skipped records that now pass (part of n_skip) */
    bool crashed;    /* the managed server died during the file */
} slt_tally;

/*
 * Runs the records of `f` (path `name`, for messages) in a fresh session of `client`: session
 * defaults first (spark.sql.session.timeZone America/Los_Angeles, the JVM zone of Spark's
 * suites), then each record in order. Failures are printed to stdout as "name:line: reason".
 * A call that fails with a transport error stops the file (the rest fails) and sets
 * tally->crashed. Each record's status is set. Never fails as a whole.
 */
void slt_run_file(st_client *client, const char *name, slt_file *f, const slt_opts *o,
                  slt_tally *tally);

/* ============================================================================================
 * function coverage (slt_cover.c)
 * ========================================================================================== */

/*
 * Counts the names of the function registry (fn_at) that at least one record's SQL calls:
 * identifiers as `name(` (any case, any spaces before the parenthesis), SQL keywords that are
 * functions (and, or, not, in, like, ilike, rlike, regexp, between, div, when, case) as words,
 * operator names (+, <=>, ...) as tokens between spaces or operands; casewhen as CASE.
 * Prints "functions covered: C of N" (any record, skipped ones included: they document
 * Spark's answer), how many of them have a passing record, and, when list is true, the names
 * without any record.
 */
void slt_cover_report(const slt_file *const *files, int n_files, bool list);

#endif
