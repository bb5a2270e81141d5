/*
 * rp_int.h: the internal interface of ember-replay, the PySpark doctest replay tool
 * (tests/replay/). It replays the captured PySpark Connect requests of
 * ../shared/conformance/pyspark-doctests/<client>/ against an Ember server and compares every
 * `show` example's printed table with the output real Spark produced (architecture §5).
 *
 * Parts (one file each):
 *   rp_json.c     a small DOM JSON reader for cases.json / index.json (hostile-input safe)
 *   rp_check.c    doctest's OutputChecker (NORMALIZE_WHITESPACE, ELLIPSIS, <BLANKLINE>,
 *                 IGNORE_EXCEPTION_DETAIL) and PySpark's JVM-class -> Python exception mapping
 *   rp_ratchet.c  the ratchet file: read, merge new passes, write atomically
 *   rp_call.c     loading a captured request, rewriting it for replay, sending it, decoding
 *                 the answer (show_string value, error class)
 *   rp_folder.c   the replay of one docstring folder and the judging of its show examples
 *   rp_main.c     the command line, the run over all folders, summary, ratchet check/update
 *
 * Ownership words as in the rest of the tree: "borrowed", "owned by arena", "caller releases"
 * (em_free unless another function is named).
 */
#ifndef RP_INT_H
#define RP_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "common/em_arena.h"
#include "common/em_str.h"
#include "ts_server.h"

/* ============================================================================================
 * JSON (rp_json.c)
 * ========================================================================================== */

typedef enum rp_json_kind {
    RP_JSON_NULL,
    RP_JSON_BOOL,
    RP_JSON_NUMBER,
    RP_JSON_STRING,
    RP_JSON_ARRAY,
    RP_JSON_OBJECT,
} rp_json_kind;

/* Nesting deeper than this is rejected (the parser recurses once per level). */
#define RP_JSON_MAX_DEPTH 256
/* Inputs larger than this are rejected. */
#define RP_JSON_MAX_INPUT ((size_t)256 << 20)

typedef struct rp_json rp_json;
struct rp_json {
    rp_json_kind kind;
    bool boolean;    /* RP_JSON_BOOL */
    double number;   /* RP_JSON_NUMBER */
    const char *str; /* RP_JSON_STRING: UTF-8, NUL-terminated (may also hold NULs: str_len) */
    size_t str_len;
    int n_items;           /* ARRAY / OBJECT */
    const rp_json **items; /* ARRAY elements / OBJECT values, in document order */
    const char **keys;     /* OBJECT keys (NUL-terminated), parallel to items */
};

/*
 * Parses one JSON text (RFC 8259; surrounding whitespace allowed, nothing else after it).
 * Every node and string is owned by arena. Returns 0 with *out set, or -1 with a message in
 * errbuf ("offset N: ...", truncated to errsize) for malformed input, input over
 * RP_JSON_MAX_INPUT or nesting over RP_JSON_MAX_DEPTH. Invalid UTF-8 inside strings is kept as
 * is (the data is trusted to be text, but never to be well-formed JSON).
 */
int rp_json_parse(const char *text, size_t len, em_arena *arena, const rp_json **out, char *errbuf,
                  size_t errsize);

/* The member `key` of an object (first match), or NULL if v is not an object or lacks it. */
const rp_json *rp_json_get(const rp_json *v, const char *key);
/* The string value, or NULL if v is NULL or not a string. Borrowed. */
const char *rp_json_str(const rp_json *v);
/* The member's string value, or NULL. */
const char *rp_json_get_str(const rp_json *v, const char *key);
/* The number as int if v is an integral number in int range, else dflt. */
int rp_json_int(const rp_json *v, int dflt);
/* True if v is an array containing the string s. */
bool rp_json_array_has_str(const rp_json *v, const char *s);

/* ============================================================================================
 * doctest comparison (rp_check.c)
 * ========================================================================================== */

/* doctest option flags that matter for comparison (values are ours, not Python's). */
enum {
    RP_FLAG_NORMALIZE_WHITESPACE = 1 << 0,
    RP_FLAG_ELLIPSIS = 1 << 1,
    RP_FLAG_IGNORE_EXCEPTION_DETAIL = 1 << 2,
    RP_FLAG_DONT_ACCEPT_BLANKLINE = 1 << 3,
    RP_FLAG_DONT_ACCEPT_TRUE_FOR_1 = 1 << 4,
    RP_FLAG_SKIP = 1 << 5,
};

/* The flag bits named in a JSON array of flag names (unknown names are ignored). */
int rp_flags_from_json(const rp_json *flags);

/*
 * doctest.OutputChecker.check_output(want, got, flags) of CPython 3.11: exact match; True/1;
 * <BLANKLINE> in want and whitespace-only lines in got; NORMALIZE_WHITESPACE; ELLIPSIS. Both
 * strings are first folded to ASCII with backslash escapes, as doctest does. Inputs are
 * NUL-terminated UTF-8.
 */
bool rp_doctest_check(const char *want, const char *got, int flags);

