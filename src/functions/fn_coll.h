/*
 * fn_coll: private helpers of the collection families (fn_array*.c, fn_map.c, fn_struct.c,
 * fn_hof.c, fn_gen.c): Spark's type-check errors for arrays and maps, the coercions their
 * ImplicitCastInputTypes rules apply, list-vector building, a hash set of cells (element
 * equality as Spark's interpreted ordering defines it) and the map builder with Spark's key
 * rules (ArrayBasedMapBuilder: NULL keys rejected, duplicate keys per
 * spark.sql.mapKeyDedupPolicy, -0.0 / NaN keys normalized).
 *
 * Layout reminder (types/ty.h): an ARRAY vector keeps its elements in children[0] and row r's
 * elements are children[0] rows [offsets[r], offsets[r+1]); a MAP keeps keys and values in
 * children[0] / children[1] the same way; a STRUCT has one child per field, aligned with its rows.
 */
#ifndef FN_COLL_H
#define FN_COLL_H

#include "functions/fn_int.h"

/* ---- binding ------------------------------------------------------------------------------ */

/* The call's name as Spark prints it in `functionName` parameters: `name` in backticks. */
const char *fn_coll_fname(em_arena *a, const pl_expr *call);
/* "\"ARRAY\"" style quoting of a type for error parameters (arena string). */
const char *fn_coll_qtype(em_arena *a, const ty *t);

/* DATATYPE_MISMATCH.NULL_TYPE (functionName). */
int fn_coll_err_null_type(em_arena *a, const pl_expr *call, em_error *err);
/*
 * DATATYPE_MISMATCH.<sub> with functionName, leftType and rightType and the collection
 * parameter (`dataType` = "ARRAY" / "MAP", or `arrayType` for BINARY_ARRAY_DIFF_TYPES).
 */
int fn_coll_err_diff(em_arena *a, const pl_expr *call, const char *sub, const ty *left,
                     const ty *right, em_error *err);
/* DATATYPE_MISMATCH.DATA_DIFF_TYPES as TypeUtils.checkForSameTypeInputExpr words it: dataType =
   "(\"INT\" or \"STRING\")", the types of args[from], args[from + step], ... */
int fn_coll_err_data_diff(em_arena *a, const pl_expr *call, int from, int step, em_error *err);
/* DATATYPE_MISMATCH.INVALID_ORDERING_TYPE (functionName, dataType = t). */
int fn_coll_err_ordering(em_arena *a, const pl_expr *call, const ty *t, em_error *err);
/* DATATYPE_MISMATCH.INVALID_MAP_KEY_TYPE unless key is a valid map key type (no map inside). */
int fn_coll_check_map_key(em_arena *a, const pl_expr *call, const ty *key, em_error *err);
/* DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE with paramIndex = the ordinal of args[i]. */
static inline int fn_coll_err_input(const pl_expr *call, int i, const char *required, em_error *err)
{
    return fn_err_unexpected_input(call, i, required, err);
}

/* TypeCoercion.findTightestCommonType (the non-ANSI rules, which the collection functions use
   whatever the mode). */
const ty *fn_coll_tightest(const ty *a, const ty *b, em_arena *arena);
/* TypeCoercion.findWiderTypeWithoutStringPromotionForTwo. */
const ty *fn_coll_wider_no_string(const ty *a, const ty *b, em_arena *arena);
/* findWiderCommonType of the session's mode (what CreateArray / CreateMap / MapConcat /
   Sequence coercion applies). NULL when there is none. */
const ty *fn_coll_wider_common(int n, const ty *const *types, bool ansi, em_arena *arena);
/* Casts args[i] (an array) to ARRAY<elem> keeping its containsNull flag (an implicit cast). */
void fn_coll_cast_elem(em_arena *a, pl_expr *call, int i, const ty *elem);
/* Casts a NULL-typed args[i] to ARRAY<NULL> (ImplicitCastInputTypes for an ArrayType input). */
void fn_coll_null_to_array(em_arena *a, pl_expr *call, int i);
/* True if e is a literal (possibly under implicit casts), with its vector in *lit. */
bool fn_coll_literal(const pl_expr *e, const vec **lit);
/* DataType.equalsStructurally(a, b, ignoreNullability = true): same shape, field names ignored. */
bool fn_coll_equal_structurally(const ty *a, const ty *b);
/* ExpectsInputTypes turns a NULL-typed args[i] into a NULL of the expected type's default
   concrete type (TypeCoercion's ImplicitTypeCoercion); `to` is that type. */
void fn_coll_null_to(em_arena *a, pl_expr *call, int i, const ty *to);
/* t with every nullability flag set (DataType.asNullable). */
const ty *fn_coll_as_nullable(em_arena *a, const ty *t);
/* a (equal to b ignoring nullability) with the nullability flags of both OR'ed
   (findCommonTypeDifferentOnlyInNullFlags). */
const ty *fn_coll_merge_nullability(em_arena *a, const ty *x, const ty *y);
/* Appends a new literal argument (a default Spark's constructor adds; it shows in names). */
void fn_coll_append_arg(em_arena *a, pl_expr *call, pl_expr *arg);

/* ---- list vectors ------------------------------------------------------------------------- */

static inline int32_t fn_list_start(const vec *v, int64_t r)
{
    return v->offsets[r];
}
static inline int32_t fn_list_len(const vec *v, int64_t r)
{
    return v->offsets[r + 1] - v->offsets[r];
}
/* Ends row v->len of an ARRAY / MAP vector: its elements are the children's rows appended since
   the previous row ended. */
