/** Calendar dates travel and are stored as ISO `yyyy-mm-dd`; instants as UTC ISO strings. */

export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Today's calendar date in Vietnam (UTC+7), where the station is, whatever the OS zone. */
export function todayInVietnam(now: Date = new Date()): string {
  return isoDateInVietnam(now);
}

// Building an Intl.DateTimeFormat costs ~50 µs; validation asks for today's date many times
// per record, so the formatters are made once.
const vietnamDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: VIETNAM_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

export function isoDateInVietnam(instant: Date): string {
  const parts = vietnamDate.formatToParts(instant);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** `yyyy-mm-dd` → `dd/MM/yyyy`, the form Vietnamese users read and write. */
export function formatIsoDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = ISO_DATE.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** `dd/MM/yyyy` (also `d/M/yyyy`, `dd-MM-yyyy`, `ddMMyyyy`) → ISO, or null when not a date. */
export function parseDisplayDate(text: string): string | null {
  const trimmed = text.trim();
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(trimmed);
  if (!m) m = /^(\d{2})(\d{2})(\d{4})$/.exec(trimmed);
  if (!m) return null;
  const iso = `${m[3]}-${(m[2] as string).padStart(2, '0')}-${(m[1] as string).padStart(2, '0')}`;
  return isValidIsoDate(iso) ? iso : null;
}

const vietnamDateTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: VIETNAM_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** A UTC instant shown in Vietnam time: `dd/MM/yyyy HH:mm`. */
export function formatInstantInVietnam(isoInstant: string | null | undefined): string {
  if (!isoInstant) return '';
  const date = new Date(isoInstant);
  if (Number.isNaN(date.getTime())) return '';
  const parts = vietnamDateTime.formatToParts(date);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('day')}/${get('month')}/${get('year')} ${get('hour')}:${get('minute')}`;
}

/** Completed years between two ISO dates. */
export function ageInYears(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = onDate.split('-').map(Number) as [number, number, number];
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age;
}
