/*
 * doc_runner.c: the documentation examples of libember (src/client/doc) are real programs.
 * Usage: client_docs EMBER_BINARY DOC_DIR EXAMPLE_BINARY...
 *   1. every "<!-- example: PATH -->" block of the pages (DOC_DIR, .md files) must show
 *      the file at PATH (relative to DOC_DIR) exactly, so pages never drift from the code;
 *   2. every example program runs against `ember serve --port 0` (SPARK_REMOTE points at it)
 *      and must exit 0.
 * Ends with "N passed, M failed, 0 skipped"; exit 77 when the server cannot start.
 */
#include <dirent.h>
#include <spawn.h>
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

/* Checks the example blocks of one page; returns the number of mismatches. */
static int check_page(const char *dir, const char *page, int *n_blocks)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, page);
    char *text = read_all(path);
    if (!text)
        return 1;
    int bad = 0;
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
        }
        (*n_blocks)++;
        em_free(code);
    }
    em_free(text);
    return bad;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        printf("usage: client_docs EMBER_BINARY DOC_DIR EXAMPLE...\n");
        return 2;
    }
    int passed = 0, failed = 0;
    DIR *d = opendir(argv[2]);
    int n_blocks = 0;
    for (struct dirent *e; d && (e = readdir(d)) != NULL;) {
        size_t n = strlen(e->d_name);
        if (n > 3 && strcmp(e->d_name + n - 3, ".md") == 0)
            failed += check_page(argv[2], e->d_name, &n_blocks);
    }
    if (d)
        closedir(d);
    if (n_blocks < argc - 3) {
        printf("FAIL: %d examples are compiled but only %d are shown on the pages\n", argc - 3,
               n_blocks);
        failed++;
    }
    int port = 0;
    pid_t server = cl_server_start(argv[1], &port);
    if (server < 0) {
        printf("client_docs: server did not start; skipped\n0 passed, 0 failed, 0 skipped\n");
        return 77;
    }
    char url[64];
    snprintf(url, sizeof url, "sc://127.0.0.1:%d", port);
    setenv("SPARK_REMOTE", url, 1);
    for (int idx = 3; idx < argc; idx++) {
        char *args[] = {argv[idx], NULL};
        pid_t pid;
        int status = -1;
        if (posix_spawn(&pid, argv[idx], NULL, NULL, args, environ) == 0)
            waitpid(pid, &status, 0);
        bool ok = status == 0;
        printf("%s %s\n", ok ? "ok  " : "FAIL", argv[idx]);
        fflush(stdout);
        if (ok)
            passed++;
        else
            failed++;
    }
    cl_server_stop(server);
    printf("%d passed, %d failed, 0 skipped\n", passed, failed);
    return failed ? 1 : 0;
}
