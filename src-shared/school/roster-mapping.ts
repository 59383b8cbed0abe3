/**
 * From a roster table (every cell text) to validated pupils: which column is which field,
 * and what is wrong with each row. Pure: the reading of files is in
 * src-main/school/roster-file.ts, the matching against residents and the import itself are
 * done by the main side on top of this preview. A roster with any error row is meant to be
 * corrected and read again, never imported in part.
 */
import { ageInYears, isValidIsoDate, parseDisplayDate } from '../domain/dates';
import { normalisePhone, PHONE_PATTERN } from '../domain/identifiers';
import { foldVietnamese, normaliseName } from '../domain/name-folding';
import { checkPersonalId, PERSONAL_ID_PATTERN } from '../domain/personal-id';
import { ETHNICITIES, type EthnicityCode } from '../reference/ethnicities';
import type { SexCode } from '../schemas/resident';
import {
  type ColumnMapping,
  type GuardianRelationship,
  type RosterFieldKey,
  type RosterPreview,
  type RosterPreviewRow,
  type RosterProblem,
  type RosterPupilInput,
  rosterPupilSchema,
  type RosterTable,
} from '../schemas/school-roster';

export interface RosterFieldDefinition {
  key: RosterFieldKey;
  label: { vi: string; en: string };
  /**
   * Every roster must provide it. The full name may come from the two split columns
   * (family and middle name + given name), the sex from the two x-marked columns.
   */
  required: boolean;
}

export const ROSTER_FIELDS: readonly RosterFieldDefinition[] = [
  { key: 'fullName', label: { vi: 'Họ và tên', en: 'Full name' }, required: true },
  {
    key: 'familyAndMiddleName',
    label: { vi: 'Họ và tên đệm', en: 'Family and middle name' },
    required: false,
  },
  { key: 'givenName', label: { vi: 'Tên', en: 'Given name' }, required: false },
  { key: 'birthDate', label: { vi: 'Ngày sinh', en: 'Date of birth' }, required: true },
  { key: 'sex', label: { vi: 'Giới tính', en: 'Sex' }, required: true },
  {
    key: 'sexMale',
    label: { vi: 'Cột «Nam» (đánh dấu x)', en: '“Male” column (marked x)' },
    required: false,
  },
  {
    key: 'sexFemale',
    label: { vi: 'Cột «Nữ» (đánh dấu x)', en: '“Female” column (marked x)' },
    required: false,
  },
  {
    key: 'personalId',
    label: { vi: 'Số định danh cá nhân', en: 'Personal ID' },
    required: false,
  },
  { key: 'pupilCode', label: { vi: 'Mã học sinh', en: 'Pupil code' }, required: false },
  { key: 'ethnicity', label: { vi: 'Dân tộc', en: 'Ethnicity' }, required: false },
  { key: 'className', label: { vi: 'Lớp', en: 'Class' }, required: false },
  {
    key: 'guardianName',
    label: { vi: 'Họ tên phụ huynh', en: 'Parent or guardian’s name' },
    required: false,
  },
  {
    key: 'guardianRelationship',
    label: { vi: 'Quan hệ với học sinh', en: 'Relationship to the pupil' },
    required: false,
  },
  {
    key: 'guardianPhone',
    label: { vi: 'Số điện thoại phụ huynh', en: 'Parent or guardian’s phone' },
    required: false,
  },
  {
    key: 'street',
    label: { vi: 'Địa chỉ (số nhà, đường)', en: 'Address (house number, street)' },
    required: false,
  },
  { key: 'notes', label: { vi: 'Ghi chú', en: 'Notes' }, required: false },
];

/** Every message key `mapRosterRows` can produce besides the shared `validation.*` ones. */
export const ROSTER_MESSAGE_KEYS = [
  'roster.missingName',
  'roster.missingBirthDate',
  'roster.badDate',
  'roster.birthDateIncomplete',
  'roster.birthDateInFuture',
  'roster.ageOutOfRange',
  'roster.ageUnusualForGrade',
  'roster.missingSex',
  'roster.unknownSex',
  'roster.personalIdScientific',
  'roster.unknownEthnicity',
  'roster.badPhone',
  'roster.extraPhonesIgnored',
  'roster.guardianNameMissing',
  'roster.unknownRelationship',
  'roster.duplicateInFile',
] as const;
export type RosterMessageKey = (typeof ROSTER_MESSAGE_KEYS)[number];

