/*
 * shell_exec.c: running what the user typed — SQL statements and dot-commands — plus Ctrl-C
 * and the progress bar.
 *
 * A statement runs as PySpark's spark.sql(text).collect() would: ember_sql (ExecutePlan with a
 * sql_command, which runs commands eagerly), then ember_df_collect on the DataFrame it returns;
 * batches go to shell_render as they arrive.
 *
 * Ctrl-C: SIGINT stays blocked in every thread; the interrupt thread takes it with
 * sigtimedwait. While a statement runs it calls ember_interrupt_all (the Interrupt RPC) and
 * repeats every SHELL_INTERRUPT_RETRY_MS until the statement ends, so an operation the server
 * had not registered yet when the key was pressed is caught too. Outside a statement it raises
 * a flag and sends SIGUSR1 to the main thread, whose read (libedit's or fgets) returns EINTR:
 * shell.c then clears the input line (interactive) or stops (scripts).
 *
 * The progress bar follows PySpark's (pyspark/sql/connect/shell/progress.py): "[****---]
 * 12.50% Complete (3 Tasks running, 4s, Scanned 1.5 MiB)" on stderr, redrawn in place with
 * '\r' for every ExecutionProgress report and erased when the statement ends.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "cli/shell_int.h"
#include "common/em_mem.h"

#define SHELL_INTERRUPT_RETRY_MS 200
#define SHELL_BAR_WIDTH          30

static atomic_bool shell_sigint_flag;
static atomic_bool shell_intr_quit;
static pthread_t shell_main_thread;
static pthread_t shell_intr_thread;
static bool shell_intr_started;

int64_t shell_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ------------------------------------------------------------------------------ Ctrl-C ---- */

/* SIGUSR1 on the main thread: nothing to do but make its blocking read return EINTR. */
static void shell_on_wake(int sig)
{
    (void)sig;
}

bool shell_sigint_take(void)
{
    return atomic_exchange(&shell_sigint_flag, false);
}

static void shell_interrupt_now(shell_state *st)
{
    ember_error err;
    ember_error_clear(&err);
    ember_interrupt_all(st->session, NULL, NULL, &err);
}

static void *shell_intr_main(void *arg)
{
    shell_state *st = arg;
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    int64_t last_sent = 0;
    while (!atomic_load(&shell_intr_quit)) {
        struct timespec wait = {0, SHELL_INTERRUPT_RETRY_MS * 1000000L};
        int sig = sigtimedwait(&set, NULL, &wait);
        if (atomic_load(&shell_intr_quit))
            break;
        bool running = atomic_load(&st->running);
        if (sig == SIGINT) {
            if (running) {
                atomic_store(&st->interrupted, true);
                shell_interrupt_now(st);
                last_sent = shell_now_ms();
            } else {
                atomic_store(&shell_sigint_flag, true);
                pthread_kill(shell_main_thread, SIGUSR1);
            }
        } else if (running && atomic_load(&st->interrupted) &&
                   shell_now_ms() - last_sent >= SHELL_INTERRUPT_RETRY_MS) {
            /* The operation may not have been registered yet when the key was pressed. */
            shell_interrupt_now(st);
            last_sent = shell_now_ms();
        }
    }
    return NULL;
}

int shell_signals_start(shell_state *st)
{
    shell_main_thread = pthread_self();
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = shell_on_wake;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* no SA_RESTART: the prompt's read must return */
    sigaction(SIGUSR1, &sa, NULL);
    atomic_store(&shell_intr_quit, false);
    if (pthread_create(&shell_intr_thread, NULL, shell_intr_main, st) != 0)
        return -1;
    shell_intr_started = true;
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    return 0;
}

void shell_signals_stop(shell_state *st)
{
    (void)st;
    if (!shell_intr_started)
        return;
    atomic_store(&shell_intr_quit, true);
    pthread_join(shell_intr_thread, NULL);
    shell_intr_started = false;
}

/* ---------------------------------------------------------------------------- progress ---- */

