import { describe, expect, it } from 'vitest';
import { foldVietnamese } from '../../../src-shared/domain/name-folding';
import { ETHNICITIES } from '../../../src-shared/reference/ethnicities';
import { residentInputSchema } from '../../../src-shared/schemas/resident';
import {
  columnMappingSchema,
  ROSTER_FIELD_KEYS,
  rosterPreviewSchema,
  rosterPupilSchema,
  rosterPupilToResidentInput,
  type ColumnMapping,
  type RosterTable,
} from '../../../src-shared/schemas/school-roster';
import {
  classifyHeader,
  guessColumnMapping,
  mapRosterRows,
  missingRequiredFields,
  parseEthnicity,
  parseRelationship,
  parseRosterDate,
  parseSex,
  ROSTER_FIELDS,
  ROSTER_MESSAGE_KEYS,
  type RosterContext,
} from '../../../src-shared/school/roster-mapping';
import {
  makeClassPupils,
  ROSTER_FIXTURE_TODAY,
  rosterTableFromPupils,
  STANDARD_HEADERS,
} from '../../support/roster-fixtures';

const TODAY = ROSTER_FIXTURE_TODAY;

/** The columns of the small tables below, by a short name. */
const COLUMNS = {
  no: 'STT',
  name: 'Họ và tên',
  date: 'Ngày sinh',
  sex: 'Giới tính',
  id: 'Mã định danh',
  code: 'Mã HS',
  ethnicity: 'Dân tộc',
  guardian: 'Họ tên phụ huynh',
  relationship: 'Quan hệ',
  phone: 'SĐT phụ huynh',
  street: 'Địa chỉ',
} as const;
type Row = Partial<Record<keyof typeof COLUMNS, string>>;

/** A boy of grade 5 in 2025–2026 with everything right: the base every case changes. */
const AN: Row = {
  no: '1',
  name: 'Nguyễn Văn An',
  date: '04/03/2015',
  sex: 'Nam',
  id: '079215001234',
  code: 'HS0001',
  ethnicity: 'Kinh',
  guardian: 'Nguyễn Văn Bình',
  relationship: 'Cha',
  phone: '0909123456',
  street: '12 đường số 3',
};
/** A girl with no ID, no code: a second row that cannot collide with An. */
const BICH: Row = {
  no: '2',
  name: 'Trần Thị Bích',
  date: '20/11/2015',
  sex: 'Nữ',
  guardian: 'Lê Thị Hoa',
  relationship: 'Mẹ',
  phone: '0912345678',
};

const KEYS = Object.keys(COLUMNS) as (keyof typeof COLUMNS)[];

function table(rows: Row[]): RosterTable {
  return {
    sheetNames: ['Lớp 5A'],
    sheet: 'Lớp 5A',
    headerRow: 1,
    headers: KEYS.map((k) => COLUMNS[k]),
    rows: rows.map((row, i) => ({ rowNumber: i + 2, cells: KEYS.map((k) => row[k] ?? '') })),
  };
}

function preview(rows: Row[], context: RosterContext = { today: TODAY }) {
  const t = table(rows);
  return mapRosterRows(t, guessColumnMapping(t.headers), context);
}

/** The problems of one row, as `severity key`. */
function problemsOf(row: Row, context?: RosterContext): string[] {
  return (preview([row], context).rows[0]?.problems ?? []).map(
    (p) => `${p.severity} ${p.field} ${p.messageKey}`,
  );
}

describe('roster fields', () => {
  it('lists every field once, with Vietnamese and English labels', () => {
    expect(ROSTER_FIELDS.map((f) => f.key)).toEqual([...ROSTER_FIELD_KEYS]);
    for (const field of ROSTER_FIELDS) {
      expect(field.label.vi.length, field.key).toBeGreaterThan(2);
      expect(field.label.en.length, field.key).toBeGreaterThan(2);
    }
  });

  it('requires the name, the date of birth and the sex', () => {
    expect(ROSTER_FIELDS.filter((f) => f.required).map((f) => f.key)).toEqual([
      'fullName',
      'birthDate',
      'sex',
    ]);
  });
});

