/* A failing query: the error class, SQLSTATE, parameters and the PySpark exception name. */
#include <stdio.h>
#include <string.h>

#include "ember.h"

int main(void)
{
    ember_session *s = NULL;
    ember_error err;
    if (ember_session_open(NULL, &s, &err) != EMBER_OK)
        return 1;
    ember_dataframe *r = NULL, *bad = NULL;
    ember_range(s, 0, 3, 1, 0, &r, &err);
    ember_column *cols[1] = {ember_col("no_such_column")};
    ember_df_select(r, cols, 1, &bad, &err); /* building never fails on names: no server yet */
    int64_t n;
    int rc = ember_df_count(bad, &n, &err);
    printf("status %s, gRPC code %d\n", ember_status_name(rc), err.grpc_code);
    printf("class %s, SQLSTATE %s, raised as %s\n", err.error_class, err.sqlstate, err.exception);
    printf("objectName = %s\n", ember_error_param_get(&err, "objectName"));
    ember_df_free(bad);
    ember_df_free(r);
    ember_session_free(s);
    return rc == EMBER_ESERVER && strcmp(err.sqlstate, "42703") == 0 ? 0 : 1;
}
