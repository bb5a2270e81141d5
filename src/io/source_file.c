/*
 * source_file: a file's bytes for the text formats (CSV, JSON, text) and Hadoop's line reader.
 *
 * Files are mapped read-only; compressed files are inflated into the heap first, chosen by
 * extension as Hadoop's CompressionCodecFactory does: ".gz" (gzip, concatenated members too),
 * ".deflate" (zlib stream) and ".zst" (zstd frames). Other codecs (bz2, Hadoop-framed lz4 and
 * snappy) are read as plain bytes. Inflated output is bounded by IO_MAX_INFLATE.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include "common/em_mem.h"
#include "io/source_int.h"

#define IO_MAX_INFLATE ((size_t)1 << 34)

static bool io_ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Grows b->heap to at least need bytes (doubling); false past the bound. */
static bool io_heap_grow(char **heap, size_t *cap, size_t need)
{
    if (need <= *cap)
        return true;
    if (need > IO_MAX_INFLATE)
        return false;
    size_t nc = *cap ? *cap : 1 << 16;
    while (nc < need)
        nc *= 2;
    *heap = em_realloc(*heap, nc);
    *cap = nc;
    return true;
}

static int io_inflate_zlib(const io_file *f, const char *src, size_t n, bool gzip, io_buf *b,
                           em_error *err)
{
    char *out = NULL;
    size_t cap = 0, len = 0;
    size_t off = 0;
    /* gzip files may hold several members back to back (Hadoop's GzipCodec reads them all). */
    do {
        z_stream zs;
        memset(&zs, 0, sizeof zs);
        if (inflateInit2(&zs, gzip ? 16 + MAX_WBITS : MAX_WBITS) != Z_OK)
            return io_read_failed(f, "inflateInit failed", err);
        zs.next_in = (Bytef *)(src + off);
        zs.avail_in = (uInt)(n - off > UINT32_MAX ? UINT32_MAX : n - off);
        int zrc;
        do {
            if (!io_heap_grow(&out, &cap, len + (1 << 16))) {
                inflateEnd(&zs);
                em_free(out);
                return io_read_failed(f, "inflated data too large", err);
            }
            zs.next_out = (Bytef *)(out + len);
            zs.avail_out = (uInt)(cap - len > UINT32_MAX ? UINT32_MAX : cap - len);
            size_t before = zs.avail_out;
            zrc = inflate(&zs, Z_NO_FLUSH);
            len += before - zs.avail_out;
            if (zrc != Z_OK && zrc != Z_STREAM_END && zrc != Z_BUF_ERROR) {
                inflateEnd(&zs);
                em_free(out);
                return io_read_failed(f, "corrupt compressed stream", err);
            }
            if (zrc == Z_BUF_ERROR && zs.avail_in == 0) {
                inflateEnd(&zs);
                em_free(out);
                return io_read_failed(f, "truncated compressed stream", err);
            }
        } while (zrc != Z_STREAM_END);
        off = (size_t)((const char *)zs.next_in - src);
        inflateEnd(&zs);
    } while (gzip && off + 2 <= n && (unsigned char)src[off] == 0x1f &&
             (unsigned char)src[off + 1] == 0x8b);
    b->heap = out;
    b->data = out ? out : "";
    b->len = len;
    return EM_OK;
}

static int io_inflate_zstd(const io_file *f, const char *src, size_t n, io_buf *b, em_error *err)
{
    ZSTD_DStream *ds = ZSTD_createDStream();
    if (!ds)
        return io_read_failed(f, "ZSTD_createDStream failed", err);
    ZSTD_initDStream(ds);
    char *out = NULL;
    size_t cap = 0, len = 0;
    ZSTD_inBuffer in = {src, n, 0};
    while (in.pos < in.size) {
        if (!io_heap_grow(&out, &cap, len + (1 << 16))) {
            ZSTD_freeDStream(ds);
            em_free(out);
            return io_read_failed(f, "inflated data too large", err);
        }
        ZSTD_outBuffer o = {out + len, cap - len, 0};
        size_t r = ZSTD_decompressStream(ds, &o, &in);
        len += o.pos;
        if (ZSTD_isError(r)) {
            ZSTD_freeDStream(ds);
            em_free(out);
            return io_read_failed(f, ZSTD_getErrorName(r), err);
        }
        if (o.pos == 0 && in.pos >= in.size && r != 0)
            break;
    }
    ZSTD_freeDStream(ds);
    b->heap = out;
    b->data = out ? out : "";
    b->len = len;
    return EM_OK;
}

