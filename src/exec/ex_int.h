/*
 * ex_int: the executor's private structures, shared by its files.
 *
 * A query is a tree of operators mirroring the resolved plan. Each operator is an ex_op with
 * a fixed set of entry points: init (ex_<op>_init, builds state and children), next (pull the
 * next batch) and release (free state; children are released by the generic code). Operators
 * pull from their children one batch at a time; blocking operators (sort, aggregate, tail,
 * show) drain their input on the first next call.
 *
 * Expressions are evaluated column-at-a-time by ex_eval over a batch, optionally restricted to
 * a selection of rows (used to evaluate the branches of lazy functions only where they are
 * taken, as Spark does).
 */
#ifndef EX_INT_H
#define EX_INT_H

#include <stdatomic.h>

#include "exec/ex.h"
#include "functions/fn.h"

typedef struct ex_op ex_op;

typedef struct ex_op_vtbl {
    /* 1 with *out set (caller frees), 0 at the end, <0 with err set. */
    int (*next)(ex_op *op, vec_batch **out, em_error *err);
    /* Frees the operator's own state (not its children). May be NULL. */
    void (*release)(ex_op *op);
} ex_op_vtbl;

struct ex_op {
    const ex_op_vtbl *vt;
    const pl_node *node;
    ex_query *q;
    int n_children;
    ex_op **children;
    void *state; /* operator-specific, em_malloc'd; freed by release */
};

struct ex_query {
    pl_session_opts opts;
    atomic_bool canceled;
    ex_op *root;
    bool done;
    /* Added (collections, ex_coll.c): the lambda parameters bound while a lambda body is being
       evaluated (NULL outside lambdas), and the per-query state of stateful functions. A query
       is evaluated by one thread at a time, so these need no locking. */
    struct ex_lambda_env *lambda_env;
    struct ex_call_state *call_states;
    /* Added (data sources): the plan being run, so a file scan can see which of its columns the
       operators above it read (op_scan_source.c). */
    const pl_node *plan_root;
};

/* Builds the operator for node n (recursively). */
int ex_build(ex_query *q, const pl_node *n, ex_op **out, em_error *err);
/* Frees op and its subtree. */
void ex_op_free(ex_op *op);
/* Allocates an operator with n_children slots (children built by the caller). */
ex_op *ex_op_new(ex_query *q, const pl_node *n, const ex_op_vtbl *vt, int n_children);
/* Pulls from child i; checks for cancellation first. */
int ex_child_next(ex_op *op, int i, vec_batch **out, em_error *err);
/* Non-zero (OPERATION_CANCELED raised) if the query was canceled. */
int ex_check_cancel(ex_query *q, em_error *err);
/* Target batch size. */
int64_t ex_batch_rows(const ex_query *q);

/* ---- expressions --------------------------------------------------------------------------- */

/*
 * Evaluates e over rows of `in` (all rows when sel is NULL, else rows sel[0..n_sel)), producing
 * a new vector of e->type with one row per selected row (caller releases).
 */
int ex_eval(ex_query *q, const pl_expr *e, const vec_batch *in, const int64_t *sel, int64_t n_sel,
            vec **out, em_error *err);

/* ---- batches ------------------------------------------------------------------------------- */

/* A batch with rows sel[0..n) of b (columns copied). */
vec_batch *ex_batch_take(const vec_batch *b, const int64_t *sel, int64_t n, em_error *err);
/* A batch with rows [off, off+n) of b. */
vec_batch *ex_batch_slice(const vec_batch *b, int64_t off, int64_t n, em_error *err);
/* A growable list of batches (all with the same columns). */
typedef struct ex_rows {
    int n_cols;
    const ty **types; /* borrowed */
    vec **cols;       /* accumulated columns, NULL until the first append */
    int64_t n_rows;
} ex_rows;
void ex_rows_init(ex_rows *r, int n_cols, const ty *const *types);
/* Appends all rows of b (or rows sel[0..n) when sel != NULL). */
int ex_rows_append(ex_rows *r, const vec_batch *b, const int64_t *sel, int64_t n, em_error *err);
/* Rows [off, off+n) as a new batch. */
vec_batch *ex_rows_batch(const ex_rows *r, int64_t off, int64_t n, em_error *err);
/* Rows perm[off..off+n) as a new batch. */
vec_batch *ex_rows_take(const ex_rows *r, const int64_t *perm, int64_t n, em_error *err);
void ex_rows_release(ex_rows *r);
/* The output types of a node (out[i].type) as an array allocated with em_malloc. */
const ty **ex_node_types(const pl_node *n);

/* Appends rows [0, src->len) of src to dst (same type); fast for fixed-width kinds. */
int ex_vec_append_all(vec *dst, const vec *src, em_error *err);

