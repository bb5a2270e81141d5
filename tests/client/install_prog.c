/* Built outside the tree by install_test.sh with `pkg-config --cflags --libs ember`: queries a
 * running server (URL in argv[1]) through the installed libember. */
#include <stdio.h>

#include <ember.h>

int main(int argc, char **argv)
{
    ember_session *s = NULL;
    ember_dataframe *r = NULL;
    ember_error err;
    int64_t n = 0;
    if (ember_session_open(argc > 1 ? argv[1] : NULL, &s, &err) != EMBER_OK ||
        ember_range(s, 0, 5, 1, 0, &r, &err) != EMBER_OK ||
        ember_df_count(r, &n, &err) != EMBER_OK) {
        fprintf(stderr, "install_prog: %s\n", err.message);
        return 1;
    }
    printf("libember %s: spark.range(5).count() = %lld\n", EMBER_VERSION, (long long)n);
    ember_df_free(r);
    ember_session_free(s);
    return n == 5 ? 0 : 1;
}
