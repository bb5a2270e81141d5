/* Column expressions: when/otherwise, cast, between, isin, string functions, sort orders. */
#include <stdio.h>

#include "ember.h"

int main(void)
{
    ember_session *s = NULL;
    ember_error err;
    if (ember_session_open(NULL, &s, &err) != EMBER_OK)
        return 1;
    ember_dataframe *r = NULL, *p = NULL, *o = NULL;
    ember_range(s, 0, 6, 1, 0, &r, &err);
    ember_column *size =
        ember_when(ember_lt(ember_col("id"), ember_lit_int(2)), ember_lit_string("small"));
    size = ember_otherwise(size, ember_lit_string("large"));
    ember_column *small_ids[2] = {ember_lit_int(1), ember_lit_int(4)};
    ember_column *cols[4] = {
        ember_col("id"), ember_alias(size, "size"),
        ember_alias(ember_between(ember_col("id"), ember_lit_int(2), ember_lit_int(4)), "mid"),
        ember_alias(ember_call("concat", ember_lit_string("#"),
                               ember_cast(ember_col("id"), "string"), NULL),
                    "label")};
    ember_df_select(r, cols, 4, &p, &err);
    ember_column *order[1] = {ember_desc(ember_col("id"))};
    ember_df_sort(p, order, 1, &o, &err);
    int rc = ember_df_show(o, 20, 20, false, &err);
    ember_column *probe = ember_isin(ember_col("id"), small_ids, 2); /* id IN (1, 4) */
    ember_column_free(probe); /* columns not given to a builder are freed by their owner */
    if (rc != EMBER_OK)
        fprintf(stderr, "[%s] %s\n", err.error_class, err.message);
    ember_df_free(o);
    ember_df_free(p);
    ember_df_free(r);
    ember_session_free(s);
    return rc == EMBER_OK ? 0 : 1;
}
