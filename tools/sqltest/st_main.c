/*
 * st_main: the command line of ember-sqltest (architecture §5 "The SQL golden-file runner").
 *
 *   ember-sqltest --dir ROOT [--remote HOST:PORT | sc://HOST:PORT] [--ember PATH]
 *                 [--files GLOB]... [--ratchet FILE] [--update] [--report FILE]
 *                 [--list FILE] [--timeout SECONDS] [--verbose]
 *
 * ROOT holds inputs/, results/ and test-tables/. Without --remote the tool starts its own
 * `ember serve --port 0` (the ember binary next to itself, or --ember). Files run in order of
 * their path under inputs/ (as in Spark's suite); one line per file; at the end failure
 * summaries, the ratchet check and the final line `N passed, M failed, K skipped`.
 *
 * Exit status: 0 when every ratchet-listed case of the files run passed and the managed
 * server stopped cleanly; 1 otherwise; 2 for usage errors or when no server could be reached.
 */
#include "st_int.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "common/em_mem.h"
#include "wire/wire.h"

#define ST_DEFAULT_TIMEOUT_S 60

static void st_usage(FILE *f)
{
    fprintf(f,
            "usage: ember-sqltest --dir ROOT [--remote HOST:PORT | sc://HOST:PORT] [--ember PATH]\n"
            "                     [--files GLOB]... [--ratchet FILE] [--update] [--report FILE]\n"
            "                     [--list FILE] [--timeout SECONDS] [--verbose]\n"
            "ROOT holds inputs/, results/ and test-tables/ (Spark's SQLQueryTestSuite layout).\n"
            "--files selects input files by their path under inputs/ (fnmatch, repeatable).\n"
            "--update (or EMBER_RATCHET_UPDATE=1) adds newly passing cases to the ratchet.\n");
}

/* ---------------------------------------------------------------------------------------- */
/* signals: SIGINT/SIGTERM are blocked everywhere and handled by one thread */

static void *st_signal_thread(void *arg)
{
    sigset_t *set = arg;
    int sig;
    if (sigwait(set, &sig) == 0) {
        ts_server_kill_current();
        static const char msg[] = "ember-sqltest: interrupted\n";
        if (write(2, msg, sizeof msg - 1) < 0) {
        }
        _exit(130);
    }
    return NULL;
}

/* ---------------------------------------------------------------------------------------- */
/* files */

typedef struct st_paths {
    char **items;
    size_t n, cap;
} st_paths;

static void st_paths_add(st_paths *p, const char *s)
{
    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 256;
        p->items = em_realloc(p->items, p->cap * sizeof *p->items);
    }
    p->items[p->n++] = em_strdup(s);
}

/* Collects "*.sql" files under root/rel recursively (paths relative to root). */
static void st_collect(const char *root, const char *rel, st_paths *out, int depth)
{
    if (depth > 16)
        return;
    em_str dir;
    em_str_init(&dir, 0);
    em_str_printf(&dir, "%s%s%s", root, rel[0] ? "/" : "", rel);
    DIR *d = opendir(dir.data);
    if (!d) {
        em_str_release(&dir);
        return;
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        em_str child, full;
        em_str_init(&child, 0);
        em_str_init(&full, 0);
        em_str_printf(&child, "%s%s%s", rel, rel[0] ? "/" : "", e->d_name);
        em_str_printf(&full, "%s/%s", dir.data, e->d_name);
        struct stat st;
        if (stat(full.data, &st) == 0) {
            size_t n = strlen(e->d_name);
            if (S_ISDIR(st.st_mode))
                st_collect(root, child.data, out, depth + 1);
            else if (S_ISREG(st.st_mode) && n > 4 && strcmp(e->d_name + n - 4, ".sql") == 0)
                st_paths_add(out, child.data);
        }
        em_str_release(&child);
        em_str_release(&full);
    }
    closedir(d);
    em_str_release(&dir);
}

