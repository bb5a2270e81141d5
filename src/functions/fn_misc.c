/*
 * fn_misc: typeof, greatest / least, nanvl, nullifzero / zeroifnull, the random functions
 * rand / random / randn / randstr (Spark's XORShiftRandom sequence, so seeded results equal
 * Spark's), uuid, and the cast aliases boolean() tinyint() smallint() int() bigint() float()
 * double() decimal() date() timestamp() binary() string() (FunctionRegistry.castAlias: a Cast
 * in the session's mode, named like its argument), raise_error and assert_true.
 *
 * Random state: Spark seeds one XORShiftRandom per partition with seed + partitionIndex and
 * draws once per row in row order. Ember evaluates a query as one partition (index 0), so the
 * generator lives in the call's fn_state and advances across batches; a plan is executed once
 * per operation, which is when Spark re-initialises it too. Without a seed argument the seed
 * is drawn at bind time and hidden from the column name ("rand()"), as Spark's hideSeed does.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "common/em_mem.h"
#include "common/em_uuid.h"
#include "functions/fn_misc_int.h"
#include "types/ty_cast.h"

/* ---- typeof ------------------------------------------------------------------------------------
 */

static int fn_bind_typeof(const fn_def *def, em_arena *a, pl_expr *call,
                          const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 1, 1, "1", err))
        return err->code;
    em_str s;
    em_str_init(&s, 0);
    ty_catalog_string(call->args[0]->type, &s);
    call->fn_state = em_arena_strdup(a, s.data ? s.data : "");
    em_str_release(&s);
    call->type = ty_string();
    call->nullable = false;
    (void)def;
    (void)opts;
    return EM_OK;
}

static int fn_eval_typeof(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                          em_error *err)
{
    const char *name = call->fn_state;
    int64_t len = (int64_t)strlen(name);
    vec *o = vec_new(ty_string(), n);
    for (int64_t r = 0; r < n; r++)
        if (vec_append_str(o, name, len, err)) {
            vec_release(o);
            return err->code;
        }
    *out = o;
    (void)args;
    (void)ctx;
    return EM_OK;
}

/* ---- greatest / least
 * ------------------------------------------------------------------------------ */

static int fn_bind_greatest(const fn_def *def, em_arena *a, pl_expr *call,
                            const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 2, -1, "> 1", err))
        return err->code;
    bool ansi = opts && opts->ansi;
    bool same = true;
    int n_str = 0;
    for (int i = 0; i < call->n_args; i++) {
        if (!ty_equals_ignore_nullability(call->args[i]->type, call->args[0]->type))
            same = false;
        if (ty_is_string(call->args[i]->type))
            n_str++;
    }
    /* findWiderTypeWithoutStringPromotion: a string never widens a non-string */
    if (!same && (n_str == 0 || n_str == call->n_args)) {
        const ty **types = em_arena_calloc(a, (size_t)call->n_args, sizeof *types);
        for (int i = 0; i < call->n_args; i++)
            types[i] = call->args[i]->type;
        const ty *w = fn_wider_common_type(call->n_args, types, ansi, a);
        if (w)
            for (int i = 0; i < call->n_args; i++)
                fn_cast_arg(a, call, i, w);
    }
    for (int i = 1; i < call->n_args; i++)
        if (!ty_equals_ignore_nullability(call->args[i]->type, call->args[0]->type))
            return fn_misc_err_data_diff(call, err);
    const ty *t = call->args[0]->type;
    if (!fn_type_orderable(t)) {
        em_str sql, ty_s;
        char id[128];
        em_str_init(&sql, 4096);
        em_str_init(&ty_s, 1024);
        em_str_putc(&sql, '"');
        fn_expr_sql(call, &sql);
        em_str_putc(&sql, '"');
        ty_sql_type_quoted(t, &ty_s);
        int rc = em_error_set(err, "DATATYPE_MISMATCH.INVALID_ORDERING_TYPE", "sqlExpr",
                              sql.data ? sql.data : "", "functionName",
                              fn_misc_fn_id(call, id, sizeof id), "dataType",
                              ty_s.data ? ty_s.data : "", NULL);
        em_str_release(&sql);
        em_str_release(&ty_s);
        return rc;
    }
    call->type = t;
    bool nullable = true;
    for (int i = 0; i < call->n_args; i++)
        if (!call->args[i]->nullable)
            nullable = false;
    call->nullable = nullable;
    (void)def;
    return EM_OK;
}