/*
 * doctest's comparison of an expected exception: `want_exc_msg` (the example's exc_msg) against
 * `got_exc_msg` (traceback.format_exception_only's last line, e.g.
 * "pyspark.errors.exceptions.connect.AnalysisException: [X] ...\n"); with
 * IGNORE_EXCEPTION_DETAIL a second chance compares only the class names.
 */
bool rp_doctest_check_exception(const char *want_exc_msg, const char *got_exc_msg, int flags);

/*
 * The Python exception class a PySpark Connect client raises for a failed call (pyspark
 * errors/exceptions/connect.py): the first JVM class of `classes_json` (the ErrorInfo
 * "classes" metadata, a JSON array) that PySpark maps, else "UnknownException" when the call
 * carried an ErrorInfo, else "SparkConnectGrpcException". Returns a static string.
 */
const char *rp_python_exception(bool has_error_info, const char *classes_json);

/*
 * Writes to out a short description of where got and want first differ after whitespace
 * normalization: the first differing line of each (for --verbose diagnostics).
 */
void rp_first_difference(const char *want, const char *got, em_str *out);

/* ============================================================================================
 * ratchet file (rp_ratchet.c)
 * ========================================================================================== */

/* A sorted, duplicate-free list of case ids. */
typedef struct rp_idset {
    char **ids; /* each caller releases via rp_idset_release */
    size_t n;
    size_t cap;
} rp_idset;

void rp_idset_init(rp_idset *s);
void rp_idset_release(rp_idset *s);
/* Adds a copy of id (no-op if present). Keeps the set sorted (strcmp order). */
void rp_idset_add(rp_idset *s, const char *id);
bool rp_idset_has(const rp_idset *s, const char *id);

/*
 * Reads a ratchet file: one id per line; blank lines and lines starting with '#' are ignored,
 * trailing whitespace is trimmed. A missing file reads as empty (returns 0). Returns -1 with
 * errbuf set if the file exists but cannot be read.
 */
int rp_ratchet_read(const char *path, rp_idset *out, char *errbuf, size_t errsize);

/*
 * Writes the set to path (sorted, one id per line) through a temporary file and rename.
 * Returns 0 or -1 with errbuf set.
 */
int rp_ratchet_write(const char *path, const rp_idset *ids, char *errbuf, size_t errsize);

/* The server process: tools/testserver (ts_server.h). */

/* ============================================================================================
 * calls (rp_call.c)
 * ========================================================================================== */

struct wire_channel;

/* How one replayed request ended. All strings caller releases via rp_outcome_release. */
typedef struct rp_outcome {
    bool sent;          /* false: not sent (unknown method, unreadable file, folder aborted) */
    int grpc_code;      /* WIRE_STATUS_* (0 = OK) */
    char *error_class;  /* ErrorInfo errorClass, or a stand-in such as "grpc UNAVAILABLE" */
    char *message;      /* the status message (or why it was not sent) */
    char *py_exception; /* the Python exception class PySpark would raise (failed calls) */
    bool has_show;      /* a show_string value was decoded */
    char *show_value;   /* ... its text */
    char *show_problem; /* set when the show answer was malformed (no batch, 2 rows, ...) */
    bool timed_out;     /* cancelled by the per-folder deadline */
    char *detail_key;   /* "CLASS first-parameter-value" when the error has parameters */
} rp_outcome;

void rp_outcome_release(rp_outcome *o);

/* What the replay of one folder needs to rewrite requests. */
typedef struct rp_rewrite {
    const char *session_id; /* the fresh session id */
    const char *path_root;  /* "/tmp/<name>" paths become "<path_root>/<name>"; NULL = keep */
    /* Scratch directories the rewritten paths point at (collected, created by the caller). */
    rp_idset *paths_seen;
    /* Nullable: "<message type> field <n>" for every field our .proto files do not know. */
    rp_idset *unknown_seen;
} rp_rewrite;

/*
 * The cancel hook of the per-folder deadline: a watchdog thread (rp_watchdog_*) cancels the
 * running ExecutePlan stream once the folder's deadline passes.
 */
typedef struct rp_watchdog rp_watchdog;
rp_watchdog *rp_watchdog_new(void);
void rp_watchdog_free(rp_watchdog *w);
/* Sets the absolute deadline (CLOCK_MONOTONIC ms) for the calls that follow; 0 = none. */
void rp_watchdog_set_deadline(rp_watchdog *w, int64_t deadline_ms);
/* Milliseconds left before the deadline (at least 1 while not passed, 0 once passed). */
int64_t rp_watchdog_remaining(rp_watchdog *w);
int64_t rp_now_ms(void);

/* One request, rewritten and encoded, ready to send. */
typedef struct rp_prepared {
    uint8_t *data; /* caller releases via rp_prepared_release */
    size_t len;
    bool reattachable; /* ExecutePlan with reattach_options.reattachable */
    bool raw_rewrite;  /* our .proto files could not decode it: only the session fields were
                          rewritten, at wire level (no /tmp path rewrite) */
} rp_prepared;

