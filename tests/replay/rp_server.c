/*
 * rp_server: the `ember serve` process ember-replay runs against when no --remote is given,
 * and the scratch directory of a run.
 *
 * The server is started with posix_spawn (never fork: gRPC may already be initialized in this
 * process when a crashed server is restarted), with its stdout and stderr appended to a log
 * file in the scratch root, cwd set to the scratch root and the default disposition of
 * SIGTERM/SIGINT/SIGPIPE. Readiness is the line "ember: listening on HOST:PORT" in that log
 * (architecture §5 "ember serve options"). The log is also where a crash report (ASan, UBSan)
 * is found afterwards.
 *
 * Scratch root layout: <root>/server.log, <root>/warehouse/ (--warehouse), <root>/paths/ (the
 * capture's /tmp directories, see rp_call.c). Everything is removed by rp_server_cleanup.
 */
#include "rp_int.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <ftw.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "common/em_mem.h"

extern char **environ;

/* The pid of the running server, for rp_server_kill_current (signal thread). */
static _Atomic pid_t rp_server_current_pid;

/* Largest log we read back for readiness and excerpts. */
#define RP_SERVER_LOG_READ_MAX ((size_t)64 << 20)

static void rp_sleep_ms(int ms)
{
    struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

int rp_mkdirs(const char *path)
{
    char buf[4096];
    size_t len = strlen(path);
    if (len == 0 || len >= sizeof buf)
        return -1;
    memcpy(buf, path, len + 1);
    for (size_t pos = 1; pos <= len; pos++) {
        if (buf[pos] == '/' || buf[pos] == '\0') {
            char saved = buf[pos];
            buf[pos] = '\0';
            if (mkdir(buf, 0755) != 0 && errno != EEXIST)
                return -1;
            buf[pos] = saved;
        }
    }
    return 0;
}

static int rp_remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    remove(path);
    return 0;
}

int rp_remove_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return errno == ENOENT ? 0 : -1;
    return nftw(path, rp_remove_entry, 32, FTW_DEPTH | FTW_PHYS) == 0 ? 0 : -1;
}

int rp_server_init(rp_server *s, const char *binary, char *errbuf, size_t errsize)
{
    memset(s, 0, sizeof *s);
    const char *tmp = getenv("TMPDIR");
    if (!tmp || !*tmp)
        tmp = "/tmp";
    em_str root;
    em_str_init(&root, 4096);
    em_str_printf(&root, "%s/ember-replay-XXXXXX", tmp);
    if (root.overflow || !mkdtemp(root.data)) {
        snprintf(errbuf, errsize, "cannot create a scratch directory under %s: %s", tmp,
                 strerror(errno));
        em_str_release(&root);
        return -1;
    }
    s->workdir = em_str_move(&root);
    em_str_release(&root);
    em_str log;
    em_str_init(&log, 0);
    em_str_printf(&log, "%s/server.log", s->workdir);
    s->log_path = em_str_move(&log);
    em_str_release(&log);
    /* Absolute: the server runs with the scratch root as its cwd. */
    char abs[PATH_MAX];
    if (binary && realpath(binary, abs))
        s->binary = em_strdup(abs);
    else
        s->binary = binary ? em_strdup(binary) : NULL;
    return 0;
}

/* Reads the whole log (up to the cap) from byte `from`; caller releases. */
static char *rp_server_read_log(const rp_server *s, long from, size_t *len_out)
{
    *len_out = 0;
    FILE *f = fopen(s->log_path, "rb");
    if (!f)
        return NULL;
    if (from > 0 && fseek(f, from, SEEK_SET) != 0) {
        fclose(f);
        return NULL;
    }
    em_str buf;
    em_str_init(&buf, RP_SERVER_LOG_READ_MAX);
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && !buf.overflow)
        em_str_append(&buf, chunk, n);
    fclose(f);
    em_str_putc(&buf, '\0');
    *len_out = buf.len - 1;
    char *data = em_str_move(&buf);
    em_str_release(&buf);
    return data;
}

long rp_server_log_size(const rp_server *s)
{
    struct stat st;
    if (!s->log_path || stat(s->log_path, &st) != 0)
        return 0;
    return (long)st.st_size;
}

