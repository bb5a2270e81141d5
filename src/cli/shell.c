/*
 * shell.c: `ember shell`, the interactive SQL shell over Spark Connect (built on libember).
 *
 *   ember shell [--remote sc://HOST:PORT] [-c SQL | -f FILE]
 *
 * The server is --remote, else $SPARK_REMOTE, else sc://localhost:15002. Input comes from one
 * of: -c (the statements of one string), -f FILE, standard input when it is not a terminal
 * (scripts: no prompts, no timer, every row printed, stop at the first error with status 1),
 * or the terminal through libedit (prompts, multi-line statements, history in
 * ~/.ember_history, Ctrl-C clears the line or interrupts the running statement, Ctrl-D exits).
 * A line starting with '.' outside a statement is a dot-command (shell_exec.c).
 *
 * Signals: SIGINT and SIGUSR1 are blocked before libember starts any thread; see shell_exec.c.
 */
#include <errno.h>
#ifdef EMBER_HAVE_LIBEDIT
#include <histedit.h>
#endif
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/shell_int.h"
#include "common/em_mem.h"

#define SHELL_DEFAULT_URL      "sc://localhost:15002"
#define SHELL_HISTORY_FILE     ".ember_history"
#define SHELL_HISTORY_SIZE     1000
#define SHELL_INTERACTIVE_ROWS 40
#define SHELL_PROMPT           "ember> "
#define SHELL_PROMPT_MORE      "   ...> "
#define SHELL_RETRIES          3 /* a missing server fails in about a second, not minutes */

static void shell_usage(FILE *out)
{
    fputs("usage: ember shell [--remote URL] [-c SQL | -f FILE]\n"
          "\n"
          "Interactive SQL over Spark Connect. Statements end with ';'.\n"
          "  --remote URL   the server (default $SPARK_REMOTE, else " SHELL_DEFAULT_URL ")\n"
          "  -c SQL         run the statements of SQL and exit (status 1 when one fails)\n"
          "  -f FILE        run the statements of FILE and exit (status 1 when one fails)\n"
          "Standard input that is not a terminal is read as a script, like -f.\n"
          "Inside the shell, .help lists the dot-commands.\n",
          out);
}

/* ------------------------------------------------------------------------------ scripts ---- */

/* Runs every complete statement pending in sp. Returns 1 at the first failure (scripts stop
   there), else 0. */
static int shell_drain(shell_state *st, shell_splitter *sp, bool stop_on_error)
{
    char *stmt = NULL;
    while (!st->quit && shell_splitter_next(sp, &stmt)) {
        int rc = shell_run(st, stmt);
        em_free(stmt);
        if (rc && stop_on_error)
            return 1;
    }
    return 0;
}

/* Feeds one script line: a dot-command when no statement is pending, else SQL text. */
static int shell_script_line(shell_state *st, shell_splitter *sp, const char *line)
{
    const char *p = line;
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p == '.' && shell_splitter_empty(sp)) {
        shell_splitter_reset(sp);
        return shell_run(st, p);
    }
    shell_splitter_feed(sp, line);
    return shell_drain(st, sp, true);
}

/* Runs what is left after the last line (a statement without its ';'). */
static int shell_script_end(shell_state *st, shell_splitter *sp)
{
    if (st->quit)
        return 0;
    int failed = shell_drain(st, sp, true);
    if (failed)
        return 1;
    char *rest = shell_splitter_take_rest(sp);
    if (!rest)
        return 0;
    int rc = shell_run(st, rest);
    em_free(rest);
    return rc;
}

/* Runs the statements of one string (-c). */
static int shell_run_string(shell_state *st, const char *text)
{
    shell_splitter sp;
    shell_splitter_init(&sp);
    int rc = 0;
    const char *p = text;
    while (*p && !rc && !st->quit) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        char *line = em_strndup(p, len);
        rc = shell_script_line(st, &sp, line);
        em_free(line);
        p += len + (nl ? 1 : 0);
    }
    if (!rc)
        rc = shell_script_end(st, &sp);
    shell_splitter_release(&sp);
    return rc;
}

