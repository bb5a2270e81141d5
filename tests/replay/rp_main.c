/*
 * rp_main: ember-replay's command line and the run: the client's folders in index.json order
 * (rp_folder.c replays each), then the failure summary, the ratchet check (and update), and
 * the final line "N passed, M failed, K skipped". See README.md for what counts as what.
 */
#include "rp_int.h"

#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/em_mem.h"
#include "wire/wire.h"

#define RP_SUMMARY_TOP 15

/* ---------------------------------------------------------------------------------------------
 * summary and ratchet
 * ------------------------------------------------------------------------------------------- */

static int rp_stat_cmp(const void *a, const void *b)
{
    const rp_err_stat *x = a, *y = b;
    if (x->n_shows != y->n_shows)
        return y->n_shows - x->n_shows;
    if (x->n_calls != y->n_calls)
        return y->n_calls - x->n_calls;
    return strcmp(x->key, y->key);
}

void rp_stat_add(rp_stat_table *t, const char *key, int calls, int shows, const char *where,
                 const char *message)
{
    rp_err_stat *st = NULL;
    for (size_t idx = 0; idx < t->n && !st; idx++)
        if (strcmp(t->rows[idx].key, key) == 0)
            st = &t->rows[idx];
    if (!st) {
        if (t->n == t->cap) {
            t->cap = t->cap ? t->cap * 2 : 32;
            t->rows = em_realloc(t->rows, t->cap * sizeof *t->rows);
        }
        st = &t->rows[t->n++];
        memset(st, 0, sizeof *st);
        st->key = em_strdup(key);
    }
    st->n_calls += calls;
    st->n_shows += shows;
    if (!st->example) {
        em_str ex;
        em_str_init(&ex, 0);
        em_str_printf(&ex, "%s: ", where);
        for (const char *p = message ? message : ""; *p && ex.len < 150; p++)
            em_str_putc(&ex, (*p == '\n' || *p == '\t' || *p == '\r') ? ' ' : *p);
        em_str_putc(&ex, '\0');
        st->example = em_str_move(&ex);
        em_str_release(&ex);
    }
}

void rp_stat_print(rp_stat_table *t, const char *title, size_t top)
{
    if (t->n == 0)
        return;
    qsort(t->rows, t->n, sizeof *t->rows, rp_stat_cmp);
    printf("%s (show cases failing, failed calls, reason, first example):\n", title);
    for (size_t idx = 0; idx < t->n && idx < top; idx++) {
        const rp_err_stat *st = &t->rows[idx];
        printf("  %4d %4d  %s\n             %s\n", st->n_shows, st->n_calls, st->key,
               st->example ? st->example : "");
    }
    if (t->n > top)
        printf("  (%zu more)\n", t->n - top);
}

void rp_stat_release(rp_stat_table *t)
{
    for (size_t idx = 0; idx < t->n; idx++) {
        em_free(t->rows[idx].key);
        em_free(t->rows[idx].example);
    }
    em_free(t->rows);
    memset(t, 0, sizeof *t);
}

/* The docstring part of a case id (before the last '#'), in buf. */
static const char *rp_id_docstring(const char *id, char *buf, size_t size)
{
    const char *hash = strrchr(id, '#');
    size_t n = hash ? (size_t)(hash - id) : strlen(id);
    if (n >= size)
        n = size - 1;
    memcpy(buf, id, n);
    buf[n] = '\0';
    return buf;
}

/* Checks the ratchet, prints regressions and new passes, updates the file if asked.
 * Returns the number of regressions, or -1 when the file could not be read or written. */
