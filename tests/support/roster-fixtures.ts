/**
 * Class rosters as schools send them: .xlsx with a title above the header, Excel date cells,
 * identifiers typed as numbers or text, two-line headers; CSV with or without BOM, comma or
 * semicolon. Everything is deterministic (no clock, no randomness): the same options always
 * give the same pupils.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import writeXlsxFile, { type Cell, type Row } from 'write-excel-file/node';
import { formatIsoDate } from '../../src-shared/domain/dates';
import type { RosterTable } from '../../src-shared/schemas/school-roster';

/** The "today" the fixtures are built for: October of school year 2025–2026. */
export const ROSTER_FIXTURE_TODAY = '2025-10-15';

export interface FixturePupil {
  fullName: string;
  familyAndMiddleName: string;
  givenName: string;
  birthDate: string;
  sex: '1' | '2';
  /** Valid for the birth year and sex (HCMC, 079); '' for every fourth pupil. */
  personalId: string;
  pupilCode: string;
  /** As the school writes it ("Kinh", "Hoa", "Khmer", "Chăm"). */
  ethnicity: string;
  ethnicityCode: string;
  guardianName: string;
  guardianRelationship: 'father' | 'mother';
  guardianPhone: string;
  street: string;
}

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Phan', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ'];
const MIDDLE = { '1': ['Văn', 'Minh', 'Gia', 'Quốc', 'Đức'], '2': ['Thị', 'Ngọc', 'Bảo', 'Khánh'] };
const GIVEN = {
  '1': ['An', 'Bảo', 'Cường', 'Dũng', 'Đạt', 'Huy', 'Khang', 'Khoa', 'Long', 'Phúc', 'Quân'],
  '2': ['Anh', 'Châu', 'Diệp', 'Giang', 'Hân', 'Linh', 'My', 'Ngân', 'Nhi', 'Quỳnh', 'Vy'],
};
const ETHNICITY = [
  ['Kinh', '01'],
  ['Hoa', '04'],
  ['Khmer', '05'],
  ['Chăm', '17'],
] as const;

const pick = <T>(list: readonly T[], n: number): T => list[n % list.length] as T;

/** The grade of a class name: "5A" → 5, "10A2" → 10. */
export function gradeOfClass(className: string): number {
  return Number(/^\d+/.exec(className)?.[0] ?? '1');
}

/**
 * Pupils of one class, born in the year that puts them in its grade (grade 1 in the calendar
 * year a child turns 6), spread over that year; alternating boys and girls; a parent with a
 * mobile phone.
 */
export function makeClassPupils(
  count: number,
  { className = '5A', schoolYearStart = 2025 } = {},
): FixturePupil[] {
  const birthYear = schoolYearStart - (gradeOfClass(className) + 5);
  return Array.from({ length: count }, (_, i) => {
    const sex = i % 2 === 0 ? '1' : '2';
    const family = pick(FAMILY, i * 3);
    const familyAndMiddleName = `${family} ${pick(MIDDLE[sex], i)}`;
    const givenName = pick(GIVEN[sex], Math.floor(i / 2) * 5 + i);
    // 37 and 365 are coprime: no two pupils of a class share a birthday.
    const birthDate = new Date(Date.UTC(birthYear, 0, 1 + ((i * 37) % 365)))
      .toISOString()
      .slice(0, 10);
    const centuryDigit = sex === '1' ? '2' : '3';
    const serial = String((i * 7919 + 1234) % 1_000_000).padStart(6, '0');
    const personalId =
      i % 4 === 3 ? '' : `079${centuryDigit}${String(birthYear % 100).padStart(2, '0')}${serial}`;
    const [ethnicity, ethnicityCode] = i % 10 < 7 ? ETHNICITY[0] : pick(ETHNICITY, i);
    const relationship = i % 3 === 0 ? 'father' : 'mother';
    const guardianName =
      relationship === 'father'
        ? `${family} ${pick(MIDDLE['1'], i + 1)} ${pick(GIVEN['1'], i + 3)}`
        : `${pick(FAMILY, i * 3 + 1)} Thị ${pick(GIVEN['2'], i + 4)}`;
    return {
      fullName: `${familyAndMiddleName} ${givenName}`,
      familyAndMiddleName,
      givenName,
      birthDate,
      sex,
      personalId,
      pupilCode: `79${String(2_500_000 + i * 13).padStart(8, '0')}`,
      ethnicity,
      ethnicityCode,
      guardianName,
      guardianRelationship: relationship,
      guardianPhone: `09${String((10_000_000 + i * 7331) % 100_000_000).padStart(8, '0')}`,
      street: `${12 + i} đường số ${(i % 9) + 1}`,
    };
  });
}