/** The ages a pupil can have, from nursery school to late upper-secondary and vocational. */
export const PUPIL_AGE_RANGE = { min: 2, max: 25 } as const;

// ---------------------------------------------------------------------------------------
// Column guessing

/** Folded header words that point to a parent or guardian rather than the pupil. */
const PARENT_WORDS = ['cha', 'bo', 'me', 'ph', 'phu huynh', 'giam ho', 'nuoi duong'];
/** Words a guardian-name header may consist of besides the parent words. */
const NAME_HEADER_WORDS = new Set(['ho', 'va', 'ten', 'nguoi', 'cua', 'hoc', 'sinh', 'hs']);
const PHONE_WORDS = ['sdt', 'so dt', 'dt', 'dtdd', 'dien thoai'];
const ID_WORDS = ['dinh danh', 'cccd', 'can cuoc', 'cmnd', 'ddcn'];

/** Whole-word containment on folded text: `has('ho ten cha', 'cha')`, not `has('chau', 'cha')`. */
function has(folded: string, ...phrases: string[]): boolean {
  return phrases.some((p) => ` ${folded} `.includes(` ${p} `));
}

function impliedRelationship(folded: string): GuardianRelationship {
  const father = has(folded, 'cha', 'bo');
  const mother = has(folded, 'me');
  if (father && !mother) return 'father';
  if (mother && !father) return 'mother';
  return 'guardian';
}

export interface HeaderMatch {
  field: RosterFieldKey;
  relationship?: GuardianRelationship;
}

/** What one header means, or null for columns the import does not use (STT, parents' IDs…). */
export function classifyHeader(header: string): HeaderMatch | null {
  const h = foldVietnamese(header);
  if (h === '' || /^(stt|tt|so tt|so thu tu)$/.test(h)) return null;
  // The education ministry's pupil code ("Mã định danh Bộ GD&ĐT") is not a personal ID.
  const pupilCodeWords = ['ma hs', 'ma hoc sinh', 'ma so hoc sinh', 'ma so hs', 'mshs'];
  if (has(h, ...pupilCodeWords, 'ma bo', 'bo gd', 'bgd', 'ma csdl')) return { field: 'pupilCode' };
  if (has(h, ...PARENT_WORDS)) {
    const relationship = impliedRelationship(h);
    if (has(h, ...PHONE_WORDS)) return { field: 'guardianPhone', relationship };
    if (has(h, 'quan he')) return { field: 'guardianRelationship' };
    if (has(h, 'dia chi', 'noi o')) return { field: 'street' };
    const nameOnly = h
      .replace(/phu huynh|giam ho|nuoi duong/g, '')
      .split(' ')
      .every((w) => w === '' || NAME_HEADER_WORDS.has(w) || PARENT_WORDS.includes(w));
    // A parent's occupation, ID or year of birth is not part of a pupil's roster import.
    return nameOnly ? { field: 'guardianName', relationship } : null;
  }
  if (has(h, 'quan he')) return { field: 'guardianRelationship' };
  if (has(h, ...PHONE_WORDS)) return { field: 'guardianPhone' };
  if (h === 'ho' || has(h, 'ho dem', 'ho lot', 'ho chu lot', 'ho va dem', 'ho va ten dem'))
    return { field: 'familyAndMiddleName' };
  if (h === 'ten' || /^(ho va ten|ho ten) ten$/.test(h)) return { field: 'givenName' };
  if (h === 'ns' || has(h, 'ngay sinh', 'nam sinh', 'sinh ngay', 'ngay thang nam'))
    return { field: 'birthDate' };
  if (/^((gioi tinh|phai) )?nam$/.test(h)) return { field: 'sexMale' };
  if (/^((gioi tinh|phai) )?nu$/.test(h)) return { field: 'sexFemale' };
  if (has(h, 'gioi tinh', 'gt', 'phai', 'nam nu')) return { field: 'sex' };
  if (has(h, ...ID_WORDS)) return { field: 'personalId' };
  if (has(h, 'dan toc')) return { field: 'ethnicity' };
  if (/^(ten )?lop( hoc)?$/.test(h)) return { field: 'className' };
  if (has(h, 'dia chi', 'noi o', 'cho o', 'thuong tru', 'tam tru', 'so nha', 'cu tru'))
    return { field: 'street' };
  if (has(h, 'ghi chu')) return { field: 'notes' };
  if ((has(h, 'ten') && !has(h, 'truong', 'danh sach')) || h === 'hoc sinh')
    return { field: 'fullName' };
  return null;
}