/* PySpark's Progress._bytes_to_string. */
static void shell_bytes_text(int64_t size, char *buf, size_t cap)
{
    static const int64_t sizes[] = {1LL << 60, 1LL << 50, 1LL << 40, 1LL << 30,
                                    1LL << 20, 1LL << 10, 1};
    static const char *const suffixes[] = {"EiB", "PiB", "TiB", "GiB", "MiB", "KiB", "B"};
    int idx = 0;
    while (idx < 6 && size < 2 * sizes[idx])
        idx++;
    snprintf(buf, cap, "%.1f %s", (double)size / (double)sizes[idx], suffixes[idx]);
}

static void shell_progress_clear(shell_state *st)
{
    if (st->progress_width > 0) {
        fprintf(st->err, "\r%*s\r", st->progress_width, "");
        fflush(st->err);
        st->progress_width = 0;
    }
}

static void shell_on_progress(const ember_progress *p, void *user_data)
{
    shell_state *st = user_data;
    if (!st->progress || !atomic_load(&st->running))
        return;
    int64_t total = 0, done = 0, bytes = 0;
    for (size_t idx = 0; idx < p->n_stages; idx++) {
        total += p->stages[idx].num_tasks;
        done += p->stages[idx].num_completed_tasks;
        bytes += p->stages[idx].num_bytes_read;
    }
    if (total <= 0)
        return;
    int filled = (int)(done * SHELL_BAR_WIDTH / total);
    char bar[SHELL_BAR_WIDTH + 1];
    for (int idx = 0; idx < SHELL_BAR_WIDTH; idx++)
        bar[idx] = idx < filled ? '*' : '-';
    bar[SHELL_BAR_WIDTH] = '\0';
    char scanned[32];
    shell_bytes_text(bytes, scanned, sizeof scanned);
    char line[256];
    int n =
        snprintf(line, sizeof line, "[%s] %.2f%% Complete (%lld Tasks running, %llds, Scanned %s)",
                 bar, 100.0 * (double)done / (double)total, (long long)p->inflight_tasks,
                 (long long)((shell_now_ms() - st->stmt_start_ms) / 1000), scanned);
    if (n < 0)
        return;
    int len = n < (int)sizeof line ? n : (int)sizeof line - 1;
    fprintf(st->err, "\r%s", line);
    if (len < st->progress_width)
        fprintf(st->err, "%*s", st->progress_width - len, "");
    fflush(st->err);
    if (len > st->progress_width)
        st->progress_width = len;
}

/* ------------------------------------------------------------------------------ errors ---- */

/*
 * Appends Spark's summary of a SQL query context (SQLQueryContext.summary in
 * sql/api .../trees/QueryContexts.scala): "== SQL (line L, position P) ==", the lines holding
 * the fragment (at most 32 characters of extra text each side, cut with "..."), each followed by
 * a line with '^' under the fragment.
 */
static void shell_context_summary(const char *text, int64_t start, int64_t stop, em_str *out)
{
    int64_t len = (int64_t)strlen(text);
    if (start < 0 || stop >= len || start > stop)
        return;
    int64_t line = 1, line_begin = 0;
    for (int64_t idx = 0; idx < start; idx++) {
        if (text[idx] == '\n') {
            line++;
            line_begin = idx + 1;
        }
    }
    em_str_printf(out, "== SQL (line %lld, position %lld) ==\n", (long long)line,
                  (long long)(start - line_begin + 1));
    const int64_t max_extra = 32;
    int64_t line_start = start;
    while (line_start >= 0 && start - line_start <= max_extra && text[line_start] != '\n')
        line_start--;
    bool start_cut = start - line_start > max_extra;
    int64_t current = line_start - (start_cut ? 3 : 0);
    int64_t line_stop = stop;
    while (line_stop < len && line_stop - stop <= max_extra && text[line_stop] != '\n')
        line_stop++;
    bool stop_cut = line_stop - stop > max_extra;
    em_str sub;
    em_str_init(&sub, 0);
    if (start_cut)
        em_str_puts(&sub, "...");
    em_str_append(&sub, text + line_start + 1, (size_t)(line_stop - line_start - 1));
    if (stop_cut)
        em_str_puts(&sub, "...");
    const char *p = sub.data ? sub.data : "";
    const char *end = p + sub.len;
    /* Java's split("\n") drops trailing empty strings. */
    while (end > p && end[-1] == '\n')
        end--;
    for (;;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *stop_at = nl ? nl : end;
        em_str_append(out, p, (size_t)(stop_at - p));
        em_str_putc(out, '\n');
        current++;
        for (const char *c = p; c < stop_at; c++, current++) {
            if (current < start)
                em_str_putc(out, ' ');
            else if (current <= stop)
                em_str_putc(out, '^');
        }
        em_str_putc(out, '\n');
        if (!nl)
            break;
        p = nl + 1;
    }
    em_str_release(&sub);
}