static int rp_ratchet(rp_run *run)
{
    rp_idset listed;
    rp_idset_init(&listed);
    char err[512];
    if (rp_ratchet_read(run->opts.ratchet, &listed, err, sizeof err) != 0) {
        fprintf(stderr, "ember-replay: %s\n", err);
        return -1;
    }
    rp_idset passed, seen;
    rp_idset_init(&passed);
    rp_idset_init(&seen);
    for (size_t idx = 0; idx < run->n_cases; idx++) {
        rp_idset_add(&seen, run->cases[idx].id);
        if (run->cases[idx].status == RP_PASS)
            rp_idset_add(&passed, run->cases[idx].id);
    }
    int regressions = 0;
    for (size_t idx = 0; idx < listed.n; idx++) {
        const char *id = listed.ids[idx];
        char doc[1024];
        if (run->opts.filter && !strstr(rp_id_docstring(id, doc, sizeof doc), run->opts.filter))
            continue;
        if (rp_idset_has(&passed, id))
            continue;
        const char *reason = "not a show case of this capture";
        for (size_t k = 0; k < run->n_cases; k++)
            if (strcmp(run->cases[k].id, id) == 0)
                reason = run->cases[k].reason ? run->cases[k].reason : "skipped";
        printf("RATCHET REGRESSION: %s (%s)\n", id, reason);
        regressions++;
    }
    int n_new = 0;
    for (size_t idx = 0; idx < passed.n; idx++)
        if (!rp_idset_has(&listed, passed.ids[idx])) {
            printf("NEW PASS: %s\n", passed.ids[idx]);
            n_new++;
        }
    const char *env = getenv("EMBER_RATCHET_UPDATE");
    bool update = run->opts.update || (env && strcmp(env, "1") == 0);
    if (update && n_new > 0) {
        for (size_t idx = 0; idx < passed.n; idx++)
            rp_idset_add(&listed, passed.ids[idx]);
        if (rp_ratchet_write(run->opts.ratchet, &listed, err, sizeof err) != 0) {
            fprintf(stderr, "ember-replay: %s\n", err);
            regressions = -1;
        } else {
            printf("ratchet %s: added %d case(s), %zu listed\n", run->opts.ratchet, n_new,
                   listed.n);
        }
    } else if (n_new > 0) {
        printf("%d new pass(es) not in %s (run with --update or EMBER_RATCHET_UPDATE=1)\n", n_new,
               run->opts.ratchet);
    }
    rp_idset_release(&listed);
    rp_idset_release(&passed);
    rp_idset_release(&seen);
    return regressions;
}

/* ---------------------------------------------------------------------------------------------
 * main
 * ------------------------------------------------------------------------------------------- */

static void rp_usage(FILE *out)
{
    fprintf(out,
            "usage: ember-replay --dir DIR --client spark-4.2-dev|spark-4.0 --ratchet FILE\n"
            "                    [--remote HOST:PORT | --server PATH] [--update]\n"
            "                    [--filter SUBSTR] [--verbose] [--report FILE]\n"
            "                    [--folder-timeout SECONDS]\n"
            "\n"
            "Replays the PySpark doctest captures in DIR/CLIENT against an Ember server and\n"
            "checks every show() example against Spark's output. Without --remote it starts\n"
            "`PATH serve --port 0` itself (PATH defaults to ./ember).\n"
            "  --ratchet FILE     the passing case ids; a listed case that fails fails the run\n"
            "  --update           add new passes to the ratchet (also EMBER_RATCHET_UPDATE=1)\n"
            "  --filter SUBSTR    only docstring folders whose name contains SUBSTR\n"
            "  --verbose          per-failure diagnostics and per-folder timing\n"
            "  --report FILE      one tab-separated line per show case and failed call\n"
            "  --folder-timeout S per-folder deadline (default %d)\n",
            RP_DEFAULT_FOLDER_TIMEOUT_S);
}

