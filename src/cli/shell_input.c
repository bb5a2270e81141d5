/*
 * shell_input.c: cutting typed or read text into SQL statements.
 *
 * A statement ends at a ';' that is outside string literals ('...' and "...", where a backslash
 * escapes the next character, as Spark's lexer reads them), backquoted identifiers (`...`, a
 * doubled backquote stays inside), line comments (-- to the end of the line) and bracketed
 * comments (/ * ... * /, nested as Spark allows). The scanner keeps its state between lines, so
 * a literal or comment may span lines. Statements with nothing but blanks and comments are
 * dropped.
 */
#include <ctype.h>
#include <string.h>

#include "cli/shell_int.h"
#include "common/em_mem.h"

#define SHELL_INPUT_MAX (256u << 20) /* one pending statement at most */

void shell_splitter_init(shell_splitter *sp)
{
    memset(sp, 0, sizeof *sp);
    em_str_init(&sp->buf, SHELL_INPUT_MAX);
}

void shell_splitter_release(shell_splitter *sp)
{
    em_str_release(&sp->buf);
}

void shell_splitter_reset(shell_splitter *sp)
{
    em_str_reset(&sp->buf);
    sp->quote = 0;
    sp->escape = false;
    sp->line_cmt = false;
    sp->block_cmt = 0;
    sp->scan_pos = 0;
    sp->has_token = false;
}

void shell_splitter_feed(shell_splitter *sp, const char *line)
{
    em_str_puts(&sp->buf, line);
    em_str_putc(&sp->buf, '\n');
}

/* A trimmed copy of bytes [start, end) (em_malloc). */
static char *shell_input_trimmed(const char *text, size_t start, size_t end)
{
    while (start < end && isspace((unsigned char)text[start]))
        start++;
    while (end > start && isspace((unsigned char)text[end - 1]))
        end--;
    return em_strndup(text + start, end - start);
}

/* Drops the first n bytes of the pending text. */
static void shell_input_consume(shell_splitter *sp, size_t n)
{
    em_str *b = &sp->buf;
    memmove(b->data, b->data + n, b->len - n);
    b->len -= n;
    b->data[b->len] = '\0';
    sp->scan_pos = 0;
}

bool shell_splitter_next(shell_splitter *sp, char **out)
{
    *out = NULL;
    for (;;) {
        const char *t = sp->buf.data;
        size_t len = sp->buf.len;
        size_t pos = sp->scan_pos;
        bool cut = false;
        while (pos < len) {
            char c = t[pos];
            char next = pos + 1 < len ? t[pos + 1] : '\0';
            if (sp->line_cmt) {
                if (c == '\n')
                    sp->line_cmt = false;
                pos++;
            } else if (sp->block_cmt) {
                if (c == '*' && next == '/') {
                    sp->block_cmt--;
                    pos += 2;
                } else if (c == '/' && next == '*') {
                    sp->block_cmt++;
                    pos += 2;
                } else {
                    pos++;
                }
            } else if (sp->quote) {
                if (sp->escape)
                    sp->escape = false;
                else if (c == '\\' && sp->quote != '`')
                    sp->escape = true;
                else if (c == sp->quote)
                    sp->quote = 0;
                pos++;
            } else if (c == '-' && next == '-') {
                sp->line_cmt = true;
                pos += 2;
            } else if (c == '/' && next == '*') {
                sp->block_cmt = 1;
                pos += 2;
            } else if (c == ';') {
                cut = true;
                break;
            } else {
                if (c == '\'' || c == '"' || c == '`')
                    sp->quote = c;
                if (!isspace((unsigned char)c))
                    sp->has_token = true;
                pos++;
            }
        }
        sp->scan_pos = pos;
        if (!cut)
            return false;
        bool keep = sp->has_token;
        char *stmt = keep ? shell_input_trimmed(t, 0, pos) : NULL;
        shell_input_consume(sp, pos + 1);
        sp->has_token = false;
        if (keep) {
            *out = stmt;
            return true;
        }
    }
}

bool shell_splitter_empty(const shell_splitter *sp)
{
    /* Callers drain shell_splitter_next first, so the whole pending text has been scanned. */
    return !sp->has_token && !sp->quote && !sp->block_cmt;
}

char *shell_splitter_take_rest(shell_splitter *sp)
{
    /* Scan what is left so has_token is current (there is no ';' in it, or next() cut it). */
    char *stmt = NULL;
    while (shell_splitter_next(sp, &stmt)) {
        /* Callers drain next() first; a statement found here is returned on its own. */
        return stmt;
    }
    char *rest = sp->has_token ? shell_input_trimmed(sp->buf.data, 0, sp->buf.len) : NULL;
    shell_splitter_reset(sp);
    return rest;
}
