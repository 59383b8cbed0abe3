/**
 * Other identifiers a resident may carry (domain guide, "Identifiers").
 */

/** Old 9-digit identity card (CMND), still held by many older residents. */
export const CMND_PATTERN = /^\d{9}$/;

/**
 * Health-insurance (BHYT) card: 2-letter beneficiary group, benefit level 1–5, 2-digit
 * province, 10-digit social-insurance number. [check: domain guide]
 */
export const BHYT_PATTERN = /^[A-Z]{2}[1-5]\d{12}$/;

/** The 10-digit social-insurance number inside a BHYT card, which people often quote alone. */
export function socialInsuranceNumber(bhyt: string): string {
  return bhyt.slice(5);
}

/**
 * Vietnamese phone numbers: mobiles 0 + 9 digits, landlines 02x + 8 digits. `+84`/`84`
 * prefixes and separators are accepted and normalised to the leading-zero form.
 */
export const PHONE_PATTERN = /^0\d{9,10}$/;

export function normalisePhone(raw: string): string {
  let digits = raw.replace(/[\s.()-]/g, '');
  if (digits.startsWith('+84')) digits = '0' + digits.slice(3);
  else if (/^84\d{9,10}$/.test(digits)) digits = '0' + digits.slice(2);
  return digits;
}

/**
 * Temporary code for a person without papers (infants, people without documents). It
 * starts with letters, so it can never be mistaken for a 12-digit personal ID.
 * Shape: `TAM-<facility code>-<8 Crockford base-32 characters>`.
 */
export const TEMPORARY_ID_PATTERN = /^TAM-[A-Z0-9]{5}-[0-9A-HJKMNP-TV-Z]{8}$/;

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** @param random 5 random bytes (40 bits → 8 base-32 characters). */
export function makeTemporaryId(facilityCode: string, random: Uint8Array): string {
  let bits = 0n;
  for (const byte of random.slice(0, 5)) bits = (bits << 8n) | BigInt(byte);
  let out = '';
  for (let i = 0; i < 8; i++) {
    out = CROCKFORD[Number(bits & 31n)] + out;
    bits >>= 5n;
  }
  return `TAM-${facilityCode}-${out}`;
}

/** What a search query most likely is, so the registry looks in the right index. */
export type QueryKind = 'identifier' | 'name';

export function classifyQuery(query: string): QueryKind {
  if (/^\s*TAM-/i.test(query)) return 'identifier';
  const compact = query.replace(/[\s.()-]/g, '');
  if (/^\+?\d{3,}$/.test(compact)) return 'identifier';
  if (/^[A-Za-z]{2}\d{2,}$/.test(compact)) return 'identifier';
  return 'name';
}

/**
 * The stored form of an identifier typed in a search box: separators dropped, letters upper
 * case, `+84` phones in their leading-zero form; temporary codes keep their hyphens.
 */
export function normaliseIdentifierQuery(query: string): string {
  const trimmed = query.trim().toUpperCase();
  if (trimmed.startsWith('TAM-')) return trimmed.replace(/\s/g, '');
  const compact = trimmed.replace(/[\s.()-]/g, '');
  return compact.startsWith('+84') || /^84\d{9,10}$/.test(compact)
    ? normalisePhone(compact)
    : compact;
}