/**
 * The mapping the worker starts from: each field takes the first column whose header names
 * it, accents and case ignored. With several phone columns, the one of the same parent as the
 * guardian-name column is taken ("Họ tên mẹ" with "SĐT mẹ").
 */
export function guessColumnMapping(headers: readonly string[]): ColumnMapping {
  const candidates = new Map<RosterFieldKey, { index: number; match: HeaderMatch }[]>();
  headers.forEach((header, index) => {
    const match = classifyHeader(header);
    if (match)
      candidates.set(match.field, [...(candidates.get(match.field) ?? []), { index, match }]);
  });
  const columns: ColumnMapping['columns'] = {};
  for (const [field, list] of candidates) columns[field] = list[0]?.index;
  const guardianRelationship =
    candidates.get('guardianName')?.[0]?.match.relationship ?? 'guardian';
  const phones = candidates.get('guardianPhone') ?? [];
  const samePerson = phones.find((p) => p.match.relationship === guardianRelationship);
  if (samePerson) columns.guardianPhone = samePerson.index;
  return { columns, guardianRelationship };
}

/** Required fields the mapping leaves without a column; the preview needs all of them. */
export function missingRequiredFields(mapping: ColumnMapping): RosterFieldKey[] {
  const c = mapping.columns;
  const missing: RosterFieldKey[] = [];
  if (
    c.fullName === undefined &&
    (c.familyAndMiddleName === undefined || c.givenName === undefined)
  )
    missing.push('fullName');
  if (c.birthDate === undefined) missing.push('birthDate');
  if (c.sex === undefined && c.sexMale === undefined && c.sexFemale === undefined)
    missing.push('sex');
  return missing;
}

// ---------------------------------------------------------------------------------------
// Cell parsing

type Parsed<T> = { value: T } | { problem: RosterMessageKey };

/**
 * Dates as schools type them (dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy), ISO (what the
 * file reader makes of Excel date cells), yyyy/mm/dd. A year alone, or month/year, is refused:
 * growth charts are indexed by age in days or months (WHO 2006/2007), so a guessed day would
 * shift every z-score.
 */
export function parseRosterDate(raw: string): Parsed<string> {
  const text = raw.trim().replace(/[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?Z?$/, '');
  if (text === '') return { problem: 'roster.missingBirthDate' };
  const ymd = /^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})$/.exec(text);
  const iso = ymd
    ? `${ymd[1]}-${(ymd[2] as string).padStart(2, '0')}-${(ymd[3] as string).padStart(2, '0')}`
    : parseDisplayDate(text);
  if (iso && isValidIsoDate(iso)) return { value: iso };
  if (/^(\d{1,2}[/.-])?\d{4}$/.test(text)) return { problem: 'roster.birthDateIncomplete' };
  return { problem: 'roster.badDate' };
}

const SEX_VALUES: ReadonlyMap<string, SexCode> = new Map(
  Object.entries({
    nam: '1',
    trai: '1',
    m: '1',
    male: '1',
    '1': '1',
    nu: '2',
    gai: '2',
    f: '2',
    female: '2',
    '2': '2',
  } as const),
);

/** Nam/Nữ in any case or accents, M/F, Male/Female, and QĐ 831's own codes 1/2. */
export function parseSex(raw: string): SexCode | null {
  return SEX_VALUES.get(foldVietnamese(raw)) ?? null;
}

/** A cell of an x-marked column: anything but blank, 0 or "không" counts as a mark. */
function isMarked(raw: string): boolean {
  const folded = foldVietnamese(raw);
  return folded !== '' && !['0', 'khong', 'false', 'no'].includes(folded);
}

