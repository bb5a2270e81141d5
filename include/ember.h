/*
 * ember.h: libember, a Spark Connect client in C.
 *
 * libember speaks the Spark Connect protocol (gRPC + protobuf + Arrow) to an Ember server or to
 * an Apache Spark Connect server. It builds the same unresolved plans PySpark builds for the
 * same program (same relation and expression shapes, same function and operator names, plan ids
 * drawn from one process-wide counter), so the server answers a C program exactly as it answers
 * the equivalent PySpark program. Results come back as a `struct ArrowArrayStream` (the Arrow C
 * stream interface) that reads the server's response stream batch by batch.
 *
 * Handles. Every object is an opaque handle with an explicit lifecycle:
 *   ember_session    one Spark Connect session (a session id, a gRPC channel). Thread-safe:
 *                    any number of threads may use one session and its DataFrames at once.
 *   ember_dataframe  an immutable, lazily evaluated plan. Building a DataFrame never talks to
 *                    the server (ember_sql and ember_create_dataframe excepted, as in PySpark).
 *                    DataFrame arguments are BORROWED: the result keeps what it needs, so any
 *                    DataFrame may be freed right after it was used to build another one.
 *   ember_column     an immutable expression. Column arguments are CONSUMED: a function that
 *                    takes an ember_column* owns it from then on, on success and on failure.
 *                    This lets expressions nest without temporaries:
 *                        ember_gt(ember_col("age"), ember_lit_int(3))
 *                    To use one column twice, take another reference with ember_column_dup.
 *                    Column builders return NULL only when a required argument is NULL (or
 *                    was itself NULL); every function that receives a NULL column fails with
 *                    EMBER_EINVAL, so a mistake surfaces at the next call that can report it.
 *   ember_grouped, ember_window   small builders, freed by their own _free function.
 * Strings and arrays returned by the library are released with ember_free (or the function
 * named in the contract). Strings passed in are copied; nothing passed in is kept borrowed.
 *
 * Errors. Every fallible function returns an int status (EMBER_OK = 0) and takes a nullable
 * `ember_error *err` last, which receives the details: the gRPC status, Spark's error class,
 * SQLSTATE, message parameters, query context, and the Python exception PySpark would raise.
 * The struct is caller-owned and fixed-size: filling it never allocates.
 *
 * Connection strings (PySpark's rules): sc://host[:port][/][;key=value]*
 *   token=T       sends "authorization: Bearer T" on every call and requires a secure channel:
 *                 TLS, or gRPC local credentials when the host is literally "localhost" and
 *                 use_ssl is not "true" (Spark 4.x behaviour). Env SPARK_CONNECT_AUTHENTICATE_TOKEN
 *                 is the fallback.
 *   use_ssl=true  TLS with the system roots (GRPC_DEFAULT_SSL_ROOTS_FILE_PATH overrides them).
 *   user_id=U     UserContext.user_id (fallbacks: options.user_id, $SPARK_USER, $USER).
 *   user_agent=A  first word of client_type (fallbacks: $SPARK_CONNECT_USER_AGENT,
 * "_SPARK_CONNECT_C"). session_id=S  use this session id (a UUID) instead of a fresh random one.
 *   other keys    sent verbatim as gRPC metadata on every call.
 * Values are percent-decoded; keys are case-sensitive; each parameter needs exactly one '='
 * (write '=' inside a value as %3D); IPv6 hosts are bracketed; the port defaults to 15002. A NULL
 * URL takes $SPARK_REMOTE, else "sc://localhost".
 *
 * client_type is "<user_agent> spark/<EMBER_SPARK_VERSION> os/<os> c/<EMBER_VERSION>", the
 * shape PySpark sends ("... python/3.11.2"), with the C library version in place of Python's.
 *
 * Retries follow PySpark's default policy: UNAVAILABLE, INTERNAL carrying
 * INVALID_CURSOR.DISCONNECTED, and any error with google.rpc.RetryInfo are retried up to 15
 * times, waiting 50 ms x4 per attempt up to 60 s (RetryInfo's delay honoured up to 10 min),
 * plus up to 500 ms of jitter on waits of 2 s and more. Executions are reattachable (operation
 * ids, ReattachExecute on a cut stream, ReleaseExecute after each response and at the end).
 */
#ifndef EMBER_H
#define EMBER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define EMBER_VERSION "0.1.0"
/* The Spark version whose client behaviour libember follows (the "spark/" word of client_type). */
#define EMBER_SPARK_VERSION "4.1.0"

/* ============================================================================================
 * Arrow C data and stream interfaces (as the Arrow specification defines them, with its guards)
 * ========================================================================================== */

#ifndef ARROW_C_DATA_INTERFACE
#define ARROW_C_DATA_INTERFACE

#define ARROW_FLAG_DICTIONARY_ORDERED 1
#define ARROW_FLAG_NULLABLE           2
#define ARROW_FLAG_MAP_KEYS_SORTED    4

struct ArrowSchema {
    const char *format;
    const char *name;
    const char *metadata;
    int64_t flags;
    int64_t n_children;
    struct ArrowSchema **children;
    struct ArrowSchema *dictionary;
    void (*release)(struct ArrowSchema *);
    void *private_data;
};

struct ArrowArray {
    int64_t length;
    int64_t null_count;
    int64_t offset;
    int64_t n_buffers;
    int64_t n_children;
    const void **buffers;
    struct ArrowArray **children;
    struct ArrowArray *dictionary;
    void (*release)(struct ArrowArray *);
    void *private_data;
};

#endif /* ARROW_C_DATA_INTERFACE */

#ifndef ARROW_C_STREAM_INTERFACE
#define ARROW_C_STREAM_INTERFACE

struct ArrowArrayStream {
    int (*get_schema)(struct ArrowArrayStream *, struct ArrowSchema *out);
    int (*get_next)(struct ArrowArrayStream *, struct ArrowArray *out);
    const char *(*get_last_error)(struct ArrowArrayStream *);
    void (*release)(struct ArrowArrayStream *);
    void *private_data;
};

#endif /* ARROW_C_STREAM_INTERFACE */

/* ============================================================================================
 * Status and errors
 * ========================================================================================== */

