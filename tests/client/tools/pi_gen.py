#!/usr/bin/env python3
"""
pi_gen.py: writes plan-identity programs (C, using libember's public API) for the examples of
captured PySpark function docstrings.

A development aid, not part of the build. For every docstring folder whose name matches a
prefix, it reads each example's Python source from the capture's cases.json, translates the
statements it understands into C (pi_main.h helpers and ember_* calls), and emits one C
function per docstring plus a case table. An example whose statements are not all understood
is left out (the test then counts it as skipped). How each pyspark.sql.connect.functions
function turns its arguments into expressions (column name, literal, plain Column) is read
from that function's definition in PySpark's source, with a small symbolic evaluator;
functions whose definitions it cannot follow are left out.

The emitted programs are checked, not trusted: the plan-identity test compares the requests
they make libember send with the captured PySpark requests.

Usage: pi_gen.py CAPTURE_DIR PYSPARK_BUILTIN_PY PREFIX OUT_C TABLE_NAME [EXCLUDE_LIST]
(EXCLUDE_LIST: a file of docstring names already covered by hand-written programs.)
"""
import ast
import datetime
import decimal
import json
import os
import sys


class Unsupported(Exception):
    pass


# ----------------------------------------------------------------------------- values ----

class Col:
    """A column expression: C code that builds a fresh ember_column each time it is used."""

    def __init__(self, code, kind="expr", name=None):
        self.code = code
        self.kind = kind  # expr | star | sort | casewhen
        self.name = name


class RowVal:
    def __init__(self, names, values):
        self.names = names
        self.values = values


class DF:
    def __init__(self, var, columns=None):
        self.var = var
        self.columns = columns


class Grouped:
    def __init__(self, df, cols, kind="groupby"):
        self.df = df
        self.cols = cols
        self.kind = kind


class Window:
    pass


def c_str(s):
    out = '"'
    for ch in s:
        o = ord(ch)
        if ch == '"':
            out += '\\"'
        elif ch == "\\":
            out += "\\\\"
        elif ch == "\n":
            out += "\\n"
        elif ch == "\t":
            out += "\\t"
        elif o < 32 or o == 127:
            out += "\\%03o" % o
        elif o > 127:
            for b in ch.encode("utf-8"):
                out += "\\%03o" % b
        else:
            out += ch
    return out + '"'


def lit_code(v):
    """PySpark's F.lit / LiteralExpression._from_value for a Python value."""
    if isinstance(v, Col):
        return v.code
    if v is None:
        return "ember_lit_null()"
    if isinstance(v, bool):
        return "LIT_B(%s)" % ("true" if v else "false")
    if isinstance(v, int):
        if -(2**31) <= v < 2**31:
            return "LIT_I(%d)" % v
        if -(2**63) <= v < 2**63:
            return "LIT_L(%dLL)" % v
        raise Unsupported("int range")
    if isinstance(v, float):
        if v != v or v in (float("inf"), float("-inf")):
            raise Unsupported("special float")
        return "LIT_D(%s)" % repr(v)
    if isinstance(v, str):
        return "LIT_S(%s)" % c_str(v)
    if isinstance(v, list):
        if not v:
            raise Unsupported("empty list literal")
        return "FN(\"array\", %s)" % ", ".join(lit_code(x) for x in v)
    if isinstance(v, (bytes, bytearray)):
        return "ember_lit_binary(%s, %d)" % (c_str(v.decode("latin-1")), len(v))
    if isinstance(v, decimal.Decimal):
        return 'ember_lit_decimal(%s, 10, 0)' % c_str(str(v))
    if isinstance(v, datetime.datetime):
        raise Unsupported("datetime literal")
    if isinstance(v, datetime.date):
        days = (v - datetime.date(1970, 1, 1)).days
        return "ember_lit_date(%d)" % days
    raise Unsupported("literal %r" % type(v))


def to_col(v):
    """F._to_col: a name becomes F.col(name); a Column stays."""
    if isinstance(v, Col):
        return v
    if isinstance(v, str):
        return col_of(v)
    raise Unsupported("_to_col(%r)" % (v,))


def col_of(name):
    if name == "*":
        return Col('COL("*")', "star")
    return Col("COL(%s)" % c_str(name), name=name)


def fn_col(name, args, distinct=False):
    codes = [a.code for a in args]
    if distinct:
        arr = "(ember_column *[]){%s}" % ", ".join(codes)
        return Col("ember_fn_distinct(%s, %s, %d)" % (c_str(name), arr, len(codes)))
    if not codes:
        return Col("FN0(%s)" % c_str(name))
    return Col("FN(%s, %s)" % (c_str(name), ", ".join(codes)))


# ------------------------------------------------------- PySpark function definitions ----

