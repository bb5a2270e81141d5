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
#include "types/ty_order.h" /* Added (top-N): ex_sort_rows_compare */

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
    /* Added (subqueries, ex_subquery.c): while q runs a subquery's plan, the outer values its
       PX_OUTER_REFs read (1-row vectors, borrowed); the subquery results q has cached. */
    vec **outer_vals;
    int n_outer_vals;
    struct ex_subq_cache *subq_cache;
    /* Added (parallel engine, ex_par.c). `main` is the query whose cancel flag and memory budget
       apply: the query itself, or for a worker clone the query it works for. Clones read
       their morsel leaf (`xleaf`, built as an ex_feed operator) from `xfeed`. */
    ex_query *main;
    bool is_worker;
    _Atomic int64_t mem_used; /* main queries: bytes charged to the budget */
    int64_t mem_limit;        /* main queries: the budget (bytes) */
    const pl_node *xleaf;
    struct ex_feed *xfeed;
    /* Added (spilling, ex_spill.c): main queries: bytes written to spill files. */
    _Atomic int64_t spill_bytes;
    /* Added (progress, op_scan*.c): main queries: rows produced by leaf scans (Range,
       LocalRelation, file scans, also those run by worker clones), and bytes read by file
       scans (the decoded size of their batches). Relaxed atomics; see ex_rows_read. */
    _Atomic int64_t rows_read;
    _Atomic int64_t bytes_read;
    /* Added (spilling): main queries opened with a spill folder own a copy of its name
       (opts.spill_dir points to it), so the caller's buffer need not outlive the query. */
    char *spill_dir_copy;
    /* Added (parallel joins, ex_par.c / op_join.c): the hash joins of a parallel pipeline whose
       build sides the main query built (see ex_join_share), and, for worker clones, whether the
       current unit is the pipeline's finish unit (unmatched build rows of right/full joins). */
    struct ex_join_share *jshare;
    int n_jshare;
    bool xfinish;
    /* Added (partition ids): the plan calls spark_partition_id() or
       monotonically_increasing_id(), so Range and Repartition emulate Spark's partitions
       (vec_batch.part) and those nodes stay out of parallel pipelines (op_repartition.c). */
    bool uses_partition_ids;
};

/* Added (partition ids): Spark's XORShiftRandom (op_sample.c), also used by Repartition. */
typedef struct ex_xorshift {
    uint64_t state;
} ex_xorshift;
void ex_xorshift_seed(ex_xorshift *g, int64_t seed);
int64_t ex_xorshift_next(ex_xorshift *g, int bits);
/* Added (partition ids): Repartition / RepartitionByExpression (op_repartition.c). */
int ex_repartition_init(ex_query *q, const pl_node *n, ex_op **out, em_error *err);

/* Added (progress): a leaf scan of q produced n_rows rows from n_bytes bytes of input; counted
   on q's main query (op_scan.c). */
void ex_scan_count(ex_query *q, int64_t n_rows, int64_t n_bytes);

/* Added (subqueries, ex_subquery.c). */
/* Evaluates a PX_SCALAR_SUBQUERY / PX_EXISTS / PX_IN_SUBQUERY over rows of in (as ex_eval). */
int ex_subquery_eval(ex_query *q, const pl_expr *e, const vec_batch *in, const int64_t *sel,
                     int64_t n, vec **out, em_error *err);
/* A PX_OUTER_REF: outer value col_index of the subquery run q is, repeated n times. */
int ex_outer_ref_eval(ex_query *q, const pl_expr *e, int64_t n, vec **out, em_error *err);
/* Frees the cached subquery results of q (ex_close). */
void ex_subq_cache_free(ex_query *q);

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

/* ---- memory budget (ex_query.c) ------------------------------------------------------------- */

/*
 * The query whose operators run on the calling thread (set by ex_next and by parallel workers
 * for the duration of their work; NULL elsewhere). ex_set_current returns the previous one.
 */
