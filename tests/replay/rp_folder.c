/*
 * rp_folder: the replay of one docstring folder (architecture §5, "Replaying the PySpark
 * doctest captures"; the capture format is ../shared/conformance/pyspark-doctests/README.md).
 *
 *   1. A fresh session id; every request is decoded, given that session id, stripped of
 *      client_observed_server_side_session_id, its /tmp paths redirected, re-encoded
 *      (rp_call.c); the scratch directories those paths name are created.
 *   2. The runner's <runner>._setup requests, then the folder's requests in file order, one
 *      call at a time over the run's single channel, then the runner's _teardown requests
 *      (ReleaseSession, so sessions do not pile up in the server).
 *   3. Every `show` example is judged from the answer to its show_request: the show_string
 *      value printed (value + "\n") against `want` with doctest's rules and the example's
 *      flags; an example that expects an exception passes when the call failed with the
 *      Python exception class doctest expects.
 * Failures of ReleaseExecute, ReleaseSession and Interrupt are ignored; every other failed
 * call whose example does not expect an exception is counted in the error summary.
 *
 * Guards: the folder deadline (--folder-timeout, default 60 s) cancels a hung stream and
 * bounds unary deadlines (30 s each); when the tool runs its own server, a crashed or hung
 * server is reported with the request in flight and the log's sanitizer report, then
 * restarted for the next folder (at most RP_MAX_RESTARTS times).
 */
#include "rp_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/em_mem.h"
#include "common/em_uuid.h"
#include "wire/wire.h"

#define RP_MAX_RESTARTS             25
#define RP_CRASH_WAIT_MS            10000
#define RP_MAX_CONSECUTIVE_TIMEOUTS 3
#define RP_VERBOSE_MAX_LINES        40

typedef struct rp_step {
    const char *file;   /* file name, owned by the folder arena */
    const char *method; /* borrowed */
    const char *dir;    /* folder path */
    int example;        /* example index, -1 for setup/teardown */
    bool ignore_failure;
    bool teardown;
    rp_prepared msgs[8];
    int n_msgs;
    char *prepare_error;
    rp_outcome outcome;
} rp_step;

/* ---------------------------------------------------------------------------------------------
 * small helpers
 * ------------------------------------------------------------------------------------------- */

static char *rp_read_text(const char *path, size_t *len_out)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    em_str buf;
    em_str_init(&buf, RP_JSON_MAX_INPUT);
    char chunk[16384];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        em_str_append(&buf, chunk, n);
    bool bad = ferror(f) || buf.overflow;
    fclose(f);
    if (bad) {
        em_str_release(&buf);
        return NULL;
    }
    em_str_putc(&buf, '\0');
    *len_out = buf.len - 1;
    char *text = em_str_move(&buf);
    em_str_release(&buf);
    return text;
}

const rp_json *rp_load_json(const char *path, em_arena *arena, bool quiet_missing)
{
    size_t len;
    char *text = rp_read_text(path, &len);
    if (!text) {
        if (!quiet_missing)
            fprintf(stderr, "ember-replay: cannot read %s\n", path);
        return NULL;
    }
    const rp_json *doc;
    char err[256];
    int rc = rp_json_parse(text, len, arena, &doc, err, sizeof err);
    em_free(text);
    if (rc != 0) {
        fprintf(stderr, "ember-replay: %s: %s\n", path, err);
        return NULL;
    }
    return doc;
}

/* A copy of s on one line, at most max bytes (caller releases). */
static char *rp_one_line(const char *s, size_t max)
{
    em_str out;
    em_str_init(&out, 0);
    for (const char *p = s ? s : ""; *p && out.len < max; p++)
        em_str_putc(&out, (*p == '\n' || *p == '\t' || *p == '\r') ? ' ' : *p);
    if (s && strlen(s) > max)
        em_str_puts(&out, "...");
    em_str_putc(&out, '\0');
    char *r = em_str_move(&out);
    em_str_release(&out);
    return r;
}

static void rp_print_block(const char *label, const char *text)
{
    printf("  %s:\n", label);
    int lines = 0;
    const char *line = text ? text : "";
    while (*line && lines < RP_VERBOSE_MAX_LINES) {
        const char *nl = strchr(line, '\n');
        int n = nl ? (int)(nl - line) : (int)strlen(line);
        printf("    |%.*s\n", n, line);
        lines++;
        if (!nl)
            break;
        line = nl + 1;
    }
    if (*line && lines >= RP_VERBOSE_MAX_LINES)
        printf("    | ...\n");
}