class FuncLib:
    """Evaluates pyspark.sql.connect.functions.builtin definitions symbolically."""

    def __init__(self, path):
        src = open(path).read()
        self.tree = ast.parse(src)
        self.defs = {}
        for node in self.tree.body:
            if isinstance(node, ast.FunctionDef):
                self.defs[node.name] = node
        # Module-level aliases: name = other_name
        for node in self.tree.body:
            if (isinstance(node, ast.Assign) and len(node.targets) == 1 and
                    isinstance(node.targets[0], ast.Name) and isinstance(node.value, ast.Name)
                    and node.value.id in self.defs):
                self.defs.setdefault(node.targets[0].id, self.defs[node.value.id])

    def has(self, name):
        return name in self.defs and not name.startswith("_")

    def call(self, name, args, kwargs, depth=0):
        if depth > 8:
            raise Unsupported("recursion")
        if name in ("col", "column"):
            if len(args) != 1 or not isinstance(args[0], str):
                raise Unsupported("col()")
            return col_of(args[0])
        if name == "lit":
            return self.lit(args[0]) if len(args) == 1 else self._fail()
        if name == "expr":
            return Col("ember_expr(%s)" % c_str(args[0]))
        if name == "when":
            cond, value = args
            if not isinstance(cond, Col):
                raise Unsupported("when cond")
            v = value if isinstance(value, Col) else self.lit(value)
            return Col("ember_when(%s, %s)" % (cond.code, v.code), "casewhen")
        if name in ("asc", "desc", "asc_nulls_first", "asc_nulls_last", "desc_nulls_first",
                    "desc_nulls_last"):
            c = to_col(args[0])
            return Col("ember_%s(%s)" % (name, c.code), "sort")
        if name in ("count_distinct", "countDistinct"):
            return fn_col("count", [to_col(a) for a in args], distinct=True)
        if name == "count":
            c = args[0]
            if isinstance(c, Col) and c.kind == "star":
                c = self.lit(1)
            return fn_col("count", [to_col(c)])
        if name == "broadcast" or name == "udf" or name == "pandas_udf":
            raise Unsupported(name)
        if not self.has(name):
            raise Unsupported("unknown function %s" % name)
        fdef = self.defs[name]
        env = self.bind(fdef, args, kwargs)
        return self.run_body(fdef.body, env, depth)

    def _fail(self):
        raise Unsupported("call shape")

    def lit(self, v):
        if isinstance(v, Col):
            return v
        if isinstance(v, list):
            return fn_col("array", [self.lit(x) for x in v])
        return Col(lit_code(v))

    def bind(self, fdef, args, kwargs):
        a = fdef.args
        params = [p.arg for p in a.posonlyargs + a.args]
        defaults = a.defaults
        env = {}
        n_req = len(params) - len(defaults)
        for idx, p in enumerate(params):
            if idx < len(args):
                env[p] = args[idx]
            elif p in kwargs:
                env[p] = kwargs[p]
            elif idx >= n_req:
                env[p] = self.const(defaults[idx - n_req])
            else:
                raise Unsupported("missing argument %s" % p)
        if a.vararg:
            env[a.vararg.arg] = tuple(args[len(params):])
        elif len(args) > len(params):
            raise Unsupported("too many args")
        for p in a.kwonlyargs:
            if p.arg in kwargs:
                env[p.arg] = kwargs[p.arg]
            else:
                d = a.kw_defaults[a.kwonlyargs.index(p)]
                env[p.arg] = self.const(d) if d is not None else None
        for k in kwargs:
            if k not in env:
                raise Unsupported("unknown kwarg %s" % k)
        return env

    def const(self, node):
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return -self.const(node.operand)
        raise Unsupported("default value")

    def run_body(self, body, env, depth):
        for st in body:
            r = self.stmt(st, env, depth)
            if r is not None:
                return r[0]
        raise Unsupported("no return")

    def stmt(self, st, env, depth):
        if isinstance(st, ast.Return):
            return (self.expr(st.value, env, depth),)
        if isinstance(st, ast.If):
            cond = self.expr(st.test, env, depth)
            if not isinstance(cond, bool):
                raise Unsupported("non-bool condition")
            for inner in (st.body if cond else st.orelse):
                r = self.stmt(inner, env, depth)
                if r is not None:
                    return r
            return None
        if isinstance(st, ast.Assign) and len(st.targets) == 1 and isinstance(st.targets[0],
                                                                                ast.Name):
            env[st.targets[0].id] = self.expr(st.value, env, depth)
            return None
        if isinstance(st, (ast.ImportFrom, ast.Import, ast.Pass)):
            return None
        if isinstance(st, ast.Expr):
            if isinstance(st.value, ast.Constant):
                return None
            if isinstance(st.value, ast.Call) and isinstance(st.value.func, ast.Attribute) and \
                    isinstance(st.value.func.value, ast.Name) and \
                    st.value.func.value.id == "warnings":
                return None
        if isinstance(st, ast.Raise):
            raise Unsupported("raise")
        raise Unsupported("statement %s" % type(st).__name__)

    def expr(self, node, env, depth):
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.Name):
            if node.id in env:
                return env[node.id]
            if node.id in ("True", "False", "None"):
                return {"True": True, "False": False, "None": None}[node.id]
            raise Unsupported("name %s" % node.id)
        if isinstance(node, (ast.List, ast.Tuple)):
            out = []
            for e in node.elts:
                if isinstance(e, ast.Starred):
                    out.extend(self.expr(e.value, env, depth))
                else:
                    out.append(self.expr(e, env, depth))
            return out if isinstance(node, ast.List) else tuple(out)
        if isinstance(node, ast.Dict):
            return {self.expr(k, env, depth): self.expr(v, env, depth)
                    for k, v in zip(node.keys, node.values)}
        if isinstance(node, ast.UnaryOp):
            v = self.expr(node.operand, env, depth)
            if isinstance(node.op, ast.Not):
                return not v
            if isinstance(node.op, ast.USub) and isinstance(v, (int, float)):
                return -v
            raise Unsupported("unary")
        if isinstance(node, ast.BoolOp):
            vals = [self.expr(v, env, depth) for v in node.values]
            if not all(isinstance(v, bool) for v in vals):
                raise Unsupported("boolop")
            return all(vals) if isinstance(node.op, ast.And) else any(vals)
        if isinstance(node, ast.Compare) and len(node.ops) == 1:
            left = self.expr(node.left, env, depth)
            right = self.expr(node.comparators[0], env, depth)
            op = node.ops[0]
            if isinstance(op, ast.Is):
                return left is right
            if isinstance(op, ast.IsNot):
                return left is not right
            if isinstance(left, Col) or isinstance(right, Col):
                raise Unsupported("column compare in function body")
            if isinstance(op, ast.Eq):
                return left == right
            if isinstance(op, ast.NotEq):
                return left != right
            if isinstance(op, ast.Lt):
                return left < right
            if isinstance(op, ast.Gt):
                return left > right
            if isinstance(op, ast.In):
                return left in right
            raise Unsupported("compare")
        if isinstance(node, ast.IfExp):
            cond = self.expr(node.test, env, depth)
            if not isinstance(cond, bool):
                raise Unsupported("ifexp")
            return self.expr(node.body if cond else node.orelse, env, depth)
        if isinstance(node, ast.Subscript):
            base = self.expr(node.value, env, depth)
            idx = self.expr(node.slice, env, depth)
            if isinstance(base, (list, tuple)) and isinstance(idx, int):
                return base[idx]
            raise Unsupported("subscript")
        if isinstance(node, ast.ListComp) and len(node.generators) == 1:
            g = node.generators[0]
            if g.ifs or not isinstance(g.target, ast.Name):
                raise Unsupported("listcomp")
            seq = self.expr(g.iter, env, depth)
            out = []
            for item in seq:
                env2 = dict(env)
                env2[g.target.id] = item
                out.append(self.expr(node.elt, env2, depth))
            return out
        if isinstance(node, ast.Call):
            return self.call_node(node, env, depth)
        if isinstance(node, ast.Attribute):
            raise Unsupported("attribute in body")
        raise Unsupported("expr %s" % type(node).__name__)

    def call_node(self, node, env, depth):
        if not isinstance(node.func, ast.Name):
            raise Unsupported("call target")
        fname = node.func.id
        args = []
        for a in node.args:
            if isinstance(a, ast.Starred):
                args.extend(self.expr(a.value, env, depth))
            else:
                args.append(self.expr(a, env, depth))
        kwargs = {k.arg: self.expr(k.value, env, depth) for k in node.keywords if k.arg}
        if fname == "_invoke_function":
            name = args[0]
            cols = []
            for a in args[1:]:
                if not isinstance(a, Col):
                    raise Unsupported("_invoke_function arg")
                cols.append(a)
            return fn_col(name, cols)
        if fname == "_invoke_function_over_columns":
            return fn_col(args[0], [to_col(a) for a in args[1:]])
        if fname == "_invoke_binary_math_function":
            cols = [to_col(c) if isinstance(c, (str, Col)) else self.lit(c) for c in args[1:]]
            return fn_col(args[0], cols)
        if fname == "_to_col":
            return to_col(args[0])
        if fname == "_enum_to_value":
            return args[0]
        if fname == "isinstance":
            return self.isinstance(args[0], node.args[1])
        if fname == "len":
            return len(args[0])
        if fname in ("list", "tuple"):
            return list(args[0])
        if fname in ("str",) and isinstance(args[0], str):
            return args[0]
        if fname == "_options_to_col":
            raise Unsupported("options")
        return self.call(fname, args, kwargs, depth + 1)

    def isinstance(self, v, tnode):
        names = []
        if isinstance(tnode, ast.Tuple):
            for e in tnode.elts:
                names.append(e.id if isinstance(e, ast.Name) else
                             (e.attr if isinstance(e, ast.Attribute) else "?"))
        elif isinstance(tnode, ast.Name):
            names.append(tnode.id)
        elif isinstance(tnode, ast.Attribute):
            names.append(tnode.attr)
        for n in names:
            if n == "Column" and isinstance(v, Col):
                return True
            if n == "str" and isinstance(v, str):
                return True
            if n == "int" and isinstance(v, int) and not isinstance(v, bool):
                return True
            if n == "bool" and isinstance(v, bool):
                return True
            if n == "float" and isinstance(v, float):
                return True
            if n in ("list",) and isinstance(v, list):
                return True
            if n in ("tuple",) and isinstance(v, tuple):
                return True
            if n in ("set",) and isinstance(v, set):
                return True
            if n == "dict" and isinstance(v, dict):
                return True
        if "?" in names:
            raise Unsupported("isinstance type")
        return False