ex_query *ex_current(void);
ex_query *ex_set_current(ex_query *q);
/*
 * Charges bytes to the budget of q's main query (q NULL: the current query; none: no-op).
 * On success *acct names the charged query (NULL when nothing was charged) for
 * ex_mem_release. Past the budget nothing is charged and UNABLE_TO_ACQUIRE_MEMORY (53200) is
 * raised with err->code EM_ENOMEM. This is the hook for spilling: an operator that can spill
 * does so where acquire fails, then retries.
 */
int ex_mem_acquire(ex_query *q, ex_query **acct, int64_t bytes, em_error *err);
void ex_mem_release(ex_query *acct, int64_t bytes);
/* Bytes a batch's columns hold (approximate: values, validity, offsets, payload). */
int64_t ex_batch_bytes(const vec_batch *b);
int64_t ex_vec_bytes(const vec *v);

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
    /* Added (memory budget): the query charged for the accumulated bytes (the one running on
       the appending thread), and how much; released by ex_rows_release. */
    ex_query *acct;
    int64_t acct_bytes;
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
/* Added (parallel file scans, op_scan_source.c): a file scan split into parts (io_source_ops
   plan: files, Parquet row groups, text byte ranges, pruned by the node's pushed filters),
   planned once by the main query; workers scan parts with ex_scan_parts_init. The parts are
   immutable and must outlive the operators reading them. */
typedef struct ex_src_parts ex_src_parts;
int ex_src_parts_new(ex_query *q, const pl_node *n, int64_t target_rows, ex_src_parts **out,
                     em_error *err);
int ex_src_parts_count(const ex_src_parts *p);
int ex_scan_parts_init(ex_query *q, const pl_node *n, const ex_src_parts *p, int first, int end,
                       ex_op **out, em_error *err);
void ex_src_parts_free(ex_src_parts *p);

/* ---- parallel execution (ex_par.c, op_aggregate.c) ------------------------------------------ */

/*
 * For a node built by a main query running with threads > 1: when n heads a parallel-safe
 * pipeline (or is an aggregate over one), builds the parallel operator into *out and returns
 * 1; returns 0 when n must run serially, <0 with err set on failure.
 */
int ex_par_try_build(ex_query *q, const pl_node *n, ex_op **out, em_error *err);
/* Worker clones: the leaf that returns the current morsel's batches (ex_par.c). */
int ex_feed_init(ex_query *q, const pl_node *n, ex_op **out, em_error *err);

/*
 * Added (parallel joins, op_join.c). A join inside a parallel pipeline has its build (right)
 * side built ONCE by the main query, into `build` (an ex_join_build_init operator); worker
 * clones' join operators for `node` probe it read-only (ex_join_init looks the node up in
 * q->jshare). With `adopt`, the main query's own ex_join_init for `node` takes `build` over
 * (and sets it NULL): the serial fallback when a build side spilled (grace hash join).
 */
typedef struct ex_join_share {
    const pl_node *node;
    ex_op *build; /* owned until adopted */
    bool adopt;
} ex_join_share;
/* The join operator of n with only its right child built (children[0] stays NULL). */
int ex_join_build_init(ex_query *q, const pl_node *n, ex_op **out, em_error *err);
/* Drains and indexes the right side of a build operator: 1 when it is held in memory (clones
   may probe it), 0 when it went to spill partitions (only a serial adopter can run it), <0. */
int ex_join_build_run(ex_op *op, em_error *err);
/* Whether the join emits rows after its last probe (right / full outer: unmatched rows). */
bool ex_join_emits_unmatched(const pl_node *n);

/*
 * Added (join performance, op_join_hash.c): the hash table of a hash join's build side: a
 * power-of-two bucket array of 32-bit row indices, chained per row with a 32-bit hash tag;
 * hashes computed column-at-a-time per batch. Read-only once built (clones probe it
 * concurrently). Rows with a NULL key under plain `=` (null_safe[k] false) are not indexed and
 * never match; null-safe keys match NULL to NULL.
 */
