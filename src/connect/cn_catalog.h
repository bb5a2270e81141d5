/*
 * cn_catalog: spark.catalog.* operations (the Catalog relation) answered as LocalRelations.
 */
#ifndef CN_CATALOG_H
#define CN_CATALOG_H

#include "connect/cn_plan.h"
#include "spark/connect/catalog.pb-c.h"

/* Builds the unresolved result relation of one catalog operation (allocated in pc->arena). */
int cn_catalog_relation(cn_plan_ctx *pc, const Spark__Connect__Catalog *cat, pl_node **out,
                        em_error *err);

#endif
