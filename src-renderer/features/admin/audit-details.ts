/** Longer than this, a row's details are cut (the whole text stays in the cell's title). */
const MAX_LENGTH = 160;

const HASH = /^[0-9a-f]{40,}$/;

function compactValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return HASH.test(value) ? `${value.slice(0, 10)}…` : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.map(compactValue).join(', ');
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return entries.length === 0
      ? '—'
      : `{${entries.map(([k, v]) => `${k}: ${compactValue(v)}`).join(', ')}}`;
  }
  return JSON.stringify(value) ?? '';
}

/**
 * A row's details on one short line: `key: value · key: value`, digests shortened to their
 * first characters (they prove what changed; nobody reads them whole on screen).
 */
export function compactDetails(details: Record<string, unknown>): { short: string; full: string } {
  const full = Object.entries(details)
    .map(([key, value]) => `${key}: ${compactValue(value)}`)
    .join(' · ');
  return {
    short: full.length > MAX_LENGTH ? `${full.slice(0, MAX_LENGTH - 1)}…` : full,
    full: JSON.stringify(details, null, 1),
  };
}
