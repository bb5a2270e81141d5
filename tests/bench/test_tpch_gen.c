/*
 * test_tpch_gen.c: the TPC-H generator (bench/tpch) against the specification's data rules.
 * Sources of the expectations: TPC-H specification 2.18, clause 4.2 (cardinalities 4.2.5,
 * column rules 4.2.3, text grammar 4.2.2.13-14, phone numbers 4.2.2.9), and rows of the
 * published SF 1 data set that follow from formulas alone (part 1's retail price 901.00,
 * part 1's suppliers 2/2502/5002/7502, the largest order key 6000000).
 */
#include <stdlib.h>
#include <string.h>

#include "em_test.h"
#include "tg.h"

#define SMALL_POOL (1 << 20)

static tg_ctx *small_ctx(void)
{
    static tg_ctx *ctx;
    if (!ctx)
        ctx = tg_ctx_new(0.01, SMALL_POOL, 2, 0);
    return ctx;
}

EM_TEST(cardinalities_sf1)
{
    /* Clause 4.2.5: SF 1 row counts. */
    tg_ctx *ctx = tg_ctx_new(1, 4096, 1, 0);
    CHECK(ctx != NULL);
    CHECK_EQ_INT(tg_rows(ctx, TG_REGION), 5);
    CHECK_EQ_INT(tg_rows(ctx, TG_NATION), 25);
    CHECK_EQ_INT(tg_rows(ctx, TG_SUPPLIER), 10000);
    CHECK_EQ_INT(tg_rows(ctx, TG_CUSTOMER), 150000);
    CHECK_EQ_INT(tg_rows(ctx, TG_PART), 200000);
    CHECK_EQ_INT(tg_rows(ctx, TG_PARTSUPP), 800000);
    CHECK_EQ_INT(tg_rows(ctx, TG_ORDERS), 1500000);
    /* Published data: part 1's four suppliers, and the largest order key. */
    CHECK_EQ_INT(tg_partsupp_suppkey(ctx, 1, 0), 2);
    CHECK_EQ_INT(tg_partsupp_suppkey(ctx, 1, 1), 2502);
    CHECK_EQ_INT(tg_partsupp_suppkey(ctx, 1, 2), 5002);
    CHECK_EQ_INT(tg_partsupp_suppkey(ctx, 1, 3), 7502);
    CHECK_EQ_INT(tg_orderkey(1500000 - 1), 6000000);
    tg_ctx_free(ctx);
    CHECK(tg_ctx_new(0, 4096, 1, 0) == NULL);
    CHECK(tg_ctx_new(1, 100, 1, 0) == NULL);
}

EM_TEST(cardinalities_scaled)
{
    tg_ctx *ctx = small_ctx();
    CHECK_EQ_INT(tg_rows(ctx, TG_SUPPLIER), 100);
    CHECK_EQ_INT(tg_rows(ctx, TG_CUSTOMER), 1500);
    CHECK_EQ_INT(tg_rows(ctx, TG_PART), 2000);
    CHECK_EQ_INT(tg_rows(ctx, TG_PARTSUPP), 8000);
    CHECK_EQ_INT(tg_rows(ctx, TG_ORDERS), 15000);
    CHECK_EQ_INT(tg_rows(ctx, TG_NATION), 25);
}

EM_TEST(sparse_order_keys)
{
    /* 8 of every 32 keys: 1..7, then 32..39, 64.. (published data starts 1,2,3,4,5,6,7,32). */
    CHECK_EQ_INT(tg_orderkey(0), 1);
    CHECK_EQ_INT(tg_orderkey(6), 7);
    CHECK_EQ_INT(tg_orderkey(7), 32);
    CHECK_EQ_INT(tg_orderkey(14), 39);
    CHECK_EQ_INT(tg_orderkey(15), 64);
    for (int64_t idx = 1; idx < 100000; idx++)
        CHECK(tg_orderkey(idx) > tg_orderkey(idx - 1));
}

EM_TEST(retail_price_formula)
{
    /* (90000 + ((key / 10) mod 20001) + 100 * (key mod 1000)) / 100: part 1 is 901.00. */
    CHECK_EQ_INT(tg_retailprice(1), 90100);
    CHECK_EQ_INT(tg_retailprice(2), 90200);
    CHECK_EQ_INT(tg_retailprice(1000), 90100);
    CHECK_EQ_INT(tg_retailprice(200000), 90000 + 20000 % 20001);
}

