/*
 * slt_main: the command line of ember-slt, the sqllogictest runner (tests/slt/README.md).
 *
 *   ember-slt [--remote HOST:PORT | sc://HOST:PORT] [--ember PATH] [--timeout SECONDS]
 *             [--verbose] [--coverage] [--uncovered] [--run-skipped] PATH...
 *
 * PATH is a .test file or a folder (searched recursively for *.test, run in path order).
 * Without --remote it starts its own `ember serve --port 0` (the ember binary next to itself,
 * or --ember) through tools/testserver's ts_server_*, restarts it when it dies during a file,
 * and stops it with SIGTERM at the end. Output: one line per file
 * (`path: P passed, F failed, S skipped`), failures as `path:line: FAIL reason`, then
 * `N passed, M failed, K skipped`. Exit status: 0 when nothing failed and the managed server
 * stopped cleanly (no sanitizer report), 1 otherwise, 2 for usage errors or no server.
 */
#include "slt_int.h"

#include <dirent.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/em_mem.h"
#include "wire/wire.h"

#define SLT_START_TIMEOUT_MS 120000
#define SLT_STOP_TIMEOUT_MS  30000
#define SLT_MAX_FILE         ((size_t)16 << 20)
#define SLT_MAX_STARTS       10

static void slt_usage(FILE *f)
{
    fprintf(f, "usage: ember-slt [--remote HOST:PORT | sc://HOST:PORT] [--ember PATH]\n"
               "                 [--timeout SECONDS] [--verbose] [--coverage] [--uncovered]\n"
               "                 [--run-skipped]\n"
               "                 PATH...\n"
               "PATH: a .test file or a folder searched recursively for *.test files.\n"
               "--run-skipped also runs `skipif ember` records and lists those that pass\n"
               "(they still count as skipped);\n"
               "--coverage prints how many function registry names the records call;\n"
               "--uncovered also lists the names without a case.\n");
}

/* SIGINT/SIGTERM are blocked in every thread and handled here: kill the managed server. */
static void *slt_signal_thread(void *arg)
{
    sigset_t *set = arg;
    int sig;
    if (sigwait(set, &sig) == 0) {
        ts_server_kill_current();
        static const char msg[] = "ember-slt: interrupted\n";
        if (write(2, msg, sizeof msg - 1) < 0) {
        }
        _exit(130);
    }
    return NULL;
}

typedef struct slt_paths {
    char **items;
    size_t n, cap;
} slt_paths;

static void slt_paths_add(slt_paths *p, const char *s)
{
    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 64;
        p->items = em_realloc(p->items, p->cap * sizeof *p->items);
    }
    p->items[p->n++] = em_strdup(s);
}

static bool slt_has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n > m && strcmp(s + n - m, suffix) == 0;
}

/* Adds path (a file) or the *.test files under it (a folder, recursively). */
static void slt_collect(const char *path, slt_paths *out, int depth)
{
    struct stat st;
    if (depth > 16 || stat(path, &st) != 0)
        return;
    if (S_ISREG(st.st_mode)) {
        slt_paths_add(out, path);
        return;
    }
    if (!S_ISDIR(st.st_mode))
        return;
    DIR *d = opendir(path);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        em_str child;
        em_str_init(&child, 0);
        em_str_printf(&child, "%s/%s", path, e->d_name);
        struct stat cst;
        if (stat(child.data, &cst) == 0) {
            if (S_ISDIR(cst.st_mode))
                slt_collect(child.data, out, depth + 1);
            else if (S_ISREG(cst.st_mode) && slt_has_suffix(e->d_name, ".test"))
                slt_paths_add(out, child.data);
        }
        em_str_release(&child);
    }
    closedir(d);
}

