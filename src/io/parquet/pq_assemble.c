/*
 * pq_assemble: definition/repetition levels -> Arrow-layout vectors.
 *
 * Leaves first (pq_spread): a leaf's values arrive dense (non-null only); its slots are the
 * entries with def >= anc_def (entries below it stand for a null or empty ancestor and own no
 * slot), a slot is valid iff def == max_def, and the dense values are moved to their slots in
 * place, back to front.
 *
 * Then every struct, list and map node (pq_assemble), recursively, from the levels of the first
 * leaf below it (all leaves below a node agree on the structure above it; the lengths of the
 * children are checked against the parent's counts, so a file whose leaves disagree fails instead
 * of producing inconsistent vectors). The rules per node are documented on pq_node in pq_int.h.
 */
#include "io/parquet/pq_int.h"

#include "common/em_mem.h"

#include <string.h>

static uint8_t *pq_validity_new(vec *v)
{
    size_t n = (size_t)((v->cap + 7) / 8);
    em_free(v->validity);
    v->validity = em_calloc(n ? n : 1, 1);
    return v->validity;
}

int pq_spread(const pq_leaf *lf, const pq_levels *lv, vec *v, int64_t nv)
{
    int16_t max_def = (int16_t)lf->info.max_def, anc = lf->anc_def;
    const int16_t *def = max_def > 0 ? lv->def : NULL;
    int64_t n = lv->n, slots = n;
    if (def && anc > 0) {
        slots = 0;
        for (int64_t i = 0; i < n; i++)
            slots += def[i] >= anc;
    }
    if (nv > slots)
        return pq_fail("internal: %lld values for %lld slots", (long long)nv, (long long)slots);
    vec_reserve(v, slots);
    if (v->type->kind == TY_NULL || nv == slots) {
        v->len = slots;
        return 0;
    }
    uint8_t *valid = pq_validity_new(v);
    int64_t vi = nv, s = slots - 1;
    if (lf->conv == PQ_CONV_BYTES) {
        int32_t *off = v->offsets;
        for (int64_t i = n - 1; i >= 0; i--) {
            if (def[i] < anc)
                continue;
            off[s + 1] = off[vi];
            if (def[i] == max_def) {
                vi--;
                valid[s >> 3] |= (uint8_t)(1u << (s & 7));
            }
            s--;
        }
        off[0] = 0;
    } else {
        int w = lf->out_width;
        uint8_t *vals = v->values;
        for (int64_t i = n - 1; i >= 0; i--) {
            if (def[i] < anc)
                continue;
            if (def[i] == max_def) {
                vi--;
                if (vi != s)
                    memcpy(vals + s * w, vals + vi * w, (size_t)w);
                valid[s >> 3] |= (uint8_t)(1u << (s & 7));
            } else {
                memset(vals + s * w, 0, (size_t)w);
            }
            s--;
        }
    }
    v->len = slots;
    return 0;
}

static void pq_replace_child(vec *v, int idx, vec *child)
{
    vec_release(v->children[idx]);
    v->children[idx] = child;
}

int pq_assemble(const pq_file *f, const pq_node *node, pq_levels *lv, vec **leaf_vecs,
                int64_t expect, vec **out)
{
    if (node->kind == PQ_NODE_LEAF) {
        vec *v = leaf_vecs[node->leaf];
        if (v->len != expect)
            return pq_fail("column %s: %lld values where its parent expects %lld",
                           f->leaves[node->leaf].info.path, (long long)v->len, (long long)expect);
        *out = vec_retain(v);
        return 0;
    }
    const pq_leaf *lf = &f->leaves[node->leaf];
    const pq_levels *L = &lv[node->leaf];
    const int16_t *def = lf->info.max_def > 0 ? L->def : NULL;
    const int16_t *rep = lf->info.max_rep > 0 ? L->rep : NULL;
    int64_t n = L->n;

    /* Slots, nulls and (for lists and maps) elements of this node. */
    int64_t slots = 0, nulls = 0, elems = 0;
    for (int64_t i = 0; i < n; i++) {
        int d = def ? def[i] : 0, r = rep ? rep[i] : 0;
        if (d < node->anc_def)
            continue;
        if (r <= node->rep) {
            slots++;
            nulls += d < node->def;
            elems += d >= node->elem_def;
        } else if (r == node->rep + 1 && d >= node->elem_def) {
            elems++;
        }
    }
    if (slots != expect)
        return pq_fail("column %s: %lld slots where its parent expects %lld", lf->info.path,
                       (long long)slots, (long long)expect);
    if (node->kind != PQ_NODE_STRUCT && elems > INT32_MAX)
        return pq_fail("column %s: more than 2^31 list elements in one batch", lf->info.path);

    vec *v = vec_new(node->type, slots);
    uint8_t *valid = nulls ? pq_validity_new(v) : NULL;
    int32_t *off = node->kind == PQ_NODE_STRUCT ? NULL : v->offsets;
    int64_t s = 0, e = 0;
    for (int64_t i = 0; i < n; i++) {
        int d = def ? def[i] : 0, r = rep ? rep[i] : 0;
        if (d < node->anc_def)
            continue;
        if (r <= node->rep) {
            if (off)
                off[s] = (int32_t)e;
            if (valid && d >= node->def)
                valid[s >> 3] |= (uint8_t)(1u << (s & 7));
            s++;
            e += d >= node->elem_def;
        } else if (r == node->rep + 1 && d >= node->elem_def) {
            e++;
        }
    }
    if (off)
        off[slots] = (int32_t)elems;

    int64_t child_expect = node->kind == PQ_NODE_STRUCT ? slots : elems;
    for (int c = 0; c < node->n_children; c++) {
        vec *child;
        if (pq_assemble(f, node->children[c], lv, leaf_vecs, child_expect, &child)) {
            vec_release(v);
            return EM_EIO;
        }
        pq_replace_child(v, c, child);
    }
    v->len = slots;
    *out = v;
    return 0;
}