static int fn_eval_greatest(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                            vec **out, em_error *err)
{
    bool greatest = strcasecmp(call->fn->name, "greatest") == 0;
    vec *o = vec_new(call->type, n);
    for (int64_t r = 0; r < n; r++) {
        int best = -1;
        for (int i = 0; i < call->n_args; i++) {
            if (fn_is_null(args[i], r))
                continue;
            if (best < 0) {
                best = i;
                continue;
            }
            int c = ty_compare(args[i], r, args[best], r);
            if (greatest ? c > 0 : c < 0)
                best = i;
        }
        int rc = best < 0 ? (vec_append_null(o), EM_OK) : vec_append_from(o, args[best], r, err);
        if (rc) {
            vec_release(o);
            return rc;
        }
    }
    *out = o;
    (void)ctx;
    return EM_OK;
}

/* ---- nanvl
 * ------------------------------------------------------------------------------------------- */

static int fn_bind_nanvl(const fn_def *def, em_arena *a, pl_expr *call, const pl_session_opts *opts,
                         em_error *err)
{
    if (fn_check_arity(call, 2, 2, "2", err))
        return err->code;
    bool ansi = opts && opts->ansi;
    /* TypeCoercion: double with float widens the float; a NULL right side takes the left type */
    ty_kind l = call->args[0]->type->kind, r = call->args[1]->type->kind;
    if (l == TY_DOUBLE && r == TY_FLOAT)
        fn_cast_arg(a, call, 1, ty_double());
    else if (l == TY_FLOAT && r == TY_DOUBLE)
        fn_cast_arg(a, call, 0, ty_double());
    for (int i = 0; i < 2; i++) {
        ty_kind k = call->args[i]->type->kind;
        if (k == TY_DOUBLE || k == TY_FLOAT)
            continue;
        if (i == 1 && k == TY_NULL) {
            fn_cast_arg(a, call, 1, call->args[0]->type);
            continue;
        }
        if (fn_misc_expect(a, call, i, FN_W_DOUBLE, ansi, err))
            return fn_err_unexpected_input(call, i, "(\"DOUBLE\" or \"FLOAT\")",
                                           (em_error_clear(err), err));
    }
    if (call->args[0]->type->kind != call->args[1]->type->kind) {
        fn_cast_arg(a, call, 0, ty_double());
        fn_cast_arg(a, call, 1, ty_double());
    }
    call->type = call->args[0]->type;
    call->nullable = fn_any_nullable(call);
    (void)def;
    return EM_OK;
}

static int fn_eval_nanvl(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                         em_error *err)
{
    bool is_float = call->type->kind == TY_FLOAT;
    vec *o = fn_vec_fixed(call->type, n);
    for (int64_t r = 0; r < n; r++) {
        if (fn_is_null(args[0], r)) {
            vec_set_null(o, r);
            continue;
        }
        double x = fn_misc_get_double(args[0], r);
        const vec *src = args[0];
        if (isnan(x)) {
            if (fn_is_null(args[1], r)) {
                vec_set_null(o, r);
                continue;
            }
            src = args[1];
        }
        if (is_float)
            VEC_VALUES(o, float)[r] = VEC_VALUES(src, float)[r];
        else
            VEC_VALUES(o, double)[r] = VEC_VALUES(src, double)[r];
    }
    *out = o;
    (void)ctx;
    (void)err;
    return EM_OK;
}

/* ---- nullifzero / zeroifnull (RuntimeReplaceable)
 * -------------------------------------------------- */

