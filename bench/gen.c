/*
 * gen.c: crm-gen, the deterministic data generator of crmkit.
 *
 * "transactions" writes benchmark data of any size (order_id,
 * customer_id, date, amount, item: about 58 bytes a row, like real order
 * exports); "people" writes customer records with planted
 * near-duplicates for crm-clean --fuzzy (entity_id is the truth);
 * "samples" writes the small realistic data sets of samples/:
 * customer records with planted mess, 18 months of transactions, an NPS
 * survey, product reviews in English and Chinese, and the item catalogue.
 * Everything comes from one seeded stream, and amounts are integer cents:
 * the same seed gives the same bytes on every machine.
 */
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "gen.h"
#include "csv.h"
#include "date.h"
#include "err.h"
#include "hash.h"
#include "opt.h"
#include "rng.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

enum mode { MODE_TRANSACTIONS, MODE_SAMPLES, MODE_PEOPLE };

struct opts {
	enum mode	 mode;
	long long	 rows;
	long long	 customers;	/* 0: rows / 17 */
	uint64_t	 seed;
	const char	*output;	/* transactions: NULL is stdout */
	const char	*dir;		/* samples: the directory */
	int		 gzip;
};

/* ---------------------------------------------------------------- */
/* Benchmark transactions: any size, streamed in date order.        */

#define BENCH_DAYS	731		/* 2023-01-01 .. 2024-12-31 */
#define BENCH_ITEMS	2000
#define BENCH_EARLY	0.3		/* customers there from day 0 */

struct bench {
	struct rng	 rng;
	size_t		 ncust;
	size_t		 next_join;	/* the next customer's first order */
	double		*ccum;		/* cumulative customer weights */
	double		 icum[BENCH_ITEMS];	/* cumulative item weights */
	long		 price[BENCH_ITEMS];	/* cents */
	double		 daycum[BENCH_DAYS];	/* share of rows up to a day */
	size_t		 active[BENCH_DAYS];	/* customers active on a day */
	char		 day[BENCH_DAYS][16];	/* the dates, formatted */
};

/* Basket sizes 1..5 (anchors before companions), in percent. */
static const int bench_basket_pct[] = { 45, 25, 15, 10, 5 };

/*
 * First index whose cumulative weight exceeds x in cum[0..n): a weighted
 * draw when x is uniform on [0, cum[n-1]).
 */
static size_t
cum_search(const double *cum, size_t n, double x)
{
	size_t lo = 0, hi = n - 1;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cum[mid] > x)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

/*
 * Customers: heavy-tailed weights (gamma, shape 0.6).  A share are
 * customers already at the start; the others join in id order over the
 * two years, each with a first order on the day they join.
 */
static void
bench_customers(struct bench *b)
{
	size_t c, early = (size_t)(BENCH_EARLY * (double)b->ncust);
	double sum = 0;
	int d;

	b->ccum = xreallocarray(NULL, b->ncust, sizeof(*b->ccum));
	for (c = 0; c < b->ncust; c++) {
		sum += rng_gamma(&b->rng, 0.6, 1.0);
		b->ccum[c] = sum;
	}
	for (d = 0; d < BENCH_DAYS; d++) {
		double late = (double)(b->ncust - early) * (d + 1) / BENCH_DAYS;
		size_t n = early + (size_t)late;

		b->active[d] = n < 1 ? 1 : n > b->ncust ? b->ncust : n;
	}
	b->next_join = early;
}

/* Items: Zipf-like popularity and log-normal prices (median ~ 24.50). */
static void
bench_items(struct bench *b)
{
	double sum = 0;
	size_t i;

	for (i = 0; i < BENCH_ITEMS; i++) {
		sum += 1.0 / pow((double)i + 10.0, 0.9);
		b->icum[i] = sum;
		b->price[i] = lround(exp(3.2 + 0.8 * rng_normal(&b->rng)) *
		    100.0);
		if (b->price[i] < 99)
			b->price[i] = 99;
	}
}

/*
 * Orders per day grow with the active customers' weight, more at
 * weekends and in December.
 */
static void
bench_days(struct bench *b)
{
	int64_t d0 = date_days_from_civil(2023, 1, 1);
	double sum = 0;
	int d;

	for (d = 0; d < BENCH_DAYS; d++) {
		int64_t y;
		unsigned m, md;
		double w = b->ccum[b->active[d] - 1];
		/* 1970-01-01 was a Thursday: (days + 3) % 7 is 0 on Monday. */
		int wd = (int)((d0 + d + 3) % 7);

		date_civil_from_days(d0 + d, &y, &m, &md);
		if (wd >= 5)
			w *= 1.3;
		if (m == 12)
			w *= 1.4;
		sum += w;
		b->daycum[d] = sum;
		date_fmt_day(b->day[d], d0 + d);
	}
	for (d = 0; d < BENCH_DAYS; d++)
		b->daycum[d] /= sum;
}

/* Write one row; quantity 1 mostly, a promotion now and then. */
static void
bench_row(struct bench *b, struct csv_writer *w, unsigned long long order,
    size_t cust, int day, size_t item)
{
	char buf[64];
	long cents = b->price[item];
	double u = rng_uniform(&b->rng);
	int len;

	if (u < 0.05)
		cents *= 3;
	else if (u < 0.20)
		cents *= 2;
	if (rng_below(&b->rng, 10) == 0)
		cents = cents * 8 / 10;
	len = snprintf(buf, sizeof(buf), "ORD-%04d-%07llu",
	    2023 + (day >= 365), order);
	csv_put(w, buf, (size_t)len);
	len = snprintf(buf, sizeof(buf), "CUST-%08zu", cust + 1);
	csv_put(w, buf, (size_t)len);
	csv_put_str(w, b->day[day]);
	len = snprintf(buf, sizeof(buf), "%ld.%02ld", cents / 100, cents % 100);
	csv_put(w, buf, (size_t)len);
	len = snprintf(buf, sizeof(buf), "SKU-%05zu", item * 7 + 10003);
	csv_put(w, buf, (size_t)len);
}

/*
 * One order: a joining customer's first, or a weighted draw among the
 * active; anchors drawn by popularity, each pulling in its partner item
 * (the other of its pair) 30% of the time, so that rules exist.
 * Returns the number of rows written (at most left).
 */
static long long
bench_order(struct bench *b, struct csv_writer *w, unsigned long long order,
    int day, long long left)
{
	size_t basket[12], n = 0, k, nanchor = 1, cust;
	int u = (int)rng_below(&b->rng, 100), acc = 0;

	for (k = 0; k < NELEM(bench_basket_pct); k++) {
		acc += bench_basket_pct[k];
		if (u < acc) {
			nanchor = k + 1;
			break;
		}
	}
	if (b->next_join < b->active[day])	/* a new customer's first */
		cust = b->next_join++;
	else
		cust = cum_search(b->ccum, b->active[day],
		    rng_uniform(&b->rng) * b->ccum[b->active[day] - 1]);
	for (k = 0; k < nanchor; k++) {
		size_t it = cum_search(b->icum, BENCH_ITEMS,
		    rng_uniform(&b->rng) * b->icum[BENCH_ITEMS - 1]);
		size_t j;

		for (j = 0; j < n && basket[j] != it; j++)
			;
		if (j < n)
			continue;
		basket[n++] = it;
		if (rng_below(&b->rng, 10) < 3)
			basket[n++] = it ^ 1;
	}
	for (k = 0; k < n && (long long)k < left; k++) {
		bench_row(b, w, order, cust, day, basket[k]);
		if (csv_end_row(w) == -1)
			crm_err(1, "%s", csv_writer_path(w));
	}
	return (long long)k;
}

/* Stream o->rows rows of transactions in date order. */
static void
gen_transactions(const struct opts *o, struct csv_writer *w)
{
	static const char *const head[] = { "order_id", "customer_id",
	    "date", "amount", "item" };
	struct bench *b = xcalloc(1, sizeof(*b));
	long long done = 0;
	unsigned long long order = 0;
	size_t i;
	int day = 0;

	rng_seed(&b->rng, o->seed);
	b->ncust = o->customers ? (size_t)o->customers :
	    (size_t)(o->rows / 17 > 0 ? o->rows / 17 : 1);
	bench_customers(b);
	bench_items(b);
	bench_days(b);
	for (i = 0; i < NELEM(head); i++)
		csv_put_str(w, head[i]);
	if (csv_end_row(w) == -1)
		crm_err(1, "%s", csv_writer_path(w));
	while (done < o->rows) {
		double at = ((double)done + 0.5) / (double)o->rows;

		while (day < BENCH_DAYS - 1 && b->daycum[day] < at)
			day++;
		done += bench_order(b, w, ++order, day, o->rows - done);
	}
	free(b->ccum);
	free(b);
}

/* ---------------------------------------------------------------- */
/* Sample data: the catalogue, people, and their records.           */