# ------------------------------------------------------------------ data (createDataFrame) --

def infer(v):
    """PySpark's _infer_type for createDataFrame data."""
    if v is None:
        return "void"
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, int):
        return "long"
    if isinstance(v, float):
        return "double"
    if isinstance(v, str):
        return "string"
    if isinstance(v, (bytes, bytearray)):
        return "binary"
    if isinstance(v, decimal.Decimal):
        return "decimal(38,18)"
    if isinstance(v, datetime.datetime):
        return "timestamp"
    if isinstance(v, datetime.date):
        return "date"
    if isinstance(v, list):
        t = "void"
        for x in v:
            t = merge(t, infer(x))
        if t == "void":
            raise Unsupported("array of unknown type")
        return "array<%s>" % t
    if isinstance(v, dict):
        kt, vt = "void", "void"
        for k, x in v.items():
            kt = merge(kt, infer(k))
            vt = merge(vt, infer(x))
        if kt == "void" or vt == "void":
            raise Unsupported("map of unknown type")
        return "map<%s,%s>" % (kt, vt)
    if isinstance(v, RowVal):
        return "struct<%s>" % ",".join("%s:%s" % (n, infer(x)) for n, x in zip(v.names, v.values))
    if isinstance(v, tuple):
        return "struct<%s>" % ",".join("_%d:%s" % (i + 1, infer(x)) for i, x in enumerate(v))
    raise Unsupported("data type %r" % type(v))


def merge(a, b):
    if a == "void":
        return b
    if b == "void":
        return a
    if a == b:
        return a
    raise Unsupported("type merge %s %s" % (a, b))