describe('guessing the column mapping', () => {
  it('maps the headers a school typically writes, ignoring STT', () => {
    expect(guessColumnMapping(STANDARD_HEADERS)).toEqual({
      columns: {
        fullName: 1,
        birthDate: 2,
        sex: 3,
        ethnicity: 4,
        personalId: 5,
        pupilCode: 6,
        guardianName: 7,
        guardianRelationship: 8,
        guardianPhone: 9,
        street: 10,
        notes: 11,
      },
      guardianRelationship: 'guardian',
    });
  });

  it('ignores accents and case', () => {
    const headers = [
      'STT',
      'HO VA TEN',
      'NGAY THANG NAM SINH',
      'gioi tinh',
      'So dinh danh ca nhan',
      'Ma hoc sinh',
      'DAN TOC',
      'Ho ten phu huynh',
      'So dien thoai',
      'Dia chi thuong tru',
      'Lop',
    ];
    expect(guessColumnMapping(headers).columns).toEqual({
      fullName: 1,
      birthDate: 2,
      sex: 3,
      personalId: 4,
      pupilCode: 5,
      ethnicity: 6,
      guardianName: 7,
      guardianPhone: 8,
      street: 9,
      className: 10,
    });
  });

  it('maps split name columns and x-marked sex columns, alone or under a merged title', () => {
    expect(guessColumnMapping(['STT', 'Họ đệm', 'Tên', 'Năm sinh', 'Nam', 'Nữ']).columns).toEqual({
      familyAndMiddleName: 1,
      givenName: 2,
      birthDate: 3,
      sexMale: 4,
      sexFemale: 5,
    });
    expect(
      guessColumnMapping([
        'Họ và tên – Họ đệm',
        'Họ và tên – Tên',
        'Ngày sinh',
        'Giới tính – Nam',
        'Giới tính – Nữ',
      ]).columns,
    ).toEqual({ familyAndMiddleName: 0, givenName: 1, birthDate: 2, sexMale: 3, sexFemale: 4 });
  });

  it('takes the first parent column as the guardian, with the phone of the same parent', () => {
    const headers = [
      'Họ và tên học sinh',
      'Ngày sinh',
      'Nữ',
      'Họ tên cha',
      'Nghề nghiệp cha',
      'SĐT cha',
      'Họ tên mẹ',
      'CCCD mẹ',
      'SĐT mẹ',
    ];
    expect(guessColumnMapping(headers)).toEqual({
      columns: { fullName: 0, birthDate: 1, sexFemale: 2, guardianName: 3, guardianPhone: 5 },
      guardianRelationship: 'father',
    });
    expect(guessColumnMapping(['Họ tên', 'SĐT cha', 'Họ tên mẹ', 'SĐT mẹ'])).toEqual({
      columns: { fullName: 0, guardianName: 2, guardianPhone: 3 },
      guardianRelationship: 'mother',
    });
  });

  it('leaves aside what the import does not use, and titles above the header', () => {
    for (const header of [
      'STT',
      'TT',
      '',
      'Nghề nghiệp của cha',
      'CCCD mẹ',
      'Năm sinh của mẹ',
      'DANH SÁCH HỌC SINH LỚP 5A',
      'Tên trường',
      'Cân nặng',
    ]) {
      expect(classifyHeader(header), header).toBeNull();
    }
    expect(classifyHeader('Mã HS')?.field).toBe('pupilCode');
    expect(classifyHeader('Mã định danh Bộ GD&ĐT')?.field).toBe('pupilCode');
    expect(classifyHeader('Mã định danh')?.field).toBe('personalId');
    expect(classifyHeader('Số CCCD')?.field).toBe('personalId');
    expect(classifyHeader('Ghi chú')?.field).toBe('notes');
    expect(classifyHeader('Quan hệ với học sinh')?.field).toBe('guardianRelationship');
    expect(classifyHeader('Người giám hộ')).toEqual({
      field: 'guardianName',
      relationship: 'guardian',
    });
    expect(classifyHeader('Phái')?.field).toBe('sex');
    expect(classifyHeader('Họ lót')?.field).toBe('familyAndMiddleName');
    expect(classifyHeader('Nơi ở hiện nay')?.field).toBe('street');
  });

  it('says which required fields are left without a column', () => {
    const mapping = (columns: ColumnMapping['columns']): ColumnMapping => ({
      columns,
      guardianRelationship: 'guardian',
    });
    expect(missingRequiredFields(mapping({}))).toEqual(['fullName', 'birthDate', 'sex']);
    expect(missingRequiredFields(mapping({ fullName: 0, birthDate: 1, sex: 2 }))).toEqual([]);
    expect(
      missingRequiredFields(mapping({ familyAndMiddleName: 0, birthDate: 1, sexFemale: 2 })),
    ).toEqual(['fullName']);
    expect(
      missingRequiredFields(
        mapping({ familyAndMiddleName: 0, givenName: 1, birthDate: 2, sexFemale: 3 }),
      ),
    ).toEqual([]);
  });
});