static int st_strcmp_p(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool st_selected(const st_opts *o, const char *rel)
{
    if (!o->files || !o->files[0])
        return true;
    for (const char **g = o->files; *g; g++)
        if (fnmatch(*g, rel, 0) == 0)
            return true;
    return false;
}

/* The file part of a case id ("a/b.sql#3@DIM1=0" -> "a/b.sql"). */
static void st_id_file(const char *id, char *buf, size_t size)
{
    const char *hash = strrchr(id, '#');
    size_t n = hash ? (size_t)(hash - id) : strlen(id);
    snprintf(buf, size, "%.*s", (int)n, id);
}

/* The ember binary next to this program. */
static char *st_default_ember(const char *argv0)
{
    char self[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n > 0) {
        self[n] = '\0';
    } else if (!realpath(argv0, self)) {
        snprintf(self, sizeof self, "%s", argv0);
    }
    char *slash = strrchr(self, '/');
    em_str p;
    em_str_init(&p, 0);
    if (slash)
        em_str_printf(&p, "%.*s/ember", (int)(slash - self), self);
    else
        em_str_puts(&p, "./ember");
    char *r = em_str_move(&p);
    em_str_release(&p);
    return r;
}

/* "sc://host:port/;params" or "host:port" -> "host:port". */
static void st_remote_target(const char *remote, char *out, size_t size)
{
    const char *p = remote;
    if (strncmp(p, "sc://", 5) == 0)
        p += 5;
    size_t n = strcspn(p, "/;");
    char hostport[256];
    snprintf(hostport, sizeof hostport, "%.*s", (int)n, p);
    const char *colon = strrchr(hostport, ':');
    const char *bracket = strrchr(hostport, ']');
    if (!colon || (bracket && colon < bracket))
        snprintf(out, size, "%s:15002", hostport);
    else
        snprintf(out, size, "%s", hostport);
}

static int64_t st_wall_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---------------------------------------------------------------------------------------- */

int main(int argc, char **argv)
{
    st_run run;
    memset(&run, 0, sizeof run);
    st_opts *o = &run.opts;
    o->timeout_s = ST_DEFAULT_TIMEOUT_S;
    const char **globs = em_calloc((size_t)argc + 1, sizeof *globs);
    int n_globs = 0;
    for (int a = 1; a < argc; a++) {
        const char *arg = argv[a];
        const char *val = a + 1 < argc ? argv[a + 1] : NULL;
        if (strcmp(arg, "--dir") == 0 && val) {
            o->dir = val;
            a++;
        } else if (strcmp(arg, "--remote") == 0 && val) {
            o->remote = val;
            a++;
        } else if (strcmp(arg, "--ember") == 0 && val) {
            o->ember = val;
            a++;
        } else if (strcmp(arg, "--files") == 0 && val) {
            globs[n_globs++] = val;
            a++;
        } else if (strcmp(arg, "--ratchet") == 0 && val) {
            o->ratchet = val;
            a++;
        } else if (strcmp(arg, "--report") == 0 && val) {
            o->report = val;
            a++;
        } else if (strcmp(arg, "--list") == 0 && val) {
            o->list = val;
            a++;
        } else if (strcmp(arg, "--timeout") == 0 && val) {
            o->timeout_s = atoi(val);
            a++;
        } else if (strcmp(arg, "--update") == 0) {
            o->update = true;
        } else if (strcmp(arg, "--verbose") == 0 || strcmp(arg, "-v") == 0) {
            o->verbose = true;
        } else if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            st_usage(stdout);
            em_free(globs);
            return 0;
        } else {
            fprintf(stderr, "ember-sqltest: unknown or incomplete option %s\n", arg);
            st_usage(stderr);
            em_free(globs);
            return 2;
        }
    }
    o->files = n_globs ? globs : NULL;
    const char *env_update = getenv("EMBER_RATCHET_UPDATE");
    if (env_update && env_update[0] && strcmp(env_update, "0") != 0)
        o->update = true;
    if (!o->dir || o->timeout_s <= 0) {
        st_usage(stderr);
        em_free(globs);
        return 2;
    }

    /* Signals first: gRPC threads inherit the mask. */
    static sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);
    signal(SIGPIPE, SIG_IGN);
    pthread_t sig_thread;
    pthread_create(&sig_thread, NULL, st_signal_thread, &sigs);
    pthread_detach(sig_thread);

    em_str p1, p2, p3;
    em_str_init(&p1, 0);
    em_str_init(&p2, 0);
    em_str_init(&p3, 0);
    em_str_printf(&p1, "%s/inputs", o->dir);
    em_str_printf(&p2, "%s/results", o->dir);
    em_str_printf(&p3, "%s/test-tables", o->dir);
    run.inputs_dir = em_str_move(&p1);
    run.results_dir = em_str_move(&p2);
    run.tables_dir = em_str_move(&p3);
    st_idset_init(&run.keep_tables);
    st_idset_init(&run.refused_confs);

    st_paths files = {0};
    st_idset ratchet, ran, passed;
    st_idset_init(&ratchet);
    st_idset_init(&ran);
    st_idset_init(&passed);
    char errbuf[1024];
    char *ember = NULL;
    int exit_code = 2;
    int regressions = 0, new_passes = 0;
    wire_init();
    st_collect(run.inputs_dir, "", &files, 0);
    if (files.n == 0) {
        fprintf(stderr, "ember-sqltest: no .sql files under %s\n", run.inputs_dir);
        goto out;
    }
    qsort(files.items, files.n, sizeof *files.items, st_strcmp_p);
    if (o->ratchet && st_ratchet_read(o->ratchet, &ratchet, errbuf, sizeof errbuf) != 0) {
        fprintf(stderr, "ember-sqltest: %s\n", errbuf);
        goto out;
    }

    int64_t t0 = st_wall_ms();
    if (o->remote) {
        st_remote_target(o->remote, run.target, sizeof run.target);
    } else {
        run.managed = true;
        ember = o->ember ? em_strdup(o->ember) : st_default_ember(argv[0]);
        if (ts_server_init(&run.server, ember, "ember-sqltest", errbuf, sizeof errbuf) != 0) {
            fprintf(stderr, "ember-sqltest: %s\n", errbuf);
            goto out;
        }
        /* The JVM zone of Spark's suite (test-tables/README.md). */
        run.server.tz = "America/Los_Angeles";
        run.server.keep_env = "EMBER_SQLTEST_KEEP";
    }
    if (st_run_start(&run) != 0)
        goto out;
    fprintf(stdout, "ember-sqltest: %s (%s), %zu input files\n", run.target,
            run.managed ? "managed server" : "remote server", files.n);

    for (size_t idx = 0; idx < files.n; idx++)
        if (st_selected(o, files.items[idx]))
            st_run_file(&run, files.items[idx]);

    int stop_rc = st_run_stop(&run);
    int64_t elapsed = st_wall_ms() - t0;

    /* Summaries. */
    int n_pass = 0, n_fail = 0, n_skip = 0;
    for (size_t idx = 0; idx < run.n_cases; idx++) {
        if (run.cases[idx].status == ST_PASS)
            n_pass++;
        else if (run.cases[idx].status == ST_FAIL)
            n_fail++;
        else
            n_skip++;
    }
    fprintf(stdout, "\n");
    st_stats_print(&run.by_reason, stdout, "Failures by reason (top 20):", 20);
    st_stats_print(&run.by_error, stdout, "Errors Ember raised in failing cases (top 20):", 20);
    st_stats_print(&run.by_detail, stdout,
                   "... by error class and first message parameter (top 25):", 25);
    st_stats_print(&run.by_root, stdout,
                   "Root causes (not-found errors charged to the failed CREATE; top 25):", 25);
    if (run.n_crashes || run.n_timeouts)
        fprintf(stdout, "server crashes: %d, query timeouts: %d\n", run.n_crashes, run.n_timeouts);
    if (run.refused_confs.n) {
        fprintf(stdout, "session confs the server refused:");
        for (size_t idx = 0; idx < run.refused_confs.n; idx++)
            fprintf(stdout, " %s", run.refused_confs.ids[idx]);
        fprintf(stdout, "\n");
    }
    fprintf(stdout, "time: %.1f s\n", (double)elapsed / 1000.0);

    /* Ratchet: every listed case of the files run must pass. */
    for (size_t idx = 0; idx < run.n_cases; idx++) {
        st_idset_add(&ran, run.cases[idx].id);
        if (run.cases[idx].status == ST_PASS)
            st_idset_add(&passed, run.cases[idx].id);
    }
    st_idset_sort(&ran);
    st_idset_sort(&passed);
    if (o->ratchet) {
        for (size_t idx = 0; idx < run.n_cases; idx++) {
            const st_case *c = &run.cases[idx];
            if (st_idset_has(&ratchet, c->id) && c->status != ST_PASS) {
                fprintf(stdout, "RATCHET REGRESSION: %s (%s%s%s)\n", c->id,
                        c->reason ? c->reason : "skipped", c->detail ? ": " : "",
                        c->detail ? c->detail : "");
                regressions++;
            }
        }
        for (size_t idx = 0; idx < ratchet.n; idx++) {
            char file[PATH_MAX];
            st_id_file(ratchet.ids[idx], file, sizeof file);
            if (st_selected(o, file) && !st_idset_has(&ran, ratchet.ids[idx])) {
                fprintf(stdout, "RATCHET REGRESSION: %s (no such case any more)\n",
                        ratchet.ids[idx]);
                regressions++;
            }
        }
        for (size_t idx = 0; idx < passed.n; idx++) {
            if (st_idset_has(&ratchet, passed.ids[idx]))
                continue;
            if (new_passes < 30 || o->verbose)
                fprintf(stdout, "NEW PASS: %s\n", passed.ids[idx]);
            new_passes++;
        }
        if (new_passes > 30 && !o->verbose)
            fprintf(stdout, "... and %d more new passes (--verbose lists all)\n", new_passes - 30);
        if (new_passes && o->update) {
            for (size_t idx = 0; idx < passed.n; idx++)
                st_idset_add(&ratchet, passed.ids[idx]);
            if (st_ratchet_write(o->ratchet, &ratchet, errbuf, sizeof errbuf) != 0)
                fprintf(stdout, "ember-sqltest: %s\n", errbuf);
            else
                fprintf(stdout, "ratchet: added %d cases to %s\n", new_passes, o->ratchet);
        } else if (new_passes) {
            fprintf(stdout,
                    "ratchet: %d new passes not yet in %s (make ratchet-update adds "
                    "them)\n",
                    new_passes, o->ratchet);
        }
    }
    if (o->report) {
        if (st_report_write(&run, o->report) != 0)
            fprintf(stdout, "ember-sqltest: cannot write %s\n", o->report);
    }
    if (o->list) {
        FILE *lf = fopen(o->list, "w");
        if (lf) {
            for (size_t idx = 0; idx < run.n_cases; idx++) {
                const st_case *c = &run.cases[idx];
                fprintf(lf, "%s\t%s\t%s\t%s\n", c->id,
                        c->status == ST_PASS   ? "PASS"
                        : c->status == ST_FAIL ? "FAIL"
                                               : "SKIP",
                        c->reason ? c->reason : "", c->detail ? c->detail : "");
            }
            fclose(lf);
        }
    }
    fprintf(stdout, "%d passed, %d failed, %d skipped\n", n_pass, n_fail, n_skip);
    fflush(stdout);
    exit_code = regressions || stop_rc != 0 ? 1 : 0;