typedef struct ex_jpairs {
    int64_t *l, *r; /* em_malloc'd; the caller frees */
    int64_t n, cap;
} ex_jpairs;
typedef struct ex_jhash {
    int n_keys;
    uint8_t *modes;
    const bool *null_safe; /* borrowed */
    vec **keys;            /* the indexed rows' key vectors (owned) */
    int64_t n_rows;
    uint64_t mask;
    uint32_t *buckets, *next, *tags;
    ex_query *acct;
    int64_t acct_bytes;
} ex_jhash;
/* Indexes n rows of the key vectors keys[0..n_keys) (consumes keys and the array, em_malloc'd,
   also on failure). The table is charged to the current query: EM_ENOMEM with err set past the
   budget. Call ex_jhash_release in every case. */
int ex_jhash_build(ex_jhash *t, int n_keys, const bool *null_safe, vec **keys, int64_t n,
                   em_error *err);
/* Appends to out the pairs (left row, right row) whose keys are equal, for left key columns
   lkeys of n rows: by ascending left row, then ascending right row. Returns the pairs added. */
int64_t ex_jhash_probe(const ex_jhash *t, vec *const *lkeys, int64_t n, ex_jpairs *out);
void ex_jhash_release(ex_jhash *t);

/*
 * A hash-aggregation table (op_aggregate.c): groups of an Aggregate node with one state block
 * per group. Partial tables (parallel workers) record each group's first position in the
 * input stream so merged groups keep the serial first-seen order.
 */
typedef struct ex_agg_table ex_agg_table;
ex_agg_table *ex_agg_table_new(ex_query *q, const pl_node *agg, bool track_pos, em_error *err);
/* Feeds a batch of the aggregate's input; row r sits at stream position pos_base + r. */
int ex_agg_table_consume(ex_query *q, ex_agg_table *t, const vec_batch *in, int64_t pos_base,
                         em_error *err);
/* Merges partial tables into t (fresh), groups in first-position order. */
int ex_agg_table_merge(ex_query *q, ex_agg_table *t, ex_agg_table *const *parts, int n_parts,
                       em_error *err);
/* The next output batch of the Aggregate node over t's groups: 1, 0 at the end, <0. */
int ex_agg_table_emit(ex_query *q, ex_agg_table *t, vec_batch **out, em_error *err);
void ex_agg_table_free(ex_agg_table *t);
/* Whether every aggregate of agg merges partial states with the serial result (exact,
   order-insensitive: count, integral/decimal sum and avg, non-floating min/max, ...). */
bool ex_agg_mergeable(const pl_node *agg);

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
    int64_t *slots;   /* tuple id + 1 (low 40 bits) and hash tag (ex_batch.c), 0 = empty */
    uint64_t *hashes; /* per tuple */
    /* Added (memory budget): as ex_rows (charged as the table grows). */
    ex_query *acct;
    int64_t acct_bytes;
} ex_keyset;

void ex_keyset_init(ex_keyset *s, int n_keys, const ty *const *types);
/*
 * For each row r of cols (n_keys vectors of n rows), finds or inserts its tuple; ids[r]
 * receives the tuple id and, when is_new is given, is_new[r] whether it was inserted now.
 */
int ex_keyset_upsert(ex_keyset *s, vec *const *cols, int64_t n, int64_t *ids, bool *is_new,
                     em_error *err);
/* Added (spilling): grows (and charges) the table so that `extra` more tuples insert without
   growing; EM_ENOMEM with err set when the budget refuses (the table is unchanged). */
int ex_keyset_reserve(ex_keyset *s, int64_t extra, em_error *err);
/* Finds rows' tuples without inserting (ids[r] = -1 when absent). */
void ex_keyset_find(const ex_keyset *s, vec *const *cols, int64_t n, int64_t *ids);
void ex_keyset_release(ex_keyset *s);

/* ---- spilling (ex_spill.c, ex_spill_merge.c) ------------------------------------------------ */

