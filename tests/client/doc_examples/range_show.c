/* spark.range(10).filter(id % 3 == 0).show() and count(). */
#include <stdio.h>

#include "ember.h"

int main(void)
{
    ember_session *s = NULL;
    ember_error err;
    if (ember_session_open(NULL, &s, &err) != EMBER_OK)
        return 1;
    ember_dataframe *r = NULL, *f = NULL;
    ember_range(s, 0, 10, 1, 0, &r, &err);
    ember_df_filter(r, ember_eq(ember_mod(ember_col("id"), ember_lit_int(3)), ember_lit_int(0)), &f,
                    &err);
    int rc = ember_df_show(f, 20, 20, false, &err); /* prints the server's table */
    int64_t n = 0;
    if (rc == EMBER_OK)
        rc = ember_df_count(f, &n, &err);
    if (rc == EMBER_OK)
        printf("%lld rows\n", (long long)n);
    else
        fprintf(stderr, "[%s] %s\n", err.error_class, err.message);
    ember_df_free(f);
    ember_df_free(r);
    ember_session_free(s);
    return rc == EMBER_OK && n == 4 ? 0 : 1;
}
