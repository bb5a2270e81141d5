/*
 * tg_text.c: the word lists of the TPC-H specification (clauses 4.2.2.13 and 4.2.3) and the
 * pseudo-text they make: the text pool that every comment column is cut from, v-strings, and
 * text strings.
 *
 * Grammar (clause 4.2.2.14): a sentence is one of the `grammar` templates, whose symbols expand
 * to a noun phrase (N), a verb phrase (V), a prepositional phrase (P: a preposition, "the", a
 * noun phrase) and a terminator (T, glued to the previous word). Noun and verb phrases have
 * their own weighted templates (np, vp). Words are separated by one space, sentences too.
 * The weights are the specification's; a pick draws a uniform value on [0, total weight) and
 * maps it through a lookup table with one entry per weight unit.
 */
#include <pthread.h>
#include <string.h>

#include "common/em_mem.h"
#include "tg_int.h"

const char *const tg_colors[92] = {
    "almond",   "antique",   "aquamarine", "azure",      "beige",     "bisque",    "black",
    "blanched", "blue",      "blush",      "brown",      "burlywood", "burnished", "chartreuse",
    "chiffon",  "chocolate", "coral",      "cornflower", "cornsilk",  "cream",     "cyan",
    "dark",     "deep",      "dim",        "dodger",     "drab",      "firebrick", "floral",
    "forest",   "frosted",   "gainsboro",  "ghost",      "goldenrod", "green",     "grey",
    "honeydew", "hot",       "indian",     "ivory",      "khaki",     "lace",      "lavender",
    "lawn",     "lemon",     "light",      "lime",       "linen",     "magenta",   "maroon",
    "medium",   "metallic",  "midnight",   "mint",       "misty",     "moccasin",  "navajo",
    "navy",     "olive",     "orange",     "orchid",     "pale",      "papaya",    "peach",
    "peru",     "pink",      "plum",       "powder",     "puff",      "purple",    "red",
    "rose",     "rosy",      "royal",      "saddle",     "salmon",    "sandy",     "seashell",
    "sienna",   "sky",       "slate",      "smoke",      "snow",      "spring",    "steel",
    "tan",      "thistle",   "tomato",     "turquoise",  "violet",    "wheat",     "white",
    "yellow"};

const char *const tg_type_s1[6] = {"STANDARD", "SMALL", "MEDIUM", "LARGE", "ECONOMY", "PROMO"};
const char *const tg_type_s2[5] = {"ANODIZED", "BURNISHED", "PLATED", "POLISHED", "BRUSHED"};
const char *const tg_type_s3[5] = {"TIN", "NICKEL", "BRASS", "STEEL", "COPPER"};
const char *const tg_container_s1[5] = {"SM", "LG", "MED", "JUMBO", "WRAP"};
const char *const tg_container_s2[8] = {"CASE", "BOX", "BAG", "JAR", "PACK", "PKG", "CAN", "DRUM"};
const char *const tg_segments[5] = {"AUTOMOBILE", "BUILDING", "FURNITURE", "HOUSEHOLD",
                                    "MACHINERY"};
const char *const tg_priorities[5] = {"1-URGENT", "2-HIGH", "3-MEDIUM", "4-NOT SPECIFIED", "5-LOW"};
const char *const tg_instructions[4] = {"DELIVER IN PERSON", "COLLECT COD", "NONE",
                                        "TAKE BACK RETURN"};
const char *const tg_modes[7] = {"REG AIR", "AIR", "RAIL", "SHIP", "TRUCK", "MAIL", "FOB"};
const char *const tg_nation_names[25] = {
    "ALGERIA", "ARGENTINA", "BRAZIL",         "CANADA",       "EGYPT", "ETHIOPIA", "FRANCE",
    "GERMANY", "INDIA",     "INDONESIA",      "IRAN",         "IRAQ",  "JAPAN",    "JORDAN",
    "KENYA",   "MOROCCO",   "MOZAMBIQUE",     "PERU",         "CHINA", "ROMANIA",  "SAUDI ARABIA",
    "VIETNAM", "RUSSIA",    "UNITED KINGDOM", "UNITED STATES"};
