/*
 * st_int.h: the internal interface of ember-sqltest, the Spark SQL golden-file runner
 * (architecture §5 "The SQL golden-file runner"). It runs every input file (inputs/, any
 * depth, *.sql) of a folder in Spark's SQLQueryTestSuite format through the real Spark Connect
 * protocol and compares each query's schema line and rows (or error) with its result file
 * (results/, same path + ".out").
 *
 * Parts (one file each):
 *   st_json.c     a small DOM JSON reader (error blocks of golden files, messageParameters)
 *   st_golden.c   input files (directives, --IMPORT, query splitting) and golden result files
 *   st_format.c   result rows as Spark's HiveResult prints them; Spark's catalogString of types
 *   st_compare.c  masking (Spark's replaceNotIncludedMsg), sort detection, Java string order,
 *                 and the verdict of one query
 *   st_client.c   the protocol: sessions, Config, spark.sql as PySpark 4 sends it, Arrow rows,
 *                 error details (ErrorInfo, FetchErrorDetails), per-query deadline
 *   ts_server.c   the managed `ember serve` process and the scratch directory
 *   st_ratchet.c  sorted id sets and the ratchet file
 *   st_run.c      one input file: sessions per config combination, setup, queries, verdicts
 *   st_report.c   failure summaries and the markdown report
 *   st_main.c     command line, test tables, the run over all files, ratchet check, final line
 *
 * Ownership words as in the rest of the tree: "borrowed", "owned by arena", "caller releases"
 * (em_free unless another function is named). Everything here is test tooling: it may abort on
 * allocation failure (em_malloc does), but treats every input file and every server answer as
 * hostile (bounded sizes and depths, no trust in lengths).
 */
#ifndef ST_INT_H
#define ST_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "common/em_arena.h"
#include "common/em_str.h"
#include "ts_server.h"
#include "types/ty.h"
#include "types/ty_time.h"
#include "vector/vec.h"

/* ============================================================================================
 * JSON (st_json.c)
 * ========================================================================================== */

typedef enum st_json_kind {
    ST_JSON_NULL,
    ST_JSON_BOOL,
    ST_JSON_NUMBER,
    ST_JSON_STRING,
    ST_JSON_ARRAY,
    ST_JSON_OBJECT,
} st_json_kind;

#define ST_JSON_MAX_DEPTH 128

typedef struct st_json st_json;
struct st_json {
    st_json_kind kind;
    bool boolean;
    const char *str; /* STRING: decoded UTF-8; NUMBER: the literal text. NUL-terminated. */
    size_t str_len;
    int n_items;           /* ARRAY / OBJECT */
    const st_json **items; /* values in document order */
    const char **keys;     /* OBJECT keys, parallel to items */
};

/*
 * Parses one JSON text (surrounding whitespace allowed). Nodes and strings are owned by arena.
 * Returns 0 with *out set, or -1 for malformed input or nesting over ST_JSON_MAX_DEPTH.
 */
int st_json_parse(const char *text, size_t len, em_arena *arena, const st_json **out);
/* The first member `key` of an object, or NULL (also when v is NULL or not an object). */
const st_json *st_json_get(const st_json *v, const char *key);
/* The string of a STRING node, else NULL. Borrowed. */
const char *st_json_str(const st_json *v);

/* ============================================================================================
 * golden files (st_golden.c)
 * ========================================================================================== */

typedef struct st_conf {
    const char *key;
    const char *value;
} st_conf;

typedef struct st_conf_list {
    int n;
    st_conf *items;
} st_conf_list;

/* One --CONFIG_DIM<name>: each alternative is one conf set. */
typedef struct st_dim {
    const char *name;
    int n_alts;
    st_conf_list *alts;
} st_dim;

/* One run of a file: the conf set of one combination of the config dimensions. */
typedef struct st_combo {
    const char *label; /* "" without dimensions, else "DIM1=0" or "DIM1=0,DIM2=2" */
    st_conf_list confs;
} st_combo;