static int fn_bind_zero(const fn_def *def, em_arena *a, pl_expr *call, const pl_session_opts *opts,
                        em_error *err)
{
    if (fn_check_arity(call, 1, 1, "1", err))
        return err->code;
    pl_expr *x = fn_misc_arg_ref(a, call, 0);
    pl_expr *tree;
    if (strcasecmp(def->name, "zeroifnull") == 0) {
        pl_expr *nv[] = {x, pl_lit_int(a, 0)};
        tree = fn_misc_bind_call(a, "nvl", 2, nv, opts, err);
    } else {
        pl_expr *eq[] = {x, pl_lit_int(a, 0)};
        pl_expr *cond = fn_misc_bind_call(a, "=", 2, eq, opts, err);
        if (!cond)
            return err->code;
        pl_expr *ifa[] = {cond, pl_lit_null(a, ty_null()), fn_misc_arg_ref(a, call, 0)};
        tree = fn_misc_bind_call(a, "if", 3, ifa, opts, err);
    }
    if (!tree)
        return err->code;
    call->fn_state = tree;
    call->type = tree->type;
    call->nullable = tree->nullable;
    return EM_OK;
}

static int fn_eval_tree_call(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                             vec **out, em_error *err)
{
    return fn_misc_eval_tree(call->fn_state, args, n, ctx, out, err);
}

/* ---- XORShiftRandom
 * ------------------------------------------------------------------------------- */

typedef struct fn_rng {
    bool hide_seed;
    int64_t seed;
    bool started;
    uint64_t state;
    bool have_gauss;
    double next_gauss;
    int32_t length; /* randstr */
} fn_rng;

static uint32_t fn_rotl32(uint32_t x, int r)
{
    return (x << r) | (x >> (32 - r));
}

/* scala.util.hashing.MurmurHash3.bytesHash. */
static uint32_t fn_scala_bytes_hash(const uint8_t *data, int len, uint32_t seed)
{
    uint32_t h = seed;
    int i = 0;
    for (; len - i >= 4; i += 4) {
        uint32_t k = (uint32_t)data[i] | (uint32_t)data[i + 1] << 8 | (uint32_t)data[i + 2] << 16 |
                     (uint32_t)data[i + 3] << 24;
        k *= 0xcc9e2d51u;
        k = fn_rotl32(k, 15);
        k *= 0x1b873593u;
        h ^= k;
        h = fn_rotl32(h, 13);
        h = h * 5 + 0xe6546b64u;
    }
    int rest = len - i;
    if (rest > 0) {
        uint32_t k = 0;
        if (rest == 3)
            k ^= (uint32_t)data[i + 2] << 16;
        if (rest >= 2)
            k ^= (uint32_t)data[i + 1] << 8;
        k ^= data[i];
        k *= 0xcc9e2d51u;
        k = fn_rotl32(k, 15);
        k *= 0x1b873593u;
        h ^= k;
    }
    h ^= (uint32_t)len;
    h ^= h >> 16;
    h *= 0x85ebca6bu;
    h ^= h >> 13;
    h *= 0xc2b2ae35u;
    h ^= h >> 16;
    return h;
}

/* XORShiftRandom.hashSeed. */
static uint64_t fn_rng_hash_seed(int64_t seed)
{
    uint8_t b[8];
    for (int k = 0; k < 8; k++)
        b[k] = (uint8_t)((uint64_t)seed >> (56 - 8 * k)); /* big-endian, as ByteBuffer */
    uint32_t lo = fn_scala_bytes_hash(b, 8, 0x3c074a61u);
    uint32_t hi = fn_scala_bytes_hash(b, 8, lo);
    return ((uint64_t)hi << 32) | lo;
}

static int32_t fn_rng_next(fn_rng *g, int bits)
{
    if (!g->started) {
        g->state = fn_rng_hash_seed(g->seed); /* partition index 0 */
        g->started = true;
    }
    uint64_t s = g->state;
    s ^= s << 21;
    s ^= s >> 35;
    s ^= s << 4;
    g->state = s;
    return (int32_t)(uint32_t)(s & ((1ull << bits) - 1));
}