enum {
	I_ESPRESSO, I_FILTER_COFFEE, I_PAPER_FILTERS, I_FRENCH_PRESS,
	I_FROTHER, I_MUG, I_GREEN_TEA, I_INFUSER, I_HONEY, I_CHOCOLATE,
	I_PHONE_CASE, I_SCREEN, I_CABLE, I_CHARGER, I_POWER_BANK, I_EARBUDS,
	I_SPEAKER, I_NOTEBOOK, I_PENS, I_LAMP, I_YOGA_MAT, I_BOTTLE, I_BANDS,
	I_SOCKS, I_BACKPACK, I_CANDLE, I_BLANKET, I_WATCH, I_HEADPHONES,
	I_GIFT_CARD, NITEMS
};

struct item_def {
	const char	*sku;
	const char	*en;		/* the name English reviews use */
	const char	*zh;		/* the name Chinese reviews use */
	const char	*category;
	int		 cents;
	int		 pop;		/* relative popularity */
	int		 consumable;	/* bought again and in quantity */
	const char	*desc;
};

static const struct item_def items[NITEMS] = {
	{ "espresso-beans", "espresso roast", "咖啡豆", "coffee", 1450, 10, 1,
	    "dark roast whole coffee beans for espresso, 500 g" },
	{ "filter-coffee", "filter coffee", "咖啡粉", "coffee", 1190, 8, 1,
	    "medium roast ground coffee for filter brewing, 250 g" },
	{ "paper-filters", "filter pack", "咖啡滤纸", "coffee", 420, 5, 1,
	    "paper coffee filters, size 4, pack of 100" },
	{ "french-press", "french press", "法压壶", "coffee", 3200, 3, 0,
	    "glass french press coffee maker, 1 litre" },
	{ "milk-frother", "milk frother", "奶泡器", "coffee", 2490, 3, 0,
	    "electric milk frother for latte and cappuccino" },
	{ "ceramic-mug", "ceramic mug", "马克杯", "kitchen", 950, 6, 0,
	    "stoneware coffee mug, 350 ml, dishwasher safe" },
	{ "green-tea", "green tea", "绿茶", "tea", 890, 6, 1,
	    "loose leaf green tea, 100 g tin" },
	{ "tea-infuser", "tea infuser", "滤茶器", "tea", 650, 2, 0,
	    "stainless steel tea infuser ball" },
	{ "honey-jar", "honey jar", "蜂蜜", "pantry", 780, 4, 1,
	    "raw wildflower honey, 350 g jar" },
	{ "dark-chocolate", "dark chocolate", "黑巧克力", "pantry", 390, 7, 1,
	    "70% dark chocolate bar, 100 g" },
	{ "phone-case", "phone case", "手机壳", "phone", 1990, 7, 0,
	    "shockproof silicone phone case" },
	{ "screen-protector", "screen protector", "钢化膜", "phone", 890, 5, 0,
	    "tempered glass screen protector, pack of 2" },
	{ "usb-c-cable", "usb c cable", "数据线", "phone", 1150, 7, 0,
	    "braided usb-c charging cable, 2 m" },
	{ "wall-charger", "wall charger", "充电器", "phone", 2100, 4, 0,
	    "65 w usb-c wall charger" },
	{ "power-bank", "power bank", "充电宝", "phone", 3490, 3, 0,
	    "10000 mah power bank with usb-c" },
	{ "earbuds", "pair of earbuds", "蓝牙耳机", "audio", 5900, 3, 0,
	    "wireless bluetooth earbuds with charging case" },
	{ "bluetooth-speaker", "bluetooth speaker", "蓝牙音箱", "audio", 7900,
	    2, 0,
	    "portable waterproof bluetooth speaker" },
	{ "notebook-a5", "notebook a5", "笔记本", "office", 650, 6, 1,
	    "dotted a5 notebook, 160 pages" },
	{ "gel-pens", "pen set", "中性笔", "office", 490, 5, 1,
	    "black gel pens, pack of 5" },
	{ "desk-lamp", "desk lamp", "台灯", "office", 3900, 2, 0,
	    "dimmable led desk lamp with usb port" },
	{ "yoga-mat", "yoga mat", "瑜伽垫", "fitness", 2900, 3, 0,
	    "non-slip yoga mat, 6 mm" },
	{ "water-bottle", "water bottle", "保温杯", "fitness", 1500, 5, 0,
	    "insulated stainless steel water bottle, 750 ml" },
	{ "resistance-bands", "band set", "弹力带", "fitness", 1800, 2, 0,
	    "set of 5 resistance bands" },
	{ "running-socks", "sock pack", "跑步袜", "fitness", 990, 4, 1,
	    "cushioned running socks, 3 pairs" },
	{ "laptop-backpack", "laptop backpack", "双肩包", "bags", 5500, 2, 0,
	    "water-resistant laptop backpack, 20 l" },
	{ "scented-candle", "scented candle", "香薰蜡烛", "home", 1600, 3, 1,
	    "soy wax scented candle, lavender" },
	{ "throw-blanket", "throw blanket", "毛毯", "home", 4500, 2, 0,
	    "soft knitted throw blanket" },
	{ "smart-watch", "smart watch", "智能手表", "wearables", 14900, 1, 0,
	    "fitness smart watch with heart-rate monitor" },
	{ "headphones", "headset", "头戴式耳机", "audio", 12900, 1, 0,
	    "noise-cancelling over-ear headphones" },
	{ "gift-card", "gift card", "礼品卡", "gift", 5000, 2, 0,
	    "store gift card worth 50" },
};

/* Co-purchases: an order holding from also holds to pct% of the time. */
static const struct companion {
	int	from, to, pct;
} companions[] = {
	{ I_PHONE_CASE, I_SCREEN, 55 }, { I_SCREEN, I_PHONE_CASE, 30 },
	{ I_CABLE, I_CHARGER, 35 }, { I_CHARGER, I_CABLE, 50 },
	{ I_POWER_BANK, I_CABLE, 40 }, { I_FRENCH_PRESS, I_FILTER_COFFEE, 45 },
	{ I_FRENCH_PRESS, I_MUG, 30 }, { I_ESPRESSO, I_FROTHER, 10 },
	{ I_ESPRESSO, I_MUG, 12 }, { I_ESPRESSO, I_CHOCOLATE, 15 },
	{ I_FILTER_COFFEE, I_PAPER_FILTERS, 50 },
	{ I_PAPER_FILTERS, I_FILTER_COFFEE, 60 },
	{ I_GREEN_TEA, I_INFUSER, 25 },
	{ I_GREEN_TEA, I_HONEY, 25 }, { I_HONEY, I_GREEN_TEA, 20 },
	{ I_NOTEBOOK, I_PENS, 55 }, { I_PENS, I_NOTEBOOK, 40 },
	{ I_YOGA_MAT, I_BOTTLE, 40 }, { I_YOGA_MAT, I_BANDS, 30 },
	{ I_SOCKS, I_BOTTLE, 25 }, { I_EARBUDS, I_POWER_BANK, 15 },
	{ I_LAMP, I_NOTEBOOK, 20 }, { I_CANDLE, I_BLANKET, 15 },
};

/* A name with its ASCII spelling for e-mail addresses. */
struct name_def {
	const char	*show;
	const char	*ascii;
};

static const struct name_def first_names[] = {
	{ "James", "james" }, { "Mary", "mary" }, { "Robert", "robert" },
	{ "Patricia", "patricia" }, { "John", "john" }, { "Jennifer",
	"jennifer" }, { "Michael", "michael" }, { "Linda", "linda" },
	{ "David", "david" }, { "Elizabeth", "elizabeth" }, { "William",
	"william" }, { "Susan", "susan" }, { "Daniel", "daniel" },
	{ "Sarah", "sarah" }, { "Thomas", "thomas" }, { "Karen", "karen" },
	{ "Emma", "emma" }, { "Olivia", "olivia" }, { "Noah", "noah" },
	{ "Liam", "liam" }, { "Sophie", "sophie" }, { "Oliver", "oliver" },
	{ "Amelia", "amelia" }, { "Harry", "harry" }, { "Chloé", "chloe" },
	{ "Zoë", "zoe" }, { "José", "jose" }, { "María", "maria" },
	{ "Lucía", "lucia" }, { "Javier", "javier" }, { "Sofia", "sofia" },
	{ "Mateo", "mateo" }, { "Léa", "lea" }, { "Hugo", "hugo" },
	{ "Louis", "louis" }, { "Camille", "camille" }, { "Jonas", "jonas" },
	{ "Lena", "lena" }, { "Lukas", "lukas" }, { "Anna", "anna" },
	{ "Søren", "soren" }, { "Priya", "priya" }, { "Arjun", "arjun" },
	{ "Aisha", "aisha" }, { "Omar", "omar" }, { "Yuki", "yuki" },
	{ "Kenji", "kenji" }, { "Grace", "grace" }, { "Ethan", "ethan" },
	{ "Chloe", "chloe" }, { "Jack", "jack" }, { "Isla", "isla" },
};

