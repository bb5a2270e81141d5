/*
 * tg_main.c: the `tpch-gen` program. Writes the eight TPC-H tables of one scale factor as
 * '|'-separated text files (DIR/<table>.tbl) with N threads, plus DIR/manifest.txt (row counts,
 * scale factor, seed, pool size), written last: a directory with a manifest is complete.
 *
 *   tpch-gen --sf 1 --out DIR [--threads N] [--pool-mib 300] [--seed 0]
 *
 * Work is cut into jobs of consecutive rows; threads take jobs in order, format them into their
 * own buffers and append them to the files strictly in job order (a ticket per job), so the
 * files are byte-identical whatever the thread count. Each file is written under a temporary
 * name and renamed when complete.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "common/em_mem.h"
#include "tg.h"

#define TG_JOB_ROWS 8192

typedef struct tg_job {
    tg_table table;
    int64_t from, to;
} tg_job;

typedef struct tg_run {
    const tg_ctx *ctx;
    tg_job *jobs;
    int64_t n_jobs;
    int64_t next_job; /* atomic: next job to take */
    int64_t next_write;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    FILE *files[TG_N_TABLES];
    int64_t counts[TG_N_TABLES];
    int failed;
} tg_run;

static void *tg_worker(void *arg)
{
    tg_run *run = arg;
    tg_buf buf = {0}, aux = {0};
    for (;;) {
        int64_t j_idx = __atomic_fetch_add(&run->next_job, 1, __ATOMIC_RELAXED);
        if (j_idx >= run->n_jobs)
            break;
        const tg_job *job = &run->jobs[j_idx];
        buf.len = aux.len = 0;
        int64_t n_aux = 0;
        int64_t n = tg_format_rows(run->ctx, job->table, job->from, job->to, &buf,
                                   job->table == TG_ORDERS ? &aux : NULL, &n_aux);
        pthread_mutex_lock(&run->mu);
        while (run->next_write != j_idx)
            pthread_cond_wait(&run->cv, &run->mu);
        pthread_mutex_unlock(&run->mu);
        /* Only this thread writes now (its ticket is current). */
        if (n < 0 || fwrite(buf.data, 1, buf.len, run->files[job->table]) != buf.len)
            run->failed = 1;
        run->counts[job->table] += n > 0 ? n : 0;
        if (job->table == TG_ORDERS) {
            if (fwrite(aux.data, 1, aux.len, run->files[TG_LINEITEM]) != aux.len)
                run->failed = 1;
            run->counts[TG_LINEITEM] += n_aux;
        }
        pthread_mutex_lock(&run->mu);
        run->next_write++;
        pthread_cond_broadcast(&run->cv);
        pthread_mutex_unlock(&run->mu);
    }
    tg_buf_release(&buf);
    tg_buf_release(&aux);
    return NULL;
}

static double tg_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int tg_usage(void)
{
    fprintf(stderr, "usage: tpch-gen --sf SF --out DIR [--threads N] [--pool-mib MIB] "
                    "[--seed S]\n");
    return 2;
}

static char *tg_path(const char *dir, const char *name, const char *suffix)
{
    size_t len = strlen(dir) + strlen(name) + strlen(suffix) + 2;
    char *p = em_malloc(len);
    if (p)
        snprintf(p, len, "%s/%s%s", dir, name, suffix);
    return p;
}