typedef enum ember_status {
    EMBER_OK = 0,
    EMBER_EINVAL = 1,     /* a bad argument or a misuse detected by the library (nothing sent) */
    EMBER_ESERVER = 2,    /* the server failed the call; error_class etc. say why */
    EMBER_ETRANSPORT = 3, /* the call failed without Spark error details (connection refused
                             after retries, UNAUTHENTICATED, UNIMPLEMENTED, ...) */
    EMBER_ECANCELED = 4,  /* the operation was interrupted (error_class etc. as for ESERVER) */
    EMBER_EPROTOCOL = 5,  /* the server's answer broke the protocol (bad message, wrong session) */
    EMBER_ECLOSED = 6,    /* the session is closed (stopped, or the server session changed) */
} ember_status;

#define EMBER_ERROR_PARAMS_MAX 16

typedef struct ember_error_param {
    char name[64];
    char value[512];
} ember_error_param;

/*
 * What went wrong. All strings are NUL-terminated and truncated to fit; "" when unknown.
 * Filled by the first failing call; ember_error_clear resets it.
 */
typedef struct ember_error {
    int status;            /* an ember_status; EMBER_OK when nothing failed */
    int grpc_code;         /* gRPC status code of the failed call (0 when none) */
    char error_class[128]; /* Spark condition, e.g. "UNRESOLVED_COLUMN.WITH_SUGGESTION" */
    char sqlstate[8];      /* e.g. "42703" */
    char exception[64];    /* the exception PySpark raises for it, e.g. "AnalysisException",
                              "SparkConnectGrpcException" (no ErrorInfo), "UnknownException" */
    char jvm_class[160];   /* the server's most specific exception class (ErrorInfo.reason) */
    char error_id[48];     /* ErrorInfo errorId used for FetchErrorDetails */
    char message[4096];    /* the full message: FetchErrorDetails' when available, else the
                              gRPC status message ("[CLASS] text SQLSTATE: state" from Spark) */
    int n_params;
    ember_error_param params[EMBER_ERROR_PARAMS_MAX]; /* messageParameters */
    /* First query context (FetchErrorDetails): ctx_type -1 = none, 0 = SQL, 1 = DATAFRAME. */
    int ctx_type;
    int ctx_start, ctx_stop;
    char ctx_fragment[512];
} ember_error;

/* Resets err to "no error". NULL is a no-op. */
void ember_error_clear(ember_error *err);
/* The value of message parameter `name`, or NULL. */
const char *ember_error_param_get(const ember_error *err, const char *name);
/* "OK", "EINVAL", ... (static string). */
const char *ember_status_name(int status);

/* Frees a string or array returned by the library. NULL is a no-op. */
void ember_free(void *p);
/* Frees an array of n strings returned by the library, and the strings. */
void ember_free_strings(char **strs, size_t n);

/* ============================================================================================
 * Sessions
 * ========================================================================================== */

typedef struct ember_session ember_session;
typedef struct ember_dataframe ember_dataframe;
typedef struct ember_column ember_column;
typedef struct ember_grouped ember_grouped;
typedef struct ember_window ember_window;

/* Retry policy; zero fields take PySpark's defaults (listed). */
typedef struct ember_retry_policy {
    int max_retries;               /* 15; negative = never retry */
    int initial_backoff_ms;        /* 50 */
    int max_backoff_ms;            /* 60000 */
    double backoff_multiplier;     /* 4.0 */
    int jitter_ms;                 /* 500 */
    int min_jitter_threshold_ms;   /* 2000 */
    int max_server_retry_delay_ms; /* 600000 */
} ember_retry_policy;

/* Options of ember_session_open_ex; zero/NULL fields take the defaults. */
typedef struct ember_session_options {
    const char *url;     /* connection string; NULL = $SPARK_REMOTE or "sc://localhost" */
    const char *user_id; /* used when the URL has no user_id (PySpark's constructor argument) */
    ember_retry_policy retry;
    bool disable_reattach;      /* send plain (non-reattachable) ExecutePlan requests */
    const char *root_certs_pem; /* TLS roots (PEM text); NULL = system/gRPC defaults */
} ember_session_options;

/*
 * Opens a session. Nothing is sent: the channel connects on the first call (as PySpark does), so
 * a wrong address shows up on the first action. Returns EMBER_OK with *out set (free with
 * ember_session_free), or EMBER_EINVAL with err describing the bad connection string (error
 * class INVALID_CONNECT_URL or INVALID_SESSION_UUID_ID, as PySpark names them).
 */
int ember_session_open(const char *url, ember_session **out, ember_error *err);
int ember_session_open_ex(const ember_session_options *opts, ember_session **out, ember_error *err);

/*
 * Ends the server session (ReleaseSession, as PySpark's spark.stop()) and marks this session
 * closed: later calls fail with EMBER_ECLOSED. Idempotent. The handle still needs
 * ember_session_free.
 */
int ember_session_stop(ember_session *s, ember_error *err);

/*
 * Drops the caller's reference. The session stays alive while DataFrames built on it exist;
 * then it waits for its pending ReleaseExecute calls and closes the channel. Does not release
 * the server session (use ember_session_stop for that). NULL is a no-op.
 */
void ember_session_free(ember_session *s);

/* The session id (a UUID). Borrowed, valid while the session lives. */
const char *ember_session_id(const ember_session *s);
/* The user id sent in UserContext, or "" when none. Borrowed. */
const char *ember_session_user_id(const ember_session *s);
/* The client_type sent with every request. Borrowed. */
const char *ember_session_client_type(const ember_session *s);
/* The target "host:port" of the channel. Borrowed. */
const char *ember_session_target(const ember_session *s);
/* Copies the server-side session id observed so far ("" before the first answer) into buf. */
void ember_session_server_side_id(ember_session *s, char *buf, size_t size);
/* True when the session was stopped or the server session changed under it. */
bool ember_session_is_closed(ember_session *s);

/* The server's Spark version (AnalyzePlan spark_version). *out: caller frees with ember_free. */
int ember_session_version(ember_session *s, char **out, ember_error *err);

/* --- runtime configuration (ConfigRequest) ---------------------------------------------- */

/* spark.conf.set(key, value). */
int ember_conf_set(ember_session *s, const char *key, const char *value, ember_error *err);
/*
 * spark.conf.get(key): *value is the value (ember_free), or NULL when the server answered
 * without one. An unknown key fails (Spark: SQL_CONF_NOT_FOUND).
 */
int ember_conf_get(ember_session *s, const char *key, char **value, ember_error *err);
/* spark.conf.get(key, default): never fails for unknown keys. default_value may be NULL. */
int ember_conf_get_default(ember_session *s, const char *key, const char *default_value,
                           char **value, ember_error *err);
