/*
 * st_ratchet: sets of case ids and the ratchet file tests/ratchet/sql-golden.txt (architecture
 * §5 "Ratchets"): one id per line, sorted by strcmp, '#' comment lines and blank lines
 * ignored. The file is rewritten through a temporary file and rename, so a crash never leaves
 * half a ratchet.
 */
#include "st_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/em_mem.h"

void st_idset_init(st_idset *s)
{
    memset(s, 0, sizeof *s);
    s->sorted = true;
}

void st_idset_release(st_idset *s)
{
    for (size_t idx = 0; idx < s->n; idx++)
        em_free(s->ids[idx]);
    em_free(s->ids);
    st_idset_init(s);
}

void st_idset_add(st_idset *s, const char *id)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 256;
        s->ids = em_realloc(s->ids, s->cap * sizeof *s->ids);
    }
    if (s->n > 0 && strcmp(s->ids[s->n - 1], id) >= 0)
        s->sorted = false;
    s->ids[s->n++] = em_strdup(id);
}

static int st_idcmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void st_idset_sort(st_idset *s)
{
    if (s->sorted)
        return;
    qsort(s->ids, s->n, sizeof *s->ids, st_idcmp);
    size_t out = 0;
    for (size_t idx = 0; idx < s->n; idx++) {
        if (out > 0 && strcmp(s->ids[out - 1], s->ids[idx]) == 0) {
            em_free(s->ids[idx]);
            continue;
        }
        s->ids[out++] = s->ids[idx];
    }
    s->n = out;
    s->sorted = true;
}

bool st_idset_has(st_idset *s, const char *id)
{
    st_idset_sort(s);
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(s->ids[mid], id);
        if (c == 0)
            return true;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

int st_ratchet_read(const char *path, st_idset *out, char *errbuf, size_t errsize)
{
    if (access(path, F_OK) != 0)
        return 0;
    size_t len;
    char *text = st_read_file(path, (size_t)64 << 20, &len);
    if (!text) {
        snprintf(errbuf, errsize, "cannot read %s", path);
        return -1;
    }
    char *p = text;
    while (*p) {
        char *nl = strchr(p, '\n');
        char *end = nl ? nl : p + strlen(p);
        char *e = end;
        while (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
            e--;
        if (e > p && p[0] != '#') {
            char saved = *e;
            *e = '\0';
            st_idset_add(out, p);
            *e = saved;
        }
        p = nl ? nl + 1 : end;
    }
    em_free(text);
    st_idset_sort(out);
    return 0;
}

int st_ratchet_write(const char *path, st_idset *ids, char *errbuf, size_t errsize)
{
    st_idset_sort(ids);
    em_str tmp;
    em_str_init(&tmp, 0);
    em_str_printf(&tmp, "%s.tmp.%d", path, (int)getpid());
    FILE *f = fopen(tmp.data, "wb");
    if (!f) {
        snprintf(errbuf, errsize, "cannot write %s: %s", tmp.data, strerror(errno));
        em_str_release(&tmp);
        return -1;
    }
    for (size_t idx = 0; idx < ids->n; idx++)
        fprintf(f, "%s\n", ids->ids[idx]);
    bool bad = ferror(f) != 0;
    if (fclose(f) != 0)
        bad = true;
    if (bad || rename(tmp.data, path) != 0) {
        snprintf(errbuf, errsize, "cannot write %s: %s", path, strerror(errno));
        unlink(tmp.data);
        em_str_release(&tmp);
        return -1;
    }
    em_str_release(&tmp);
    return 0;
}