static const struct name_def last_names[] = {
	{ "Smith", "smith" }, { "Johnson", "johnson" }, { "Williams",
	"williams" }, { "Brown", "brown" }, { "Jones", "jones" },
	{ "Miller", "miller" }, { "Davis", "davis" }, { "Wilson", "wilson" },
	{ "Anderson", "anderson" }, { "Taylor", "taylor" }, { "Thomas",
	"thomas" }, { "Moore", "moore" }, { "Martin", "martin" },
	{ "Jackson", "jackson" }, { "Thompson", "thompson" }, { "White",
	"white" }, { "Harris", "harris" }, { "Clark", "clark" },
	{ "Lewis", "lewis" }, { "Walker", "walker" }, { "Robinson",
	"robinson" }, { "Evans", "evans" }, { "Hughes", "hughes" },
	{ "O'Brien", "obrien" }, { "McDonald", "mcdonald" }, { "García",
	"garcia" }, { "Martínez", "martinez" }, { "López", "lopez" },
	{ "Fernández", "fernandez" }, { "Dubois", "dubois" }, { "Lefèvre",
	"lefevre" }, { "Moreau", "moreau" }, { "Müller", "mueller" },
	{ "Schmidt", "schmidt" }, { "Schneider", "schneider" }, { "Fischer",
	"fischer" }, { "Weber", "weber" }, { "Jensen", "jensen" },
	{ "Patel", "patel" }, { "Sharma", "sharma" }, { "Khan", "khan" },
	{ "Tanaka", "tanaka" }, { "Sato", "sato" }, { "Nguyen", "nguyen" },
	{ "Kim", "kim" }, { "Rossi", "rossi" }, { "Novak", "novak" },
	{ "Van der Berg", "vanderberg" },
};

/* Chinese names: shown in characters (or pinyin), mailed in pinyin. */
static const struct zh_name {
	const char	*hanzi;
	const char	*given;
	const char	*family;
} zh_names[] = {
	{ "王伟", "wei", "wang" }, { "李娜", "na", "li" },
	{ "张敏", "min", "zhang" }, { "刘洋", "yang", "liu" },
	{ "陈静", "jing", "chen" }, { "杨帆", "fan", "yang" },
	{ "赵磊", "lei", "zhao" }, { "黄婷", "ting", "huang" },
	{ "周杰", "jie", "zhou" }, { "吴芳", "fang", "wu" },
	{ "徐明", "ming", "xu" }, { "孙丽", "li", "sun" },
	{ "胡军", "jun", "hu" }, { "朱琳", "lin", "zhu" },
	{ "高鹏", "peng", "gao" }, { "林雪", "xue", "lin" },
	{ "何晨", "chen", "he" }, { "郭涛", "tao", "guo" },
	{ "马丽", "li", "ma" }, { "罗勇", "yong", "luo" },
};

/*
 * Cities with their country and telephone plan: country code, the
 * national number's fixed prefix (fictional ranges where one exists),
 * how many random digits follow, digit groups, and whether national
 * format adds a trunk 0.
 */
static const struct city_def {
	const char	*name;
	const char	*zh;		/* NULL: not a Chinese city */
	const char	*country;
	int		 weight;
	const char	*cc;
	const char	*prefix;
	int		 ndigits;
	const char	*groups;
	int		 trunk;
} cities[] = {
	{ "New York", NULL, "US", 10, "1", "21255501", 2, "334", 0 },
	{ "San Francisco", NULL, "US", 7, "1", "41555501", 2, "334", 0 },
	{ "Chicago", NULL, "US", 6, "1", "31255501", 2, "334", 0 },
	{ "Austin", NULL, "US", 4, "1", "51255501", 2, "334", 0 },
	{ "Seattle", NULL, "US", 4, "1", "20655501", 2, "334", 0 },
	{ "Boston", NULL, "US", 4, "1", "61755501", 2, "334", 0 },
	{ "Toronto", NULL, "CA", 4, "1", "41655501", 2, "334", 0 },
	{ "London", NULL, "GB", 9, "44", "2079460", 3, "244", 1 },
	{ "Manchester", NULL, "GB", 4, "44", "1614960", 3, "334", 1 },
	{ "Edinburgh", NULL, "GB", 2, "44", "1314960", 3, "334", 1 },
	{ "Paris", NULL, "FR", 5, "33", "19900", 4, "12222", 1 },
	{ "Lyon", NULL, "FR", 2, "33", "49900", 4, "12222", 1 },
	{ "Berlin", NULL, "DE", 4, "49", "3012345", 3, "244", 1 },
	{ "Munich", NULL, "DE", 3, "49", "8912345", 3, "244", 1 },
	{ "Madrid", NULL, "ES", 3, "34", "91555", 4, "2322", 0 },
	{ "Sydney", NULL, "AU", 3, "61", "255501", 3, "144", 1 },
	{ "Shanghai", "上海", "CN", 9, "86", "13800138", 3, "344", 0 },
	{ "Beijing", "北京", "CN", 8, "86", "13900139", 3, "344", 0 },
	{ "Shenzhen", "深圳", "CN", 5, "86", "13700137", 3, "344", 0 },
	{ "Hangzhou", "杭州", "CN", 3, "86", "13600136", 3, "344", 0 },
};

static const struct weighted {
	const char	*s;
	int		 w;
} domains[] = {
	{ "gmail.com", 30 }, { "outlook.com", 14 }, { "yahoo.com", 9 },
	{ "icloud.com", 8 }, { "hotmail.co.uk", 4 }, { "gmx.de", 3 },
	{ "proton.me", 3 }, { "contoso.com", 3 }, { "fabrikam.com", 2 },
}, zh_domains[] = {
	{ "qq.com", 10 }, { "163.com", 6 }, { "126.com", 2 },
	{ "gmail.com", 3 },
}, channels[] = {
	{ "email", 45 }, { "web", 25 }, { "app", 20 }, { "phone", 10 },
};

#define S_DAYS		550		/* 2023-07-01 through 2024-12-31 */
#define S_PERSONS	430
#define S_MAXORDERS	120
#define S_COPIES	8		/* exact duplicate rows */
#define S_NOID		3		/* copies that lost their id */

struct person {
	char	 first[64], last[64];	/* shown spelling */
	char	 py[64];		/* Chinese names in pinyin */
	char	 mail_first[32], mail_last[32];
	char	 email[96];
	char	 digits[24];		/* national phone number */
	int	 city;
	int	 zh;			/* Chinese name (and reviews) */
	int	 signup;		/* day index; negative: before day 0 */
	int	 fav;			/* favourite item (and its category) */
	int	 mood;			/* 0 promoter, 1 passive, 2 detractor */
	double	 lambda;		/* purchases a day while alive */
	double	 dropout;		/* chance of leaving after a purchase */
	double	 spend;			/* basket-size propensity */
	size_t	 rec, dup;		/* record indices; dup SIZE_MAX: none */
	int	 switched;		/* orders move to the dup's id */
};

struct record {
	char	 id[24];
	char	 name[128];
	char	 email[128];
	char	 phone[48];
	char	 city[64];
	char	 country[8];
	int	 signup;
	size_t	 person;
};

struct order {
	size_t	 person;
	int	 day;
	int	 n;
	int	 item[8];
	long	 cents[8];
	size_t	 seq;			/* creation order, breaks ties */
	unsigned id;
};

struct samples {
	struct rng	 rng;
	int64_t		 day0;
	struct person	 p[S_PERSONS];
	struct record	*rec;
	size_t		 nrec, caprec;
	struct order	*ord;
	size_t		 nord, capord;
};

static int
pick_weighted(struct rng *r, const struct weighted *w, size_t n)
{
	int total = 0, u;
	size_t i;

	for (i = 0; i < n; i++)
		total += w[i].w;
	u = (int)rng_below(r, (uint64_t)total);
	for (i = 0; i + 1 < n && u >= w[i].w; i++)
		u -= w[i].w;
	return (int)i;
}

static int
pick_city(struct rng *r)
{
	int total = 0, u;
	size_t i;

	for (i = 0; i < NELEM(cities); i++)
		total += cities[i].weight;
	u = (int)rng_below(r, (uint64_t)total);
	for (i = 0; i + 1 < NELEM(cities) && u >= cities[i].weight; i++)
		u -= cities[i].weight;
	return (int)i;
}

/* Format day index d (0 is 2023-07-01) as YYYY-MM-DD. */
static const char *
sday(const struct samples *s, int d, char *buf)
{
	date_fmt_day(buf, s->day0 + d);
	return buf;
}

/* ---------------------------------------------------------------- */
/* People.                                                          */

/* An address in one of six common shapes; unique through seen. */
static void
make_email(struct samples *s, const struct person *p, const char *f,
    const char *l, struct strmap *seen, char *out, size_t outlen)
{
	struct rng *r = &s->rng;
	const char *dom = p->zh ?
	    zh_domains[pick_weighted(r, zh_domains, NELEM(zh_domains))].s :
	    domains[pick_weighted(r, domains, NELEM(domains))].s;
	char local[64];
	int isnew = 0, tries;

	for (tries = 0; !isnew; tries++) {
		switch (tries ? 4 : (int)rng_below(r, 6)) {
		case 0: snprintf(local, sizeof(local), "%s.%s", f, l); break;
		case 1: snprintf(local, sizeof(local), "%c.%s", f[0], l); break;
		case 2: snprintf(local, sizeof(local), "%s%s", f, l); break;
		case 3: snprintf(local, sizeof(local), "%s_%s", f, l); break;
		case 5: snprintf(local, sizeof(local), "%s%c%02d", f, l[0],
		    (int)rng_below(r, 100)); break;
		default: snprintf(local, sizeof(local), "%s.%s%d", f, l,
		    (int)rng_below(r, 90) + 10); break;
		}
		snprintf(out, outlen, "%s@%s", local, dom);
		strmap_intern(seen, out, strlen(out), &isnew);
	}
}