/* spark.conf.unset(key). */
int ember_conf_unset(ember_session *s, const char *key, ember_error *err);
/* spark.conf.isModifiable(key). */
int ember_conf_is_modifiable(ember_session *s, const char *key, bool *out, ember_error *err);

/* --- tags and interrupts ------------------------------------------------------------------ */

/*
 * Operation tags attached to every later execution of this session (PySpark keeps them per
 * thread; libember keeps them per session). A tag is non-empty and has no ','.
 */
int ember_session_add_tag(ember_session *s, const char *tag, ember_error *err);
int ember_session_remove_tag(ember_session *s, const char *tag, ember_error *err);
void ember_session_clear_tags(ember_session *s);

/*
 * Interrupts running operations: all of the session's, those with a tag, or one operation id.
 * *ids / *n_ids (both nullable) receive the interrupted operation ids (free with
 * ember_free_strings). An interrupted collect fails with EMBER_ECANCELED; its ember_error
 * still carries the server's error_class OPERATION_CANCELED and SQLSTATE HY008.
 */
int ember_interrupt_all(ember_session *s, char ***ids, size_t *n_ids, ember_error *err);
int ember_interrupt_tag(ember_session *s, const char *tag, char ***ids, size_t *n_ids,
                        ember_error *err);
int ember_interrupt_operation(ember_session *s, const char *operation_id, char ***ids,
                              size_t *n_ids, ember_error *err);

/* ============================================================================================
 * Creating DataFrames
 * ========================================================================================== */

/*
 * spark.sql(query): runs the statement now (ExecutePlan sql_command, as PySpark does) and
 * returns the DataFrame of its result. Positional parameters (`?`) are literal columns in
 * pos_args (consumed; n_pos may be 0 and pos_args NULL).
 */
int ember_sql(ember_session *s, const char *query, ember_column **pos_args, size_t n_pos,
              ember_dataframe **out, ember_error *err);
/* spark.sql(query, {name: value}): named parameters (`:name`); values consumed. */
int ember_sql_named(ember_session *s, const char *query, const char *const *names,
                    ember_column **values, size_t n, ember_dataframe **out, ember_error *err);

/* spark.range(start, end, step, numPartitions); num_partitions <= 0 leaves it unset. */
int ember_range(ember_session *s, int64_t start, int64_t end, int64_t step, int num_partitions,
                ember_dataframe **out, ember_error *err);

/* spark.table(name) / spark.read.table(name). */
int ember_table(ember_session *s, const char *name, ember_dataframe **out, ember_error *err);

/*
 * spark.read.format(format).schema(schema).options(...).load(paths): a data source read.
 * format and schema (DDL or JSON) may be NULL; options are n_options key/value pairs.
 */
int ember_read(ember_session *s, const char *format, const char *schema,
               const char *const *option_keys, const char *const *option_values, size_t n_options,
               const char *const *paths, size_t n_paths, ember_dataframe **out, ember_error *err);

/*
 * spark.createDataFrame from Arrow data. The stream is consumed (released by the library, also
 * on failure); its batches are sent inline as one Arrow IPC stream in a LocalRelation.
 * schema: NULL derives Spark's schema from the Arrow schema (int64 -> long, utf8 -> string,
 *   ...); a JSON schema ('{'...) is sent as is; any other string is a DDL schema, parsed by the
 *   server first (AnalyzePlan ddl_parse) as PySpark does.
 * names/n_names: column names for toDF, as createDataFrame(data, ["a", "b"]) does; 0 = none.
 */
int ember_create_dataframe(ember_session *s, struct ArrowArrayStream *data, const char *schema,
                           const char *const *names, size_t n_names, ember_dataframe **out,
                           ember_error *err);

/* ============================================================================================
 * DataFrame transformations (each returns a new DataFrame in *out; df is borrowed)
 * ========================================================================================== */

/* Takes another reference (free each with ember_df_free). */
ember_dataframe *ember_df_dup(ember_dataframe *df);
/* Drops a reference. NULL is a no-op. */
void ember_df_free(ember_dataframe *df);
/* The session the DataFrame belongs to (borrowed). */
ember_session *ember_df_session(ember_dataframe *df);
/* The plan id of the DataFrame's root relation (PySpark's df._plan._plan_id). */
int64_t ember_df_plan_id(const ember_dataframe *df);

/* df.select(*cols). */
int ember_df_select(ember_dataframe *df, ember_column **cols, size_t n, ember_dataframe **out,
                    ember_error *err);
/* df.selectExpr(*exprs). */
int ember_df_select_expr(ember_dataframe *df, const char *const *exprs, size_t n,
                         ember_dataframe **out, ember_error *err);
/* df.filter(cond) / df.where(cond). */
int ember_df_filter(ember_dataframe *df, ember_column *cond, ember_dataframe **out,
                    ember_error *err);
int ember_df_where(ember_dataframe *df, ember_column *cond, ember_dataframe **out,
                   ember_error *err);
/* df.filter("sql condition"). */
int ember_df_filter_expr(ember_dataframe *df, const char *cond, ember_dataframe **out,
                         ember_error *err);
/* df.withColumn(name, col). */
int ember_df_with_column(ember_dataframe *df, const char *name, ember_column *col,
                         ember_dataframe **out, ember_error *err);
/* df.withColumns({names[i]: cols[i]}). */
int ember_df_with_columns(ember_dataframe *df, const char *const *names, ember_column **cols,
                          size_t n, ember_dataframe **out, ember_error *err);
/* df.withColumnRenamed(existing, new_name). */
int ember_df_with_column_renamed(ember_dataframe *df, const char *existing, const char *new_name,
                                 ember_dataframe **out, ember_error *err);
/* df.withColumnsRenamed({existing[i]: new_names[i]}). */
int ember_df_with_columns_renamed(ember_dataframe *df, const char *const *existing,
                                  const char *const *new_names, size_t n, ember_dataframe **out,
                                  ember_error *err);
/* df.drop(*names) with column names. */
int ember_df_drop(ember_dataframe *df, const char *const *names, size_t n, ember_dataframe **out,
                  ember_error *err);
/* df.drop(*cols) with Column objects. */
int ember_df_drop_columns(ember_dataframe *df, ember_column **cols, size_t n, ember_dataframe **out,
                          ember_error *err);
/* df.limit(n), df.offset(n). */
int ember_df_limit(ember_dataframe *df, int32_t n, ember_dataframe **out, ember_error *err);
int ember_df_offset(ember_dataframe *df, int32_t n, ember_dataframe **out, ember_error *err);
/*
 * df.orderBy(*cols) / df.sort(*cols): a column that is not already a sort order (ember_asc,
 * ember_desc...) sorts ascending with nulls first, as PySpark does.
 */