/* java.util.Random.nextDouble. */
static double fn_rng_double(fn_rng *g)
{
    int64_t hi = fn_rng_next(g, 26), lo = fn_rng_next(g, 27);
    return (double)((hi << 27) + lo) * 0x1.0p-53;
}

/* java.util.Random.nextGaussian (polar method, one value cached). */
static double fn_rng_gaussian(fn_rng *g)
{
    if (g->have_gauss) {
        g->have_gauss = false;
        return g->next_gauss;
    }
    double v1, v2, s;
    do {
        v1 = 2 * fn_rng_double(g) - 1;
        v2 = 2 * fn_rng_double(g) - 1;
        s = v1 * v1 + v2 * v2;
    } while (s >= 1 || s == 0);
    double mul = sqrt(-2 * log(s) / s);
    g->next_gauss = v2 * mul;
    g->have_gauss = true;
    return v1 * mul;
}

static int64_t fn_rng_random_seed(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    uint64_t x = (uint64_t)ts.tv_nsec * 0x9E3779B97F4A7C15ull ^ (uint64_t)ts.tv_sec;
    return (int64_t)(x ^ (x >> 31));
}

/* The seed argument: a foldable INT or BIGINT (NULL means 0), else a type or foldability
   error. */
static int fn_rng_seed_arg(pl_expr *call, int i, const pl_session_opts *opts, fn_rng *g,
                           em_error *err)
{
    ty_kind k = call->args[i]->type->kind;
    if (k != TY_INT && k != TY_LONG && k != TY_NULL)
        return fn_err_unexpected_input(call, i, "(\"INT\" or \"BIGINT\")", err);
    if (!fn_misc_foldable(call->args[i]))
        return fn_misc_err_non_foldable(call, i, "seed", err);
    vec *v = NULL;
    if (fn_misc_fold(call->args[i], opts, &v, err) < 0)
        return err->code;
    g->seed = fn_is_null(v, 0) ? 0 : fn_misc_get_long(v, 0);
    vec_release(v);
    return EM_OK;
}

static int fn_bind_rand(const fn_def *def, em_arena *a, pl_expr *call, const pl_session_opts *opts,
                        em_error *err)
{
    if (fn_check_arity(call, 0, 1, "[0, 1]", err))
        return err->code;
    fn_rng *g = em_arena_calloc(a, 1, sizeof *g);
    if (call->n_args == 1) {
        if (fn_rng_seed_arg(call, 0, opts, g, err))
            return err->code;
    } else {
        g->hide_seed = true;
        g->seed = fn_rng_random_seed();
    }
    call->fn_state = g;
    call->type = ty_double();
    call->nullable = false;
    (void)def;
    return EM_OK;
}

static int fn_eval_rand(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                        em_error *err)
{
    fn_rng *g = call->fn_state; /* execution state: see the file comment */
    bool gauss = strcasecmp(call->fn->name, "randn") == 0;
    vec *o = fn_vec_fixed(ty_double(), n);
    for (int64_t r = 0; r < n; r++)
        VEC_VALUES(o, double)[r] = gauss ? fn_rng_gaussian(g) : fn_rng_double(g);
    *out = o;
    (void)args;
    (void)ctx;
    (void)err;
    return EM_OK;
}

static int fn_bind_randstr(const fn_def *def, em_arena *a, pl_expr *call,
                           const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 1, 2, "[1, 2]", err))
        return err->code;
    fn_rng *g = em_arena_calloc(a, 1, sizeof *g);
    ty_kind lk = call->args[0]->type->kind;
    if (lk != TY_INT) {
        if (lk == TY_BYTE || lk == TY_SHORT || lk == TY_LONG)
            fn_cast_arg(a, call, 0, ty_int());
        else
            return fn_err_unexpected_input(call, 0, "\"INT\"", err);
    }
    if (!fn_misc_foldable(call->args[0]))
        return fn_misc_err_non_foldable(call, 0, "length", err);
    if (call->n_args == 2) {
        if (fn_rng_seed_arg(call, 1, opts, g, err))
            return err->code;
    } else {
        g->hide_seed = true;
        g->seed = fn_rng_random_seed();
    }
    vec *v = NULL;
    if (fn_misc_fold(call->args[0], opts, &v, err) < 0)
        return err->code;
    g->length = fn_is_null(v, 0) ? 0 : VEC_VALUES(v, int32_t)[0];
    vec_release(v);
    if (g->length < 0) {
        char val[16];
        snprintf(val, sizeof val, "%d", g->length);
        return em_error_set(err, "INVALID_PARAMETER_VALUE.LENGTH", "parameter", "`length`",
                            "functionName", "`randstr`", "length", val, NULL);
    }
    call->fn_state = g;
    call->type = ty_string();
    call->nullable = false;
    (void)def;
    return EM_OK;
}