int rp_server_start(rp_server *s, int timeout_ms, char *errbuf, size_t errsize)
{
    if (!s->binary) {
        snprintf(errbuf, errsize, "no server binary");
        return -1;
    }
    em_str warehouse;
    em_str_init(&warehouse, 0);
    em_str_printf(&warehouse, "%s/warehouse", s->workdir);
    long log_start = rp_server_log_size(s);

    posix_spawn_file_actions_t fa;
    posix_spawnattr_t attr;
    posix_spawn_file_actions_init(&fa);
    posix_spawnattr_init(&attr);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, s->log_path, O_WRONLY | O_CREAT | O_APPEND, 0644);
    posix_spawn_file_actions_adddup2(&fa, 2, 1);
    posix_spawn_file_actions_addchdir_np(&fa, s->workdir);
    sigset_t none, defaults;
    sigemptyset(&none);
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGTERM);
    sigaddset(&defaults, SIGINT);
    sigaddset(&defaults, SIGPIPE);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

    char *argv[] = {s->binary, "serve", "--port", "0", "--warehouse", warehouse.data, NULL};
    pid_t pid;
    int rc = posix_spawn(&pid, s->binary, &fa, &attr, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&attr);
    em_str_release(&warehouse);
    if (rc != 0) {
        snprintf(errbuf, errsize, "cannot start %s: %s", s->binary, strerror(rc));
        return -1;
    }
    s->pid = pid;
    s->n_starts++;
    rp_server_current_pid = pid;

    static const char marker[] = "ember: listening on ";
    for (int waited = 0; waited <= timeout_ms; waited += 20) {
        size_t len;
        char *log = rp_server_read_log(s, log_start, &len);
        const char *at = log ? strstr(log, marker) : NULL;
        const char *nl = at ? strchr(at, '\n') : NULL;
        if (at && nl) {
            at += sizeof marker - 1;
            size_t n = (size_t)(nl - at);
            if (n > 0 && n < sizeof s->target) {
                memcpy(s->target, at, n);
                s->target[n] = '\0';
                em_free(log);
                return 0;
            }
        }
        em_free(log);
        char how[128];
        if (rp_server_died(s, how, sizeof how)) {
            snprintf(errbuf, errsize, "%s serve %s before it was ready (log: %s)", s->binary, how,
                     s->log_path);
            return -1;
        }
        rp_sleep_ms(20);
    }
    snprintf(errbuf, errsize, "%s serve printed no 'ember: listening on' line in %d ms", s->binary,
             timeout_ms);
    char how[128];
    rp_server_stop(s, 5000, how, sizeof how);
    return -1;
}

static void rp_describe_status(int status, char *how, size_t howsize)
{
    if (WIFEXITED(status))
        snprintf(how, howsize, "exited with status %d", WEXITSTATUS(status));
    else if (WIFSIGNALED(status))
        snprintf(how, howsize, "killed by signal %d (%s)", WTERMSIG(status),
                 strsignal(WTERMSIG(status)));
    else
        snprintf(how, howsize, "ended (wait status %d)", status);
}

bool rp_server_died(rp_server *s, char *how, size_t howsize)
{
    if (s->pid <= 0)
        return false;
    int status;
    pid_t r = waitpid(s->pid, &status, WNOHANG);
    if (r == 0)
        return false;
    if (r < 0)
        snprintf(how, howsize, "vanished (%s)", strerror(errno));
    else
        rp_describe_status(status, how, howsize);
    s->pid = 0;
    return true;
}

int rp_server_stop(rp_server *s, int timeout_ms, char *how, size_t howsize)
{
    if (how && howsize)
        how[0] = '\0';
    if (s->pid <= 0)
        return 0;
    kill(s->pid, SIGTERM);
    int status;
    for (int waited = 0; waited <= timeout_ms; waited += 20) {
        pid_t r = waitpid(s->pid, &status, WNOHANG);
        if (r == s->pid) {
            s->pid = 0;
            rp_describe_status(status, how, howsize);
            if (WIFEXITED(status))
                return WEXITSTATUS(status);
            return -1;
        }
        if (r < 0) {
            s->pid = 0;
            snprintf(how, howsize, "vanished (%s)", strerror(errno));
            return -1;
        }
        rp_sleep_ms(20);
    }
    kill(s->pid, SIGKILL);
    waitpid(s->pid, &status, 0);
    s->pid = 0;
    snprintf(how, howsize, "did not exit within %d ms of SIGTERM (killed)", timeout_ms);
    return -1;
}

void rp_server_log_excerpt(const rp_server *s, long from, int max_lines, em_str *out)
{
    size_t len;
    char *log = rp_server_read_log(s, from, &len);
    if (!log || len == 0) {
        em_free(log);
        em_str_puts(out, "    (server log empty)\n");
        return;
    }
    static const char *const markers[] = {"ERROR: AddressSanitizer",
                                          "ERROR: LeakSanitizer",
                                          "runtime error:",
                                          "AddressSanitizer",
                                          "Assertion",
                                          "assert"};
    const char *start = NULL;
    for (size_t m = 0; m < sizeof markers / sizeof markers[0] && !start; m++)
        start = strstr(log, markers[m]);
    if (start) {
        while (start > log && start[-1] != '\n')
            start--;
    } else {
        /* The last max_lines lines. */
        start = log + len;
        int lines = 0;
        while (start > log && lines <= max_lines) {
            start--;
            if (*start == '\n' && start + 1 < log + len)
                lines++;
        }
        if (*start == '\n')
            start++;
    }
    int lines = 0;
    for (const char *line = start; *line && lines < max_lines; lines++) {
        const char *nl = strchr(line, '\n');
        size_t n = nl ? (size_t)(nl - line) : strlen(line);
        em_str_puts(out, "    ");
        em_str_append(out, line, n > 300 ? 300 : n);
        em_str_putc(out, '\n');
        if (!nl)
            break;
        line = nl + 1;
    }
    em_free(log);
}

void rp_server_kill_current(void)
{
    pid_t pid = rp_server_current_pid;
    if (pid > 0)
        kill(pid, SIGKILL);
}

void rp_server_cleanup(rp_server *s)
{
    if (s->pid > 0) {
        kill(s->pid, SIGKILL);
        int status;
        waitpid(s->pid, &status, 0);
        s->pid = 0;
    }
    if (s->workdir && !getenv("EMBER_REPLAY_KEEP"))
        rp_remove_tree(s->workdir);
    em_free(s->workdir);
    em_free(s->log_path);
    em_free(s->binary);
    memset(s, 0, sizeof *s);
}