int ember_df_sort(ember_dataframe *df, ember_column **cols, size_t n, ember_dataframe **out,
                  ember_error *err);
int ember_df_order_by(ember_dataframe *df, ember_column **cols, size_t n, ember_dataframe **out,
                      ember_error *err);
/* df.sortWithinPartitions(*cols). */
int ember_df_sort_within_partitions(ember_dataframe *df, ember_column **cols, size_t n,
                                    ember_dataframe **out, ember_error *err);
/* df.distinct(). */
int ember_df_distinct(ember_dataframe *df, ember_dataframe **out, ember_error *err);
/* df.dropDuplicates(subset): names == NULL (n 0) means all columns. */
int ember_df_drop_duplicates(ember_dataframe *df, const char *const *names, size_t n,
                             ember_dataframe **out, ember_error *err);
/* df.union(other) (== unionAll: keeps duplicates), df.unionByName(other, allowMissing). */
int ember_df_union(ember_dataframe *df, ember_dataframe *other, ember_dataframe **out,
                   ember_error *err);
int ember_df_union_by_name(ember_dataframe *df, ember_dataframe *other, bool allow_missing_columns,
                           ember_dataframe **out, ember_error *err);
/* df.intersect / intersectAll / subtract (exceptAll with all = true). */
int ember_df_intersect(ember_dataframe *df, ember_dataframe *other, bool all, ember_dataframe **out,
                       ember_error *err);
int ember_df_except(ember_dataframe *df, ember_dataframe *other, bool all, ember_dataframe **out,
                    ember_error *err);
/* df.alias(alias). */
int ember_df_alias(ember_dataframe *df, const char *alias, ember_dataframe **out, ember_error *err);
/*
 * df.join(other, on, how): on is a condition column or NULL; how is one of PySpark's names
 * ("inner", "outer"/"full"/"fullouter", "left"/"leftouter", "right"/"rightouter",
 * "semi"/"leftsemi", "anti"/"leftanti", "cross"; '_' ignored, any case) or NULL for inner.
 * An unknown how fails with EMBER_EINVAL, error class UNSUPPORTED_JOIN_TYPE.
 */
int ember_df_join(ember_dataframe *df, ember_dataframe *other, ember_column *on, const char *how,
                  ember_dataframe **out, ember_error *err);
/* df.join(other, ["a", "b"], how): an equi-join on same-named columns (USING). */
int ember_df_join_using(ember_dataframe *df, ember_dataframe *other, const char *const *cols,
                        size_t n, const char *how, ember_dataframe **out, ember_error *err);
/* df.crossJoin(other). */
int ember_df_cross_join(ember_dataframe *df, ember_dataframe *other, ember_dataframe **out,
                        ember_error *err);
/* df.toDF(*names). */
int ember_df_to_df(ember_dataframe *df, const char *const *names, size_t n, ember_dataframe **out,
                   ember_error *err);
/* df.sample(withReplacement, fraction, seed). */
int ember_df_sample(ember_dataframe *df, bool with_replacement, double fraction, int64_t seed,
                    ember_dataframe **out, ember_error *err);
/* df.hint(name, *params): params are literal columns (consumed). */
int ember_df_hint(ember_dataframe *df, const char *name, ember_column **params, size_t n,
                  ember_dataframe **out, ember_error *err);
/* df.repartition(n) (shuffle) / df.coalesce(n) (no shuffle). */
int ember_df_repartition(ember_dataframe *df, int32_t num_partitions, bool shuffle,
                         ember_dataframe **out, ember_error *err);
/* df.agg(*cols) == df.groupBy().agg(*cols). */
int ember_df_agg(ember_dataframe *df, ember_column **cols, size_t n, ember_dataframe **out,
                 ember_error *err);
/*
 * df.repartition(n, *cols) / df.repartition(*cols) (by_range false) and
 * df.repartitionByRange(n, *cols) (by_range true: non-sort columns sort ascending).
 * num_partitions <= 0 leaves the count to the server; n >= 1 columns (consumed).
 */
int ember_df_repartition_by(ember_dataframe *df, int32_t num_partitions, ember_column **cols,
                            size_t n, bool by_range, ember_dataframe **out, ember_error *err);

/* --- missing values and statistics (df.na, describe, summary) -------------------------------- */

/*
 * df.na.fill(value, subset) / df.fillna: values are literal columns (consumed), either one value
 * (for every column, or for the n_cols columns of cols) or one per column of cols (the dict
 * form). Integral literals are sent as long and float as double, as PySpark sends Python ints
 * and floats. A non-literal or null value fails with EMBER_EINVAL.
 */
int ember_df_fillna(ember_dataframe *df, ember_column **values, size_t n_values,
                    const char *const *cols, size_t n_cols, ember_dataframe **out,
                    ember_error *err);
/*
 * df.na.drop(how, thresh, subset) / df.dropna: how is "any" (also NULL) or "all"; thresh >= 0
 * overrides how (thresh < 0 = not given); cols/n_cols is the subset (n_cols 0 = all columns).
 */
int ember_df_dropna(ember_dataframe *df, const char *how, int32_t thresh, const char *const *cols,
                    size_t n_cols, ember_dataframe **out, ember_error *err);
/*
 * df.na.replace(to_replace, value, subset) / df.replace: old_values[i] -> new_values[i] (literal
 * columns, consumed; a new value may be ember_lit_null()). Integers are sent as doubles, as
 * PySpark converts them. n_cols 0 = every column.
 */
int ember_df_replace(ember_dataframe *df, ember_column **old_values, ember_column **new_values,
                     size_t n, const char *const *cols, size_t n_cols, ember_dataframe **out,
                     ember_error *err);
/* df.describe(*cols) (n 0 = every column). */
int ember_df_describe(ember_dataframe *df, const char *const *cols, size_t n, ember_dataframe **out,
                      ember_error *err);
/* df.summary(*statistics) (n 0 = Spark's default statistics). */
int ember_df_summary(ember_dataframe *df, const char *const *statistics, size_t n,
                     ember_dataframe **out, ember_error *err);

/* --- df.stat, unpivot, tail ------------------------------------------------------------------ */

/* df.crosstab(col1, col2): the contingency table (first column "<col1>_<col2>"). */
int ember_df_crosstab(ember_dataframe *df, const char *col1, const char *col2,
                      ember_dataframe **out, ember_error *err);