/* Names: in characters (e-mail in pinyin) or from the Latin lists. */
static void
person_names(struct rng *r, struct person *p)
{
	if (p->zh) {
		const struct zh_name *z = &zh_names[rng_below(r,
		    NELEM(zh_names))];

		snprintf(p->first, sizeof(p->first), "%s", z->hanzi);
		p->last[0] = '\0';
		snprintf(p->py, sizeof(p->py), "%c%s %c%s", z->given[0] - 32,
		    z->given + 1, z->family[0] - 32, z->family + 1);
		snprintf(p->mail_first, sizeof(p->mail_first), "%s", z->given);
		snprintf(p->mail_last, sizeof(p->mail_last), "%s", z->family);
	} else {
		const struct name_def *f = &first_names[rng_below(r,
		    NELEM(first_names))];
		const struct name_def *l = &last_names[rng_below(r,
		    NELEM(last_names))];

		snprintf(p->first, sizeof(p->first), "%s", f->show);
		snprintf(p->last, sizeof(p->last), "%s", l->show);
		snprintf(p->mail_first, sizeof(p->mail_first), "%s", f->ascii);
		snprintf(p->mail_last, sizeof(p->mail_last), "%s", l->ascii);
	}
}

/* A person's name, home, address and habits. */
static void
make_person(struct samples *s, struct person *p, struct strmap *seen)
{
	struct rng *r = &s->rng;
	const struct city_def *c;
	int k;

	p->city = pick_city(r);
	c = &cities[p->city];
	p->zh = c->zh != NULL && rng_below(r, 10) < 8;
	person_names(r, p);
	k = snprintf(p->digits, sizeof(p->digits), "%s", c->prefix);
	while (k < (int)strlen(c->prefix) + c->ndigits)
		p->digits[k++] = (char)('0' + rng_below(r, 10));
	p->digits[k] = '\0';
	make_email(s, p, p->mail_first, p->mail_last, seen, p->email,
	    sizeof(p->email));
	/* A fifth signed up before the window, the rest during it. */
	p->signup = rng_below(r, 5) == 0 ? -(int)rng_below(r, 540) - 1 :
	    (int)rng_below(r, S_DAYS - 10);
	p->fav = (int)rng_below(r, NITEMS);
	p->mood = (int)rng_below(r, 10);
	p->mood = p->mood < 5 ? 0 : p->mood < 8 ? 1 : 2;
	p->lambda = rng_gamma(r, 1.2, 1.0 / 28.0);
	/* The unhappy leave sooner. */
	p->dropout = rng_beta(r, 1.0, 9.0) * (p->mood == 2 ? 2.0 : 1.0);
	p->spend = rng_gamma(r, 2.0, 0.5);
	p->dup = SIZE_MAX;
}

/* The shown name: "First Last", or the characters for Chinese names. */
static void
person_name(const struct person *p, char *buf, size_t len)
{
	if (p->zh)
		snprintf(buf, len, "%s", p->first);
	else
		snprintf(buf, len, "%s %s", p->first, p->last);
}

/*
 * Write the phone number in one of four styles: international spaced,
 * national, compact E.164, or dotted/run-together national.
 */
static void
format_phone(const struct person *p, int style, char *buf, size_t len)
{
	const struct city_def *c = &cities[p->city];
	const char *g, *d = p->digits;
	char grp[40];
	size_t k = 0;
	int nanp = strcmp(c->cc, "1") == 0;
	char sep = style == 3 ? (nanp ? '.' : '-') : ' ';

	for (g = c->groups; *g != '\0'; g++) {
		int n = *g - '0';

		if (g != c->groups)
			grp[k++] = sep;
		memcpy(grp + k, d, (size_t)n);
		k += (size_t)n;
		d += n;
	}
	grp[k] = '\0';
	if (style == 0)
		snprintf(buf, len, "+%s %s", c->cc, grp);
	else if (style == 2)
		snprintf(buf, len, "+%s%s", c->cc, p->digits);
	else if (nanp && style == 1)
		snprintf(buf, len, "(%.3s) %.3s-%s", p->digits, p->digits + 3,
		    p->digits + 6);
	else
		snprintf(buf, len, "%s%s", c->trunk ? "0" : "", grp);
}

/* ---------------------------------------------------------------- */
/* Mess: what real CRM exports look like.                           */

static void
ascii_case(char *t, int upper)
{
	for (; *t != '\0'; t++) {
		if (upper && *t >= 'a' && *t <= 'z')
			*t = (char)(*t - 'a' + 'A');
		else if (!upper && *t >= 'A' && *t <= 'Z')
			*t = (char)(*t - 'A' + 'a');
	}
}

/* A leading or trailing space, or a doubled inner one. */
static void
mess_spaces(struct rng *r, char *t, size_t cap)
{
	size_t len = strlen(t);
	char *sp = strchr(t, ' ');
	int how = (int)rng_below(r, 3);

	if (len + 3 >= cap)
		return;
	if (how == 2 && sp != NULL) {
		memmove(sp + 1, sp, strlen(sp) + 1);
	} else if (how == 1) {
		t[len] = ' ';
		t[len + 1] = '\0';
	} else {
		memmove(t + 1, t, len + 1);
		t[0] = ' ';
	}
}

/* A typing slip in the last ASCII word: two letters swapped or one lost. */
static void
mess_typo(struct rng *r, char *t)
{
	char *w = strrchr(t, ' ');
	size_t len, i;

	w = w != NULL ? w + 1 : t;
	len = strlen(w);
	if (len < 4 || (unsigned char)w[0] >= 0x80)
		return;
	i = 1 + (size_t)rng_below(r, len - 2);
	if ((unsigned char)w[i] >= 0x80 || (unsigned char)w[i + 1] >= 0x80)
		return;
	if (rng_below(r, 2) == 0) {
		char c = w[i];

		w[i] = w[i + 1];
		w[i + 1] = c;
	} else {
		memmove(w + i, w + i + 1, len - i);
	}
}

/* Capitals in an address: "John.Smith@Gmail.com" or all upper. */
static void
mess_email_case(struct rng *r, char *t)
{
	char *at = strchr(t, '@');

	if (rng_below(r, 3) == 0) {
		ascii_case(t, 1);
		return;
	}
	if (t[0] >= 'a' && t[0] <= 'z')
		t[0] = (char)(t[0] - 'a' + 'A');
	for (; *t != '\0'; t++)
		if ((t[0] == '.' || t[0] == '@') && t < at + 1 &&
		    t[1] >= 'a' && t[1] <= 'z')
			t[1] = (char)(t[1] - 'a' + 'A');
}

/* An address that no validation should accept. */
static void
mess_email_invalid(struct rng *r, char *t, size_t cap)
{
	char *at = strchr(t, '@'), *dot = strrchr(t, '.');
	size_t len = strlen(t);

	if (at == NULL || dot == NULL || dot < at)
		return;
	switch (rng_below(r, 5)) {
	case 0:				/* the @ lost: john.smithgmail.com */
		memmove(at, at + 1, strlen(at));
		break;
	case 1:				/* no top-level domain */
		*strchr(at, '.') = '\0';
		break;
	case 2:				/* doubled @ */
		if (len + 2 < cap)
			memmove(at + 1, at, strlen(at) + 1);
		break;
	case 3:				/* a space inside */
		if (at != t)
			at[-1] = ' ';
		break;
	default:			/* comma for the dot: gmail,com */
		*dot = ',';
		break;
	}
}

/* ---------------------------------------------------------------- */
/* Customer records.                                                */

static size_t
rec_add(struct samples *s)
{
	s->rec = xgrow(s->rec, &s->caprec, s->nrec + 1, sizeof(*s->rec));
	memset(&s->rec[s->nrec], 0, sizeof(*s->rec));
	return s->nrec++;
}

/* The clean record of person pi, phone in a random style. */
static void
rec_fill(struct samples *s, size_t pi, struct record *r)
{
	const struct person *p = &s->p[pi];
	const struct city_def *c = &cities[p->city];

	person_name(p, r->name, sizeof(r->name));
	snprintf(r->email, sizeof(r->email), "%s", p->email);
	format_phone(p, (int)rng_below(&s->rng, 4), r->phone,
	    sizeof(r->phone));
	snprintf(r->city, sizeof(r->city), "%s",
	    c->zh != NULL && rng_below(&s->rng, 2) ? c->zh : c->name);
	snprintf(r->country, sizeof(r->country), "%s", c->country);
	r->signup = p->signup;
	r->person = pi;
}