static int fn_eval_randstr(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                           em_error *err)
{
    fn_rng *g = call->fn_state;
    vec *o = vec_new(ty_string(), n);
    char *buf = em_malloc((size_t)g->length + 1);
    for (int64_t r = 0; r < n; r++) {
        for (int32_t k = 0; k < g->length; k++) {
            int32_t v = fn_rng_next(g, 32) % 62;
            if (v < 0)
                v = -v;
            buf[k] = (char)(v < 10 ? '0' + v : v < 36 ? 'a' + (v - 10) : 'A' + (v - 36));
        }
        if (vec_append_str(o, buf, g->length, err)) {
            em_free(buf);
            vec_release(o);
            return err->code;
        }
    }
    em_free(buf);
    *out = o;
    (void)args;
    (void)ctx;
    return EM_OK;
}

/* ---- uuid
 * ------------------------------------------------------------------------------------------- */

static int fn_bind_uuid(const fn_def *def, em_arena *a, pl_expr *call, const pl_session_opts *opts,
                        em_error *err)
{
    if (fn_check_arity(call, 0, 0, "0", err))
        return err->code;
    call->type = ty_string();
    call->nullable = false;
    (void)def;
    (void)a;
    (void)opts;
    return EM_OK;
}

static int fn_eval_uuid(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                        em_error *err)
{
    vec *o = vec_new(ty_string(), n);
    for (int64_t r = 0; r < n; r++) {
        char u[EM_UUID_STRLEN + 1];
        em_uuid_v4(u);
        if (vec_append_str(o, u, EM_UUID_STRLEN, err)) {
            vec_release(o);
            return err->code;
        }
    }
    *out = o;
    (void)call;
    (void)args;
    (void)ctx;
    return EM_OK;
}

/* ---- cast aliases: boolean(x), int(x), float(x), date(x), ...
 * ------------------------------------ */

/* FunctionRegistry.castAlias: name(expr) is Cast(expr, type). */
static const ty *fn_cast_alias_type(const char *name, em_arena *a)
{
    static const struct {
        const char *name;
        ty_kind kind;
    } aliases[] = {{"boolean", TY_BOOLEAN}, {"tinyint", TY_BYTE}, {"smallint", TY_SHORT},
                   {"int", TY_INT},         {"bigint", TY_LONG},  {"float", TY_FLOAT},
                   {"double", TY_DOUBLE},   {"date", TY_DATE},    {"timestamp", TY_TIMESTAMP},
                   {"binary", TY_BINARY},   {"string", TY_STRING}};
    if (strcasecmp(name, "decimal") == 0)
        return ty_decimal(a, 10, 0); /* DecimalType.USER_DEFAULT */
    for (size_t k = 0; k < sizeof aliases / sizeof aliases[0]; k++)
        if (strcasecmp(aliases[k].name, name) == 0)
            return ty_primitive(aliases[k].kind);
    return NULL;
}

