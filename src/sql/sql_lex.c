/*
 * sql_lex: the tokenizer. Follows Spark's SqlBaseLexer.g4 (ANTLR): longest match wins, ties go
 * to the rule listed first; keywords are case-insensitive words; comments (`--` to end of line
 * with backslash-newline continuation, nested bracketed comments) and whitespace are dropped;
 * anything else becomes a one-character TK_UNRECOGNIZED token for the parser to report.
 *
 * Invariants: the token array always ends with TK_EOF (start = stop = len); token offsets are
 * byte offsets (Spark reports UTF-16 indexes: equal for ASCII text).
 */
#include "sql/sql_int.h"

#include "common/em_mem.h"

#include <string.h>

/* Decodes one UTF-8 code point at s[0..n); returns its length (0 when malformed). */
static int sql_utf8_decode(const unsigned char *s, int n, uint32_t *cp)
{
    unsigned char c = s[0];
    int len;
    uint32_t v;
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if ((c & 0xE0) == 0xC0) {
        len = 2;
        v = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
        len = 3;
        v = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
        len = 4;
        v = c & 0x07;
    } else {
        return 0;
    }
    if (len > n)
        return 0;
    for (int idx = 1; idx < len; idx++) {
        if ((s[idx] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[idx] & 0x3F);
    }
    if ((len == 2 && v < 0x80) || (len == 3 && v < 0x800) || (len == 4 && v < 0x10000) ||
        v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return len;
}

/* The Unicode white space Spark's WS rule lists beyond ASCII. */
static bool sql_is_unicode_space(uint32_t cp)
{
    return cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
           cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

/*
 * An approximation of \p{L} for non-ASCII code points: everything except the common blocks of
 * punctuation, symbols, private use and emoji. (Spark's lexer turns those into unrecognized
 * tokens; here they would become identifier characters only outside these blocks.)
 */
static bool sql_is_unicode_letter(uint32_t cp)
{
    if (cp < 0x80 || sql_is_unicode_space(cp))
        return false;
    if (cp <= 0xBF)
        return cp == 0xAA || cp == 0xB5 || cp == 0xBA;
    if (cp == 0xD7 || cp == 0xF7)
        return false;
    if ((cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
        (cp >= 0xE000 && cp <= 0xF8FF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
        (cp >= 0xFF00 && cp <= 0xFF20) || (cp >= 0xFF3B && cp <= 0xFF40) ||
        (cp >= 0xFF5B && cp <= 0xFF65) || cp >= 0xFFF0)
        return cp >= 0x10000 && !(cp >= 0x1F000 && cp <= 0x1FAFF) && cp < 0xF0000;
    return true;
}

static bool sql_is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static bool sql_is_ascii_word(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || sql_is_digit(c) || c == '_';
}

static int sql_upper(int c)
{
    return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c;
}

typedef struct sql_lexer {
    const unsigned char *s;
    int len;
    sql_parser *p;
    int cap;
} sql_lexer;

static int sql_char_at(const sql_lexer *lx, int pos)
{
    return pos < lx->len ? lx->s[pos] : -1;
}

/* Length of a word character at pos (identifier letter, digit, '_'), 0 if none. */
static int sql_word_char(const sql_lexer *lx, int pos)
{
    if (pos >= lx->len)
        return 0;
    if (sql_is_ascii_word(lx->s[pos]))
        return 1;
    uint32_t cp;
    int n = sql_utf8_decode(lx->s + pos, lx->len - pos, &cp);
    return n > 0 && sql_is_unicode_letter(cp) ? n : 0;
}

static int sql_word_end(const sql_lexer *lx, int pos)
{
    int n;
    while ((n = sql_word_char(lx, pos)) > 0)
        pos += n;
    return pos;
}

static void sql_push(sql_lexer *lx, sql_tk kind, int start, int end /* exclusive */)
{
    sql_parser *p = lx->p;
    if (p->n_toks == lx->cap) {
        lx->cap = lx->cap ? lx->cap * 2 : 64;
        p->toks = em_realloc(p->toks, (size_t)lx->cap * sizeof *p->toks);
    }
    sql_token *t = &p->toks[p->n_toks++];
    t->kind = kind;
    t->kw = KW__NONE;
    t->start = start;
    t->stop = end - 1;
    if (kind == TK_IDENT)
        t->kw = sql_keyword_lookup((const char *)lx->s + start, end - start);
}

/* End (exclusive) of a quoted run starting at pos (the opening quote), or -1 if unterminated.
   Backslash escapes apply unless raw; a doubled quote stands for one quote. */
static int sql_quoted_end(const sql_lexer *lx, int pos, int quote, bool backslash)
{
    int idx = pos + 1;
    while (idx < lx->len) {
        int c = lx->s[idx];
        if (backslash && c == '\\' && idx + 1 < lx->len) {
            idx += 2;
        } else if (c == quote) {
            if (quote != '`' && !backslash)
                return idx + 1; /* raw strings have no escapes at all */
            if (idx + 1 < lx->len && lx->s[idx + 1] == quote)
                idx += 2;
            else
                return idx + 1;
        } else {
            idx++;
        }
    }
    return -1;
}

/* Exponent part at pos: E [+-]? digits+; returns its length or 0. */
static int sql_exponent_len(const sql_lexer *lx, int pos)
{
    if (sql_upper(sql_char_at(lx, pos)) != 'E')
        return 0;
    int idx = pos + 1;
    if (sql_char_at(lx, idx) == '+' || sql_char_at(lx, idx) == '-')
        idx++;
    int digits = idx;
    while (sql_is_digit(sql_char_at(lx, idx)))
        idx++;
    return idx > digits ? idx - pos : 0;
}

/* Spark's isValidDecimal(): the character after a token with a '.' is not [A-Z0-9_]. */
static bool sql_valid_decimal_end(const sql_lexer *lx, int pos)
{
    int c = sql_upper(sql_char_at(lx, pos));
    return !((c >= 'A' && c <= 'Z') || sql_is_digit(c) || c == '_');
}

typedef struct sql_cand {
    sql_tk kind;
    int len;
} sql_cand;

/* Keeps the longest candidate; on a tie the earlier rule (lower rank) wins. */
static void sql_cand_offer(sql_cand *best, int *best_rank, sql_tk kind, int rank, int len)
{
    if (len > best->len || (len == best->len && len > 0 && rank < *best_rank)) {
        best->kind = kind;
        best->len = len;
        *best_rank = rank;
    }
}

/* Ranks in the lexer grammar's order (lower = listed first). */
enum {
    SQL_R_BIGINT,
    SQL_R_SMALLINT,
    SQL_R_TINYINT,
    SQL_R_INTEGER,
    SQL_R_EXPONENT,
    SQL_R_DECIMAL,
    SQL_R_FLOAT,
    SQL_R_DOUBLE,
    SQL_R_BIGDECIMAL,
    SQL_R_IDENT,
};

/* Offers the suffixed forms (F, D, BD) of a numeric body of length body. */
static void sql_offer_suffixes(const sql_lexer *lx, int pos, int body, bool dotted, sql_cand *best,
                               int *rank)
{
    int c = sql_upper(sql_char_at(lx, pos + body));
    if (c == 'F' && (!dotted || sql_valid_decimal_end(lx, pos + body + 1)))
        sql_cand_offer(best, rank, TK_FLOAT, SQL_R_FLOAT, body + 1);
    if (c == 'D' && (!dotted || sql_valid_decimal_end(lx, pos + body + 1)))
        sql_cand_offer(best, rank, TK_DOUBLE, SQL_R_DOUBLE, body + 1);
    if (c == 'B' && sql_upper(sql_char_at(lx, pos + body + 1)) == 'D' &&
        (!dotted || sql_valid_decimal_end(lx, pos + body + 2)))
        sql_cand_offer(best, rank, TK_BIGDECIMAL, SQL_R_BIGDECIMAL, body + 2);
}

/* A token starting with a digit or ".digit": numbers of every form, or an identifier. */
static sql_cand sql_scan_number(const sql_lexer *lx, int pos)
{
    sql_cand best = {TK_UNRECOGNIZED, 0};
    int rank = 1000;
    int nd = 0;
    while (sql_is_digit(sql_char_at(lx, pos + nd)))
        nd++;
    if (nd > 0) {
        int c = sql_upper(sql_char_at(lx, pos + nd));
        sql_cand_offer(&best, &rank, TK_INTEGER, SQL_R_INTEGER, nd);
        if (c == 'L')
            sql_cand_offer(&best, &rank, TK_BIGINT, SQL_R_BIGINT, nd + 1);
        if (c == 'S')
            sql_cand_offer(&best, &rank, TK_SMALLINT, SQL_R_SMALLINT, nd + 1);
        if (c == 'Y')
            sql_cand_offer(&best, &rank, TK_TINYINT, SQL_R_TINYINT, nd + 1);
        int ne = sql_exponent_len(lx, pos + nd);
        if (ne) {
            sql_cand_offer(&best, &rank, TK_EXPONENT, SQL_R_EXPONENT, nd + ne);
            sql_offer_suffixes(lx, pos, nd + ne, false, &best, &rank);
        }
        sql_offer_suffixes(lx, pos, nd, false, &best, &rank);
        sql_cand_offer(&best, &rank, TK_IDENT, SQL_R_IDENT, sql_word_end(lx, pos) - pos);
    }
    if (sql_char_at(lx, pos + nd) == '.') {
        int nf = 0;
        while (sql_is_digit(sql_char_at(lx, pos + nd + 1 + nf)))
            nf++;
        if (nd > 0 || nf > 0) {
            int body = nd + 1 + nf;
            if (sql_valid_decimal_end(lx, pos + body))
                sql_cand_offer(&best, &rank, TK_DECIMAL, SQL_R_DECIMAL, body);
            int ne = sql_exponent_len(lx, pos + body);
            if (ne) {
                if (sql_valid_decimal_end(lx, pos + body + ne))
                    sql_cand_offer(&best, &rank, TK_EXPONENT, SQL_R_EXPONENT, body + ne);
                sql_offer_suffixes(lx, pos, body + ne, true, &best, &rank);
            }
            sql_offer_suffixes(lx, pos, body, true, &best, &rank);
        }
    }
    return best;
}

/* Skips a bracketed comment starting at pos ("/" "*"); returns the end, or len when unclosed
   (and records it). Nested comments count, except an inner opener followed by '+'. */
static int sql_skip_comment(sql_lexer *lx, int pos)
{
    int depth = 1;
    int idx = pos + 2;
    while (idx < lx->len) {
        if (lx->s[idx] == '*' && idx + 1 < lx->len && lx->s[idx + 1] == '/') {
            idx += 2;
            if (--depth == 0)
                return idx;
        } else if (lx->s[idx] == '/' && idx + 1 < lx->len && lx->s[idx + 1] == '*' &&
                   !(idx + 2 < lx->len && lx->s[idx + 2] == '+')) {
            depth++;
            idx += 2;
        } else {
            idx++;
        }
    }
    if (!lx->p->unclosed_comment) {
        lx->p->unclosed_comment = true;
        lx->p->unclosed_start = pos;
    }
    return lx->len;
}

/* Operators and punctuation; returns the token length (0 if c starts none). */
static int sql_scan_operator(const sql_lexer *lx, int pos, sql_tk *kind)
{
    int c = lx->s[pos], n1 = sql_char_at(lx, pos + 1), n2 = sql_char_at(lx, pos + 2);
    switch (c) {
    case ';':
        *kind = TK_SEMI;
        return 1;
    case '(':
        *kind = TK_LPAREN;
        return 1;
    case ')':
        *kind = TK_RPAREN;
        return 1;
    case ',':
        *kind = TK_COMMA;
        return 1;
    case '.':
        *kind = TK_DOT;
        return 1;
    case '[':
        *kind = TK_LBRACKET;
        return 1;
    case ']':
        *kind = TK_RBRACKET;
        return 1;
    case '?':
        *kind = TK_QUESTION;
        return 1;
    case '+':
        *kind = TK_PLUS;
        return 1;
    case '%':
        *kind = TK_PERCENT;
        return 1;
    case '~':
        *kind = TK_TILDE;
        return 1;
    case '&':
        *kind = TK_AMP;
        return 1;
    case '^':
        *kind = TK_HAT;
        return 1;
    case '/':
        *kind = TK_SLASH;
        return 1;
    case '!':
        if (n1 == '=') {
            *kind = TK_NEQJ;
            return 2;
        }
        if (n1 == '>') {
            *kind = TK_LTE;
            return 2;
        }
        if (n1 == '<') {
            *kind = TK_GTE;
            return 2;
        }
        *kind = TK_BANG;
        return 1;
    case '=':
        if (n1 == '=') {
            *kind = TK_EQ;
            return 2;
        }
        if (n1 == '>') {
            *kind = TK_FAT_ARROW;
            return 2;
        }
        *kind = TK_EQ;
        return 1;
    case '<':
        if (n1 == '=' && n2 == '>') {
            *kind = TK_NSEQ;
            return 3;
        }
        if (n1 == '=') {
            *kind = TK_LTE;
            return 2;
        }
        if (n1 == '>') {
            *kind = TK_NEQ;
            return 2;
        }
        if (n1 == '<') {
            *kind = TK_SHL;
            return 2;
        }
        *kind = TK_LT;
        return 1;
    case '>':
        if (n1 == '=') {
            *kind = TK_GTE;
            return 2;
        }
        if (n1 == '>' && n2 == '>') {
            *kind = TK_SHRU;
            return 3;
        }
        if (n1 == '>') {
            *kind = TK_SHR;
            return 2;
        }
        *kind = TK_GT;
        return 1;
    case '-':
        if (n1 == '>') {
            *kind = TK_ARROW;
            return 2;
        }
        *kind = TK_MINUS;
        return 1;
    case '*':
        if (n1 == '/') {
            *kind = TK_HINT_END;
            return 2;
        }
        *kind = TK_STAR;
        return 1;
    case '|':
        if (n1 == '|') {
            *kind = TK_CONCAT;
            return 2;
        }
        if (n1 == '>') {
            *kind = TK_PIPE_OP;
            return 2;
        }
        *kind = TK_PIPE;
        return 1;
    case ':':
        if (n1 == ':') {
            *kind = TK_DCOLON;
            return 2;
        }
        *kind = TK_COLON;
        return 1;
    default:
        return 0;
    }
}

int sql_lex(sql_parser *p)
{
    sql_lexer lx = {(const unsigned char *)p->text, p->len, p, 0};
    int pos = 0;
    while (pos < lx.len) {
        if (p->n_toks >= SQL_MAX_TOKENS)
            return em_error_set(p->err, "FAILED_TO_PARSE_TOO_COMPLEX", NULL);
        int c = lx.s[pos];
        /* White space. */
        if (c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == 0x0B) {
            pos++;
            continue;
        }
        if (c >= 0x80) {
            uint32_t cp;
            int n = sql_utf8_decode(lx.s + pos, lx.len - pos, &cp);
            if (n > 0 && sql_is_unicode_space(cp)) {
                pos += n;
                continue;
            }
        }
        /* Comments and hints. */
        if (c == '-' && sql_char_at(&lx, pos + 1) == '-') {
            pos += 2;
            while (pos < lx.len && lx.s[pos] != '\n' && lx.s[pos] != '\r') {
                if (lx.s[pos] == '\\' && sql_char_at(&lx, pos + 1) == '\n')
                    pos += 2;
                else
                    pos++;
            }
            continue;
        }
        if (c == '/' && sql_char_at(&lx, pos + 1) == '*') {
            if (sql_char_at(&lx, pos + 2) == '+') {
                sql_push(&lx, TK_HINT_START, pos, pos + 3);
                pos += 3;
            } else {
                pos = sql_skip_comment(&lx, pos);
            }
            continue;
        }
        /* Quoted tokens. */
        if (c == '\'' || c == '"' || c == '`') {
            int end = sql_quoted_end(&lx, pos, c, c != '`');
            if (end < 0) {
                sql_push(&lx, TK_UNRECOGNIZED, pos, pos + 1);
                pos++;
            } else {
                sql_push(&lx, c == '\'' ? TK_STRING : c == '"' ? TK_DQSTRING : TK_QIDENT, pos, end);
                pos = end;
            }
            continue;
        }
        /* Numbers (and identifiers that start with a digit). */
        if (sql_is_digit(c) || (c == '.' && sql_is_digit(sql_char_at(&lx, pos + 1)))) {
            sql_cand cand = sql_scan_number(&lx, pos);
            if (cand.len > 0) {
                sql_push(&lx, cand.kind, pos, pos + cand.len);
                pos += cand.len;
                continue;
            }
        }
        /* Words, raw strings. */
        if (sql_word_char(&lx, pos) > 0) {
            int end = sql_word_end(&lx, pos);
            int q = sql_char_at(&lx, end);
            if (end == pos + 1 && (c == 'R' || c == 'r') && (q == '\'' || q == '"')) {
                int rend = sql_quoted_end(&lx, end, q, false);
                if (rend > 0) {
                    sql_push(&lx, TK_STRING, pos, rend);
                    pos = rend;
                    continue;
                }
            }
            sql_push(&lx, TK_IDENT, pos, end);
            pos = end;
            continue;
        }
        sql_tk kind;
        int n = sql_scan_operator(&lx, pos, &kind);
        if (n > 0) {
            sql_push(&lx, kind, pos, pos + n);
            pos += n;
            continue;
        }
        /* One unrecognized character (a whole UTF-8 sequence when well formed). */
        uint32_t cp;
        int clen = c >= 0x80 ? sql_utf8_decode(lx.s + pos, lx.len - pos, &cp) : 1;
        if (clen <= 0)
            clen = 1;
        sql_push(&lx, TK_UNRECOGNIZED, pos, pos + clen);
        pos += clen;
    }
    sql_push(&lx, TK_EOF, lx.len, lx.len + 1);
    return EM_OK;
}
