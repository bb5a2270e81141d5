/*
 * doc_runner.c: the documentation examples of libember (src/client/doc) are real programs.
 * Usage: client_docs EMBER_BINARY DOC_DIR EMBER_H EXAMPLE_BINARY...
 *   1. every "<!-- example: PATH -->" block of the pages (DOC_DIR, .md files) must show
 *      the file at PATH (relative to DOC_DIR) exactly, so pages never drift from the code;
 *   2. every public function of EMBER_H (each `ember_name(` in the header) must be named on a
 *      page and called in at least one example shown on a page;
 *   3. every example program runs against `ember serve --port 0` (SPARK_REMOTE points at it)
 *      and must exit 0; an example exits 77 (skipped, reason printed) only when the server
 *      does not support what it shows.
 * Ends with "N passed, M failed, K skipped"; exit 77 when the server cannot start.
 */
#include <ctype.h>
#include <dirent.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "cl_test_server.h"
#include "common/em_mem.h"
#include "common/em_str.h"

extern char **environ;

static char *read_all(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    em_str s;
    em_str_init(&s, 0);
    char buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        em_str_append(&s, buf, n);
    fclose(f);
    return em_str_move(&s);
}

/* Appends every identifier "ember_xxx" of text (only those followed by '(' when need_paren)
 * to names, as "\nname" lines (deduplicated). */
static void collect_calls(const char *text, em_str *names, bool need_paren)
{
    for (const char *p = strstr(text, "ember_"); p; p = strstr(p + 1, "ember_")) {
        if (p > text && (isalnum((unsigned char)p[-1]) || p[-1] == '_'))
            continue;
        const char *q = p;
        while (islower((unsigned char)*q) || isdigit((unsigned char)*q) || *q == '_')
            q++;
        const char *paren = q;
        while (*paren == ' ')
            paren++;
        if (need_paren && *paren != '(')
            continue;
        char word[128];
        snprintf(word, sizeof word, "\n%.*s\n", (int)(q - p), p);
        if (!names->len || !strstr(names->data, word))
            em_str_append(names, word, strlen(word) - 1); /* keep one leading '\n' per word */
    }
    if (!names->len || names->data[names->len - 1] != '\n')
        em_str_puts(names, "\n");
}

/* Checks the example blocks of one page; returns the number of mismatches. The page text goes
 * to prose, the examples' code to code. */
static int check_page(const char *dir, const char *page, int *n_blocks, em_str *prose,
                      em_str *code_calls)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, page);
    char *text = read_all(path);
    if (!text)
        return 1;
    int bad = 0;
    collect_calls(text, prose, false);
    static const char marker[] = "<!-- example: ";
    for (char *p = strstr(text, marker); p; p = strstr(p + 1, marker)) {
        char *name = p + sizeof marker - 1;
        char *end = strstr(name, " -->");
        char *open = end ? strstr(end, "```c\n") : NULL;
        char *close = open ? strstr(open + 5, "```\n") : NULL;
        if (!end || !open || !close) {
            printf("FAIL %s: malformed example block\n", page);
            bad++;
            continue;
        }
        char file[1024];
        snprintf(file, sizeof file, "%s/%.*s", dir, (int)(end - name), name);
        char *code = read_all(file);
        size_t len = (size_t)(close - (open + 5));
        if (!code || strlen(code) != len || memcmp(code, open + 5, len) != 0) {
            printf("FAIL %s: the block of %s differs from the file\n", page, file);
            bad++;
        } else {
            collect_calls(code, code_calls, true);
        }
        (*n_blocks)++;
        em_free(code);
    }
    em_free(text);
    return bad;
}

/* Fails for every public function of the header missing from prose or from code. */
static int check_coverage(const char *header, const em_str *prose, const em_str *code,
                          int *n_functions)
{
    char *text = read_all(header);
    if (!text) {
        printf("FAIL: cannot read %s\n", header);
        return 1;
    }
    em_str api;
    em_str_init(&api, 0);
    collect_calls(text, &api, true);
    em_free(text);
    int bad = 0;
    for (char *p = api.data; p && *p;) {
        char *end = strchr(p + 1, '\n');
        if (!end)
            break;
        char word[160];
        snprintf(word, sizeof word, "%.*s", (int)(end - p + 1), p); /* "\nname\n" */
        if (strlen(word) > 2) {
            (*n_functions)++;
            bool on_page = prose->len && strstr(prose->data, word);
            bool in_code = code->len && strstr(code->data, word);
            if (!on_page || !in_code) {
                printf("FAIL %.*s: %s\n", (int)strlen(word) - 2, word + 1,
                       !on_page ? "not named on any page" : "not called by any example");
                bad++;
            }
        }
        p = end;
    }
    em_str_release(&api);
    return bad;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        printf("usage: client_docs EMBER_BINARY DOC_DIR EMBER_H EXAMPLE...\n");
        return 2;
    }
    int passed = 0, failed = 0, skipped = 0;
    DIR *d = opendir(argv[2]);
    int n_blocks = 0;
    em_str prose, code;
    em_str_init(&prose, 0);
    em_str_init(&code, 0);
    for (struct dirent *e; d && (e = readdir(d)) != NULL;) {
        size_t n = strlen(e->d_name);
        if (n > 3 && strcmp(e->d_name + n - 3, ".md") == 0)
            failed += check_page(argv[2], e->d_name, &n_blocks, &prose, &code);
    }
    if (d)
        closedir(d);
    if (n_blocks < argc - 4) {
        printf("FAIL: %d examples are compiled but only %d are shown on the pages\n", argc - 4,
               n_blocks);
        failed++;
    }
    int n_functions = 0;
    int uncovered = check_coverage(argv[3], &prose, &code, &n_functions);
    printf("%d public functions, %d not documented or not in an example\n", n_functions, uncovered);
    failed += uncovered;
    em_str_release(&prose);
    em_str_release(&code);
    int port = 0;
    pid_t server = cl_server_start(argv[1], &port);
    if (server < 0) {
        printf("client_docs: server did not start; skipped\n0 passed, 0 failed, 0 skipped\n");
        return 77;
    }
    char url[64];
    snprintf(url, sizeof url, "sc://127.0.0.1:%d", port);
    setenv("SPARK_REMOTE", url, 1);
    for (int idx = 4; idx < argc; idx++) {
        char *args[] = {argv[idx], NULL};
        pid_t pid;
        int status = -1;
        if (posix_spawn(&pid, argv[idx], NULL, NULL, args, environ) == 0)
            waitpid(pid, &status, 0);
        bool ok = status == 0;
        bool skip = WIFEXITED(status) && WEXITSTATUS(status) == 77;
        printf("%s %s\n", ok ? "ok  " : skip ? "skip" : "FAIL", argv[idx]);
        fflush(stdout);
        if (ok)
            passed++;
        else if (skip)
            skipped++;
        else
            failed++;
    }
    cl_server_stop(server);
    printf("%d passed, %d failed, %d skipped\n", passed, failed, skipped);
    return failed ? 1 : 0;
}