export const STANDARD_HEADERS = [
  'STT',
  'Họ và tên',
  'Ngày sinh',
  'Giới tính',
  'Dân tộc',
  'Mã định danh',
  'Mã HS',
  'Họ tên phụ huynh',
  'Quan hệ',
  'SĐT phụ huynh',
  'Địa chỉ',
  'Ghi chú',
];

const RELATIONSHIP_WORD = { father: 'Cha', mother: 'Mẹ' } as const;

export interface XlsxRosterOptions {
  pupils?: number;
  className?: string;
  schoolYearStart?: number;
  fileName?: string;
  /**
   * standard: one header row under a title. split: a two-line header, "Họ và tên" over
   * "Họ đệm" | "Tên" and "Giới tính" over x-marked "Nam" | "Nữ" columns.
   */
  layout?: 'standard' | 'split';
  /** IDs and phones typed as numbers, as Excel keeps them when nobody formats the column. */
  numericIdentifiers?: boolean;
  /** Names and text written decomposed (NFD), as some Mac and web tools produce. */
  decomposedText?: boolean;
  /** An empty first sheet before the class sheet. */
  emptyFirstSheet?: boolean;
}

function dateCell(iso: string): Cell {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return { value: new Date(Date.UTC(y, m - 1, d)), type: Date, format: 'dd/mm/yyyy' };
}

/** Title rows, header row(s) and one row per pupil; returns the rows and the first data row. */
function rosterSheet(
  pupils: FixturePupil[],
  className: string,
  schoolYearStart: number,
  options: XlsxRosterOptions,
): { data: Row[]; firstDataRow: number } {
  const text = (s: string) => (options.decomposedText ? s.normalize('NFD') : s);
  const identifier = (s: string): Cell =>
    s === '' ? null : options.numericIdentifiers ? Number(s) : s;
  const title: Row[] = [
    ['TRƯỜNG TIỂU HỌC BÌNH QUỚI'],
    [`DANH SÁCH HỌC SINH LỚP ${className} – NĂM HỌC ${schoolYearStart}–${schoolYearStart + 1}`],
    [],
  ];
  const tail = (p: FixturePupil): Cell[] => [
    text(p.ethnicity),
    identifier(p.personalId),
    p.pupilCode,
    text(p.guardianName),
    RELATIONSHIP_WORD[p.guardianRelationship],
    identifier(p.guardianPhone),
    text(p.street),
    null,
  ];
  if (options.layout === 'split') {
    const span2 = (value: string): Cell => ({ value, columnSpan: 2 });
    const rowSpan2 = (value: string): Cell => ({ value, rowSpan: 2 });
    const header: Row = [
      rowSpan2('STT'),
      span2('Họ và tên'),
      null,
      rowSpan2('Ngày sinh'),
      span2('Giới tính'),
      null,
      ...STANDARD_HEADERS.slice(4).map(rowSpan2),
    ];
    const sub: Row = [null, 'Họ đệm', 'Tên', null, 'Nam', 'Nữ'];
    const rows = pupils.map((p, i): Row => [
      i + 1,
      text(p.familyAndMiddleName),
      text(p.givenName),
      dateCell(p.birthDate),
      p.sex === '1' ? 'x' : null,
      p.sex === '2' ? 'x' : null,
      ...tail(p),
    ]);
    return { data: [...title, header, sub, ...rows], firstDataRow: title.length + 3 };
  }
  const rows = pupils.map((p, i): Row => [
    i + 1,
    text(p.fullName),
    dateCell(p.birthDate),
    p.sex === '1' ? 'Nam' : text('Nữ'),
    ...tail(p),
  ]);
  return { data: [...title, STANDARD_HEADERS, ...rows], firstDataRow: title.length + 2 };
}

export async function writeClassRosterXlsx(
  dir: string,
  options: XlsxRosterOptions = {},
): Promise<{ path: string; pupils: FixturePupil[]; firstDataRow: number }> {
  const { className = '5A', schoolYearStart = 2025 } = options;
  const pupils = makeClassPupils(options.pupils ?? 30, { className, schoolYearStart });
  const { data, firstDataRow } = rosterSheet(pupils, className, schoolYearStart, options);
  const sheets = [
    ...(options.emptyFirstSheet ? [{ sheet: 'Hướng dẫn', data: [] }] : []),
    { sheet: `Lớp ${className}`, data },
  ];
  const path = join(dir, options.fileName ?? `danh-sach-lop-${className}.xlsx`);
  await writeXlsxFile(sheets).toFile(path);
  return { path, pupils, firstDataRow };
}

export interface BrokenRoster {
  path: string;
  /** Rows that must come out without problems. */
  okRowNumbers: number[];
  /** The one problem each broken row must report. */
  expectedProblems: { rowNumber: number; messageKey: string }[];
  blankRowNumber: number;
}