/*
 * Appends a syntax error's position as Spark's ParseException.getMessage does without a query
 * context (sql/api .../parser/parsers.scala): " (line L, pos P)", a blank line, "== SQL ==",
 * the statement's lines up to line L, P dashes and "^^^", then the remaining lines.
 */
static void shell_parse_summary(const char *text, int64_t start, em_str *out)
{
    int64_t len = (int64_t)strlen(text);
    if (start < 0 || start > len)
        return;
    int64_t line = 1, line_begin = 0;
    for (int64_t idx = 0; idx < start; idx++) {
        if (text[idx] == '\n') {
            line++;
            line_begin = idx + 1;
        }
    }
    int64_t pos = start - line_begin;
    em_str_printf(out, " (line %lld, pos %lld)\n\n== SQL ==\n", (long long)line, (long long)pos);
    int64_t line_no = 1;
    const char *p = text;
    for (;;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        em_str_append(out, p, n);
        em_str_putc(out, '\n');
        if (line_no == line) {
            em_str_repeat(out, '-', (size_t)pos);
            em_str_puts(out, "^^^\n");
        }
        if (!nl)
            break;
        p = nl + 1;
        line_no++;
    }
}

void shell_print_error(shell_state *st, const ember_error *err, const char *sql)
{
    const char *msg = err->message[0] ? err->message : ember_status_name(err->status);
    /* Spark's messages already read "[CLASS] text SQLSTATE: xxxxx"; complete the others. */
    if (err->error_class[0] && msg[0] != '[')
        fprintf(st->err, "[%s] %s", err->error_class, msg);
    else
        fputs(msg, st->err);
    if (err->sqlstate[0] && !strstr(msg, "SQLSTATE:"))
        fprintf(st->err, " SQLSTATE: %s", err->sqlstate);
    /* Spark appends the query context to the message; add it when the server's message did
       not carry it. Syntax errors have no query context in Spark: their position instead. */
    em_str extra;
    em_str_init(&extra, 0);
    if (sql && err->ctx_type == 0 && !strstr(msg, "== SQL")) {
        if (strstr(err->jvm_class, "ParseException"))
            shell_parse_summary(sql, err->ctx_start, &extra);
        else {
            em_str_putc(&extra, '\n');
            shell_context_summary(sql, err->ctx_start, err->ctx_stop, &extra);
            if (extra.len == 1)
                em_str_reset(&extra);
        }
    }
    if (extra.len)
        fwrite(extra.data, 1, extra.len, st->err);
    else if (!msg[0] || msg[strlen(msg) - 1] != '\n')
        fputc('\n', st->err);
    em_str_release(&extra);
    fflush(st->err);
}

/* ----------------------------------------------------------------------------- running ---- */

/* Collects df into the renderer. Returns EMBER_OK or a status with err set. */
static int shell_collect(shell_state *st, ember_dataframe *df, ember_error *err)
{
    struct ArrowArrayStream stream;
    int rc = ember_df_collect(df, &stream, err);
    if (rc != EMBER_OK)
        return rc;
    struct ArrowSchema schema;
    if (stream.get_schema(&stream, &schema) != 0) {
        const ember_error *se = ember_stream_error(&stream);
        if (se)
            *err = *se;
        rc = err->status ? err->status : EMBER_EPROTOCOL;
        stream.release(&stream);
        return rc;
    }
    int64_t max_rows = st->mode == SHELL_MODE_TABLE ? st->max_rows : 0;
    int width = 0;
    struct winsize ws;
    if (st->interactive && isatty(fileno(st->out)) && ioctl(fileno(st->out), TIOCGWINSZ, &ws) == 0)
        width = ws.ws_col;
    shell_render *r = NULL;
    for (;;) {
        struct ArrowArray batch;
        if (stream.get_next(&stream, &batch) != 0) {
            const ember_error *se = ember_stream_error(&stream);
            if (se)
                *err = *se;
            rc = err->status ? err->status : EMBER_EPROTOCOL;
            break;
        }
        if (!batch.release)
            break;
        if (!r) {
            shell_progress_clear(st);
            r = shell_render_new(st->mode, &schema, st->out, max_rows, width);
        }
        shell_render_batch(r, &batch);
        batch.release(&batch);
    }
    shell_progress_clear(st);
    if (rc == EMBER_OK && !r)
        r = shell_render_new(st->mode, &schema, st->out, max_rows, width);
    if (r)
        shell_render_finish(r);
    schema.release(&schema);
    stream.release(&stream);
    return rc;
}

