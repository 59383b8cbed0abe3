/**
 * Reads a school's class roster (.xlsx, or CSV / tab-separated text) into a table of text
 * cells for the column-mapping step (src-shared/school/roster-mapping.ts). Nothing is
 * validated or imported here; the file is only made readable, or refused with a stable code.
 */
import Papa from 'papaparse';
import readXlsxFile from 'read-excel-file/node';
import { classifyHeader, guessColumnMapping } from '../../src-shared/school/roster-mapping';
import type { RosterTable } from '../../src-shared/schemas/school-roster';

export const ROSTER_FILE_ERROR_CODES = [
  /** Not .xlsx, .csv, .txt or .tsv (an old .xls included: save it as .xlsx). */
  'ROSTER_UNSUPPORTED_TYPE',
  /** Over 5 MB. */
  'ROSTER_TOO_LARGE',
  /** Over 2,000 data rows. */
  'ROSTER_TOO_MANY_ROWS',
  /** Damaged, or not what its name says. */
  'ROSTER_UNREADABLE',
  /** Text that is neither UTF-8 nor UTF-16 with a byte-order mark. */
  'ROSTER_ENCODING',
  /** No data rows. */
  'ROSTER_EMPTY',
  /** The sheet asked for is not in the workbook. */
  'ROSTER_SHEET_NOT_FOUND',
] as const;
export type RosterFileErrorCode = (typeof ROSTER_FILE_ERROR_CODES)[number];

export class RosterFileError extends Error {
  constructor(
    readonly code: RosterFileErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RosterFileError';
  }
}

/** A class, even a whole school, fits well within these; anything larger is not a roster. */
export const ROSTER_LIMITS = { maxBytes: 5 * 1024 * 1024, maxRows: 2000 } as const;

/** The header is looked for within the first rows: above it sit school name and title. */
const HEADER_SEARCH_ROWS = 10;

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** OLE2 compound file: the pre-2007 .xls format, which read-excel-file does not read. */
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

const startsWith = (bytes: Uint8Array, magic: number[]): boolean =>
  magic.every((b, i) => bytes[i] === b);

/**
 * @param sheet the worksheet to read; by default the first one with any data.
 */
export async function readRosterFile(
  bytes: Uint8Array | Buffer,
  fileName: string,
  sheet?: string,
): Promise<RosterTable> {
  const extension = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (!['xlsx', 'csv', 'txt', 'tsv'].includes(extension) || startsWith(bytes, OLE_MAGIC)) {
    throw new RosterFileError(
      'ROSTER_UNSUPPORTED_TYPE',
      `"${fileName}" is not an .xlsx or .csv file.`,
    );
  }
  if (bytes.byteLength > ROSTER_LIMITS.maxBytes) {
    throw new RosterFileError('ROSTER_TOO_LARGE', `The file is over 5 MB.`);
  }
  if (bytes.byteLength === 0) throw new RosterFileError('ROSTER_EMPTY', 'The file is empty.');
  // A workbook renamed to .csv is still read as a workbook: people rename files.
  const sheets = startsWith(bytes, ZIP_MAGIC)
    ? await readWorkbook(bytes)
    : extension === 'xlsx'
      ? unreadable('The file is not an .xlsx workbook.')
      : [{ sheet: fileName.replace(/^.*[/\\]/, ''), data: readDelimitedText(bytes) }];

  const sheetNames = sheets.map((s) => s.sheet);
  const chosen =
    sheet === undefined
      ? (sheets.find((s) => s.data.some((row) => row.some((c) => c !== ''))) ?? sheets[0])
      : sheets.find((s) => s.sheet === sheet);
  if (!chosen && sheet === undefined) {
    throw new RosterFileError('ROSTER_EMPTY', 'The workbook has no sheet.');
  }
  if (!chosen) {
    throw new RosterFileError('ROSTER_SHEET_NOT_FOUND', `No sheet "${sheet}" in the workbook.`);
  }
  return toTable(sheetNames, chosen.sheet, chosen.data);
}

function unreadable(message: string, cause?: unknown): never {
  throw new RosterFileError('ROSTER_UNREADABLE', message, { cause });
}

/** A number cell, kept as the text stored in the file so a 12-digit ID keeps every digit. */
class NumberCell {
  constructor(readonly text: string) {}
}

async function readWorkbook(bytes: Uint8Array): Promise<{ sheet: string; data: string[][] }[]> {
  let sheets;
  try {
    sheets = await readXlsxFile(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      parseNumber: (text: string) => new NumberCell(text),
    });
  } catch (cause) {
    unreadable('The workbook cannot be read.', cause);
  }
  return sheets.map(({ sheet, data }) => ({
    sheet,
    data: data.map((row) => row.map(cellText)),
  }));
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return excelDateToIso(value);
  if (value instanceof NumberCell) return plainNumber(value.text);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return cleanText(String(value));
}

