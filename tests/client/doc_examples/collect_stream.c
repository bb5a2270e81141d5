/* Read a result batch by batch through the Arrow C stream interface. */
#include <stdio.h>

#include "ember.h"

int main(void)
{
    ember_session *s = NULL;
    ember_error err;
    if (ember_session_open(NULL, &s, &err) != EMBER_OK)
        return 1;
    ember_dataframe *r = NULL, *w = NULL;
    ember_range(s, 0, 100000, 1, 0, &r, &err);
    /* withColumn("sq", id * id), then select both columns by name */
    ember_df_with_column(r, "sq", ember_mul(ember_col("id"), ember_col("id")), &w, &err);
    struct ArrowArrayStream stream;
    if (ember_df_collect(w, &stream, &err) != EMBER_OK) {
        fprintf(stderr, "[%s] %s\n", err.error_class, err.message);
        return 1;
    }
    struct ArrowSchema schema;
    stream.get_schema(&stream, &schema);
    printf("columns: %s (%s), %s (%s)\n", schema.children[0]->name, schema.children[0]->format,
           schema.children[1]->name, schema.children[1]->format);
    schema.release(&schema);
    long long rows = 0, batches = 0, last_sq = 0;
    for (;;) {
        struct ArrowArray batch;
        if (stream.get_next(&stream, &batch) != 0) {
            fprintf(stderr, "%s\n", stream.get_last_error(&stream));
            break;
        }
        if (!batch.release)
            break; /* end of the results */
        const struct ArrowArray *sq = batch.children[1];
        if (batch.length > 0)
            last_sq = ((const long long *)sq->buffers[1])[sq->offset + batch.length - 1];
        rows += batch.length;
        batches++;
        batch.release(&batch); /* arrays may also be kept after the stream is released */
    }
    printf("%lld rows in %lld batches, last sq = %lld\n", rows, batches, last_sq);
    stream.release(&stream);
    ember_df_free(w);
    ember_df_free(r);
    ember_session_free(s);
    return rows == 100000 && last_sq == 99999LL * 99999LL ? 0 : 1;
}
