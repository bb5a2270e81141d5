/*
 * doctest: reads the expected output of a PySpark doctest example from the conformance
 * captures (../shared/conformance/pyspark-doctests/<client>/<docstring>/cases.json), so tests
 * compare against what real Spark printed without copying it into the source.
 */
#ifndef DOCTEST_H
#define DOCTEST_H

#include <stddef.h>

#define DOCTEST_ROOT "/work/shared/conformance/pyspark-doctests/spark-4.2-dev"

/*
 * The `want` text of the n-th example (0-based, counting only matches) of docstring whose
 * `source` contains source_substr; em_malloc'd (caller frees with em_free), NULL if absent.
 */
char *doctest_want(const char *docstring, const char *source_substr, int nth);
/* Spark's show_string for a want printed by print(): the want minus the newline print adds
   (a result ending in a row-count footer has no trailing newline of its own). */
char *doctest_show_want(const char *docstring, const char *source_substr, int nth);

#endif