def fmt_value(v):
    if v is None:
        return "None"
    if isinstance(v, bool):
        return "True" if v else "False"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if v != v:
            return "float('nan')"
        return repr(v)
    if isinstance(v, str):
        return "'" + v.replace("\\", "\\\\").replace("'", "\\'") + "'"
    if isinstance(v, (bytes, bytearray)):
        return "b'" + v.decode("latin-1").replace("\\", "\\\\").replace("'", "\\'") + "'"
    if isinstance(v, decimal.Decimal):
        return "Decimal('%s')" % v
    if isinstance(v, datetime.datetime):
        return "datetime(%d, %d, %d, %d, %d, %d, %d)" % (v.year, v.month, v.day, v.hour,
                                                        v.minute, v.second, v.microsecond)
    if isinstance(v, datetime.date):
        return "date(%d, %d, %d)" % (v.year, v.month, v.day)
    if isinstance(v, list):
        return "[" + ", ".join(fmt_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join("%s: %s" % (fmt_value(k), fmt_value(x)) for k, x in v.items()) + "}"
    if isinstance(v, RowVal):
        return "(" + ", ".join(fmt_value(x) for x in v.values) + ")"
    if isinstance(v, tuple):
        return "(" + ", ".join(fmt_value(x) for x in v) + ("," if len(v) == 1 else "") + ")"
    raise Unsupported("format %r" % type(v))


DDL_TYPES = {"int": "int", "integer": "int", "bigint": "long", "long": "long",
             "string": "string", "double": "double", "float": "float", "boolean": "boolean",
             "date": "date", "timestamp": "timestamp", "binary": "binary", "short": "short",
             "smallint": "short", "tinyint": "byte", "byte": "byte"}


def parse_ddl(ddl):
    """'a INT, b STRING' or 'a: int, b: string' or 'struct<a:int,b:string>' -> [(name, type)]."""
    s = ddl.strip()
    if s.lower().startswith("struct<") and s.endswith(">"):
        s = s[7:-1]
    out = []
    for part in s.split(","):
        part = part.strip().replace(":", " ")
        bits = part.split()
        if len(bits) != 2:
            raise Unsupported("ddl %s" % ddl)
        t = DDL_TYPES.get(bits[1].lower())
        if not t:
            raise Unsupported("ddl type %s" % bits[1])
        out.append((bits[0], t))
    return out


def make_df_call(data, schema):
    """Returns (arrow_schema, rows, names_or_None, schema_arg_or_None)."""
    if not isinstance(data, list):
        raise Unsupported("data not a list")
    if isinstance(schema, str):
        fields = parse_ddl(schema)
        bare = len(fields) == 0
        if bare:
            raise Unsupported("bare ddl")
        rows = []
        for r in data:
            if isinstance(r, RowVal):
                r = tuple(r.values)
            if not isinstance(r, (tuple, list)):
                r = (r,)
            if len(r) != len(fields):
                raise Unsupported("ddl arity")
            rows.append(tuple(r))
        arrow = ", ".join("%s %s" % f for f in fields)
        return arrow, ", ".join(fmt_value(r) for r in rows), None, schema
    if not data:
        raise Unsupported("empty data")
    first = data[0]
    names = None
    if isinstance(first, dict):
        keys = sorted(first.keys())
        for r in data:
            if not isinstance(r, dict) or sorted(r.keys()) != keys:
                raise Unsupported("dict rows")
        rows = [tuple(r[k] for k in keys) for r in data]
        field_names = keys
    elif isinstance(first, RowVal):
        field_names = first.names
        rows = [tuple(r.values) for r in data]
    elif isinstance(first, (tuple, list)):
        rows = [tuple(r) for r in data]
        field_names = ["_%d" % (i + 1) for i in range(len(first))]
    else:
        rows = [(r,) for r in data]
        field_names = ["_1"]
    if schema is not None:
        if not isinstance(schema, (list, tuple)) or not all(isinstance(n, str) for n in schema):
            raise Unsupported("schema arg")
        names = list(schema)
        if len(names) < len(field_names):
            names += field_names[len(names):]
        if len(names) != len(field_names):
            raise Unsupported("schema arity")
        field_names = names
    types = []
    for i in range(len(field_names)):
        t = "void"
        for r in rows:
            if len(r) != len(field_names):
                raise Unsupported("row arity")
            t = merge(t, infer(r[i]))
        if t == "void":
            raise Unsupported("all-null column")
        types.append(t)
    for n in field_names:
        if not n or any(ch in n for ch in ",:<> "):
            raise Unsupported("column name %r" % n)
    arrow = ", ".join("%s %s" % (n, t) for n, t in zip(field_names, types))
    rows_txt = ", ".join(fmt_value(r) if len(r) > 1 else "(" + fmt_value(r[0]) + ",)"
                         for r in rows)
    return arrow, rows_txt, (",".join(names) if names else None), None


# ------------------------------------------------------------------------- translator ----

DF_METHODS = {"select", "selectExpr", "filter", "where", "withColumn", "withColumns",
              "withColumnRenamed", "groupBy", "groupby", "agg", "orderBy", "sort", "show",
              "collect", "count", "limit", "distinct", "drop", "alias", "join", "union",
              "unionAll", "toDF", "first", "head", "take", "isEmpty", "printSchema", "schema",
              "columns", "dtypes", "explain", "cache", "persist", "crossJoin", "dropDuplicates",
              "createOrReplaceTempView", "toPandas", "offset", "rollup", "cube", "tail"}

COL_BINOPS = {ast.Add: "ember_add", ast.Sub: "ember_sub", ast.Mult: "ember_mul",
              ast.Div: "ember_div", ast.Mod: "ember_mod", ast.Pow: "ember_pow",
              ast.BitAnd: "ember_and", ast.BitOr: "ember_or"}
COL_CMPS = {ast.Eq: "ember_eq", ast.NotEq: "ember_ne", ast.Lt: "ember_lt", ast.LtE: "ember_le",
            ast.Gt: "ember_gt", ast.GtE: "ember_ge"}


class Translator:
    def __init__(self, lib):
        self.lib = lib

    def reset(self):
        self.vals = {}      # python variable -> value (python value, Col, DF, Grouped)
        self.fn_mods = {"sf", "F", "f", "func", "functions", "dbf"}
        self.lines = []
        self.df_count = 0

    def new_df_var(self):
        self.df_count += 1
        return "d%d" % self.df_count

    # statements ---------------------------------------------------------------------
    def example(self, source):
        """Translates one example; returns C lines or raises Unsupported."""
        saved_vals = dict(self.vals)
        saved_count = self.df_count
        out = []
        try:
            tree = ast.parse(source)
            for st in tree.body:
                out.extend(self.stmt(st))
        except Unsupported:
            self.vals = saved_vals
            self.df_count = saved_count
            self.invalidate(source)
            raise
        except (SyntaxError, RecursionError, ValueError, TypeError, KeyError, IndexError,
                AttributeError):
            self.vals = saved_vals
            self.df_count = saved_count
            self.invalidate(source)
            raise Unsupported("python")
        return out

    def invalidate(self, source):
        """Names an untranslated example assigns no longer hold what later examples expect."""
        try:
            tree = ast.parse(source)
        except SyntaxError:
            return
        for node in ast.walk(tree):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                self.vals.pop(node.id, None)

    def stmt(self, st):
        if isinstance(st, ast.Import):
            for a in st.names:
                if a.name in ("pyspark.sql.functions", "pyspark.sql.connect.functions"):
                    self.fn_mods.add(a.asname or a.name)
            return []
        if isinstance(st, ast.ImportFrom):
            if st.module in ("pyspark.sql", "pyspark.sql.connect") and \
                    any(a.name == "functions" for a in st.names):
                for a in st.names:
                    if a.name == "functions":
                        self.fn_mods.add(a.asname or "functions")
            return []
        if isinstance(st, ast.Assign) and len(st.targets) == 1:
            tgt = st.targets[0]
            if isinstance(tgt, ast.Name):
                v, code = self.value(st.value)
                self.vals[tgt.id] = v
                return code
            raise Unsupported("assign target")
        if isinstance(st, ast.Expr):
            v, code = self.value(st.value, top=True)
            return code
        raise Unsupported("stmt %s" % type(st).__name__)

    # values -------------------------------------------------------------------------
    def value(self, node, top=False):
        """Returns (value, C statements emitted)."""
        code = []
        v = self.ev(node, code, top)
        return v, code

    def pyval(self, node):
        """A Python data literal (lists, tuples, Row(...), dates...)."""
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.Name):
            if node.id in self.vals and not isinstance(self.vals[node.id], (Col, DF, Grouped)):
                return self.vals[node.id]
            raise Unsupported("data name %s" % node.id)
        if isinstance(node, ast.List):
            return [self.pyval(e) for e in node.elts]
        if isinstance(node, ast.Tuple):
            return tuple(self.pyval(e) for e in node.elts)
        if isinstance(node, ast.Dict):
            return {self.pyval(k): self.pyval(v) for k, v in zip(node.keys, node.values)}
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return -self.pyval(node.operand)
        if isinstance(node, ast.Call):
            fname = self.dotted(node.func)
            args = [self.pyval(a) for a in node.args]
            if fname == "Row":
                if node.args:
                    raise Unsupported("positional Row")
                return RowVal([k.arg for k in node.keywords],
                              [self.pyval(k.value) for k in node.keywords])
            if fname in ("datetime.date", "date"):
                return datetime.date(*args)
            if fname in ("datetime.datetime", "datetime"):
                return datetime.datetime(*args)
            if fname in ("Decimal", "decimal.Decimal"):
                return decimal.Decimal(*args)
            if fname == "bytearray":
                return bytearray(*args)
            if fname == "float" and args == ["nan"]:
                return float("nan")
            raise Unsupported("data call %s" % fname)
        raise Unsupported("data %s" % type(node).__name__)

    def dotted(self, node):
        if isinstance(node, ast.Name):
            return node.id
        if isinstance(node, ast.Attribute):
            return self.dotted(node.value) + "." + node.attr
        raise Unsupported("dotted")

    def is_fn_module(self, node):
        return isinstance(node, ast.Name) and node.id in self.fn_mods and node.id not in self.vals

    def ev(self, node, code, top=False):
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.Name):
            if node.id in self.vals:
                return self.vals[node.id]
            raise Unsupported("name %s" % node.id)
        if isinstance(node, (ast.List, ast.Tuple)):
            vals = [self.ev(e, code) for e in node.elts]
            return vals if isinstance(node, ast.List) else tuple(vals)
        if isinstance(node, ast.Dict):
            return {self.ev(k, code): self.ev(v, code) for k, v in zip(node.keys, node.values)}
        if isinstance(node, ast.UnaryOp):
            v = self.ev(node.operand, code)
            if isinstance(node.op, ast.USub):
                if isinstance(v, Col):
                    return Col("ember_neg(%s)" % v.code)
                return -v
            if isinstance(node.op, ast.Invert) and isinstance(v, Col):
                return Col("ember_not(%s)" % v.code)
            raise Unsupported("unary")
        if isinstance(node, ast.BinOp):
            a = self.ev(node.left, code)
            b = self.ev(node.right, code)
            op = COL_BINOPS.get(type(node.op))
            if isinstance(a, Col):
                return Col("%s(%s, %s)" % (op, a.code, lit_code(b))) if op else self._un()
            if isinstance(b, Col):
                return Col("%s(%s, %s)" % (op, lit_code(a), b.code)) if op else self._un()
            raise Unsupported("python arithmetic")
        if isinstance(node, ast.Compare) and len(node.ops) == 1:
            a = self.ev(node.left, code)
            b = self.ev(node.comparators[0], code)
            op = COL_CMPS.get(type(node.ops[0]))
            if not op:
                raise Unsupported("compare op")
            if isinstance(a, Col):
                return Col("%s(%s, %s)" % (op, a.code, lit_code(b)))
            if isinstance(b, Col):
                # Python reflects: 3 < col -> col > 3
                refl = {"ember_lt": "ember_gt", "ember_gt": "ember_lt", "ember_le": "ember_ge",
                        "ember_ge": "ember_le", "ember_eq": "ember_eq", "ember_ne": "ember_ne"}
                return Col("%s(%s, %s)" % (refl[op], b.code, lit_code(a)))
            raise Unsupported("python compare")
        if isinstance(node, ast.Subscript):
            base = self.ev(node.value, code)
            key = self.ev(node.slice, code)
            if isinstance(base, DF):
                if isinstance(key, str):
                    return Col("DCOL(%s, %s)" % (base.var, c_str(key)), name=key)
                if isinstance(key, int) and base.columns:
                    return col_of(base.columns[key])
                raise Unsupported("df subscript")
            if isinstance(base, Col):
                return Col("ember_get_item(%s, %s)" % (base.code, lit_code(key)))
            if isinstance(base, (list, tuple)) and isinstance(key, int):
                return base[key]
            raise Unsupported("subscript")
        if isinstance(node, ast.Attribute):
            base = self.ev(node.value, code)
            if isinstance(base, DF):
                # df.name needs the schema (PySpark checks df.columns first).
                if node.attr in DF_METHODS or not base.columns or node.attr not in base.columns:
                    raise Unsupported("df attribute")
                return Col("DCOL(%s, %s)" % (base.var, c_str(node.attr)), name=node.attr)
            if isinstance(base, Col):
                return Col("ember_get_item(%s, %s)" % (base.code, lit_code(node.attr)))
            raise Unsupported("attribute %s" % node.attr)
        if isinstance(node, ast.Call):
            return self.call(node, code, top)
        raise Unsupported("expr %s" % type(node).__name__)

    def _un(self):
        raise Unsupported("operator")

    def args(self, node, code):
        args = []
        for a in node.args:
            if isinstance(a, ast.Starred):
                v = self.ev(a.value, code)
                args.extend(v)
            else:
                args.append(self.ev(a, code))
        kwargs = {k.arg: self.ev(k.value, code) for k in node.keywords if k.arg}
        if any(k.arg is None for k in node.keywords):
            raise Unsupported("**kwargs")
        return args, kwargs

    def call(self, node, code, top):
        f = node.func
        # functions module: sf.name(...) or a bare function name
        if isinstance(f, ast.Attribute) and self.is_fn_module(f.value):
            args, kwargs = self.args(node, code)
            return self.lib.call(f.attr, args, kwargs)
        if isinstance(f, ast.Name) and f.id not in self.vals:
            if f.id in ("Row", "Decimal", "bytearray"):
                return self.pyval(node)
            args, kwargs = self.args(node, code)
            return self.lib.call(f.id, args, kwargs)
        if isinstance(f, ast.Attribute):
            # spark.*
            if isinstance(f.value, ast.Name) and f.value.id == "spark" and "spark" not in self.vals:
                return self.spark_call(f.attr, node, code)
            base = self.ev(f.value, code)
            if isinstance(base, DF):
                return self.df_call(base, f.attr, node, code, top)
            if isinstance(base, Grouped):
                return self.grouped_call(base, f.attr, node, code)
            if isinstance(base, Col):
                return self.col_call(base, f.attr, node, code)
        raise Unsupported("call")

    # spark.* ----------------------------------------------------------------------
    def spark_call(self, name, node, code):
        if name == "createDataFrame":
            data = self.pyval(node.args[0]) if node.args else None
            schema = None
            if len(node.args) > 1:
                schema = self.pyval(node.args[1])
            for k in node.keywords:
                if k.arg == "schema":
                    schema = self.pyval(k.value)
                elif k.arg == "data":
                    data = self.pyval(k.value)
                else:
                    raise Unsupported("createDataFrame kwarg")
            arrow, rows, names, schema_arg = make_df_call(data, schema)
            var = self.new_df_var()
            if schema_arg is not None:
                code.append("%s = pi_df_schema(c, %s, %s, %s);" % (var, c_str(arrow), c_str(rows),
                                                                  c_str(schema_arg)))
            else:
                code.append("%s = pi_df(c, %s, %s, %s);" % (var, c_str(arrow), c_str(rows),
                                                           c_str(names) if names else "NULL"))
            cols = [p.split()[0] for p in arrow.split(", ")]
            if names:
                cols = names.split(",")
            return DF(var, cols)
        if name == "range":
            args, kwargs = self.args(node, code)
            if kwargs or not all(isinstance(a, int) for a in args) or not 1 <= len(args) <= 4:
                raise Unsupported("range")
            start, end, step, parts = 0, 0, 1, 0
            if len(args) == 1:
                end = args[0]
            else:
                start, end = args[0], args[1]
                if len(args) > 2:
                    step = args[2]
                if len(args) > 3:
                    parts = args[3]
            var = self.new_df_var()
            code.append("%s = pi_range_p(c, %dLL, %dLL, %dLL, %d);" % (var, start, end, step,
                                                                        parts))
            return DF(var, ["id"])
        if name == "sql":
            args, kwargs = self.args(node, code)
            if len(args) != 1 or kwargs or not isinstance(args[0], str):
                raise Unsupported("sql args")
            var = self.new_df_var()
            code.append("%s = pi_sql(c, %s);" % (var, c_str(args[0])))
            return DF(var)
        if name == "table":
            args, kwargs = self.args(node, code)
            var = self.new_df_var()
            code.append("%s = pi_table(c, %s);" % (var, c_str(args[0])))
            return DF(var)
        raise Unsupported("spark.%s" % name)

    # DataFrame methods ---------------------------------------------------------------
    def cols_of(self, args):
        out = []
        for a in args:
            if isinstance(a, list):
                out.extend(self.cols_of(a))
            elif isinstance(a, (str, Col)):
                out.append(to_col(a))
            else:
                raise Unsupported("column arg")
        return out

    def derived(self, code, expr_code, columns=None):
        var = self.new_df_var()
        code.append("%s = %s;" % (var, expr_code))
        return DF(var, columns)

    def df_call(self, df, name, node, code, top):
        args, kwargs = self.args(node, code)
        v = df.var
        if name == "select":
            cols = self.cols_of(args)
            if kwargs:
                raise Unsupported("select kwargs")
            names = [c.name if c.kind != "star" else None for c in cols]
            known = None
            return self.derived(code, "pi_select(c, %s, %s)" % (v, ", ".join(
                [c.code for c in cols] + ["NULL"])), known)
        if name == "selectExpr":
            if not all(isinstance(a, str) for a in args):
                raise Unsupported("selectExpr")
            return self.derived(code, "pi_select_expr(c, %s, %s)" % (v, ", ".join(
                [c_str(a) for a in args] + ["NULL"])))
        if name in ("filter", "where"):
            (cond,) = args
            if isinstance(cond, str):
                return self.derived(code, "pi_filter_expr(c, %s, %s)" % (v, c_str(cond)),
                                    df.columns)
            return self.derived(code, "pi_filter(c, %s, %s)" % (v, cond.code), df.columns)
        if name == "withColumn":
            n, col = args
            if not isinstance(col, Col):
                raise Unsupported("withColumn")
            cols = (df.columns + [n]) if df.columns and n not in df.columns else df.columns
            return self.derived(code, "pi_with_column(c, %s, %s, %s)" % (v, c_str(n), col.code),
                                cols)
        if name == "withColumnRenamed":
            a, b = args
            return self.derived(code, "pi_renamed(c, %s, %s, %s)" % (v, c_str(a), c_str(b)))
        if name in ("groupBy", "groupby"):
            return Grouped(df, self.cols_of(args))
        if name == "agg":
            return self.grouped_call(Grouped(df, []), "agg", node, code)
        if name in ("orderBy", "sort"):
            cols = self.cols_of(args)
            asc = kwargs.pop("ascending", True)
            if kwargs:
                raise Unsupported("sort kwargs")
            if isinstance(asc, bool) and not asc:
                cols = [Col("ember_desc(%s)" % c.code, "sort") for c in cols]
            elif isinstance(asc, list):
                cols = [c if a else Col("ember_desc(%s)" % c.code, "sort")
                        for a, c in zip(asc, cols)]
            elif asc is not True:
                raise Unsupported("ascending")
            return self.derived(code, "pi_sort(c, %s, %s)" % (v, ", ".join(
                [c.code for c in cols] + ["NULL"])), df.columns)
        if name == "limit":
            return self.derived(code, "pi_limit(c, %s, %d)" % (v, args[0]), df.columns)
        if name == "distinct":
            return self.derived(code, "pi_distinct(c, %s)" % v, df.columns)
        if name == "alias":
            return self.derived(code, "pi_alias(c, %s, %s)" % (v, c_str(args[0])), df.columns)
        if name == "show":
            n = 20
            truncate = 20
            vertical = False
            if args:
                n = args[0]
            if len(args) > 1:
                truncate = args[1]
            if len(args) > 2:
                vertical = args[2]
            n = kwargs.pop("n", n)
            truncate = kwargs.pop("truncate", truncate)
            vertical = kwargs.pop("vertical", vertical)
            if kwargs:
                raise Unsupported("show kwargs")
            if truncate is True:
                truncate = 20
            elif truncate is False:
                truncate = 0
            code.append("pi_show_n(c, %s, %d, %d, %s);" % (v, n, truncate,
                                                          "true" if vertical else "false"))
            return None
        if name == "collect" and not args:
            code.append("pi_collect(c, %s);" % v)
            return None
        if name == "count" and not args:
            code.append("pi_count(c, %s);" % v)
            return None
        if name in ("first", "head") and not args:
            code.append("pi_take(c, %s, 1);" % v)
            return None
        if name in ("take", "head") and len(args) == 1:
            code.append("pi_take(c, %s, %d);" % (v, args[0]))
            return None
        raise Unsupported("df.%s" % name)

    def grouped_call(self, g, name, node, code):
        args, kwargs = self.args(node, code)
        gcols = ", ".join(c.code for c in g.cols)
        if name == "agg":
            if len(args) == 1 and isinstance(args[0], dict):
                aggs = [self.lib.call(fn, [col_of(k)], {}) if False else
                        fn_col(fn, [col_of(k)]) for k, fn in args[0].items()]
            else:
                aggs = [a for a in args]
                if not all(isinstance(a, Col) for a in aggs):
                    raise Unsupported("agg args")
            var = self.new_df_var()
            code.append("%s = pi_group_agg(c, %s, (ember_column *[]){%s}, %d, "
                        "(ember_column *[]){%s}, %d);" % (
                            var, g.df.var, gcols if gcols else "NULL", len(g.cols),
                            ", ".join(a.code for a in aggs), len(aggs)))
            return DF(var)
        if name == "count" and not args:
            var = self.new_df_var()
            code.append("%s = pi_group_agg(c, %s, (ember_column *[]){%s}, %d, "
                        "(ember_column *[]){ember_alias(FN(\"count\", LIT_I(1)), \"count\")}, 1);"
                        % (var, g.df.var, gcols if gcols else "NULL", len(g.cols)))
            return DF(var)
        raise Unsupported("grouped.%s" % name)

    # Column methods ------------------------------------------------------------------
    def col_call(self, col, name, node, code):
        args, kwargs = self.args(node, code)
        if kwargs:
            raise Unsupported("column kwargs")
        x = col.code
        if name in ("alias", "name"):
            if len(args) == 1 and isinstance(args[0], str):
                return Col("ember_alias(%s, %s)" % (x, c_str(args[0])), name=args[0])
            if all(isinstance(a, str) for a in args):
                arr = "(const char *[]){%s}" % ", ".join(c_str(a) for a in args)
                return Col("ember_alias_multi(%s, %s, %d)" % (x, arr, len(args)))
            raise Unsupported("alias")
        if name in ("cast", "astype", "try_cast"):
            if len(args) != 1 or not isinstance(args[0], str):
                raise Unsupported("cast type object")
            f = "ember_try_cast" if name == "try_cast" else "ember_cast"
            return Col("%s(%s, %s)" % (f, x, c_str(args[0])))
        if name in ("asc", "desc", "asc_nulls_first", "asc_nulls_last", "desc_nulls_first",
                    "desc_nulls_last") and not args:
            return Col("ember_%s(%s)" % (name, x), "sort")
        unary = {"isNull": "ember_is_null", "isNotNull": "ember_is_not_null",
                 "isNaN": "ember_is_nan"}
        if name in unary and not args:
            return Col("%s(%s)" % (unary[name], x))
        binary = {"contains": "ember_contains", "startswith": "ember_starts_with",
                  "endswith": "ember_ends_with", "eqNullSafe": "ember_eq_null_safe",
                  "bitwiseOR": "ember_bitwise_or", "bitwiseAND": "ember_bitwise_and",
                  "bitwiseXOR": "ember_bitwise_xor"}
        if name in binary and len(args) == 1:
            return Col("%s(%s, %s)" % (binary[name], x, lit_code(args[0])))
        if name in ("like", "rlike", "ilike") and len(args) == 1 and isinstance(args[0], str):
            return Col("ember_%s(%s, %s)" % (name, x, c_str(args[0])))
        if name == "between" and len(args) == 2:
            return Col("ember_between(%s, %s, %s)" % (x, lit_code(args[0]), lit_code(args[1])))
        if name == "isin":
            vals = args[0] if len(args) == 1 and isinstance(args[0], (list, set)) else args
            arr = "(ember_column *[]){%s}" % ", ".join(lit_code(a) for a in vals)
            return Col("ember_isin(%s, %s, %d)" % (x, arr, len(vals)))
        if name == "substr" and len(args) == 2:
            return Col("ember_substr(%s, %s, %s)" % (x, lit_code(args[0]), lit_code(args[1])))
        if name in ("getItem", "getField") and len(args) == 1:
            return Col("ember_get_item(%s, %s)" % (x, lit_code(args[0])))
        if name == "when" and len(args) == 2 and col.kind == "casewhen":
            v = args[1] if isinstance(args[1], Col) else self.lib.lit(args[1])
            return Col("ember_when_add(%s, %s, %s)" % (x, args[0].code, v.code), "casewhen")
        if name == "otherwise" and len(args) == 1 and col.kind == "casewhen":
            v = args[0] if isinstance(args[0], Col) else self.lib.lit(args[0])
            return Col("ember_otherwise(%s, %s)" % (x, v.code))
        raise Unsupported("column.%s" % name)