/*
 * A spill file: an anonymous temporary file under the query's spill folder (opts.spill_dir, else
 * $TMPDIR, else /tmp), unlinked as soon as it is created, so nothing is left behind after
 * success, failure, cancel or a crash. Blocks are appended (each one batch's rows, in a compact
 * private format) and read back in order from any byte range of whole blocks ("segments":
 * [start, end) offsets from ex_spill_size before and after writing them). Written bytes count
 * in ex_spilled_bytes. The write buffer (<= 64 KiB) is not charged to the memory budget.
 */
typedef struct ex_spill_file ex_spill_file;
/* Opens a new spill file for q (its main query's folder and counters); NULL with err set. */
ex_spill_file *ex_spill_open(ex_query *q, em_error *err);
/* Appends rows [off, off+n) of b as one block (n may be 0: nothing is written). */
int ex_spill_write(ex_spill_file *f, const vec_batch *b, int64_t off, int64_t n, em_error *err);
/* The offset just past the last block appended (buffered bytes included). */
int64_t ex_spill_size(const ex_spill_file *f);
/* Closes the file (its disk space goes back at once). NULL is a no-op. */
void ex_spill_close(ex_spill_file *f);

/* Reads the blocks of a segment back, one batch per block, with the given column types. */
typedef struct ex_spill_reader {
    ex_spill_file *f; /* borrowed */
    int64_t pos, end;
    int n_cols;
    const ty *const *types; /* borrowed */
    uint8_t *buf;
    size_t cap;
} ex_spill_reader;
void ex_spill_reader_init(ex_spill_reader *r, ex_spill_file *f, int64_t start, int64_t end,
                          int n_cols, const ty *const *types);
/* 1 with *out (caller frees), 0 at the end of the segment, <0 with err set. */
int ex_spill_read(ex_spill_reader *r, vec_batch **out, em_error *err);
void ex_spill_reader_release(ex_spill_reader *r);

/* Appends row `row` of src to dst (same type): fast paths for fixed-width and string kinds. */
int ex_spill_copy_row(vec *dst, const vec *src, int64_t row, em_error *err);
/* Forced spilling (the test permutation) for q: opts.spill_force or EMBER_FORCE_SPILL=1. */
bool ex_spill_forced(const ex_query *q);
/* The partition (of n_parts, a power of two) of row r of the key columns at recursion level
   `level`: levels hash with different seeds, so a partition splits again one level down. */
int ex_spill_partition(vec *const *keys, int n_keys, int64_t r, int level, int n_parts);

/*
 * Writes rows sel[0..n) of b (all n rows when sel is NULL) to files[ex_spill_partition(keys,
 * row)], each row as its first n_cols columns plus a last int64 column: its stream position
 * pos[row] (pos_base + row when pos is NULL). files[p] NULL opens that file on first use.
 */
int ex_spill_scatter(ex_query *q, ex_spill_file **files, int n_parts, const vec_batch *b,
                     int n_cols, vec *const *keys, int n_keys, const int64_t *sel, int64_t n,
                     int64_t pos_base, const int64_t *pos, int level, em_error *err);

/*
 * A k-way merge of sorted sources into batches of batch_rows rows (ex_spill_merge.c). Sources
 * are added in order; rows comparing equal come from the lower source first, so merging runs
 * of a stable sort keeps it stable. The order is cmp's, or (cmp NULL) ascending int64 values
 * of column pos_col. Output batches hold the first n_out columns of the sources' batches.
 */
typedef int (*ex_kmerge_cmp_fn)(void *ctx, const vec_batch *a, int64_t ra, const vec_batch *b,
                                int64_t rb);
/* A source: 1 with the next batch (merge frees it), 0 at the end, <0 with err set. */
typedef int (*ex_kmerge_src_fn)(void *ctx, vec_batch **out, em_error *err);
typedef struct ex_kmerge ex_kmerge;
ex_kmerge *ex_kmerge_new(ex_query *q, int n_out, const ty *const *out_types, ex_kmerge_cmp_fn cmp,
                         void *cmp_ctx, int pos_col);