/** Spellings met in school lists besides the official names of the 54 groups. [check] */
const ETHNICITY_ALIASES: Readonly<Record<string, EthnicityCode>> = {
  viet: '01',
  vietnam: '01',
  khmer: '05',
  mong: '08',
  jrai: '10',
  bahnar: '13',
  koho: '16',
  chauro: '32',
};

const compactFold = (s: string): string => foldVietnamese(s).replace(/ /g, '');

const ETHNICITY_BY_NAME: ReadonlyMap<string, EthnicityCode> = new Map([
  ...ETHNICITIES.map(([code, name]) => [compactFold(name), code] as const),
  ...Object.entries(ETHNICITY_ALIASES),
]);

/** An ethnic group by name ("Kinh", "Khmer", "Chăm"…) or by its 2-digit code. */
export function parseEthnicity(raw: string): EthnicityCode | null {
  const text = raw.trim();
  if (/^\d{1,2}$/.test(text)) {
    const code = text.padStart(2, '0');
    return ETHNICITIES.find(([c]) => c === code)?.[0] ?? null;
  }
  return ETHNICITY_BY_NAME.get(compactFold(text)) ?? null;
}

/** What schools write in a relationship column, folded (accents and case ignored). */
const RELATIONSHIP_WORDS: ReadonlyMap<string, GuardianRelationship> = new Map(
  Object.entries({
    cha: 'father',
    bo: 'father',
    ba: 'father',
    tia: 'father',
    father: 'father',
    me: 'mother',
    ma: 'mother',
    mother: 'mother',
    ong: 'grandparent',
    'ong noi': 'grandparent',
    'ong ngoai': 'grandparent',
    'ba noi': 'grandparent',
    'ba ngoai': 'grandparent',
    anh: 'sibling',
    chi: 'sibling',
    'anh trai': 'sibling',
    'chi gai': 'sibling',
    'nguoi giam ho': 'guardian',
    'giam ho': 'guardian',
    'phu huynh': 'guardian',
    guardian: 'guardian',
    co: 'other',
    chu: 'other',
    di: 'other',
    cau: 'other',
    bac: 'other',
    thim: 'other',
    mo: 'other',
  } as const),
);

export function parseRelationship(raw: string): GuardianRelationship | null {
  // "bà" (grandmother) and the southern "ba" (father) fold to the same word.
  if (normaliseName(raw).toLowerCase() === 'bà') return 'grandparent';
  return RELATIONSHIP_WORDS.get(foldVietnamese(raw)) ?? null;
}

/**
 * Excel drops the leading zero of a phone typed as a number: a 9-digit mobile (3/5/7/8/9…)
 * or a 10-digit landline (2…) gets it back. Several numbers in one cell: the first is kept.
 */
export function parseRosterPhone(raw: string): Parsed<{ phone: string; extra: boolean }> {
  const parts = raw
    .split(/[,;/\n]|\s[-–]\s/)
    .map((p) => p.trim())
    .filter(Boolean);
  let phone = normalisePhone(parts[0] ?? '');
  if (/^[35789]\d{8}$/.test(phone) || /^2\d{9}$/.test(phone)) phone = `0${phone}`;
  if (!PHONE_PATTERN.test(phone)) return { problem: 'roster.badPhone' };
  return { value: { phone, extra: parts.length > 1 } };
}

/**
 * Every personal ID starts with a province code from 001 to 096 (Circular 07/2016/TT-BCA),
 * so an 11-digit number is one that Excel stored as a number and lost its leading zero: it is
 * restored, and the full check (province, century, year) then runs on the restored number. A
 * number Excel already turned into scientific notation (7,92E+10) has lost digits and cannot
 * be restored.
 */
export function parseRosterPersonalId(raw: string): Parsed<string> {
  const text = raw.trim();
  if (/^\d+([.,]\d+)?e\+?\d+$/i.test(text)) return { problem: 'roster.personalIdScientific' };
  const digits = text.replace(/[\s.-]/g, '');
  return { value: /^\d{11}$/.test(digits) ? `0${digits}` : digits };
}

/** "NGUYỄN VĂN AN" → "Nguyễn Văn An": class lists are often typed in capitals. */
function rosterName(raw: string): string {
  const name = normaliseName(raw);
  if (name !== name.toUpperCase() || name === name.toLowerCase()) return name;
  return name
    .toLowerCase()
    .replace(
      /(^|[\s-])(\p{L})/gu,
      (_, before: string, letter: string) => before + letter.toUpperCase(),
    );
}