/**
 * A class list with broken rows among good ones: an impossible date (31/02), a missing name,
 * a blank line, the same pupil twice, a personal ID whose year digits disagree with the birth
 * date, an unknown sex, a birth date in the future and a short phone number.
 */
export async function writeBrokenRosterXlsx(dir: string): Promise<BrokenRoster> {
  const pupils = makeClassPupils(12);
  const at = (i: number) => pupils[i] as FixturePupil;
  const wrongYearDigits = `${at(5).personalId.slice(0, 4)}99123456`;
  const broken: FixturePupil[] = [
    at(0),
    at(1),
    at(2), // its date is replaced by 31/02/2015 below
    at(3), // emptied below
    { ...at(4), fullName: '' },
    at(0),
    { ...at(5), personalId: wrongYearDigits },
    at(6),
    at(7), // its sex is replaced by "K" below
    { ...at(8), birthDate: '2026-03-01' },
    { ...at(9), guardianPhone: '12345' },
    at(10),
  ];
  const { data, firstDataRow } = rosterSheet(broken, '5A', 2025, {});
  const row = (index: number) => firstDataRow + index;
  const set = (index: number, column: number, value: Cell) => {
    (data[row(index) - 1] as Cell[])[column] = value;
  };
  set(2, 2, '31/02/2015');
  set(8, 3, 'K');
  data[row(3) - 1] = [];
  const path = join(dir, 'danh-sach-loi.xlsx');
  await writeXlsxFile(data, { sheet: 'Lớp 5A' }).toFile(path);
  return {
    path,
    okRowNumbers: [row(0), row(1), row(7), row(11)],
    expectedProblems: [
      { rowNumber: row(2), messageKey: 'roster.badDate' },
      { rowNumber: row(4), messageKey: 'roster.missingName' },
      { rowNumber: row(5), messageKey: `roster.duplicateInFile:${row(0)}` },
      { rowNumber: row(6), messageKey: 'validation.personalId.birthYear' },
      { rowNumber: row(8), messageKey: 'roster.unknownSex' },
      { rowNumber: row(9), messageKey: 'roster.birthDateInFuture' },
      { rowNumber: row(10), messageKey: 'roster.badPhone' },
    ],
    blankRowNumber: row(3),
  };
}

/** The CSV lines of a class: header and one line per pupil, dates as dd/mm/yyyy text. */
export function rosterCsvText(pupils: FixturePupil[], delimiter: ',' | ';' | '\t' = ','): string {
  const quote = (s: string) =>
    s.includes(delimiter) || /["\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  const lines = [
    STANDARD_HEADERS,
    ...pupils.map((p, i) => [
      String(i + 1),
      p.fullName,
      formatIsoDate(p.birthDate),
      p.sex === '1' ? 'Nam' : 'Nữ',
      p.ethnicity,
      p.personalId,
      p.pupilCode,
      p.guardianName,
      RELATIONSHIP_WORD[p.guardianRelationship],
      p.guardianPhone,
      p.street,
      '',
    ]),
  ];
  return lines.map((cells) => cells.map(quote).join(delimiter)).join('\r\n') + '\r\n';
}

export interface CsvRosterOptions {
  pupils?: number;
  className?: string;
  delimiter?: ',' | ';' | '\t';
  /** UTF-8 with a byte-order mark, as Excel's "CSV UTF-8" writes it. */
  bom?: boolean;
  /** utf-16le: Excel's "Unicode text" (always with a BOM, usually tab-separated). */
  encoding?: 'utf-8' | 'utf-16le';
  fileName?: string;
}

export function writeClassRosterCsv(
  dir: string,
  options: CsvRosterOptions = {},
): { path: string; pupils: FixturePupil[] } {
  const pupils = makeClassPupils(options.pupils ?? 30, { className: options.className });
  const text = rosterCsvText(pupils, options.delimiter);
  const bytes =
    options.encoding === 'utf-16le'
      ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
      : Buffer.concat([Buffer.from(options.bom ? [0xef, 0xbb, 0xbf] : []), Buffer.from(text)]);
  const path = join(dir, options.fileName ?? 'danh-sach.csv');
  writeFileSync(path, bytes);
  return { path, pupils };
}

/** The table the file reader makes of a plain one-header CSV, built in memory. */
export function rosterTableFromPupils(pupils: FixturePupil[]): RosterTable {
  const [headers, ...rows] = rosterCsvText(pupils)
    .trimEnd()
    .split('\r\n')
    .map((line) => line.split(','));
  return {
    sheetNames: ['danh-sach.csv'],
    sheet: 'danh-sach.csv',
    headerRow: 1,
    headers: headers as string[],
    rows: rows.map((cells, i) => ({ rowNumber: i + 2, cells })),
  };
}