/* Runs the statements read from f (-f FILE, or piped standard input). */
static int shell_run_file(shell_state *st, FILE *f)
{
    shell_splitter sp;
    shell_splitter_init(&sp);
    em_str line;
    em_str_init(&line, 0);
    char chunk[4096];
    int rc = 0;
    for (;;) {
        if (!fgets(chunk, sizeof chunk, f)) {
            if (ferror(f) && errno == EINTR && !shell_sigint_take()) {
                clearerr(f);
                continue;
            }
            if (ferror(f)) {
                fputs("ember shell: interrupted\n", st->err);
                rc = 1;
                break;
            }
            if (line.len) {
                rc = shell_script_line(st, &sp, line.data);
                em_str_reset(&line);
            }
            break;
        }
        size_t n = strlen(chunk);
        bool complete = n && chunk[n - 1] == '\n';
        if (complete)
            chunk[--n] = '\0';
        if (n && chunk[n - 1] == '\r')
            chunk[--n] = '\0';
        em_str_append(&line, chunk, n);
        if (!complete)
            continue;
        rc = shell_script_line(st, &sp, line.data ? line.data : "");
        em_str_reset(&line);
        if (rc || st->quit)
            break;
    }
    if (!rc)
        rc = shell_script_end(st, &sp);
    em_str_release(&line);
    shell_splitter_release(&sp);
    return rc;
}

/* -------------------------------------------------------------------------- interactive ---- */

static void shell_banner(shell_state *st)
{
    ember_error err;
    ember_error_clear(&err);
    char *version = NULL;
    int rc = ember_session_version(st->session, &version, &err);
    fprintf(st->out, "ember shell %s: Spark Connect at %s", EMBER_VERSION,
            ember_session_target(st->session));
    if (rc == EMBER_OK)
        fprintf(st->out, " (Spark %s)", version);
    fputs("\nEnter \".help\" for usage hints.\n", st->out);
    fflush(st->out);
    ember_free(version);
    if (rc != EMBER_OK)
        shell_print_error(st, &err, NULL);
}

#ifdef EMBER_HAVE_LIBEDIT
static bool shell_continuing; /* the prompt to show: a statement is pending */

static char *shell_prompt(EditLine *el)
{
    (void)el;
    return shell_continuing ? SHELL_PROMPT_MORE : SHELL_PROMPT;
}

/* Adds one entry (newlines folded into spaces) to the history and saves the file. */
static void shell_history_add(History *hist, const char *path, const char *text)
{
    char *entry = em_strdup(text);
    for (char *p = entry; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    HistEvent ev;
    history(hist, &ev, H_ENTER, entry);
    if (path)
        history(hist, &ev, H_SAVE, path);
    em_free(entry);
}

static int shell_interactive(shell_state *st)
{
    char *hist_path = NULL;
    const char *home = getenv("HOME");
    if (home && home[0]) {
        em_str p;
        em_str_init(&p, 0);
        em_str_printf(&p, "%s/%s", home, SHELL_HISTORY_FILE);
        hist_path = em_str_move(&p);
    }
    History *hist = history_init();
    HistEvent ev;
    history(hist, &ev, H_SETSIZE, SHELL_HISTORY_SIZE);
    history(hist, &ev, H_SETUNIQUE, 1);
    if (hist_path)
        history(hist, &ev, H_LOAD, hist_path);
    EditLine *el = el_init("ember", stdin, stdout, stderr);
    el_set(el, EL_EDITOR, "emacs");
    el_set(el, EL_PROMPT, shell_prompt);
    el_set(el, EL_HIST, history, hist);

    shell_banner(st);
    shell_splitter sp;
    shell_splitter_init(&sp);
    while (!st->quit) {
        shell_continuing = !shell_splitter_empty(&sp);
        int count = 0;
        errno = 0;
        const char *line = el_gets(el, &count);
        if (shell_sigint_take()) {
            /* Ctrl-C at the prompt: drop the line and any pending statement. */
            shell_splitter_reset(&sp);
            fputc('\n', stdout);
            fflush(stdout);
            continue;
        }
        if (!line) {
            if (count < 0 && errno == EINTR)
                continue;
            fputc('\n', stdout); /* Ctrl-D */
            break;
        }
        size_t len = strlen(line);
        char *text = em_strndup(line, len && line[len - 1] == '\n' ? len - 1 : len);
        const char *p = text;
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p == '.' && shell_splitter_empty(&sp)) {
            shell_splitter_reset(&sp);
            shell_history_add(hist, hist_path, p);
            shell_run(st, p);
        } else {
            shell_splitter_feed(&sp, text);
            char *stmt = NULL;
            while (!st->quit && shell_splitter_next(&sp, &stmt)) {
                em_str entry;
                em_str_init(&entry, 0);
                em_str_printf(&entry, "%s;", stmt);
                shell_history_add(hist, hist_path, entry.data);
                em_str_release(&entry);
                shell_run(st, stmt);
                em_free(stmt);
            }
        }
        em_free(text);
    }
    shell_splitter_release(&sp);
    el_end(el);
    history_end(hist);
    em_free(hist_path);
    return 0;
}

