/*
 * rp_ratchet: the ratchet file of a doctest suite (architecture §5 "Ratchets"): the ids of the
 * cases known to pass, sorted, one per line. The replay fails when a listed case does not
 * pass; --update merges new passes in and never removes a line.
 *
 * rp_idset keeps ids sorted with strcmp (byte order, what `LC_ALL=C sort` gives), so the file
 * it writes is sorted and diffs stay small.
 */
#include "rp_int.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "common/em_mem.h"

/* A line longer than this is rejected (case ids are docstring names plus an index). */
#define RP_RATCHET_MAX_LINE 4096

void rp_idset_init(rp_idset *s)
{
    memset(s, 0, sizeof *s);
}

void rp_idset_release(rp_idset *s)
{
    for (size_t idx = 0; idx < s->n; idx++)
        em_free(s->ids[idx]);
    em_free(s->ids);
    memset(s, 0, sizeof *s);
}

/* Binary search: the index of id, or of where it would be inserted (*found says which). */
static size_t rp_idset_find(const rp_idset *s, const char *id, bool *found)
{
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int cmp = strcmp(s->ids[mid], id);
        if (cmp == 0) {
            *found = true;
            return mid;
        }
        if (cmp < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    *found = false;
    return lo;
}

void rp_idset_add(rp_idset *s, const char *id)
{
    bool found;
    size_t at = rp_idset_find(s, id, &found);
    if (found)
        return;
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 64;
        s->ids = em_realloc(s->ids, s->cap * sizeof *s->ids);
    }
    memmove(s->ids + at + 1, s->ids + at, (s->n - at) * sizeof *s->ids);
    s->ids[at] = em_strdup(id);
    s->n++;
}

bool rp_idset_has(const rp_idset *s, const char *id)
{
    bool found;
    rp_idset_find(s, id, &found);
    return found;
}

int rp_ratchet_read(const char *path, rp_idset *out, char *errbuf, size_t errsize)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        if (errno == ENOENT)
            return 0;
        snprintf(errbuf, errsize, "cannot open %s: %s", path, strerror(errno));
        return -1;
    }
    char line[RP_RATCHET_MAX_LINE];
    int line_no = 0;
    while (fgets(line, sizeof line, f)) {
        line_no++;
        size_t len = strlen(line);
        if (len == sizeof line - 1 && line[len - 1] != '\n' && !feof(f)) {
            snprintf(errbuf, errsize, "%s:%d: line too long", path, line_no);
            fclose(f);
            return -1;
        }
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r' || line[len - 1] == ' ' ||
                           line[len - 1] == '\t'))
            line[--len] = '\0';
        if (len == 0 || line[0] == '#')
            continue;
        rp_idset_add(out, line);
    }
    bool failed = ferror(f) != 0;
    fclose(f);
    if (failed) {
        snprintf(errbuf, errsize, "cannot read %s", path);
        return -1;
    }
    return 0;
}

int rp_ratchet_write(const char *path, const rp_idset *ids, char *errbuf, size_t errsize)
{
    em_str tmp_path;
    em_str_init(&tmp_path, 0);
    em_str_printf(&tmp_path, "%s.tmp.%ld", path, (long)getpid());
    FILE *f = fopen(tmp_path.data, "w");
    if (!f) {
        snprintf(errbuf, errsize, "cannot create %s: %s", tmp_path.data, strerror(errno));
        em_str_release(&tmp_path);
        return -1;
    }
    for (size_t idx = 0; idx < ids->n; idx++) {
        fputs(ids->ids[idx], f);
        fputc('\n', f);
    }
    bool failed = ferror(f) != 0;
    if (fclose(f) != 0)
        failed = true;
    if (!failed && rename(tmp_path.data, path) != 0)
        failed = true;
    if (failed) {
        snprintf(errbuf, errsize, "cannot write %s: %s", path, strerror(errno));
        unlink(tmp_path.data);
    }
    em_str_release(&tmp_path);
    return failed ? -1 : 0;
}