/* df.freqItems(cols, support): one row of "<col>_freqItems" arrays; support <= 0 = 0.01
   (PySpark's default). */
int ember_df_freq_items(ember_dataframe *df, const char *const *cols, size_t n, double support,
                        ember_dataframe **out, ember_error *err);
/*
 * df.approxQuantile(cols, probabilities, relativeError) (runs the query): out receives
 * n_cols * n_probabilities doubles, the quantiles of column c at out[c * n_probabilities + p];
 * NaN for a column without non-null values. Probabilities in [0, 1], relative_error >= 0.
 */
int ember_df_approx_quantile(ember_dataframe *df, const char *const *cols, size_t n_cols,
                             const double *probabilities, size_t n_probabilities,
                             double relative_error, double *out, ember_error *err);
/* df.cov(col1, col2) / df.corr(col1, col2) (Pearson) (run the query); NaN when Spark
   answers null. */
int ember_df_cov(ember_dataframe *df, const char *col1, const char *col2, double *out,
                 ember_error *err);
int ember_df_corr(ember_dataframe *df, const char *col1, const char *col2, double *out,
                  ember_error *err);
/*
 * df.sampleBy(col, fractions, seed): keeps each row of stratum strata[i] (literal columns) with
 * probability fractions[i], rows of other strata never. col and strata are consumed. seed
 * NULL draws a random seed, as PySpark does.
 */
int ember_df_sample_by(ember_dataframe *df, ember_column *col, ember_column **strata,
                       const double *fractions, size_t n, const int64_t *seed,
                       ember_dataframe **out, ember_error *err);
/*
 * df.unpivot(ids, values, variableColumnName, valueColumnName) / df.melt: ids and values are
 * consumed; values_given false sends no value list (every non-id column is unpivoted).
 */
int ember_df_unpivot(ember_dataframe *df, ember_column **ids, size_t n_ids, ember_column **values,
                     size_t n_values, bool values_given, const char *variable_column_name,
                     const char *value_column_name, ember_dataframe **out, ember_error *err);
/* df.tail(n): the last n rows, as a stream (as ember_df_collect). */
int ember_df_tail(ember_dataframe *df, int32_t n, struct ArrowArrayStream *out, ember_error *err);

/* --- grouping (GroupedData) ---------------------------------------------------------------- */

/* df.groupBy(*cols) / df.rollup(*cols) / df.cube(*cols). *out: free with ember_grouped_free. */
int ember_df_group_by(ember_dataframe *df, ember_column **cols, size_t n, ember_grouped **out,
                      ember_error *err);
int ember_df_rollup(ember_dataframe *df, ember_column **cols, size_t n, ember_grouped **out,
                    ember_error *err);
int ember_df_cube(ember_dataframe *df, ember_column **cols, size_t n, ember_grouped **out,
                  ember_error *err);
/*
 * grouped.pivot(col, values): col is a column name (bound to the DataFrame like df[col]);
 * values are literal columns (consumed), or n 0 to let the server find them. Only after
 * group_by (PySpark: UNSUPPORTED_OPERATION otherwise).
 */
int ember_grouped_pivot(ember_grouped *g, const char *col, ember_column **values, size_t n,
                        ember_grouped **out, ember_error *err);
/* grouped.agg(*cols). */
int ember_grouped_agg(ember_grouped *g, ember_column **cols, size_t n, ember_dataframe **out,
                      ember_error *err);
/* grouped.count(): count(1) AS count. */
int ember_grouped_count(ember_grouped *g, ember_dataframe **out, ember_error *err);
/* grouped.min/max/sum/avg(*names) with explicit column names (n > 0). */
int ember_grouped_agg_columns(ember_grouped *g, const char *function, const char *const *names,
                              size_t n, ember_dataframe **out, ember_error *err);
void ember_grouped_free(ember_grouped *g);

/* ============================================================================================
 * Actions
 * ========================================================================================== */

/*
 * df.collect() as an Arrow stream. The execution starts now (its errors are returned here);
 * each get_next reads the next ArrowBatch from the server (reattaching and retrying as needed)
 * and exports it with no further copy. The stream's schema is the result's (a struct of the
 * columns). Release the stream to stop early (the server is told with ReleaseExecute).
 * The stream may be read from any one thread at a time; it keeps the session alive.
 */
int ember_df_collect(ember_dataframe *df, struct ArrowArrayStream *out, ember_error *err);
/* Same with a caller-chosen operation id (a UUID, for ember_interrupt_operation). */
int ember_df_collect_with_id(ember_dataframe *df, const char *operation_id,
                             struct ArrowArrayStream *out, ember_error *err);
/* The ember_error of the last failed get_next of a stream from ember_df_collect (or NULL). */
const ember_error *ember_stream_error(struct ArrowArrayStream *stream);

/* df.head(n) / df.take(n): limit(n) then collect. */
int ember_df_take(ember_dataframe *df, int32_t n, struct ArrowArrayStream *out, ember_error *err);
/* df.count(). */
int ember_df_count(ember_dataframe *df, int64_t *out, ember_error *err);
/* df.isEmpty(). */
int ember_df_is_empty(ember_dataframe *df, bool *out, ember_error *err);
/*
 * df.show(n, truncate, vertical) text as the server renders it (ShowString). truncate is
 * PySpark's int form: 20 for truncate=True, 0 for False. *out: ember_free.
 */
int ember_df_show_string(ember_dataframe *df, int32_t num_rows, int32_t truncate, bool vertical,
                         char **out, ember_error *err);
/* df.show(...): prints the text and a newline to stdout (as PySpark's print does). */
int ember_df_show(ember_dataframe *df, int32_t num_rows, int32_t truncate, bool vertical,
                  ember_error *err);
/* df.schema as Arrow (a struct of the columns; release it). */
int ember_df_schema(ember_dataframe *df, struct ArrowSchema *out, ember_error *err);
/* df.schema.json() as PySpark prints it (compact, sorted keys). *out: ember_free. */
int ember_df_schema_json(ember_dataframe *df, char **out, ember_error *err);
/* df.columns. *names: ember_free_strings(*names, *n). */
int ember_df_columns(ember_dataframe *df, char ***names, size_t *n, ember_error *err);
/* df.printSchema() text (AnalyzePlan tree_string). *out: ember_free. */
int ember_df_tree_string(ember_dataframe *df, char **out, ember_error *err);
/*
 * df.explain(mode): mode is "simple" (also NULL), "extended", "codegen", "cost" or
 * "formatted". *out: ember_free.
 */
