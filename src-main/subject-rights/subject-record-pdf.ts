import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { formatInstantInVietnam, formatIsoDate } from '../../src-shared/domain/dates';
import { describeCommune } from '../../src-shared/reference/admin-units';
import { CONSENT_PURPOSES } from '../../src-shared/reference/declaration-codes';
import { ETHNICITY_NAMES } from '../../src-shared/reference/ethnicities';
import type { Declaration, DeclarationVersion } from '../../src-shared/schemas/declaration';
import type { Resident } from '../../src-shared/schemas/resident';
import type { SubjectRecord } from '../../src-shared/schemas/subject-rights';
import {
  AUDIT_ACTION_LABELS,
  CODE_LABELS,
  CONSENT_PURPOSE_LABELS,
  DECLARATION_FIELD_LABELS as F,
  DECLARATION_SECTION_LABELS,
  DECLARATION_SECTION_NAMES,
  IDENTIFIER_KIND_LABELS,
  PURPOSE_NAMES,
  RELATIONSHIP_LABELS,
  REQUESTER_LABELS,
  RESIDENT_FIELD_LABELS,
  SCREENING_FIELD_LABELS,
  RISK_LABELS,
  RISK_UNITS,
  SEX_LABELS,
  SUBJECT_REQUEST_KIND_LABELS,
} from './labels-vi';

/**
 * The resident's full record as a readable A4 PDF in Vietnamese, made in memory with pdfkit
 * and DejaVu Sans (every Vietnamese letter, unlike the PDF standard fonts). The font files
 * come from the `dejavu-fonts-ttf` package, found through Node's resolution so the same code
 * works from node_modules and from the packaged app.
 */
const fromHere = createRequire(__filename);
const FONT_REGULAR = fromHere.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = fromHere.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

const MARGIN = { top: 56, bottom: 64, left: 50, right: 50 };
const SIZE = { title: 16, heading: 12.5, subheading: 10.5, body: 9, small: 8 };
const GREY = '#555555';
const RULE = '#c8c8c8';
const SHADE = '#eeeeee';
const CELL_PAD = 3;

