/*
 * tg_int.h: private parts of the TPC-H generator shared by its files: the random streams, the
 * weighted word lists (clause 4.2.2.13's distributions) and the context.
 */
#ifndef TG_INT_H
#define TG_INT_H

#include "tg.h"

/*
 * A random stream: splitmix64. Each row seeds its own stream from (seed, table, row), which
 * makes the data independent of how rows are split among threads.
 */
typedef struct tg_rng {
    uint64_t state;
} tg_rng;

static inline uint64_t tg_rng_next(tg_rng *r)
{
    uint64_t z = (r->state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* A uniform integer in [lo, hi] (inclusive), by multiply-shift (bias below 2^-40 here). */
static inline int64_t tg_rng_range(tg_rng *r, int64_t lo, int64_t hi)
{
    uint64_t span = (uint64_t)(hi - lo) + 1;
    return lo + (int64_t)(((unsigned __int128)tg_rng_next(r) * span) >> 64);
}

/* The stream of row `idx` of stream family `family` (a table, or a pool chunk). */
static inline void tg_rng_seed(tg_rng *r, uint64_t seed, uint64_t family, uint64_t idx)
{
    r->state = seed ^ (family * 0xD1B54A32D192ED03ULL) ^ (idx * 0x8CB92BA72F3D8DD7ULL);
    (void)tg_rng_next(r);
}

/* A weighted word list: pick() maps a uniform draw on [0, total) through `lookup`. */
typedef struct tg_dist {
    const char *name;
    int n;
    const char *const *words;
    const int *weights;
    int total;
    uint8_t *lookup; /* total entries: word index per weight unit (em_malloc) */
} tg_dist;

enum {
    TG_D_NOUNS,
    TG_D_VERBS,
    TG_D_ADJECTIVES,
    TG_D_ADVERBS,
    TG_D_PREPOSITIONS,
    TG_D_AUXILIARIES,
    TG_D_TERMINATORS,
    TG_D_GRAMMAR,
    TG_D_NP,
    TG_D_VP,
    TG_N_DISTS
};

/* Uniform lists (weight 1 each) of clause 4.2.2.13 and 4.2.3. */
extern const char *const tg_colors[92];
extern const char *const tg_type_s1[6], *const tg_type_s2[5], *const tg_type_s3[5];
extern const char *const tg_container_s1[5], *const tg_container_s2[8];
extern const char *const tg_segments[5];
extern const char *const tg_priorities[5];
extern const char *const tg_instructions[4];
extern const char *const tg_modes[7];
extern const char *const tg_nation_names[25];
extern const int tg_nation_region[25];
extern const char *const tg_region_names[5];

struct tg_ctx {
    double sf;
    uint64_t seed;
    int64_t n_rows[TG_N_TABLES];
    int64_t n_clerks;
    char *pool;
    int64_t pool_len;
    tg_dist dists[TG_N_DISTS];
    /* Suppliers whose comment carries "Customer...Complaints" (1) or "...Recommends" (2). */
    uint8_t *supplier_bbb;
};

/* Builds the lookup tables of the distributions (0 / -1 on allocation failure). */
int tg_dists_init(tg_ctx *ctx);
void tg_dists_release(tg_ctx *ctx);
/* Fills ctx->pool with pool_len bytes of pseudo-text (clause 4.2.2.14), using n_threads. */
int tg_pool_build(tg_ctx *ctx, int n_threads);
/* A text string of length [lo, hi] at a random offset of the pool (clause 4.2.2.10). */
tg_text tg_text_pick(const tg_ctx *ctx, tg_rng *r, int lo, int hi);
/* A random v-string of length [lo, hi] into buf (NUL-terminated; buf holds hi + 1). */
void tg_vstring(tg_rng *r, int lo, int hi, char *buf);

#endif
