/*
 * shell_int.h: the pieces of `ember shell` and what they share.
 *
 *   shell.c         options, the session, the read-eval-print loop (libedit or plain lines)
 *   shell_input.c   statement splitting: a statement ends at ';' outside quotes and comments
 *   shell_exec.c    running one statement or dot-command; Ctrl-C -> Interrupt; progress bar
 *   shell_render.c  result tables (box, UTF-8 width aware), CSV and JSON output
 *   shell_value.c   Arrow C data cells as text (Spark's show() rules) and Spark type names
 *
 * The shell is a thin user of libember (include/ember.h): statements go through ember_sql and
 * ember_df_collect; values are formatted from the Arrow C data interface with the types/ helpers
 * Spark's show() text is built from (doubles, decimals, dates, timestamps, intervals).
 */
#ifndef SHELL_INT_H
#define SHELL_INT_H

#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "common/em_str.h"
#include "ember.h"

/* ---------------------------------------------------------------------- shell_input.c --- */

/* Accumulates input lines and cuts complete statements out of them. */
typedef struct shell_splitter {
    em_str buf;      /* pending text (statements not yet terminated) */
    int quote;       /* 0, '\'', '"' or '`' while inside a quoted literal/identifier */
    bool escape;     /* the previous character was a backslash inside a string */
    bool line_cmt;   /* inside -- comment */
    int block_cmt;   /* nesting depth of block comments */
    size_t scan_pos; /* bytes of buf already scanned */
    bool has_token;  /* the pending statement has something besides blanks and comments */
} shell_splitter;

void shell_splitter_init(shell_splitter *sp);
void shell_splitter_release(shell_splitter *sp);
/* Appends one input line (without its newline); a newline is added to the pending text. */
void shell_splitter_feed(shell_splitter *sp, const char *line);
/*
 * Cuts the next complete statement (text before its ';', trimmed, without the ';') into *out
 * (em_malloc; caller frees). Returns true when one was cut; empty statements are skipped.
 */
bool shell_splitter_next(shell_splitter *sp, char **out);
/* True when no statement text is pending (blanks and finished comments do not count; the
   pending text must have been scanned by shell_splitter_next). */
bool shell_splitter_empty(const shell_splitter *sp);
/* Takes the pending unterminated text (trimmed; em_malloc, or NULL when blank) and resets. */
char *shell_splitter_take_rest(shell_splitter *sp);
/* Drops everything pending (Ctrl-C at the prompt). */
void shell_splitter_reset(shell_splitter *sp);

/* ---------------------------------------------------------------------- shell_value.c --- */

/* One column of a result: its Arrow schema (borrowed from the stream's schema). */
typedef enum shell_fmt_kind {
    SHELL_FMT_TEXT, /* Spark's show() text (ToPrettyString) */
    SHELL_FMT_JSON  /* a JSON value */
} shell_fmt_kind;

/*
 * Appends row `row` of array (schema describes it) to out. Text follows Dataset.show's
 * ToPrettyString: NULL as "NULL", doubles as Java prints them, decimals plain, binary "[0A FF]",
 * arrays "[a, b]", structs "{a, b}", maps "{k -> v}", timestamps in the zone Arrow names.
 * JSON writes null, numbers, booleans bare, everything else as strings, nested values as JSON.
 */
void shell_value_append(const struct ArrowSchema *schema, const struct ArrowArray *array,
                        int64_t row, shell_fmt_kind kind, em_str *out);
/* True when the cell is NULL. */
bool shell_value_is_null(const struct ArrowSchema *schema, const struct ArrowArray *array,
                         int64_t row);
/* Appends the Spark type name (simpleString: "int", "decimal(10,2)", "array<string>") of a
   column with this Arrow schema. */
void shell_type_name(const struct ArrowSchema *schema, em_str *out);
/* True for numeric columns (right-aligned in tables). */
bool shell_type_is_numeric(const struct ArrowSchema *schema);

/* --------------------------------------------------------------------- shell_render.c --- */

typedef enum shell_mode {
    SHELL_MODE_TABLE,
    SHELL_MODE_CSV,
    SHELL_MODE_JSON,
} shell_mode;

/* Display width of UTF-8 text in terminal columns (wide East Asian characters count 2). */
int shell_utf8_width(const char *s, size_t len);

/* A result being rendered: fed batch by batch, printed by shell_render_finish. */
typedef struct shell_render shell_render;

/*
 * Starts rendering a result with schema (a struct of the columns; borrowed until finish).
 * max_rows: table mode shows at most this many rows (the first and last halves) when > 0;
 * max_width: the terminal width the table should fit (0 = no limit).
 */
shell_render *shell_render_new(shell_mode mode, const struct ArrowSchema *schema, FILE *out,
                               int64_t max_rows, int max_width);
/* Takes one batch (a struct array of the columns; borrowed for the call). */
void shell_render_batch(shell_render *r, const struct ArrowArray *batch);
/* Prints what is left (the table, the row count line), frees r. Returns the row count. */
int64_t shell_render_finish(shell_render *r);

/* ----------------------------------------------------------------------- shell_exec.c --- */

/* The shell's state across statements. */
typedef struct shell_state {
    ember_session *session;
    const char *url;
    shell_mode mode;
    bool timer;
    bool interactive; /* prompts, history, timer default on */
    bool progress;    /* draw the progress bar on stderr */
    int64_t max_rows; /* table rows shown (0 = all) */
    FILE *out;        /* results (stdout) */
    FILE *err;        /* errors, progress (stderr) */
    bool quit;        /* .quit seen */
    /* Ctrl-C: the interrupt thread takes SIGINT (sigtimedwait) and calls ember_interrupt_all
       while a statement runs. */
    atomic_bool running;
    atomic_bool interrupted;
    /* progress bar */
    int64_t stmt_start_ms;
    int progress_width; /* characters printed by the last bar (0 = none shown) */
} shell_state;

/*
 * Starts the interrupt thread. The caller has blocked SIGINT and SIGUSR1 before any thread was
 * created (so every thread inherits the mask); SIGUSR1 is unblocked again in the calling (main)
 * thread, whose blocking reads it interrupts after a Ctrl-C outside a statement. Returns 0 or -1.
 */
int shell_signals_start(shell_state *st);
/* Stops the interrupt thread. */
void shell_signals_stop(shell_state *st);
/* True once Ctrl-C was pressed outside a statement since the last call (and clears it). */
bool shell_sigint_take(void);

/*
 * Runs one input unit: a dot-command (text starting with '.') or an SQL statement. Prints the
 * result or the error. Returns 0 on success, 1 on failure.
 */
int shell_run(shell_state *st, const char *text);
/*
 * Prints err as "[CLASS] message SQLSTATE: xxxxx" (or the bare message) on st->err, then, for an
 * error with a SQL query context in sql (the statement sent; NULL = none), Spark's context
 * summary ("== SQL (line 1, position 8) ==", the text, '^' under the fragment).
 */
void shell_print_error(shell_state *st, const ember_error *err, const char *sql);
/* Milliseconds of a monotonic clock. */
int64_t shell_now_ms(void);

#endif