EM_TEST(dates)
{
    CHECK_EQ_INT(tg_days(1970, 1, 1), 0);
    CHECK_EQ_INT(tg_days(1992, 1, 1), TG_STARTDATE);
    CHECK_EQ_INT(tg_days(1995, 6, 17), TG_CURRENTDATE);
    CHECK_EQ_INT(tg_days(1998, 12, 31), TG_ENDDATE);
    int y, m, d;
    tg_civil(tg_days(1996, 2, 29), &y, &m, &d);
    CHECK(y == 1996 && m == 2 && d == 29);
}

static bool all_digits(const char *s, int n)
{
    for (int k = 0; k < n; k++)
        if (s[k] < '0' || s[k] > '9')
            return false;
    return true;
}

static void check_phone(const char *phone, int64_t nationkey)
{
    /* Clause 4.2.2.9: CC-LLL-LLL-LLLL, CC = nation key + 10. */
    CHECK_EQ_INT(strlen(phone), 15);
    CHECK(phone[2] == '-' && phone[6] == '-' && phone[10] == '-');
    CHECK(all_digits(phone, 2) && all_digits(phone + 3, 3) && all_digits(phone + 7, 3) &&
          all_digits(phone + 11, 4));
    CHECK_EQ_INT((phone[0] - '0') * 10 + (phone[1] - '0'), nationkey + 10);
    CHECK(phone[3] != '0' && phone[7] != '0' && phone[11] != '0');
}

EM_TEST(customers_and_suppliers)
{
    tg_ctx *ctx = small_ctx();
    for (int64_t idx = 0; idx < tg_rows(ctx, TG_CUSTOMER); idx++) {
        tg_customer c;
        tg_gen_customer(ctx, idx, &c);
        CHECK_EQ_INT(c.custkey, idx + 1);
        CHECK(strncmp(c.name, "Customer#", 9) == 0 && strlen(c.name) == 18);
        CHECK(strlen(c.address) >= 10 && strlen(c.address) <= 40);
        CHECK(c.nationkey >= 0 && c.nationkey <= 24);
        check_phone(c.phone, c.nationkey);
        CHECK(c.acctbal >= -99999 && c.acctbal <= 999999);
        CHECK(c.comment.len >= 29 && c.comment.len <= 116);
    }
    tg_customer c;
    tg_gen_customer(ctx, 41, &c);
    CHECK_EQ_STR(c.name, "Customer#000000042");
    int complaints = 0, recommends = 0;
    for (int64_t idx = 0; idx < tg_rows(ctx, TG_SUPPLIER); idx++) {
        tg_supplier s;
        tg_gen_supplier(ctx, idx, &s);
        CHECK(s.comment.len >= 25 && s.comment.len <= 100);
        check_phone(s.phone, s.nationkey);
        char text[128];
        memcpy(text, s.comment.ptr, (size_t)s.comment.len);
        text[s.comment.len] = '\0';
        const char *cust = strstr(text, "Customer ");
        if (cust && strstr(cust, "Complaints"))
            complaints++;
        if (cust && strstr(cust, "Recommends"))
            recommends++;
    }
    /* SF * 5 of each kind, at least one: SF 0.01 gives one each. */
    CHECK_EQ_INT(complaints, 1);
    CHECK_EQ_INT(recommends, 1);
}

EM_TEST(parts_and_partsupp)
{
    tg_ctx *ctx = small_ctx();
    for (int64_t idx = 0; idx < tg_rows(ctx, TG_PART); idx++) {
        tg_part p;
        tg_gen_part(ctx, idx, &p);
        CHECK_EQ_INT(p.partkey, idx + 1);
        /* Five distinct colors. */
        const char *words[6];
        size_t lens[6];
        int n = 0;
        for (const char *w = p.name; *w && n < 6;) {
            const char *sp = strchr(w, ' ');
            size_t wl = sp ? (size_t)(sp - w) : strlen(w);
            words[n] = w, lens[n++] = wl;
            CHECK(tg_word_in("colors", w, wl));
            w += wl + (sp != NULL);
        }
        CHECK_EQ_INT(n, 5);
        for (int a = 0; a < n; a++)
            for (int b = a + 1; b < n; b++)
                CHECK(lens[a] != lens[b] || memcmp(words[a], words[b], lens[a]) != 0);
        /* Brand#MN with M the manufacturer's number. */
        CHECK(strncmp(p.mfgr, "Manufacturer#", 13) == 0);
        CHECK(p.brand[6] == p.mfgr[13] && p.brand[7] >= '1' && p.brand[7] <= '5');
        CHECK(p.size >= 1 && p.size <= 50);
        CHECK_EQ_INT(p.retailprice, tg_retailprice(p.partkey));
        CHECK(p.comment.len >= 5 && p.comment.len <= 22);
        tg_partsupp ps[4];
        tg_gen_partsupp(ctx, idx, ps);
        for (int i = 0; i < 4; i++) {
            CHECK_EQ_INT(ps[i].partkey, p.partkey);
            CHECK(ps[i].suppkey >= 1 && ps[i].suppkey <= tg_rows(ctx, TG_SUPPLIER));
            CHECK(ps[i].availqty >= 1 && ps[i].availqty <= 9999);
            CHECK(ps[i].supplycost >= 100 && ps[i].supplycost <= 100000);
            CHECK(ps[i].comment.len >= 49 && ps[i].comment.len <= 198);
            for (int k = 0; k < i; k++)
                CHECK(ps[k].suppkey != ps[i].suppkey);
        }
    }
}

