/*
 * ex_sort_idx: the stable sort of row indexes every ordering operator uses (Sort, top-N, the
 * external sort's runs, Window, Sample's sorted input): a merge sort with insertion sort for
 * short runs and a skipped merge when the halves are already in order. Ties keep their
 * positions, which is what makes Ember's orders Spark's (stable sorts, input order on ties).
 */
#include <string.h>

#include "exec/ex_int.h"

void ex_sort_indexes(int64_t *a, int64_t *tmp, int64_t n, ex_idx_cmp cmp, bool (*stop)(void *ctx),
                     void *ctx)
{
    if (n < 2)
        return;
    if (n >= 4096 && stop && stop(ctx))
        return;
    if (n <= 16) {
        for (int64_t i = 1; i < n; i++) {
            int64_t x = a[i], j = i - 1;
            while (j >= 0 && cmp(ctx, a[j], x) > 0) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = x;
        }
        return;
    }
    int64_t mid = n / 2;
    ex_sort_indexes(a, tmp, mid, cmp, stop, ctx);
    ex_sort_indexes(a + mid, tmp, n - mid, cmp, stop, ctx);
    if (cmp(ctx, a[mid - 1], a[mid]) <= 0)
        return;
    int64_t i = 0, j = mid, k = 0;
    while (i < mid && j < n)
        tmp[k++] = cmp(ctx, a[j], a[i]) < 0 ? a[j++] : a[i++];
    while (i < mid)
        tmp[k++] = a[i++];
    while (j < n)
        tmp[k++] = a[j++];
    memcpy(a, tmp, (size_t)n * sizeof *a);
}