static int shell_run_sql(shell_state *st, const char *sql)
{
    ember_error err;
    ember_error_clear(&err);
    st->stmt_start_ms = shell_now_ms();
    atomic_store(&st->interrupted, false);
    shell_sigint_take();
    atomic_store(&st->running, true);
    ember_session_register_progress_handler(st->session, shell_on_progress, st, NULL);
    ember_dataframe *df = NULL;
    int rc = ember_sql(st->session, sql, NULL, 0, &df, &err);
    if (rc == EMBER_OK)
        rc = shell_collect(st, df, &err);
    atomic_store(&st->running, false);
    ember_session_remove_progress_handler(st->session, shell_on_progress, st, NULL);
    shell_progress_clear(st);
    ember_df_free(df);
    if (rc != EMBER_OK)
        shell_print_error(st, &err, sql);
    if (st->timer)
        fprintf(st->out, "Time: %.3f s\n", (double)(shell_now_ms() - st->stmt_start_ms) / 1000.0);
    fflush(st->out);
    return rc == EMBER_OK ? 0 : 1;
}

/* -------------------------------------------------------------------------- dot commands ---- */

static const char shell_help_text[] =
    "SQL statements end with ';' (they may span lines). Ctrl-C interrupts a running statement\n"
    "or clears the input line; Ctrl-D exits.\n"
    ".help               this text\n"
    ".quit, .exit        leave the shell\n"
    ".tables             list tables and views (SHOW TABLES)\n"
    ".schema [TABLE]     the schema of TABLE, or of every table (printSchema)\n"
    ".mode table|csv|json  how results are printed\n"
    ".timer on|off       print the time each statement took\n"
    ".maxrows N          rows a table shows (first and last halves; 0 = all)\n";

/* Prints the printSchema text of one table. Returns 0 or 1. */
static int shell_schema_of(shell_state *st, const char *name)
{
    ember_error err;
    ember_error_clear(&err);
    ember_dataframe *df = NULL;
    char *text = NULL;
    int rc = ember_table(st->session, name, &df, &err);
    if (rc == EMBER_OK)
        rc = ember_df_tree_string(df, &text, &err);
    ember_df_free(df);
    if (rc != EMBER_OK) {
        shell_print_error(st, &err, NULL);
        return 1;
    }
    fprintf(st->out, "%s:\n%s", name, text);
    size_t len = strlen(text);
    if (len == 0 || text[len - 1] != '\n')
        fputc('\n', st->out);
    ember_free(text);
    return 0;
}

