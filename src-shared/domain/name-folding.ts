/**
 * Accent-insensitive folding of Vietnamese text for search and duplicate matching.
 *
 * Canonical decomposition strips the tone and vowel marks, but "đ"/"Đ" (U+0111/U+0110) have
 * no decomposition in Unicode, so they are mapped to "d" explicitly (domain guide, "Names and
 * search"). Because every mark is removed, tone-mark placement variants ("Hoà" / "Hòa") and
 * NFC/NFD input fold to the same key.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Stored form of a person's name: NFC, single spaces, no leading or trailing space. */
export function normaliseName(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/**
 * The given name comes last in a Vietnamese full name. Workers often search by it ("Ánh"),
 * so a second key puts it first: "nguyen thi anh" → "anh nguyen thi".
 */
export function givenNameFirstKey(folded: string): string {
  const words = folded.split(' ').filter(Boolean);
  if (words.length < 2) return folded;
  const given = words[words.length - 1] as string;
  return [given, ...words.slice(0, -1)].join(' ');
}
