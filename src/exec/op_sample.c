/*
 * op_sample: Sample (df.sample, randomSplit, TABLESAMPLE ... PERCENT): Spark's SampleExec with
 * its samplers reproduced draw for draw.
 *
 *  - Without replacement: BernoulliCellSampler(lower, upper). One XORShiftRandom seeded with
 *    seed + partitionIndex (XORShiftRandom.hashSeed: MurmurHash3 of the seed's 8 big-endian
 *    bytes); a row is kept when the next nextDouble() x satisfies lower <= x < upper (nothing
 *    is kept, and nothing drawn, when upper - lower <= 0).
 *  - With replacement: PoissonSampler(upper - lower) without gap sampling. A java.util.Random
 *    seeded with the seed gives one nextLong() per partition; partition i seeds a commons-math
 *    PoissonDistribution (Well19937c generator) with the i-th value, and each row is emitted
 *    as many times as the next Poisson draw says (Knuth's product of uniforms, bounded by
 *    1000 * mean, for means below 40; larger means, a rejection method, are approximated by
 *    the same product method and will not match Spark draw for draw).
 *  - deterministic_order (randomSplit): Spark Connect sorts each input partition by every
 *    orderable column ascending before sampling so that the splits are disjoint; done here
 *    too.
 *
 * Partitions: Spark samples every partition of its input with its own partition index. Ember
 * runs a query as one partition, so this is exactly Spark's result for a single-partition
 * input (one row, a LocalRelation of one slice, anything after an exchange to one partition);
 * for an input Spark splits into several partitions (spark.range(n) over several cores) the
 * same rows are seen by generators of other partition indexes there, and the sampled rows
 * differ, although the expected fraction is the same.
 */
#include <math.h>
#include <string.h>
#include <time.h>

#include "common/em_mem.h"
#include "exec/ex_int.h"
#include "types/ty_order.h"

/* ---- XORShiftRandom ------------------------------------------------------------------------ */

static uint32_t ex_rotl32(uint32_t x, int r)
{
    return (x << r) | (x >> (32 - r));
}