int ember_df_explain(ember_dataframe *df, const char *mode, char **out, ember_error *err);
/* df.createTempView / createOrReplaceTempView / create(OrReplace)GlobalTempView. */
int ember_df_create_view(ember_dataframe *df, const char *name, bool replace, bool global,
                         ember_error *err);
/* A StorageLevel (pyspark.StorageLevel): MEMORY_AND_DISK_DESER is {1, 1, 0, 1, 1}. */
typedef struct ember_storage_level {
    bool use_disk;
    bool use_memory;
    bool use_off_heap;
    bool deserialized;
    int32_t replication;
} ember_storage_level;

/* df.cache() / df.persist() (MEMORY_AND_DISK_DESER) and df.unpersist(blocking). */
int ember_df_persist(ember_dataframe *df, ember_error *err);
/* df.persist(storageLevel); NULL = MEMORY_AND_DISK_DESER. */
int ember_df_persist_level(ember_dataframe *df, const ember_storage_level *level, ember_error *err);
int ember_df_unpersist(ember_dataframe *df, bool blocking, ember_error *err);

/* ============================================================================================
 * Writing DataFrames: df.write (DataFrameWriter) and df.writeTo (DataFrameWriterV2)
 * ========================================================================================== */

/*
 * Writers are mutable builders (one thread at a time) holding a reference to their DataFrame;
 * free them with their _free function. Nothing is sent until a terminal call (save,
 * saveAsTable, insertInto; create, replace, createOrReplace, append, overwrite,
 * overwritePartitions), which runs the WriteOperation / WriteOperationV2 command PySpark sends
 * to its end. A writer may run several terminal calls.
 */
typedef struct ember_writer ember_writer;
typedef struct ember_writer_v2 ember_writer_v2;

/* df.write. *out: ember_writer_free. */
int ember_df_write(ember_dataframe *df, ember_writer **out, ember_error *err);
void ember_writer_free(ember_writer *w);
/* .format(source). */
int ember_writer_format(ember_writer *w, const char *source, ember_error *err);
/*
 * .mode(m): "append", "overwrite", "error" or "ignore" (any case); NULL keeps the current mode
 * (PySpark's mode(None)). Anything else fails with UNSUPPORTED_OPERATION, as PySpark does.
 */
int ember_writer_mode(ember_writer *w, const char *mode, ember_error *err);
/* .option(key, value) / .options(...): a NULL value removes the key (PySpark's None). */
int ember_writer_option(ember_writer *w, const char *key, const char *value, ember_error *err);
int ember_writer_options(ember_writer *w, const char *const *keys, const char *const *values,
                         size_t n, ember_error *err);
/* .partitionBy(*cols), .bucketBy(n, *cols), .sortBy(*cols), .clusterBy(*cols) (each replaces). */
int ember_writer_partition_by(ember_writer *w, const char *const *cols, size_t n, ember_error *err);
int ember_writer_bucket_by(ember_writer *w, int32_t num_buckets, const char *const *cols, size_t n,
                           ember_error *err);
int ember_writer_sort_by(ember_writer *w, const char *const *cols, size_t n, ember_error *err);
int ember_writer_cluster_by(ember_writer *w, const char *const *cols, size_t n, ember_error *err);
/* .save(path): path may be NULL (a source that needs none). */
int ember_writer_save(ember_writer *w, const char *path, ember_error *err);
/* .saveAsTable(name). */
int ember_writer_save_as_table(ember_writer *w, const char *name, ember_error *err);
/* .insertInto(name, overwrite): overwrite -1 = not given, 0 = append, 1 = overwrite. */
int ember_writer_insert_into(ember_writer *w, const char *name, int overwrite, ember_error *err);

/* df.writeTo(table). *out: ember_writer_v2_free. */
int ember_df_write_to(ember_dataframe *df, const char *table, ember_writer_v2 **out,
                      ember_error *err);
void ember_writer_v2_free(ember_writer_v2 *w);
/* .using(provider), .option(k, v), .tableProperty(k, v) (NULL value removes the key). */
int ember_writer_v2_using(ember_writer_v2 *w, const char *provider, ember_error *err);
int ember_writer_v2_option(ember_writer_v2 *w, const char *key, const char *value,
                           ember_error *err);
int ember_writer_v2_table_property(ember_writer_v2 *w, const char *key, const char *value,
                                   ember_error *err);
/* .partitionedBy(*cols) (n >= 1, consumed; e.g. ember_col("c") or ember_call("years", ...)). */
int ember_writer_v2_partitioned_by(ember_writer_v2 *w, ember_column **cols, size_t n,
                                   ember_error *err);
/* .clusterBy(*cols) (n >= 1). */
int ember_writer_v2_cluster_by(ember_writer_v2 *w, const char *const *cols, size_t n,
                               ember_error *err);
/* The terminal calls. */
int ember_writer_v2_create(ember_writer_v2 *w, ember_error *err);
int ember_writer_v2_replace(ember_writer_v2 *w, ember_error *err);
int ember_writer_v2_create_or_replace(ember_writer_v2 *w, ember_error *err);
int ember_writer_v2_append(ember_writer_v2 *w, ember_error *err);
/* .overwrite(condition): condition consumed. */
int ember_writer_v2_overwrite(ember_writer_v2 *w, ember_column *condition, ember_error *err);
int ember_writer_v2_overwrite_partitions(ember_writer_v2 *w, ember_error *err);

/* ============================================================================================
 * Catalog (spark.catalog)
 * ========================================================================================== */

/*
 * Each call runs at once (a catalog relation, as PySpark sends it). Scalar answers come back as
 * values; list and get calls return the server's result as an Arrow stream with Spark's columns:
 *   catalogs   name, description
 *   databases  name, catalog, description, locationUri
 *   tables     name, catalog, namespace (array<string>), description, tableType, isTemporary
 *   functions  name, catalog, namespace, description, className, isTemporary
 *   columns    name, description, dataType, nullable, isPartition, isBucket, isCluster
 * Optional arguments (db_name, pattern, path, ...) are NULL when not given; strings returned
 * are freed with ember_free.
 */
int ember_catalog_current_catalog(ember_session *s, char **out, ember_error *err);
int ember_catalog_set_current_catalog(ember_session *s, const char *name, ember_error *err);
int ember_catalog_list_catalogs(ember_session *s, const char *pattern, struct ArrowArrayStream *out,
                                ember_error *err);