/* Adds a source; free_ctx (may be NULL) is called on ctx by ex_kmerge_free. */
void ex_kmerge_add(ex_kmerge *m, ex_kmerge_src_fn fn, void *ctx, void (*free_ctx)(void *));
/* Adds a segment of a spill file (read with n_cols columns of types) as a source. */
void ex_kmerge_add_segment(ex_kmerge *m, ex_spill_file *f, int64_t start, int64_t end, int n_cols,
                           const ty *const *types);
/* 1 with a batch, 0 at the end, <0 with err set (cancellation is checked per batch). */
int ex_kmerge_next(ex_kmerge *m, vec_batch **out, em_error *err);
void ex_kmerge_free(ex_kmerge *m);

/*
 * Added (window spilling): an external stable sort of rows with n_cols columns (types and
 * cmp_ctx borrowed, outliving it) by cmp (as the merge's). Added rows are copied and held,
 * charged to q's budget (plus 8 bytes a row for the permutation); when a charge fails (or, with
 * forced spilling, once max(4, rows spilled so far) rows are held) the held rows are sorted and
 * written as a run. ex_xsort_next ends the input and returns the rows sorted, ties in the order
 * they were added (runs merged in order, then the held rows).
 */
typedef struct ex_xsort ex_xsort;
ex_xsort *ex_xsort_new(ex_query *q, int n_cols, const ty *const *types, ex_kmerge_cmp_fn cmp,
                       void *cmp_ctx);
/* Adds (copies) the rows of b; fails with UNABLE_TO_ACQUIRE_MEMORY only when b alone does not
   fit the budget. */
int ex_xsort_add(ex_xsort *s, const vec_batch *b, em_error *err);
/* Rows held in memory; ex_xsort_spill writes them as a run and gives their memory back (before
   the input ends; a no-op after). */
int64_t ex_xsort_held(const ex_xsort *s);
int ex_xsort_spill(ex_xsort *s, em_error *err);
/* 1 with the next batch of sorted rows (caller frees), 0 at the end, <0 with err set. */
int ex_xsort_next(ex_xsort *s, vec_batch **out, em_error *err);
void ex_xsort_free(ex_xsort *s);
/* Added (memory accounting): installs the executor's functions/ memory hooks (fn_mem_*: states
   of collect_list & co. charge the running query); called by ex_open, idempotent. */
void ex_mem_hooks_install(void);

/*
 * Added (set operation and Deduplicate spilling, op_setop.c): rows hash-partitioned to disk by
 * their key columns with a weight (occurrences) and their stream position, then processed one
 * partition at a time (a partition that outgrows the budget splits again one level down with
 * another hash seed, up to 5 levels; past that UNABLE_TO_ACQUIRE_MEMORY): DISTINCT keeps each
 * key's first row; INTERSECT / EXCEPT keep the first row of each left tuple found / not found
 * among the right rows; the ALL forms emit each left tuple min(l, r) / l - r times at its first
 * position. Results come back merged by position: first-seen order, as in memory.
 */
typedef enum ex_hset_kind {
    EX_HSET_DISTINCT,
    EX_HSET_INTERSECT,
    EX_HSET_EXCEPT,
    EX_HSET_INTERSECT_ALL,
    EX_HSET_EXCEPT_ALL,
} ex_hset_kind;
typedef struct ex_hset ex_hset;
/* Rows have n_cols columns of types (copied); keys index them (all columns for set ops). */
ex_hset *ex_hset_new(ex_query *q, ex_hset_kind kind, int n_cols, const ty *const *types, int n_keys,
                     const int *keys);
/* Partitions rows sel[0..n) of b (side 0: left / the stream, 1: right) with weights[row]
   (NULL: 1) and positions pos[row] (NULL: pos_base + row). */
int ex_hset_put(ex_hset *h, int side, const vec_batch *b, const int64_t *sel, int64_t n,
                const int64_t *weights, int64_t pos_base, const int64_t *pos, em_error *err);