/* .schema without a table: every table SHOW TABLES lists. */
static int shell_schema_all(shell_state *st)
{
    ember_error err;
    ember_error_clear(&err);
    ember_dataframe *df = NULL;
    struct ArrowArrayStream stream;
    memset(&stream, 0, sizeof stream);
    int rc = ember_sql(st->session, "SHOW TABLES", NULL, 0, &df, &err);
    if (rc == EMBER_OK)
        rc = ember_df_collect(df, &stream, &err);
    ember_df_free(df);
    if (rc != EMBER_OK) {
        shell_print_error(st, &err, NULL);
        return 1;
    }
    struct ArrowSchema schema;
    int failed = 0;
    if (stream.get_schema(&stream, &schema) == 0) {
        int64_t name_col = -1, ns_col = -1;
        for (int64_t col = 0; col < schema.n_children; col++) {
            const char *n = schema.children[col]->name;
            if (n && strcmp(n, "tableName") == 0)
                name_col = col;
            if (n && strcmp(n, "namespace") == 0)
                ns_col = col;
        }
        struct ArrowArray batch;
        while (name_col >= 0 && stream.get_next(&stream, &batch) == 0 && batch.release) {
            for (int64_t row = 0; row < batch.length; row++) {
                em_str name;
                em_str_init(&name, 0);
                int64_t at = row + batch.offset;
                if (ns_col >= 0 &&
                    !shell_value_is_null(schema.children[ns_col], batch.children[ns_col], at)) {
                    shell_value_append(schema.children[ns_col], batch.children[ns_col], at,
                                       SHELL_FMT_TEXT, &name);
                    if (name.len)
                        em_str_putc(&name, '.');
                }
                shell_value_append(schema.children[name_col], batch.children[name_col], at,
                                   SHELL_FMT_TEXT, &name);
                failed |= shell_schema_of(st, name.data ? name.data : "");
                em_str_release(&name);
            }
            batch.release(&batch);
        }
        schema.release(&schema);
    }
    const ember_error *se = ember_stream_error(&stream);
    if (se) {
        shell_print_error(st, se, NULL);
        failed = 1;
    }
    stream.release(&stream);
    return failed;
}

/* Splits a dot-command into its words (at most 3) in buf. */
static int shell_words(const char *text, char *buf, size_t cap, char **words, int max_words)
{
    snprintf(buf, cap, "%s", text);
    int n = 0;
    char *p = buf;
    while (*p && n < max_words) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p)
            break;
        words[n++] = p;
        while (*p && *p != ' ' && *p != '\t')
            p++;
        if (*p)
            *p++ = '\0';
    }
    return n;
}

static int shell_run_dot(shell_state *st, const char *text)
{
    char buf[1024];
    char *words[3] = {NULL, NULL, NULL};
    int n = shell_words(text, buf, sizeof buf, words, 3);
    const char *cmd = n ? words[0] : ".";
    const char *arg = n > 1 ? words[1] : NULL;
    if (strcmp(cmd, ".quit") == 0 || strcmp(cmd, ".exit") == 0 || strcmp(cmd, ".q") == 0) {
        st->quit = true;
        return 0;
    }
    if (strcmp(cmd, ".help") == 0) {
        fputs(shell_help_text, st->out);
        return 0;
    }
    if (strcmp(cmd, ".tables") == 0)
        return shell_run_sql(st, "SHOW TABLES");
    if (strcmp(cmd, ".schema") == 0)
        return arg ? shell_schema_of(st, arg) : shell_schema_all(st);
    if (strcmp(cmd, ".mode") == 0) {
        static const char *const names[] = {"table", "csv", "json"};
        if (!arg) {
            fprintf(st->out, "%s\n", names[st->mode]);
            return 0;
        }
        for (int idx = 0; idx < 3; idx++) {
            if (strcmp(arg, names[idx]) == 0) {
                st->mode = (shell_mode)idx;
                return 0;
            }
        }
        fprintf(st->err, "unknown mode '%s' (table, csv or json)\n", arg);
        return 1;
    }
    if (strcmp(cmd, ".timer") == 0) {
        if (arg && strcmp(arg, "on") == 0)
            st->timer = true;
        else if (arg && strcmp(arg, "off") == 0)
            st->timer = false;
        else {
            fputs("usage: .timer on|off\n", st->err);
            return 1;
        }
        return 0;
    }
    if (strcmp(cmd, ".maxrows") == 0) {
        char *end = NULL;
        long long v = arg ? strtoll(arg, &end, 10) : -1;
        if (!arg || *end || v < 0) {
            fputs("usage: .maxrows N (0 = all rows)\n", st->err);
            return 1;
        }
        st->max_rows = v;
        return 0;
    }
    fprintf(st->err, "unknown command '%s' (.help lists the commands)\n", cmd);
    return 1;
}

int shell_run(shell_state *st, const char *text)
{
    while (*text == ' ' || *text == '\t')
        text++;
    if (text[0] == '.')
        return shell_run_dot(st, text);
    return shell_run_sql(st, text);
}