/* scala.util.hashing.MurmurHash3.bytesHash. */
static uint32_t ex_scala_bytes_hash(const uint8_t *data, int len, uint32_t seed)
{
    uint32_t h = seed;
    int i = 0;
    for (; len - i >= 4; i += 4) {
        uint32_t k = (uint32_t)data[i] | (uint32_t)data[i + 1] << 8 | (uint32_t)data[i + 2] << 16 |
                     (uint32_t)data[i + 3] << 24;
        k *= 0xcc9e2d51u;
        k = ex_rotl32(k, 15);
        k *= 0x1b873593u;
        h ^= k;
        h = ex_rotl32(h, 13);
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
        k = ex_rotl32(k, 15);
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

/* XORShiftRandom.setSeed (hashSeed). */
void ex_xorshift_seed(ex_xorshift *g, int64_t seed)
{
    uint8_t b[8];
    for (int k = 0; k < 8; k++)
        b[k] = (uint8_t)((uint64_t)seed >> (56 - 8 * k));
    uint32_t lo = ex_scala_bytes_hash(b, 8, 0x3c074a61u);
    uint32_t hi = ex_scala_bytes_hash(b, 8, lo);
    g->state = ((uint64_t)hi << 32) | lo;
}

int64_t ex_xorshift_next(ex_xorshift *g, int bits)
{
    uint64_t s = g->state;
    s ^= s << 21;
    s ^= s >> 35;
    s ^= s << 4;
    g->state = s;
    return (int64_t)(s & ((1ull << bits) - 1));
}

/* java.util.Random.nextDouble over XORShiftRandom.next. */
static double ex_xorshift_double(ex_xorshift *g)
{
    int64_t hi = ex_xorshift_next(g, 26), lo = ex_xorshift_next(g, 27);
    return (double)((hi << 27) + lo) * 0x1.0p-53;
}

/* ---- java.util.Random (only nextLong) -------------------------------------------------------- */

typedef struct ex_jrandom {
    uint64_t seed;
} ex_jrandom;

static void ex_jrandom_init(ex_jrandom *r, int64_t seed)
{
    r->seed = ((uint64_t)seed ^ 0x5DEECE66Dull) & ((1ull << 48) - 1);
}

static int32_t ex_jrandom_next(ex_jrandom *r, int bits)
{
    r->seed = (r->seed * 0x5DEECE66Dull + 0xBull) & ((1ull << 48) - 1);
    return (int32_t)(uint32_t)(r->seed >> (48 - bits));
}

static int64_t ex_jrandom_long(ex_jrandom *r)
{
    int64_t hi = ex_jrandom_next(r, 32);
    int64_t lo = ex_jrandom_next(r, 32);
    return (int64_t)((uint64_t)hi << 32) + lo;
}

/* ---- Well19937c (commons-math3) -------------------------------------------------------------- */

#define EX_WELL_R 624

typedef struct ex_well {
    int32_t v[EX_WELL_R];
    int index;
} ex_well;

/* AbstractWell.setSeed(long): the two halves, then the Knuth-style fill (sign-extended). */
static void ex_well_seed(ex_well *w, int64_t seed)
{
    w->v[0] = (int32_t)(uint32_t)((uint64_t)seed >> 32);
    w->v[1] = (int32_t)(uint32_t)((uint64_t)seed & 0xffffffffu);
    for (int i = 2; i < EX_WELL_R; i++) {
        int64_t l = w->v[i - 2];
        uint64_t x = 1812433253ull * (uint64_t)(l ^ (l >> 30)) + (uint64_t)i;
        w->v[i] = (int32_t)(uint32_t)(x & 0xffffffffu);
    }
    w->index = 0;
}

static uint32_t ex_well_next(ex_well *w, int bits)
{
    int idx = w->index;
    int rm1 = (idx + EX_WELL_R - 1) % EX_WELL_R;
    int rm2 = (idx + EX_WELL_R - 2) % EX_WELL_R;
    uint32_t v0 = (uint32_t)w->v[idx];
    uint32_t vm1 = (uint32_t)w->v[(idx + 70) % EX_WELL_R];
    uint32_t vm2 = (uint32_t)w->v[(idx + 179) % EX_WELL_R];
    uint32_t vm3 = (uint32_t)w->v[(idx + 449) % EX_WELL_R];
    uint32_t z0 = (0x80000000u & (uint32_t)w->v[rm1]) ^ (0x7FFFFFFFu & (uint32_t)w->v[rm2]);
    uint32_t z1 = (v0 ^ (v0 << 25)) ^ (vm1 ^ (vm1 >> 27));
    uint32_t z2 = (vm2 >> 9) ^ (vm3 ^ (vm3 >> 1));
    uint32_t z3 = z1 ^ z2;
    uint32_t z4 = z0 ^ (z1 ^ (z1 << 9)) ^ (z2 ^ (z2 << 21)) ^ (z3 ^ (z3 >> 21));
    w->v[idx] = (int32_t)z3;
    w->v[rm1] = (int32_t)z4;
    w->v[rm2] = (int32_t)((uint32_t)w->v[rm2] & 0x80000000u);
    w->index = rm1;
    z4 ^= (z4 << 7) & 0xe46e1700u;
    z4 ^= (z4 << 15) & 0x9b868000u;
    return z4 >> (32 - bits);
}

/* BitsStreamGenerator.nextDouble. */
static double ex_well_double(ex_well *w)
{
    uint64_t high = (uint64_t)ex_well_next(w, 26) << 26;
    uint64_t low = ex_well_next(w, 26);
    return (double)(high | low) * 0x1.0p-52;
}

/* PoissonDistribution.sample for means below 40 (the product of uniforms). */
static int64_t ex_poisson(ex_well *w, double mean)
{
    double p = exp(-mean);
    int64_t n = 0;
    double r = 1.0;
    while ((double)n < 1000.0 * mean) {
        r *= ex_well_double(w);
        if (r >= p)
            n++;
        else
            return n;
    }
    return n;
}

/* ---- operator -------------------------------------------------------------------------------- */

typedef struct ex_sample_state {
    ex_xorshift bern;
    ex_well well;
    double fraction;
    /* deterministic_order: the sorted input, emitted from memory. */
    bool sort_input;
    bool sorted;
    ex_rows rows;
    const ty **types;
    int64_t *perm;
    int64_t pos;
} ex_sample_state;

static bool ex_orderable(const ty *t)
{
    switch (t->kind) {
    case TY_MAP:
    case TY_CALENDAR_INTERVAL:
    case TY_VARIANT:
        return false;
    case TY_ARRAY:
        return ex_orderable(t->elem);
    case TY_STRUCT:
        for (int f = 0; f < t->n_fields; f++)
            if (!ex_orderable(t->fields[f].type))
                return false;
        return true;
    default:
        return true;
    }
}

typedef struct ex_sample_cmp {
    const ex_rows *rows;
    const ty **types;
} ex_sample_cmp;

static int ex_sample_compare(void *ctx, int64_t a, int64_t b)
{
    const ex_sample_cmp *c = ctx;
    for (int k = 0; k < c->rows->n_cols; k++) {
        if (!ex_orderable(c->types[k]))
            continue;
        int r = ty_compare_nullable(c->rows->cols[k], a, c->rows->cols[k], b, true);
        if (r)
            return r;
    }
    return 0;
}

/* The next input batch: from the child, or from the sorted rows. */
static int ex_sample_input(ex_op *op, ex_sample_state *st, vec_batch **in, em_error *err)
{
    if (!st->sort_input)
        return ex_child_next(op, 0, in, err);
    if (!st->sorted) {
        for (;;) {
            vec_batch *b;
            int rc = ex_child_next(op, 0, &b, err);
            if (rc < 0)
                return -1;
            if (rc == 0)
                break;
            rc = ex_rows_append(&st->rows, b, NULL, b->n_rows, err);
            vec_batch_free(b);
            if (rc)
                return -1;
        }
        int64_t n = st->rows.n_rows;
        st->perm = em_malloc((size_t)(n ? n : 1) * sizeof *st->perm);
        int64_t *tmp = em_malloc((size_t)(n ? n : 1) * sizeof *tmp);
        for (int64_t i = 0; i < n; i++)
            st->perm[i] = i;
        ex_sample_cmp c = {&st->rows, st->types};
        ex_sort_indexes(st->perm, tmp, n, ex_sample_compare, NULL, &c);
        em_free(tmp);
        st->sorted = true;
    }
    int64_t left = st->rows.n_rows - st->pos;
    if (left <= 0)
        return 0;
    int64_t cnt = left < ex_batch_rows(op->q) ? left : ex_batch_rows(op->q);
    *in = ex_rows_take(&st->rows, st->perm + st->pos, cnt, err);
    if (!*in)
        return -1;
    st->pos += cnt;
    return 1;
}

static int ex_sample_next(ex_op *op, vec_batch **out, em_error *err)
{
    ex_sample_state *st = op->state;
    const pl_node *n = op->node;
    double lb = n->u.sample.lower, ub = n->u.sample.upper;
    bool repl = n->u.sample.with_replacement;
    for (;;) {
        vec_batch *in;
        int rc = ex_sample_input(op, st, &in, err);
        if (rc <= 0)
            return rc;
        int64_t rows = in->n_rows, cap = rows ? rows : 1, k = 0;
        int64_t *sel = em_malloc((size_t)cap * sizeof *sel);
        for (int64_t r = 0; r < rows; r++) {
            int64_t times;
            if (repl) {
                times = st->fraction <= 0.0 ? 0 : ex_poisson(&st->well, st->fraction);
            } else if (ub - lb <= 0.0) {
                times = 0;
            } else {
                double x = ex_xorshift_double(&st->bern);
                times = x >= lb && x < ub ? 1 : 0;
            }
            if (k + times > cap) {
                while (k + times > cap)
                    cap *= 2;
                sel = em_realloc(sel, (size_t)cap * sizeof *sel);
            }
            for (int64_t t = 0; t < times; t++)
                sel[k++] = r;
        }
        if (k == 0) {
            em_free(sel);
            vec_batch_free(in);
            continue;
        }
        vec_batch *b = ex_batch_take(in, sel, k, err);
        em_free(sel);
        vec_batch_free(in);
        if (!b)
            return -1;
        *out = b;
        return 1;
    }
}

static void ex_sample_release(ex_op *op)
{
    ex_sample_state *st = op->state;
    if (!st)
        return;
    if (st->sort_input)
        ex_rows_release(&st->rows);
    em_free(st->types);
    em_free(st->perm);
    em_free(st);
}

static const ex_op_vtbl ex_sample_vt = {ex_sample_next, ex_sample_release};

int ex_sample_init(ex_query *q, const pl_node *n, ex_op **out, em_error *err)
{
    ex_op *op = ex_op_new(q, n, &ex_sample_vt, 1);
    ex_sample_state *st = em_calloc(1, sizeof *st);
    op->state = st;
    int64_t seed = n->u.sample.seed;
    if (!n->u.sample.has_seed) {
        /* Utils.random.nextLong: any seed will do. */
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        uint64_t x = (uint64_t)ts.tv_nsec * 0x9E3779B97F4A7C15ull ^ (uint64_t)ts.tv_sec;
        seed = (int64_t)(x ^ (x >> 29));
    }
    const int partition_index = 0; /* Ember's single partition */
    ex_xorshift_seed(&st->bern, seed + partition_index);
    st->fraction = n->u.sample.upper - n->u.sample.lower;
    ex_jrandom jr;
    ex_jrandom_init(&jr, seed);
    int64_t well_seed = ex_jrandom_long(&jr);
    for (int i = 0; i < partition_index; i++)
        well_seed = ex_jrandom_long(&jr);
    ex_well_seed(&st->well, well_seed);
    const pl_node *child = n->children[0];
    st->types = ex_node_types(child);
    if (n->u.sample.deterministic_order) {
        bool any = false;
        for (int c = 0; c < child->n_out; c++)
            any |= ex_orderable(child->out[c].type);
        st->sort_input = any;
        if (any)
            ex_rows_init(&st->rows, child->n_out, st->types);
    }
    if (ex_build(q, child, &op->children[0], err)) {
        ex_op_free(op);
        return err->code;
    }
    *out = op;
    return EM_OK;
}