describe('reading cells', () => {
  it.each([
    ['04/03/2015', '2015-03-04'],
    ['4/3/2015', '2015-03-04'],
    ['04-03-2015', '2015-03-04'],
    ['04.03.2015', '2015-03-04'],
    ['2015-03-04', '2015-03-04'],
    ['2015/3/4', '2015-03-04'],
    ['04/03/2015 00:00:00', '2015-03-04'],
    ['29/02/2016', '2016-02-29'],
  ])('accepts the date %s', (raw, iso) => {
    expect(parseRosterDate(raw)).toEqual({ value: iso });
  });

  it.each([
    ['31/02/2015', 'roster.badDate'],
    ['29/02/2015', 'roster.badDate'],
    ['12/13/2015', 'roster.badDate'],
    ['04/03/15', 'roster.badDate'],
    ['mùng 4 tháng 3', 'roster.badDate'],
    ['2015', 'roster.birthDateIncomplete'],
    ['03/2015', 'roster.birthDateIncomplete'],
    ['', 'roster.missingBirthDate'],
  ])('refuses the date "%s" with %s', (raw, problem) => {
    expect(parseRosterDate(raw)).toEqual({ problem });
  });

  it.each([
    ['Nam', '1'],
    ['nam', '1'],
    ['NAM', '1'],
    ['M', '1'],
    ['Male', '1'],
    ['1', '1'],
    ['Nữ', '2'],
    ['nu', '2'],
    ['NỮ', '2'],
    ['F', '2'],
    ['female', '2'],
    ['2', '2'],
  ])('reads the sex %s as %s', (raw, code) => {
    expect(parseSex(raw)).toBe(code);
  });

  it('reads no sex from anything else', () => {
    expect(parseSex('K')).toBeNull();
    expect(parseSex('0')).toBeNull();
    expect(parseSex('')).toBeNull();
    expect(parseSex('constructor')).toBeNull();
  });

  it('reads the ethnic groups by any of their spellings, or their code', () => {
    expect(parseEthnicity('Kinh')).toBe('01');
    expect(parseEthnicity('kinh')).toBe('01');
    expect(parseEthnicity('Hoa')).toBe('04');
    expect(parseEthnicity('Khmer')).toBe('05');
    expect(parseEthnicity('Khơ me')).toBe('05');
    expect(parseEthnicity('Chăm')).toBe('17');
    expect(parseEthnicity('Cham')).toBe('17');
    expect(parseEthnicity("H'Mông")).toBe('08');
    expect(parseEthnicity('Ê Đê')).toBe('12');
    expect(parseEthnicity('1')).toBe('01');
    expect(parseEthnicity('54')).toBe('54');
    expect(parseEthnicity('55')).toBeNull();
    expect(parseEthnicity('Kinhh')).toBeNull();
  });

  it('tells all 54 official names apart once folded', () => {
    for (const [code, name] of ETHNICITIES) expect(parseEthnicity(name), name).toBe(code);
    const folded = ETHNICITIES.map(([, name]) => foldVietnamese(name).replace(/ /g, ''));
    expect(new Set(folded).size).toBe(54);
  });

  it('reads relationships, telling the southern "ba" (father) from "bà" (grandmother)', () => {
    expect(parseRelationship('Cha')).toBe('father');
    expect(parseRelationship('Bố')).toBe('father');
    expect(parseRelationship('Ba')).toBe('father');
    expect(parseRelationship('Bà')).toBe('grandparent');
    expect(parseRelationship('bà ngoại')).toBe('grandparent');
    expect(parseRelationship('Mẹ')).toBe('mother');
    expect(parseRelationship('Má')).toBe('mother');
    expect(parseRelationship('Người giám hộ')).toBe('guardian');
    expect(parseRelationship('Dì')).toBe('other');
    expect(parseRelationship('Hàng xóm')).toBeNull();
    expect(parseRelationship('toString')).toBeNull();
  });
});