const int tg_nation_region[25] = {0, 1, 1, 1, 4, 0, 3, 3, 2, 2, 4, 4, 2,
                                  4, 0, 0, 0, 1, 2, 3, 4, 2, 3, 3, 1};
const char *const tg_region_names[5] = {"AFRICA", "AMERICA", "ASIA", "EUROPE", "MIDDLE EAST"};

/* ----- weighted lists (clause 4.2.2.13) -------------------------------------------------- */

static const char *const tg_nouns[] = {
    "packages",    "requests",    "accounts",      "deposits",     "foxes",     "ideas",
    "theodolites", "pinto beans", "instructions",  "dependencies", "excuses",   "platelets",
    "asymptotes",  "courts",      "dolphins",      "multipliers",  "sauternes", "warthogs",
    "frets",       "dinos",       "attainments",   "somas",        "Tiresias",  "patterns",
    "forges",      "braids",      "frays",         "warhorses",    "dugouts",   "notornis",
    "epitaphs",    "pearls",      "tithes",        "waters",       "orbits",    "gifts",
    "sheaves",     "depths",      "sentiments",    "decoys",       "realms",    "pains",
    "grouches",    "escapades",   "hockey players"};
static const int tg_nouns_w[] = {40, 40, 40, 40, 20, 20, 20, 20, 20, 10, 10, 10, 10, 5, 5,
                                 1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1, 1,
                                 1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1, 1};

static const char *const tg_verbs[] = {
    "sleep",  "wake",   "are",       "cajole",   "haggle", "nag",   "use",     "boost",
    "affix",  "detect", "integrate", "maintain", "nod",    "was",   "lose",    "sublate",
    "solve",  "thrash", "promise",   "engage",   "hinder", "print", "x-ray",   "breach",
    "eat",    "grow",   "impress",   "mold",     "poach",  "serve", "run",     "dazzle",
    "snooze", "doze",   "unwind",    "kindle",   "play",   "hang",  "believe", "doubt"};
static const int tg_verbs_w[] = {20, 20, 20, 20, 20, 10, 10, 10, 5, 5, 5, 1, 1, 1,
                                 1,  1,  1,  1,  1,  1,  1,  1,  1, 1, 1, 1, 1, 1,
                                 1,  1,  1,  1,  1,  1,  1,  1,  1, 1, 1, 1};

static const char *const tg_adjectives[] = {
    "special", "pending", "unusual",  "express",   "furious",  "sly",  "careful", "blithe",
    "quick",   "fluffy",  "slow",     "quiet",     "ruthless", "thin", "close",   "dogged",
    "daring",  "brave",   "stealthy", "permanent", "enticing", "idle", "busy",    "regular",
    "final",   "ironic",  "even",     "bold",      "silent"};
static const int tg_adjectives_w[] = {20, 20, 20, 20, 1, 1, 1, 1, 1,  1,  1,  1,  1,  1, 1,
                                      1,  1,  1,  1,  1, 1, 1, 1, 50, 40, 40, 30, 20, 10};

static const char *const tg_adverbs[] = {
    "sometimes", "always",    "never",   "furiously",  "slyly",       "carefully",  "blithely",
    "quickly",   "fluffily",  "slowly",  "quietly",    "ruthlessly",  "thinly",     "closely",
    "doggedly",  "daringly",  "bravely", "stealthily", "permanently", "enticingly", "idly",
    "busily",    "regularly", "finally", "ironically", "evenly",      "boldly",     "silently"};
static const int tg_adverbs_w[] = {1, 1, 1, 50, 50, 50, 40, 30, 20, 1, 1, 1, 1, 1,
                                   1, 1, 1, 1,  1,  1,  1,  1,  1,  1, 1, 1, 1, 1};