# --------------------------------------------------------------------------------- main ----

def line_note(ex):
    return " /* line %s */" % ex["line"] if ex.get("line") else ""


def main():
    root, builtin_py, prefix, out_path, table = sys.argv[1:6]
    exclude = set()
    if len(sys.argv) > 6:
        exclude = set(line.strip() for line in open(sys.argv[6]) if line.strip())
    lib = FuncLib(builtin_py)
    tr = Translator(lib)
    funcs = []
    table_rows = []
    n_examples = 0
    prefixes = tuple(prefix.split(","))
    folders = sorted(d for d in os.listdir(root) if d.startswith(prefixes) and
                     not d.endswith("._setup") and not d.endswith("._teardown"))
    folders = [d for d in folders if d not in exclude]
    for d in folders:
        cj = json.load(open(os.path.join(root, d, "cases.json")))
        tr.reset()
        body = []
        covered = []
        for ex in cj["examples"]:
            if "SKIP" in ex["flags"]:
                continue
            has_exec = any(r.endswith("_ExecutePlan.bin") for r in ex.get("requests", []))
            try:
                lines = tr.example(ex["source"])
            except Unsupported:
                continue
            except Exception:
                continue
            if has_exec:
                body.append("    PI_EX(c, %d);%s" % (ex["index"], line_note(ex)))
                covered.append(ex["index"])
            elif lines:
                body.append("    pi_tag(c, %d);%s" % (ex["index"], line_note(ex)))
            body.extend("    " + ln for ln in lines)
        if not covered:
            continue
        n_examples += len(covered)
        fname = "pi_fn_" + d.split(".")[-1].replace("-", "_")
        while any(f[0] == fname for f in funcs):
            fname += "_"
        decl = "    ember_dataframe *%s;" % ", *".join("d%d" % (i + 1) for i in range(tr.df_count)) \
            if tr.df_count else ""
        where = cj["source_file"] + (":%s" % cj["source_line"] if cj["source_line"] else "")
        text = "/* %s (%s) */\nstatic void %s(pi_ctx *c)\n{\n" % (d, where, fname)
        if decl:
            text += decl + "\n"
        text += "\n".join(body) + "\n"
        for i in range(tr.df_count):
            text += "    (void)d%d;\n" % (i + 1)
        text += "}\n"
        funcs.append((fname, text))
        table_rows.append('    {"%s", %s},' % (d, fname))
    with open(out_path, "w") as out:
        out.write("/*\n * %s: plan-identity programs for captured PySpark docstrings,\n"
                  " * written by tools/pi_gen.py from each example's source and checked by the\n"
                  " * plan-identity comparison (see README.md for the command). Each program names\n"
                  " * its docstring and source line; PI_EX marks an example index and its line.\n"
                  " */\n" % os.path.basename(out_path))
        out.write('#include "pi_main.h"\n\n')
        for _, text in funcs:
            out.write(text + "\n")
        out.write("const pi_case %s[] = {\n" % table)
        out.write("\n".join(table_rows) + "\n    {NULL, NULL},\n};\n")
    print("%d docstrings, %d examples" % (len(funcs), n_examples), file=sys.stderr)


if __name__ == "__main__":
    main()