static int fn_bind_cast_alias(const fn_def *def, em_arena *a, pl_expr *call,
                              const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 1, 1, "1", err))
        return err->code;
    const ty *to = fn_cast_alias_type(def->name, a);
    const ty *from = call->args[0]->type;
    bool ansi = opts && opts->ansi;
    if (!ty_can_cast(from, to, ansi)) {
        em_str sql, st, tt;
        em_str_init(&sql, 4096);
        em_str_init(&st, 256);
        em_str_init(&tt, 256);
        em_str_puts(&sql, "\"CAST(");
        fn_expr_sql(call->args[0], &sql);
        em_str_puts(&sql, " AS ");
        ty_sql(to, &sql);
        em_str_puts(&sql, ")\"");
        ty_sql_type_quoted(from, &st);
        ty_sql_type_quoted(to, &tt);
        int rc = em_error_set(err, "DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION", "sqlExpr",
                              sql.data ? sql.data : "", "srcType", st.data ? st.data : "",
                              "targetType", tt.data ? tt.data : "", NULL);
        em_str_release(&sql);
        em_str_release(&st);
        em_str_release(&tt);
        return rc;
    }
    /* a castAlias Cast carries no USER_SPECIFIED_CAST tag: generated names show the child
       alone (misc-functions.sql.out: assert_true(boolean(1)) is named assert_true(1, ...)) */
    em_str name;
    em_str_init(&name, 4096);
    fn_expr_sql(call->args[0], &name);
    call->sql = em_arena_strdup(a, name.data ? name.data : "");
    em_str_release(&name);
    call->type = to;
    call->nullable = call->args[0]->nullable || ty_cast_force_nullable(from, to);
    return EM_OK;
}

static int fn_eval_cast_alias(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                              vec **out, em_error *err)
{
    (void)n;
    return ty_cast_vec(args[0], call->type, PX_EVAL_UNSPECIFIED, ctx ? ctx->opts : NULL, out, err);
}

/* ---- raise_error / assert_true ------------------------------------------------------------- */

/* RaiseError(str): USER_RAISED_EXCEPTION with errorMessage = str ("null" for NULL) on the first
   row it is evaluated for; its type is NULL. AssertTrue(cond[, msg]) is
   If(cond, NULL, RaiseError(msg)), msg defaulting to "'<cond>' is not true!". */
static int fn_bind_raise(const fn_def *def, em_arena *a, pl_expr *call, const pl_session_opts *opts,
                         em_error *err)
{
    bool assert_ = strcasecmp(def->name, "assert_true") == 0;
    if (fn_check_arity(call, 1, assert_ ? 2 : 1, assert_ ? "[1, 2]" : "1", err))
        return err->code;
    bool ansi = opts && opts->ansi;
    if (assert_) {
        if (call->n_args == 1) {
            em_str m;
            em_str_init(&m, 4096);
            em_str_putc(&m, '\'');
            fn_expr_sql(call->args[0], &m);
            em_str_puts(&m, "' is not true!");
            fn_misc_add_arg(a, call, pl_lit_string(a, m.data ? m.data : "", (int64_t)m.len));
            em_str_release(&m);
        }
        if (fn_misc_expect(a, call, 0, FN_W_BOOLEAN, ansi, err) ||
            fn_misc_expect(a, call, 1, FN_W_STRING, ansi, err))
            return err->code;
    } else if (fn_misc_expect(a, call, 0, FN_W_STRING, ansi, err)) {
        return err->code;
    } else {
        /* Spark rewrites raise_error(msg) to raise_error('USER_RAISED_EXCEPTION',
           map('errorMessage', msg)), and names the column after that form. */
        em_str m;
        em_str_init(&m, 4096);
        em_str_puts(&m, "raise_error(USER_RAISED_EXCEPTION, map(errorMessage, ");
        const pl_expr *arg = call->args[0];
        if (arg->kind == PX_LITERAL && arg->lit && ty_is_string(arg->lit->type) &&
            !vec_is_null(arg->lit, 0)) {
            int32_t len;
            const char *sv = vec_str(arg->lit, 0, &len);
            em_str_append(&m, sv, (size_t)len);
        } else {
            fn_expr_sql(arg, &m);
        }
        em_str_puts(&m, "))");
        call->sql = em_arena_strdup(a, m.data ? m.data : "raise_error()");
        em_str_release(&m);
    }
    call->type = ty_null();
    call->nullable = true;
    return EM_OK;
}

