/*
 * fuzz_json: the JSON reader surface — the Jackson-compatible lexer, JsonInferSchema, the
 * converters (nested types), parse modes and the corrupt-record column — over any bytes. The
 * first byte picks multiLine / mode / primitivesAsString / a fixed nested schema. Seeds:
 * corpus-json/.
 */
#include "fuzz_text_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t k = size ? data[0] : 0;
    const char *path = fz_file(size ? data + 1 : data, size ? size - 1 : 0, "json");
    static const char *modes[] = {"PERMISSIVE", "DROPMALFORMED", "FAILFAST", "PERMISSIVE"};
    io_option o[8];
    int n = 0;
    o[n++] = (io_option){"multiLine", k & 1 ? "true" : "false"};
    o[n++] = (io_option){"mode", modes[(k >> 1) & 3]};
    o[n++] = (io_option){"primitivesAsString", k & 8 ? "true" : "false"};
    o[n++] = (io_option){"prefersDecimal", k & 16 ? "true" : "false"};
    if (k & 32)
        o[n++] = (io_option){"allowComments", "true"};
    em_arena a;
    em_arena_init(&a, 0);
    const ty *schema = NULL;
    if (k & 0x80) {
        ty_field sf[2] = {{"x", ty_long(), true, NULL},
                          {"y", ty_array(&a, ty_double(), true), true, NULL}};
        ty_field f[7] = {
            {"a", ty_int(), true, NULL},
            {"b", ty_string(), true, NULL},
            {"c", ty_struct(&a, 2, sf), true, NULL},
            {"d", ty_map(&a, ty_string(), ty_timestamp(), true), true, NULL},
            {"e", ty_binary(), true, NULL},
            {"f", ty_decimal(&a, 20, 4), true, NULL},
            {"_corrupt_record", ty_string(), true, NULL},
        };
        schema = ty_struct(&a, 7, f);
    }
    fz_read("json", path, o, n, schema, &a);
    em_arena_release(&a);
    return 0;
}