/*
 * Typing and export mess on a first record: stray spaces, odd case,
 * missing phone or city, and a few empty or invalid addresses.
 */
static void
rec_mess(struct samples *s, struct record *r)
{
	struct rng *g = &s->rng;
	int u;

	if (rng_below(g, 100) < 7)
		mess_spaces(g, r->name, sizeof(r->name));
	if (rng_below(g, 100) < 4)
		ascii_case(r->name, (int)rng_below(g, 2));
	if (rng_below(g, 100) < 6)
		mess_email_case(g, r->email);
	if (rng_below(g, 100) < 4)
		mess_spaces(g, r->email, sizeof(r->email));
	if (rng_below(g, 100) < 5)
		mess_spaces(g, r->city, sizeof(r->city));
	if (rng_below(g, 100) < 6)
		r->phone[0] = '\0';
	if (rng_below(g, 100) < 3)
		r->city[0] = '\0';
	u = (int)rng_below(g, 1000);
	if (u < 20)
		r->email[0] = '\0';
	else if (u < 45)
		mess_email_invalid(g, r->email, sizeof(r->email));
}

/*
 * The same person signing up again later: a name typed differently
 * (typo, case, spacing, pinyin for a Chinese name) and the same address
 * in other clothes, or another address altogether.
 */
static void
rec_near_dup(struct samples *s, size_t pi, struct strmap *seen)
{
	struct person *p = &s->p[pi];
	struct rng *g = &s->rng;
	size_t k = rec_add(s);
	struct record *r = &s->rec[k];
	int u = (int)rng_below(g, 100), room;

	rec_fill(s, pi, r);
	room = S_DAYS - 5 - (p->signup < 0 ? 0 : p->signup) - 30;
	r->signup = (p->signup < 0 ? 0 : p->signup) + 30 +
	    (int)rng_below(g, (uint64_t)(room < 270 ? room : 270));
	if (u < 35 && p->zh)
		snprintf(r->name, sizeof(r->name), "%s", p->py);
	else if (u < 35)
		mess_typo(g, r->name);
	else if (u < 60)
		ascii_case(r->name, (int)rng_below(g, 2));
	else if (u < 80)
		mess_spaces(g, r->name, sizeof(r->name));
	u = (int)rng_below(g, 100);
	if (u < 30)
		mess_email_case(g, r->email);
	else if (u < 45)
		mess_spaces(g, r->email, sizeof(r->email));
	else if (u >= 70)
		make_email(s, p, p->mail_first, p->mail_last, seen, r->email,
		    sizeof(r->email));
	if (rng_below(g, 100) < 20)
		r->phone[0] = '\0';
	p->dup = k;
	p->switched = (int)rng_below(g, 2);
}

static int
rec_cmp(const void *a, const void *b)
{
	const struct record *x = a, *y = b;

	if (x->signup != y->signup)
		return x->signup < y->signup ? -1 : 1;
	return x->person < y->person ? -1 : x->person > y->person;
}

/*
 * Ids in signup order; then find each person's records again.  A
 * person's near-duplicate always signs up after the first record.
 */
static void
rec_number(struct samples *s)
{
	size_t i;

	qsort(s->rec, s->nrec, sizeof(*s->rec), rec_cmp);
	for (i = 0; i < S_PERSONS; i++)
		s->p[i].rec = s->p[i].dup = SIZE_MAX;
	for (i = 0; i < s->nrec; i++) {
		struct person *p = &s->p[s->rec[i].person];

		snprintf(s->rec[i].id, sizeof(s->rec[i].id), "C%04zu", i + 1);
		if (p->rec == SIZE_MAX)
			p->rec = i;
		else
			p->dup = i;
	}
}

static void
write_header(struct csv_writer *w, const char *const *names)
{
	for (; *names != NULL; names++)
		csv_put_str(w, *names);
	if (csv_end_row(w) == -1)
		crm_err(1, "%s", csv_writer_path(w));
}

static void
write_record(struct samples *s, struct csv_writer *w, const struct record *r)
{
	char day[16];

	csv_put_str(w, r->id);
	csv_put_str(w, r->name);
	csv_put_str(w, r->email);
	csv_put_str(w, r->phone);
	csv_put_str(w, r->city);
	csv_put_str(w, r->country);
	csv_put_str(w, sday(s, r->signup, day));
	if (csv_end_row(w) == -1)
		crm_err(1, "%s", csv_writer_path(w));
}

static struct csv_writer *
sample_open(const char *dir, const char *name, char *path, size_t len)
{
	struct csv_writer *w;

	snprintf(path, len, "%s/%s", dir, name);
	if ((w = csv_writer_open(path, 0)) == NULL)
		crm_err(1, "%s", path);
	return w;
}

static void
sample_close(struct csv_writer *w, const char *path)
{
	if (csv_writer_close(w) == -1)
		crm_err(1, "%s", path);
}

/*
 * customers.csv: the records in id order, with exact copies and copies
 * that lost their id put back a little after their original.
 */
static void
write_customers(struct samples *s, const char *dir)
{
	static const char *const head[] = { "customer_id", "name", "email",
	    "phone", "city", "country", "signup_date", NULL };
	size_t n = s->nrec, *out = xreallocarray(NULL, n + S_COPIES + S_NOID,
	    sizeof(*out));
	size_t i, k;
	char path[4096];
	struct csv_writer *w;

	for (i = 0; i < n; i++)
		out[i] = i;
	for (k = 0; k < S_COPIES + S_NOID; k++) {
		size_t src = (size_t)rng_below(&s->rng, s->nrec);
		size_t pos, j = rec_add(s);

		s->rec[j] = s->rec[src];
		if (k >= S_COPIES)
			s->rec[j].id[0] = '\0';
		for (pos = 0; out[pos] != src; pos++)
			;
		pos += 1 + (size_t)rng_below(&s->rng, 30);
		if (pos > n)
			pos = n;
		memmove(out + pos + 1, out + pos, (n - pos) * sizeof(*out));
		out[pos] = j;
		n++;
	}
	w = sample_open(dir, "customers.csv", path, sizeof(path));
	write_header(w, head);
	for (i = 0; i < n; i++)
		write_record(s, w, &s->rec[out[i]]);
	sample_close(w, path);
	free(out);
}

/* ---------------------------------------------------------------- */
/* Orders.                                                          */

static int
pick_item(struct rng *r)
{
	int total = 0, u, i;

	for (i = 0; i < NITEMS; i++)
		total += items[i].pop;
	u = (int)rng_below(r, (uint64_t)total);
	for (i = 0; i + 1 < NITEMS && u >= items[i].pop; i++)
		u -= items[i].pop;
	return i;
}

/* The favourite itself when it is bought again, else its category. */
static int
pick_fav(struct rng *r, int fav)
{
	int cand[NITEMS], n = 0, i;

	if (items[fav].consumable && rng_below(r, 2) == 0)
		return fav;
	for (i = 0; i < NITEMS; i++)
		if (strcmp(items[i].category, items[fav].category) == 0)
			cand[n++] = i;
	return cand[rng_below(r, (uint64_t)n)];
}

/* Add item to the order (once), with its quantity's amount. */
static void
order_item(struct rng *r, const struct person *p, struct order *o, int it)
{
	int i, qty = 1;

	for (i = 0; i < o->n; i++)
		if (o->item[i] == it)
			return;
	if (o->n == (int)NELEM(o->item))
		return;
	if (rng_uniform(r) < (items[it].consumable ? 0.3 : 0.08) * p->spend)
		qty += 1 + (int)rng_below(r, items[it].consumable ? 3 : 1);
	o->item[o->n] = it;
	o->cents[o->n++] = (long)items[it].cents * qty;
}

/* One order of person pi on day: anchors and their companions. */
static void
add_order(struct samples *s, size_t pi, int day)
{
	const struct person *p = &s->p[pi];
	struct rng *r = &s->rng;
	struct order *o;
	int u = (int)rng_below(r, 100), nanchor, k, i;
	size_t c;

	s->ord = xgrow(s->ord, &s->capord, s->nord + 1, sizeof(*s->ord));
	o = &s->ord[s->nord];
	memset(o, 0, sizeof(*o));
	o->person = pi;
	o->day = day;
	o->seq = s->nord++;
	nanchor = u < 55 ? 1 : u < 85 ? 2 : 3;
	for (k = 0; k < nanchor; k++) {
		int it = rng_below(r, 100) < 45 ? pick_fav(r, p->fav) :
		    pick_item(r);

		order_item(r, p, o, it);
		for (c = 0; c < NELEM(companions); c++)
			if (companions[c].from == it &&
			    (int)rng_below(r, 100) < companions[c].pct)
				order_item(r, p, o, companions[c].to);
	}
	if (rng_below(r, 10) == 0)	/* a promotion: 15% off */
		for (i = 0; i < o->n; i++)
			o->cents[i] = (o->cents[i] * 85 + 50) / 100;
}

/*
 * Buy-till-you-die: a Poisson stream of purchases at the person's rate,
 * ending after any purchase with the person's dropout chance.
 */
