/*
 * io_commit: the commit protocol of a write — how new files become visible at the destination
 * all at once, and how a crash at any point leaves the old data readable and nothing partial
 * visible.
 *
 *  1. begin: under an exclusive flock on the parent folder, stale staging folders of writers that
 *     died are removed (a live writer holds an flock on its own staging folder), the mode is
 *     checked, and the staging folder `<parent>/.<name>._ember_staging_<uuid>` is created beside
 *     the destination. Its name starts with '.', so readers of the parent skip it, and it is not
 *     inside the destination, so readers of the destination never see it.
 *  2. The part files are written into the staging folder (partition folders inside it) and each
 *     is fsynced when it is closed (io_wfile.c); `_SUCCESS` is written last.
 *  3. publish, under the parent flock: for append, every file already at the destination is
 *     hard-linked into the staging folder (same file system: it is a sibling), so the staging
 *     folder holds the complete new state; every folder of the staging tree is fsynced; then the
 *     staging folder and the destination are swapped with renameat2(RENAME_EXCHANGE), atomically
 *     (a plain rename when the destination does not exist), and the parent is fsynced.
 *  4. end: the staging path now holds the old data (or is empty); it is removed.
 *
 * A crash before the swap leaves the destination untouched (plus a hidden staging folder, removed
 * by the next write to the same destination); a crash after it leaves the complete new data.
 * Where RENAME_EXCHANGE is not supported the swap is two renames through a hidden
 * `.<name>._ember_old_<uuid>` folder, and begin renames such a folder back when a crash left the
 * destination missing. Writers to one destination are serialized at begin and publish by the
 * parent's flock (concurrent appends both land; overwrite vs append is last-writer-wins).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/em_mem.h"
#include "io/io_write_int.h"

void (*io_commit_test_hook)(const char *step);
bool io_commit_test_no_exchange;

static void io_step(const char *step)
{
    if (io_commit_test_hook)
        io_commit_test_hook(step);
}

#define IO_STAGING_TAG "._ember_staging_"
#define IO_OLD_TAG     "._ember_old_"

/* ---- paths ---------------------------------------------------------------------------------- */

/* An absolute, lexically normalized copy of p ("file:" URIs accepted). Caller frees. */
static char *io_abs_path(const char *p)
{
    if (strncmp(p, "file://", 7) == 0)
        p += 7;
    else if (strncmp(p, "file:", 5) == 0)
        p += 5;
    em_str raw;
    em_str_init(&raw, 0);
    if (p[0] != '/') {
        char cwd[4096];
        if (getcwd(cwd, sizeof cwd))
            em_str_puts(&raw, cwd);
        em_str_putc(&raw, '/');
    }
    em_str_puts(&raw, p);
    /* Components, with "." dropped and ".." popping one. */
    em_str out;
    em_str_init(&out, 0);
    const char *c = raw.data;
    while (*c) {
        while (*c == '/')
            c++;
        const char *e = c;
        while (*e && *e != '/')
            e++;
        size_t n = (size_t)(e - c);
        if (n == 0 || (n == 1 && c[0] == '.')) {
            /* skip */
        } else if (n == 2 && c[0] == '.' && c[1] == '.') {
            while (out.len > 0 && out.data[out.len - 1] != '/')
                out.len--;
            if (out.len > 0)
                out.len--;
            out.data[out.len] = '\0';
        } else {
            em_str_putc(&out, '/');
            em_str_append(&out, c, n);
        }
        c = e;
    }
    if (out.len == 0)
        em_str_putc(&out, '/');
    em_str_release(&raw);
    return em_str_move(&out);
}