int io_buf_open(const io_file *f, io_buf *b, em_error *err)
{
    memset(b, 0, sizeof *b);
    int fd = open(f->path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT)
            return em_error_set(err, "FAILED_READ_FILE.FILE_NOT_EXIST", "path", f->uri, NULL);
        return io_read_failed(f, strerror(errno), err);
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        close(fd);
        return io_read_failed(f, strerror(errno), err);
    }
    size_t n = (size_t)st.st_size;
    const char *raw = "";
    if (n > 0) {
        void *m = mmap(NULL, n, PROT_READ, MAP_PRIVATE, fd, 0);
        if (m == MAP_FAILED) {
            close(fd);
            return io_read_failed(f, strerror(errno), err);
        }
        b->map = m;
        b->map_len = n;
        raw = m;
    }
    close(fd);
    int rc = EM_OK;
    if (io_ends_with(f->path, ".gz") && n > 0)
        rc = io_inflate_zlib(f, raw, n, true, b, err);
    else if (io_ends_with(f->path, ".deflate") && n > 0)
        rc = io_inflate_zlib(f, raw, n, false, b, err);
    else if (io_ends_with(f->path, ".zst") && n > 0)
        rc = io_inflate_zstd(f, raw, n, b, err);
    else {
        b->data = raw;
        b->len = n;
        return EM_OK;
    }
    if (b->map) {
        munmap(b->map, b->map_len);
        b->map = NULL;
    }
    return rc;
}

void io_buf_close(io_buf *b)
{
    if (b->map)
        munmap(b->map, b->map_len);
    em_free(b->heap);
    memset(b, 0, sizeof *b);
}

void io_skip_bom(const char **data, size_t *len)
{
    if (*len >= 3 && (unsigned char)(*data)[0] == 0xEF && (unsigned char)(*data)[1] == 0xBB &&
        (unsigned char)(*data)[2] == 0xBF) {
        *data += 3;
        *len -= 3;
    }
}

void io_lines_init(io_lines *l, const char *data, size_t len, const char *sep, size_t sep_len)
{
    io_skip_bom(&data, &len);
    l->p = data;
    l->end = data + len;
    l->sep = sep_len ? sep : NULL;
    l->sep_len = sep_len;
    l->limit = l->end;
}

bool io_lines_splittable(const char *sep, size_t sep_len)
{
    return !sep || sep_len <= 1;
}

bool io_file_compressed(const io_file *f)
{
    return io_ends_with(f->path, ".gz") || io_ends_with(f->path, ".deflate") ||
           io_ends_with(f->path, ".zst");
}

/* Whether a line starts at offset q (0 < q < len): the byte before ends a line. Without a
   separator "\n", "\r" and "\r\n" end lines, so a '\r' followed by '\n' does not. */
static bool io_line_starts_at(const char *data, size_t len, size_t q, const io_lines *l)
{
    char c = data[q - 1];
    if (l->sep)
        return c == l->sep[0];
    return c == '\n' || (c == '\r' && (q >= len || data[q] != '\n'));
}

void io_lines_init_range(io_lines *l, const char *data, size_t len, const char *sep, size_t sep_len,
                         int64_t lo, int64_t hi)
{
    io_lines_init(l, data, len, sep, sep_len);
    size_t end = hi < 0 || (uint64_t)hi > len ? len : (size_t)hi;
    l->limit = data + end;
    if (lo <= 0) {
        /* the first line starts at 0, before the byte-order mark io_lines_init skipped */
        if (end > 0 && l->limit <= l->p)
            l->limit = l->p + 1;
        return;
    }
    size_t q = (size_t)lo;
    while (q < len && !io_line_starts_at(data, len, q, l))
        q++;
    l->p = data + (q < len ? q : len);
}

bool io_lines_next(io_lines *l, const char **line, size_t *len)
{
    if (l->p >= l->end || l->p >= l->limit)
        return false;
    const char *s = l->p;
    if (!l->sep) {
        const char *q = s;
        while (q < l->end && *q != '\n' && *q != '\r')
            q++;
        *line = s;
        *len = (size_t)(q - s);
        if (q < l->end) {
            if (*q == '\r' && q + 1 < l->end && q[1] == '\n')
                q += 2;
            else
                q++;
        }
        l->p = q;
        return true;
    }
    const char *q = s;
    size_t left = (size_t)(l->end - s);
    const char *hit = NULL;
    while (left >= l->sep_len) {
        const char *c = memchr(q, l->sep[0], left - l->sep_len + 1);
        if (!c)
            break;
        if (memcmp(c, l->sep, l->sep_len) == 0) {
            hit = c;
            break;
        }
        left -= (size_t)(c + 1 - q);
        q = c + 1;
    }
    *line = s;
    if (hit) {
        *len = (size_t)(hit - s);
        l->p = hit + l->sep_len;
    } else {
        *len = (size_t)(l->end - s);
        l->p = l->end;
    }
    return true;
}