static const char *const tg_prepositions[] = {
    "about",        "above",   "according to", "across",  "after",       "against", "along",
    "alongside of", "among",   "around",       "at",      "atop",        "before",  "behind",
    "beneath",      "beside",  "besides",      "between", "beyond",      "by",      "despite",
    "during",       "except",  "for",          "from",    "in place of", "inside",  "instead of",
    "into",         "near",    "of",           "on",      "outside",     "over",    "past",
    "since",        "through", "throughout",   "to",      "toward",      "under",   "until",
    "up",           "upon",    "without",      "with",    "within"};
static const int tg_prepositions_w[] = {50, 50, 50, 50, 50, 40, 40, 30, 30, 20, 10, 1, 1, 1, 1, 1,
                                        1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1, 1, 1, 1, 1,
                                        1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1, 1, 1, 1};

static const char *const tg_auxiliaries[] = {
    "do",           "may",          "might",         "shall",         "will",
    "would",        "can",          "could",         "should",        "ought to",
    "must",         "will have to", "shall have to", "could have to", "should have to",
    "must have to", "need to",      "try to"};
static const int tg_auxiliaries_w[] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};

static const char *const tg_terminators[] = {".", ";", ":", "?", "!", "--"};
static const int tg_terminators_w[] = {50, 1, 1, 1, 1, 1};

/* Sentence templates: N noun phrase, V verb phrase, P prepositional phrase, T terminator. */
static const char *const tg_grammar[] = {"NVT", "NVPT", "NVNT", "NPVNT", "NPVPT"};
static const int tg_grammar_w[] = {3, 3, 3, 1, 1};
/* Noun phrases: N noun, J adjective, ',' a comma after the previous word, D adverb. */
static const char *const tg_np[] = {"N", "JN", "J,JN", "DJN"};
static const int tg_np_w[] = {10, 20, 10, 50};
/* Verb phrases: V verb, X auxiliary, D adverb. */
static const char *const tg_vp[] = {"V", "XV", "VD", "XVD"};
static const int tg_vp_w[] = {30, 1, 40, 1};

#define TG_DIST(nm, w, l)                                                                          \
    {                                                                                              \
        nm, (int)(sizeof(l) / sizeof(l[0])), l, w, 0, NULL                                         \
    }

static const tg_dist tg_dist_defs[TG_N_DISTS] = {
    [TG_D_NOUNS] = TG_DIST("nouns", tg_nouns_w, tg_nouns),
    [TG_D_VERBS] = TG_DIST("verbs", tg_verbs_w, tg_verbs),
    [TG_D_ADJECTIVES] = TG_DIST("adjectives", tg_adjectives_w, tg_adjectives),
    [TG_D_ADVERBS] = TG_DIST("adverbs", tg_adverbs_w, tg_adverbs),
    [TG_D_PREPOSITIONS] = TG_DIST("prepositions", tg_prepositions_w, tg_prepositions),
    [TG_D_AUXILIARIES] = TG_DIST("auxiliaries", tg_auxiliaries_w, tg_auxiliaries),
    [TG_D_TERMINATORS] = TG_DIST("terminators", tg_terminators_w, tg_terminators),
    [TG_D_GRAMMAR] = TG_DIST("grammar", tg_grammar_w, tg_grammar),
    [TG_D_NP] = TG_DIST("np", tg_np_w, tg_np),
    [TG_D_VP] = TG_DIST("vp", tg_vp_w, tg_vp),
};

_Static_assert(sizeof(tg_nouns) / sizeof(tg_nouns[0]) == 45, "45 nouns");
_Static_assert(sizeof(tg_nouns_w) == sizeof(tg_nouns) / sizeof(char *) * sizeof(int), "weights");
_Static_assert(sizeof(tg_verbs) / sizeof(tg_verbs[0]) == 40, "40 verbs");
_Static_assert(sizeof(tg_verbs_w) == sizeof(tg_verbs) / sizeof(char *) * sizeof(int), "weights");
_Static_assert(sizeof(tg_adjectives) / sizeof(char *) == 29, "29 adjectives");
_Static_assert(sizeof(tg_adjectives_w) == 29 * sizeof(int), "weights");
_Static_assert(sizeof(tg_adverbs) / sizeof(char *) == 28, "28 adverbs");
_Static_assert(sizeof(tg_adverbs_w) == 28 * sizeof(int), "weights");
_Static_assert(sizeof(tg_prepositions) / sizeof(char *) == 47, "47 prepositions");
_Static_assert(sizeof(tg_prepositions_w) == 47 * sizeof(int), "weights");
_Static_assert(sizeof(tg_auxiliaries) / sizeof(char *) == 18, "18 auxiliaries");

