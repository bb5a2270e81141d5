/*
 * fn: the function registry. Every scalar, aggregate, window and generator function (and every
 * operator PySpark sends as an unresolved function: "+", "==", "and", "isNull"...) is declared
 * once in a table from which the registry is built. The analyzer looks a name up and calls
 * the entry's bind step; the executor calls its kernels.
 *
 * Contracts:
 *  - fn_lookup is case-insensitive and thread-safe (the registry is immutable).
 *  - bind receives a PX_CALL / PX_AGG_CALL / PX_WINDOW_CALL whose args are resolved. It checks
 *    arity and argument types following Spark's rules, may replace args with implicit casts
 *    (new PX_CAST nodes allocated in arena), and sets call->type and call->nullable. On a
 *    user mistake it raises Spark's error class (DATATYPE_MISMATCH.*, WRONG_NUM_ARGS...).
 *  - Scalar eval computes n rows: args[i] are the evaluated argument vectors (borrowed), *out
 *    receives a new vector of call->type (caller releases). Errors under ANSI (overflow,
 *    division by zero, bad casts) are raised with Spark's classes.
 *  - Callers set call->fn (and the PX_CALL / PX_AGG_CALL kind) before bind; bind may store
 *    per-call data in call->fn_state (arena) and replace call->args; kernels read call->fn and
 *    call->fn_state. The ANSI flag in effect at bind time is the one the kernels apply.
 *  - count(*) reaches bind as count(1) (the analyzer's rewrite, as PySpark sends it).
 */
#ifndef FN_H
#define FN_H

#include <stdint.h>

#include "common/em_arena.h"
#include "common/em_error.h"
#include "common/em_str.h"
#include "plan/plan.h"
#include "vector/vec.h"

typedef enum fn_kind {
    FN_SCALAR,
    FN_AGGREGATE,
    FN_WINDOW,
    FN_GENERATOR,
} fn_kind;

/* What a kernel may read while it runs. */
typedef struct fn_ctx fn_ctx;
struct fn_ctx {
    const pl_session_opts *opts;
    em_arena *scratch; /* reset by the caller between batches */
    /*
     * Added for higher-order functions (set by the executor; NULL where no lambda can run, e.g.
     * constant folding). Evaluates the body of `lambda` (a resolved PX_LAMBDA among call->args)
     * over n "element rows": params[k] (n rows each, borrowed) are the values of the lambda's
     * parameters lambda->args[1 + k], and rows[i] names the row of the current call (0-based,
     * within the n rows the kernel was called for) that element row i belongs to, so the body
     * can read that row's columns. *out receives a new vector of lambda->type, n rows.
     */
    int (*lambda_eval)(fn_ctx *ctx, const pl_expr *lambda, vec *const *params, const int64_t *rows,
                       int64_t n, vec **out, em_error *err);
    void *exec; /* executor-private data behind lambda_eval / call_state */
    /*
     * Added: per-query state of stateful functions (shuffle's random generator): a zeroed block
     * of `size` bytes owned by the running query, the same block for the same call on every
     * batch. NULL callback: no state is kept (kernels then start afresh each call).
     */
    void *(*call_state)(fn_ctx *ctx, const pl_expr *call, size_t size);
    /* Added (partition ids): the Spark partition index of the rows being evaluated (the input
       batch's vec_batch.part; 0 outside the executor). */
    int32_t partition;
};

typedef struct fn_def fn_def;

typedef int (*fn_bind_fn)(const fn_def *def, em_arena *arena, pl_expr *call,
                          const pl_session_opts *opts, em_error *err);
typedef int (*fn_eval_fn)(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                          em_error *err);

/*
 * Aggregates keep a fixed-size state per group (state_size bytes, zeroed then init), updated
 * from argument vectors; merge combines partial states (parallel aggregation); final writes
 * the result of one group into out (appending one row).
 */
typedef struct fn_agg_ops {
    int64_t (*state_size)(const pl_expr *call);
    void (*init)(const pl_expr *call, void *state);
    /* For each row r in [0,n): update the state states[r] (one pointer per row: rows of the
       same group share a pointer) with args at row r. */
    int (*update)(const pl_expr *call, void *const *states, vec *const *args, int64_t n,
                  fn_ctx *ctx, em_error *err);
    int (*merge)(const pl_expr *call, void *dst, const void *src, fn_ctx *ctx, em_error *err);
    int (*final)(const pl_expr *call, const void *state, vec *out, fn_ctx *ctx, em_error *err);
    /* Frees anything the state owns beyond its fixed bytes (may be NULL). */
    void (*destroy)(const pl_expr *call, void *state);
    /* Added (aggregation performance), optional: updates the one state `state` with every row
       in [0,n), leaving it exactly as update() with states[r] == state for every r would (the
       executor's path for global aggregates: one group, no per-row state pointers). NULL: the
       executor calls update(). */
    int (*update_all)(const pl_expr *call, void *state, vec *const *args, int64_t n, fn_ctx *ctx,
                      em_error *err);
} fn_agg_ops;

/*
 * Functions whose arguments must not all be evaluated for every row (Spark evaluates them
 * lazily: `false AND 1/0 = 1` is false, not DIVIDE_BY_ZERO). The executor evaluates these by
 * kind, narrowing the rows each argument is evaluated on; their eval kernel is the eager
 * equivalent for callers that know every argument is safe.
 */
