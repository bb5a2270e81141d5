/*
 * cl_int.h: libember's private structs and the functions its files share.
 *
 * Layout of the client (one file per concern):
 *   cl_url.c      sc:// connection strings            cl_session.c  sessions, envelopes, config
 *   cl_rpc.c      unary calls, retries, responses     cl_error.c    gRPC status -> ember_error
 *   cl_column.c   ember_column builders               cl_df.c       DataFrame builders
 *   cl_group.c    GroupedData and windows             cl_proto.c    IR -> protobuf-c messages
 *   cl_exec.c     reattachable ExecutePlan streams    cl_collect.c  results as ArrowArrayStream
 *   cl_actions.c  count/show/schema/explain/...       cl_local.c    Arrow C data -> IPC (local
 * data) cl_types.c    DataType proto -> ty / Spark JSON
 *
 * The plan IR: ember_dataframe and ember_column are immutable refcounted nodes. A DataFrame
 * node holds references to its inputs and expressions; nothing is serialized until a request
 * is sent, when cl_proto.c builds the protobuf-c tree in a per-request arena and packs it.
 * Plan ids come from one process-wide counter at node creation, as PySpark's LogicalPlan does.
 *
 * Threading: nodes are immutable after creation (refcounts are atomic). The session's mutable
 * state (observed server-side id, tags, closed flag) is under s->mu. The release worker thread
 * sends ReleaseExecute requests queued by executions.
 */
#ifndef CL_INT_H
#define CL_INT_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ember.h"

#include "common/em_arena.h"
#include "common/em_error.h"
#include "common/em_str.h"
#include "wire/wire.h"

#include "google/rpc/error_details.pb-c.h"
#include "google/rpc/status.pb-c.h"
#include "spark/connect/base.pb-c.h"

#define CL_SERVICE            "/spark.connect.SparkConnectService/"
#define CL_DEFAULT_PORT       15002
#define CL_DEFAULT_USER_AGENT "_SPARK_CONNECT_C"
/* PySpark refuses a user_agent longer than this (percent-encoded). */
#define CL_MAX_USER_AGENT 2048

/* ---------------------------------------------------------------------------- cl_url.c ---- */

/* A parsed connection string. Every string is owned by the struct (em_malloc). */
typedef struct cl_url {
    char *host; /* as written, brackets kept for IPv6 ("[::1]"), lower-cased */
    int port;
    char *target; /* "host:port" for gRPC */
    char *token;  /* NULL when absent (also after the env fallback) */
    bool use_ssl;
    char *user_id;
    char *user_agent;
    char *session_id;
    int n_params; /* every key=value, in order (known keys included) */
    char **keys;
    char **values;
} cl_url;

/*
 * Parses url (PySpark's rules, see ember.h). Returns EMBER_OK, or EMBER_EINVAL with err set
 * (INVALID_CONNECT_URL / INVALID_SESSION_UUID_ID). Environment fallbacks are NOT applied here.
 */
int cl_url_parse(const char *url, cl_url *out, ember_error *err);
void cl_url_release(cl_url *u);

/* ---------------------------------------------------------------------------- session ---- */

typedef struct cl_release_job cl_release_job;

struct ember_session {
    atomic_int refcount;
    pthread_mutex_t mu;
    wire_channel *ch;
    cl_url url;
    char *session_id;
    char *user_id; /* NULL when none */
    char *client_type;
    char *target;
    char **md; /* extra metadata pairs (key, value, key, value, ...) for every call */
    size_t n_md;
    ember_retry_policy retry;
    bool reattachable;
    /* under mu */
    bool closed;
    bool have_server_side_id;
    char server_side_id[64];
    char **tags;
    size_t n_tags;
    /* ReleaseExecute worker */
    pthread_t release_thread;
    bool release_started;
    bool release_stop;
    pthread_cond_t release_cv;
    cl_release_job *release_head, *release_tail;
    int release_inflight;
};

ember_session *cl_session_retain(ember_session *s);
void cl_session_release(ember_session *s);

/* Fills the common envelope fields. Strings point into s or into arena copies. */
Spark__Connect__UserContext *cl_user_context(ember_session *s, em_arena *a);
/* A copy of the observed server-side id into the arena, or NULL when none/empty. */
char *cl_observed_id(ember_session *s, em_arena *a);
/* A copy of the tags into the arena (*n set). */
char **cl_tags_copy(ember_session *s, em_arena *a, size_t *n);