EM_TEST(orders_and_lineitems)
{
    tg_ctx *ctx = small_ctx();
    int64_t n_orders = tg_rows(ctx, TG_ORDERS), n_lines = 0, n_status[3] = {0};
    int64_t n_cust = tg_rows(ctx, TG_CUSTOMER);
    for (int64_t idx = 0; idx < n_orders; idx++) {
        tg_order o;
        tg_gen_order(ctx, idx, &o);
        CHECK_EQ_INT(o.orderkey, tg_orderkey(idx));
        CHECK(o.custkey >= 1 && o.custkey <= n_cust && o.custkey % 3 != 0);
        CHECK(o.orderdate >= TG_STARTDATE && o.orderdate <= TG_ENDDATE - 151);
        CHECK(o.n_lines >= 1 && o.n_lines <= 7);
        CHECK(o.comment.len >= 19 && o.comment.len <= 78);
        int64_t total = 0;
        int n_f = 0;
        for (int l_idx = 0; l_idx < o.n_lines; l_idx++) {
            const tg_lineitem *l = &o.lines[l_idx];
            CHECK_EQ_INT(l->linenumber, l_idx + 1);
            CHECK(l->quantity >= 1 && l->quantity <= 50);
            CHECK_EQ_INT(l->extendedprice, l->quantity * tg_retailprice(l->partkey));
            CHECK(l->discount >= 0 && l->discount <= 10 && l->tax >= 0 && l->tax <= 8);
            CHECK(l->shipdate - o.orderdate >= 1 && l->shipdate - o.orderdate <= 121);
            CHECK(l->commitdate - o.orderdate >= 30 && l->commitdate - o.orderdate <= 90);
            CHECK(l->receiptdate - l->shipdate >= 1 && l->receiptdate - l->shipdate <= 30);
            if (l->receiptdate <= TG_CURRENTDATE)
                CHECK(l->returnflag == 'R' || l->returnflag == 'A');
            else
                CHECK(l->returnflag == 'N');
            CHECK(l->linestatus == (l->shipdate > TG_CURRENTDATE ? 'O' : 'F'));
            bool listed = false;
            for (int i = 0; i < 4; i++)
                listed |= tg_partsupp_suppkey(ctx, l->partkey, i) == l->suppkey;
            CHECK(listed);
            CHECK(l->comment.len >= 10 && l->comment.len <= 43);
            total += l->extendedprice * (100 - l->discount) / 100 * (100 + l->tax) / 100;
            n_f += l->linestatus == 'F';
        }
        CHECK_EQ_INT(o.totalprice, total);
        char want = n_f == o.n_lines ? 'F' : n_f == 0 ? 'O' : 'P';
        CHECK(o.orderstatus == want);
        n_status[want == 'F' ? 0 : want == 'O' ? 1 : 2]++;
        n_lines += o.n_lines;
    }
    /* Statistics implied by the SF 1 answer set (6001215 lines for 1500000 orders; status
     * F 729413, O 732044, P 38543): within a few percent at this size. */
    double per_order = (double)n_lines / (double)n_orders;
    CHECK(per_order > 3.9 && per_order < 4.1);
    double p_share = (double)n_status[2] / (double)n_orders;
    CHECK(p_share > 0.015 && p_share < 0.035);
    CHECK(n_status[0] > n_orders * 45 / 100 && n_status[1] > n_orders * 45 / 100);
}

