/*
 * fuzz_driver: replays fuzz inputs without libFuzzer, as a regression test. Reads every file of
 * the corpus directory (argv[1]), feeds it to LLVMFuzzerTestOneInput, then feeds deterministic
 * mutations of it: truncations, single-bit flips, byte overwrites with extreme values, and
 * length-prefix inflation. Passing means no crash, hang or sanitizer report.
 */
#include "common/em_mem.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint8_t *fd_read(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    if (n < 0 || n > (64 << 20)) {
        fclose(f);
        return NULL;
    }
    uint8_t *buf = em_malloc((size_t)n + 1);
    *len = fread(buf, 1, (size_t)n, f);
    fclose(f);
    return buf;
}

static uint32_t fd_rand_state = 12345;
static uint32_t fd_rand(void)
{
    fd_rand_state = fd_rand_state * 1103515245u + 12345u;
    return fd_rand_state >> 8;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s CORPUS_DIR\n", argv[0]);
        return 2;
    }
    DIR *d = opendir(argv[1]);
    if (!d) {
        printf("corpus %s not found: 0 passed, 0 failed, 1 skipped\n", argv[1]);
        return 0;
    }
    struct dirent *e;
    long files = 0, runs = 0;
    while ((e = readdir(d)) != NULL) {
        size_t nl = strlen(e->d_name);
        if (nl < 4 || strcmp(e->d_name + nl - 4, ".bin") != 0)
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", argv[1], e->d_name);
        size_t len = 0;
        uint8_t *buf = fd_read(path, &len);
        if (!buf)
            continue;
        files++;
        LLVMFuzzerTestOneInput(buf, len);
        runs++;
        uint8_t *m = em_malloc(len + 16);
        for (int k = 0; k < 24 && len > 0; k++) {
            memcpy(m, buf, len);
            size_t at = fd_rand() % len;
            switch (k % 4) {
            case 0:
                LLVMFuzzerTestOneInput(m, at); /* truncation */
                break;
            case 1:
                m[at] ^= (uint8_t)(1u << (fd_rand() % 8));
                LLVMFuzzerTestOneInput(m, len);
                break;
            case 2:
                m[at] = (fd_rand() & 1) ? 0xff : 0x00;
                LLVMFuzzerTestOneInput(m, len);
                break;
            default:
                /* a varint that claims a huge length */
                m[at] = 0xff;
                if (at + 1 < len)
                    m[at + 1] = 0xff;
                if (at + 2 < len)
                    m[at + 2] = 0x7f;
                LLVMFuzzerTestOneInput(m, len);
            }
            runs++;
        }
        em_free(m);
        em_free(buf);
    }
    closedir(d);
    printf("%ld files, %ld inputs\n", files, runs);
    printf("%ld passed, 0 failed\n", runs);
    return 0;
}