#else
/* Without libedit: prompts and plain lines (no editing, no history). */
static int shell_interactive(shell_state *st)
{
    shell_banner(st);
    shell_splitter sp;
    shell_splitter_init(&sp);
    char chunk[4096];
    while (!st->quit) {
        fputs(shell_splitter_empty(&sp) ? SHELL_PROMPT : SHELL_PROMPT_MORE, stdout);
        fflush(stdout);
        if (!fgets(chunk, sizeof chunk, stdin)) {
            if (ferror(stdin) && shell_sigint_take()) {
                clearerr(stdin);
                shell_splitter_reset(&sp);
                fputc('\n', stdout);
                continue;
            }
            fputc('\n', stdout);
            break;
        }
        chunk[strcspn(chunk, "\n")] = '\0';
        const char *p = chunk;
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p == '.' && shell_splitter_empty(&sp)) {
            shell_splitter_reset(&sp);
            shell_run(st, p);
            continue;
        }
        shell_splitter_feed(&sp, chunk);
        shell_drain(st, &sp, false);
    }
    shell_splitter_release(&sp);
    return 0;
}
#endif

/* ------------------------------------------------------------------------------- main ---- */

int cli_shell(int argc, char **argv)
{
    const char *remote = NULL, *command = NULL, *file = NULL;
    for (int idx = 1; idx < argc; idx++) {
        const char *a = argv[idx];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            shell_usage(stdout);
            return 0;
        } else if (strncmp(a, "--remote=", 9) == 0) {
            remote = a + 9;
        } else if ((strcmp(a, "--remote") == 0 || strcmp(a, "-c") == 0 || strcmp(a, "-f") == 0) &&
                   idx + 1 < argc) {
            const char **slot = a[1] == 'c' ? &command : a[1] == 'f' ? &file : &remote;
            *slot = argv[++idx];
        } else {
            fprintf(stderr, "ember shell: unknown or incomplete option '%s'\n", a);
            shell_usage(stderr);
            return 2;
        }
    }
    if (command && file) {
        fputs("ember shell: -c and -f exclude each other\n", stderr);
        return 2;
    }
    FILE *script = NULL;
    if (file) {
        script = fopen(file, "r");
        if (!script) {
            fprintf(stderr, "ember shell: cannot open %s: %s\n", file, strerror(errno));
            return 1;
        }
    }
    if (!remote)
        remote = getenv("SPARK_REMOTE");
    if (!remote || !remote[0])
        remote = SHELL_DEFAULT_URL;

    /* Before any thread exists: every thread inherits SIGINT/SIGUSR1 blocked. */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGUSR1);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);

    shell_state st;
    memset(&st, 0, sizeof st);
    st.url = remote;
    st.out = stdout;
    st.err = stderr;
    st.interactive = !command && !file && isatty(STDIN_FILENO);
    st.timer = st.interactive;
    st.progress = isatty(STDERR_FILENO);
    st.max_rows = st.interactive ? SHELL_INTERACTIVE_ROWS : 0;
    st.mode = SHELL_MODE_TABLE;

    ember_error err;
    ember_error_clear(&err);
    ember_session_options opts;
    memset(&opts, 0, sizeof opts);
    opts.url = remote;
    opts.retry.max_retries = SHELL_RETRIES;
    if (ember_session_open_ex(&opts, &st.session, &err) != EMBER_OK) {
        shell_print_error(&st, &err, NULL);
        if (script)
            fclose(script);
        return 1;
    }
    if (shell_signals_start(&st) != 0) {
        fputs("ember shell: cannot start the interrupt thread\n", stderr);
        ember_session_free(st.session);
        if (script)
            fclose(script);
        return 1;
    }

    int rc;
    if (command)
        rc = shell_run_string(&st, command);
    else if (script)
        rc = shell_run_file(&st, script);
    else if (st.interactive)
        rc = shell_interactive(&st);
    else
        rc = shell_run_file(&st, stdin);
    if (script)
        fclose(script);

    shell_signals_stop(&st);
    ember_session_clear_progress_handlers(st.session);
    ember_error_clear(&err);
    ember_session_stop(st.session, &err);
    ember_session_free(st.session);
    fflush(stdout);
    return rc;
}