/*
 * Reads `file`, decodes it as the request type of `method`, rewrites it (session_id set,
 * client_observed_server_side_session_id cleared, /tmp paths redirected) and re-encodes it
 * into *out. Bytes that do not decode with our .proto files but are a well-formed protobuf
 * message get only their top-level session fields rewritten (out->raw_rewrite). Returns 0 or
 * -1 with errbuf set (unknown method, unreadable file, not protobuf at all); *out is zeroed on
 * failure.
 */
int rp_request_prepare(const char *method, const char *file, const rp_rewrite *rw, rp_prepared *out,
                       char *errbuf, size_t errsize);
void rp_prepared_release(rp_prepared *p);

/*
 * Sends one prepared request with its method over ch and waits for the end of the call:
 * unary calls with a deadline of min(30 s, the watchdog's remaining time); server streams
 * (ExecutePlan) read to the end, cancelled by the watchdog at the folder deadline; client
 * streams (AddArtifacts) send msgs[0..n_msgs). When want_show is set, the arrow batches of the
 * answer are decoded and the one-row show_string value is stored in the outcome. A
 * reattachable ExecutePlan whose stream ends OK without result_complete counts as failed
 * ("replay: NO_RESULT_COMPLETE"): a real client would have to reattach. Fills *out.
 */
void rp_call(struct wire_channel *ch, rp_watchdog *wd, const char *method, const rp_prepared *msgs,
             int n_msgs, bool want_show, rp_outcome *out);

/*
 * Decodes a grpc-status-details-bin trailer (google.rpc.Status) and returns, through the
 * nullable outputs, copies of the ErrorInfo metadata errorClass, classes and
 * messageParameters (caller releases; NULL when absent). Returns true if an ErrorInfo was
 * found.
 */
bool rp_error_info(const uint8_t *details, size_t len, char **error_class, char **classes,
                   char **params);

/* ============================================================================================
 * the run (rp_folder.c replays one folder; rp_main.c drives the run)
 * ========================================================================================== */

#define RP_DEFAULT_FOLDER_TIMEOUT_S 60
#define RP_SERVER_START_TIMEOUT_MS  60000
#define RP_SERVER_STOP_TIMEOUT_MS   30000

enum { RP_PASS, RP_FAIL, RP_SKIP };

typedef struct rp_opts {
    const char *dir;
    const char *client;
    const char *ratchet;
    const char *remote;
    const char *server;
    const char *filter;
    const char *report;
    bool update;
    bool verbose;
    int folder_timeout_s;
} rp_opts;

/* One show case of the run. */
typedef struct rp_case {
    char *id;
    char *docstring;
    int status;
    char *reason; /* error class or "replay: ..." for failures */
} rp_case;

/* One row of a failure summary. */
typedef struct rp_err_stat {
    char *key;
    int n_calls; /* failed calls (not ignored, not expected) */
    int n_shows; /* show cases failing with this reason */
    char *example;
} rp_err_stat;

typedef struct rp_stat_table {
    rp_err_stat *rows;
    size_t n, cap;
} rp_stat_table;

/* Counts calls / show cases under key; the first where + message becomes the example. */
void rp_stat_add(rp_stat_table *t, const char *key, int calls, int shows, const char *where,
                 const char *message);
/* Sorts (most show cases first, then most calls) and prints the top rows under a title. */
void rp_stat_print(rp_stat_table *t, const char *title, size_t top);
void rp_stat_release(rp_stat_table *t);

typedef struct rp_run {
    rp_opts opts;
    char *client_dir;
    ts_server server;
    bool managed;
    char *paths_root;
    struct wire_channel *channel;
    rp_watchdog *watchdog;
    bool gave_up; /* no server any more: remaining folders fail without calls */
    int consecutive_timeouts;
    rp_case *cases;
    size_t n_cases, cap_cases;
    rp_stat_table by_class;  /* failures by error class (or replay reason) */
    rp_stat_table by_detail; /* failures by error class + first message parameter */
    int n_crashes, n_hangs, n_folders;
    int n_raw; /* requests our .proto files could not decode (sent with a wire-level rewrite) */
    rp_idset unknown_fields; /* "<type> field <n>" seen in requests, unknown to our protos */
    FILE *report;
} rp_run;

/* One request of a folder's replay plan. */
/* Opens run->channel to target. Returns 0, or -1 with a message on stderr. */
int rp_connect(rp_run *run, const char *target);

/*
 * Replays one docstring folder (setup, its requests, teardown) in a fresh session and judges
 * its show examples into run->cases; failed calls go to run->by_class / by_detail. Never fails as a
 * whole: problems become failed cases.
 */
void rp_run_folder(rp_run *run, const char *folder);

/* Parses a JSON file into arena; NULL (with a message on stderr unless quiet_missing and the
 * file is missing) on failure. */
const rp_json *rp_load_json(const char *path, em_arena *arena, bool quiet_missing);

#endif
