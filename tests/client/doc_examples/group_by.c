/* groupBy(k).agg(count(1), sum(id)).orderBy(k) */
#include <stdio.h>

#include "ember.h"

int main(void)
{
    ember_session *s = NULL;
    ember_error err;
    if (ember_session_open(NULL, &s, &err) != EMBER_OK)
        return 1;
    ember_dataframe *r = NULL, *k = NULL, *agg = NULL, *sorted = NULL;
    ember_range(s, 0, 10, 1, 0, &r, &err);
    ember_df_with_column(r, "k", ember_mod(ember_col("id"), ember_lit_int(3)), &k, &err);
    ember_grouped *g = NULL;
    ember_column *keys[1] = {ember_col("k")};
    ember_df_group_by(k, keys, 1, &g, &err);
    ember_column *aggs[2] = {ember_alias(ember_call("count", ember_lit_int(1), NULL), "n"),
                             ember_alias(ember_call("sum", ember_col("id"), NULL), "total")};
    ember_grouped_agg(g, aggs, 2, &agg, &err);
    ember_grouped_free(g);
    ember_column *order[1] = {ember_col("k")};
    ember_df_sort(agg, order, 1, &sorted, &err);
    char *text = NULL;
    int rc = ember_df_show_string(sorted, 20, 20, false, &text, &err);
    if (rc == EMBER_OK)
        printf("%s\n", text);
    else
        fprintf(stderr, "[%s] %s\n", err.error_class, err.message);
    ember_free(text);
    ember_df_free(sorted);
    ember_df_free(agg);
    ember_df_free(k);
    ember_df_free(r);
    ember_session_free(s);
    return rc == EMBER_OK ? 0 : 1;
}
