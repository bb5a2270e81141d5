/*
 * fn_interval_int: the interval kernels (fn_interval.c) shared with the datetime operator
 * binding (fn_interval_arith.c). Private to src/functions.
 */
#ifndef FN_INTERVAL_INT_H
#define FN_INTERVAL_INT_H

#include "functions/fn_dt_int.h"

typedef enum fn_iv_op {
    FN_IV_MAKE_INTERVAL,
    FN_IV_MAKE_DT,
    FN_IV_MAKE_YM,
    FN_IV_ADD_CAL,
    FN_IV_SUB_CAL,
    FN_IV_ADD_DT,
    FN_IV_SUB_DT,
    FN_IV_ADD_YM,
    FN_IV_SUB_YM,
    FN_IV_NEG,
    FN_IV_POS,
    FN_IV_ABS,
    FN_IV_MUL_CAL,
    FN_IV_DIV_CAL,
    FN_IV_MUL_YM,
    FN_IV_DIV_YM,
    FN_IV_MUL_DT,
    FN_IV_DIV_DT,
    FN_IV_TS_ADD,       /* TIMESTAMP(_NTZ) +/- DAY-TIME or calendar interval */
    FN_IV_TS_ADD_YM,    /* TIMESTAMP(_NTZ) +/- YEAR-MONTH interval */
    FN_IV_DATE_ADD_YM,  /* DATE +/- YEAR-MONTH interval */
    FN_IV_DATE_ADD_CAL, /* DATE +/- calendar interval */
    FN_IV_SUB_TS,       /* timestamp - timestamp: DAY TO SECOND */
    FN_IV_SUB_DATES,    /* date - date: INTERVAL DAY */
    FN_IV_EXTRACT_DAYS, /* extractansiintervaldays */
    FN_IV_IDIV,         /* interval div interval (same family): BIGINT */
} fn_iv_op;

typedef struct fn_iv_state {
    fn_iv_op op;
    bool ansi;
    bool fail_on_error;
    int sign; /* +1, or -1 for the subtracting forms */
} fn_iv_state;

/* A row result meaning NULL (distinct from every error code). */
#define FN_IV_ROW_NULL (-1)

/* The kernel of every interval expression (dispatches on fn_iv_state.op). */
int fn_iv_eval(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
               em_error *err);
/* INTERVAL_ARITHMETIC_OVERFLOW.WITH_SUGGESTION (try_fn) or .WITHOUT_SUGGESTION (NULL). */
int fn_iv_err_overflow(em_error *err, const char *try_fn);

#endif