const TEXT = {
  title: 'HỒ SƠ DỮ LIỆU CÁ NHÂN CỦA NGƯỜI DÂN',
  subtitle:
    'Bản sao toàn bộ dữ liệu trạm y tế đang lưu về người dân, cấp theo yêu cầu của người dân ' +
    '(Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15, Nghị định 356/2025/NĐ-CP).',
  station: 'Trạm y tế',
  facilityCode: 'mã cơ sở',
  generated: 'Thời điểm lập',
  generatedBy: 'Người lập',
  vietnamTime: '(giờ Việt Nam)',
  page: (n: number, of: number) => `Trang ${n}/${of}`,
  none: 'Không có',
  empty: '—',
  yes: 'Có',
  no: 'Không',
  sections: {
    identity: '1. Thông tin cá nhân',
    identifiers: '2. Giấy tờ tùy thân và liên lạc',
    addresses: '3. Địa chỉ',
    relations: '4. Người thân, người giám hộ',
    residentVersions: '5. Các lần cập nhật thông tin hành chính',
    declarations: '6. Tờ khai sức khỏe',
    elderly: '7. Khám sàng lọc người cao tuổi',
    school: '8. Khám sức khỏe học sinh',
    consent: '9. Sự đồng ý xử lý dữ liệu cá nhân',
    requests: '10. Yêu cầu của người dân',
    audit: '11. Nhật ký xử lý dữ liệu về người dân',
  },
  noElderlyScreening: 'Chưa có lần khám sàng lọc người cao tuổi nào.',
  noSchoolScreening: 'Chưa có lần khám sức khỏe học sinh nào.',
  screeningVersion: (on: string, version: number, at: string, by: string) =>
    `Ngày khám ${on} — phiên bản ${version}, lưu lúc ${at} bởi ${by}`,
  earlierVersions: 'Các phiên bản trước',
  schoolConsents: 'Sự đồng ý khám sức khỏe tại trường',
  temporaryId: 'Mã tạm do trạm cấp',
  phones: 'Số điện thoại',
  formerIdentifiers: 'Giấy tờ trước đây',
  identifierKind: 'Loại',
  identifierValue: 'Số',
  replacedAt: 'Thay lúc',
  replacedBy: 'Người cập nhật',
  sameAsCurrent: 'Giống nơi ở hiện tại',
  relationName: 'Họ tên',
  relationship: 'Quan hệ',
  relationPhone: 'Điện thoại',
  guardian: 'Giám hộ',
  version: 'Phiên bản',
  savedAt: 'Lưu lúc',
  savedBy: 'Người lưu',
  changed: 'Nội dung thay đổi',
  created: 'Đăng ký lần đầu',
  noDeclaration: 'Chưa có tờ khai sức khỏe nào được lưu.',
  declarationVersion: (v: number, at: string, by: string) =>
    `Phiên bản ${v} — lưu lúc ${at} bởi ${by}`,
  notRecorded: 'Không ghi',
  consentGivenAt: 'Các lần ghi nhận sự đồng ý (theo từng phiên bản tờ khai)',
  withdrawnNow: 'Mục đích đang bị rút lại sự đồng ý',
  withdrawnNone: 'Không có mục đích nào đang bị rút lại sự đồng ý.',
  purpose: 'Mục đích',
  receivedAt: 'Ngày nhận',
  kind: 'Loại yêu cầu',
  requestedBy: 'Người yêu cầu',
  note: 'Nội dung, lý do',
  recorded: 'Ghi nhận',
  status: 'Tình trạng',
  inForce: 'Đang có hiệu lực',
  renewed: (at: string, by: string, v: number) =>
    `Đã đồng ý lại lúc ${at} (${by}, tờ khai phiên bản ${v})`,
  noRequests: 'Chưa có yêu cầu nào.',
  auditIntro:
    'Mỗi lần xem, tạo, sửa hồ sơ hoặc tờ khai của người dân đều được ghi vào nhật ký. Nhật ký ' +
    'không chứa dữ liệu sức khỏe; mỗi dòng có mã kiểm tra nối với dòng trước nên không thể ' +
    'sửa hay xóa mà không bị phát hiện.',
  auditAt: 'Thời gian',
  auditUser: 'Người thực hiện',
  auditAction: 'Hoạt động',
  auditDetails: 'Chi tiết',
  auditVersion: (v: number) => `phiên bản ${v}`,
  auditFields: (fields: string) => `thay đổi: ${fields}`,
  auditFormat: (f: string) => `định dạng ${f.toUpperCase()}`,
  outcomeDenied: 'bị từ chối',
  outcomeFailed: 'không thành công',
  noAudit: 'Nhật ký chưa có dòng nào về người dân này.',
  birthYear: 'năm',
  quitNote: 'đã bỏ',
  exposureYears: (y: number) => `${y} năm`,
};

type Doc = PDFKit.PDFDocument;

interface Column {
  header: string;
  /** Share of the line width. */
  width: number;
}

/** Layout helpers over one pdfkit document: headings, label–value facts, wrapped tables. */
class Writer {
  constructor(readonly doc: Doc) {}

  get left(): number {
    return MARGIN.left;
  }

  get width(): number {
    return this.doc.page.width - MARGIN.left - MARGIN.right;
  }

  get bottom(): number {
    return this.doc.page.height - MARGIN.bottom;
  }

