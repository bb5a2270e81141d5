/*
 * pq_codec: page decompression for every Parquet codec Debian has a library for: SNAPPY
 * (libsnappy), GZIP (zlib, gzip or zlib headers, concatenated members), BROTLI (libbrotlidec),
 * ZSTD, LZ4_RAW (liblz4 block format) and the deprecated LZ4 codec (Hadoop's framing of LZ4
 * blocks, falling back to a bare LZ4 block as some old writers produced). LZO has no decoder.
 *
 * Contract: the output must be exactly the page header's uncompressed size; anything else is a
 * corrupt page. Each library is given the output bound, so hostile input cannot overrun dst.
 */
#include "io/parquet/pq_int.h"

#include <brotli/decode.h>
#include <limits.h>
#include <lz4.h>
#include <snappy-c.h>
#include <string.h>
#include <zlib.h>
#include <zstd.h>

const char *pq_codec_name(int codec)
{
    static const char *const names[] = {"UNCOMPRESSED", "SNAPPY", "GZIP", "LZO",
                                        "BROTLI",       "LZ4",    "ZSTD", "LZ4_RAW"};
    return codec >= 0 && codec < 8 ? names[codec] : "UNKNOWN";
}

static int pq_gunzip(const uint8_t *src, size_t src_len, uint8_t *dst, size_t dst_len)
{
    if (src_len > UINT_MAX || dst_len > UINT_MAX)
        return pq_fail("gzip: page too large");
    uint8_t dummy = 0;
    z_stream s;
    memset(&s, 0, sizeof s);
    /* 15 + 32: accept gzip and zlib headers. */
    if (inflateInit2(&s, 15 + 32) != Z_OK)
        return pq_fail("gzip: inflateInit2 failed");
    s.next_in = (Bytef *)(uintptr_t)src;
    s.avail_in = (uInt)src_len;
    s.next_out = dst_len ? dst : &dummy;
    s.avail_out = (uInt)dst_len;
    int rc = Z_OK;
    for (;;) {
        rc = inflate(&s, Z_FINISH);
        if (rc == Z_STREAM_END) {
            /* Another gzip member may follow (writers that flush per block). */
            if (s.avail_in > 0 && s.avail_out > 0) {
                if (inflateReset(&s) != Z_OK)
                    break;
                continue;
            }
            break;
        }
        if (rc != Z_OK && rc != Z_BUF_ERROR)
            break;
        if (rc == Z_BUF_ERROR || s.avail_in == 0 || s.avail_out == 0)
            break;
    }
    size_t produced = dst_len - s.avail_out;
    inflateEnd(&s);
    if (rc != Z_STREAM_END)
        return pq_fail("gzip: corrupt or truncated data (zlib %d)", rc);
    if (produced != dst_len)
        return pq_fail("gzip: %zu bytes decompressed, page header says %zu", produced, dst_len);
    return 0;
}

static uint32_t pq_be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Hadoop's LZ4 framing: blocks of [BE u32 raw size][BE u32 compressed size][LZ4 block]. */
static bool pq_lz4_hadoop(const uint8_t *src, size_t src_len, uint8_t *dst, size_t dst_len)
{
    size_t out = 0;
    while (src_len > 0) {
        if (src_len < 8)
            return false;
        uint32_t raw = pq_be32(src), comp = pq_be32(src + 4);
        src += 8;
        src_len -= 8;
        if (comp > src_len || raw > dst_len - out || comp > INT_MAX || raw > INT_MAX)
            return false;
        int n = LZ4_decompress_safe((const char *)src, (char *)dst + out, (int)comp, (int)raw);
        if (n < 0 || (uint32_t)n != raw)
            return false;
        out += raw;
        src += comp;
        src_len -= comp;
    }
    return out == dst_len;
}

int pq_decompress(int codec, const uint8_t *src, size_t src_len, uint8_t *dst, size_t dst_len)
{
    switch (codec) {
    case PQ_CODEC_UNCOMPRESSED:
        if (src_len != dst_len)
            return pq_fail("uncompressed page: %zu bytes stored, %zu expected", src_len, dst_len);
        memcpy(dst, src, src_len);
        return 0;
    case PQ_CODEC_SNAPPY: {
        size_t n = 0;
        if (snappy_uncompressed_length((const char *)src, src_len, &n) != SNAPPY_OK)
            return pq_fail("snappy: corrupt length header");
        if (n != dst_len)
            return pq_fail("snappy: uncompressed data size mismatch (%zu, page header says %zu)", n,
                           dst_len);
        if (snappy_uncompress((const char *)src, src_len, (char *)dst, &n) != SNAPPY_OK ||
            n != dst_len)
            return pq_fail("snappy: corrupt data");
        return 0;
    }
    case PQ_CODEC_GZIP:
        return pq_gunzip(src, src_len, dst, dst_len);
    case PQ_CODEC_BROTLI: {
        size_t n = dst_len;
        if (BrotliDecoderDecompress(src_len, src, &n, dst) != BROTLI_DECODER_RESULT_SUCCESS)
            return pq_fail("brotli: corrupt data");
        if (n != dst_len)
            return pq_fail("brotli: %zu bytes decompressed, page header says %zu", n, dst_len);
        return 0;
    }
    case PQ_CODEC_ZSTD: {
        size_t n = ZSTD_decompress(dst, dst_len, src, src_len);
        if (ZSTD_isError(n))
            return pq_fail("zstd: %s", ZSTD_getErrorName(n));
        if (n != dst_len)
            return pq_fail("zstd: %zu bytes decompressed, page header says %zu", n, dst_len);
        return 0;
    }
    case PQ_CODEC_LZ4_RAW:
    case PQ_CODEC_LZ4: {
        if (src_len > INT_MAX || dst_len > INT_MAX)
            return pq_fail("lz4: page too large");
        if (codec == PQ_CODEC_LZ4 && pq_lz4_hadoop(src, src_len, dst, dst_len))
            return 0;
        int n = LZ4_decompress_safe((const char *)src, (char *)dst, (int)src_len, (int)dst_len);
        if (n < 0)
            return pq_fail("lz4: corrupt data");
        if ((size_t)n != dst_len)
            return pq_fail("lz4: %d bytes decompressed, page header says %zu", n, dst_len);
        return 0;
    }
    default:
        return pq_fail("compression codec %s (%d) is not supported", pq_codec_name(codec), codec);
    }
}