static int slt_strcmp_p(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The ember binary next to this program. Caller releases. */
static char *slt_default_ember(const char *argv0)
{
    char self[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n > 0)
        self[n] = '\0';
    else if (!realpath(argv0, self))
        snprintf(self, sizeof self, "%s", argv0);
    char *slash = strrchr(self, '/');
    em_str p;
    em_str_init(&p, 0);
    if (slash)
        em_str_printf(&p, "%.*s/ember", (int)(slash - self), self);
    else
        em_str_puts(&p, "./ember");
    return em_str_move(&p);
}

/* "sc://host:port/;params" or "host:port" -> "host:port" (default port 15002). */
static void slt_remote_target(const char *remote, char *out, size_t size)
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

typedef struct slt_main {
    ts_server server;
    bool managed;
    char target[256];
    st_client client;
    bool connected;
    int timeout_ms;
} slt_main;

/* Starts the managed server if needed and connects. 0, or -1 with a message on stderr. */
static int slt_connect(slt_main *m)
{
    char errbuf[1024];
    if (m->connected) {
        st_client_close(&m->client);
        m->connected = false;
    }
    if (m->managed) {
        if (m->server.n_starts >= SLT_MAX_STARTS) {
            fprintf(stderr, "ember-slt: the server was started %d times; giving up\n",
                    m->server.n_starts);
            return -1;
        }
        if (ts_server_start(&m->server, SLT_START_TIMEOUT_MS, errbuf, sizeof errbuf) != 0) {
            fprintf(stderr, "ember-slt: %s\n", errbuf);
            return -1;
        }
        snprintf(m->target, sizeof m->target, "%s", m->server.target);
    }
    if (st_client_open(&m->client, m->target, m->timeout_ms, errbuf, sizeof errbuf) != 0) {
        fprintf(stderr, "ember-slt: %s\n", errbuf);
        return -1;
    }
    m->connected = true;
    return 0;
}

/* After a file whose calls broke: report a dead managed server and start a new one. */
static int slt_recover(slt_main *m)
{
    if (!m->managed)
        return 0;
    char how[256];
    bool died = false;
    for (int waited = 0; waited < 2000 && !(died = ts_server_died(&m->server, how, sizeof how));
         waited += 20)
        usleep(20000);
    if (!died)
        return 0;
    em_str ex;
    em_str_init(&ex, 0);
    ts_server_log_excerpt(&m->server, 0, 40, &ex);
    fprintf(stdout, "SERVER CRASH: the server %s\n%s", how, ex.data ? ex.data : "");
    em_str_release(&ex);
    return slt_connect(m);
}

int main(int argc, char **argv)
{
    slt_main m;
    memset(&m, 0, sizeof m);
    slt_opts opts = {.timeout_ms = 60000};
    const char *remote = NULL, *ember_opt = NULL;
    bool coverage = false, uncovered = false;
    slt_paths files = {0};
    for (int a = 1; a < argc; a++) {
        const char *arg = argv[a];
        const char *val = a + 1 < argc ? argv[a + 1] : NULL;
        if (strcmp(arg, "--remote") == 0 && val) {
            remote = val;
            a++;
        } else if (strcmp(arg, "--ember") == 0 && val) {
            ember_opt = val;
            a++;
        } else if (strcmp(arg, "--timeout") == 0 && val) {
            opts.timeout_ms = atoi(val) * 1000;
            a++;
        } else if (strcmp(arg, "--verbose") == 0 || strcmp(arg, "-v") == 0) {
            opts.verbose = true;
        } else if (strcmp(arg, "--run-skipped") == 0) {
            opts.run_skipped = true;
        } else if (strcmp(arg, "--coverage") == 0) {
            coverage = true;
        } else if (strcmp(arg, "--uncovered") == 0) {
            coverage = uncovered = true;
        } else if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            slt_usage(stdout);
            return 0;
        } else if (arg[0] == '-') {
            fprintf(stderr, "ember-slt: unknown or incomplete option %s\n", arg);
            slt_usage(stderr);
            return 2;
        } else {
            size_t before = files.n;
            slt_collect(arg, &files, 0);
            if (files.n == before) {
                fprintf(stderr, "ember-slt: no .test files at %s\n", arg);
                return 2;
            }
        }
    }
    if (files.n == 0 || opts.timeout_ms <= 0) {
        slt_usage(stderr);
        return 2;
    }
    qsort(files.items, files.n, sizeof *files.items, slt_strcmp_p);
    m.timeout_ms = opts.timeout_ms;

    static sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);
    signal(SIGPIPE, SIG_IGN);
    pthread_t sig_thread;
    pthread_create(&sig_thread, NULL, slt_signal_thread, &sigs);
    pthread_detach(sig_thread);

    /* Parse everything first: a malformed file is a usage error, found before any server. */
    em_arena arena;
    em_arena_init(&arena, 0);
    slt_file *parsed = em_arena_calloc(&arena, files.n, sizeof *parsed);
    const slt_file **parsed_p = em_arena_calloc(&arena, files.n, sizeof *parsed_p);
    int exit_code = 2;
    char *ember = NULL;
    for (size_t idx = 0; idx < files.n; idx++) {
        size_t len = 0;
        char *text = st_read_file(files.items[idx], SLT_MAX_FILE, &len);
        char errbuf[512];
        if (!text) {
            fprintf(stderr, "ember-slt: cannot read %s\n", files.items[idx]);
            goto out_files;
        }
        int rc = slt_parse(text, len, &arena, &parsed[idx], errbuf, sizeof errbuf);
        em_free(text);
        if (rc != 0) {
            fprintf(stderr, "%s: %s\n", files.items[idx], errbuf);
            goto out_files;
        }
        parsed_p[idx] = &parsed[idx];
    }

    wire_init();
    char errbuf[1024];
    if (remote) {
        slt_remote_target(remote, m.target, sizeof m.target);
    } else {
        m.managed = true;
        ember = ember_opt ? em_strdup(ember_opt) : slt_default_ember(argv[0]);
        if (ts_server_init(&m.server, ember, "ember-slt", errbuf, sizeof errbuf) != 0) {
            fprintf(stderr, "ember-slt: %s\n", errbuf);
            goto out;
        }
        /* The JVM zone of Spark's suite, as ember-sqltest. */
        m.server.tz = "America/Los_Angeles";
        m.server.keep_env = "EMBER_SQLTEST_KEEP";
    }
    if (slt_connect(&m) != 0)
        goto out;

    int n_pass = 0, n_fail = 0, n_skip = 0, n_skip_pass = 0;
    for (size_t idx = 0; idx < files.n; idx++) {
        slt_tally t;
        if (!m.connected) {
            t = (slt_tally){.n_fail = parsed[idx].n_records};
        } else {
            slt_run_file(&m.client, files.items[idx], &parsed[idx], &opts, &t);
            if (t.crashed && slt_recover(&m) != 0) {
                st_client_close(&m.client);
                m.connected = false;
            }
        }
        fprintf(stdout, "%s: %d passed, %d failed, %d skipped\n", files.items[idx], t.n_pass,
                t.n_fail, t.n_skip);
        fflush(stdout);
        n_pass += t.n_pass;
        n_fail += t.n_fail;
        n_skip += t.n_skip;
        n_skip_pass += t.n_skip_pass;
    }
    if (m.connected) {
        st_client_close(&m.client);
        m.connected = false;
    }
    int stop_rc = 0;
    if (m.managed && m.server.pid > 0) {
        char how[256];
        stop_rc = ts_server_stop(&m.server, SLT_STOP_TIMEOUT_MS, how, sizeof how);
        if (stop_rc != 0) {
            em_str ex;
            em_str_init(&ex, 0);
            ts_server_log_excerpt(&m.server, 0, 30, &ex);
            fprintf(stdout, "SERVER STOP: the server %s\n%s", how, ex.data ? ex.data : "");
            em_str_release(&ex);
        }
    }
    if (coverage)
        slt_cover_report(parsed_p, (int)files.n, uncovered);
    fprintf(stdout, "%d passed, %d failed, %d skipped\n", n_pass, n_fail, n_skip);
    if (opts.run_skipped)
        fprintf(stdout, "%d skipped records pass (--run-skipped)\n", n_skip_pass);
    fflush(stdout);
    exit_code = n_fail || stop_rc != 0 ? 1 : 0;

out:
    if (m.connected)
        st_client_close(&m.client);
    if (m.managed)
        ts_server_cleanup(&m.server);
    wire_shutdown();
out_files:
    for (size_t idx = 0; idx < files.n; idx++)
        em_free(files.items[idx]);
    em_free(files.items);
    em_free(ember);
    em_arena_release(&arena);
    return exit_code;
}