typedef enum fn_lazy_kind {
    FN_LAZY_NONE = 0,
    FN_LAZY_AND,       /* args[0] AND args[1] */
    FN_LAZY_OR,        /* args[0] OR args[1] */
    FN_LAZY_IF,        /* IF(args[0], args[1], args[2]) */
    FN_LAZY_CASE_WHEN, /* cond1, value1, cond2, value2, ..., [else] */
    FN_LAZY_COALESCE,  /* first non-null of args */
    FN_LAZY_IN,        /* args[0] IN (args[1], ...): list items evaluated until a match */
} fn_lazy_kind;

/*
 * Added (collections). Generators (FN_GENERATOR: explode, posexplode, inline, stack and their
 * _outer forms): bind sets call->type to a STRUCT with one field per generated column; eval
 * returns, for each of its n input rows, an ARRAY of that struct holding the rows the generator
 * produces for it (a NULL or empty array: none). The Generate operator (exec/op_generate.c)
 * flattens it next to the input row.
 * Higher-order functions (transform, filter, aggregate...): their lambda arguments are resolved
 * PX_LAMBDA nodes; the executor passes NULL in args[] at those positions and the kernel runs the
 * lambda through ctx->lambda_eval.
 */
/*
 * Added (window functions). The Window operator (exec/op_window.c) sorts its input by the
 * window's PARTITION BY and ORDER BY keys and calls a window function once per partition with
 * fn_window_part: the partition's rows in window order, the call's arguments evaluated over
 * them, each row's ORDER BY peers (rows equal on every order key; the whole partition when
 * there is no ORDER BY) and each row's frame [frame_lo, frame_hi) (empty when hi <= lo).
 * Offsets are 0-based positions inside the partition. All arrays are borrowed. eval appends
 * exactly n rows of call->type to out. Aggregate functions over windows use fn_agg_ops and
 * are framed by the operator itself.
 */
typedef struct fn_window_part {
    int64_t n;
    vec *const *args;
    const int64_t *peer_start;
    const int64_t *peer_end;
    const int64_t *frame_lo;
    const int64_t *frame_hi;
} fn_window_part;

typedef struct fn_window_ops {
    int (*eval)(const pl_expr *call, const fn_window_part *part, fn_ctx *ctx, vec *out,
                em_error *err);
} fn_window_ops;

struct fn_def {
    const char *name;
    fn_kind kind;
    int min_args;
    int max_args; /* -1 = variadic */
    fn_bind_fn bind;
    fn_eval_fn eval;       /* FN_SCALAR */
    const fn_agg_ops *agg; /* FN_AGGREGATE */
    bool deterministic;
    /* Added for the engine slice. */
    fn_lazy_kind lazy;
    /* Expression.sql rendering: an infix operator ("+", "=", "AND") written "(a op b)", a
       prefix operator for one argument ("-" -> "(- a)", "NOT" -> "(NOT a)"), or NULL for
       function-call syntax name(args). */
    const char *sql_symbol;
    /* The name Spark prints in generated SQL when it differs from the looked-up name
       (e.g. "mean" prints as "avg"); NULL = the name as written in the call. */
    const char *pretty_name;
    /* Added (window functions): FN_WINDOW kernels (fn_window*.c); NULL for other kinds. */
    const struct fn_window_ops *window;
};

/*
 * Spark's Expression.sql for a resolved expression (PX_COLREF prints call->name, else
 * parts[last], else "col<i>"): used for `sqlExpr` error parameters and generated column names.
 */
void fn_expr_sql(const pl_expr *e, em_str *out);

/* A resolved implicit cast of e to `to` (PX_CAST, eval mode UNSPECIFIED), allocated in arena.
   Returns e itself when it already has that type. */
pl_expr *fn_cast_new(em_arena *arena, pl_expr *e, const ty *to);

/*
 * Added (collections): the value of a resolved PX_EXTRACT over an array or a map, for n rows:
 * base (e->args[0]'s value) and key (e->args[1]'s value) are borrowed vectors of n rows.
 *  - array, ordinal < 0: GetArrayItem (0-based integral index; out of bounds is NULL, or
 *    INVALID_ARRAY_INDEX under ANSI);
 *  - array of structs, ordinal >= 0: GetArrayStructFields (that field of every element);
 *  - map: GetMapValue (NULL when the key is absent).
 * *out receives a new vector of e->type.
 */
int fn_extract_value(const pl_expr *e, const vec *base, const vec *key, int64_t n, fn_ctx *ctx,
                     vec **out, em_error *err);

/* The function named name (case-insensitive), or NULL. */
const fn_def *fn_lookup(const char *name);
/* Iteration over the registry (for SHOW FUNCTIONS, catalog listFunctions): NULL past the end. */
const fn_def *fn_at(int index);

/*
 * Added (memory accounting, fn_agg_collect.c): how aggregate states that grow inside one group
 * (collect_list / collect_set / listagg / mode) charge the running query's memory budget. The
 * executor installs the hooks (the same ones every time; any thread); without them nothing is
 * charged. acquire charges bytes to the query running on the calling thread and names the
 * charged account in *acct (NULL when nothing was charged); past the budget it fails with
 * UNABLE_TO_ACQUIRE_MEMORY (EM_ENOMEM) without charging. release gives bytes back to an
 * account acquire named (NULL: no-op). States charge what they add and release it in destroy.
 */
typedef struct fn_mem_hooks {
    int (*acquire)(void **acct, int64_t bytes, em_error *err);
    void (*release)(void *acct, int64_t bytes);
} fn_mem_hooks;
void fn_mem_set_hooks(const fn_mem_hooks *hooks);
int fn_mem_acquire(void **acct, int64_t bytes, em_error *err);
void fn_mem_release(void *acct, int64_t bytes);

#endif