  private ensure(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  private font(bold: boolean, size: number): void {
    this.doc.font(bold ? 'bold' : 'regular').fontSize(size);
  }

  heading(text: string): void {
    this.font(true, SIZE.heading);
    this.ensure(60);
    this.doc.moveDown(0.8);
    this.doc.fillColor('black').text(text, this.left, this.doc.y, { width: this.width });
    const y = this.doc.y + 2;
    this.doc
      .moveTo(this.left, y)
      .lineTo(this.left + this.width, y)
      .lineWidth(0.8)
      .strokeColor('black')
      .stroke();
    this.doc.y = y + 6;
  }

  subheading(text: string): void {
    this.font(true, SIZE.subheading);
    this.ensure(40);
    this.doc.moveDown(0.4);
    this.doc.fillColor('black').text(text, this.left, this.doc.y, { width: this.width });
    this.doc.moveDown(0.2);
  }

  /** A part of a section (a declaration's "Dị ứng"), kept with what follows it. */
  minor(text: string): void {
    this.font(true, SIZE.body);
    this.ensure(50);
    this.doc.moveDown(0.2);
    this.doc.fillColor('black').text(text, this.left, this.doc.y, { width: this.width });
    this.doc.moveDown(0.15);
  }

  paragraph(text: string, options: { color?: string; size?: number } = {}): void {
    this.font(false, options.size ?? SIZE.body);
    this.ensure(this.doc.heightOfString(text, { width: this.width }));
    this.doc
      .fillColor(options.color ?? 'black')
      .text(text, this.left, this.doc.y, { width: this.width });
    this.doc.fillColor('black').moveDown(0.3);
  }

  /** Label–value rows; an empty value shows as a dash. */
  facts(rows: readonly (readonly [string, string])[]): void {
    const labelWidth = Math.round(this.width * 0.34);
    for (const [label, raw] of rows) {
      const value = raw === '' ? TEXT.empty : raw;
      this.font(false, SIZE.body);
      const height = Math.max(
        this.doc.heightOfString(label, { width: labelWidth - CELL_PAD * 2 }),
        this.doc.heightOfString(value, { width: this.width - labelWidth - CELL_PAD * 2 }),
      );
      this.ensure(height + CELL_PAD * 2);
      const y = this.doc.y;
      this.doc.fillColor(GREY).text(label, this.left + CELL_PAD, y + CELL_PAD, {
        width: labelWidth - CELL_PAD * 2,
      });
      this.doc.fillColor('black').text(value, this.left + labelWidth + CELL_PAD, y + CELL_PAD, {
        width: this.width - labelWidth - CELL_PAD * 2,
      });
      this.doc.y = y + height + CELL_PAD * 2;
    }
    this.doc.x = this.left;
    this.doc.moveDown(0.3);
  }

  /** A table with a shaded header, repeated on every page it runs onto. */
  table(columns: readonly Column[], rows: readonly (readonly string[])[]): void {
    const total = columns.reduce((sum, c) => sum + c.width, 0);
    const widths = columns.map((c) => (c.width / total) * this.width);
    const measure = (cells: readonly string[], bold: boolean): number => {
      this.font(bold, SIZE.body);
      return (
        Math.max(
          ...cells.map((cell, i) =>
            this.doc.heightOfString(cell || ' ', { width: (widths[i] ?? 0) - CELL_PAD * 2 }),
          ),
        ) +
        CELL_PAD * 2
      );
    };
    const draw = (cells: readonly string[], bold: boolean): void => {
      const height = measure(cells, bold);
      const y = this.doc.y;
      if (bold) {
        this.doc.rect(this.left, y, this.width, height).fill(SHADE);
      }
      this.font(bold, SIZE.body);
      this.doc.fillColor('black');
      let x = this.left;
      cells.forEach((cell, i) => {
        const width = widths[i] ?? 0;
        this.doc.text(cell, x + CELL_PAD, y + CELL_PAD, { width: width - CELL_PAD * 2 });
        x += width;
      });
      this.doc
        .moveTo(this.left, y + height)
        .lineTo(this.left + this.width, y + height)
        .lineWidth(0.4)
        .strokeColor(RULE)
        .stroke();
      this.doc.y = y + height;
    };
    const header = columns.map((c) => c.header);
    this.ensure(measure(header, true) + (rows[0] ? measure(rows[0], false) : 0));
    draw(header, true);
    for (const row of rows) {
      const height = measure(row, false);
      if (this.doc.y + height > this.bottom) {
        this.doc.addPage();
        draw(header, true);
      }
      draw(row, false);
    }
    this.doc.x = this.left;
    this.doc.moveDown(0.5);
  }
}

const yesNo = (value: boolean): string => (value ? TEXT.yes : TEXT.no);
const count = (value: number | null): string => (value === null ? '' : String(value));

function address(communeCode: string, street: string): string {
  return [street, communeCode ? describeCommune(communeCode) : ''].filter(Boolean).join(', ');
}

const countryNames = new Intl.DisplayNames(['vi'], { type: 'region' });
function nationalityName(code: string): string {
  try {
    return countryNames.of(code) ?? code;
  } catch {
    return code;
  }
}

function label<T extends Record<string, string>>(table: T, code: string): string {
  return (table as Record<string, string>)[code] ?? code;
}

function writeIdentity(w: Writer, record: SubjectRecord): void {
  const r = record.resident.resident;
  w.heading(TEXT.sections.identity);
  w.facts([
    [RESIDENT_FIELD_LABELS.fullName ?? '', r.fullName],
    [RESIDENT_FIELD_LABELS.sex ?? '', label(SEX_LABELS, r.sex)],
    [RESIDENT_FIELD_LABELS.birthDate ?? '', formatIsoDate(r.birthDate)],
    [RESIDENT_FIELD_LABELS.ethnicity ?? '', ETHNICITY_NAMES.get(r.ethnicity) ?? r.ethnicity],
    [RESIDENT_FIELD_LABELS.nationality ?? '', nationalityName(r.nationality)],
    [RESIDENT_FIELD_LABELS.religion ?? '', r.religion],
    [RESIDENT_FIELD_LABELS.occupation ?? '', r.occupation],
  ]);

  w.heading(TEXT.sections.identifiers);
  w.facts([
    [RESIDENT_FIELD_LABELS.personalId ?? '', r.personalId],
    ...(record.resident.temporaryId
      ? [[TEXT.temporaryId, record.resident.temporaryId] as const]
      : []),
    [RESIDENT_FIELD_LABELS.cmnd ?? '', r.cmnd],
    [RESIDENT_FIELD_LABELS.bhyt ?? '', r.bhyt],
    [TEXT.phones, r.phones.map((p) => p.number).join(', ')],
  ]);
  if (record.resident.identifierHistory.length > 0) {
    w.subheading(TEXT.formerIdentifiers);
    w.table(
      [
        { header: TEXT.identifierKind, width: 2 },
        { header: TEXT.identifierValue, width: 2 },
        { header: TEXT.replacedAt, width: 2 },
        { header: TEXT.replacedBy, width: 2 },
      ],
      record.resident.identifierHistory.map((h) => [
        label(IDENTIFIER_KIND_LABELS, h.kind),
        h.value,
        formatInstantInVietnam(h.replacedAt),
        h.replacedBy,
      ]),
    );
  }

  w.heading(TEXT.sections.addresses);
  w.facts([
    [
      RESIDENT_FIELD_LABELS.currentAddress ?? '',
      address(r.currentAddress.communeCode, r.currentAddress.street),
    ],
    [
      RESIDENT_FIELD_LABELS.permanentAddress ?? '',
      r.permanentSameAsCurrent
        ? TEXT.sameAsCurrent
        : address(r.permanentAddress.communeCode, r.permanentAddress.street),
    ],
  ]);

  w.heading(TEXT.sections.relations);
  if (r.relations.length === 0) w.paragraph(TEXT.none, { color: GREY });
  else
    w.table(
      [
        { header: TEXT.relationName, width: 3 },
        { header: TEXT.relationship, width: 2 },
        { header: TEXT.relationPhone, width: 2 },
        { header: TEXT.guardian, width: 1 },
      ],
      r.relations.map((rel) => [
        rel.fullName,
        label(RELATIONSHIP_LABELS, rel.relationship),
        rel.phone,
        rel.isGuardian ? TEXT.yes : '',
      ]),
    );
}

/** Top-level fields that differ between two versions, by name. */
function changedKeys(before: object | null, after: object): string[] {
  const a = (before ?? {}) as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter(
    (key) => JSON.stringify(a[key] ?? null) !== JSON.stringify(b[key] ?? null),
  );
}

function writeResidentVersions(w: Writer, record: SubjectRecord): void {
  w.heading(TEXT.sections.residentVersions);
  let previous: Resident | null = null;
  const rows = record.residentVersions.map((v) => {
    const changed = previous
      ? changedKeys(previous, v.resident)
          .map((k) => RESIDENT_FIELD_LABELS[k] ?? k)
          .join(', ')
      : TEXT.created;
    previous = v.resident;
    return [String(v.version), formatInstantInVietnam(v.changedAt), v.changedBy.userName, changed];
  });
  w.table(
    [
      { header: TEXT.version, width: 1 },
      { header: TEXT.savedAt, width: 2 },
      { header: TEXT.savedBy, width: 2 },
      { header: TEXT.changed, width: 5 },
    ],
    rows,
  );
}

function writeDeclaration(w: Writer, v: DeclarationVersion): void {
  const d: Declaration = v.declaration;
  const S = DECLARATION_SECTION_LABELS;
  w.subheading(
    TEXT.declarationVersion(
      v.version,
      formatInstantInVietnam(v.submitted.at),
      v.submitted.userName,
    ),
  );

  w.minor(S.birth);
  w.facts([
    [F.birth.delivery, label(CODE_LABELS.delivery, d.birth.delivery)],
    [F.birth.preterm, label(CODE_LABELS.triState, d.birth.preterm)],
    [F.birth.asphyxia, label(CODE_LABELS.triState, d.birth.asphyxia)],
    [F.birth.weight, count(d.birth.birthWeightG)],
    [F.birth.length, count(d.birth.birthLengthCm)],
    [F.birth.defects, d.birth.congenitalDefects],
  ]);

  w.minor(S.riskFactors);
  const risks = ['smoking', 'alcohol', 'drugs', 'physicalActivity'] as const;
  w.table(
    [
      { header: F.view.factor, width: 3 },
      { header: F.view.status, width: 2 },
      { header: F.view.amount, width: 3 },
    ],
    risks.map((key) => {
      const f = d.riskFactors[key];
      const amount = f.amount === null ? '' : `${f.amount} ${RISK_UNITS[key]}`;
      const status =
        label(CODE_LABELS.riskStatus, f.status) + (f.quit ? ` (${TEXT.quitNote})` : '');
      return [RISK_LABELS[key], status, amount];
    }),
  );
  w.facts([
    [
      F.risk.occupationalExposure,
      d.riskFactors.occupationalExposure +
        (d.riskFactors.exposureYears !== null
          ? ` (${TEXT.exposureYears(d.riskFactors.exposureYears)})`
          : ''),
    ],
    [
      F.risk.latrine,
      d.riskFactors.latrine === '' ? '' : label(CODE_LABELS.latrine, d.riskFactors.latrine),
    ],
  ]);

  w.minor(S.disabilities);
  w.paragraph(
    d.disabilities.length === 0
      ? TEXT.none
      : d.disabilities
          .map((x) => label(CODE_LABELS.disability, x.code) + (x.note ? ` (${x.note})` : ''))
          .join('; '),
    { color: d.disabilities.length === 0 ? GREY : 'black' },
  );

  const list = (title: string, columns: Column[], rows: string[][]): void => {
    w.minor(title);
    if (rows.length === 0) w.paragraph(TEXT.none, { color: GREY });
    else w.table(columns, rows);
  };
  list(
    S.allergies,
    [
      { header: F.allergies.kind, width: 2 },
      { header: F.allergies.agent, width: 3 },
      { header: F.allergies.description, width: 4 },
    ],
    d.allergies.map((a) => [label(CODE_LABELS.allergyKind, a.kind), a.agent, a.description]),
  );
  list(
    S.diseases,
    [
      { header: F.diseases.code, width: 3 },
      { header: F.diseases.note, width: 5 },
    ],
    d.diseases.map((x) => [label(CODE_LABELS.disease, x.code), x.note]),
  );
  list(
    S.surgeries,
    [
      { header: F.surgeries.description, width: 4 },
      { header: F.surgeries.year, width: 1 },
      { header: F.surgeries.note, width: 3 },
    ],
    d.surgeries.map((x) => [x.description, count(x.year), x.note]),
  );
  list(
    S.familyHistory,
    [
      { header: F.familyHistory.code, width: 3 },
      { header: F.familyHistory.relative, width: 2 },
      { header: F.familyHistory.note, width: 3 },
    ],
    d.familyHistory.map((x) => [
      label(CODE_LABELS.disease, x.code),
      label(CODE_LABELS.relative, x.relative),
      x.note,
    ]),
  );
  if (d.reproductive !== null) {
    const r = d.reproductive;
    const R = F.reproductive;
    w.minor(S.reproductive);
    w.facts([
      [R.contraception, r.contraception],
      [R.pregnancies, count(r.pregnancies)],
      [R.miscarriages, count(r.miscarriages)],
      [R.abortions, count(r.abortions)],
      [R.births, count(r.births)],
      [R.termBirths, count(r.termBirths)],
      [R.pretermBirths, count(r.pretermBirths)],
      [R.livingChildren, count(r.livingChildren)],
      [R.gynaecologicalConditions, r.gynaecologicalConditions],
    ]);
  }
  list(
    S.vaccinations,
    [
      { header: F.vaccinations.vaccine, width: 3 },
      { header: F.vaccinations.dose, width: 1 },
      { header: F.vaccinations.status, width: 1.5 },
      { header: F.vaccinations.date, width: 1.5 },
      { header: F.vaccinations.reaction, width: 2 },
      { header: F.vaccinations.nextAppointment, width: 1.5 },
    ],
    d.vaccinations.map((x) => [
      x.vaccine === 'OTHER' && x.vaccineOther
        ? x.vaccineOther
        : label(CODE_LABELS.vaccine, x.vaccine),
      count(x.dose),
      label(CODE_LABELS.vaccinationStatus, x.status),
      formatIsoDate(x.date),
      x.reaction,
      formatIsoDate(x.nextAppointment),
    ]),
  );

  w.minor(S.consent);
  w.facts([
    ...CONSENT_PURPOSES.map(
      (p) => [CONSENT_PURPOSE_LABELS[p], d.consent[p] ? F.view.agreed : F.view.notAgreed] as const,
    ),
    [
      F.consent.givenBy,
      d.consent.givenBy === 'self'
        ? F.consent.self
        : [
            F.consent.representative,
            d.consent.representativeName,
            d.consent.representativeRelationship,
          ]
            .filter(Boolean)
            .join(' — '),
    ],
  ]);
}

/** Short column heads for the three purposes. */
const DECLARATION_PURPOSE_SHORT = {
  recordKeeping: 'Lưu trữ tại trạm',
  citySharing: 'Chia sẻ với TP',
  statistics: 'Thống kê',
} as const;

/** A stored value as the reader should see it; nested parts as "name: value" pairs. */
function plain(value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'boolean') return yesNo(value);
  if (typeof value === 'number' || typeof value === 'string') return String(value);
  if (Array.isArray(value)) return value.map(plain).filter(Boolean).join('; ');
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => [k, plain(v)] as const)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${SCREENING_FIELD_LABELS[k] ?? k}: ${v}`)
    .join(', ');
}

/** What each screening version recorded, field by field, with who saved it and when. */
function writeScreeningVersions(
  w: Writer,
  screenedOn: (data: Record<string, unknown>) => string,
  versions: SubjectRecord['elderlyScreenings'][number]['versions'],
): void {
  const latest = versions[versions.length - 1];
  if (!latest) return;
  w.subheading(
    TEXT.screeningVersion(
      formatIsoDate(screenedOn(latest.data)),
      latest.version,
      formatInstantInVietnam(latest.savedAt),
      latest.savedBy.userName,
    ),
  );
  w.facts(
    Object.entries(latest.data)
      .filter(([key]) => key !== 'residentId')
      .map(([key, value]) => [SCREENING_FIELD_LABELS[key] ?? key, plain(value)] as const)
      .filter(([, value]) => value !== ''),
  );
  if (versions.length > 1) {
    w.minor(TEXT.earlierVersions);
    w.table(
      [
        { header: TEXT.version, width: 1 },
        { header: TEXT.savedAt, width: 2 },
        { header: TEXT.savedBy, width: 2 },
      ],
      versions
        .slice(0, -1)
        .reverse()
        .map((v) => [String(v.version), formatInstantInVietnam(v.savedAt), v.savedBy.userName]),
    );
  }
}

function writeElderlyScreenings(w: Writer, record: SubjectRecord): void {
  w.heading(TEXT.sections.elderly);
  if (record.elderlyScreenings.length === 0) w.paragraph(TEXT.noElderlyScreening, { color: GREY });
  for (const screening of [...record.elderlyScreenings].reverse()) {
    writeScreeningVersions(w, () => screening.screenedOn, screening.versions);
  }
}

function writeSchoolScreenings(w: Writer, record: SubjectRecord): void {
  w.heading(TEXT.sections.school);
  if (record.schoolScreenings.length === 0) w.paragraph(TEXT.noSchoolScreening, { color: GREY });
  for (const screening of [...record.schoolScreenings].reverse()) {
    w.minor(
      `${screening.schoolName} — lớp ${screening.className}, năm học ${screening.schoolYear}, đợt ${screening.round}` +
        (screening.status === 'absent' ? ' (vắng)' : ''),
    );
    writeScreeningVersions(w, () => screening.screenedOn, screening.versions);
  }
  if (record.screeningConsents.length > 0) {
    w.minor(TEXT.schoolConsents);
    for (const c of record.screeningConsents) {
      w.paragraph(
        `${c.schoolName} — lớp ${c.className}, năm học ${c.schoolYear}: ${plain(c.consent)}`,
      );
    }
  }
}

function writeConsent(w: Writer, record: SubjectRecord): void {
  w.heading(TEXT.sections.consent);
  if (record.consent.given.length > 0) {
    w.subheading(TEXT.consentGivenAt);
    w.table(
      [
        { header: TEXT.version, width: 1 },
        { header: TEXT.savedAt, width: 2 },
        { header: TEXT.recorded, width: 2 },
        ...CONSENT_PURPOSES.map((p) => ({ header: DECLARATION_PURPOSE_SHORT[p], width: 1.5 })),
        { header: F.consent.givenBy, width: 2.5 },
      ],
      record.consent.given.map((c) => [
        String(c.declarationVersion),
        formatInstantInVietnam(c.at),
        c.recordedBy.userName,
        ...CONSENT_PURPOSES.map((p) => yesNo(c[p])),
        c.givenBy === 'self'
          ? F.consent.self
          : [c.representativeName, c.representativeRelationship].filter(Boolean).join(', '),
      ]),
    );
  } else {
    w.paragraph(TEXT.noDeclaration, { color: GREY });
  }
  w.subheading(TEXT.withdrawnNow);
  w.paragraph(
    record.consent.withdrawnPurposes.length === 0
      ? TEXT.withdrawnNone
      : record.consent.withdrawnPurposes.map((p) => PURPOSE_NAMES[p]).join('; '),
  );
}

function writeRequests(w: Writer, record: SubjectRecord): void {
  w.heading(TEXT.sections.requests);
  if (record.requests.length === 0) {
    w.paragraph(TEXT.noRequests, { color: GREY });
    return;
  }
  w.table(
    [
      { header: TEXT.receivedAt, width: 1.6 },
      { header: TEXT.kind, width: 2.4 },
      { header: TEXT.requestedBy, width: 2.2 },
      { header: TEXT.note, width: 3.4 },
      { header: TEXT.recorded, width: 2.4 },
    ],
    record.requests.map((r) => {
      const kind =
        SUBJECT_REQUEST_KIND_LABELS[r.kind] +
        (r.purpose ? ` — ${PURPOSE_NAMES[r.purpose]}` : '') +
        (r.kind === 'withdrawal'
          ? `\n${
              r.renewed
                ? TEXT.renewed(
                    formatInstantInVietnam(r.renewed.at),
                    r.renewed.userName,
                    r.renewed.declarationVersion,
                  )
                : TEXT.inForce
            }`
          : '');
      const by =
        REQUESTER_LABELS[r.requestedBy] +
        (r.requestedBy === 'representative' && r.representativeName
          ? `: ${r.representativeName}`
          : '');
      return [
        formatIsoDate(r.receivedAt),
        kind,
        by,
        r.note,
        `${formatInstantInVietnam(r.recorded.at)}\n${r.recorded.userName}`,
      ];
    }),
  );
}

function auditDetails(row: SubjectRecord['auditTrail'][number]): string {
  const d = row.details;
  const parts: string[] = [];
  if (typeof d.version === 'number') parts.push(TEXT.auditVersion(d.version));
  if (
    Array.isArray(d.changedFields) &&
    d.changedFields.length > 0 &&
    row.action.endsWith('update')
  ) {
    const names = d.changedFields.map((f) =>
      typeof f === 'string' ? (RESIDENT_FIELD_LABELS[f] ?? DECLARATION_SECTION_NAMES[f] ?? f) : '',
    );
    parts.push(TEXT.auditFields(names.join(', ')));
  } else if (
    Array.isArray(d.changedFields) &&
    row.action === 'declaration.submit' &&
    typeof d.version === 'number' &&
    d.version > 1
  ) {
    const names = d.changedFields.map((f) =>
      typeof f === 'string' ? (DECLARATION_SECTION_NAMES[f] ?? f) : '',
    );
    parts.push(TEXT.auditFields(names.join(', ')));
  }
  if (typeof d.purpose === 'string') parts.push(label(PURPOSE_NAMES, d.purpose));
  if (typeof d.kind === 'string') parts.push(label(SUBJECT_REQUEST_KIND_LABELS, d.kind));
  if (typeof d.format === 'string') parts.push(TEXT.auditFormat(d.format));
  if (row.outcome === 'denied') parts.push(TEXT.outcomeDenied);
  if (row.outcome === 'failed') parts.push(TEXT.outcomeFailed);
  return parts.join('; ');
}

function writeAudit(w: Writer, record: SubjectRecord): void {
  w.heading(TEXT.sections.audit);
  w.paragraph(TEXT.auditIntro, { color: GREY, size: SIZE.small });
  if (record.auditTrail.length === 0) {
    w.paragraph(TEXT.noAudit, { color: GREY });
    return;
  }
  w.table(
    [
      { header: TEXT.auditAt, width: 2 },
      { header: TEXT.auditUser, width: 2.2 },
      { header: TEXT.auditAction, width: 2.8 },
      { header: TEXT.auditDetails, width: 3.5 },
    ],
    record.auditTrail.map((row) => [
      formatInstantInVietnam(row.at),
      row.userName,
      AUDIT_ACTION_LABELS[row.action] ?? row.action,
      auditDetails(row),
    ]),
  );
}

function writeFooters(doc: Doc, record: SubjectRecord): void {
  const range = doc.bufferedPageRange();
  const left = `${record.resident.resident.fullName} · ${record.station.name} · ${formatInstantInVietnam(record.generatedAt)}`;
  for (let i = 0; i < range.count; i += 1) {
    doc.switchToPage(range.start + i);
    // Writing below the bottom margin would otherwise open a new page.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGIN.bottom + 24;
    const width = doc.page.width - MARGIN.left - MARGIN.right;
    doc.font('regular').fontSize(SIZE.small).fillColor(GREY);
    doc.text(left, MARGIN.left, y, { width: width - 80, lineBreak: false, ellipsis: true });
    doc.text(TEXT.page(i + 1, range.count), MARGIN.left + width - 80, y, {
      width: 80,
      align: 'right',
      lineBreak: false,
    });
    doc.page.margins.bottom = margin;
  }
}

/** The PDF's bytes. Nothing is written to disk. */
export function renderSubjectRecordPdf(record: SubjectRecord): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    font: FONT_REGULAR,
    lang: 'vi-VN',
    displayTitle: true,
    info: {
      Title: `${TEXT.title} — ${record.resident.resident.fullName}`,
      Author: record.station.name,
      Subject: TEXT.subtitle,
      CreationDate: new Date(record.generatedAt),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', FONT_REGULAR);
  doc.registerFont('bold', FONT_BOLD);
  const w = new Writer(doc);

  doc.font('bold').fontSize(SIZE.title).text(TEXT.title, { width: w.width });
  doc.moveDown(0.3);
  w.paragraph(TEXT.subtitle, { color: GREY });
  const station = record.station;
  w.facts([
    [
      TEXT.station,
      [station.name, station.communeCode ? describeCommune(station.communeCode) : '']
        .filter(Boolean)
        .join(', ') +
        (station.facilityCode ? ` (${TEXT.facilityCode} ${station.facilityCode})` : ''),
    ],
    [TEXT.generated, `${formatInstantInVietnam(record.generatedAt)} ${TEXT.vietnamTime}`],
    [TEXT.generatedBy, record.generatedBy.userName],
  ]);

  writeIdentity(w, record);
  writeResidentVersions(w, record);
  w.heading(TEXT.sections.declarations);
  if (record.declarationVersions.length === 0) w.paragraph(TEXT.noDeclaration, { color: GREY });
  // Newest first: the current health picture, then how it came to be.
  for (const version of [...record.declarationVersions].reverse()) writeDeclaration(w, version);
  writeElderlyScreenings(w, record);
  writeSchoolScreenings(w, record);
  writeConsent(w, record);
  writeRequests(w, record);
  writeAudit(w, record);
  writeFooters(doc, record);
  doc.end();
  return done;
}
