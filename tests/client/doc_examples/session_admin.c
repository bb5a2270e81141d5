/* Session administration: options, config, tags, interrupts, progress, parameters, stop. */
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

static void on_progress(const ember_progress *progress, void *user_data)
{
    (void)progress;
    (*(int *)user_data)++;
}

int main(void)
{
    /* SparkSession.builder with options: a user id and a retry policy of 3 attempts. */
    ember_session_options opts = {0};
    opts.user_id = "doc_user";
    opts.retry.max_retries = 3;
    ember_session *s = NULL;
    ember_error err;
    ember_error_clear(&err);
    if (ember_session_open_ex(&opts, &s, &err) != EMBER_OK)
        return 1;
    printf("target %s\n", ember_session_target(s));
    char ssid[64];
    ember_session_server_side_id(s, ssid, sizeof ssid);
    expect(ssid[0] == '\0', "no server-side id before the first call", &err);

    /* spark.conf */
    char *value = NULL;
    bool modifiable = false;
    expect(ember_conf_set(s, "spark.sql.shuffle.partitions", "7", &err) == EMBER_OK, "conf.set",
           &err);
    expect(ember_conf_get(s, "spark.sql.shuffle.partitions", &value, &err) == EMBER_OK &&
               strcmp(value, "7") == 0,
           "conf.get", &err);
    ember_free(value);
    expect(ember_conf_unset(s, "spark.sql.shuffle.partitions", &err) == EMBER_OK, "conf.unset",
           &err);
    expect(ember_conf_get_default(s, "doc.no.such.key", "fallback", &value, &err) == EMBER_OK &&
               strcmp(value, "fallback") == 0,
           "conf.get(key, default)", &err);
    ember_free(value);
    expect(ember_conf_is_modifiable(s, "spark.sql.shuffle.partitions", &modifiable, &err) ==
                   EMBER_OK &&
               modifiable,
           "conf.isModifiable", &err);
    ember_session_server_side_id(s, ssid, sizeof ssid);
    expect(ssid[0] != '\0', "the server-side id is known after a call", &err);

    /* Tags ride on every execution; interrupts by tag, by id, or all. */
    expect(ember_session_add_tag(s, "nightly", &err) == EMBER_OK, "addTag", &err);
    expect(ember_session_add_tag(s, "bad,tag", &err) == EMBER_EINVAL, "a tag with ','", &err);
    char **ids = NULL;
    size_t n_ids = 0;
    expect(ember_interrupt_tag(s, "nightly", &ids, &n_ids, &err) == EMBER_OK && n_ids == 0,
           "interruptTag with nothing running", &err);
    ember_free_strings(ids, n_ids);
    expect(ember_interrupt_operation(s, "3f7a1c2e-9b4d-4e8a-8c6f-0d1e2f3a4b5c", &ids, &n_ids,
                                     &err) == EMBER_OK,
           "interruptOperation", &err);
    ember_free_strings(ids, n_ids);
    expect(ember_interrupt_all(s, &ids, &n_ids, &err) == EMBER_OK, "interruptAll", &err);
    ember_free_strings(ids, n_ids);
    expect(ember_session_remove_tag(s, "nightly", &err) == EMBER_OK, "removeTag", &err);
    ember_session_clear_tags(s);

    /* Progress handlers see ExecutionProgress responses (if the server sends them). */
    int reports = 0;
    ember_session_register_progress_handler(s, on_progress, &reports, &err);
    ember_dataframe *q = NULL;
    const char *names[1] = {"lo"};
    ember_column *values[1] = {ember_lit_int(40)};
    expect(ember_sql_named(s, "SELECT id FROM range(100) WHERE id >= :lo", names, values, 1, &q,
                           &err) == EMBER_OK,
           "spark.sql with named parameters", &err);
    int64_t n = 0;
    expect(ember_df_count(q, &n, &err) == EMBER_OK && n == 60, "count of the named query", &err);
    ember_session_remove_progress_handler(s, on_progress, &reports, &err);
    ember_session_clear_progress_handlers(s);
    printf("%d progress reports\n", reports);

    /* spark.stop(): the session is closed for later calls. */
    expect(ember_session_stop(s, &err) == EMBER_OK && ember_session_is_closed(s), "stop", &err);
    expect(ember_df_count(q, &n, &err) == EMBER_ECLOSED, "calls after stop fail", &err);
    ember_df_free(q);
    ember_session_free(s);
    return failed;
}