void fn_list_close(vec *v);
/* Appends rows [off, off+n) of src to dst (same physical type). */
int fn_vec_append_range(vec *dst, const vec *src, int64_t off, int64_t n, em_error *err);
/* Appends row r of src, or a NULL when src is NULL (a missing value). */
int fn_vec_append_or_null(vec *dst, const vec *src, int64_t r, em_error *err);
/* Row r of v is NULL (NULL-typed vectors are NULL everywhere; NULL v is a NULL). */
static inline bool fn_cell_null(const vec *v, int64_t r)
{
    return !v || v->type->kind == TY_NULL || vec_is_null(v, r);
}

/* ---- cell sets ---------------------------------------------------------------------------- */

/*
 * A hash set of non-NULL cells, addressed as (vector, row) and compared with ty_cells_equal
 * (NaN equals NaN, -0.0 equals 0.0, nested values element-wise). Entries keep the position
 * they were added at (ids 0, 1, 2...). fn_cellset_clear empties it in O(1).
 */
typedef struct fn_cell {
    const vec *v;
    int64_t row;
    uint64_t hash;
    int64_t id;
    uint32_t gen;
} fn_cell;

typedef struct fn_cellset {
    fn_cell *slots;
    int64_t cap; /* power of two */
    int64_t n;
    uint32_t gen;
} fn_cellset;

void fn_cellset_init(fn_cellset *s);
void fn_cellset_release(fn_cellset *s);
void fn_cellset_clear(fn_cellset *s);
/* The id of the cell equal to (v, row), or -1. */
int64_t fn_cellset_find(const fn_cellset *s, const vec *v, int64_t row);
/* Adds (v, row) unless an equal cell is present; returns the id of the cell now in the set and
   sets *added. */
int64_t fn_cellset_add(fn_cellset *s, const vec *v, int64_t row, bool *added);

/* ---- map builder -------------------------------------------------------------------------- */

/*
 * Collects the entries of one map at a time (ArrayBasedMapBuilder): put checks the key (NULL
 * raises NULL_MAP_KEY; a repeated key raises DUPLICATED_MAP_KEY, or replaces the value under
 * LAST_WIN, keeping the first position), emit appends the map as the next row of a MAP vector
 * and starts the next map. Keys and values are borrowed (vector, row) references until emit.
 */
typedef struct fn_map_entry {
    const vec *kv;
    int64_t kr;
    const vec *vv; /* NULL: the value is NULL */
    int64_t vr;
} fn_map_entry;

typedef struct fn_map_builder {
    fn_cellset keys;
    fn_map_entry *ent;
    int64_t n, cap;
    bool last_win;
} fn_map_builder;

void fn_mapb_init(fn_map_builder *b, const pl_session_opts *opts);
void fn_mapb_release(fn_map_builder *b);
int fn_mapb_put(fn_map_builder *b, const vec *kv, int64_t kr, const vec *vv, int64_t vr,
                em_error *err);
int fn_mapb_emit(fn_map_builder *b, vec *out, em_error *err);
/* Drops the collected entries without emitting. */
void fn_mapb_reset(fn_map_builder *b);

/*
 * Sorts the elements of every row of arr (stable) into *out, a new vector of type t: ascending
 * with NULL elements first (nulls_first) or last, the whole order reversed when desc, or per row
 * when asc_flags (a BOOLEAN vector: true = ascending; a NULL flag gives a NULL row) is given.
 */
int fn_coll_sort_rows(const vec *arr, const ty *t, int64_t n, bool desc, bool nulls_first,
                      const vec *asc_flags, vec **out, em_error *err);

/* ---- higher-order functions (fn_hof.c, fn_hof_sort.c) ----------------------------------- */

/* A lambda parameter made at bind time (negative attr_id, unique per process). */
pl_expr *fn_hof_var(em_arena *a, const char *name, const ty *t, bool nullable);
/* A resolved PX_LAMBDA over body with parameters vars[0..n_params). */
pl_expr *fn_hof_make_lambda(em_arena *a, pl_expr *body, int n_params, pl_expr *const *vars);
/*
 * Makes args[pos] a lambda of n_params parameters typed types[] / nullable[]: a plain expression
 * is wrapped (LambdaFunction(e, hidden params)); another parameter count raises
 * INVALID_LAMBDA_FUNCTION_CALL.NUM_ARGS_MISMATCH.
 */
int fn_hof_lambda(em_arena *a, pl_expr *call, int pos, int n_params, const ty *const *types,
                  const bool *nullable, em_error *err);
/* UNEXPECTED_INPUT_TYPE unless args[i] is of the kind (ARRAY or MAP). */
int fn_hof_need(pl_expr *call, int i, ty_kind kind, em_error *err);
/* Runs a lambda through ctx->lambda_eval (an internal error where lambdas cannot run). */
int fn_hof_run(fn_ctx *ctx, const pl_expr *lambda, vec *const *params, const int64_t *rows,
               int64_t n, vec **out, em_error *err);
/* array_sort (fn_hof_sort.c). */
int fn_hof_bind_array_sort(const fn_def *def, em_arena *a, pl_expr *call,
                           const pl_session_opts *opts, em_error *err);
int fn_hof_eval_array_sort(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                           em_error *err);

/* Java's toString of a value (DUPLICATED_MAP_KEY's key, COMPARATOR_RETURNS_NULL's values):
   numbers and strings as text, arrays and structs as "[a,b]". */
void fn_coll_java_string(const vec *v, int64_t row, em_str *out);

#endif
