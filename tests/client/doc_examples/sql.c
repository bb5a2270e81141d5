/* spark.sql with a positional parameter, a temp view, and the result's schema. */
#include <stdio.h>

#include "ember.h"

int main(void)
{
    ember_session *s = NULL;
    ember_error err;
    if (ember_session_open(NULL, &s, &err) != EMBER_OK)
        return 1;
    ember_dataframe *nums = NULL, *q = NULL;
    ember_range(s, 1, 6, 1, 0, &nums, &err);
    int rc = ember_df_create_view(nums, "nums", true, false, &err); /* createOrReplaceTempView */
    ember_column *args[1] = {ember_lit_int(2)};
    if (rc == EMBER_OK)
        rc = ember_sql(s, "SELECT id, id * ? AS twice FROM nums", args, 1, &q, &err);
    char *json = NULL;
    if (rc == EMBER_OK)
        rc = ember_df_schema_json(q, &json, &err);
    if (rc == EMBER_OK) {
        printf("schema: %s\n", json);
        rc = ember_df_show(q, 3, 20, false, &err);
    }
    if (rc != EMBER_OK)
        fprintf(stderr, "[%s] %s\n", err.error_class, err.message);
    ember_free(json);
    ember_df_free(q);
    ember_df_free(nums);
    ember_session_free(s);
    return rc == EMBER_OK ? 0 : 1;
}