/* Ends the input; 1 with the next batch of results in position order, 0 at the end, <0. */
int ex_hset_next(ex_hset *h, vec_batch **out, em_error *err);
void ex_hset_free(ex_hset *h);
/*
 * The first-seen filter of DISTINCT / UNION / Deduplicate / INTERSECT / EXCEPT over one batch
 * (keys: key column indexes of in). Not spilling (*h NULL): *is_new (caller frees) tells which
 * rows brought a new key into seen. When seen cannot grow (the budget, or forced spilling
 * past 2 keys) *h is created (DISTINCT unless given a kind) and from then on rows whose key
 * seen holds are dropped, the others go to *h's left partitions at pos_base + row, and
 * *is_new is NULL.
 */
int ex_hset_filter(ex_query *q, ex_keyset *seen, ex_hset **h, ex_hset_kind kind, int n_cols,
                   const ty *const *types, int n_keys, const int *keys, const vec_batch *in,
                   int64_t pos_base, bool **is_new, em_error *err);

/* ---- top-N (op_topn.c) ----------------------------------------------------------------------- */

/*
 * Added (top-N). Whether Limit node n (PL_LIMIT directly over PL_SORT) runs as a top-N operator:
 * 0 < n <= EX_TOPN_MAX_ROWS and the bounded buffer (about 2n rows) stays well inside q's memory
 * budget; otherwise the ordinary Sort + Limit runs. EMBER_TOPN=0 in the environment turns it
 * off (benchmark comparisons).
 */
#define EX_TOPN_MAX_ROWS 100000
bool ex_topn_applies(const ex_query *q, const pl_node *n);
/* The top-N operator for such a Limit node: the Limit's rows, row for row Sort + Limit's. */
int ex_topn_init(ex_query *q, const pl_node *n, ex_op **out, em_error *err);

/*
 * Added (top-N): Spark's row order on sort keys, shared by Sort and top-N. Compares row ra of a
 * with row rb of b on their n_keys key columns starting at column key_off, with the directions
 * and NULLS FIRST / LAST of sort->exprs[k] (PX_SORT_ORDER); values by ty_compare (NaN above every
 * number, -0.0 = 0.0). <0, 0 or >0; ties (0) are left to the caller (stable: input order).
 */
/*
 * The stable sort of row indexes a[0..n) by cmp (<0, 0, >0; ties keep their order), tmp: n
 * scratch slots (ex_sort_idx.c). stop (nullable) is asked before runs of 4096 rows or more; once
 * it answers true the sort returns early, leaving a unsorted (the caller then fails the query).
 */
typedef int (*ex_idx_cmp)(void *ctx, int64_t a, int64_t b);
/* Sort and top-N input (op_sort.c): op's next non-empty child batch, its first n_cols columns
   followed by the keys of sort (PL_SORT exprs) evaluated over it. 1 (batch), 0 (end), -1. */
int ex_sort_next_keyed(ex_op *op, const pl_node *sort, int n_cols, vec_batch **out, em_error *err);
void ex_sort_indexes(int64_t *a, int64_t *tmp, int64_t n, ex_idx_cmp cmp, bool (*stop)(void *ctx),
                     void *ctx);

static inline int ex_sort_rows_compare(const pl_node *sort, int key_off, int n_keys,
                                       const vec_batch *a, int64_t ra, const vec_batch *b,
                                       int64_t rb)
{
    for (int k = 0; k < n_keys; k++) {
        const pl_expr *o = sort->exprs[k];
        const vec *va = a->cols[key_off + k], *vb = b->cols[key_off + k];
        bool na = va->type->kind == TY_NULL || vec_is_null(va, ra);
        bool nb = vb->type->kind == TY_NULL || vec_is_null(vb, rb);
        int r;
        if (na || nb) {
            if (na && nb)
                continue;
            r = na ? (o->nulls_first ? -1 : 1) : (o->nulls_first ? 1 : -1);
        } else {
            r = ty_compare(va, ra, vb, rb);
            if (o->descending)
                r = -r;
        }
        if (r)
            return r;
    }
    return 0;
}

#endif
