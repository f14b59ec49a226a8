#!/usr/bin/env python3
"""readerdata.py: the two inputs for timing the reader (tests/tools/csvcount).

Usage: readerdata.py plain|quoted ROWS > FILE
plain:  no quotes at all, every line split by the memchr fast path.
quoted: every record has quoted fields holding commas and doubled quotes;
        one in ten holds a line break.  Fixed seed: the same bytes each run.
"""
import random
import sys

kind, rows = sys.argv[1], int(sys.argv[2])
rnd = random.Random(42)
out = sys.stdout
words = ["alpha", "beta", "gamma", "delta", "north", "south", "east", "west"]
if kind == "plain":
    out.write("customer_id,order_id,date,amount,country,channel\n")
    for i in range(rows):
        out.write("C%06d,O%08d,2023-%02d-%02d,%d.%02d,%s,%s\n" % (
            rnd.randrange(200000), i, rnd.randrange(1, 13),
            rnd.randrange(1, 29), rnd.randrange(1000), rnd.randrange(100),
            rnd.choice(["DE", "FR", "US", "GB"]), rnd.choice(words)))
else:
    out.write("customer_id,name,note,amount\n")
    for i in range(rows):
        note = '%s, %s said ""%s""' % (rnd.choice(words), rnd.choice(words),
                                       rnd.choice(words))
        if i % 10 == 0:
            note += "\nsecond line, too"
        out.write('C%06d,"%s, %s","%s",%d.%02d\n' % (
            rnd.randrange(200000), rnd.choice(words), rnd.choice(words),
            note, rnd.randrange(1000), rnd.randrange(100)))