int ember_catalog_current_database(ember_session *s, char **out, ember_error *err);
int ember_catalog_set_current_database(ember_session *s, const char *name, ember_error *err);
int ember_catalog_list_databases(ember_session *s, const char *pattern,
                                 struct ArrowArrayStream *out, ember_error *err);
int ember_catalog_get_database(ember_session *s, const char *name, struct ArrowArrayStream *out,
                               ember_error *err);
int ember_catalog_database_exists(ember_session *s, const char *name, bool *out, ember_error *err);
int ember_catalog_list_tables(ember_session *s, const char *db_name, const char *pattern,
                              struct ArrowArrayStream *out, ember_error *err);
int ember_catalog_get_table(ember_session *s, const char *name, const char *db_name,
                            struct ArrowArrayStream *out, ember_error *err);
int ember_catalog_table_exists(ember_session *s, const char *name, const char *db_name, bool *out,
                               ember_error *err);
int ember_catalog_list_columns(ember_session *s, const char *table, const char *db_name,
                               struct ArrowArrayStream *out, ember_error *err);
int ember_catalog_list_functions(ember_session *s, const char *db_name, const char *pattern,
                                 struct ArrowArrayStream *out, ember_error *err);
int ember_catalog_get_function(ember_session *s, const char *name, const char *db_name,
                               struct ArrowArrayStream *out, ember_error *err);
int ember_catalog_function_exists(ember_session *s, const char *name, const char *db_name,
                                  bool *out, ember_error *err);
/*
 * spark.catalog.createTable(name, path, source, schema, description, **options): schema is a
 * DDL or JSON struct schema string (turned into a DataType by the server: AnalyzePlan
 * json_to_ddl / ddl_parse) or NULL; options with a NULL value are left out. Runs at once;
 * *out (nullable) receives the DataFrame PySpark returns (free with ember_df_free).
 */
int ember_catalog_create_table(ember_session *s, const char *name, const char *path,
                               const char *source, const char *schema, const char *description,
                               const char *const *option_keys, const char *const *option_values,
                               size_t n_options, ember_dataframe **out, ember_error *err);
/* dropTempView / dropGlobalTempView: *out (nullable) = whether a view was dropped. */
int ember_catalog_drop_temp_view(ember_session *s, const char *name, bool *out, ember_error *err);
int ember_catalog_drop_global_temp_view(ember_session *s, const char *name, bool *out,
                                        ember_error *err);
int ember_catalog_recover_partitions(ember_session *s, const char *table, ember_error *err);
int ember_catalog_is_cached(ember_session *s, const char *table, bool *out, ember_error *err);
/* cacheTable(name, storageLevel): level NULL = the server's default. */
int ember_catalog_cache_table(ember_session *s, const char *table, const ember_storage_level *level,
                              ember_error *err);
int ember_catalog_uncache_table(ember_session *s, const char *table, ember_error *err);
int ember_catalog_clear_cache(ember_session *s, ember_error *err);
int ember_catalog_refresh_table(ember_session *s, const char *table, ember_error *err);
int ember_catalog_refresh_by_path(ember_session *s, const char *path, ember_error *err);

/* ============================================================================================
 * Columns (expressions). Every function below consumes its ember_column arguments.
 * ========================================================================================== */

ember_column *ember_column_dup(ember_column *c);
void ember_column_free(ember_column *c);

/* F.col(name): "*" is a star, "a.*" a qualified star, anything else an unresolved column. */
ember_column *ember_col(const char *name);
/* df[name] / df.name: the column bound to df's plan id (self-joins need it); "*" is df["*"]. */
ember_column *ember_df_col(ember_dataframe *df, const char *name);
/* df.metadataColumn(name). */
ember_column *ember_df_metadata_col(ember_dataframe *df, const char *name);
/* F.expr(sql). */
ember_column *ember_expr(const char *sql);

/* Literals (F.lit). A Python int becomes integer when it fits 32 bits, else long:
 * ember_lit_integral picks the same way. Floats are double. */
ember_column *ember_lit_null(void);
ember_column *ember_lit_bool(bool v);
ember_column *ember_lit_byte(int8_t v);
ember_column *ember_lit_short(int16_t v);
ember_column *ember_lit_int(int32_t v);
ember_column *ember_lit_long(int64_t v);
ember_column *ember_lit_integral(int64_t v);
ember_column *ember_lit_float(float v);
ember_column *ember_lit_double(double v);
ember_column *ember_lit_string(const char *v);
ember_column *ember_lit_binary(const void *data, size_t len);
/* A decimal from its text ("12.345"); precision/scale as PySpark sends them for a Python
 * Decimal: DecimalType() is (10, 0) unless given. */
ember_column *ember_lit_decimal(const char *value, int precision, int scale);
ember_column *ember_lit_date(int32_t days_since_epoch);
ember_column *ember_lit_timestamp(int64_t micros_since_epoch_utc);
ember_column *ember_lit_timestamp_ntz(int64_t micros_wall_clock);
ember_column *ember_lit_day_time_interval(int64_t micros);
ember_column *ember_lit_year_month_interval(int32_t months);
ember_column *ember_lit_calendar_interval(int32_t months, int32_t days, int64_t micros);