/**
 * The birth year a pupil of `grade` usually has: grade 1 starts in the calendar year the child
 * turns 6 (Law on Education 2019, art. 28), and the school year starts in September.
 */
function usualBirthYear(grade: number, today: string): number {
  const year = Number(today.slice(0, 4));
  const schoolYearStart = Number(today.slice(5, 7)) >= 8 ? year : year - 1;
  return schoolYearStart - (grade + 5);
}

/** Late starters and repeated years are common; beyond this it is worth a look. [check] */
const GRADE_AGE_TOLERANCE_YEARS = 2;

// ---------------------------------------------------------------------------------------
// Rows

export interface RosterContext {
  /** ISO date the ages are computed at (Vietnam's today, from the caller's clock). */
  today: string;
  /** Grade 1–12 of the class, to flag ages unusual for it. */
  classGrade?: number;
}

function problemField(path: readonly PropertyKey[]): RosterFieldKey {
  const [head, sub] = path;
  if (head === 'guardian') return sub === 'phone' ? 'guardianPhone' : 'guardianName';
  if (head === 'contactPhone') return 'guardianPhone';
  return head as RosterFieldKey;
}

/**
 * Every non-blank row of the table, validated: problems are errors (the row cannot be
 * imported as it is) or warnings (worth a look, not blocking). Rows blank in every mapped
 * column are skipped without a word; that also covers templates numbered in advance (STT
 * filled, nothing else).
 */
export function mapRosterRows(
  table: RosterTable,
  mapping: ColumnMapping,
  context: RosterContext,
): RosterPreview {
  const mapped = Object.values(mapping.columns).filter((i): i is number => i !== undefined);
  const seen = new Map<string, number>();
  const rows: RosterPreviewRow[] = [];
  let skippedBlankRows = 0;

  for (const { rowNumber, cells } of table.rows) {
    const cell = (field: RosterFieldKey): string => {
      const index = mapping.columns[field];
      return index === undefined ? '' : (cells[index] ?? '').trim();
    };
    if (mapped.every((i) => (cells[i] ?? '').trim() === '')) {
      skippedBlankRows += 1;
      continue;
    }
    const problems: RosterProblem[] = [];
    const error = (field: RosterFieldKey, messageKey: string) =>
      problems.push({ field, messageKey, severity: 'error' });
    const warning = (field: RosterFieldKey, messageKey: string) =>
      problems.push({ field, messageKey, severity: 'warning' });

    const fullName = rosterName(
      cell('fullName') || `${cell('familyAndMiddleName')} ${cell('givenName')}`,
    );
    if (fullName === '') error('fullName', 'roster.missingName');

    const date = parseRosterDate(cell('birthDate'));
    let birthDate = '';
    if ('problem' in date) error('birthDate', date.problem);
    else if (date.value > context.today) error('birthDate', 'roster.birthDateInFuture');
    else {
      const age = ageInYears(date.value, context.today);
      if (age < PUPIL_AGE_RANGE.min || age > PUPIL_AGE_RANGE.max)
        error('birthDate', 'roster.ageOutOfRange');
      else {
        birthDate = date.value;
        const grade = context.classGrade;
        if (
          grade !== undefined &&
          Math.abs(Number(date.value.slice(0, 4)) - usualBirthYear(grade, context.today)) >
            GRADE_AGE_TOLERANCE_YEARS
        )
          warning('birthDate', 'roster.ageUnusualForGrade');
      }
    }

    const sex = readSex(cell, mapping, error);

    let personalId = '';
    if (cell('personalId') !== '') {
      const id = parseRosterPersonalId(cell('personalId'));
      if ('problem' in id) error('personalId', id.problem);
      else {
        personalId = id.value;
        const check = checkPersonalId(personalId, birthDate || undefined, sex ?? undefined);
        for (const p of check.errors) error('personalId', `validation.${p}`);
        for (const p of check.warnings) warning('personalId', `validation.${p}`);
      }
    }

    let ethnicity: EthnicityCode | undefined;
    if (cell('ethnicity') !== '') {
      ethnicity = parseEthnicity(cell('ethnicity')) ?? undefined;
      if (!ethnicity) error('ethnicity', 'roster.unknownEthnicity');
    }

    let phone = '';
    if (cell('guardianPhone') !== '') {
      const parsed = parseRosterPhone(cell('guardianPhone'));
      if ('problem' in parsed) error('guardianPhone', parsed.problem);
      else {
        phone = parsed.value.phone;
        if (parsed.value.extra) warning('guardianPhone', 'roster.extraPhonesIgnored');
      }
    }
    let relationship = mapping.guardianRelationship;
    if (cell('guardianRelationship') !== '') {
      const parsed = parseRelationship(cell('guardianRelationship'));
      if (parsed) relationship = parsed;
      else warning('guardianRelationship', 'roster.unknownRelationship');
    }
    const guardianName = rosterName(cell('guardianName'));
    if (guardianName === '' && phone !== '') warning('guardianName', 'roster.guardianNameMissing');

    const pupilCode = cell('pupilCode');
    findDuplicate(seen, rowNumber, [
      ['personalId', PERSONAL_ID_PATTERN.test(personalId) ? `id:${personalId}` : ''],
      ['pupilCode', pupilCode ? `code:${pupilCode.toUpperCase()}` : ''],
      ['fullName', fullName && birthDate ? `name:${foldVietnamese(fullName)}|${birthDate}` : ''],
    ]).forEach(([field, earlier]) => error(field, `roster.duplicateInFile:${earlier}`));

    let pupil: RosterPreviewRow['pupil'];
    if (sex && !problems.some((p) => p.severity === 'error')) {
      const candidate: RosterPupilInput = {
        fullName,
        sex,
        birthDate,
        personalId,
        pupilCode,
        ethnicity,
        className: cell('className'),
        guardian: guardianName ? { fullName: guardianName, relationship, phone } : null,
        contactPhone: guardianName ? '' : phone,
        street: cell('street'),
        notes: cell('notes'),
      };
      const parsed = rosterPupilSchema.safeParse(candidate);
      if (parsed.success) pupil = parsed.data;
      else for (const issue of parsed.error.issues) error(problemField(issue.path), issue.message);
    }
    const status = problems.some((p) => p.severity === 'error')
      ? 'error'
      : problems.length > 0
        ? 'warning'
        : 'ok';
    rows.push({ rowNumber, status, pupil, problems });
  }

  const counts = { ok: 0, warning: 0, error: 0 };
  for (const row of rows) counts[row.status] += 1;
  return { rows, counts, skippedBlankRows };
}