int tg_dists_init(tg_ctx *ctx)
{
    for (int d_idx = 0; d_idx < TG_N_DISTS; d_idx++) {
        tg_dist *d = &ctx->dists[d_idx];
        *d = tg_dist_defs[d_idx];
        d->total = 0;
        for (int w_idx = 0; w_idx < d->n; w_idx++)
            d->total += d->weights[w_idx];
        d->lookup = em_malloc((size_t)d->total);
        if (!d->lookup)
            return -1;
        int pos = 0;
        for (int w_idx = 0; w_idx < d->n; w_idx++)
            for (int k = 0; k < d->weights[w_idx]; k++)
                d->lookup[pos++] = (uint8_t)w_idx;
    }
    return 0;
}

void tg_dists_release(tg_ctx *ctx)
{
    for (int d_idx = 0; d_idx < TG_N_DISTS; d_idx++) {
        em_free(ctx->dists[d_idx].lookup);
        ctx->dists[d_idx].lookup = NULL;
    }
}

static const char *tg_pick(const tg_dist *d, tg_rng *r)
{
    return d->words[d->lookup[tg_rng_range(r, 0, d->total - 1)]];
}

bool tg_word_in(const char *list, const char *word, size_t len)
{
    if (strcmp(list, "colors") == 0) {
        for (int c_idx = 0; c_idx < 92; c_idx++)
            if (strlen(tg_colors[c_idx]) == len && memcmp(tg_colors[c_idx], word, len) == 0)
                return true;
        return false;
    }
    for (int d_idx = 0; d_idx < TG_N_DISTS; d_idx++) {
        const tg_dist *d = &tg_dist_defs[d_idx];
        if (strcmp(d->name, list) != 0)
            continue;
        for (int w_idx = 0; w_idx < d->n; w_idx++)
            if (strlen(d->words[w_idx]) == len && memcmp(d->words[w_idx], word, len) == 0)
                return true;
    }
    return false;
}

/* ----- the text pool ---------------------------------------------------------------------- */

/* A bounded writer into the pool: words past `end` are cut off (the pool is a prefix). */
typedef struct tg_pool_out {
    char *p, *end;
} tg_pool_out;

static void tg_put(tg_pool_out *o, const char *s)
{
    size_t len = strlen(s);
    size_t room = (size_t)(o->end - o->p);
    if (len > room)
        len = room;
    memcpy(o->p, s, len);
    o->p += len;
}

static void tg_put_word(tg_pool_out *o, const char *w, bool *first)
{
    if (!*first)
        tg_put(o, " ");
    *first = false;
    tg_put(o, w);
}

static void tg_noun_phrase(const tg_ctx *ctx, tg_rng *r, tg_pool_out *o, bool *first)
{
    for (const char *s = tg_pick(&ctx->dists[TG_D_NP], r); *s; s++) {
        switch (*s) {
        case 'N':
            tg_put_word(o, tg_pick(&ctx->dists[TG_D_NOUNS], r), first);
            break;
        case 'J':
            tg_put_word(o, tg_pick(&ctx->dists[TG_D_ADJECTIVES], r), first);
            break;
        case 'D':
            tg_put_word(o, tg_pick(&ctx->dists[TG_D_ADVERBS], r), first);
            break;
        case ',':
            tg_put(o, ",");
            break;
        }
    }
}

