/*
 * fn_registry: the function registry. The per-family tables (fn_arith.c, fn_cmp.c, ...) are
 * the single declaration of every function; on first use they are gathered into one array
 * sorted by case-folded name, and lookups binary-search it. The registry is immutable after
 * that one-time build (pthread_once), so lookups are thread-safe.
 */
#include <pthread.h>
#include <stdlib.h>
#include <strings.h>

#include "common/em_mem.h"
#include "functions/fn_int.h"

static const fn_def **fn_sorted;
static int fn_n_sorted;
static pthread_once_t fn_once = PTHREAD_ONCE_INIT;

static int fn_cmp_def(const void *a, const void *b)
{
    const fn_def *x = *(const fn_def *const *)a, *y = *(const fn_def *const *)b;
    return strcasecmp(x->name, y->name);
}

static void fn_build(void)
{
    struct {
        const fn_def *defs;
        int n;
    } families[] = {
        {fn_arith_defs, fn_arith_n_defs},
        {fn_cmp_defs, fn_cmp_n_defs},
        {fn_logic_defs, fn_logic_n_defs},
        {fn_cond_defs, fn_cond_n_defs},
        {fn_string_defs, fn_string_n_defs},
        {fn_agg_defs, fn_agg_n_defs},
        {fn_math_defs, fn_math_n_defs},
        {fn_math_round_defs, fn_math_round_n_defs},
        {fn_math_bits_defs, fn_math_bits_n_defs},
        {fn_math_try_defs, fn_math_try_n_defs},
        {fn_misc_defs, fn_misc_n_defs},
        {fn_session_defs, fn_session_n_defs},
        {fn_misc_extra_defs, fn_misc_extra_n_defs},
        {fn_text_defs, fn_text_n_defs},
        {fn_text_bin_defs, fn_text_bin_n_defs},
        {fn_text_fmt_defs, fn_text_fmt_n_defs},
        {fn_text_url_defs, fn_text_url_n_defs},
        {fn_text_num_defs, fn_text_num_n_defs},
        {fn_regex_defs, fn_regex_n_defs},
        {fn_hash_defs, fn_hash_n_defs},
        {fn_hash_aes_defs, fn_hash_aes_n_defs},
        {fn_agg_stat_defs, fn_agg_stat_n_defs},
        {fn_agg_misc_defs, fn_agg_misc_n_defs},
        {fn_agg_collect_defs, fn_agg_collect_n_defs},
        {fn_agg_pct_defs, fn_agg_pct_n_defs},
        {fn_agg_hll_defs, fn_agg_hll_n_defs},
        {fn_agg_sketch_defs, fn_agg_sketch_n_defs},
        {fn_array_defs, fn_array_n_defs},
        {fn_array_set_defs, fn_array_set_n_defs},
        {fn_array_seq_defs, fn_array_seq_n_defs},
        {fn_array_index_defs, fn_array_index_n_defs},
        {fn_map_defs, fn_map_n_defs},
        {fn_struct_defs, fn_struct_n_defs},
        {fn_hof_defs, fn_hof_n_defs},
        {fn_gen_defs, fn_gen_n_defs},
        {fn_date_field_defs, fn_date_field_n_defs},
        {fn_date_arith_defs, fn_date_arith_n_defs},
        {fn_date_make_defs, fn_date_make_n_defs},
        {fn_date_format_defs, fn_date_format_n_defs},
        {fn_interval_defs, fn_interval_n_defs},
        {fn_date_window_defs, fn_date_window_n_defs},
        {fn_window_defs, fn_window_n_defs},
        {fn_json_defs, fn_json_n_defs},
        {fn_json_conv_defs, fn_json_conv_n_defs},
        {fn_csv_defs, fn_csv_n_defs},
        {fn_xpath_defs, fn_xpath_n_defs},
    };
    int total = 0;
    for (size_t f = 0; f < sizeof families / sizeof families[0]; f++)
        total += families[f].n;
    /* Process-lifetime table: allocated once, never freed (reachable through fn_sorted). */
    fn_sorted = em_calloc((size_t)total, sizeof *fn_sorted);
    for (size_t f = 0; f < sizeof families / sizeof families[0]; f++)
        for (int i = 0; i < families[f].n; i++)
            fn_sorted[fn_n_sorted++] = &families[f].defs[i];
    qsort(fn_sorted, (size_t)fn_n_sorted, sizeof *fn_sorted, fn_cmp_def);
}

const fn_def *fn_lookup(const char *name)
{
    if (!name)
        return NULL;
    pthread_once(&fn_once, fn_build);
    int lo = 0, hi = fn_n_sorted - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        int c = strcasecmp(name, fn_sorted[mid]->name);
        if (c == 0)
            return fn_sorted[mid];
        if (c < 0)
            hi = mid - 1;
        else
            lo = mid + 1;
    }
    return NULL;
}

const fn_def *fn_at(int index)
{
    pthread_once(&fn_once, fn_build);
    return index >= 0 && index < fn_n_sorted ? fn_sorted[index] : NULL;
}
