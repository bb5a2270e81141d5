/*
 * em_version: the versions Ember reports. EM_SPARK_VERSION is the Spark release whose
 * semantics the server implements (AnalyzePlan spark_version, version()); EM_EMBER_VERSION is
 * Ember's own.
 */
#ifndef EM_VERSION_H
#define EM_VERSION_H

#define EM_SPARK_VERSION "4.1.0"
#define EM_EMBER_VERSION "0.1.0"

#endif