static int rp_parse_args(int argc, char **argv, rp_opts *o)
{
    static const struct option longs[] = {
        {"dir", required_argument, NULL, 'd'},     {"client", required_argument, NULL, 'c'},
        {"ratchet", required_argument, NULL, 'r'}, {"remote", required_argument, NULL, 'R'},
        {"server", required_argument, NULL, 's'},  {"update", no_argument, NULL, 'u'},
        {"filter", required_argument, NULL, 'f'},  {"verbose", no_argument, NULL, 'v'},
        {"report", required_argument, NULL, 'o'},  {"folder-timeout", required_argument, NULL, 't'},
        {"help", no_argument, NULL, 'h'},          {NULL, 0, NULL, 0},
    };
    memset(o, 0, sizeof *o);
    o->folder_timeout_s = RP_DEFAULT_FOLDER_TIMEOUT_S;
    int c;
    while ((c = getopt_long(argc, argv, "h", longs, NULL)) != -1) {
        switch (c) {
        case 'd':
            o->dir = optarg;
            break;
        case 'c':
            o->client = optarg;
            break;
        case 'r':
            o->ratchet = optarg;
            break;
        case 'R':
            o->remote = optarg;
            break;
        case 's':
            o->server = optarg;
            break;
        case 'u':
            o->update = true;
            break;
        case 'f':
            o->filter = optarg;
            break;
        case 'v':
            o->verbose = true;
            break;
        case 'o':
            o->report = optarg;
            break;
        case 't':
            o->folder_timeout_s = atoi(optarg);
            break;
        case 'h':
            rp_usage(stdout);
            exit(0);
        default:
            rp_usage(stderr);
            return -1;
        }
    }
    if (optind != argc || !o->dir || !o->client || !o->ratchet || o->folder_timeout_s <= 0 ||
        (o->remote && o->server) || strchr(o->client, '/')) {
        rp_usage(stderr);
        return -1;
    }
    if (!o->remote && !o->server)
        o->server = "./ember";
    return 0;
}

/* Ctrl-C / SIGTERM: stop the managed server too, then exit. */
static void *rp_signal_main(void *arg)
{
    sigset_t *set = arg;
    int sig;
    if (sigwait(set, &sig) == 0) {
        ts_server_kill_current();
        fprintf(stderr, "ember-replay: interrupted\n");
        _exit(128 + sig);
    }
    return NULL;
}

static void rp_run_release(rp_run *run)
{
    for (size_t idx = 0; idx < run->n_cases; idx++) {
        em_free(run->cases[idx].id);
        em_free(run->cases[idx].docstring);
        em_free(run->cases[idx].reason);
    }
    em_free(run->cases);
    rp_idset_release(&run->unknown_fields);
    rp_stat_release(&run->by_class);
    rp_stat_release(&run->by_detail);
    em_free(run->client_dir);
    em_free(run->paths_root);
}