function readSex(
  cell: (field: RosterFieldKey) => string,
  mapping: ColumnMapping,
  error: (field: RosterFieldKey, key: string) => void,
): SexCode | null {
  if (cell('sex') !== '') {
    const sex = parseSex(cell('sex'));
    if (!sex) error('sex', 'roster.unknownSex');
    return sex;
  }
  const { sexMale, sexFemale } = mapping.columns;
  const male = sexMale === undefined ? undefined : isMarked(cell('sexMale'));
  const female = sexFemale === undefined ? undefined : isMarked(cell('sexFemale'));
  if (male && female) {
    error('sex', 'roster.unknownSex');
    return null;
  }
  if (male) return '1';
  if (female) return '2';
  // A list with only a "Nữ" column marks the girls; an unmarked row is a boy (and vice versa).
  if (male === undefined && female === false) return '1';
  if (female === undefined && male === false) return '2';
  error('sex', 'roster.missingSex');
  return null;
}

/**
 * The same pupil twice in one file: same personal ID, same pupil code, or same folded name and
 * date of birth (the registry's own duplicate rules, domain guide "Names and search"). The
 * later row is the one reported, naming the first.
 */
function findDuplicate(
  seen: Map<string, number>,
  rowNumber: number,
  keys: [RosterFieldKey, string][],
): [RosterFieldKey, number][] {
  const found: [RosterFieldKey, number][] = [];
  for (const [field, key] of keys) {
    if (key === '') continue;
    const earlier = seen.get(key);
    if (earlier === undefined) seen.set(key, rowNumber);
    else if (found.length === 0) found.push([field, earlier]);
  }
  return found;
}
