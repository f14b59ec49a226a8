/*
 * sha256.h: SHA-256 (FIPS 180-4), incremental, for salted hashes of
 * personal data (crm-clean --hash) and any other digest crmkit needs.
 */
#ifndef CRM_SHA256_H
#define CRM_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_LEN	32	/* bytes of a digest */
#define SHA256_HEXLEN	64	/* characters of its hex form */

struct sha256 {
	uint32_t	 h[8];
	uint64_t	 nbytes;	/* message length so far */
	unsigned char	 buf[64];	/* a partial block */
	size_t		 nbuf;
};

void	 sha256_init(struct sha256 *);
void	 sha256_update(struct sha256 *, const void *, size_t);
/* Finish: the digest into out[SHA256_LEN].  The state is then spent. */
void	 sha256_final(struct sha256 *, unsigned char *out);
/* out[SHA256_HEXLEN] (no NUL) gets the lower-case hex of the digest. */
void	 sha256_hex(const unsigned char *digest, char *out);

#endif