/* An input file, parsed as SQLQueryTestSuite reads it (see st_input_parse). */
typedef struct st_input {
    int n_queries;
    const char **queries; /* trimmed statement texts, as they appear after `-- !query` */
    st_conf_list sets;    /* --SET k=v[,k=v] lines, in order */
    int n_dims;
    st_dim *dims;               /* in order of first appearance */
    bool has_only_if;           /* a --ONLY_IF line exists */
    bool only_if_spark;         /* ... and one of them names spark */
    const char *missing_import; /* an --IMPORT that could not be read, else NULL */
} st_input;

/*
 * Parses an input file. Directives count only at column 1 of a comment line: `--SET `,
 * `--CONFIG_DIM<d> `, `--IMPORT ` (path relative to inputs_dir; the imported file's code
 * lines run first), `--ONLY_IF `. Queries are split as Spark's suite splits them: comment
 * lines (trimmed text starting with `--`, except `--QUERY-DELIMITER...`) are dropped, the rest
 * is split at every `;` not preceded by a backslash; text between --QUERY-DELIMITER-START and
 * -END lines is one statement (trailing `;` removed); statements are trimmed, empty ones and
 * lines starting with `--` inside them dropped. Everything is owned by arena. Returns 0.
 */
int st_input_parse(const char *text, size_t len, const char *inputs_dir, em_arena *arena,
                   st_input *out);

/* The runs of a file: the cartesian product of its config dimensions (one run, label "",
 * without any). Owned by arena. */
int st_input_combos(const st_input *in, em_arena *arena, st_combo **out);

/* One block of a golden result file. */
typedef struct st_block {
    const char *sql;    /* trimmed */
    const char *schema; /* trimmed, e.g. "struct<a:int>" */
    const char *output; /* normalized (st_normalize_output) */
} st_block;

typedef struct st_golden {
    int n_blocks;
    st_block *blocks;
} st_golden;

/*
 * Parses a `.sql.out` file the way Spark's suite reads it back: split at every
 * "-- !query<anything>\n", the first segment is the header, then three segments (SQL, schema,
 * output) per query. Owned by arena. Returns 0, or -1 when the file is not in that format.
 */
int st_golden_parse(const char *text, size_t len, em_arena *arena, st_golden *out);

/*
 * Spark's normalizeTestResults: drops Python traceback blocks ("Traceback (most recent call
 * last):" and the indented lines after it) and the trailing whitespace of the whole text.
 * Owned by arena.
 */
char *st_normalize_output(const char *text, size_t len, em_arena *arena);

/* Reads a whole file (at most max bytes) into a NUL-terminated buffer; caller releases.
 * Returns NULL on failure or when larger than max. */
char *st_read_file(const char *path, size_t max, size_t *len_out);

/* ============================================================================================
 * result formatting (st_format.c)
 * ========================================================================================== */

/* spark.sql.binaryOutputStyle; HiveResult uses UTF-8 when it is unset. */
typedef enum st_binary_style {
    ST_BIN_UTF8,
    ST_BIN_BASIC,
    ST_BIN_BASE64,
    ST_BIN_HEX,
    ST_BIN_HEX_DISCRETE,
} st_binary_style;

/* The style named by a conf value ("UTF-8", "BASIC", ...); UTF-8 for NULL or unknown. */
st_binary_style st_binary_style_parse(const char *value);

typedef struct st_format_opts {
    const ty_tz *tz; /* session time zone for TIMESTAMP; NULL = UTC */
    st_binary_style binary;
} st_format_opts;

/*
 * Appends one value the way HiveResult.toHiveString prints it: NULL as "NULL" at top level and
 * "null" nested, booleans true/false, integers, floats and doubles as Java's toString, decimals
 * in plain notation at their scale, strings raw at top level and double-quoted (unescaped)
 * when nested, dates and timestamps (session zone) with the fraction formatter, intervals in
 * Hive style, binary by `binary` style, arrays [a,b], maps {k:v,...} with entries sorted as
 * strings, structs {"name":v,...}. `t` is the Spark type (from the schema answer), `v` the
 * decoded Arrow column whose physical layout matches it. Returns 0, or -1 (nothing useful
 * appended) for a type it cannot print (variant, or a layout that does not match `t`).
 */