static int fn_eval_raise(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                         em_error *err)
{
    bool assert_ = call->n_args == 2;
    const vec *msg = args[assert_ ? 1 : 0];
    for (int64_t r = 0; r < n; r++) {
        if (assert_ && !fn_is_null(args[0], r) && VEC_VALUES(args[0], uint8_t)[r])
            continue;
        if (fn_is_null(msg, r))
            return em_error_set(err, "USER_RAISED_EXCEPTION", "errorMessage", "null", NULL);
        int32_t len;
        const char *s = vec_str(msg, r, &len);
        char buf[512];
        snprintf(buf, sizeof buf, "%.*s", (int)len, s);
        return em_error_set(err, "USER_RAISED_EXCEPTION", "errorMessage", buf, NULL);
    }
    *out = vec_new_nulls(ty_null(), n);
    (void)ctx;
    return EM_OK;
}

#define FN_MISC(nm, mn, mx, b, e, det)                                                             \
    {                                                                                              \
        .name = nm, .kind = FN_SCALAR, .min_args = mn, .max_args = mx, .bind = b, .eval = e,       \
        .deterministic = det                                                                       \
    }

const fn_def fn_misc_defs[] = {
    FN_MISC("typeof", 1, 1, fn_bind_typeof, fn_eval_typeof, true),
    FN_MISC("greatest", 2, -1, fn_bind_greatest, fn_eval_greatest, true),
    FN_MISC("least", 2, -1, fn_bind_greatest, fn_eval_greatest, true),
    FN_MISC("nanvl", 2, 2, fn_bind_nanvl, fn_eval_nanvl, true),
    FN_MISC("nullifzero", 1, 1, fn_bind_zero, fn_eval_tree_call, true),
    FN_MISC("zeroifnull", 1, 1, fn_bind_zero, fn_eval_tree_call, true),
    FN_MISC("rand", 0, 1, fn_bind_rand, fn_eval_rand, false),
    FN_MISC("random", 0, 1, fn_bind_rand, fn_eval_rand, false),
    FN_MISC("randn", 0, 1, fn_bind_rand, fn_eval_rand, false),
    FN_MISC("randstr", 1, 2, fn_bind_randstr, fn_eval_randstr, false),
    FN_MISC("uuid", 0, 0, fn_bind_uuid, fn_eval_uuid, false),
    FN_MISC("raise_error", 1, 1, fn_bind_raise, fn_eval_raise, false),
    FN_MISC("assert_true", 1, 2, fn_bind_raise, fn_eval_raise, false),
    FN_MISC("boolean", 1, 1, fn_bind_cast_alias, fn_eval_cast_alias, true),
    FN_MISC("tinyint", 1, 1, fn_bind_cast_alias, fn_eval_cast_alias, true),
    FN_MISC("smallint", 1, 1, fn_bind_cast_alias, fn_eval_cast_alias, true),
    FN_MISC("int", 1, 1, fn_bind_cast_alias, fn_eval_cast_alias, true),
    FN_MISC("bigint", 1, 1, fn_bind_cast_alias, fn_eval_cast_alias, true),
    FN_MISC("float", 1, 1, fn_bind_cast_alias, fn_eval_cast_alias, true),
    FN_MISC("double", 1, 1, fn_bind_cast_alias, fn_eval_cast_alias, true),
    FN_MISC("decimal", 1, 1, fn_bind_cast_alias, fn_eval_cast_alias, true),
    FN_MISC("date", 1, 1, fn_bind_cast_alias, fn_eval_cast_alias, true),
    FN_MISC("timestamp", 1, 1, fn_bind_cast_alias, fn_eval_cast_alias, true),
    FN_MISC("binary", 1, 1, fn_bind_cast_alias, fn_eval_cast_alias, true),
    FN_MISC("string", 1, 1, fn_bind_cast_alias, fn_eval_cast_alias, true),
};
const int fn_misc_n_defs = (int)(sizeof fn_misc_defs / sizeof fn_misc_defs[0]);
