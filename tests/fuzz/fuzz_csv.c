/*
 * fuzz_csv: the CSV reader surface — tokenizer (quotes, escapes, multiLine), schema inference,
 * value conversion, parse modes and the corrupt-record column — over any bytes. The first byte
 * picks header / multiLine / inferSchema / mode / a fixed schema. Seeds: corpus-csv/.
 */
#include "fuzz_text_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t k = size ? data[0] : 0;
    const char *path = fz_file(size ? data + 1 : data, size ? size - 1 : 0, "csv");
    static const char *modes[] = {"PERMISSIVE", "DROPMALFORMED", "FAILFAST", "PERMISSIVE"};
    io_option o[8];
    int n = 0;
    o[n++] = (io_option){"header", k & 1 ? "true" : "false"};
    o[n++] = (io_option){"multiLine", k & 2 ? "true" : "false"};
    o[n++] = (io_option){"inferSchema", k & 4 ? "true" : "false"};
    o[n++] = (io_option){"mode", modes[(k >> 3) & 3]};
    if (k & 0x20)
        o[n++] = (io_option){"sep", ";"};
    if (k & 0x40)
        o[n++] = (io_option){"escape", "\""};
    em_arena a;
    em_arena_init(&a, 0);
    const ty *schema = NULL;
    if (k & 0x80) {
        ty_field f[8] = {
            {"a", ty_int(), true, NULL},     {"b", ty_string(), true, NULL},
            {"c", ty_double(), true, NULL},  {"d", ty_timestamp(), true, NULL},
            {"e", ty_date(), true, NULL},    {"f", ty_decimal(&a, 10, 2), true, NULL},
            {"g", ty_boolean(), true, NULL}, {"_corrupt_record", ty_string(), true, NULL},
        };
        schema = ty_struct(&a, 8, f);
    }
    fz_read("csv", path, o, n, schema, &a);
    em_arena_release(&a);
    return 0;
}