int st_format_value(const vec *v, int64_t row, const ty *t, bool nested, const st_format_opts *o,
                    em_str *out);

/* How the rows of a result are rendered (HiveResult's special cases). */
typedef enum st_rows_mode {
    ST_ROWS_PLAIN,    /* every column, tab separated */
    ST_ROWS_DESCRIBE, /* DESCRIBE: three columns, each padded to 20 (String.format("%-20s")) */
    ST_ROWS_NAME,     /* SHOW TABLES / SHOW VIEWS: only the second column */
} st_rows_mode;

/*
 * The mode HiveResult applies to a statement with this text and result schema: DESCRIBE of a
 * table or query (schema col_name, data_type, comment), SHOW TABLES without EXTENDED and SHOW
 * VIEWS (the name column), else plain.
 */
st_rows_mode st_rows_mode_for(const char *sql, const ty *schema);

/*
 * Renders every row of batches (all of schema `schema`) into *rows_out (n_rows_out strings,
 * owned by arena). Returns 0, or -1 with a reason in errbuf when a column cannot be printed.
 */
int st_format_rows(const ty *schema, vec_batch *const *batches, int n_batches, st_rows_mode mode,
                   const st_format_opts *o, em_arena *arena, char ***rows_out, int64_t *n_rows_out,
                   char *errbuf, size_t errsize);

/* Spark's DataType.catalogString for a type (struct field names unquoted): "int",
 * "decimal(10,2)", "interval day to second", "string collate UTF8_LCASE", "struct<a:int>". */
void st_type_string(const ty *t, em_str *out);

/* ============================================================================================
 * comparison (st_compare.c)
 * ========================================================================================== */

/*
 * Spark's replaceNotIncludedMsg on one output line: `#123` -> `#x`, `plan_id=123`, warehouse
 * paths (`warehouse` is the server's warehouse directory, nullable), Created By/Time, Last
 * Access, Owner, Partition Statistics, CTE/loop ids, `@hash,`, codegen stage markers, and the
 * JSON forms of those. Appends the masked line to out.
 */
void st_mask_line(const char *line, const char *warehouse, em_str *out);

/* String.compareTo of Java: compares UTF-8 strings by their UTF-16 code units. */
int st_java_strcmp(const char *a, const char *b);

/*
 * True when the statement's result order is significant: a top-level ORDER BY (outside any
 * parentheses, string, identifier quote or comment, and not followed by a pipe `|>`), or a
 * DESCRIBE of a table, column or query (not DESCRIBE FUNCTION / DATABASE / CATALOG). Spark's
 * suite keeps such results in query order and sorts all others.
 */
bool st_sql_is_ordered(const char *sql);

/* What the server answered for one query. */
typedef struct st_actual {
    bool is_error;
    /* rows */
    const char *schema; /* catalogString of the result ("struct<>" for no columns) */
    char **rows;        /* rendered and masked */
    int64_t n_rows;
    /* error */
    const char *error_class; /* nullable */
    const char *sql_state;   /* nullable */
    const char *params_json; /* messageParameters JSON object text, nullable */
    const char *jvm_class;   /* most specific JVM class, nullable */
    const char *message;     /* the error message, nullable */
} st_actual;

typedef struct st_verdict {
    bool pass;
    const char *reason; /* failures: grouping key (error class or "sqltest: ..."); arena */
    const char *detail; /* failures: one line of explanation; arena */
} st_verdict;

/*
 * Judges one query. Rows: the schema line must equal, then the rows must equal in order when
 * st_sql_is_ordered(sql), otherwise as Spark's suite sorts them (Java string order) or as a
 * multiset of lines. Errors: the expected output is "<JVM class>\n<message>"; with a JSON
 * message the errorClass, sqlState and messageParameters must match, otherwise the JVM class
 * and the message. Strings in the verdict are owned by arena.
 */
