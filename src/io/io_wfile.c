/*
 * io_wfile: one output file of a write. Bytes are buffered (IO_WFILE_BUF) and written with
 * full-write loops; the text formats' codecs (gzip, deflate, zstd: Hadoop's GzipCodec,
 * DefaultCodec and ZStandardCodec file layouts, which our readers and DuckDB inflate) compress the
 * stream on the way. Closing ends the stream, writes the rest, fsyncs the file and closes it: a
 * file that io_wfile_close accepted is durable. Files are created with O_EXCL so two writers can
 * never share one.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>
#include <zstd.h>

#include "common/em_log.h"
#include "common/em_mem.h"
#include "io/io_write_int.h"

#define IO_WFILE_BUF (1 << 20)

int io_write_io_error(em_error *err, const char *what, const char *path, int errnum)
{
    char detail[512];
    snprintf(detail, sizeof detail, "%s %s: %s", what, path, strerror(errnum));
    em_log(EM_LOG_WARN, "write failed: %s", detail);
    if (!em_error_is_set(err)) {
        em_error_set(err, "TASK_WRITE_FAILED", "path", path, NULL);
        if (err)
            err->code = EM_EIO;
    }
    return EM_EIO;
}

static int io_wfile_put(io_wfile *f, const void *p, size_t n, em_error *err)
{
    const char *c = p;
    while (n > 0) {
        ssize_t w = write(f->fd, c, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return io_write_io_error(err, "write", f->path, errno);
        }
        c += w;
        n -= (size_t)w;
    }
    return EM_OK;
}

/* Pushes the buffered bytes through the codec (finishing the stream when end) to the file. */
static int io_wfile_drain(io_wfile *f, bool end, em_error *err)
{
    if (f->codec == IO_WCODEC_NONE) {
        int rc = f->buf.len ? io_wfile_put(f, f->buf.data, f->buf.len, err) : EM_OK;
        em_str_reset(&f->buf);
        return rc;
    }
    uint8_t out[64 * 1024];
    if (f->codec == IO_WCODEC_ZSTD) {
        ZSTD_inBuffer in = {f->buf.data, f->buf.len, 0};
        for (;;) {
            ZSTD_outBuffer o = {out, sizeof out, 0};
            size_t left = ZSTD_compressStream2(f->z, &o, &in, end ? ZSTD_e_end : ZSTD_e_continue);
            if (ZSTD_isError(left))
                return io_write_io_error(err, "zstd", f->path, EIO);
            if (o.pos && io_wfile_put(f, out, o.pos, err))
                return EM_EIO;
            if (end ? left == 0 : in.pos == in.size)
                break;
        }
        em_str_reset(&f->buf);
        return EM_OK;
    }
    z_stream *z = f->z;
    z->next_in = (Bytef *)f->buf.data;
    z->avail_in = (uInt)f->buf.len;
    for (;;) {
        z->next_out = out;
        z->avail_out = sizeof out;
        int zr = deflate(z, end ? Z_FINISH : Z_NO_FLUSH);
        if (zr == Z_STREAM_ERROR)
            return io_write_io_error(err, "deflate", f->path, EIO);
        size_t have = sizeof out - z->avail_out;
        if (have && io_wfile_put(f, out, have, err))
            return EM_EIO;
        if (end ? zr == Z_STREAM_END : (z->avail_in == 0 && z->avail_out != 0))
            break;
    }
    em_str_reset(&f->buf);
    return EM_OK;
}

int io_wfile_open(io_wfile *f, const char *path, io_wcodec codec, em_error *err)
{
    memset(f, 0, sizeof *f);
    f->fd = -1;
    f->path = em_strdup(path);
    f->codec = codec;
    em_str_init(&f->buf, 0);
    f->fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (f->fd < 0) {
        int e = errno;
        io_wfile_discard(f);
        return io_write_io_error(err, "create", path, e);
    }
    if (codec == IO_WCODEC_GZIP || codec == IO_WCODEC_DEFLATE) {
        z_stream *z = em_calloc(1, sizeof *z);
        /* 15 + 16: a gzip member (GzipCodec); 15: a zlib stream (DefaultCodec's .deflate). */
        if (deflateInit2(z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, codec == IO_WCODEC_GZIP ? 31 : 15, 8,
                         Z_DEFAULT_STRATEGY) != Z_OK) {
            em_free(z);
            io_wfile_discard(f);
            return io_write_io_error(err, "deflateInit", path, ENOMEM);
        }
        f->z = z;
    } else if (codec == IO_WCODEC_ZSTD) {
        ZSTD_CStream *z = ZSTD_createCStream();
        if (!z) {
            io_wfile_discard(f);
            return io_write_io_error(err, "zstd", path, ENOMEM);
        }
        ZSTD_CCtx_setParameter(z, ZSTD_c_compressionLevel, 3);
        f->z = z;
    }
    return EM_OK;
}

int io_wfile_write(io_wfile *f, const void *p, size_t n, em_error *err)
{
    em_str_append(&f->buf, p, n);
    if (f->buf.overflow)
        return io_write_io_error(err, "buffer", f->path, ENOMEM);
    f->offset += (int64_t)n;
    if (f->buf.len >= IO_WFILE_BUF)
        return io_wfile_drain(f, false, err);
    return EM_OK;
}

static void io_wfile_free_codec(io_wfile *f)
{
    if (!f->z)
        return;
    if (f->codec == IO_WCODEC_ZSTD) {
        ZSTD_freeCStream(f->z);
    } else {
        deflateEnd(f->z);
        em_free(f->z);
    }
    f->z = NULL;
}

int io_wfile_close(io_wfile *f, em_error *err)
{
    int rc = io_wfile_drain(f, true, err);
    if (rc == EM_OK && fsync(f->fd) != 0)
        rc = io_write_io_error(err, "fsync", f->path, errno);
    if (close(f->fd) != 0 && rc == EM_OK)
        rc = io_write_io_error(err, "close", f->path, errno);
    f->fd = -1;
    io_wfile_discard(f);
    return rc;
}

void io_wfile_discard(io_wfile *f)
{
    if (f->fd >= 0)
        close(f->fd);
    f->fd = -1;
    io_wfile_free_codec(f);
    em_str_release(&f->buf);
    em_free(f->path);
    f->path = NULL;
}