out:
    if (run.connected)
        st_client_close(&run.client);
    st_idset_release(&ran);
    st_idset_release(&passed);
    st_idset_release(&ratchet);
    st_idset_release(&run.keep_tables);
    st_idset_release(&run.refused_confs);
    for (size_t idx = 0; idx < run.n_cases; idx++) {
        em_free(run.cases[idx].id);
        em_free(run.cases[idx].reason);
        em_free(run.cases[idx].detail);
    }
    em_free(run.cases);
    for (size_t idx = 0; idx < run.n_files; idx++) {
        em_free(run.files[idx].path);
        em_free(run.files[idx].skip_reason);
    }
    em_free(run.files);
    for (size_t idx = 0; idx < files.n; idx++)
        em_free(files.items[idx]);
    em_free(files.items);
    st_stats_release(&run.by_reason);
    st_stats_release(&run.by_error);
    st_stats_release(&run.by_detail);
    st_stats_release(&run.by_root);
    st_stats_release(&run.setup_fails);
    if (run.managed)
        ts_server_cleanup(&run.server);
    em_free(run.inputs_dir);
    em_free(run.results_dir);
    em_free(run.tables_dir);
    em_free(ember);
    em_free(globs);
    em_str_release(&p1);
    em_str_release(&p2);
    em_str_release(&p3);
    wire_shutdown();
    return exit_code;
}
