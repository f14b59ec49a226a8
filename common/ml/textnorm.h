/*
 * textnorm.h: one normal form of short texts for matching (questions,
 * FAQ entries): the tokenizer's words (lower-cased, fullwidth ASCII
 * folded, punctuation dropped) separated by single spaces, runs of CJK
 * characters kept together with the traditional forms of common
 * characters mapped to their simplified ones.  "請問，ＡＰＰ怎麼退款？"
 * gives "请问 app 怎么退款".  Core: nothing here prints or exits.
 */
#ifndef CRM_ML_TEXTNORM_H
#define CRM_ML_TEXTNORM_H

#include <stddef.h>
#include <stdint.h>

struct strbuf;
struct textnorm;

/* A normaliser holds a tokenizer and buffers: one per thread. */
struct textnorm	*textnorm_new(void);
void		 textnorm_free(struct textnorm *);
/*
 * The normal form of p[0..len) into out (emptied first; NUL-terminated).
 * Returns its length.  Invalid UTF-8 bytes are separators.
 */
size_t		 textnorm(struct textnorm *, const char *p, size_t len,
		    struct strbuf *out);
/*
 * The simplified form of a traditional Chinese character from a table
 * of about 500 common ones (the characters of shopping, payment,
 * delivery and service questions); other code points are returned as
 * they are.
 */
uint32_t	 text_simplified_cp(uint32_t cp);

#endif