static void rp_case_add(rp_run *run, const char *docstring, int index, int status,
                        const char *reason)
{
    if (run->n_cases == run->cap_cases) {
        run->cap_cases = run->cap_cases ? run->cap_cases * 2 : 256;
        run->cases = em_realloc(run->cases, run->cap_cases * sizeof *run->cases);
    }
    rp_case *c = &run->cases[run->n_cases++];
    em_str id;
    em_str_init(&id, 0);
    em_str_printf(&id, "%s#%d", docstring, index);
    em_str_putc(&id, '\0');
    c->id = em_str_move(&id);
    em_str_release(&id);
    c->docstring = em_strdup(docstring);
    c->status = status;
    c->reason = reason ? em_strdup(reason) : NULL;
}

/* ---------------------------------------------------------------------------------------------
 * server management
 * ------------------------------------------------------------------------------------------- */

int rp_connect(rp_run *run, const char *target)
{
    em_error err;
    em_error_clear(&err);
    run->channel = wire_channel_new(target, NULL, &err);
    if (!run->channel) {
        fprintf(stderr, "ember-replay: cannot open a channel to %s: %s\n", target, err.message);
        return -1;
    }
    return 0;
}

/* (Re)starts the managed server and reconnects. Returns 0 or -1 (then run->gave_up). */
static int rp_restart(rp_run *run)
{
    wire_channel_free(run->channel);
    run->channel = NULL;
    char how[160];
    ts_server_stop(&run->server, 5000, how, sizeof how);
    if (run->server.n_starts > RP_MAX_RESTARTS) {
        printf("ember-replay: the server was restarted %d times; giving up on the rest\n",
               RP_MAX_RESTARTS);
        run->gave_up = true;
        return -1;
    }
    char err[512];
    if (ts_server_start(&run->server, RP_SERVER_START_TIMEOUT_MS, err, sizeof err) != 0) {
        printf("ember-replay: %s\n", err);
        run->gave_up = true;
        return -1;
    }
    if (rp_connect(run, run->server.target) != 0) {
        run->gave_up = true;
        return -1;
    }
    return 0;
}

/* After a failed call: did the managed server die? Reports the crash and restarts it.
 * A call that lost its connection (UNAVAILABLE, or a cancel we did not ask for) gives the
 * process a moment to finish dying: a sanitizer report takes a while to write. */
static bool rp_check_crash(rp_run *run, const char *folder, const rp_step *step, long log_before)
{
    if (!run->managed)
        return false;
    char how[160];
    const rp_outcome *o = step ? &step->outcome : NULL;
    bool no_info = o && o->error_class && strncmp(o->error_class, "grpc ", 5) == 0;
    bool lost = o && !o->timed_out &&
                (o->grpc_code == WIRE_STATUS_UNAVAILABLE ||
                 (no_info &&
                  (o->grpc_code == WIRE_STATUS_CANCELLED || o->grpc_code == WIRE_STATUS_UNKNOWN ||
                   o->grpc_code == WIRE_STATUS_INTERNAL)));
    bool died = ts_server_died(&run->server, how, sizeof how);
    for (int waited = 0; !died && lost && waited < RP_CRASH_WAIT_MS; waited += 50) {
        struct timespec ts = {0, 50 * 1000000L};
        nanosleep(&ts, NULL);
        died = ts_server_died(&run->server, how, sizeof how);
    }
    if (!died)
        return false;
    run->n_crashes++;
    em_str excerpt;
    em_str_init(&excerpt, 0);
    ts_server_log_excerpt(&run->server, log_before, 30, &excerpt);
    em_str_putc(&excerpt, '\0');
    printf("SERVER CRASH: the server %s while replaying %s/%s (%s)\n%s", how, folder,
           step ? step->file : "(between requests)", step ? step->method : "-", excerpt.data);
    em_str_release(&excerpt);
    rp_restart(run);
    return true;
}

/* ---------------------------------------------------------------------------------------------
 * one folder
 * ------------------------------------------------------------------------------------------- */

