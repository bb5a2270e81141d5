/*
 * ipc_compress: decompression of the body buffers of a compressed RecordBatch
 * (BodyCompression{codec, method = BUFFER}): each buffer is an int64 uncompressed length
 * followed by the codec's frame, or by the raw bytes when that length is -1.
 *
 * LZ4_FRAME is decoded here, from the LZ4 frame and block format descriptions: frame
 * header (magic 0x184D2204, FLG, BD, optional content size, header checksum), blocks (uint32
 * size, high bit = stored raw, 0 = end mark, optional 4-byte block checksum), optional content
 * checksum; several frames may follow each other. Checksums are skipped, not verified (the
 * IPC layer's own checks still bound everything); dictionary frames are refused. Blocks are
 * decoded into one output buffer, so "linked" blocks may refer back into earlier blocks.
 *
 * zstd: libzstd is not a dependency of em_arrow (the build links it into em_connect). The two
 * functions we need are declared weak, so a program that links libzstd (the server, the tests)
 * decodes zstd bodies and one that does not gets a clean UNSUPPORTED_ARROWTYPE error instead
 * of a link failure.
 */
#include "arrow/ipc_int.h"

#include <string.h>

#include "common/em_mem.h"

/* From zstd.h (stable API); weak so that linking libzstd stays optional. */
extern size_t ZSTD_decompress(void *dst, size_t dst_capacity, const void *src,
                              size_t compressed_size) __attribute__((weak));
extern unsigned ZSTD_isError(size_t code) __attribute__((weak));

#define IPC_LZ4_MAGIC 0x184D2204u

/* One LZ4 block into out[*pos, cap); matches may reach back to out[0]. */
static int ipc_lz4_block(const uint8_t *in, size_t len, uint8_t *out, size_t *pos, size_t cap,
                         em_error *err)
{
    size_t ip = 0, op = *pos;
    while (ip < len) {
        uint8_t token = in[ip++];
        size_t lit = token >> 4;
        if (lit == 15) {
            uint8_t more;
            do {
                if (ip >= len)
                    return ipc_malformed(err, "lz4 literal length runs past the block");
                more = in[ip++];
                lit += more;
            } while (more == 255);
        }
        if (lit > len - ip || lit > cap - op)
            return ipc_malformed(err, "lz4 literals past the block or the output");
        memcpy(out + op, in + ip, lit);
        ip += lit;
        op += lit;
        if (ip == len)
            break; /* the last sequence holds literals only */
        if (len - ip < 2)
            return ipc_malformed(err, "lz4 match offset cut short");
        size_t offset = (size_t)in[ip] | ((size_t)in[ip + 1] << 8);
        ip += 2;
        if (offset == 0 || offset > op)
            return ipc_malformed(err, "lz4 match offset %zu before the output", offset);
        size_t mlen = token & 15;
        if (mlen == 15) {
            uint8_t more;
            do {
                if (ip >= len)
                    return ipc_malformed(err, "lz4 match length runs past the block");
                more = in[ip++];
                mlen += more;
            } while (more == 255);
        }
        mlen += 4;
        if (mlen > cap - op)
            return ipc_malformed(err, "lz4 match past the output");
        for (size_t k = 0; k < mlen; k++, op++)
            out[op] = out[op - offset]; /* overlapping copies repeat the pattern */
    }
    *pos = op;
    return EM_OK;
}

/* Decodes the LZ4 frames of in[0, len) into out, which must come out exactly cap bytes. */
static int ipc_lz4_frames(const uint8_t *in, size_t len, uint8_t *out, size_t cap, em_error *err)
{
    size_t ip = 0, op = 0;
    while (ip < len) {
        if (len - ip < 7 || ipc_ld_u32(in + ip) != IPC_LZ4_MAGIC)
            return ipc_malformed(err, "lz4 frame header");
        uint8_t flg = in[ip + 4], bd = in[ip + 5];
        if ((flg >> 6) != 1 || (flg & 0x02) || (bd & 0x8F) || ((bd >> 4) & 7) < 4)
            return ipc_malformed(err, "lz4 frame descriptor");
        if (flg & 0x01)
            return ipc_unsupported(err, "LZ4 frame with a dictionary");
        bool block_sum = flg & 0x10, content_size = flg & 0x08, content_sum = flg & 0x04;
        ip += 6 + (content_size ? 8 : 0) + 1; /* descriptor, content size, header checksum */
        if (ip > len)
            return ipc_malformed(err, "lz4 frame header cut short");
        for (;;) {
            if (len - ip < 4)
                return ipc_malformed(err, "lz4 block size cut short");
            uint32_t bsize = ipc_ld_u32(in + ip);
            ip += 4;
            if (bsize == 0)
                break;
            bool stored = bsize & 0x80000000u;
            bsize &= 0x7FFFFFFFu;
            if (bsize > len - ip)
                return ipc_malformed(err, "lz4 block past the buffer");
            if (stored) {
                if (bsize > cap - op)
                    return ipc_malformed(err, "lz4 block past the output");
                memcpy(out + op, in + ip, bsize);
                op += bsize;
            } else {
                int rc = ipc_lz4_block(in + ip, bsize, out, &op, cap, err);
                if (rc != EM_OK)
                    return rc;
            }
            ip += bsize;
            if (block_sum) {
                if (len - ip < 4)
                    return ipc_malformed(err, "lz4 block checksum cut short");
                ip += 4;
            }
        }
        if (content_sum) {
            if (len - ip < 4)
                return ipc_malformed(err, "lz4 content checksum cut short");
            ip += 4;
        }
    }
    if (op != cap)
        return ipc_malformed(err, "lz4 buffer decompresses to %zu bytes, %zu expected", op, cap);
    return EM_OK;
}

int ipc_decompress(int codec, const uint8_t *src, int64_t len, int64_t budget, const uint8_t **out,
                   int64_t *out_len, bool *owned, em_error *err)
{
    *owned = false;
    if (len < 8)
        return ipc_malformed(err, "compressed buffer of %lld bytes", (long long)len);
    int64_t raw_len = ipc_ld_i64(src);
    if (raw_len == -1) {
        *out = src + 8;
        *out_len = len - 8;
        return EM_OK;
    }
    if (raw_len < 0 || raw_len > budget || raw_len > VEC_MAX_BYTES)
        return ipc_malformed(err, "uncompressed buffer length %lld", (long long)raw_len);
    if (codec == IPC_CODEC_ZSTD && (!ZSTD_decompress || !ZSTD_isError))
        return ipc_unsupported(err, "ZSTD body compression (libzstd not linked)");
    uint8_t *dst = em_malloc((size_t)(raw_len ? raw_len : 1));
    int rc = EM_OK;
    if (codec == IPC_CODEC_LZ4_FRAME) {
        rc = ipc_lz4_frames(src + 8, (size_t)(len - 8), dst, (size_t)raw_len, err);
    } else {
        size_t got = ZSTD_decompress(dst, (size_t)raw_len, src + 8, (size_t)(len - 8));
        if (ZSTD_isError(got) || got != (size_t)raw_len)
            rc = ipc_malformed(err, "zstd buffer does not decompress to %lld bytes",
                               (long long)raw_len);
    }
    if (rc != EM_OK) {
        em_free(dst);
        return rc;
    }
    *out = dst;
    *out_len = raw_len;
    *owned = true;
    return EM_OK;
}
