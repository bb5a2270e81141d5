/*
 * st_server: the `ember serve` process ember-sqltest runs against when no --remote is given,
 * and the run's scratch directory (<root>/server.log, <root>/warehouse).
 *
 * The server is started with posix_spawn (never fork: gRPC threads exist in this process once
 * a server has to be restarted), stdin from /dev/null, stdout and stderr appended to the log,
 * cwd the scratch root, default dispositions for SIGTERM/SIGINT/SIGPIPE, and TZ set to
 * America/Los_Angeles (the JVM zone of Spark's suite; test-tables/README.md). It is ready once
 * the log holds "ember: listening on HOST:PORT" (architecture §5 "ember serve options"); the
 * log is also where a sanitizer report is found after a crash.
 */
#include "st_int.h"

#include <errno.h>
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

static _Atomic pid_t st_server_pid_now;

#define ST_LOG_READ_MAX ((size_t)64 << 20)

static void st_sleep_ms(int ms)
{
    struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

static char *st_dup_printf(const char *fmt, const char *a, const char *b)
{
    em_str s;
    em_str_init(&s, 0);
    em_str_printf(&s, fmt, a, b);
    char *r = em_str_move(&s);
    em_str_release(&s);
    return r;
}

int st_server_init(st_server *s, const char *binary, char *errbuf, size_t errsize)
{
    memset(s, 0, sizeof *s);
    const char *tmp = getenv("TMPDIR");
    if (!tmp || !*tmp)
        tmp = "/tmp";
    char *root = st_dup_printf("%s/ember-sqltest-XXXXXX%s", tmp, "");
    if (!mkdtemp(root)) {
        snprintf(errbuf, errsize, "cannot create a scratch directory under %s: %s", tmp,
                 strerror(errno));
        em_free(root);
        return -1;
    }
    s->workdir = root;
    s->warehouse = st_dup_printf("%s/%s", root, "warehouse");
    s->log_path = st_dup_printf("%s/%s", root, "server.log");
    mkdir(s->warehouse, 0755);
    char abs[PATH_MAX];
    if (binary && realpath(binary, abs))
        s->binary = em_strdup(abs);
    else if (binary)
        s->binary = em_strdup(binary);
    return 0;
}

static char *st_server_read_log(const st_server *s, long from, size_t *len_out)
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
    em_str_init(&buf, ST_LOG_READ_MAX);
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

long st_server_log_size(const st_server *s)
{
    struct stat st;
    if (!s->log_path || stat(s->log_path, &st) != 0)
        return 0;
    return (long)st.st_size;
}

/* environ with TZ replaced; the array is caller-released, the strings borrowed/static. */
static char **st_server_env(void)
{
    size_t n = 0;
    while (environ[n])
        n++;
    char **env = em_calloc(n + 2, sizeof *env);
    size_t at = 0;
    for (size_t idx = 0; idx < n; idx++)
        if (strncmp(environ[idx], "TZ=", 3) != 0)
            env[at++] = environ[idx];
    env[at++] = "TZ=America/Los_Angeles";
    env[at] = NULL;
    return env;
}

int st_server_start(st_server *s, int timeout_ms, char *errbuf, size_t errsize)
{
    if (!s->binary) {
        snprintf(errbuf, errsize, "no ember binary");
        return -1;
    }
    long log_start = st_server_log_size(s);
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
    char **env = st_server_env();
    pid_t pid;
    int rc = posix_spawn(&pid, s->binary, &fa, &attr, argv, env);
    em_free(env);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&attr);
    if (rc != 0) {
        snprintf(errbuf, errsize, "cannot start %s: %s", s->binary, strerror(rc));
        return -1;
    }
    s->pid = pid;
    s->n_starts++;
    st_server_pid_now = pid;

    static const char marker[] = "ember: listening on ";
    for (int waited = 0; waited <= timeout_ms; waited += 20) {
        size_t len;
        char *log = st_server_read_log(s, log_start, &len);
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
        if (st_server_died(s, how, sizeof how)) {
            snprintf(errbuf, errsize, "%s serve %s before it was ready (log: %s)", s->binary, how,
                     s->log_path);
            return -1;
        }
        st_sleep_ms(20);
    }
    snprintf(errbuf, errsize, "%s serve printed no 'ember: listening on' line in %d ms", s->binary,
             timeout_ms);
    char how[128];
    st_server_stop(s, 5000, how, sizeof how);
    return -1;
}

static void st_describe_status(int status, char *how, size_t howsize)
{
    if (WIFEXITED(status))
        snprintf(how, howsize, "exited with status %d", WEXITSTATUS(status));
    else if (WIFSIGNALED(status))
        snprintf(how, howsize, "killed by signal %d (%s)", WTERMSIG(status),
                 strsignal(WTERMSIG(status)));
    else
        snprintf(how, howsize, "ended (wait status %d)", status);
}

bool st_server_died(st_server *s, char *how, size_t howsize)
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
        st_describe_status(status, how, howsize);
    s->pid = 0;
    st_server_pid_now = 0;
    return true;
}

int st_server_stop(st_server *s, int timeout_ms, char *how, size_t howsize)
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
            st_server_pid_now = 0;
            st_describe_status(status, how, howsize);
            return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        }
        if (r < 0) {
            s->pid = 0;
            st_server_pid_now = 0;
            snprintf(how, howsize, "vanished (%s)", strerror(errno));
            return -1;
        }
        st_sleep_ms(20);
    }
    kill(s->pid, SIGKILL);
    waitpid(s->pid, &status, 0);
    s->pid = 0;
    st_server_pid_now = 0;
    snprintf(how, howsize, "did not exit within %d ms of SIGTERM (killed)", timeout_ms);
    return -1;
}

void st_server_log_excerpt(const st_server *s, long from, int max_lines, em_str *out)
{
    size_t len;
    char *log = st_server_read_log(s, from, &len);
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

void st_server_kill_current(void)
{
    pid_t pid = st_server_pid_now;
    if (pid > 0)
        kill(pid, SIGKILL);
}

static int st_remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    remove(path);
    return 0;
}

void st_server_cleanup(st_server *s)
{
    if (s->pid > 0) {
        kill(s->pid, SIGKILL);
        int status;
        waitpid(s->pid, &status, 0);
        s->pid = 0;
        st_server_pid_now = 0;
    }
    if (s->workdir && !getenv("EMBER_SQLTEST_KEEP"))
        nftw(s->workdir, st_remove_entry, 32, FTW_DEPTH | FTW_PHYS);
    em_free(s->workdir);
    em_free(s->warehouse);
    em_free(s->log_path);
    em_free(s->binary);
    memset(s, 0, sizeof *s);
}
