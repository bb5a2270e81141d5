/*
 * eb_read.c: the TPC-H tables as Ember temp views the way a PySpark user makes them:
 * spark.read.parquet(DIR/<table>).createOrReplaceTempView("<table>") for each of the eight
 * tables, over the same Parquet files DuckDB reads (bench/js/convert.mjs writes one directory
 * per table). Nothing is read here: the views are lazy, each query scans the files itself.
 */
#include <string.h>

#include "eb.h"

const char *const eb_tpch_tables[EB_TPCH_TABLES] = {"region", "nation",   "supplier", "customer",
                                                    "part",   "partsupp", "orders",   "lineitem"};

int eb_read_tpch(ember_session *s, const char *dir, ember_error *err)
{
    for (int t_idx = 0; t_idx < EB_TPCH_TABLES; t_idx++) {
        char path[4096];
        int n = snprintf(path, sizeof path, "%s/%s", dir, eb_tpch_tables[t_idx]);
        if (n < 0 || (size_t)n >= sizeof path) {
            ember_error_clear(err);
            err->status = EMBER_EINVAL;
            snprintf(err->message, sizeof err->message, "path too long: %s", dir);
            return EMBER_EINVAL;
        }
        const char *paths[1] = {path};
        ember_dataframe *df = NULL;
        int rc = ember_read(s, "parquet", NULL, NULL, NULL, 0, paths, 1, &df, err);
        if (rc == EMBER_OK)
            rc = ember_df_create_view(df, eb_tpch_tables[t_idx], true, false, err);
        ember_df_free(df);
        if (rc != EMBER_OK)
            return rc;
    }
    return EMBER_OK;
}