/*
 * Checks a response's session ids: session_id must equal ours; the first server-side id is
 * remembered, a later different non-empty one closes the session. Returns EMBER_OK or
 * EMBER_EPROTOCOL/EMBER_ECLOSED with err set.
 */
int cl_check_response(ember_session *s, const char *session_id, const char *server_side_id,
                      ember_error *err);
/* EMBER_ECLOSED (NO_ACTIVE_SESSION) when the session is closed. */
int cl_check_open(ember_session *s, ember_error *err);

/* Queues an asynchronous ReleaseExecute (packed request bytes, consumed). */
void cl_release_enqueue(ember_session *s, uint8_t *req, size_t len);

/* ---------------------------------------------------------------------------- cl_rpc.c ---- */

/* The state of PySpark's retry policy for one logical call. */
typedef struct cl_retry_state {
    int attempt;
    double next_wait_ms;
} cl_retry_state;

void cl_retry_init(const ember_session *s, cl_retry_state *st);
/* True when PySpark's DefaultPolicy retries a call that ended with st. */
bool cl_retry_can(const wire_status *st);
/*
 * Decides about one more attempt: returns true after sleeping the backoff, false when the
 * budget is spent.
 */
bool cl_retry_wait(const ember_session *s, cl_retry_state *rs, const wire_status *st);
/* The wait (ms) the policy asks for the next attempt without sleeping; -1 when spent. */
int64_t cl_retry_next_ms(const ember_session *s, cl_retry_state *rs, const wire_status *st);

/*
 * One unary RPC with retries: packs req, calls CL_SERVICE<method>, unpacks the answer with
 * resp_desc into *resp (caller frees with protobuf_c_message_free_unpacked(*resp, NULL)).
 * A failed call fills err (cl_error_from_status, with FetchErrorDetails).
 */
int cl_unary(ember_session *s, const char *method, const ProtobufCMessage *req,
             const ProtobufCMessageDescriptor *resp_desc, ProtobufCMessage **resp,
             ember_error *err);

/* Packs a message into a new buffer (em_malloc). */
uint8_t *cl_pack(const ProtobufCMessage *m, size_t *len);

/* An allocator for protobuf-c that takes memory from an arena (free is a no-op). */
void cl_arena_allocator(em_arena *a, ProtobufCAllocator *out);

/* -------------------------------------------------------------------------- cl_error.c ---- */

/*
 * Fills err from a failed call: gRPC code and message, google.rpc.ErrorInfo from the details
 * trailer (classes, errorClass, sqlState, messageParameters, errorId), then, when an errorId is
 * present and s is not NULL, FetchErrorDetails for the full message and query context.
 * Returns the ember status set (EMBER_ESERVER, EMBER_ETRANSPORT or EMBER_ECANCELED), and closes
 * the session on INVALID_HANDLE.SESSION_CHANGED as PySpark does.
 */
