/*
 * fn_agg_hll: private interface between the HLL++ aggregate (fn_agg_hll.c) and its data tables
 * (fn_agg_hll_data.c). Nothing here is used outside src/functions.
 */
#ifndef FN_AGG_HLL_H
#define FN_AGG_HLL_H

/* One precision's bias table: raw estimates (sorted ascending) and the bias at each. */
typedef struct fn_agg_hll_table {
    const double *raw;
    const double *bias;
    int n;
} fn_agg_hll_table;

/* Indexed by p - 4 for p in [4, 18]. */
extern const fn_agg_hll_table fn_agg_hll_tables[15];
/* Linear counting is used below these estimates (indexed by p - 4). */
extern const double fn_agg_hll_thresholds[15];

#endif