static bool rp_method_ignored(const char *method)
{
    return strcmp(method, "ReleaseExecute") == 0 || strcmp(method, "ReleaseSession") == 0 ||
           strcmp(method, "Interrupt") == 0;
}

/* Appends the requests of one cases.json to the plan. */
static void rp_plan_add(const rp_json *cases, const char *dir, bool teardown, em_arena *arena,
                        rp_step **steps, int *n_steps, int *cap_steps)
{
    const rp_json *reqs = rp_json_get(cases, "requests");
    if (!reqs || reqs->kind != RP_JSON_ARRAY)
        return;
    for (int idx = 0; idx < reqs->n_items; idx++) {
        const rp_json *r = reqs->items[idx];
        const char *file = rp_json_get_str(r, "file");
        const char *method = rp_json_get_str(r, "method");
        if (!file || !method || strchr(file, '/') || strstr(file, ".."))
            continue;
        if (*n_steps == *cap_steps) {
            *cap_steps = *cap_steps ? *cap_steps * 2 : 32;
            *steps = em_realloc(*steps, (size_t)*cap_steps * sizeof **steps);
        }
        rp_step *st = &(*steps)[(*n_steps)++];
        memset(st, 0, sizeof *st);
        st->file = file;
        st->method = method;
        st->dir = em_arena_strdup(arena, dir);
        st->example = rp_json_int(rp_json_get(r, "example"), -1);
        st->ignore_failure = rp_method_ignored(method) || teardown;
        st->teardown = teardown;
        /* Client-streaming calls with several messages list the others as extra_messages. */
        const rp_json *extra = rp_json_get(r, "extra_messages");
        if (extra && extra->kind == RP_JSON_ARRAY)
            for (int k = 0; k < extra->n_items; k++) {
                const char *f = rp_json_str(extra->items[k]);
                if (f && !strchr(f, '/'))
                    st->n_msgs++; /* counted now, loaded in rp_plan_prepare */
            }
    }
}

static void rp_plan_prepare(rp_step *st, const rp_json *extra, const rp_rewrite *rw)
{
    char err[512];
    em_str path;
    em_str_init(&path, 0);
    em_str_printf(&path, "%s/%s", st->dir, st->file);
    int n_wanted = 1 + st->n_msgs;
    st->n_msgs = 0;
    if (rp_request_prepare(st->method, path.data, rw, &st->msgs[0], err, sizeof err) != 0) {
        st->prepare_error = em_strdup(err);
        em_str_release(&path);
        return;
    }
    st->n_msgs = 1;
    for (int k = 0; extra && k < extra->n_items && st->n_msgs < n_wanted &&
                    st->n_msgs < (int)(sizeof st->msgs / sizeof st->msgs[0]);
         k++) {
        const char *f = rp_json_str(extra->items[k]);
        if (!f || strchr(f, '/'))
            continue;
        em_str_reset(&path);
        em_str_printf(&path, "%s/%s", st->dir, f);
        if (rp_request_prepare(st->method, path.data, rw, &st->msgs[st->n_msgs], err, sizeof err) !=
            0) {
            st->prepare_error = em_strdup(err);
            break;
        }
        st->n_msgs++;
    }
    em_str_release(&path);
}

/* The extra_messages array of request `file` in cases, or NULL. */
static const rp_json *rp_extra_of(const rp_json *cases, const char *file)
{
    const rp_json *reqs = rp_json_get(cases, "requests");
    for (int idx = 0; reqs && idx < reqs->n_items; idx++)
        if (strcmp(rp_json_get_str(reqs->items[idx], "file") ?: "", file) == 0)
            return rp_json_get(reqs->items[idx], "extra_messages");
    return NULL;
}

static const rp_json *rp_example_at(const rp_json *examples, int index)
{
    for (int idx = 0; examples && idx < examples->n_items; idx++)
        if (rp_json_int(rp_json_get(examples->items[idx], "index"), -1) == index)
            return examples->items[idx];
    return NULL;
}

static bool rp_example_expects_exception(const rp_json *examples, int index)
{
    const rp_json *ex = rp_example_at(examples, index);
    const rp_json *e = rp_json_get(ex, "expects_exception");
    return e && e->kind == RP_JSON_BOOL && e->boolean;
}