void st_judge(const st_block *expected, const st_actual *actual, const char *sql, em_arena *arena,
              st_verdict *out);

/* ============================================================================================
 * ratchet (st_ratchet.c)
 * ========================================================================================== */

typedef struct st_idset {
    char **ids;
    size_t n, cap;
    bool sorted;
} st_idset;

void st_idset_init(st_idset *s);
void st_idset_release(st_idset *s);
/* Adds a copy of id (duplicates are removed when the set is sorted). */
void st_idset_add(st_idset *s, const char *id);
/* Sorts (strcmp) and removes duplicates. */
void st_idset_sort(st_idset *s);
/* Membership; sorts the set first if needed. */
bool st_idset_has(st_idset *s, const char *id);

/* Reads one id per line (blank lines and '#' comments ignored). A missing file is empty.
 * Returns 0, or -1 with errbuf set when it exists but cannot be read. */
int st_ratchet_read(const char *path, st_idset *out, char *errbuf, size_t errsize);
/* Writes the ids sorted, one per line, through a temporary file and rename. 0 or -1. */
int st_ratchet_write(const char *path, st_idset *ids, char *errbuf, size_t errsize);

/* ============================================================================================
 * protocol client (st_client.c)
 * ========================================================================================== */

struct wire_channel;

typedef struct st_client {
    struct wire_channel *channel;
    char user_id[64];
    int timeout_ms; /* per call / per query; 0 = none */
    struct st_watchdog *watchdog;
} st_client;

/* Opens a channel to target ("host:port"). Returns 0 or -1 with errbuf set. */
int st_client_open(st_client *c, const char *target, int timeout_ms, char *errbuf, size_t errsize);
void st_client_close(st_client *c);

typedef struct st_session {
    st_client *client;
    char session_id[40];
    char server_side_id[64];
} st_session;

/* A fresh session (new UUID; the server creates it on first use). */
void st_session_init(st_session *s, st_client *c);
/* ReleaseSession (errors ignored). */
void st_session_release(st_session *s);

/* The outcome of a call or a query. Strings owned by the arena passed to the call. */
typedef struct st_outcome {
    bool ok;
    int grpc_code;
    bool timed_out;
    const char *error_class; /* ErrorInfo errorClass, or FetchErrorDetails */
    const char *sql_state;
    const char *params_json;
    const char *jvm_class;
    const char *message;
    /* results */
    bool has_rows;    /* a relation came back and was executed */
    const ty *schema; /* the Spark schema (schema answer, else the Arrow schema) */
    const char *schema_string;
    vec_batch **batches; /* caller releases via st_outcome_release */
    int n_batches;
} st_outcome;

void st_outcome_release(st_outcome *o);

/*
 * Config.set of the pairs, one request per conf so one refused key does not drop the others.
 * Returns the number of refused pairs; the first refusal's message goes to errbuf.
 */
int st_session_set_confs(st_session *s, const st_conf *confs, int n, char *errbuf, size_t errsize);
/* Config.get_option of one key: *value (caller releases, NULL when unset). 0 or -1. */
int st_session_get_conf(st_session *s, const char *key, char **value);

/*
 * Runs one statement the way PySpark 4's spark.sql(q).collect() does: ExecutePlan with
 * command.sql_command{input = sql{query}}, then ExecutePlan of the returned relation as the
 * plan root; reads the schema answer and the Arrow batches. Every call is bounded by the
 * client's timeout (the stream is cancelled at the deadline, out->timed_out set). Errors
 * come from the status trailer (ErrorInfo), completed by FetchErrorDetails when the
 * parameters were left out.
 */
void st_session_sql(st_session *s, const char *sql, em_arena *arena, st_outcome *out);