int cl_error_from_status(ember_session *s, const wire_status *st, ember_error *err);
/* Sets a library-side error (status, optional error class, printf message). Returns status. */
int cl_error_set(ember_error *err, int status, const char *error_class, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Adds a message parameter (truncated). */
void cl_error_param(ember_error *err, const char *name, const char *value);
/* Copies src into dst when dst is not NULL. */
void cl_error_copy(ember_error *dst, const ember_error *src);
/* Maps JVM classes (most specific first) to the PySpark exception name. */
const char *cl_error_python_exception(const char *const *classes, size_t n);
/* Safe bounded copy. */
void cl_strlcpy(char *dst, const char *src, size_t size);

/* ------------------------------------------------------------------------- columns ------- */

typedef enum cl_col_kind {
    CL_C_ATTR,      /* name, plan_id (has_plan_id), flag = is_metadata_column */
    CL_C_STAR,      /* name = target or NULL, plan_id */
    CL_C_LIT,       /* lit */
    CL_C_FUNC,      /* name, args, flag = is_distinct */
    CL_C_CALL,      /* call_function: name, args */
    CL_C_SQL,       /* name = SQL text */
    CL_C_ALIAS,     /* args[0], names, metadata */
    CL_C_CAST,      /* args[0], name = type string, ival = eval mode (0 unset, 3 try) */
    CL_C_SORT,      /* args[0], ival = direction (1 asc, 2 desc), ival2 = nulls (1 first, 2 last) */
    CL_C_CASE_WHEN, /* args = cond, value, cond, value, ..., [else]; flag = has else */
    CL_C_EXTRACT,   /* args[0] child, args[1] extraction */
    CL_C_WINDOW,    /* args[0] function; win = the window spec copy */
} cl_col_kind;

typedef enum cl_lit_kind {
    CL_L_NULL,
    CL_L_BOOL,
    CL_L_BYTE,
    CL_L_SHORT,
    CL_L_INT,
    CL_L_LONG,
    CL_L_FLOAT,
    CL_L_DOUBLE,
    CL_L_DECIMAL, /* str = value text, i32a = precision, i32b = scale */
    CL_L_STRING,  /* str */
    CL_L_BINARY,  /* str/len */
    CL_L_DATE,
    CL_L_TIMESTAMP,
    CL_L_TIMESTAMP_NTZ,
    CL_L_DAY_TIME,
    CL_L_YEAR_MONTH,
    CL_L_CALENDAR, /* i32a months, i32b days, i64 micros */
} cl_lit_kind;

typedef struct cl_lit {
    cl_lit_kind kind;
    bool b;
    int32_t i32a, i32b;
    int64_t i64;
    double f64;
    char *str; /* owned */
    size_t len;
} cl_lit;

/* A window specification (immutable copy inside a column; mutable inside ember_window). */
typedef struct cl_window_spec {
    ember_column **partition;
    size_t n_partition;
    ember_column **order; /* sort orders */
    size_t n_order;
    int frame_type; /* 0 none, 1 rows, 2 range */
    int64_t frame_start, frame_end;
} cl_window_spec;

struct ember_column {
    atomic_int refcount;
    cl_col_kind kind;
    char *name;
    int64_t plan_id;
    bool has_plan_id;
    bool flag;
    int ival, ival2;
    ember_column **args;
    size_t n_args;
    char **names;
    size_t n_names;
    char *metadata;
    cl_lit lit;
    cl_window_spec *win;
};

/* A new node with refcount 1 (fields zeroed). */
ember_column *cl_col_new(cl_col_kind kind);
/* True when any of the n columns is NULL. */
bool cl_cols_have_null(ember_column *const *cols, size_t n);
/* Releases n columns (NULL entries skipped). */
void cl_cols_free(ember_column **cols, size_t n);
/* F._sort_col: a sort order stays, anything else becomes asc(). Consumes c. */
ember_column *cl_sort_col(ember_column *c);
void cl_window_spec_release(cl_window_spec *w);

struct ember_window {
    cl_window_spec spec;
};

/* ---------------------------------------------------------------------- DataFrames ------- */

typedef enum cl_rel_kind {
    CL_R_RANGE,
    CL_R_SQL,
    CL_R_TABLE,
    CL_R_DATA_SOURCE,
    CL_R_LOCAL,
    CL_R_CACHED, /* a relation received from the server (sql_command_result), packed */
    CL_R_PROJECT,
    CL_R_FILTER,
    CL_R_WITH_COLUMNS,
    CL_R_RENAME,
    CL_R_DROP,
    CL_R_LIMIT,
    CL_R_OFFSET,
    CL_R_SORT,
    CL_R_AGGREGATE,
    CL_R_DEDUP,
    CL_R_SET_OP,
    CL_R_ALIAS,
    CL_R_JOIN,
    CL_R_TO_DF,
    CL_R_SHOW,
    CL_R_SAMPLE,
    CL_R_HINT,
    CL_R_REPARTITION,
    CL_R_NA_FILL,         /* strs = cols; cols = literal values */
    CL_R_NA_DROP,         /* strs = cols; i64[0] = min_non_nulls (< 0 unset) */
    CL_R_NA_REPLACE,      /* strs = cols (NULL = unset); cols / cols2 = old / new literals */
    CL_R_DESCRIBE,        /* strs = cols */
    CL_R_SUMMARY,         /* strs = statistics */
    CL_R_REPART_EXPR,     /* cols = partition expressions; i64[0] num_partitions (<= 0 unset) */
    CL_R_CROSSTAB,        /* text / text2 = col1 / col2 */
    CL_R_FREQ_ITEMS,      /* strs = cols; dbl[0] = support */
    CL_R_APPROX_QUANTILE, /* strs = cols; dbls = probabilities; dbl[0] = relative error */
    CL_R_COV,             /* text / text2 = col1 / col2 */
    CL_R_CORR,            /* text / text2 = col1 / col2; text3 = method */
    CL_R_SAMPLE_BY,       /* cond = column; cols = strata literals; dbls = fractions; i64[0] seed */
    CL_R_UNPIVOT, /* cols = ids; cols2 = values (flag: values given); text / text2 = names */
    CL_R_TAIL     /* i64[0] = limit */
} cl_rel_kind;

/*
 * A DataFrame node. Fields by kind (strings and arrays live in the node's arena; columns and
 * input DataFrames are references released with the node):
 *   RANGE        i64[0..2] start, end, step; i64[3] num_partitions (0 = unset)
 *   SQL          text = query; cols = positional args; strs + cols2 = named args
 *   TABLE        text = name
 *   DATA_SOURCE  text = format or NULL; text2 = schema or NULL; strs/strs2 = option keys/values;
 *                strs3 = paths
 *   LOCAL        blob = IPC stream or NULL; text = schema JSON or NULL
 *   CACHED       blob = packed Relation from the server
 *   PROJECT      cols;  FILTER cond;  WITH_COLUMNS strs + cols;  RENAME strs to strs2
 *   DROP         cols (Column objects) + strs (names)
 *   LIMIT/OFFSET i64[0];  SORT cols (sort orders), flag = is_global
 *   AGGREGATE    i64[0] group type (1 groupby, 2 rollup, 3 cube, 4 pivot); cols = grouping;
 *                cols2 = aggregates; cond = pivot column; cols3 = pivot values
 *   DEDUP        strs (n_strs 0 and flag = all columns)
 *   SET_OP       in[1]; i64[0] op (1 intersect, 2 union, 3 except); flag = is_all;
 *                flag2 = by_name; flag3 = allow_missing_columns
 *   ALIAS        text;  JOIN in[1], cond or strs (using), i64[0] join type;  TO_DF strs
 *   SHOW         i64[0] num_rows, i64[1] truncate, flag = vertical
 *   SAMPLE       dbl[0] lower, dbl[1] upper, flag = with_replacement, i64[0] seed
 *   HINT         text = name, cols = parameters
 *   REPARTITION  i64[0] num_partitions, flag = shuffle
 */
struct ember_dataframe {
    atomic_int refcount;
    ember_session *session; /* a reference */
    int64_t plan_id;
    cl_rel_kind kind;
    em_arena arena;
    ember_dataframe *in[2];
    ember_column **cols, **cols2, **cols3;
    size_t n_cols, n_cols2, n_cols3;
    ember_column *cond;
    char **strs, **strs2, **strs3;
    size_t n_strs, n_strs2, n_strs3;
    char *text, *text2, *text3;
    int64_t i64[4];
    double dbl[2];
    double *dbls; /* in the arena */
    size_t n_dbls;
    bool flag, flag2, flag3;
    uint8_t *blob; /* em_malloc, owned */
    size_t blob_len;
};

/* Sets a proto3 `optional` scalar field of a protobuf-c message: its case and its value. */
#define CL_OPT(msg, field, num, value)                                                             \
    do {                                                                                           \
        (msg)->_##field##_case = (num);                                                            \
        (msg)->field = (value);                                                                    \
    } while (0)

/* The next plan id (process-wide, from 0, thread-safe). */
int64_t cl_next_plan_id(void);
/* A new node of kind with input `in` (retained, may be NULL) on session s (retained). */
ember_dataframe *cl_df_new(ember_session *s, cl_rel_kind kind, ember_dataframe *in);
/* Copies n strings into the node's arena. */
char **cl_df_strs(ember_dataframe *df, const char *const *strs, size_t n);
/* Takes ownership of n columns into a new arena array (the columns are not copied). */
ember_column **cl_df_cols(ember_dataframe *df, ember_column **cols, size_t n);
/* Validates a consumed column array: on a NULL entry frees the rest and fails EMBER_EINVAL. */
int cl_cols_check(ember_column **cols, size_t n, const char *what, ember_error *err);
/* Validates a DataFrame argument (non-NULL, same session). */
int cl_df_check(ember_dataframe *df, ember_error *err);

/* --------------------------------------------------------------------------- cl_proto.c ---- */

/* The protobuf-c Relation of df (a tree allocated in arena a). */
Spark__Connect__Relation *cl_proto_relation(em_arena *a, ember_dataframe *df);
/* The protobuf-c Expression of c (in arena a). */
Spark__Connect__Expression *cl_proto_expression(em_arena *a, const ember_column *c);
/* A string copy in the arena (protobuf-c wants char *). */
char *cl_astr(em_arena *a, const char *s);

/* ---------------------------------------------------------------------------- cl_exec.c ---- */

/* One ExecutePlan operation as PySpark's reattachable iterator runs it. */
typedef struct cl_exec cl_exec;

/*
 * Starts executing plan (root or command; built in the caller's arena, packed here). tags and
 * the envelope come from the session; operation_id NULL = a fresh uuid4. Returns a new cl_exec
 * (free with cl_exec_free) or NULL with err set on a local failure. Server errors surface on
 * cl_exec_next.
 */
cl_exec *cl_exec_start(ember_session *s, const Spark__Connect__Plan *plan, const char *operation_id,
                       ember_error *err);
/*
 * The next response (caller frees with protobuf_c_message_free_unpacked(*resp, NULL)).
 * Returns 1 with *resp, 0 at the end of the results (result_complete seen, or a
 * non-reattachable stream ended OK), or -1 with err set. Retries, reattaches and releases as
 * PySpark does; after -1 or 0 the operation has been released.
 */
int cl_exec_next(cl_exec *x, Spark__Connect__ExecutePlanResponse **resp, ember_error *err);
/* The operation id. Borrowed. */
const char *cl_exec_operation_id(const cl_exec *x);
/* Stops early if needed (ReleaseExecute release_all), cancels the stream, frees. */
void cl_exec_free(cl_exec *x);

/*
 * Runs a command plan to its end, discarding results except a sql_command_result relation,
 * which is returned packed in *relation and *relation_len (em_malloc; NULL when absent).
 */
int cl_exec_command(ember_session *s, const Spark__Connect__Plan *plan, uint8_t **relation,
                    size_t *relation_len, ember_error *err);

/* ------------------------------------------------------------------------- cl_collect.c ---- */

/* Starts df's execution as a root plan and wraps it as an ArrowArrayStream. */
int cl_collect_plan(ember_session *s, ember_dataframe *df, const char *operation_id,
                    struct ArrowArrayStream *out, ember_error *err);

/* ---------------------------------------------------------------------------- cl_types.c --- */

/* Appends Spark's JSON for a DataType proto, PySpark style (compact, keys sorted). */
int cl_types_json(const Spark__Connect__DataType *dt, em_str *out, ember_error *err);
/* Converts a DataType proto into a ty (allocated in arena). NULL with err on unsupported kinds. */
const struct ty *cl_types_to_ty(const Spark__Connect__DataType *dt, em_arena *a, ember_error *err);
/* Appends PySpark's JSON for a ty (same format as cl_types_json). */
void cl_types_ty_json(const struct ty *t, em_str *out);

/* ---------------------------------------------------------------------------- cl_local.c --- */

/*
 * Reads every batch of stream (consumed) and encodes them as one Arrow IPC stream into *ipc
 * (em_malloc; *ipc_len). *schema_json receives the PySpark-style JSON of the Spark schema
 * derived from the Arrow schema (em_malloc). *n_rows is the total row count.
 */
int cl_local_encode(struct ArrowArrayStream *stream, uint8_t **ipc, size_t *ipc_len,
                    char **schema_json, int64_t *n_rows, ember_error *err);

/* ---------------------------------------------------------------------------- cl_actions.c - */

/* AnalyzePlan with a prepared request (envelope is filled here). */
int cl_analyze(ember_session *s, Spark__Connect__AnalyzePlanRequest *req, em_arena *a,
               Spark__Connect__AnalyzePlanResponse **resp, ember_error *err);
/* A Plan{root = df} in the arena. */
Spark__Connect__Plan *cl_plan_root(em_arena *a, ember_dataframe *df);
/*
 * Runs df and returns its first batch with rows (or the end: arr->release NULL) as an exported
 * array + schema; the caller releases both (the schema is released on failure).
 */
int cl_first_batch(ember_dataframe *df, struct ArrowArray *arr, struct ArrowSchema *sch,
                   ember_error *err);

/* ------------------------------------------------------------------------- cl_progress.c --- */

/* Calls the session's progress handlers when m is an execution_progress response (cl_exec_next
   calls it for every response it reads; a no-op when no handler is registered). */
void cl_progress_dispatch(ember_session *s, const Spark__Connect__ExecutePlanResponse *m);

#endif