int main(int argc, char **argv)
{
    double sf = 1;
    const char *out = NULL;
    int n_threads = 2;
    int64_t pool_mib = 300;
    uint64_t seed = 0;
    for (int a_idx = 1; a_idx < argc; a_idx += 2) { /* option, value */
        const char *v = a_idx + 1 < argc ? argv[a_idx + 1] : NULL;
        if (!v)
            return tg_usage();
        if (strcmp(argv[a_idx], "--sf") == 0)
            sf = strtod(v, NULL);
        else if (strcmp(argv[a_idx], "--out") == 0)
            out = v;
        else if (strcmp(argv[a_idx], "--threads") == 0)
            n_threads = atoi(v);
        else if (strcmp(argv[a_idx], "--pool-mib") == 0)
            pool_mib = atoll(v);
        else if (strcmp(argv[a_idx], "--seed") == 0)
            seed = strtoull(v, NULL, 10);
        else
            return tg_usage();
    }
    if (!out || !(sf > 0) || n_threads < 1 || n_threads > 256 || pool_mib < 1)
        return tg_usage();
    if (mkdir(out, 0755) != 0 && errno != EEXIST) {
        fprintf(stderr, "tpch-gen: cannot create %s: %s\n", out, strerror(errno));
        return 1;
    }
    double t0 = tg_now();
    tg_ctx *ctx = tg_ctx_new(sf, pool_mib * 1024 * 1024, n_threads, seed);
    if (!ctx) {
        fprintf(stderr, "tpch-gen: bad arguments or out of memory\n");
        return 1;
    }
    double t_pool = tg_now() - t0;

    tg_run run = {.ctx = ctx};
    pthread_mutex_init(&run.mu, NULL);
    pthread_cond_init(&run.cv, NULL);
    int64_t cap = 16;
    for (int t = 0; t < TG_N_TABLES; t++)
        cap += tg_rows(ctx, (tg_table)t) / TG_JOB_ROWS + 1;
    run.jobs = em_calloc((size_t)cap, sizeof *run.jobs);
    for (int t = 0; t < TG_N_TABLES && run.jobs; t++) {
        if (t == TG_LINEITEM)
            continue; /* written by the orders jobs */
        /* Partsupp jobs count parts (four rows each); orders jobs also make lineitems. */
        int64_t rows = tg_rows(ctx, t == TG_PARTSUPP ? TG_PART : (tg_table)t);
        int64_t step = (t == TG_ORDERS || t == TG_PARTSUPP) ? TG_JOB_ROWS / 4 : TG_JOB_ROWS;
        for (int64_t from = 0; from < rows; from += step) {
            int64_t to = from + step < rows ? from + step : rows;
            run.jobs[run.n_jobs++] = (tg_job){(tg_table)t, from, to};
            if (run.n_jobs == cap) {
                cap *= 2;
                tg_job *jobs = em_realloc(run.jobs, (size_t)cap * sizeof *jobs);
                if (!jobs) {
                    em_free(run.jobs);
                    run.jobs = NULL;
                    break;
                }
                run.jobs = jobs;
            }
        }
    }
    int rc = run.jobs ? 0 : 1;
    char *tmp_paths[TG_N_TABLES] = {0};
    for (int t = 0; t < TG_N_TABLES && rc == 0; t++) {
        tmp_paths[t] = tg_path(out, tg_table_name((tg_table)t), ".tbl.tmp");
        run.files[t] = tmp_paths[t] ? fopen(tmp_paths[t], "wb") : NULL;
        if (!run.files[t]) {
            fprintf(stderr, "tpch-gen: cannot write %s/%s\n", out, tg_table_name((tg_table)t));
            rc = 1;
        }
    }
    if (rc == 0) {
        pthread_t threads[256];
        int started = 0;
        for (int t_idx = 1; t_idx < n_threads; t_idx++)
            if (pthread_create(&threads[started], NULL, tg_worker, &run) == 0)
                started++;
        tg_worker(&run);
        for (int t_idx = 0; t_idx < started; t_idx++)
            pthread_join(threads[t_idx], NULL);
        rc = run.failed;
    }
    for (int t = 0; t < TG_N_TABLES; t++) {
        if (run.files[t] && fclose(run.files[t]) != 0)
            rc = 1;
        if (rc == 0) {
            char *final_path = tg_path(out, tg_table_name((tg_table)t), ".tbl");
            if (!final_path || rename(tmp_paths[t], final_path) != 0)
                rc = 1;
            em_free(final_path);
        }
        em_free(tmp_paths[t]);
    }
    double t_all = tg_now() - t0;
    if (rc == 0) {
        char *mpath = tg_path(out, "manifest", ".txt");
        FILE *m = mpath ? fopen(mpath, "w") : NULL;
        if (m) {
            int64_t pool_len;
            tg_pool(ctx, &pool_len);
            fprintf(m, "generator tpch-gen (Ember bench/tpch)\nsf %g\nseed %llu\npool_bytes %lld\n",
                    sf, (unsigned long long)seed, (long long)pool_len);
            for (int t = 0; t < TG_N_TABLES; t++)
                fprintf(m, "rows %s %lld\n", tg_table_name((tg_table)t), (long long)run.counts[t]);
            rc = fclose(m) != 0;
        } else {
            rc = 1;
        }
        em_free(mpath);
    }
    if (rc == 0) {
        fprintf(stderr, "tpch-gen: SF %g in %s: ", sf, out);
        for (int t = 0; t < TG_N_TABLES; t++)
            fprintf(stderr, "%s %lld%s", tg_table_name((tg_table)t), (long long)run.counts[t],
                    t + 1 < TG_N_TABLES ? ", " : "");
        fprintf(stderr, " rows; %.1f s (text pool %.1f s), %d threads\n", t_all, t_pool, n_threads);
    } else {
        fprintf(stderr, "tpch-gen: failed writing %s\n", out);
    }
    em_free(run.jobs);
    pthread_mutex_destroy(&run.mu);
    pthread_cond_destroy(&run.cv);
    tg_ctx_free(ctx);
    return rc;
}
