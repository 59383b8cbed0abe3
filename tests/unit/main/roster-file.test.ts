import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import writeXlsxFile from 'write-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  readRosterFile,
  ROSTER_LIMITS,
  RosterFileError,
  type RosterFileErrorCode,
} from '../../../src-main/school/roster-file';
import { guessColumnMapping, mapRosterRows } from '../../../src-shared/school/roster-mapping';
import {
  makeClassPupils,
  rosterCsvText,
  ROSTER_FIXTURE_TODAY,
  STANDARD_HEADERS,
  writeBrokenRosterXlsx,
  writeClassRosterCsv,
  writeClassRosterXlsx,
} from '../../support/roster-fixtures';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'roster-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const read = (path: string, sheet?: string) =>
  readRosterFile(readFileSync(path), path.replace(/^.*\//, ''), sheet);

async function refusal(promise: Promise<unknown>): Promise<RosterFileErrorCode | 'accepted'> {
  try {
    await promise;
    return 'accepted';
  } catch (error) {
    expect(error).toBeInstanceOf(RosterFileError);
    return (error as RosterFileError).code;
  }
}

describe('reading an .xlsx class roster', () => {
  it('finds the header under the school name and title, and reads every pupil', async () => {
    const { path, pupils, firstDataRow } = await writeClassRosterXlsx(dir, { pupils: 30 });
    const table = await read(path);
    expect(table.sheetNames).toEqual(['Lớp 5A']);
    expect(table.sheet).toBe('Lớp 5A');
    expect(table.headerRow).toBe(firstDataRow - 1);
    expect(table.headers).toEqual(STANDARD_HEADERS);
    expect(table.rows).toHaveLength(30);
    expect(table.rows[0]?.rowNumber).toBe(firstDataRow);
    const first = pupils[0]!;
    expect(table.rows[0]?.cells.slice(0, 7)).toEqual([
      '1',
      first.fullName,
      first.birthDate,
      'Nam',
      'Kinh',
      first.personalId,
      first.pupilCode,
    ]);
  });

  it('turns date cells into the same ISO date whatever the computer’s time zone', async () => {
    const { path, pupils } = await writeClassRosterXlsx(dir, { pupils: 12, fileName: 'tz.xlsx' });
    const zone = process.env.TZ;
    try {
      for (const tz of ['Asia/Ho_Chi_Minh', 'America/Los_Angeles', 'Pacific/Kiritimati']) {
        process.env.TZ = tz;
        const table = await read(path);
        expect(
          table.rows.map((r) => r.cells[2]),
          tz,
        ).toEqual(pupils.map((p) => p.birthDate));
      }
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('keeps a date cell on its calendar day when it carries a time or a rounding error', async () => {
    const path = join(dir, 'time-of-day.xlsx');
    const dateFormat = 'dd/mm/yyyy';
    // Serial 42068 is 5 March 2015; a hair below it is read as 23:59:59.999 the day before.
    const fifthOfMarch = (Date.UTC(2015, 2, 5) - Date.UTC(1899, 11, 30)) / 86_400_000;
    await writeXlsxFile([
      ['Họ và tên', 'Ngày sinh'],
      ['Lê Văn Tám', { value: fifthOfMarch - 1e-9, type: Number, format: dateFormat }],
      [
        'Lê Văn Chín',
        { value: new Date(Date.UTC(2015, 2, 4, 20)), type: Date, format: dateFormat },
      ],
    ]).toFile(path);
    const table = await read(path);
    expect(table.rows.map((r) => r.cells[1])).toEqual(['2015-03-05', '2015-03-04']);
  });

  it('gives identifiers typed as numbers in full digits, never 7.9E+10', async () => {
    const { path, pupils } = await writeClassRosterXlsx(dir, {
      pupils: 4,
      numericIdentifiers: true,
      fileName: 'numbers.xlsx',
    });
    const table = await read(path);
    const withId = pupils[0]!;
    // Excel keeps the number, not the leading zero: the mapping step restores it.
    expect(table.rows[0]?.cells[5]).toBe(withId.personalId.slice(1));
    expect(table.rows[0]?.cells[9]).toBe(withId.guardianPhone.slice(1));
    expect(table.rows[0]?.cells[5]).toMatch(/^\d{11}$/);
  });

  it('writes numbers as a person reads them', async () => {
    const path = join(dir, 'numbers-plain.xlsx');
    await writeXlsxFile([
      ['Họ và tên', 'Số'],
      ['Lê Văn Tám', 123456789012345],
      ['Lê Văn Chín', 0.1 + 0.2],
      ['Lê Văn Mười', 1.5],
    ]).toFile(path);
    const table = await read(path);
    expect(table.rows.map((r) => r.cells[1])).toEqual(['123456789012345', '0.3', '1.5']);
  });

  it('stores text as NFC, trimmed, with single spaces', async () => {
    const { path, pupils } = await writeClassRosterXlsx(dir, {
      pupils: 3,
      decomposedText: true,
      fileName: 'nfd.xlsx',
    });
    const table = await read(path);
    const name = table.rows[1]?.cells[1] ?? '';
    expect(name).toBe(pupils[1]?.fullName);
    expect(name).toBe(name.normalize('NFC'));
    expect(name.normalize('NFD')).not.toBe(name);

    const spaced = join(dir, 'spaces.xlsx');
    await writeXlsxFile([
      ['  Họ và tên ', 'Ngày sinh'],
      ['  Nguyễn   Văn\u00a0An  ', '04/03/2015'],
    ]).toFile(spaced);
    const spacedTable = await read(spaced);
    expect(spacedTable.headers).toEqual(['Họ và tên', 'Ngày sinh']);
    expect(spacedTable.rows[0]?.cells[0]).toBe('Nguyễn Văn An');
  });

  it('joins a two-line header: "Họ và tên" over "Họ đệm" | "Tên", "Giới tính" over "Nam" | "Nữ"', async () => {
    const { path, firstDataRow, pupils } = await writeClassRosterXlsx(dir, {
      pupils: 5,
      layout: 'split',
      fileName: 'split.xlsx',
    });
    const table = await read(path);
    expect(table.headerRow).toBe(firstDataRow - 1);
    expect(table.headers.slice(0, 6)).toEqual([
      'STT',
      'Họ và tên – Họ đệm',
      'Họ và tên – Tên',
      'Ngày sinh',
      'Giới tính – Nam',
      'Giới tính – Nữ',
    ]);
    expect(table.rows[0]?.rowNumber).toBe(firstDataRow);
    expect(table.rows[1]?.cells.slice(1, 6)).toEqual([
      pupils[1]?.familyAndMiddleName,
      pupils[1]?.givenName,
      pupils[1]?.birthDate,
      '',
      'x',
    ]);
  });

  it('reads the first sheet with data, or the sheet asked for', async () => {
    const { path } = await writeClassRosterXlsx(dir, {
      pupils: 3,
      emptyFirstSheet: true,
      fileName: 'two-sheets.xlsx',
    });
    const byDefault = await read(path);
    expect(byDefault.sheetNames).toEqual(['Hướng dẫn', 'Lớp 5A']);
    expect(byDefault.sheet).toBe('Lớp 5A');
    expect(await refusal(read(path, 'Hướng dẫn'))).toBe('ROSTER_EMPTY');
    expect((await read(path, 'Lớp 5A')).rows).toHaveLength(3);
    expect(await refusal(read(path, 'Lớp 5B'))).toBe('ROSTER_SHEET_NOT_FOUND');
  });

  it('drops blank lines and keeps the row numbers of the school’s file', async () => {
    const broken = await writeBrokenRosterXlsx(dir);
    const table = await read(broken.path);
    const numbers = table.rows.map((r) => r.rowNumber);
    expect(numbers).not.toContain(broken.blankRowNumber);
    expect(numbers).toContain(broken.blankRowNumber + 1);
    expect(numbers).toHaveLength(11);
  });
});

describe('reading CSV and text exports', () => {
  it.each([
    { name: 'UTF-8 with BOM, comma', options: { bom: true, delimiter: ',' as const } },
    { name: 'UTF-8 without BOM, semicolon', options: { delimiter: ';' as const } },
    {
      name: 'UTF-16LE "Unicode text", tab',
      options: { encoding: 'utf-16le' as const, delimiter: '\t' as const, fileName: 'ds.txt' },
    },
  ])('reads $name', async ({ options }) => {
    const { path, pupils } = writeClassRosterCsv(dir, { pupils: 8, ...options });
    const table = await read(path);
    expect(table.headers).toEqual(STANDARD_HEADERS);
    expect(table.headerRow).toBe(1);
    expect(table.rows).toHaveLength(8);
    expect(table.rows[3]?.rowNumber).toBe(5);
    expect(table.rows[3]?.cells[1]).toBe(pupils[3]?.fullName);
    expect(table.rows[3]?.cells[10]).toBe(pupils[3]?.street);
  });

  it('keeps a quoted field containing the delimiter in one cell', async () => {
    const csv =
      'Họ và tên,Ngày sinh,Địa chỉ\r\nLê Văn Tám,04/03/2015,"12 đường số 3, khu phố 2"\r\n';
    const table = await readRosterFile(Buffer.from(csv), 'ds.csv');
    expect(table.rows[0]?.cells).toEqual(['Lê Văn Tám', '04/03/2015', '12 đường số 3, khu phố 2']);
  });

  it('reads a workbook that was renamed to .csv as a workbook', async () => {
    const { path } = await writeClassRosterXlsx(dir, { pupils: 2, fileName: 'renamed.xlsx' });
    const table = await readRosterFile(readFileSync(path), 'danh-sach.csv');
    expect(table.rows).toHaveLength(2);
    expect(table.sheet).toBe('Lớp 5A');
  });

  it('refuses text in a legacy 8-bit encoding instead of guessing', async () => {
    // "Nguyễn" in Windows-1258 is not valid UTF-8.
    const bytes = Buffer.from([...Buffer.from('Họ và tên\r\nNguy'), 0xea, 0xde, 0x6e, 0x0d, 0x0a]);
    expect(await refusal(readRosterFile(bytes, 'ds.csv'))).toBe('ROSTER_ENCODING');
  });

  it('refuses a CSV with unbalanced quotes', async () => {
    const csv = 'Họ và tên,Ngày sinh\r\n"Lê Văn Tám,04/03/2015\r\n';
    expect(await refusal(readRosterFile(Buffer.from(csv), 'ds.csv'))).toBe('ROSTER_UNREADABLE');
  });
});

describe('files refused, with their codes', () => {
  it.each([
    ['danh-sach.pdf', Buffer.from('%PDF-1.7'), 'ROSTER_UNSUPPORTED_TYPE'],
    ['danh-sach', Buffer.from('Họ và tên'), 'ROSTER_UNSUPPORTED_TYPE'],
    ['danh-sach.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]), 'ROSTER_UNSUPPORTED_TYPE'],
    // An old .xls renamed to .xlsx.
    [
      'danh-sach.xlsx',
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]),
      'ROSTER_UNSUPPORTED_TYPE',
    ],
    ['danh-sach.xlsx', Buffer.from('not a workbook at all'), 'ROSTER_UNREADABLE'],
    ['danh-sach.xlsx', Buffer.from('PK\u0003\u0004 damaged zip'), 'ROSTER_UNREADABLE'],
    ['danh-sach.csv', Buffer.alloc(0), 'ROSTER_EMPTY'],
    ['danh-sach.csv', Buffer.from('\r\n\r\n;;;\r\n'), 'ROSTER_EMPTY'],
    ['danh-sach.csv', Buffer.from(STANDARD_HEADERS.join(',') + '\r\n'), 'ROSTER_EMPTY'],
  ] as const)('%s: %s → %s', async (name, bytes, code) => {
    expect(await refusal(readRosterFile(bytes, name))).toBe(code);
  });

  it('refuses a file over 5 MB before reading it', async () => {
    const bytes = Buffer.alloc(ROSTER_LIMITS.maxBytes + 1, 0x41);
    expect(await refusal(readRosterFile(bytes, 'ds.csv'))).toBe('ROSTER_TOO_LARGE');
  });

  it('refuses more than 2,000 rows, and accepts exactly 2,000', async () => {
    const pupils = makeClassPupils(ROSTER_LIMITS.maxRows + 1);
    const over = Buffer.from(rosterCsvText(pupils));
    expect(await refusal(readRosterFile(over, 'ds.csv'))).toBe('ROSTER_TOO_MANY_ROWS');
    const exact = Buffer.from(rosterCsvText(pupils.slice(0, ROSTER_LIMITS.maxRows)));
    expect((await readRosterFile(exact, 'ds.csv')).rows).toHaveLength(ROSTER_LIMITS.maxRows);
  });

  it('refuses a workbook whose only sheet is empty', async () => {
    const path = join(dir, 'empty.xlsx');
    await writeXlsxFile([[null]]).toFile(path);
    expect(await refusal(read(path))).toBe('ROSTER_EMPTY');
  });
});

describe('from file to preview', () => {
  it.each(['standard', 'split'] as const)(
    'a %s roster with numeric identifiers maps to valid pupils without a manual step',
    async (layout) => {
      const { path, pupils } = await writeClassRosterXlsx(dir, {
        pupils: 30,
        layout,
        numericIdentifiers: true,
        fileName: `end-to-end-${layout}.xlsx`,
      });
      const table = await read(path);
      const preview = mapRosterRows(table, guessColumnMapping(table.headers), {
        today: ROSTER_FIXTURE_TODAY,
        classGrade: 5,
      });
      expect(preview.counts).toEqual({ ok: 30, warning: 0, error: 0 });
      expect(preview.rows.map((r) => r.pupil?.personalId)).toEqual(pupils.map((p) => p.personalId));
      expect(preview.rows.map((r) => r.pupil?.guardian?.phone)).toEqual(
        pupils.map((p) => p.guardianPhone),
      );
      expect(preview.rows.map((r) => r.pupil?.sex)).toEqual(pupils.map((p) => p.sex));
    },
  );

  it('a broken roster reports each broken row and nothing else', async () => {
    const broken = await writeBrokenRosterXlsx(dir);
    const table = await read(broken.path);
    const preview = mapRosterRows(table, guessColumnMapping(table.headers), {
      today: ROSTER_FIXTURE_TODAY,
      classGrade: 5,
    });
    const problems = preview.rows.flatMap((r) =>
      r.problems.map((p) => ({ rowNumber: r.rowNumber, messageKey: p.messageKey })),
    );
    expect(problems).toEqual(broken.expectedProblems);
    expect(preview.rows.filter((r) => r.status === 'ok').map((r) => r.rowNumber)).toEqual(
      broken.okRowNumbers,
    );
    expect(preview.counts).toEqual({ ok: 4, warning: 0, error: 7 });
  });
});