/* Judges one show example from the outcome of its show request. */
static void rp_judge_show(rp_run *run, const char *folder, const rp_json *ex,
                          const rp_step *show_step)
{
    int index = rp_json_int(rp_json_get(ex, "index"), -1);
    int flags = rp_flags_from_json(rp_json_get(ex, "flags"));
    const char *want = rp_json_get_str(ex, "want");
    const rp_json *expects = rp_json_get(ex, "expects_exception");
    bool expects_exc = expects && expects->kind == RP_JSON_BOOL && expects->boolean;
    if (flags & RP_FLAG_SKIP || !show_step) {
        rp_case_add(run, folder, index, RP_SKIP, NULL);
        return;
    }
    const rp_outcome *o = &show_step->outcome;
    const char *reason = NULL;
    const char *detail = NULL;
    em_str got;
    em_str_init(&got, 0);
    em_str diff;
    em_str_init(&diff, 0);
    if (!o->sent) {
        reason = o->error_class ? o->error_class : "replay: NOT_SENT";
        detail = o->message ? o->message : show_step->prepare_error;
    } else if (expects_exc) {
        const char *exc_msg = rp_json_get_str(ex, "exc_msg");
        if (o->grpc_code == 0) {
            reason = "replay: NO_EXCEPTION";
            detail = "the example expects an exception; the call succeeded";
        } else {
            em_str_printf(&got, "pyspark.errors.exceptions.connect.%s: %s\n",
                          o->py_exception ? o->py_exception : "SparkConnectGrpcException",
                          o->message ? o->message : "");
            if (!rp_doctest_check_exception(exc_msg, got.data, flags)) {
                reason = "replay: WRONG_EXCEPTION";
                detail = got.data;
            }
        }
    } else if (o->grpc_code != 0) {
        reason = o->error_class ? o->error_class : "replay: FAILED";
        detail = o->message;
    } else if (o->show_problem || !o->has_show) {
        reason = "replay: BAD_SHOW_ANSWER";
        detail = o->show_problem ? o->show_problem : "no show_string value";
    } else {
        em_str_puts(&got, o->show_value);
        em_str_putc(&got, '\n');
        if (!rp_doctest_check(want ? want : "", got.data, flags)) {
            reason = "replay: WRONG_OUTPUT";
            rp_first_difference(want ? want : "", got.data, &diff);
            em_str_putc(&diff, '\0');
            detail = diff.data;
        }
    }
    rp_case_add(run, folder, index, reason ? RP_FAIL : RP_PASS, reason);
    if (reason) {
        em_str where;
        em_str_init(&where, 0);
        em_str_printf(&where, "%s#%d", folder, index);
        /* A failed show call was already counted as a call; count the case here. */
        rp_stat_add(&run->by_class, reason, 0, 1, where.data, detail);
        rp_stat_add(&run->by_detail, o->detail_key ? o->detail_key : reason, 0, 1, where.data,
                    detail);
        if (run->opts.verbose) {
            printf("FAIL %s: %s\n", where.data, reason);
            if (detail)
                printf("  %s\n", detail);
            if (o->has_show && !expects_exc) {
                rp_print_block("got", got.data);
                rp_print_block("want", want);
            }
        }
        if (run->report) {
            char *line = rp_one_line(detail, 300);
            fprintf(run->report, "case\t%s\tFAIL\t%s\t%s\t", where.data, reason, line);
            /* The printed value, escaped, for analysis of wrong outputs. */
            for (const char *p = o->has_show ? o->show_value : ""; *p; p++) {
                if (*p == '\n')
                    fputs("\\n", run->report);
                else if (*p == '\t')
                    fputs("\\t", run->report);
                else if (*p == '\\')
                    fputs("\\\\", run->report);
                else
                    fputc(*p, run->report);
            }
            fputc('\n', run->report);
            em_free(line);
        }
        em_str_release(&where);
    } else if (run->report) {
        fprintf(run->report, "case\t%s#%d\tPASS\t\t\t\n", folder, index);
    }
    em_str_release(&got);
    em_str_release(&diff);
}

