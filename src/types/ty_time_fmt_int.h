/*
 * ty_time_fmt_int: the compiled form of a datetime pattern, shared by the pattern compiler and
 * printer (ty_time_fmt.c), the parser (ty_time_parse.c) and the zone names (ty_time_zname.c).
 * Private to src/types.
 */
#ifndef TY_TIME_FMT_INT_H
#define TY_TIME_FMT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "types/ty_time.h"

/* Fields (java.time ChronoField names are used in messages). */
enum {
    TY_F_ERA,
    TY_F_YEAR,
    TY_F_YOE,
    TY_F_MONTH,
    TY_F_DOM,
    TY_F_DOY,
    TY_F_QUARTER,
    TY_F_DOW,
    TY_F_ALIGNED_DOW_IN_MONTH,
    TY_F_AMPM,
    TY_F_HOUR_OF_DAY,
    TY_F_CLOCK_HOUR_AMPM,
    TY_F_HOUR_AMPM,
    TY_F_CLOCK_HOUR_DAY,
    TY_F_MINUTE,
    TY_F_SECOND,
    TY_F_NANO,
    TY_F_COUNT
};

/* ChronoField display names, indexed by TY_F_* (ty_time_fmt.c). */
extern const char *const ty_dtf_field_names[TY_F_COUNT];

typedef enum ty_dtf_kind {
    TY_DTF_LIT,
    TY_DTF_OPT_BEGIN,
    TY_DTF_OPT_END,
    TY_DTF_NUM,
    TY_DTF_REDUCED,
    TY_DTF_TEXT,
    TY_DTF_FRACTION,
    TY_DTF_ZONE_ID,
    TY_DTF_ZONE_TEXT,
    TY_DTF_OFFSET,
    TY_DTF_OFFSET_LOCALIZED,
} ty_dtf_kind;

enum { TY_SIGN_NORMAL, TY_SIGN_NOT_NEGATIVE, TY_SIGN_EXCEEDS_PAD };

/* Offset printer styles (java.time OffsetIdPrinterParser patterns). */
enum {
    TY_OFF_HH,       /* +HH */
    TY_OFF_HHmm,     /* +HHmm: minutes only when not zero */
    TY_OFF_HHMM,     /* +HHMM */
    TY_OFF_HH_MM,    /* +HH:MM */
    TY_OFF_HHMMss,   /* +HHMMss: seconds only when not zero */
    TY_OFF_HH_MM_ss, /* +HH:MM:ss */
};

typedef struct ty_dtf_item {
    ty_dtf_kind kind;
    int field;
    int min_w, max_w;
    int sign;
    int subsequent; /* digits reserved for following fixed-width numbers (adjacent parsing) */
    bool full;      /* text: full names; localized offset / zone text: long form */
    int off_style;
    const char *no_offset; /* offset text for zero ("Z", "+00", "+0000", ...) */
    char *lit;
    size_t lit_len;
} ty_dtf_item;

struct ty_dtfmt {
    int n;
    int cap;
    ty_dtf_item *items;
    bool is_default;
    int active_value; /* index of the last value printer that may take adjacent ones, or -1 */
};

/* "+HH:MM[:ss]" / "+HHMM[ss]" text of an offset (seconds only when not zero). */
void ty_dtf_offset_text(int32_t off, bool colon, bool seconds, char *buf, size_t cap);

#endif
