/* createDataFrame from Arrow C data: one int64 column and one utf8 column, two rows. */
#include <stdio.h>
#include <string.h>

#include "ember.h"

static const long long ages[2] = {2, 5};
static const int offsets[3] = {0, 5, 8};
static const char names[] = "AliceBob";

static void release_schema(struct ArrowSchema *s)
{
    s->release = NULL;
}
static void release_array(struct ArrowArray *a)
{
    a->release = NULL;
}

static int get_schema(struct ArrowArrayStream *st, struct ArrowSchema *out)
{
    static struct ArrowSchema cols[2];
    static struct ArrowSchema *kids[2] = {&cols[0], &cols[1]};
    (void)st;
    cols[0] = (struct ArrowSchema){
        .format = "l", .name = "age", .flags = ARROW_FLAG_NULLABLE, .release = release_schema};
    cols[1] = (struct ArrowSchema){
        .format = "u", .name = "name", .flags = ARROW_FLAG_NULLABLE, .release = release_schema};
    *out = (struct ArrowSchema){
        .format = "+s", .name = "", .n_children = 2, .children = kids, .release = release_schema};
    return 0;
}

static int get_next(struct ArrowArrayStream *st, struct ArrowArray *out)
{
    static const void *age_bufs[2], *name_bufs[3], *struct_bufs[1];
    static struct ArrowArray cols[2];
    static struct ArrowArray *kids[2] = {&cols[0], &cols[1]};
    int *given = st->private_data;
    memset(out, 0, sizeof *out);
    if ((*given)++)
        return 0; /* one batch only: release == NULL ends the stream */
    age_bufs[1] = ages;
    name_bufs[1] = offsets;
    name_bufs[2] = names;
    cols[0] = (struct ArrowArray){
        .length = 2, .n_buffers = 2, .buffers = age_bufs, .release = release_array};
    cols[1] = (struct ArrowArray){
        .length = 2, .n_buffers = 3, .buffers = name_bufs, .release = release_array};
    *out = (struct ArrowArray){.length = 2,
                               .n_buffers = 1,
                               .buffers = struct_bufs,
                               .n_children = 2,
                               .children = kids,
                               .release = release_array};
    return 0;
}

static void release_stream(struct ArrowArrayStream *st)
{
    st->release = NULL;
}

int main(void)
{
    ember_session *s = NULL;
    ember_error err;
    if (ember_session_open(NULL, &s, &err) != EMBER_OK)
        return 1;
    int given = 0;
    struct ArrowArrayStream data = {get_schema, get_next, NULL, release_stream, &given};
    ember_dataframe *df = NULL, *older = NULL;
    /* createDataFrame(rows) -- the library consumes (releases) the stream */
    if (ember_create_dataframe(s, &data, NULL, NULL, 0, &df, &err) != EMBER_OK) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    ember_df_with_column(df, "next_year", ember_add(ember_df_col(df, "age"), ember_lit_int(1)),
                         &older, &err);
    int rc = ember_df_show(older, 20, 20, false, &err);
    if (rc != EMBER_OK)
        fprintf(stderr, "[%s] %s\n", err.error_class, err.message);
    ember_df_free(older);
    ember_df_free(df);
    ember_session_free(s);
    return rc == EMBER_OK ? 0 : 1;
}
