import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { formatInstantInVietnam, formatIsoDate } from '../../src-shared/domain/dates';
import { REFERRAL_REASON_LABELS, type ReferralReason } from '../../src-shared/clinical/referral';
import { describeCommune } from '../../src-shared/reference/admin-units';
import type { ResidentSummary } from '../../src-shared/schemas/resident';
import type { Station } from '../../src-shared/schemas/station';

/**
 * The elderly lists on A4 landscape, in Vietnamese, for the health worker's rounds: who is
 * due for the annual check (Law on the Elderly 2009, Circular 35/2011) and who has an open
 * finding. DejaVu Sans carries every Vietnamese letter (the PDF standard fonts do not); the
 * font files come from `dejavu-fonts-ttf`, found through Node's resolution as the subject
 * record PDF does.
 */
const fromHere = createRequire(__filename);
const FONT_REGULAR = fromHere.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = fromHere.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

const MARGIN = { top: 40, bottom: 48, left: 40, right: 40 };
const SIZE = { title: 14, body: 8.5, small: 7.5 };
const GREY = '#555555';
const RULE = '#c8c8c8';
const SHADE = '#eeeeee';
const PAD = 3;

export interface DueListRow {
  resident: ResidentSummary;
  age: number;
  lastScreenedOn: string | null;
}

export interface FollowUpListRow {
  resident: ResidentSummary;
  screenedOn: string;
  positiveFindings: readonly string[];
  referred: boolean;
}

export type ElderlyListDocument =
  | { list: 'due'; onDate: string; rows: readonly DueListRow[] }
  | { list: 'followUp'; onDate: string; rows: readonly FollowUpListRow[] };

export interface ElderlyListPdfInput {
  document: ElderlyListDocument;
  station: Station;
  generatedAt: string;
  generatedBy: string;
}

const TEXT = {
  due: {
    title: 'DANH SÁCH NGƯỜI CAO TUỔI ĐẾN HẠN KHÁM SỨC KHỎE ĐỊNH KỲ',
    intro: (onDate: string) =>
      `Người từ 60 tuổi trở lên, nơi ở hiện tại thuộc xã/phường của trạm, chưa được khám sàng lọc trong 12 tháng tính đến ngày ${onDate} (Luật Người cao tuổi 2009; Thông tư 35/2011/TT-BYT: khám sức khỏe ít nhất mỗi năm một lần).`,
    lastScreened: 'Khám lần cuối',
    never: 'Chưa khám',
  },
  followUp: {
    title: 'DANH SÁCH NGƯỜI CAO TUỔI CẦN THEO DÕI SAU KHÁM SÀNG LỌC',
    intro: (onDate: string) =>
      `Người có phát hiện cần theo dõi hoặc đã chuyển tuyến ở lần khám sàng lọc gần nhất, chưa được khám lại (tính đến ngày ${onDate}).`,
    screenedOn: 'Ngày khám',
    findings: 'Phát hiện, lý do chuyển tuyến',
    referred: 'Chuyển tuyến',
  },
  index: 'STT',
  name: 'Họ và tên',
  sex: 'Giới',
  birthDate: 'Ngày sinh',
  age: 'Tuổi',
  address: 'Địa chỉ',
  phone: 'Điện thoại',
  sexes: { '1': 'Nam', '2': 'Nữ' } as Record<string, string>,
  yes: 'Có',
  none: 'Không có ai trong danh sách.',
  station: 'Trạm y tế',
  generated: (at: string, by: string) => `Lập lúc ${at} (giờ Việt Nam), người lập: ${by}`,
  count: (n: number) => `Tổng số: ${n} người`,
  page: (n: number, of: number) => `Trang ${n}/${of}`,
};

interface Column {
  header: string;
  width: number;
}

type Doc = PDFKit.PDFDocument;

function lineWidth(doc: Doc): number {
  return doc.page.width - MARGIN.left - MARGIN.right;
}

/** A table with a shaded header, repeated on every page it runs onto. */
function table(doc: Doc, columns: readonly Column[], rows: readonly (readonly string[])[]): void {
  const total = columns.reduce((sum, c) => sum + c.width, 0);
  const widths = columns.map((c) => (c.width / total) * lineWidth(doc));
  const height = (cells: readonly string[], bold: boolean): number => {
    doc.font(bold ? 'bold' : 'regular').fontSize(SIZE.body);
    return (
      Math.max(
        ...cells.map((cell, i) =>
          doc.heightOfString(cell || ' ', { width: (widths[i] ?? 0) - PAD * 2 }),
        ),
      ) +
      PAD * 2
    );
  };
  const draw = (cells: readonly string[], bold: boolean): void => {
    const h = height(cells, bold);
    const y = doc.y;
    if (bold) doc.rect(MARGIN.left, y, lineWidth(doc), h).fill(SHADE);
    doc
      .font(bold ? 'bold' : 'regular')
      .fontSize(SIZE.body)
      .fillColor('black');
    let x = MARGIN.left;
    cells.forEach((cell, i) => {
      const w = widths[i] ?? 0;
      doc.text(cell, x + PAD, y + PAD, { width: w - PAD * 2 });
      x += w;
    });
    doc
      .moveTo(MARGIN.left, y + h)
      .lineTo(MARGIN.left + lineWidth(doc), y + h)
      .lineWidth(0.4)
      .strokeColor(RULE)
      .stroke();
    doc.y = y + h;
  };
  const header = columns.map((c) => c.header);
  const bottom = doc.page.height - MARGIN.bottom;
  draw(header, true);
  for (const row of rows) {
    if (doc.y + height(row, false) > bottom) {
      doc.addPage();
      draw(header, true);
    }
    draw(row, false);
  }
  doc.x = MARGIN.left;
}