/* mkdir -p of an absolute path, fsyncing the parent of every folder it creates. */
static int io_mkdirs_abs(const char *abs, em_error *err)
{
    char *p = em_strdup(abs);
    int rc = EM_OK;
    for (char *s = p + 1;; s++) {
        if (*s != '/' && *s != '\0')
            continue;
        char saved = *s;
        *s = '\0';
        if (mkdir(p, 0755) == 0) {
            char *slash = strrchr(p, '/');
            char keep = slash[1];
            slash[1] = '\0';
            int fd = open(p, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
            if (fd >= 0) {
                fsync(fd);
                close(fd);
            }
            slash[1] = keep;
        } else if (errno != EEXIST) {
            rc = io_write_io_error(err, "mkdir", p, errno);
            break;
        }
        *s = saved;
        if (saved == '\0')
            break;
    }
    em_free(p);
    return rc;
}

/* ---- trees ---------------------------------------------------------------------------------- */

int io_rm_tree(int dir_fd, const char *name)
{
    struct stat st;
    if (fstatat(dir_fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
        return errno == ENOENT ? 0 : errno;
    if (!S_ISDIR(st.st_mode))
        return unlinkat(dir_fd, name, 0) == 0 || errno == ENOENT ? 0 : errno;
    int fd = openat(dir_fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return errno;
    DIR *d = fdopendir(fd);
    if (!d) {
        int e = errno;
        close(fd);
        return e;
    }
    int rc = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        int r = io_rm_tree(dirfd(d), e->d_name);
        if (r && !rc)
            rc = r;
    }
    closedir(d);
    if (unlinkat(dir_fd, name, AT_REMOVEDIR) != 0 && errno != ENOENT && !rc)
        rc = errno;
    return rc;
}

/* fsyncs every folder of the tree at fd (children first). Returns 0 or an errno. */
static int io_sync_tree(int fd)
{
    int dup_fd = dup(fd);
    if (dup_fd < 0)
        return errno;
    DIR *d = fdopendir(dup_fd);
    if (!d) {
        int e = errno;
        close(dup_fd);
        return e;
    }
    int rc = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' && (!e->d_name[1] || (e->d_name[1] == '.' && !e->d_name[2])))
            continue;
        struct stat st;
        if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISDIR(st.st_mode))
            continue;
        int sub = openat(dirfd(d), e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (sub < 0) {
            rc = errno;
            break;
        }
        rc = io_sync_tree(sub);
        close(sub);
        if (rc)
            break;
    }
    closedir(d);
    if (!rc && fsync(fd) != 0)
        rc = errno;
    return rc;
}

/* Hard-links every file of the tree src into dst (folders merged; names dst already has are
   kept: they are this write's _SUCCESS). Returns 0 or an errno. */
static int io_link_tree(int src, int dst)
{
    int dup_fd = dup(src);
    if (dup_fd < 0)
        return errno;
    DIR *d = fdopendir(dup_fd);
    if (!d) {
        int e = errno;
        close(dup_fd);
        return e;
    }
    int rc = 0;
    struct dirent *e;
    while (!rc && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' && (!e->d_name[1] || (e->d_name[1] == '.' && !e->d_name[2])))
            continue;
        struct stat st;
        if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
            rc = errno;
            break;
        }
        if (S_ISDIR(st.st_mode)) {
            if (mkdirat(dst, e->d_name, 0755) != 0 && errno != EEXIST) {
                rc = errno;
                break;
            }
            int s = openat(dirfd(d), e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            int t = openat(dst, e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            if (s < 0 || t < 0)
                rc = errno;
            else
                rc = io_link_tree(s, t);
            if (s >= 0)
                close(s);
            if (t >= 0)
                close(t);
        } else if (linkat(dirfd(d), e->d_name, dst, e->d_name, 0) != 0 && errno != EEXIST) {
            rc = errno;
        }
    }
    closedir(d);
    return rc;
}

/* ---- begin ---------------------------------------------------------------------------------- */

static bool io_has_prefix(const char *s, const char *prefix, size_t n)
{
    return strncmp(s, prefix, n) == 0;
}

/* Under the parent lock: removes staging folders of dead writers of this destination and puts
   back a destination a crashed fallback swap left aside. */
static void io_commit_gc(io_commit *c)
{
    char staging_prefix[1024], old_prefix[1024];
    snprintf(staging_prefix, sizeof staging_prefix, ".%s" IO_STAGING_TAG, c->name);
    snprintf(old_prefix, sizeof old_prefix, ".%s" IO_OLD_TAG, c->name);
    size_t sp = strlen(staging_prefix), op = strlen(old_prefix);
    int dup_fd = dup(c->parent_fd);
    DIR *d = dup_fd >= 0 ? fdopendir(dup_fd) : NULL;
    if (!d) {
        if (dup_fd >= 0)
            close(dup_fd);
        return;
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        bool staging = io_has_prefix(e->d_name, staging_prefix, sp);
        bool old = io_has_prefix(e->d_name, old_prefix, op);
        if (!staging && !old)
            continue;
        int fd = openat(c->parent_fd, e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0)
            continue;
        bool dead = flock(fd, LOCK_EX | LOCK_NB) == 0;
        close(fd);
        if (!dead)
            continue;
        struct stat st;
        if (old && fstatat(c->parent_fd, c->name, &st, AT_SYMLINK_NOFOLLOW) != 0 &&
            errno == ENOENT) {
            /* The fallback swap died between its renames: the old data goes back in place. */
            if (renameat(c->parent_fd, e->d_name, c->parent_fd, c->name) == 0) {
                fsync(c->parent_fd);
                continue;
            }
        }
        io_rm_tree(c->parent_fd, e->d_name);
    }
    closedir(d);
}

int io_commit_begin(io_commit *c, const char *dest, io_save_mode mode, const char *uuid, bool *skip,
                    em_error *err)
{
    memset(c, 0, sizeof *c);
    c->parent_fd = c->staging_fd = -1;
    *skip = false;
    c->dest = io_abs_path(dest);
    if (strcmp(c->dest, "/") == 0)
        return io_write_io_error(err, "write to", c->dest, EISDIR);
    char *slash = strrchr(c->dest, '/');
    c->name = em_strdup(slash + 1);
    c->parent = slash == c->dest ? em_strdup("/") : em_strndup(c->dest, (size_t)(slash - c->dest));
    if (io_mkdirs_abs(c->parent, err))
        return EM_EIO;
    c->parent_fd = open(c->parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (c->parent_fd < 0)
        return io_write_io_error(err, "open", c->parent, errno);
    flock(c->parent_fd, LOCK_EX);
    io_commit_gc(c);
    struct stat st;
    c->dest_exists = fstatat(c->parent_fd, c->name, &st, AT_SYMLINK_NOFOLLOW) == 0;
    int rc = EM_OK;
    if (c->dest_exists && mode == IO_SAVE_ERROR_IF_EXISTS) {
        char q[4200];
        snprintf(q, sizeof q, "file:%s", c->dest);
        rc = em_error_set(err, "PATH_ALREADY_EXISTS", "outputPath", q, NULL);
    } else if (c->dest_exists && mode == IO_SAVE_IGNORE) {
        *skip = true;
    } else {
        size_t n = strlen(c->parent) + strlen(c->name) + 64;
        c->staging = em_malloc(n);
        snprintf(c->staging, n, "%s/.%s" IO_STAGING_TAG "%s",
                 strcmp(c->parent, "/") == 0 ? "" : c->parent, c->name, uuid);
        if (mkdir(c->staging, 0755) != 0) {
            rc = io_write_io_error(err, "mkdir", c->staging, errno);
        } else {
            c->staging_fd = open(c->staging, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
            if (c->staging_fd < 0 || flock(c->staging_fd, LOCK_EX | LOCK_NB) != 0)
                rc = io_write_io_error(err, "lock", c->staging, errno);
        }
    }
    flock(c->parent_fd, LOCK_UN);
    return rc;
}

int io_commit_mkdirs(io_commit *c, const char *rel, em_error *err)
{
    size_t n = strlen(c->staging) + strlen(rel) + 2;
    char *p = em_malloc(n);
    snprintf(p, n, "%s/%s", c->staging, rel);
    int rc = io_mkdirs_abs(p, err);
    em_free(p);
    return rc;
}

/* ---- publish -------------------------------------------------------------------------------- */

static const char *io_base(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

int io_commit_publish(io_commit *c, io_save_mode mode, em_error *err)
{
    const char *staging_name = io_base(c->staging);
    flock(c->parent_fd, LOCK_EX);
    int rc = EM_OK, e = 0;
    struct stat st;
    bool exists = fstatat(c->parent_fd, c->name, &st, AT_SYMLINK_NOFOLLOW) == 0;
    if (exists && mode == IO_SAVE_APPEND) {
        int dfd = openat(c->parent_fd, c->name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        e = dfd < 0 ? errno : io_link_tree(dfd, c->staging_fd);
        if (dfd >= 0)
            close(dfd);
        if (e) {
            rc = io_write_io_error(err, "link old files of", c->dest, e);
            goto out;
        }
        io_step("linked");
    }
    e = io_sync_tree(c->staging_fd);
    if (e) {
        rc = io_write_io_error(err, "fsync", c->staging, e);
        goto out;
    }
    io_step("synced");
    if (!exists) {
        if (renameat(c->parent_fd, staging_name, c->parent_fd, c->name) != 0) {
            rc = io_write_io_error(err, "rename to", c->dest, errno);
            goto out;
        }
    } else if (io_commit_test_no_exchange ||
               renameat2(c->parent_fd, staging_name, c->parent_fd, c->name, RENAME_EXCHANGE) != 0) {
        if (!io_commit_test_no_exchange && errno != EINVAL && errno != ENOSYS && errno != ENOTSUP) {
            rc = io_write_io_error(err, "swap into", c->dest, errno);
            goto out;
        }
        /* No atomic exchange here: two renames through a hidden name begin can recover. */
        char old_name[1024];
        snprintf(old_name, sizeof old_name, ".%s" IO_OLD_TAG "%s", c->name,
                 staging_name + strlen(c->name) + 1 + strlen(IO_STAGING_TAG));
        if (renameat(c->parent_fd, c->name, c->parent_fd, old_name) != 0) {
            rc = io_write_io_error(err, "rename", c->dest, errno);
            goto out;
        }
        fsync(c->parent_fd);
        io_step("aside");
        if (renameat(c->parent_fd, staging_name, c->parent_fd, c->name) != 0) {
            e = errno;
            renameat(c->parent_fd, old_name, c->parent_fd, c->name);
            rc = io_write_io_error(err, "rename to", c->dest, e);
            goto out;
        }
        renameat(c->parent_fd, old_name, c->parent_fd, staging_name);
    }
    io_step("swapped");
    if (fsync(c->parent_fd) != 0)
        rc = io_write_io_error(err, "fsync", c->parent, errno);
    io_step("published");
out:
    flock(c->parent_fd, LOCK_UN);
    return rc;
}

void io_commit_end(io_commit *c)
{
    if (!c->dest)
        return;
    if (c->staging && c->parent_fd >= 0)
        io_rm_tree(c->parent_fd, io_base(c->staging));
    if (c->staging_fd >= 0)
        close(c->staging_fd);
    if (c->parent_fd >= 0)
        close(c->parent_fd);
    em_free(c->dest);
    em_free(c->parent);
    em_free(c->name);
    em_free(c->staging);
    memset(c, 0, sizeof *c);
    c->parent_fd = c->staging_fd = -1;
}
