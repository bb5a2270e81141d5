/*
 * em_error: the error every fallible function reports. It carries what Spark clients need:
 * the error class (condition), SQLSTATE, message parameters, the JVM exception class name that
 * picks the client's Python exception, and an optional SQL query context.
 *
 * Raising an error never allocates: every field is fixed-size and truncated if needed.
 * Convention: fallible functions return int (0 = OK, else an EM_E* code) and take a nullable
 * `em_error *err` last; the first error raised wins until em_error_clear.
 */
#ifndef EM_ERROR_H
#define EM_ERROR_H

#include <stdbool.h>
#include <stddef.h>

enum {
    EM_OK = 0,
    EM_EUSER = 1,     /* the user's mistake: analysis, parse, runtime (ANSI) errors */
    EM_EINTERNAL = 2, /* a bug or an invariant broken in Ember */
    EM_ECANCELED = 3, /* interrupted */
    EM_ENOMEM = 4,    /* a memory budget was exceeded and nothing could spill */
    EM_EIO = 5,       /* an I/O failure */
};

#define EM_ERR_PARAMS_MAX 8

typedef struct em_error_param {
    char name[48];
    char value[512];
} em_error_param;

typedef struct em_error {
    int code;
    char error_class[96];
    char sqlstate[8];
    char jvm_class[96];
    char message[2048]; /* rendered template, without "[CLASS] " and " SQLSTATE: ..." */
    int n_params;
    em_error_param params[EM_ERR_PARAMS_MAX];
    /* SQL query context; ctx_start < 0 when absent. Indexes are inclusive, 0-based. */
    int ctx_start;
    int ctx_stop;
    char ctx_fragment[512];
} em_error;

void em_error_clear(em_error *err);
static inline bool em_error_is_set(const em_error *err)
{
    return err && err->code != EM_OK;
}

/*
 * Raises `error_class` (a name from em_error_classes.def) with parameters given as a
 * NULL-terminated list of (name, value) string pairs. Values are used verbatim: quote them
 * the way Spark does (identifiers in backticks, SQL values as SQL literals, types in quotes).
 * Returns EM_EUSER (EM_EINTERNAL for INTERNAL_ERROR), or EM_OK's caller sees the existing code
 * if err already holds an error (which is kept). err may be NULL (then only the code returns).
 * An unknown class raises INTERNAL_ERROR naming it.
 */
int em_error_set(em_error *err, const char *error_class, ...);
/* Same with an explicit JVM class overriding the table's (e.g. SparkDateTimeException). */
int em_error_set_jvm(em_error *err, const char *jvm_class, const char *error_class, ...);
/* INTERNAL_ERROR with a printf message. */
int em_error_internal(em_error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* OPERATION_CANCELED. */
int em_error_canceled(em_error *err);
/* Attaches a SQL query context (inclusive indexes into the SQL text) if none is set yet. */
void em_error_set_context(em_error *err, const char *sql, int start, int stop);
/* Copies src into dst (dst must be clear or is overwritten). */
void em_error_copy(em_error *dst, const em_error *src);

/*
 * Spark's full message: "[CLASS] message SQLSTATE: state" (no SQLSTATE part when empty),
 * followed by the query context block when one is set. Returns the length written (truncated to
 * size-1).
 */
size_t em_error_format(const em_error *err, char *buf, size_t size);
/* The parameter value, or NULL. */
const char *em_error_param_get(const em_error *err, const char *name);

/* Table lookup: the SQLSTATE / default JVM class / template of a class, or NULL. */
const char *em_error_class_sqlstate(const char *error_class);
const char *em_error_class_jvm(const char *error_class);
const char *em_error_class_template(const char *error_class);

#endif