describe('mapping rows to pupils', () => {
  it('maps a whole class from the fixture table without a problem', () => {
    const pupils = makeClassPupils(30);
    const t = rosterTableFromPupils(pupils);
    const result = mapRosterRows(t, guessColumnMapping(t.headers), { today: TODAY, classGrade: 5 });
    expect(result.counts).toEqual({ ok: 30, warning: 0, error: 0 });
    expect(result.skippedBlankRows).toBe(0);
    expect(
      result.rows.map((r) => [
        r.rowNumber,
        r.pupil?.fullName,
        r.pupil?.birthDate,
        r.pupil?.sex,
        r.pupil?.personalId,
        r.pupil?.ethnicity,
        r.pupil?.guardian,
        r.pupil?.street,
      ]),
    ).toEqual(
      pupils.map((p, i) => [
        i + 2,
        p.fullName,
        p.birthDate,
        p.sex,
        p.personalId,
        p.ethnicityCode,
        { fullName: p.guardianName, relationship: p.guardianRelationship, phone: p.guardianPhone },
        p.street,
      ]),
    );
  });

  it('gives a mapping and a preview that pass their own schemas, as IPC values do', () => {
    const mapping = guessColumnMapping(STANDARD_HEADERS);
    expect(columnMappingSchema.parse(mapping)).toEqual(mapping);
    expect(columnMappingSchema.safeParse({ columns: { fullName: -1 } }).success).toBe(false);
    const result = preview([AN, { ...BICH, date: '31/02/2015' }, { ...AN, guardian: '' }]);
    expect(rosterPreviewSchema.parse(result)).toEqual(result);
  });

  it('gives a pupil the registry accepts as a resident of the station’s commune', () => {
    const t = rosterTableFromPupils(makeClassPupils(8));
    const result = mapRosterRows(t, guessColumnMapping(t.headers), { today: TODAY });
    for (const row of result.rows) {
      const input = rosterPupilToResidentInput(row.pupil!, '26911');
      const parsed = residentInputSchema.safeParse(input);
      expect(parsed.error?.issues ?? [], row.pupil?.fullName).toEqual([]);
      expect(parsed.data?.relations[0]?.isGuardian).toBe(true);
      expect(parsed.data?.currentAddress).toEqual({
        communeCode: '26911',
        street: row.pupil?.street,
      });
    }
  });

  it('gives an ok row with the pupil, in NFC, with the codes of QĐ 831', () => {
    const result = preview([{ ...AN, name: 'Nguyễn Văn An'.normalize('NFD') }]);
    expect(result.rows).toEqual([
      {
        rowNumber: 2,
        status: 'ok',
        problems: [],
        pupil: {
          fullName: 'Nguyễn Văn An',
          sex: '1',
          birthDate: '2015-03-04',
          personalId: '079215001234',
          pupilCode: 'HS0001',
          ethnicity: '01',
          className: '',
          guardian: { fullName: 'Nguyễn Văn Bình', relationship: 'father', phone: '0909123456' },
          contactPhone: '',
          street: '12 đường số 3',
          notes: '',
        },
      },
    ]);
    expect(rosterPupilSchema.parse(result.rows[0]?.pupil)).toEqual(result.rows[0]?.pupil);
  });

  it('puts a name typed in capitals in title case, and joins split name columns', () => {
    expect(
      preview([{ ...AN, name: 'NGUYỄN THỊ NGỌC ÁNH', sex: 'Nữ', id: '' }]).rows[0]?.pupil?.fullName,
    ).toBe('Nguyễn Thị Ngọc Ánh');
    const t: RosterTable = {
      ...table([]),
      headers: ['Họ đệm', 'Tên', 'Ngày sinh', 'Nữ'],
      rows: [
        { rowNumber: 2, cells: ['Trần Thị', 'Bích', '20/11/2015', 'x'] },
        { rowNumber: 3, cells: ['Lê Văn', 'Cường', '01/01/2015', ''] },
      ],
    };
    const result = mapRosterRows(t, guessColumnMapping(t.headers), { today: TODAY });
    expect(result.rows.map((r) => [r.pupil?.fullName, r.pupil?.sex])).toEqual([
      ['Trần Thị Bích', '2'],
      ['Lê Văn Cường', '1'],
    ]);
  });

  it('reads the sex from two x-marked columns', () => {
    const t: RosterTable = {
      ...table([]),
      headers: ['Họ và tên', 'Ngày sinh', 'Nam', 'Nữ'],
      rows: [
        { rowNumber: 2, cells: ['Lê Văn Tám', '01/01/2015', 'x', ''] },
        { rowNumber: 3, cells: ['Lê Thị Chín', '02/01/2015', '', 'X'] },
        { rowNumber: 4, cells: ['Lê Văn Mười', '03/01/2015', 'x', 'x'] },
        { rowNumber: 5, cells: ['Lê Thị Một', '04/01/2015', '', ''] },
      ],
    };
    const result = mapRosterRows(t, guessColumnMapping(t.headers), { today: TODAY });
    expect(result.rows.map((r) => r.pupil?.sex ?? r.problems.map((p) => p.messageKey))).toEqual([
      '1',
      '2',
      ['roster.unknownSex'],
      ['roster.missingSex'],
    ]);
  });

  it('restores the leading zero Excel drops from IDs and phones typed as numbers', () => {
    const pupil = preview([{ ...AN, id: '79215001234', phone: '909123456' }]).rows[0]?.pupil;
    expect(pupil?.personalId).toBe('079215001234');
    expect(pupil?.guardian?.phone).toBe('0909123456');
    expect(preview([{ ...AN, phone: '+84 909 123 456' }]).rows[0]?.pupil?.guardian?.phone).toBe(
      '0909123456',
    );
    expect(preview([{ ...AN, phone: '2838123456' }]).rows[0]?.pupil?.guardian?.phone).toBe(
      '02838123456',
    );
  });

  it.each<[string, Row, string[]]>([
    ['a missing name', { ...AN, name: '' }, ['error fullName roster.missingName']],
    ['a name with digits', { ...AN, name: 'Nguyễn Văn 2' }, ['error fullName validation.name']],
    ['a missing date of birth', { ...AN, date: '' }, ['error birthDate roster.missingBirthDate']],
    ['an impossible date', { ...AN, date: '31/02/2015' }, ['error birthDate roster.badDate']],
    ['a year alone', { ...AN, date: '2015' }, ['error birthDate roster.birthDateIncomplete']],
    [
      'a date in the future',
      { ...AN, date: '16/10/2025' },
      ['error birthDate roster.birthDateInFuture'],
    ],
    [
      'a child under 2',
      { ...AN, date: '16/10/2023', id: '' },
      ['error birthDate roster.ageOutOfRange'],
    ],
    [
      'an adult over 25',
      { ...AN, date: '14/10/1999', id: '' },
      ['error birthDate roster.ageOutOfRange'],
    ],
    ['a blank sex', { ...AN, sex: '' }, ['error sex roster.missingSex']],
    ['an unknown sex', { ...AN, sex: 'K' }, ['error sex roster.unknownSex']],
    [
      'an ID in scientific notation',
      { ...AN, id: '7,92E+10' },
      ['error personalId roster.personalIdScientific'],
    ],
    [
      'an ID of the wrong length',
      { ...AN, id: '0792150012' },
      ['error personalId validation.personalId.shape'],
    ],
    [
      'an ID with an unknown province',
      { ...AN, id: '999215001234' },
      ['error personalId validation.personalId.province'],
    ],
    [
      'an ID of the wrong century',
      { ...AN, id: '079015001234' },
      ['error personalId validation.personalId.century'],
    ],
    [
      'an ID of the wrong year',
      { ...AN, id: '079216001234' },
      ['error personalId validation.personalId.birthYear'],
    ],
    [
      'an ID of the other sex',
      { ...AN, id: '079315001234' },
      ['warning personalId validation.personalId.sexMismatch'],
    ],
    [
      'an unknown ethnic group',
      { ...AN, ethnicity: 'Sao Hỏa' },
      ['error ethnicity roster.unknownEthnicity'],
    ],
    ['a short phone', { ...AN, phone: '12345' }, ['error guardianPhone roster.badPhone']],
    [
      'two phones',
      { ...AN, phone: '0909123456 / 0912345678' },
      ['warning guardianPhone roster.extraPhonesIgnored'],
    ],
    [
      'an unknown relationship',
      { ...AN, relationship: 'Hàng xóm' },
      ['warning guardianRelationship roster.unknownRelationship'],
    ],
    [
      'a phone without a name',
      { ...AN, guardian: '' },
      ['warning guardianName roster.guardianNameMissing'],
    ],
  ])('reports %s', (_, row, problems) => {
    expect(problemsOf(row)).toEqual(problems);
  });

  it('gives error rows no pupil, and counts each status', () => {
    const result = preview([
      AN,
      { ...BICH, date: '31/02/2015' },
      { ...BICH, no: '3', name: 'Lê Thị Cúc', relationship: 'Hàng xóm' },
    ]);
    expect(result.rows.map((r) => [r.status, r.pupil === undefined])).toEqual([
      ['ok', false],
      ['error', true],
      ['warning', false],
    ]);
    expect(result.counts).toEqual({ ok: 1, warning: 1, error: 1 });
  });

  it('keeps a phone listed without a name as the pupil’s contact phone', () => {
    const pupil = preview([{ ...AN, guardian: '' }]).rows[0]?.pupil;
    expect(pupil?.guardian).toBeNull();
    expect(pupil?.contactPhone).toBe('0909123456');
  });

  it('uses the relationship the guardian column implies when there is no relationship column', () => {
    const t: RosterTable = {
      ...table([]),
      headers: ['Họ và tên', 'Ngày sinh', 'Giới tính', 'Họ tên mẹ', 'SĐT mẹ'],
      rows: [
        { rowNumber: 2, cells: ['Trần Thị Bích', '20/11/2015', 'Nữ', 'Lê Thị Hoa', '0912345678'] },
      ],
    };
    const pupil = mapRosterRows(t, guessColumnMapping(t.headers), { today: TODAY }).rows[0]?.pupil;
    expect(pupil?.guardian).toEqual({
      fullName: 'Lê Thị Hoa',
      relationship: 'mother',
      phone: '0912345678',
    });
  });

  it('warns about an age unusual for the grade, only when the grade is known', () => {
    const twoYearsOlder = { ...AN, date: '04/03/2013', id: '' };
    expect(problemsOf(twoYearsOlder, { today: TODAY, classGrade: 5 })).toEqual([]);
    const tenYearsOld = { ...AN, date: '04/03/2015', id: '' };
    expect(problemsOf(tenYearsOld, { today: TODAY, classGrade: 1 })).toEqual([
      'warning birthDate roster.ageUnusualForGrade',
    ]);
    expect(problemsOf(tenYearsOld, { today: TODAY })).toEqual([]);
    // Before August the school year that runs is the one that started the year before.
    const lateStarter = { ...AN, date: '04/03/2016', id: '' };
    expect(problemsOf(lateStarter, { today: '2025-05-20', classGrade: 1 })).toEqual([]);
    expect(problemsOf(lateStarter, { today: '2025-09-20', classGrade: 1 })).toEqual([
      'warning birthDate roster.ageUnusualForGrade',
    ]);
  });

  describe('the same pupil twice in one file', () => {
    const duplicateOf = (rows: Row[]) =>
      preview(rows).rows.map((r) => r.problems.map((p) => `${p.field} ${p.messageKey}`));

    it('by personal ID, naming the earlier row', () => {
      expect(duplicateOf([AN, BICH, { ...AN, name: 'Nguyễn Văn Ân', code: '' }])).toEqual([
        [],
        [],
        ['personalId roster.duplicateInFile:2'],
      ]);
    });

    it('by pupil code', () => {
      expect(duplicateOf([AN, { ...BICH, code: 'hs0001' }])).toEqual([
        [],
        ['pupilCode roster.duplicateInFile:2'],
      ]);
    });

    it('by name and date of birth, whatever the accents and the tone-mark placement', () => {
      const hoa = { ...BICH, name: 'Nguyễn Thị Hoà' };
      expect(duplicateOf([hoa, { ...AN }, { ...hoa, name: 'NGUYỄN THỊ HÒA' }])).toEqual([
        [],
        [],
        ['fullName roster.duplicateInFile:2'],
      ]);
    });

    it('not for namesakes born on different days', () => {
      expect(duplicateOf([BICH, { ...BICH, date: '21/11/2015' }])).toEqual([[], []]);
    });
  });

  it('skips blank rows and rows that only carry a pre-printed number', () => {
    const result = preview([AN, {}, { no: '3' }, BICH]);
    expect(result.rows.map((r) => r.rowNumber)).toEqual([2, 5]);
    expect(result.skippedBlankRows).toBe(2);
    expect(result.counts).toEqual({ ok: 2, warning: 0, error: 0 });
  });

  it('produces only message keys listed for translation', () => {
    const rows: Row[] = [
      AN,
      { ...AN, name: '', date: '2015', sex: 'K', id: '7E+10', ethnicity: '?', phone: '1' },
      { ...BICH, date: '', sex: '', relationship: '?', guardian: '', phone: '0909 / 0912345678' },
      { ...BICH, no: '4', date: '01/01/2030' },
      { ...BICH, no: '5', date: '31/02/2015' },
      { ...BICH, no: '6', date: '01/01/1990' },
      { ...BICH, no: '7', date: '01/01/2008' },
      { ...BICH, no: '8', phone: '0909123456 / 0912345678' },
      { ...AN, no: '9', guardian: '' },
      { ...AN, no: '10' },
    ];
    const keys = new Set(
      preview(rows, { today: TODAY, classGrade: 5 })
        .rows.flatMap((r) => r.problems.map((p) => p.messageKey.split(':')[0] as string))
        .filter((k) => k.startsWith('roster.')),
    );
    expect([...keys].sort()).toEqual([...ROSTER_MESSAGE_KEYS].sort());
  });
});
