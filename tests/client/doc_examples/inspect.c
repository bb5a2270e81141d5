/* Looking at a DataFrame: schema, columns, printSchema, explain, take, isEmpty, persist. */
#include <stdio.h>
#include <string.h>

#include "ember.h"

static int failed;

static void expect(int ok, const char *what, const ember_error *err)
{
    if (!ok) {
        fprintf(stderr, "FAIL %s: [%s] %s\n", what, err->error_class, err->message);
        failed = 1;
    }
}

int main(void)
{
    ember_session *s = NULL;
    ember_error err;
    if (ember_session_open(NULL, &s, &err) != EMBER_OK)
        return 1;
    ember_dataframe *r = NULL, *none = NULL;
    ember_range(s, 0, 10, 1, 0, &r, &err);

    /* df.schema: an Arrow struct schema, and Spark's JSON for it. */
    struct ArrowSchema schema;
    expect(ember_df_schema(r, &schema, &err) == EMBER_OK && schema.n_children == 1 &&
               strcmp(schema.children[0]->name, "id") == 0 &&
               strcmp(schema.children[0]->format, "l") == 0,
           "schema is struct<id: int64>", &err);
    if (schema.release)
        schema.release(&schema);
    char *text = NULL;
    expect(ember_df_schema_json(r, &text, &err) == EMBER_OK &&
               strcmp(text, "{\"fields\":[{\"metadata\":{},\"name\":\"id\",\"nullable\":false,"
                            "\"type\":\"long\"}],\"type\":\"struct\"}") == 0,
           "schema.json()", &err);
    ember_free(text);
    expect(ember_df_tree_string(r, &text, &err) == EMBER_OK &&
               strcmp(text, "root\n |-- id: long (nullable = false)\n") == 0,
           "printSchema()", &err);
    ember_free(text);
    expect(ember_df_explain(r, "extended", &text, &err) == EMBER_OK &&
               strstr(text, "== Physical Plan ==") && strstr(text, "Range (0, 10"),
           "explain('extended')", &err);
    ember_free(text);

    /* take(3): three rows in the Arrow stream. */
    struct ArrowArrayStream st;
    int64_t rows = 0;
    expect(ember_df_take(r, 3, &st, &err) == EMBER_OK, "take(3)", &err);
    struct ArrowArray batch;
    while (st.get_next(&st, &batch) == 0 && batch.release) {
        rows += batch.length;
        batch.release(&batch);
    }
    expect(rows == 3 && ember_stream_error(&st) == NULL, "take(3) has 3 rows", &err);
    st.release(&st);

    /* collect with our own operation id (the id ember_interrupt_operation takes). */
    expect(ember_df_collect_with_id(r, "3f7a1c2e-9b4d-4e8a-8c6f-0d1e2f3a4b5c", &st, &err) ==
               EMBER_OK,
           "collect with an operation id", &err);
    st.release(&st); /* releasing early stops the operation on the server */

    bool empty = false;
    ember_df_filter(r, ember_lt(ember_col("id"), ember_lit_int(0)), &none, &err);
    expect(ember_df_is_empty(none, &empty, &err) == EMBER_OK && empty, "isEmpty()", &err);
    expect(ember_df_is_empty(r, &empty, &err) == EMBER_OK && !empty, "not isEmpty()", &err);

    /* cache / persist(level) / unpersist */
    expect(ember_df_persist(r, &err) == EMBER_OK, "cache()", &err);
    expect(ember_df_unpersist(r, true, &err) == EMBER_OK, "unpersist(blocking=True)", &err);
    ember_storage_level disk_only = {true, false, false, false, 1};
    expect(ember_df_persist_level(r, &disk_only, &err) == EMBER_OK, "persist(DISK_ONLY)", &err);
    expect(ember_df_unpersist(r, false, &err) == EMBER_OK, "unpersist()", &err);
    ember_df_free(none);
    ember_df_free(r);
    ember_session_free(s);
    return failed;
}