static void
simulate_person(struct samples *s, size_t pi)
{
	const struct person *p = &s->p[pi];
	struct rng *r = &s->rng;
	double t;
	int n = 0;

	if (rng_below(r, 100) < 8)	/* signed up, never bought */
		return;
	t = p->signup < 0 ? (double)rng_below(r, 60) : p->signup +
	    rng_exponential(r, 1.0 / 10.0);
	while (t < S_DAYS && n++ < S_MAXORDERS) {
		add_order(s, pi, (int)t);
		if (rng_uniform(r) < p->dropout)
			break;
		t += 1.0 + rng_exponential(r, p->lambda);
	}
}

static int
order_cmp(const void *a, const void *b)
{
	const struct order *x = a, *y = b;

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The customer id an order was placed under. */
static const char *
order_cust(const struct samples *s, const struct order *o)
{
	const struct person *p = &s->p[o->person];

	if (p->dup != SIZE_MAX && p->switched &&
	    o->day >= s->rec[p->dup].signup)
		return s->rec[p->dup].id;
	return s->rec[p->rec].id;
}

static void
put_cents(struct csv_writer *w, long cents)
{
	char buf[32];
	int len = snprintf(buf, sizeof(buf), "%ld.%02ld", cents / 100,
	    cents % 100);

	csv_put(w, buf, (size_t)len);
}

/* transactions.csv: one row per order line, orders numbered by date. */
static void
write_transactions(struct samples *s, const char *dir)
{
	static const char *const head[] = { "order_id", "customer_id",
	    "date", "amount", "item", NULL };
	struct csv_writer *w;
	char path[4096], buf[32], day[16];
	size_t i;
	int k;

	qsort(s->ord, s->nord, sizeof(*s->ord), order_cmp);
	w = sample_open(dir, "transactions.csv", path, sizeof(path));
	write_header(w, head);
	for (i = 0; i < s->nord; i++) {
		struct order *o = &s->ord[i];

		o->id = 10001 + (unsigned)i;
		snprintf(buf, sizeof(buf), "SO-%u", o->id);
		for (k = 0; k < o->n; k++) {
			csv_put_str(w, buf);
			csv_put_str(w, order_cust(s, o));
			csv_put_str(w, sday(s, o->day, day));
			put_cents(w, o->cents[k]);
			csv_put_str(w, items[o->item[k]].sku);
			if (csv_end_row(w) == -1)
				crm_err(1, "%s", path);
		}
	}
	sample_close(w, path);
}

/* items.csv: the catalogue. */
static void
write_items(const char *dir)
{
	static const char *const head[] = { "item", "category", "price",
	    "description", NULL };
	struct csv_writer *w;
	char path[4096];
	int i;

	w = sample_open(dir, "items.csv", path, sizeof(path));
	write_header(w, head);
	for (i = 0; i < NITEMS; i++) {
		csv_put_str(w, items[i].sku);
		csv_put_str(w, items[i].category);
		put_cents(w, items[i].cents);
		csv_put_str(w, items[i].desc);
		if (csv_end_row(w) == -1)
			crm_err(1, "%s", path);
	}
	sample_close(w, path);
}

/* ---------------------------------------------------------------- */
/* Survey answers and reviews, after orders.                        */

/* Score 0..10 in percent, by mood: promoter, passive, detractor. */
static const int score_pct[3][11] = {
	{ 0, 0, 0, 0, 0, 0, 0, 5, 15, 35, 45 },
	{ 0, 0, 0, 0, 0, 5, 15, 35, 35, 10, 0 },
	{ 8, 5, 7, 10, 12, 18, 20, 12, 8, 0, 0 },
};

/* Review label (positive, neutral, negative) in percent, by mood. */
static const int label_pct[3][3] = {
	{ 70, 20, 10 }, { 40, 40, 20 }, { 12, 23, 65 },
};

static const char *const label_names[3] = { "positive", "neutral",
    "negative" };

struct answer {
	int	 day;
	size_t	 order;			/* index into s->ord */
	size_t	 seq;
	int	 a, b;			/* score and channel; or label, lang */
	char	 text[512];
};

static int
pick_pct(struct rng *r, const int *pct, int n)
{
	int u = (int)rng_below(r, 100), i;

	for (i = 0; i + 1 < n && u >= pct[i]; i++)
		u -= pct[i];
	return i;
}

static int
answer_cmp(const void *a, const void *b)
{
	const struct answer *x = a, *y = b;

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* survey.csv: some orders bring an NPS answer a few days later. */
static void
write_survey(struct samples *s, const char *dir)
{
	static const char *const head[] = { "customer_id", "date", "score",
	    "channel", NULL };
	struct answer *ans = xreallocarray(NULL, s->nord, sizeof(*ans));
	size_t i, n = 0;
	struct csv_writer *w;
	char path[4096], day[16];

	for (i = 0; i < s->nord; i++) {
		int d = s->ord[i].day + 2 + (int)rng_below(&s->rng, 12);

		if (rng_below(&s->rng, 100) >= 16 || d >= S_DAYS)
			continue;
		ans[n].day = d;
		ans[n].order = i;
		ans[n].seq = n;
		ans[n].a = pick_pct(&s->rng,
		    score_pct[s->p[s->ord[i].person].mood], 11);
		ans[n++].b = pick_weighted(&s->rng, channels, NELEM(channels));
	}
	qsort(ans, n, sizeof(*ans), answer_cmp);
	w = sample_open(dir, "survey.csv", path, sizeof(path));
	write_header(w, head);
	for (i = 0; i < n; i++) {
		csv_put_str(w, order_cust(s, &s->ord[ans[i].order]));
		csv_put_str(w, sday(s, ans[i].day, day));
		csv_put_int(w, ans[i].a);
		csv_put_str(w, channels[ans[i].b].s);
		if (csv_end_row(w) == -1)
			crm_err(1, "%s", path);
	}
	sample_close(w, path);
	free(ans);
}

/*
 * Review sentences by language and label; "{}" stands for the item.
 * Contrast ("but", "但是") puts the verdict in the second clause.
 */
static const char *const en_text[3][12] = {
	{ "The {} is excellent.", "Love this {}!",
	    "Really happy with the {}, would buy again.",
	    "The {} works perfectly and delivery was fast.",
	    "Not bad at all, the {} does the job well.",
	    "Five stars, \"best {} ever\".",
	    "Very good quality, my family loves the {}.",
	    "I was worried at first, but the {} turned out great.",
	    "Shipping took a while, but the {} is fantastic.",
	    "Great value for money.", "The {} is really good.", NULL },
	{ "The {} arrived on time.", "It is an okay {}, nothing special.",
	    "Ordered the {} for my office.", "The {} is as described.",
	    "Average {} for the price.",
	    "Bought the {} as a gift, have not tried it yet.",
	    "The {} does what it says.", NULL },
	{ "The {} broke after a week.",
	    "Not happy with the {}, it stopped working.",
	    "Terrible quality, the {} arrived damaged.",
	    "The {} is not worth the money.",
	    "Very disappointed with the {}.",
	    "The {} looks nice but it broke after two days.",
	    "Poor quality and slow delivery, I want a refund.",
	    "Would not recommend the {}.",
	    "The {} looked great at first, but it stopped working "
	    "after a month.",
	    "Awful customer service, still waiting for my refund.", NULL },
};

static const char *const en_tail[3][4] = {
	{ "", " Highly recommended.", " My partner loves it too.",
	    " Will order again." },
	{ "", " We will see how it holds up.", "", "" },
	{ "", " Never again.", " Very frustrating.", " Returned it." },
};

static const char *const zh_text[3][12] = {
	{ "{}质量很好，非常满意！", "很喜欢这个{}，会再买的。",
	    "物流很快，{}也不错。", "不错不错，值得购买。",
	    "{}超级好用，推荐！", "包装有点简陋，但是{}很好用。",
	    "性价比很高，家人都很喜欢。", "{}比想象中好多了。", NULL },
	{ "{}还行吧，一般般。", "昨天收到了{}，还没用。",
	    "和描述的差不多。", "{}中规中矩，没什么特别的。",
	    "给朋友买的{}，不知道好不好用。", NULL },
	{ "{}质量太差了，用了两天就坏了。", "不好用，很失望。",
	    "{}收到就是坏的，客服也不理人。", "外观很漂亮，但是{}质量太差。",
	    "不推荐购买，{}完全不值这个价。",
	    "等了一个星期才到，{}还有划痕。", "{}不太好用，有点后悔。", NULL },
};

static const char *const zh_tail[3][4] = {
	{ "", "五星好评！", "还会回购。", "" },
	{ "", "先用用看吧。", "", "" },
	{ "", "差评。", "再也不买了。", "" },
};

/* Copy tmpl with "{}" replaced by name, then tail, into out. */
static void
fill_text(char *out, size_t cap, const char *tmpl, const char *name,
    const char *tail)
{
	const char *at = strstr(tmpl, "{}");

	if (at == NULL)
		snprintf(out, cap, "%s%s", tmpl, tail);
	else
		snprintf(out, cap, "%.*s%s%s%s", (int)(at - tmpl), tmpl, name,
		    at + 2, tail);
}

static size_t
count_texts(const char *const *t)
{
	size_t n = 0;

	while (n < 12 && t[n] != NULL)
		n++;
	return n;
}

/* A review of item it: label by mood, language by person, text. */
static void
make_review(struct samples *s, struct answer *a, int it)
{
	const struct person *p = &s->p[s->ord[a->order].person];
	struct rng *r = &s->rng;
	int lab = pick_pct(r, label_pct[p->mood], 3);
	int zh = (int)rng_below(r, 100) < (p->zh ? 95 : 3);
	const char *const *t = zh ? zh_text[lab] : en_text[lab];
	const char *tail = zh ? zh_tail[lab][rng_below(r, 4)] :
	    en_tail[lab][rng_below(r, 4)];

	fill_text(a->text, sizeof(a->text), t[rng_below(r, count_texts(t))],
	    zh ? items[it].zh : items[it].en, tail);
	a->a = lab;
	a->b = it;
}

/* reviews.csv: some orders bring a review of one of their items. */
static void
write_reviews(struct samples *s, const char *dir)
{
	static const char *const head[] = { "customer_id", "date", "item",
	    "text", "label", NULL };
	struct answer *ans = xreallocarray(NULL, s->nord, sizeof(*ans));
	size_t i, n = 0;
	struct csv_writer *w;
	char path[4096], day[16];

	for (i = 0; i < s->nord; i++) {
		const struct order *o = &s->ord[i];
		int d = o->day + 3 + (int)rng_below(&s->rng, 18);

		if (rng_below(&s->rng, 100) >= (s->p[o->person].zh ? 25 : 12) ||
		    d >= S_DAYS)
			continue;
		ans[n].day = d;
		ans[n].order = i;
		ans[n].seq = n;
		make_review(s, &ans[n++], o->item[rng_below(&s->rng,
		    (uint64_t)o->n)]);
	}
	qsort(ans, n, sizeof(*ans), answer_cmp);
	w = sample_open(dir, "reviews.csv", path, sizeof(path));
	write_header(w, head);
	for (i = 0; i < n; i++) {
		csv_put_str(w, order_cust(s, &s->ord[ans[i].order]));
		csv_put_str(w, sday(s, ans[i].day, day));
		csv_put_str(w, items[ans[i].b].sku);
		csv_put_str(w, ans[i].text);
		csv_put_str(w, label_names[ans[i].a]);
		if (csv_end_row(w) == -1)
			crm_err(1, "%s", path);
	}
	sample_close(w, path);
	free(ans);
}

/*
 * Write every sample file into dir.  The order of draws is fixed:
 * people, records, orders, then survey and reviews.
 */
static void
gen_samples(const struct opts *o)
{
	struct samples *s = xcalloc(1, sizeof(*s));
	struct strmap *seen = strmap_new();
	size_t i;

	rng_seed(&s->rng, o->seed);
	s->day0 = date_days_from_civil(2023, 7, 1);
	for (i = 0; i < S_PERSONS; i++)
		make_person(s, &s->p[i], seen);
	for (i = 0; i < S_PERSONS; i++) {
		size_t k = rec_add(s);

		rec_fill(s, i, &s->rec[k]);
		rec_mess(s, &s->rec[k]);
	}
	for (i = 0; i < S_PERSONS; i++)
		if (rng_below(&s->rng, 100) < 9 && s->p[i].signup < S_DAYS - 70)
			rec_near_dup(s, i, seen);
	rec_number(s);
	for (i = 0; i < S_PERSONS; i++)
		simulate_person(s, i);
	write_customers(s, o->dir);
	write_transactions(s, o->dir);
	write_survey(s, o->dir);
	write_reviews(s, o->dir);
	write_items(o->dir);
	strmap_free(seen);
	free(s->rec);
	free(s->ord);
	free(s);
}


/* ---------------------------------------------------------------- */
/* People with planted near-duplicates, for crm-clean --fuzzy.      */

static const char *const pp_first[] = {
	"james", "mary", "john", "patricia", "robert", "jennifer", "michael",
	"linda", "william", "elizabeth", "david", "barbara", "richard",
	"susan", "joseph", "jessica", "thomas", "sarah", "charles", "karen",
	"daniel", "nancy", "matthew", "lisa", "anthony", "betty", "mark",
	"margaret", "donald", "sandra", "steven", "ashley", "paul",
	"kimberly", "andrew", "emily", "joshua", "donna", "kenneth",
	"michelle", "kevin", "dorothy", "brian", "carol", "george", "amanda",
	"edward", "melissa", "ronald", "deborah", "timothy", "stephanie",
	"jason", "rebecca", "jeffrey", "laura", "ryan", "sharon", "jacob",
	"cynthia", "gary", "kathleen", "nicholas", "amy", "eric", "shirley",
	"jonathan", "angela", "stephen", "helen", "larry", "anna", "justin",
	"brenda", "scott", "pamela", "brandon", "nicole", "frank", "samantha",
	"benjamin", "katherine", "gregory", "emma", "samuel", "ruth",
	"raymond", "christine", "patrick", "catherine", "alexander", "debra",
	"jack", "rachel", "dennis", "carolyn", "jerry", "janet", "tyler",
	"virginia", "aaron", "maria", "jose", "heather", "henry", "diane",
	"wei", "fang", "lei", "jing", "min", "yan", "hui", "ling", "jun",
	"anil", "priya", "rahul", "deepa", "omar", "fatima", "yuki", "hana",
	"lucas", "sofia", "mateo", "valentina", "noah", "mia", "elias", "lea"
};
static const char *const pp_syl[] = {
	"an", "ber", "car", "dal", "el", "fen", "gar", "hol", "is", "jor",
	"kel", "lan", "mor", "nor", "ol", "per", "quin", "ros", "sten", "tor",
	"ul", "ven", "wil", "xan", "yor", "zel", "bri", "cla", "dre", "fro",
	"gri", "har", "ing", "kin", "ley", "man", "ney", "son", "ton", "worth",
	"ch", "sch", "mitz", "berg", "feld", "stein", "ova", "ski", "ez", "es"
};
static const char *const pp_city[] = {
	"springfield", "riverside", "fairview", "madison", "georgetown",
	"clinton", "salem", "franklin", "greenville", "bristol", "oxford",
	"arlington", "ashland", "burlington", "manchester", "milton",
	"newport", "auburn", "dayton", "lexington", "jackson", "hudson",
	"kingston", "marion", "dover", "chester", "winchester", "lancaster",
	"shanghai", "beijing", "shenzhen", "hangzhou", "mumbai", "delhi",
	"osaka", "berlin", "madrid", "lyon", "porto", "krakow"
};
static const char *const pp_domain[] = {
	"gmail.com", "yahoo.com", "outlook.com", "mail.com", "qq.com",
	"163.com", "web.de", "proton.me"
};

/* One person: the fields as written, before any mess. */
struct ppl {
	char	name[64];
	char	email[96];
	char	phone[24];
	char	dob[16];
	char	city[24];
};

static void
pp_make(struct rng *r, struct ppl *p)
{
	char sur[40];
	size_t k, n = 2 + (size_t)rng_below(r, 2);
	const char *f = pp_first[rng_below(r, NELEM(pp_first))];
	int64_t day = date_days_from_civil(1940, 1, 1) +
	    (int64_t)rng_below(r, 65 * 365);

	sur[0] = '\0';
	for (k = 0; k < n; k++)
		strcat(sur, pp_syl[rng_below(r, NELEM(pp_syl))]);
	snprintf(p->name, sizeof(p->name), "%c%s %c%s", f[0] - 32, f + 1,
	    sur[0] - 32, sur + 1);
	snprintf(p->email, sizeof(p->email), "%s.%s%u@%s", f, sur,
	    (unsigned)rng_below(r, 100), pp_domain[rng_below(r,
	    NELEM(pp_domain))]);
	snprintf(p->phone, sizeof(p->phone), "%03u-%03u-%04u",
	    (unsigned)(200 + rng_below(r, 800)), (unsigned)rng_below(r, 1000),
	    (unsigned)rng_below(r, 10000));
	date_fmt_day(p->dob, day);
	snprintf(p->city, sizeof(p->city), "%s",
	    pp_city[rng_below(r, NELEM(pp_city))]);
}

/* A typo in s: a letter substituted, dropped, doubled or swapped. */
static void
pp_typo(struct rng *r, char *s)
{
	size_t n = strlen(s), i;

	if (n < 3)
		return;
	i = 1 + (size_t)rng_below(r, n - 2);
	switch (rng_below(r, 4)) {
	case 0: s[i] = (char)('a' + rng_below(r, 26)); break;
	case 1: memmove(s + i, s + i + 1, n - i); break;
	case 2: if (n + 1 < 64) { memmove(s + i + 1, s + i, n - i + 1); }
		break;
	default: { char c = s[i]; s[i] = s[i + 1]; s[i + 1] = c; } break;
	}
}

/* Mess up a copy of p: one to three of typos, other formats, missing
 * values, a swapped day and month. */
static void
pp_mess(struct rng *r, struct ppl *p)
{
	int k, n = 1 + (int)rng_below(r, 3);
	char *sp, tmp[64];
	unsigned y, m, d;

	for (k = 0; k < n; k++)
		switch (rng_below(r, 8)) {
		case 0: pp_typo(r, p->name); break;
		case 1:		/* "Last First", upper case */
			if ((sp = strchr(p->name, ' ')) != NULL) {
				snprintf(tmp, sizeof(tmp), "%s %.*s", sp + 1,
				    (int)(sp - p->name), p->name);
				strcpy(p->name, tmp);
			}
			for (sp = p->name; *sp; sp++)
				if (*sp >= 'a' && *sp <= 'z')
					*sp = (char)(*sp - 32);
			break;
		case 2: pp_typo(r, p->email); break;
		case 3: p->email[0] = '\0'; break;
		case 4:		/* another format, or one digit off */
			if (rng_below(r, 2)) {
				snprintf(tmp, sizeof(tmp), "+1 (%.3s) %.3s %.4s",
				    p->phone, p->phone + 4, p->phone + 8);
				strcpy(p->phone, tmp);
			} else
				p->phone[9] = (char)('0' + rng_below(r, 10));
			break;
		case 5: p->phone[0] = '\0'; break;
		case 6:
			if (sscanf(p->dob, "%u-%u-%u", &y, &m, &d) == 3 &&
			    d <= 12)
				snprintf(p->dob, sizeof(p->dob),
				    "%04u-%02u-%02u", y, d, m);
			else
				p->dob[0] = '\0';
			break;
		default: p->city[0] = '\0'; break;
		}
}

static void
pp_put(struct csv_writer *w, unsigned long long id, const struct ppl *p)
{
	csv_put_int(w, (long long)id);
	csv_put_str(w, p->name);
	csv_put_str(w, p->email);
	csv_put_str(w, p->phone);
	csv_put_str(w, p->dob);
	csv_put_str(w, p->city);
	if (csv_end_row(w) == -1)
		crm_err(1, "write error on %s", csv_writer_path(w));
}

/*
 * people: entity_id,name,email,phone,birth_date,city; a quarter of the
 * people come again (one copy, or two), each copy messed by pp_mess and
 * written after a few other rows.  entity_id is the truth.
 */
static void
gen_people(const struct opts *o, struct csv_writer *w)
{
	static const char *const head[] = { "entity_id", "name", "email",
	    "phone", "birth_date", "city", NULL };
	struct ppl p, q, pend[8];
	unsigned long long pid[8], ent = 0, due[8];
	long long rows = 0;
	struct rng r;
	size_t k, np = 0;

	rng_seed(&r, o->seed);
	for (k = 0; head[k] != NULL; k++)
		csv_put_str(w, head[k]);
	if (csv_end_row(w) == -1)
		crm_err(1, "write error on %s", csv_writer_path(w));
	while (rows < o->rows) {
		for (k = 0; k < np && rows < o->rows; k++)
			if (due[k] <= ent) {
				pp_put(w, pid[k], &pend[k]);
				rows++;
				pend[k] = pend[--np];
				pid[k] = pid[np];
				due[k--] = due[np];
			}
		if (rows >= o->rows)
			break;
		pp_make(&r, &p);
		pp_put(w, ++ent, &p);
		rows++;
		for (k = rng_below(&r, 4) == 0 ? 1 + rng_below(&r, 2) : 0;
		    k > 0 && np < NELEM(pend); k--) {
			q = p;
			pp_mess(&r, &q);
			pend[np] = q;
			pid[np] = ent;
			due[np++] = ent + 1 + rng_below(&r, 20);
		}
	}
}

/* ---------------------------------------------------------------- */

static void __attribute__((noreturn))
usage(int status)
{
	static const char text[] =
	    "usage: crm-gen transactions [--rows N] [--customers M] "
	    "[--seed S] [-o FILE] [--gzip]\n"
	    "       crm-gen people [--rows N] [--seed S] [-o FILE] [--gzip]\n"
	    "       crm-gen samples DIR [--seed S]\n"
	    "\n"
	    "Write deterministic test data: benchmark transactions\n"
	    "(order_id,customer_id,date,amount,item; --rows 1000000 by\n"
	    "default, customers rows/17), people with planted near-duplicates\n"
	    "(entity_id,name,email,phone,birth_date,city; entity_id is the\n"
	    "truth) or the sample data sets of samples/.\n"
	    "\n"
	    "example: crm-gen transactions --rows 2000000 --seed 1 "
	    "-o orders.csv\n";

	FILE *f = status ? stderr : stdout;
	const struct gen_extra *g;

	fputs(text, f);
	for (g = gen_extra; g->name != NULL; g++)
		fprintf(f, "%s       crm-gen %s\n", g == gen_extra ? "\nmore:\n" : "",
		    g->usage);
	exit(status);
}

enum { OPT_ROWS = OPT_COMMON_LAST, OPT_CUSTOMERS };

/*
 * The generators of other files (gen.h): one line each, the table ends
 * with a NULL name.
 */
int gen_answer(int, char *[]);
int gen_churn(int, char *[]);
int gen_recommend(int, char *[]);
int gen_rules(int, char *[]);
int gen_segment(int, char *[]);
int gen_sentiment(int, char *[]);
const struct gen_extra gen_extra[] = {
	{ "answer", "answer [--rows N] [--questions M] [--seed S] kb.csv questions.csv", gen_answer },
	{ "churn", "churn [--rows N] [--seed N] [-o FILE]", gen_churn },
	{ "recommend", "recommend [--customers N] [--seed N] [-o FILE]", gen_recommend },
	{ "rules", "rules [--baskets N] [--items N] [--seed N] [--long FILE] [--lines FILE]", gen_rules },
	{ "segment", "segment [--rows N] [--seed N] [-o FILE] [--gzip]", gen_segment },
	{ "sentiment", "sentiment [--rows N] [--seed N] [-o FILE]", gen_sentiment },
	{ NULL, NULL, NULL }
};

/* Parse the command line into o; exit 2 on a usage error. */
static void
parse_args(int argc, char *argv[], struct opts *o)
{
	static const struct option longopts[] = {
		{ "customers",	required_argument, NULL, OPT_CUSTOMERS },
		{ "gzip",	no_argument,	   NULL, OPT_GZIP },
		{ "help",	no_argument,	   NULL, 'h' },
		{ "output",	required_argument, NULL, 'o' },
		{ "rows",	required_argument, NULL, OPT_ROWS },
		{ "seed",	required_argument, NULL, OPT_SEED },
		{ "version",	no_argument,	   NULL, 'V' },
		{ NULL,		0,		   NULL, 0 }
	};
	int ch;

	while ((ch = getopt_long(argc, argv, "ho:V", longopts, NULL)) != -1) {
		switch (ch) {
		case 'h': usage(0);
		case 'o': o->output = optarg; break;
		case 'V': crm_version(); exit(0);
		case OPT_CUSTOMERS:
			o->customers = opt_int(optarg, 1, 100000000,
			    "--customers");
			break;
		case OPT_GZIP: o->gzip = 1; break;
		case OPT_ROWS:
			o->rows = opt_int(optarg, 0, LLONG_MAX / 2, "--rows");
			break;
		case OPT_SEED:
			o->seed = (uint64_t)opt_int(optarg, 0, LLONG_MAX,
			    "--seed");
			break;
		default: usage(2);
		}
	}
}

int
main(int argc, char *argv[])
{
	struct opts o = { MODE_TRANSACTIONS, 1000000, 0, 1, NULL, NULL, 0 };
	struct csv_writer *w;

	const struct gen_extra *g;

	crm_setprogname("crm-gen");
	for (g = gen_extra; argc > 1 && g->name != NULL; g++)
		if (strcmp(argv[1], g->name) == 0)
			return g->fn(argc - 1, argv + 1);
	parse_args(argc, argv, &o);
	if (optind >= argc)
		usage(2);
	if (strcmp(argv[optind], "transactions") == 0 && optind + 1 == argc)
		o.mode = MODE_TRANSACTIONS;
	else if (strcmp(argv[optind], "people") == 0 && optind + 1 == argc)
		o.mode = MODE_PEOPLE;
	else if (strcmp(argv[optind], "samples") == 0 && optind + 2 == argc) {
		o.mode = MODE_SAMPLES;
		o.dir = argv[optind + 1];
	} else
		usage(2);
	if (o.mode == MODE_SAMPLES) {
		if (o.output != NULL || o.gzip)
			crm_errx(2, "samples: -o and --gzip do not apply");
		gen_samples(&o);
		return 0;
	}
	if ((w = csv_writer_open(o.output, o.gzip)) == NULL)
		crm_err(1, "%s", o.output != NULL ? o.output : "<stdout>");
	if (o.mode == MODE_PEOPLE)
		gen_people(&o, w);
	else
		gen_transactions(&o, w);
	if (csv_writer_close(w) == -1)
		crm_err(1, "%s", o.output != NULL ? o.output : "<stdout>");
	return 0;
}