void rp_run_folder(rp_run *run, const char *folder)
{
    em_arena arena;
    em_arena_init(&arena, 0);
    em_str dir;
    em_str_init(&dir, 0);
    em_str_printf(&dir, "%s/%s", run->client_dir, folder);
    em_str path;
    em_str_init(&path, 0);
    em_str_printf(&path, "%s/cases.json", dir.data);
    const rp_json *cases = rp_load_json(path.data, &arena, false);
    if (!cases) {
        em_str_release(&dir);
        em_str_release(&path);
        em_arena_release(&arena);
        return;
    }
    run->n_folders++;
    int64_t started = rp_now_ms();
    const rp_json *examples = rp_json_get(cases, "examples");
    const char *runner = rp_json_get_str(cases, "runner");

    /* The plan: setup, the folder, teardown. */
    rp_step *steps = NULL;
    int n_steps = 0, cap_steps = 0;
    const rp_json *setup = NULL, *teardown = NULL;
    char *setup_dir = NULL, *teardown_dir = NULL;
    if (runner) {
        em_str_reset(&path);
        em_str_printf(&path, "%s/%s._setup", run->client_dir, runner);
        setup_dir = em_arena_strdup(&arena, path.data);
        em_str_puts(&path, "/cases.json");
        setup = rp_load_json(path.data, &arena, true);
        em_str_reset(&path);
        em_str_printf(&path, "%s/%s._teardown", run->client_dir, runner);
        teardown_dir = em_arena_strdup(&arena, path.data);
        em_str_puts(&path, "/cases.json");
        teardown = rp_load_json(path.data, &arena, true);
    }
    int first_own = 0, first_teardown;
    if (setup)
        rp_plan_add(setup, setup_dir, false, &arena, &steps, &n_steps, &cap_steps);
    first_own = n_steps;
    rp_plan_add(cases, dir.data, false, &arena, &steps, &n_steps, &cap_steps);
    first_teardown = n_steps;
    if (teardown)
        rp_plan_add(teardown, teardown_dir, true, &arena, &steps, &n_steps, &cap_steps);
    for (int idx = 0; idx < first_own; idx++)
        steps[idx].example = -1;

    /* Rewrite every request for a fresh session, collect the scratch directories. */
    char session_id[EM_UUID_STRLEN + 1];
    em_uuid_v4(session_id);
    rp_idset dirs;
    rp_idset_init(&dirs);
    rp_rewrite rw = {.session_id = session_id,
                     .path_root = run->paths_root,
                     .paths_seen = &dirs,
                     .unknown_seen = &run->unknown_fields};
    for (int idx = 0; idx < n_steps; idx++) {
        const rp_json *src = idx < first_own ? setup : idx < first_teardown ? cases : teardown;
        rp_plan_prepare(&steps[idx], rp_extra_of(src, steps[idx].file), &rw);
    }
    for (int idx = 0; idx < n_steps; idx++)
        if (steps[idx].n_msgs > 0 && steps[idx].msgs[0].raw_rewrite) {
            run->n_raw++;
            if (run->opts.verbose)
                printf("note: %s/%s does not decode with our .proto files; sent with only its "
                       "session fields rewritten\n",
                       folder, steps[idx].file);
        }
    for (size_t idx = 0; idx < dirs.n; idx++)
        ts_mkdirs(dirs.ids[idx]);

    /* Which requests are show requests. */
    const char **show_files = NULL;
    int n_show_files = 0;
    for (int idx = 0; examples && idx < examples->n_items; idx++) {
        const char *f = rp_json_get_str(examples->items[idx], "show_request");
        if (f && strcmp(rp_json_get_str(examples->items[idx], "kind") ?: "", "show") == 0) {
            show_files = em_realloc(show_files, (size_t)(n_show_files + 1) * sizeof *show_files);
            show_files[n_show_files++] = f;
        }
    }

    /* Replay. */
    if (run->opts.verbose)
        printf("folder %s (%d requests)\n", folder, n_steps);
    rp_watchdog_set_deadline(run->watchdog,
                             rp_now_ms() + (int64_t)run->opts.folder_timeout_s * 1000);
    /* A crash report may be written after the call that caused it returned: excerpts start
     * at the folder's first log byte. */
    long log_before = run->managed ? ts_server_log_size(&run->server) : 0;
    bool aborted = run->gave_up;
    const char *abort_reason = run->gave_up ? "replay: NO_SERVER" : NULL;
    bool timed_out = false;
    for (int idx = 0; idx < n_steps; idx++) {
        rp_step *st = &steps[idx];
        if (aborted) {
            st->outcome.error_class = em_strdup(abort_reason);
            st->outcome.message = em_strdup("not sent: the folder's replay was aborted");
            continue;
        }
        if (st->prepare_error) {
            st->outcome.error_class = em_strdup("replay: BAD_REQUEST_FILE");
            st->outcome.message = em_strdup(st->prepare_error);
            rp_stat_add(&run->by_class, "replay: BAD_REQUEST_FILE", 1, 0, folder,
                        st->prepare_error);
            continue;
        }
        bool want_show = false;
        for (int k = 0; k < n_show_files && idx >= first_own && idx < first_teardown; k++)
            if (strcmp(show_files[k], st->file) == 0)
                want_show = true;
        rp_call(run->channel, run->watchdog, st->method, st->msgs, st->n_msgs, want_show,
                &st->outcome);
        rp_outcome *o = &st->outcome;
        if (o->grpc_code == 0)
            continue;
        if (rp_check_crash(run, folder, st, log_before)) {
            aborted = true;
            abort_reason = "replay: SERVER_CRASHED";
            em_free(o->error_class);
            o->error_class = em_strdup(abort_reason);
        } else if (o->timed_out) {
            run->n_hangs++;
            printf("SERVER HANG: %s/%s (%s) did not finish within the folder deadline (%d s)\n",
                   folder, st->file, st->method, run->opts.folder_timeout_s);
            aborted = true;
            timed_out = true;
            abort_reason = "replay: TIMEOUT";
        }
        bool expected = idx >= first_own && idx < first_teardown &&
                        rp_example_expects_exception(examples, st->example);
        if (!st->ignore_failure && !expected) {
            em_str where;
            em_str_init(&where, 0);
            em_str_printf(&where, "%s/%s", idx < first_own ? "(setup)" : folder, st->file);
            rp_stat_add(&run->by_class, o->error_class ? o->error_class : "?", 1, 0, where.data,
                        o->message);
            rp_stat_add(&run->by_detail,
                        o->detail_key    ? o->detail_key
                        : o->error_class ? o->error_class
                                         : "?",
                        1, 0, where.data, o->message);
            if (run->report) {
                char *line = rp_one_line(o->message, 300);
                fprintf(run->report, "call\t%s\t%s\t%s\t%s\n", where.data, st->method,
                        o->error_class ? o->error_class : "?", line);
                em_free(line);
            }
            em_str_release(&where);
        }
    }
    rp_watchdog_set_deadline(run->watchdog, 0);
    if (!aborted)
        rp_check_crash(run, folder, NULL, log_before);
    if (timed_out) {
        if (run->managed) {
            rp_restart(run);
        } else if (++run->consecutive_timeouts >= RP_MAX_CONSECUTIVE_TIMEOUTS) {
            printf("ember-replay: %d folders in a row timed out; giving up on the rest\n",
                   RP_MAX_CONSECUTIVE_TIMEOUTS);
            run->gave_up = true;
        }
    } else {
        run->consecutive_timeouts = 0;
    }

    /* Judge the show examples. */
    for (int idx = 0; examples && idx < examples->n_items; idx++) {
        const rp_json *ex = examples->items[idx];
        const char *kind = rp_json_get_str(ex, "kind");
        if (!kind || strcmp(kind, "show") != 0)
            continue;
        const char *file = rp_json_get_str(ex, "show_request");
        const rp_step *show_step = NULL;
        for (int k = first_own; file && k < first_teardown; k++)
            if (strcmp(steps[k].file, file) == 0)
                show_step = &steps[k];
        rp_judge_show(run, folder, ex, show_step);
    }
    if (run->opts.verbose)
        printf("  %s: %.1f s\n", folder, (double)(rp_now_ms() - started) / 1000.0);

    for (size_t idx = 0; idx < dirs.n; idx++)
        ts_remove_tree(dirs.ids[idx]);
    rp_idset_release(&dirs);
    for (int idx = 0; idx < n_steps; idx++) {
        for (int k = 0; k < steps[idx].n_msgs; k++)
            rp_prepared_release(&steps[idx].msgs[k]);
        em_free(steps[idx].prepare_error);
        rp_outcome_release(&steps[idx].outcome);
    }
    em_free(steps);
    em_free(show_files);
    em_str_release(&dir);
    em_str_release(&path);
    em_arena_release(&arena);
}
