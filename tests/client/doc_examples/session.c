/* Open a session (URL from argv[1] or $SPARK_REMOTE), show who we are, use the config. */
#include <stdio.h>

#include "ember.h"

int main(int argc, char **argv)
{
    ember_session *s = NULL;
    ember_error err;
    if (ember_session_open(argc > 1 ? argv[1] : NULL, &s, &err) != EMBER_OK) {
        fprintf(stderr, "bad connection string: %s\n", err.message);
        return 1;
    }
    printf("session %s as '%s'\nclient_type: %s\n", ember_session_id(s), ember_session_user_id(s),
           ember_session_client_type(s));
    char *version = NULL;
    if (ember_session_version(s, &version, &err) != EMBER_OK) {
        fprintf(stderr, "%s\n", err.message);
        ember_session_free(s);
        return 1;
    }
    printf("server Spark version %s\n", version);
    ember_free(version);
    char *value = NULL;
    int rc = ember_conf_set(s, "spark.sql.shuffle.partitions", "8", &err);
    if (rc == EMBER_OK)
        rc = ember_conf_get(s, "spark.sql.shuffle.partitions", &value, &err);
    if (rc == EMBER_OK)
        printf("spark.sql.shuffle.partitions = %s\n", value);
    ember_free(value);
    ember_session_stop(s, NULL); /* ReleaseSession, like spark.stop() */
    ember_session_free(s);
    return rc == EMBER_OK ? 0 : 1;
}
