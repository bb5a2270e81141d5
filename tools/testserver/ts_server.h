/*
 * ts_server: a managed `ember serve` process for the test runners (ember-sqltest, ember-slt,
 * ember-replay, the live client tests) and its scratch directory.
 *
 * The server is started with posix_spawn (never fork: gRPC threads may exist in the calling
 * process when a crashed server is restarted), stdin from /dev/null, stdout and stderr
 * appended to <workdir>/server.log, cwd the scratch root, the default dispositions of
 * SIGTERM/SIGINT/SIGPIPE, and optionally TZ overridden. It is ready once the log holds
 * "ember: listening on HOST:PORT" (architecture §5 "ember serve options"); the log is also
 * where a sanitizer report is found after a crash.
 *
 * Scratch root: <TMPDIR or /tmp>/<name>-XXXXXX holding server.log and warehouse/ (the
 * server's --warehouse); removed by ts_server_cleanup unless the keep variable is set.
 */
#ifndef TS_SERVER_H
#define TS_SERVER_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "common/em_str.h"

typedef struct ts_server {
    char *binary;     /* absolute path of the ember binary */
    char *workdir;    /* scratch root (mkdtemp), removed by ts_server_cleanup */
    char *warehouse;  /* <workdir>/warehouse */
    char *log_path;   /* <workdir>/server.log */
    pid_t pid;        /* 0 when not running */
    char target[128]; /* "HOST:PORT" once started */
    int n_starts;
    /* Set after ts_server_init if wanted (borrowed, static strings): the server's TZ (NULL:
       inherited) and the environment variable that keeps the scratch root at cleanup. */
    const char *tz;
    const char *keep_env;
} ts_server;

/* Creates the scratch root <TMPDIR>/<name>-XXXXXX; binary is copied (made absolute). Returns 0
   or -1 with errbuf set. */
int ts_server_init(ts_server *s, const char *binary, const char *name, char *errbuf,
                   size_t errsize);
/* Starts `<binary> serve --port 0 --warehouse <warehouse>` and waits up to timeout_ms for the
   listening line, which fills s->target. Returns 0, or -1 with errbuf set (the process is
   then stopped). */
int ts_server_start(ts_server *s, int timeout_ms, char *errbuf, size_t errsize);
/* True (with `how` filled) once the process has exited; reaps it. */
bool ts_server_died(ts_server *s, char *how, size_t howsize);
/* SIGTERM, wait up to timeout_ms, then SIGKILL. Returns the exit status, -1 when killed or
   signalled (how says which); 0 when not running. */
int ts_server_stop(ts_server *s, int timeout_ms, char *how, size_t howsize);
/* Appends the sanitizer report in the log from byte `from` on, or its last max_lines lines. */
void ts_server_log_excerpt(const ts_server *s, long from, int max_lines, em_str *out);
/* Current size of the log in bytes (0 when absent). */
long ts_server_log_size(const ts_server *s);
/* SIGKILL the most recently started server that is still running (async-signal-safe). */
void ts_server_kill_current(void);
/* Stops (SIGKILL) if running, removes the scratch root (kept when s->keep_env is set in the
   environment), and frees s's strings. */
void ts_server_cleanup(ts_server *s);

/* mkdir -p. Returns 0 or -1. */
int ts_mkdirs(const char *path);
/* rm -r (best effort). Returns 0. */
int ts_remove_tree(const char *path);

#endif