/* Operators, named in the plan exactly as PySpark names them. */
ember_column *ember_add(ember_column *a, ember_column *b);          /* "+" */
ember_column *ember_sub(ember_column *a, ember_column *b);          /* "-" */
ember_column *ember_mul(ember_column *a, ember_column *b);          /* "*" */
ember_column *ember_div(ember_column *a, ember_column *b);          /* "/" */
ember_column *ember_mod(ember_column *a, ember_column *b);          /* "%" */
ember_column *ember_pow(ember_column *a, ember_column *b);          /* "power" */
ember_column *ember_eq(ember_column *a, ember_column *b);           /* "==" */
ember_column *ember_ne(ember_column *a, ember_column *b);           /* not("==") */
ember_column *ember_lt(ember_column *a, ember_column *b);           /* "<" */
ember_column *ember_le(ember_column *a, ember_column *b);           /* "<=" */
ember_column *ember_gt(ember_column *a, ember_column *b);           /* ">" */
ember_column *ember_ge(ember_column *a, ember_column *b);           /* ">=" */
ember_column *ember_eq_null_safe(ember_column *a, ember_column *b); /* "<=>" */
ember_column *ember_and(ember_column *a, ember_column *b);          /* "and" */
ember_column *ember_or(ember_column *a, ember_column *b);           /* "or" */
ember_column *ember_not(ember_column *a);                           /* "not" */
ember_column *ember_neg(ember_column *a);                           /* "negative" */
ember_column *ember_bitwise_or(ember_column *a, ember_column *b);   /* "|" */
ember_column *ember_bitwise_and(ember_column *a, ember_column *b);  /* "&" */
ember_column *ember_bitwise_xor(ember_column *a, ember_column *b);  /* "^" */
ember_column *ember_is_null(ember_column *a);                       /* "isNull" */
ember_column *ember_is_not_null(ember_column *a);                   /* "isNotNull" */
ember_column *ember_is_nan(ember_column *a);                        /* "isNaN" */
ember_column *ember_like(ember_column *a, const char *pattern);     /* "like" */
ember_column *ember_rlike(ember_column *a, const char *pattern);    /* "rlike" */
ember_column *ember_ilike(ember_column *a, const char *pattern);    /* "ilike" */
ember_column *ember_contains(ember_column *a, ember_column *b);     /* "contains" */
ember_column *ember_starts_with(ember_column *a, ember_column *b);  /* "startsWith" */
ember_column *ember_ends_with(ember_column *a, ember_column *b);    /* "endsWith" */
/* col.substr(start, length) ("substr"). */
ember_column *ember_substr(ember_column *a, ember_column *start, ember_column *length);
/* col.isin(*values) ("in"); values consumed. */
ember_column *ember_isin(ember_column *a, ember_column **values, size_t n);
/* col.between(lo, hi) == (col >= lo) & (col <= hi). */
ember_column *ember_between(ember_column *a, ember_column *lo, ember_column *hi);
/* col[key] / col.getItem(key) / col.getField(name) (unresolved_extract_value). */
ember_column *ember_get_item(ember_column *a, ember_column *key);
ember_column *ember_get_field(ember_column *a, const char *name);

/* col.alias(name) / col.alias(*names) / col.alias(name, metadata=json). */
ember_column *ember_alias(ember_column *a, const char *name);
ember_column *ember_alias_multi(ember_column *a, const char *const *names, size_t n);
ember_column *ember_alias_with_metadata(ember_column *a, const char *name,
                                        const char *metadata_json);
/* col.cast("type string") / col.try_cast("type string"). */
ember_column *ember_cast(ember_column *a, const char *type);
ember_column *ember_try_cast(ember_column *a, const char *type);

/* Sort orders: asc = ASC NULLS FIRST, desc = DESC NULLS LAST (PySpark's defaults). */
ember_column *ember_asc(ember_column *a);
ember_column *ember_asc_nulls_last(ember_column *a);
ember_column *ember_desc(ember_column *a);
ember_column *ember_desc_nulls_first(ember_column *a);
ember_column *ember_asc_nulls_first(ember_column *a);
ember_column *ember_desc_nulls_last(ember_column *a);

/* F.when(cond, value) and Column.when(cond, value) / .otherwise(value) on its result. */
ember_column *ember_when(ember_column *cond, ember_column *value);
ember_column *ember_when_add(ember_column *case_when, ember_column *cond, ember_column *value);
ember_column *ember_otherwise(ember_column *case_when, ember_column *value);

/* Any function by name: F.<name>(*args) as an unresolved function. */
ember_column *ember_fn(const char *name, ember_column **args, size_t n);
/* The same, with is_distinct (F.count_distinct and friends). */
ember_column *ember_fn_distinct(const char *name, ember_column **args, size_t n);
/* ember_call(name, arg1, arg2, ..., NULL): ember_fn with a NULL-terminated argument list. */
ember_column *ember_call(const char *name, ...);
/* F.call_function(name, *args) (a call_function expression). */
ember_column *ember_call_function(const char *name, ember_column **args, size_t n);

/* --- windows --------------------------------------------------------------------------------- */

#define EMBER_UNBOUNDED_PRECEDING INT64_MIN
#define EMBER_UNBOUNDED_FOLLOWING INT64_MAX
#define EMBER_CURRENT_ROW         0

/* Window.partitionBy(...).orderBy(...).rowsBetween(...): a mutable builder. */
ember_window *ember_window_new(void);
void ember_window_free(ember_window *w);
/* Appends partition columns / order columns (consumed; non-sort columns sort ascending). */
int ember_window_partition_by(ember_window *w, ember_column **cols, size_t n, ember_error *err);
int ember_window_order_by(ember_window *w, ember_column **cols, size_t n, ember_error *err);
/* Frame: rowsBetween / rangeBetween (EMBER_UNBOUNDED_*, EMBER_CURRENT_ROW or offsets). */
void ember_window_rows_between(ember_window *w, int64_t start, int64_t end);
void ember_window_range_between(ember_window *w, int64_t start, int64_t end);
/* col.over(window): consumes col, borrows w. */
ember_column *ember_over(ember_column *a, const ember_window *w);

/* ============================================================================================
 * Execution progress (src/client/cl_progress.c; added for `ember shell`, issue #6)
 * ========================================================================================== */

/* One stage of a progress report (PySpark's StageInfo; num_bytes_read = input_bytes_read). */
typedef struct ember_stage_info {
    int64_t stage_id;
    int64_t num_tasks;
    int64_t num_completed_tasks;
    int64_t num_bytes_read;
    bool done;
} ember_stage_info;

/* A progress report of one running operation. Everything is borrowed for the call only. */
typedef struct ember_progress {
    const char *operation_id;
    const ember_stage_info *stages;
    size_t n_stages;
    int64_t inflight_tasks;
} ember_progress;

typedef void (*ember_progress_fn)(const ember_progress *progress, void *user_data);

/*
 * spark.registerProgressHandler(handler): fn(progress, user_data) runs for every
 * ExecutionProgress response (Spark 4 servers send one about every
 * spark.connect.progress.reportInterval, default 2 s, while a query runs) of any execution of
 * s whose stages count at least one task, as PySpark's handlers are called. It runs on the
 * thread reading the results (inside ember_df_collect, get_next, ember_sql...), so it must be
 * quick; it may call libember. Registering the same (fn, user_data) twice is a no-op.
 */
int ember_session_register_progress_handler(ember_session *s, ember_progress_fn fn, void *user_data,
                                            ember_error *err);
/* spark.removeProgressHandler(handler): EMBER_EINVAL when (fn, user_data) is not registered. */
int ember_session_remove_progress_handler(ember_session *s, ember_progress_fn fn, void *user_data,
                                          ember_error *err);
/* spark.clearProgressHandlers(). Call it before ember_session_free when handlers were set. */
void ember_session_clear_progress_handlers(ember_session *s);

#ifdef __cplusplus
}
#endif

#endif