/**
 * read-excel-file turns a date cell's serial number into the UTC instant of that calendar
 * day, independent of the computer's time zone; the calendar date is read back in UTC. The
 * instant is first rounded to the second: a serial with a floating-point error just below a
 * whole day is floored to 23:59:59.999 of the day before.
 */
function excelDateToIso(date: Date): string {
  const second = 1000;
  return new Date(Math.round(date.getTime() / second) * second).toISOString().slice(0, 10);
}

/**
 * A number cell as a person reads it: whole numbers in full digits (no 1.23E+11), fractions
 * at Excel's 15 significant digits (0.30000000000000004 → 0.3).
 */
function plainNumber(text: string): string {
  if (/^-?\d+$/.test(text)) return text;
  const n = Number(text);
  if (!Number.isFinite(n)) return text;
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return BigInt(n).toString();
  return String(Number(n.toPrecision(15)));
}

const cleanText = (text: string): string => text.normalize('NFC').replace(/\s+/g, ' ').trim();

/**
 * CSV as saved by Excel and others: UTF-8 with or without a byte-order mark, UTF-16 with one
 * (Excel's "Unicode text", tab-separated); comma, semicolon (European settings) or tab.
 * Legacy 8-bit encodings (Windows-1258, TCVN3, VNI) are refused rather than guessed: a wrong
 * guess would import garbled names.
 */
function readDelimitedText(bytes: Uint8Array): string[][] {
  const encoding =
    bytes[0] === 0xff && bytes[1] === 0xfe
      ? 'utf-16le'
      : bytes[0] === 0xfe && bytes[1] === 0xff
        ? 'utf-16be'
        : 'utf-8';
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch (cause) {
    throw new RosterFileError('ROSTER_ENCODING', 'The text is not UTF-8 or UTF-16.', { cause });
  }
  if (text.includes('\u0000')) unreadable('The file is binary, not text.');
  const parsed = Papa.parse<string[]>(text, { delimitersToGuess: [',', ';', '\t'] });
  const broken = parsed.errors.find((e) => e.type === 'Quotes');
  if (broken) unreadable(`Unbalanced quotes near record ${(broken.row ?? 0) + 1}.`);
  return parsed.data.map((row) => row.map(cleanText));
}

/** A header names at least the pupil's name, and has other column titles beside it. */
function looksLikeHeader(cells: string[]): boolean {
  const { columns } = guessColumnMapping(cells);
  const named =
    columns.fullName !== undefined ||
    columns.givenName !== undefined ||
    columns.familyAndMiddleName !== undefined;
  return named && cells.filter((c) => c !== '').length >= 2;
}

/**
 * A second header line under merged titles ("Giới tính" over "Nam" | "Nữ", "Họ và tên" over
 * "Họ đệm" | "Tên"): no digits (data rows carry a number or a date) and at least two known
 * column titles.
 */
function isSubHeader(cells: string[]): boolean {
  return (
    cells.every((c) => !/\d/.test(c)) && cells.filter((c) => classifyHeader(c) !== null).length >= 2
  );
}

function toTable(sheetNames: string[], sheet: string, data: string[][]): RosterTable {
  const isBlank = (row: string[]) => row.every((c) => c === '');
  const searched = data.slice(0, HEADER_SEARCH_ROWS);
  let headerIndex = searched.findIndex(looksLikeHeader);
  if (headerIndex < 0) headerIndex = searched.findIndex((row) => row.filter(Boolean).length >= 2);
  if (headerIndex < 0) headerIndex = data.findIndex((row) => !isBlank(row));
  if (headerIndex < 0) throw new RosterFileError('ROSTER_EMPTY', 'The sheet has no data.');

  const width = data.reduce((most, row) => Math.max(most, row.length), 0);
  const pad = (row: string[] = []) => Array.from({ length: width }, (_, i) => row[i] ?? '');
  let headers = pad(data[headerIndex]);
  let firstDataIndex = headerIndex + 1;
  const next = data[firstDataIndex];
  if (next && isSubHeader(next)) {
    const sub = pad(next);
    let parent = '';
    headers = headers.map((title, i) => {
      // A title merged across columns is only in its first cell; the columns under it share it.
      parent = title || (sub[i] ? parent : '');
      return [parent, sub[i]].filter(Boolean).join(' – ');
    });
    firstDataIndex += 1;
  }

  const rows = data
    .map((cells, index) => ({ rowNumber: index + 1, cells: pad(cells) }))
    .slice(firstDataIndex)
    .filter((row) => !isBlank(row.cells));
  if (rows.length === 0) throw new RosterFileError('ROSTER_EMPTY', 'The sheet has no data rows.');
  if (rows.length > ROSTER_LIMITS.maxRows) {
    throw new RosterFileError('ROSTER_TOO_MANY_ROWS', `Over ${ROSTER_LIMITS.maxRows} rows.`);
  }
  return { sheetNames, sheet, headerRow: firstDataIndex, headers, rows };
}