int main(int argc, char **argv)
{
    static rp_run run;
    if (rp_parse_args(argc, argv, &run.opts) != 0)
        return 2;
    setvbuf(stdout, NULL, _IOLBF, 0);

    /* gRPC threads must inherit a mask without SIGINT/SIGTERM (wire.h process rules). */
    static sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);
    signal(SIGPIPE, SIG_IGN);
    pthread_t sig_thread;
    pthread_create(&sig_thread, NULL, rp_signal_main, &sigs);
    pthread_detach(sig_thread);

    em_str s;
    em_str_init(&s, 0);
    em_str_printf(&s, "%s/%s", run.opts.dir, run.opts.client);
    em_str_putc(&s, '\0');
    run.client_dir = em_str_move(&s);
    em_str_release(&s);

    em_arena arena;
    em_arena_init(&arena, 0);
    em_str_init(&s, 0);
    em_str_printf(&s, "%s/index.json", run.client_dir);
    const rp_json *index = rp_load_json(s.data, &arena, false);
    em_str_release(&s);
    const rp_json *modules = rp_json_get(index, "modules");
    if (!modules || modules->kind != RP_JSON_OBJECT) {
        fprintf(stderr, "ember-replay: %s/index.json has no modules\n", run.client_dir);
        em_arena_release(&arena);
        rp_run_release(&run);
        return 2;
    }

    char err[512];
    if (ts_server_init(&run.server, run.opts.server, "ember-replay", err, sizeof err) != 0) {
        fprintf(stderr, "ember-replay: %s\n", err);
        em_arena_release(&arena);
        rp_run_release(&run);
        return 2;
    }
    run.server.keep_env = "EMBER_REPLAY_KEEP";
    em_str_init(&s, 0);
    em_str_printf(&s, "%s/paths", run.server.workdir);
    em_str_putc(&s, '\0');
    run.paths_root = em_str_move(&s);
    em_str_release(&s);
    ts_mkdirs(run.paths_root);

    int64_t t0 = rp_now_ms();
    int rc = 0;
    if (run.opts.remote) {
        if (rp_connect(&run, run.opts.remote) != 0)
            rc = 2;
    } else {
        run.managed = true;
        if (ts_server_start(&run.server, RP_SERVER_START_TIMEOUT_MS, err, sizeof err) != 0) {
            fprintf(stderr, "ember-replay: %s\n", err);
            rc = 2;
        } else if (rp_connect(&run, run.server.target) != 0) {
            rc = 2;
        }
    }
    if (run.opts.report && rc == 0) {
        run.report = fopen(run.opts.report, "w");
        if (!run.report)
            fprintf(stderr, "ember-replay: cannot write %s\n", run.opts.report);
    }
    if (rc == 0) {
        run.watchdog = rp_watchdog_new();
        for (int m = 0; m < modules->n_items; m++) {
            const rp_json *folders = rp_json_get(modules->items[m], "folders");
            for (int f = 0; folders && f < folders->n_items; f++) {
                const char *folder = rp_json_str(folders->items[f]);
                if (!folder || strchr(folder, '/') || folder[0] == '.')
                    continue;
                if (run.opts.filter && !strstr(folder, run.opts.filter))
                    continue;
                rp_run_folder(&run, folder);
            }
        }
        rp_watchdog_free(run.watchdog);
    }
    wire_channel_free(run.channel);
    if (run.managed && rc == 0) {
        char how[160];
        int exit_status = ts_server_stop(&run.server, RP_SERVER_STOP_TIMEOUT_MS, how, sizeof how);
        if (exit_status != 0) {
            em_str excerpt;
            em_str_init(&excerpt, 0);
            ts_server_log_excerpt(&run.server, 0, 30, &excerpt);
            em_str_putc(&excerpt, '\0');
            printf("SERVER EXIT: on SIGTERM the server %s (want exit status 0)\n%s", how,
                   excerpt.data);
            em_str_release(&excerpt);
            rc = 1;
        }
    }
    if (run.report)
        fclose(run.report);

    int n_pass = 0, n_fail = 0, n_skip = 0;
    for (size_t idx = 0; idx < run.n_cases; idx++) {
        if (run.cases[idx].status == RP_PASS)
            n_pass++;
        else if (run.cases[idx].status == RP_FAIL)
            n_fail++;
        else
            n_skip++;
    }
    if (rc != 2) {
        rp_stat_print(&run.by_class, "most common failures by error class", RP_SUMMARY_TOP);
        rp_stat_print(&run.by_detail, "most common failures by error class and first parameter",
                      RP_SUMMARY_TOP);
        for (size_t idx = 0; idx < run.unknown_fields.n; idx++)
            printf("note: requests carry a field our .proto files do not know: %s\n",
                   run.unknown_fields.ids[idx]);
        int regressions = rp_ratchet(&run);
        if (regressions != 0)
            rc = 1;
        printf("%s: %d folders in %.1f s; server crashes %d, hangs %d; %d request(s) not "
               "decodable by our .proto files\n",
               run.opts.client, run.n_folders, (double)(rp_now_ms() - t0) / 1000.0, run.n_crashes,
               run.n_hangs, run.n_raw);
    }
    printf("%d passed, %d failed, %d skipped\n", n_pass, n_fail, n_skip);

    ts_server_cleanup(&run.server);
    em_arena_release(&arena);
    rp_run_release(&run);
    return rc;
}
