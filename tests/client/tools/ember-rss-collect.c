/*
 * ember-rss-collect: streams the collect of spark.range(N) through libember's Arrow stream
 * and reports how much the client's resident memory grew (ACCEPTANCE 4: a streamed collect
 * keeps the client's memory flat). Uses only the public API (include/ember.h).
 *
 * Usage: ember-rss-collect [URL] [ROWS]   (URL default $SPARK_REMOTE / sc://localhost,
 *                                          ROWS default 10000000)
 * Prints "rows=N rss_growth_mib=X" (X = peak RSS during the stream minus RSS before it, MiB,
 * one decimal) and exits 0; exits 1 with a message on any error or a short result.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ember.h"

/* Resident set size of this process in KiB (/proc/self/status VmRSS), or -1. */
static long rss_collect_rss_kib(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    if (!f)
        return -1;
    char line[256];
    long kib = -1;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, "VmRSS:", 6) == 0) {
            kib = strtol(line + 6, NULL, 10);
            break;
        }
    fclose(f);
    return kib;
}

int main(int argc, char **argv)
{
    const char *url = argc > 1 && argv[1][0] ? argv[1] : NULL;
    long long want = argc > 2 ? atoll(argv[2]) : 10000000LL;
    ember_session *s = NULL;
    ember_dataframe *r = NULL;
    ember_error err;
    if (ember_session_open(url, &s, &err) != EMBER_OK ||
        ember_range(s, 0, want, 1, 0, &r, &err) != EMBER_OK) {
        fprintf(stderr, "ember-rss-collect: %s\n", err.message);
        return 1;
    }
    /* Warm up the channel so that connection setup is not counted as growth. */
    char *version = NULL;
    if (ember_session_version(s, &version, &err) != EMBER_OK) {
        fprintf(stderr, "ember-rss-collect: %s\n", err.message);
        return 1;
    }
    ember_free(version);
    long before = rss_collect_rss_kib(), peak = before;
    struct ArrowArrayStream st;
    if (ember_df_collect(r, &st, &err) != EMBER_OK) {
        fprintf(stderr, "ember-rss-collect: [%s] %s\n", err.error_class, err.message);
        return 1;
    }
    long long rows = 0;
    int64_t batches = 0;
    for (;;) {
        struct ArrowArray batch;
        if (st.get_next(&st, &batch) != 0) {
            const ember_error *e = ember_stream_error(&st);
            fprintf(stderr, "ember-rss-collect: %s\n", e ? e->message : "stream failed");
            st.release(&st);
            return 1;
        }
        if (!batch.release)
            break;
        rows += batch.length;
        batch.release(&batch);
        if ((++batches & 15) == 0) {
            long now = rss_collect_rss_kib();
            if (now > peak)
                peak = now;
        }
    }
    st.release(&st);
    long now = rss_collect_rss_kib();
    if (now > peak)
        peak = now;
    ember_df_free(r);
    ember_session_free(s);
    printf("rows=%lld rss_growth_mib=%.1f\n", rows, (double)(peak - before) / 1024.0);
    return rows == want ? 0 : 1;
}