/* ---- operators ------------------------------------------------------------------------------ */

int ex_range_init(ex_query *q, const pl_node *n, ex_op **out, em_error *err);
int ex_local_init(ex_query *q, const pl_node *n, ex_op **out, em_error *err);
int ex_one_row_init(ex_query *q, const pl_node *n, ex_op **out, em_error *err);
int ex_project_init(ex_query *q, const pl_node *n, ex_op **out, em_error *err);
int ex_filter_init(ex_query *q, const pl_node *n, ex_op **out, em_error *err);
int ex_limit_init(ex_query *q, const pl_node *n, ex_op **out, em_error *err);
int ex_tail_init(ex_query *q, const pl_node *n, ex_op **out, em_error *err);
int ex_sort_init(ex_query *q, const pl_node *n, ex_op **out, em_error *err);
int ex_agg_init(ex_query *q, const pl_node *n, ex_op **out, em_error *err);
int ex_dedup_init(ex_query *q, const pl_node *n, ex_op **out, em_error *err);
int ex_passthrough_init(ex_query *q, const pl_node *n, ex_op **out, em_error *err);
int ex_show_init(ex_query *q, const pl_node *n, ex_op **out, em_error *err);
int ex_join_init(ex_query *q, const pl_node *n, ex_op **out, em_error *err);
/* Added (relational operators and windows): op_setop.c, op_window.c, op_sample.c, op_html.c. */
int ex_setop_init(ex_query *q, const pl_node *n, ex_op **out, em_error *err);
int ex_window_init(ex_query *q, const pl_node *n, ex_op **out, em_error *err);
int ex_sample_init(ex_query *q, const pl_node *n, ex_op **out, em_error *err);
int ex_html_init(ex_query *q, const pl_node *n, ex_op **out, em_error *err);
/* Added (collections): Generate (explode & co), op_generate.c. */
int ex_generate_init(ex_query *q, const pl_node *n, ex_op **out, em_error *err);
/* Added (data sources): file scans of a resolved PL_READ_SOURCE, op_scan_source.c. */
int ex_scan_source_init(ex_query *q, const pl_node *n, ex_op **out, em_error *err);

/* ---- collections support (ex_coll.c) --------------------------------------------------------- */

/* What a kernel called by ex_eval needs to run lambdas over the current input (fn_ctx.exec). */
typedef struct ex_call_frame {
    ex_query *q;
    const vec_batch *in;
    const int64_t *sel;
    int64_t n;
} ex_call_frame;

/* Fills ctx (opts, lambda_eval, call_state) for a kernel evaluated over rows sel[0..n) of in
   (all rows when sel is NULL); frame must outlive the kernel call. */
void ex_fn_ctx_init(ex_query *q, fn_ctx *ctx, ex_call_frame *frame, const vec_batch *in,
                    const int64_t *sel, int64_t n);
/* The value of a lambda parameter (PX_LAMBDA_VAR) over the selected rows of the input. */
int ex_lambda_var_eval(ex_query *q, const pl_expr *e, const int64_t *sel, int64_t n, vec **out,
                       em_error *err);
/* A resolved PX_EXTRACT over an array or a map (fn_extract_value on its evaluated children). */
int ex_extract_collection(ex_query *q, const pl_expr *e, const vec_batch *in, const int64_t *sel,
                          int64_t n, vec **out, em_error *err);
/* Frees the per-query state of stateful functions (ex_close). */
void ex_call_states_free(ex_query *q);

/* ---- hashing of row keys (aggregate, dedup, join) -------------------------------------------- */

/*
 * A hash set of key tuples. Keys are copies of the given columns' values kept in key vectors,
 * so ids are dense (0, 1, 2, ... in insertion order) and key values can be read back.
 */
typedef struct ex_keyset {
    int n_keys;
    vec **keys;       /* one vector per key column, row i = key tuple i */
    int64_t n;        /* number of distinct tuples */
    int64_t cap;      /* slots (power of two) */
    int64_t *slots;   /* tuple id + 1, 0 = empty */
    uint64_t *hashes; /* per tuple */
} ex_keyset;

void ex_keyset_init(ex_keyset *s, int n_keys, const ty *const *types);
/*
 * For each row r of cols (n_keys vectors of n rows), finds or inserts its tuple; ids[r]
 * receives the tuple id and, when is_new is given, is_new[r] whether it was inserted now.
 */
int ex_keyset_upsert(ex_keyset *s, vec *const *cols, int64_t n, int64_t *ids, bool *is_new,
                     em_error *err);
/* Finds rows' tuples without inserting (ids[r] = -1 when absent). */
void ex_keyset_find(const ex_keyset *s, vec *const *cols, int64_t n, int64_t *ids);
void ex_keyset_release(ex_keyset *s);

#endif
