/*
 * fn_xpath_int: the private interface of the XPath functions (fn_xpath.c): the DOM one row's
 * document is parsed into (fn_xpath_doc.c), XPath 1.0 values and their conversions, and
 * compiled expressions with their evaluation (fn_xpath_expr.c). Everything returned is owned by
 * the arena passed in.
 */
#ifndef FN_XPATH_INT_H
#define FN_XPATH_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "common/em_arena.h"

typedef enum { FN_XN_DOC, FN_XN_ELEM, FN_XN_TEXT, FN_XN_ATTR, FN_XN_COMMENT } fn_xn_kind;

/* A DOM node. Attributes hang off their element (attrs), never in kids. */
typedef struct fn_xn fn_xn;
struct fn_xn {
    fn_xn_kind kind;
    const char *name; /* element / attribute name */
    const char *text; /* text, comment or attribute value */
    fn_xn *parent;
    fn_xn **kids; /* element / document children */
    int n_kids, cap_kids;
    fn_xn **attrs;
    int n_attrs, cap_attrs;
    int order; /* document order */
};

/* Parses an XML document (DocumentBuilder's grammar, without namespaces or DTDs): the document
   node, or NULL when the text is not well-formed. */
fn_xn *fn_xp_parse(em_arena *a, const char *s, int32_t len);

/* XPath 1.0 values. */
typedef enum { FN_XV_NODES, FN_XV_NUM, FN_XV_STR, FN_XV_BOOL } fn_xv_kind;

typedef struct fn_xv {
    fn_xv_kind kind;
    fn_xn **nodes; /* in document order */
    int n;
    double num;
    const char *str;
    bool b;
} fn_xv;

/* XPath's string(), number() and boolean() of a value; the string-value of a node; number()
   of a string. */
const char *fn_xv_str(em_arena *a, const fn_xv *v);
double fn_xv_num(em_arena *a, const fn_xv *v);
bool fn_xv_bool(const fn_xv *v);
const char *fn_xn_strdup(em_arena *a, const fn_xn *x);
double fn_xp_str_num(const char *s);
/* Appends x to a growable node array. */
void fn_xn_push(em_arena *a, fn_xn ***arr, int *n, int *cap, fn_xn *x);
/* XML white space and name characters (shared by both parsers). */
bool fn_xp_space(char c);
bool fn_xp_name_char(char c);

/* A compiled XPath expression. */
typedef struct fn_xe fn_xe;
/* Compiles `path`; NULL when it is not a valid XPath 1.0 expression (of the supported subset). */
const fn_xe *fn_xp_compile(em_arena *a, const char *path);
/* Evaluates e with the document node as context; false when the evaluation fails (an unknown
   function, a wrong argument count, a node-set operation on another type). */
bool fn_xp_evaluate(em_arena *a, const fn_xe *e, fn_xn *doc, fn_xv *out);

#endif
