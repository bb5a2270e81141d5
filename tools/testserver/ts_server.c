/*
 * ts_server: the managed `ember serve` process of the test runners (ts_server.h has the
 * contracts).
 */
#include "ts_server.h"

#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <spawn.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "common/em_mem.h"

extern char **environ;

static _Atomic pid_t ts_server_pid_now;

#define TS_LOG_READ_MAX ((size_t)64 << 20)

static void ts_sleep_ms(int ms)
{
    struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

static char *ts_dup_printf(const char *fmt, const char *a, const char *b)
{
    em_str s;
    em_str_init(&s, 0);
    em_str_printf(&s, fmt, a, b);
    char *r = em_str_move(&s);
    em_str_release(&s);
    return r;
}

int ts_server_init(ts_server *s, const char *binary, const char *name, char *errbuf, size_t errsize)
{
    memset(s, 0, sizeof *s);
    const char *tmp = getenv("TMPDIR");
    if (!tmp || !*tmp)
        tmp = "/tmp";
    char *root = ts_dup_printf("%s/%s-XXXXXX", tmp, name && *name ? name : "ember-test");
    if (!mkdtemp(root)) {
        snprintf(errbuf, errsize, "cannot create a scratch directory under %s: %s", tmp,
                 strerror(errno));
        em_free(root);
        return -1;
    }
    s->workdir = root;
    s->warehouse = ts_dup_printf("%s/%s", root, "warehouse");
    s->log_path = ts_dup_printf("%s/%s", root, "server.log");
    mkdir(s->warehouse, 0755);
    char abs[PATH_MAX];
    if (binary && realpath(binary, abs))
        s->binary = em_strdup(abs);
    else if (binary)
        s->binary = em_strdup(binary);
    return 0;
}

static char *ts_server_read_log(const ts_server *s, long from, size_t *len_out)
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
    em_str_init(&buf, TS_LOG_READ_MAX);
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

long ts_server_log_size(const ts_server *s)
{
    struct stat st;
    if (!s->log_path || stat(s->log_path, &st) != 0)
        return 0;
    return (long)st.st_size;
}

/* environ, with TZ replaced when tz is set; the array is caller-released, the strings
   borrowed, except *tz_var (caller-released). */
static char **ts_server_env(const char *tz, char **tz_var)
{
    size_t n = 0;
    while (environ[n])
        n++;
    char **env = em_calloc(n + 2, sizeof *env);
    size_t at = 0;
    for (size_t idx = 0; idx < n; idx++)
        if (!tz || strncmp(environ[idx], "TZ=", 3) != 0)
            env[at++] = environ[idx];
    *tz_var = NULL;
    if (tz) {
        *tz_var = ts_dup_printf("TZ=%s%s", tz, "");
        env[at++] = *tz_var;
    }
    env[at] = NULL;
    return env;
}

int ts_server_start(ts_server *s, int timeout_ms, char *errbuf, size_t errsize)
{
    if (!s->binary) {
        snprintf(errbuf, errsize, "no ember binary");
        return -1;
    }
    long log_start = ts_server_log_size(s);
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
    char *argv[] = {s->binary, "serve", "--port", "0", "--warehouse", s->warehouse, NULL};
    char *tz_var;
    char **env = ts_server_env(s->tz, &tz_var);
    pid_t pid;
    int rc = posix_spawn(&pid, s->binary, &fa, &attr, argv, env);
    em_free(env);
    em_free(tz_var);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&attr);
    if (rc != 0) {
        snprintf(errbuf, errsize, "cannot start %s: %s", s->binary, strerror(rc));
        return -1;
    }
    s->pid = pid;
    s->n_starts++;
    ts_server_pid_now = pid;

    static const char marker[] = "ember: listening on ";
    for (int waited = 0; waited <= timeout_ms; waited += 20) {
        size_t len;
        char *log = ts_server_read_log(s, log_start, &len);
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
        if (ts_server_died(s, how, sizeof how)) {
            snprintf(errbuf, errsize, "%s serve %s before it was ready (log: %s)", s->binary, how,
                     s->log_path);
            return -1;
        }
        ts_sleep_ms(20);
    }
    snprintf(errbuf, errsize, "%s serve printed no 'ember: listening on' line in %d ms", s->binary,
             timeout_ms);
    char how[128];
    ts_server_stop(s, 5000, how, sizeof how);
    return -1;
}

static void ts_describe_status(int status, char *how, size_t howsize)
{
    if (WIFEXITED(status))
        snprintf(how, howsize, "exited with status %d", WEXITSTATUS(status));
    else if (WIFSIGNALED(status))
        snprintf(how, howsize, "killed by signal %d (%s)", WTERMSIG(status),
                 strsignal(WTERMSIG(status)));
    else
        snprintf(how, howsize, "ended (wait status %d)", status);
}

bool ts_server_died(ts_server *s, char *how, size_t howsize)
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
        ts_describe_status(status, how, howsize);
    s->pid = 0;
    ts_server_pid_now = 0;
    return true;
}

int ts_server_stop(ts_server *s, int timeout_ms, char *how, size_t howsize)
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
            ts_server_pid_now = 0;
            ts_describe_status(status, how, howsize);
            return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        }
        if (r < 0) {
            s->pid = 0;
            ts_server_pid_now = 0;
            snprintf(how, howsize, "vanished (%s)", strerror(errno));
            return -1;
        }
        ts_sleep_ms(20);
    }
    kill(s->pid, SIGKILL);
    waitpid(s->pid, &status, 0);
    s->pid = 0;
    ts_server_pid_now = 0;
    snprintf(how, howsize, "did not exit within %d ms of SIGTERM (killed)", timeout_ms);
    return -1;
}

void ts_server_log_excerpt(const ts_server *s, long from, int max_lines, em_str *out)
{
    size_t len;
    char *log = ts_server_read_log(s, from, &len);
    if (!log || len == 0) {
        em_free(log);
        em_str_puts(out, "    (server log empty)\n");
        return;
    }
    static const char *const markers[] = {"ERROR: AddressSanitizer", "ERROR: LeakSanitizer",
                                          "runtime error:", "Assertion"};
    const char *start = NULL;
    for (size_t m = 0; m < sizeof markers / sizeof markers[0] && !start; m++)
        start = strstr(log, markers[m]);
    if (start) {
        while (start > log && start[-1] != '\n')
            start--;
    } else {
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

void ts_server_kill_current(void)
{
    pid_t pid = ts_server_pid_now;
    if (pid > 0)
        kill(pid, SIGKILL);
}

static int ts_remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    remove(path);
    return 0;
}

int ts_remove_tree(const char *path)
{
    nftw(path, ts_remove_entry, 32, FTW_DEPTH | FTW_PHYS);
    return 0;
}

int ts_mkdirs(const char *path)
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

void ts_server_cleanup(ts_server *s)
{
    if (s->pid > 0) {
        kill(s->pid, SIGKILL);
        int status;
        waitpid(s->pid, &status, 0);
        s->pid = 0;
        ts_server_pid_now = 0;
    }
    if (s->workdir && !(s->keep_env && getenv(s->keep_env)))
        ts_remove_tree(s->workdir);
    em_free(s->workdir);
    em_free(s->warehouse);
    em_free(s->log_path);
    em_free(s->binary);
    memset(s, 0, sizeof *s);
}