/* Pieces of the multi-word entries of the lists (they split at spaces). */
static bool word_piece(const char *w, size_t len)
{
    static const char *const pieces[] = {
        "pinto", "beans", "hockey",  "players", "according", "to",   "alongside", "of",
        "in",    "place", "instead", "ought",   "have",      "need", "try",       "the"};
    for (size_t k = 0; k < sizeof pieces / sizeof pieces[0]; k++)
        if (strlen(pieces[k]) == len && memcmp(pieces[k], w, len) == 0)
            return true;
    static const char *const lists[] = {"nouns",   "verbs",        "adjectives",
                                        "adverbs", "prepositions", "auxiliaries"};
    for (size_t k = 0; k < sizeof lists / sizeof lists[0]; k++)
        if (tg_word_in(lists[k], w, len))
            return true;
    return false;
}

EM_TEST(text_pool_grammar)
{
    /* Clause 4.2.2.14: the pool is words of the lists, separated by single spaces, with
     * terminators and commas glued to the preceding word. */
    tg_ctx *ctx = small_ctx();
    int64_t len;
    const char *pool = tg_pool(ctx, &len);
    CHECK_EQ_INT(len, SMALL_POOL);
    int64_t stop = len < 200000 ? len : 200000;
    int n_words = 0, n_bad = 0, n_sentences = 0;
    int64_t pos = 0;
    while (pos < stop) {
        int64_t end = pos;
        while (end < stop && pool[end] != ' ')
            end++;
        size_t wl = (size_t)(end - pos);
        CHECK(wl > 0); /* no double spaces */
        const char *w = pool + pos;
        while (wl > 0 && strchr(".,;:?!-", w[wl - 1]) && !(wl == 5 && memcmp(w, "x-ray", 5) == 0))
            n_sentences += w[wl - 1] != ',', wl--;
        if (end < stop && wl > 0 && !word_piece(w, wl))
            n_bad++;
        n_words++;
        pos = end + 1;
    }
    CHECK_EQ_INT(n_bad, 0);
    CHECK(n_words > 20000 && n_sentences > 1000);
    /* Every character is printable and not the field separator. */
    for (int64_t k = 0; k < len; k++)
        if (pool[k] < ' ' || pool[k] > '~' || pool[k] == '|') {
            CHECK(!"bad pool character");
            break;
        }
}

EM_TEST(format_is_deterministic)
{
    tg_ctx *ctx = small_ctx();
    tg_buf whole = {0}, parts = {0}, aux1 = {0}, aux2 = {0};
    int64_t n_aux1 = 0, n_aux2 = 0, n2 = 0;
    int64_t n1 = tg_format_rows(ctx, TG_ORDERS, 0, 1000, &whole, &aux1, &n_aux1);
    for (int64_t from = 0; from < 1000; from += 137) {
        int64_t piece = 0, to = from + 137 < 1000 ? from + 137 : 1000;
        n2 += tg_format_rows(ctx, TG_ORDERS, from, to, &parts, &aux2, &piece);
        n_aux2 += piece;
    }
    CHECK_EQ_INT(n1, 1000);
    CHECK_EQ_INT(n1, n2);
    CHECK_EQ_INT(n_aux1, n_aux2);
    CHECK(whole.len == parts.len && memcmp(whole.data, parts.data, whole.len) == 0);
    CHECK(aux1.len == aux2.len && memcmp(aux1.data, aux2.data, aux1.len) == 0);
    /* The first order line: key 1, nine fields. */
    CHECK(whole.len > 2 && whole.data[0] == '1' && whole.data[1] == '|');
    int seps = 0;
    for (size_t k = 0; k < whole.len && whole.data[k] != '\n'; k++)
        seps += whole.data[k] == '|';
    CHECK_EQ_INT(seps, 8);
    /* A lineitem line has sixteen fields; money has two decimals. */
    seps = 0;
    size_t k = 0;
    for (; k < aux1.len && aux1.data[k] != '\n'; k++)
        seps += aux1.data[k] == '|';
    CHECK_EQ_INT(seps, 15);
    tg_buf_release(&whole);
    tg_buf_release(&parts);
    tg_buf_release(&aux1);
    tg_buf_release(&aux2);
    tg_buf ps = {0};
    CHECK_EQ_INT(tg_format_rows(ctx, TG_PARTSUPP, 0, 10, &ps, NULL, NULL), 40);
    tg_buf_release(&ps);
    tg_buf nat = {0};
    CHECK_EQ_INT(tg_format_rows(ctx, TG_NATION, 0, 25, &nat, NULL, NULL), 25);
    CHECK(nat.len > 13 && memcmp(nat.data, "0|ALGERIA|0|", 12) == 0);
    tg_buf_release(&nat);
}

static void free_small_ctx(void)
{
    tg_ctx_free(small_ctx());
}

int main(int c, char **v)
{
    int rc = em_test_main(c, v);
    free_small_ctx();
    return rc;
}