struct Spark__Connect__DataType;
/* A schema answer's DataType as Spark's catalogString (struct field names unquoted, as
 * StructType.catalogString prints them; decimal defaults 10,0; time(p)). */
void st_datatype_string(const struct Spark__Connect__DataType *dt, em_str *out);
/* The same type as a ty in arena, or NULL for types the formatter cannot hold (time,
 * geometry, geography, unknown kinds) or nesting deeper than 64. */
const ty *st_datatype_to_ty(const struct Spark__Connect__DataType *dt, em_arena *arena);

/* ============================================================================================
 * the run (st_run.c, st_report.c, st_main.c)
 * ========================================================================================== */

enum { ST_PASS, ST_FAIL, ST_SKIP };

typedef struct st_opts {
    const char *dir;
    const char *remote;
    const char *ember;
    const char **files; /* globs; NULL-terminated; NULL = all */
    const char *ratchet;
    const char *report;
    const char *list; /* --list FILE: every case with its verdict */
    bool update;
    bool verbose;
    int timeout_s;
} st_opts;

typedef struct st_case {
    char *id;
    int status;
    char *reason; /* failures / skips */
    char *detail;
} st_case;

typedef struct st_file_stat {
    char *path;
    int n_pass, n_fail, n_skip;
    char *skip_reason; /* whole-file skip */
} st_file_stat;

typedef struct st_stat_row {
    char *key;
    int count;
    char *example;
} st_stat_row;

typedef struct st_stats {
    st_stat_row *rows;
    size_t n, cap;
} st_stats;

void st_stats_add(st_stats *t, const char *key, const char *example);
/* Sorts by count (descending, then key) and prints the top rows under a title. */
void st_stats_print(st_stats *t, FILE *f, const char *title, size_t top);
void st_stats_release(st_stats *t);

typedef struct st_run {
    st_opts opts;
    char *inputs_dir, *results_dir, *tables_dir;
    ts_server server;
    bool managed;
    char target[256];
    st_client client;
    bool connected;
    bool gave_up; /* no server any more: remaining files fail without calls */
    st_case *cases;
    size_t n_cases, cap_cases;
    st_file_stat *files;
    size_t n_files, cap_files;
    st_stats by_reason;   /* failures by verdict reason */
    st_stats by_error;    /* failures where the server raised an error: its error class */
    st_stats by_detail;   /* ... its error class + first message parameter */
    st_stats by_root;     /* failures by root cause: a TABLE_OR_VIEW_NOT_FOUND of an object
                             whose CREATE failed earlier is charged to that CREATE's error */
    st_stats setup_fails; /* test tables whose setup failed: key = name, example = error */
    int n_crashes, n_timeouts;
    st_idset keep_tables;   /* the suite's tables (from setup.sql): never dropped */
    st_idset refused_confs; /* conf keys the server refused (reported once) */
    bool cleanup_broken;    /* the catalog cleanup queries are not supported */
} st_run;

/* Records one case (copies the strings). */
void st_run_add_case(st_run *run, const char *id, int status, const char *reason,
                     const char *detail);

/*
 * Starts the managed server (when there is no --remote), connects run->client and creates
 * the suite's tables (test-tables/setup.sql, `${TEST_TABLES}` replaced by the absolute folder
 * path) in a session of its own. Statements that fail are reported (verbose) and skipped: the
 * queries that need those tables simply fail. Returns 0, or -1 with a message on stderr when
 * there is no server to talk to.
 */
int st_run_start(st_run *run);
/* Stops the managed server with SIGTERM; returns 0 when it exited cleanly (status 0). */
int st_run_stop(st_run *run);
/*
 * Runs one input file (path relative to inputs/) under every config combination and records
 * its cases and its st_file_stat line. Never fails as a whole: problems become failed or
 * skipped cases.
 */
void st_run_file(st_run *run, const char *rel_path);

/* Writes the markdown report (docs/compat/sql.md). Returns 0 or -1. */
int st_report_write(const st_run *run, const char *path);

#endif