static void tg_verb_phrase(const tg_ctx *ctx, tg_rng *r, tg_pool_out *o, bool *first)
{
    for (const char *s = tg_pick(&ctx->dists[TG_D_VP], r); *s; s++) {
        switch (*s) {
        case 'V':
            tg_put_word(o, tg_pick(&ctx->dists[TG_D_VERBS], r), first);
            break;
        case 'X':
            tg_put_word(o, tg_pick(&ctx->dists[TG_D_AUXILIARIES], r), first);
            break;
        case 'D':
            tg_put_word(o, tg_pick(&ctx->dists[TG_D_ADVERBS], r), first);
            break;
        }
    }
}

/* Appends one sentence (with a leading space unless it is the first of the chunk). */
static void tg_sentence(const tg_ctx *ctx, tg_rng *r, tg_pool_out *o, bool *first)
{
    for (const char *s = tg_pick(&ctx->dists[TG_D_GRAMMAR], r); *s; s++) {
        switch (*s) {
        case 'N':
            tg_noun_phrase(ctx, r, o, first);
            break;
        case 'V':
            tg_verb_phrase(ctx, r, o, first);
            break;
        case 'P':
            tg_put_word(o, tg_pick(&ctx->dists[TG_D_PREPOSITIONS], r), first);
            tg_put_word(o, "the", first);
            tg_noun_phrase(ctx, r, o, first);
            break;
        case 'T':
            tg_put(o, tg_pick(&ctx->dists[TG_D_TERMINATORS], r));
            break;
        }
    }
}

/* Pool chunks are generated independently; each starts a fresh sentence. */
#define TG_POOL_CHUNK (1 << 20)

typedef struct tg_pool_job {
    tg_ctx *ctx;
    int64_t n_chunks;
    int64_t next; /* atomic */
} tg_pool_job;

static void *tg_pool_worker(void *arg)
{
    tg_pool_job *job = arg;
    tg_ctx *ctx = job->ctx;
    for (;;) {
        int64_t c_idx = __atomic_fetch_add(&job->next, 1, __ATOMIC_RELAXED);
        if (c_idx >= job->n_chunks)
            break;
        int64_t start = c_idx * TG_POOL_CHUNK;
        int64_t stop = start + TG_POOL_CHUNK;
        if (stop > ctx->pool_len)
            stop = ctx->pool_len;
        tg_pool_out o = {ctx->pool + start, ctx->pool + stop};
        tg_rng r;
        tg_rng_seed(&r, ctx->seed, 1000, (uint64_t)c_idx);
        bool first = true;
        if (c_idx > 0) {
            /* The previous chunk ended mid-text: a space separates the sentences. */
            tg_put(&o, " ");
        }
        while (o.p < o.end)
            tg_sentence(ctx, &r, &o, &first);
    }
    return NULL;
}

int tg_pool_build(tg_ctx *ctx, int n_threads)
{
    tg_pool_job job = {ctx, (ctx->pool_len + TG_POOL_CHUNK - 1) / TG_POOL_CHUNK, 0};
    if (n_threads < 1)
        n_threads = 1;
    pthread_t threads[64];
    if (n_threads > 64)
        n_threads = 64;
    int started = 0;
    for (int t_idx = 1; t_idx < n_threads; t_idx++)
        if (pthread_create(&threads[started], NULL, tg_pool_worker, &job) == 0)
            started++;
    tg_pool_worker(&job);
    for (int t_idx = 0; t_idx < started; t_idx++)
        pthread_join(threads[t_idx], NULL);
    return 0;
}

tg_text tg_text_pick(const tg_ctx *ctx, tg_rng *r, int lo, int hi)
{
    int len = (int)tg_rng_range(r, lo, hi);
    int64_t off = tg_rng_range(r, 0, ctx->pool_len - len);
    return (tg_text){ctx->pool + off, len};
}

/* 64 symbols: digits, letters, comma and space (clause 4.2.2.7 asks for at least 64). */
static const char tg_alnum[65] = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ, ";

void tg_vstring(tg_rng *r, int lo, int hi, char *buf)
{
    int len = (int)tg_rng_range(r, lo, hi);
    for (int c_idx = 0; c_idx < len; c_idx++)
        buf[c_idx] = tg_alnum[tg_rng_next(r) >> 58];
    buf[len] = '\0';
}