function address(r: ResidentSummary): string {
  return [r.street, r.communeCode ? describeCommune(r.communeCode) : ''].filter(Boolean).join(', ');
}

function findingLabel(code: string): string {
  return REFERRAL_REASON_LABELS[code as ReferralReason]?.vi ?? code;
}

function writeDue(doc: Doc, rows: readonly DueListRow[]): void {
  table(
    doc,
    [
      { header: TEXT.index, width: 0.5 },
      { header: TEXT.name, width: 2.6 },
      { header: TEXT.sex, width: 0.6 },
      { header: TEXT.birthDate, width: 1.1 },
      { header: TEXT.age, width: 0.6 },
      { header: TEXT.address, width: 4 },
      { header: TEXT.phone, width: 1.2 },
      { header: TEXT.due.lastScreened, width: 1.2 },
    ],
    rows.map((row, i) => [
      String(i + 1),
      row.resident.fullName,
      TEXT.sexes[row.resident.sex] ?? '',
      formatIsoDate(row.resident.birthDate),
      String(row.age),
      address(row.resident),
      row.resident.phone,
      row.lastScreenedOn ? formatIsoDate(row.lastScreenedOn) : TEXT.due.never,
    ]),
  );
}

function writeFollowUp(doc: Doc, rows: readonly FollowUpListRow[]): void {
  table(
    doc,
    [
      { header: TEXT.index, width: 0.5 },
      { header: TEXT.name, width: 2.4 },
      { header: TEXT.birthDate, width: 1.1 },
      { header: TEXT.address, width: 3 },
      { header: TEXT.phone, width: 1.1 },
      { header: TEXT.followUp.screenedOn, width: 1.1 },
      { header: TEXT.followUp.findings, width: 3.6 },
      { header: TEXT.followUp.referred, width: 0.9 },
    ],
    rows.map((row, i) => [
      String(i + 1),
      row.resident.fullName,
      formatIsoDate(row.resident.birthDate),
      address(row.resident),
      row.resident.phone,
      formatIsoDate(row.screenedOn),
      row.positiveFindings.map(findingLabel).join('; '),
      row.referred ? TEXT.yes : '',
    ]),
  );
}

function writeFooters(doc: Doc, left: string): void {
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i += 1) {
    doc.switchToPage(range.start + i);
    // Writing below the bottom margin would otherwise open a new page.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGIN.bottom + 20;
    const width = lineWidth(doc);
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

/** The list's PDF bytes, made in memory; nothing is written to disk. */
export function renderElderlyListPdf(input: ElderlyListPdfInput): Promise<Buffer> {
  const { document: list, station } = input;
  const texts = list.list === 'due' ? TEXT.due : TEXT.followUp;
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margins: MARGIN,
    bufferPages: true,
    font: FONT_REGULAR,
    lang: 'vi-VN',
    displayTitle: true,
    info: {
      Title: texts.title,
      Author: station.name,
      CreationDate: new Date(input.generatedAt),
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
  const width = lineWidth(doc);
  const generatedAt = formatInstantInVietnam(input.generatedAt);

  const stationLine = [
    `${TEXT.station}: ${station.name}`,
    station.communeCode ? describeCommune(station.communeCode) : '',
  ]
    .filter(Boolean)
    .join(', ');
  doc.font('regular').fontSize(SIZE.body).fillColor(GREY).text(stationLine, { width });
  doc.moveDown(0.4);
  doc.font('bold').fontSize(SIZE.title).fillColor('black').text(texts.title, {
    width,
    align: 'center',
  });
  doc.moveDown(0.3);
  doc
    .font('regular')
    .fontSize(SIZE.body)
    .text(texts.intro(formatIsoDate(list.onDate)), { width });
  doc.text(`${TEXT.count(list.rows.length)} · ${TEXT.generated(generatedAt, input.generatedBy)}`, {
    width,
  });
  doc.moveDown(0.6);

  if (list.rows.length === 0) doc.fillColor(GREY).text(TEXT.none, { width });
  else if (list.list === 'due') writeDue(doc, list.rows);
  else writeFollowUp(doc, list.rows);

  writeFooters(doc, `${texts.title} · ${station.name} · ${generatedAt}`);
  doc.end();
  return done;
}
