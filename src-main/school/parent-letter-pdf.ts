import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { roundHalfUp } from '../../src-shared/clinical/types';
import { formatIsoDate } from '../../src-shared/domain/dates';
import type { NutritionStatusCode } from '../../src-shared/clinical/growth';
import type { PupilMeasurements, ScreeningRound } from '../../src-shared/schemas/school';
import {
  isDentalFinding,
  SAGITTAL_LABELS,
  SCOLIOSIS_LABELS,
  type EyeAssessment,
  type PupilAssessment,
} from '../../src-shared/school/pupil-assessment';

/**
 * The letter to a pupil's parents after a school screening (Joint Circular
 * 13/2016/TTLT-BYT-BGDĐT: parents are told the results at least once a year and whenever
 * needed): the results in plain Vietnamese, what they mean, what to do and where to go. A4,
 * one letter per pupil, each starting on a new page; a whole class in one PDF. Made in memory
 * with pdfkit and DejaVu Sans (every Vietnamese letter, unlike the PDF standard fonts).
 */
const fromHere = createRequire(__filename);
const FONT_REGULAR = fromHere.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = fromHere.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

const MARGIN = { top: 46, bottom: 50, left: 56, right: 50 };
const SIZE = { title: 13.5, heading: 10.5, body: 9.5, small: 7.5 };
const GREY = '#555555';
const RULE = '#b4b4b4';

export interface ParentLetter {
  station: { name: string; communeName: string };
  school: { name: string; address: string };
  schoolClass: { name: string; schoolYear: string };
  round: ScreeningRound;
  pupil: { fullName: string; sex: '1' | '2'; birthDate: string };
  /** The guardian named on the resident record; '' when none is recorded. */
  guardianName: string;
  screenedOn: string;
  /** The date printed above the signature. */
  issuedOn: string;
  measurements: PupilMeasurements;
  assessment: PupilAssessment;
  /** Who signs: the signed-in health worker. */
  signedBy: string;
}

/** What a nutrition status means and what the family can do, without medical jargon. */
const NUTRITION_ADVICE: Readonly<Record<NutritionStatusCode, { meaning: string; advice: string }>> =
  {
    'severe-thinness': {
      meaning:
        'Cân nặng của em quá thấp so với chiều cao (gầy mức độ nặng): chỉ số BMI thấp hơn nhiều ' +
        'so với trẻ cùng tuổi, cùng giới.',
      advice:
        'Cần đưa em đi khám dinh dưỡng sớm để tìm nguyên nhân và được hướng dẫn chế độ ăn phù hợp.',
    },
    thinness: {
      meaning:
        'Cân nặng của em thấp so với chiều cao (gầy): chỉ số BMI thấp hơn mức bình thường của trẻ ' +
        'cùng tuổi, cùng giới.',
      advice:
        'Cho em ăn đủ ba bữa chính và thêm bữa phụ giàu chất đạm (thịt, cá, trứng, sữa, đậu), ngủ ' +
        'đủ giấc; nên đưa em đến trạm y tế để được tư vấn dinh dưỡng và cân lại sau 1–3 tháng.',
    },
    overweight: {
      meaning:
        'Cân nặng của em cao hơn mức phù hợp với chiều cao ở tuổi của em (thừa cân): chỉ số BMI ' +
        'cao hơn mức bình thường của trẻ cùng tuổi, cùng giới.',
      advice:
        'Hạn chế nước ngọt, bánh kẹo, đồ chiên rán, thức ăn nhanh; cho em ăn nhiều rau, trái cây; ' +
        'vận động ít nhất 60 phút mỗi ngày và bớt thời gian xem điện thoại, ti vi. Không bắt em ' +
        'nhịn ăn.',
    },
    obesity: {
      meaning:
        'Cân nặng của em cao hơn nhiều so với mức phù hợp (béo phì). Béo phì ở trẻ em dễ dẫn đến ' +
        'tăng huyết áp, đái tháo đường và các bệnh khác về sau.',
      advice:
        'Nên đưa em đi khám và tư vấn dinh dưỡng; cả gia đình cùng điều chỉnh ăn uống (ít đồ ngọt, ' +
        'đồ béo, nhiều rau) và cho em vận động ít nhất 60 phút mỗi ngày. Không bắt em nhịn ăn.',
    },
    'severe-stunting': {
      meaning:
        'Chiều cao của em thấp hơn nhiều so với trẻ cùng tuổi, cùng giới (thấp còi mức độ nặng), ' +
        'thường do thiếu dinh dưỡng kéo dài hoặc bệnh khác.',
      advice: 'Cần đưa em đi khám dinh dưỡng để tìm nguyên nhân và được hướng dẫn.',
    },
    stunting: {
      meaning:
        'Chiều cao của em thấp hơn so với trẻ cùng tuổi, cùng giới (thấp còi), thường do thiếu ' +
        'dinh dưỡng kéo dài.',
      advice:
        'Cho em ăn đủ chất đạm và canxi (sữa, tôm, cua, cá), ngủ đủ giấc, vận động ngoài trời; nên ' +
        'đưa em đi khám tư vấn dinh dưỡng.',
    },
    'severe-underweight': {
      meaning: 'Cân nặng của em thấp hơn nhiều so với trẻ cùng tuổi (suy dinh dưỡng nhẹ cân nặng).',
      advice: 'Cần đưa em đi khám dinh dưỡng sớm.',
    },
    underweight: {
      meaning: 'Cân nặng của em thấp so với trẻ cùng tuổi (suy dinh dưỡng nhẹ cân).',
      advice:
        'Cho em ăn thêm bữa, đủ chất đạm, dầu mỡ, rau quả; nên đưa em đến trạm y tế để được tư vấn.',
    },
    'severe-wasting': {
      meaning: 'Cân nặng của em thấp hơn nhiều so với chiều cao (gầy còm nặng).',
      advice: 'Cần đưa em đi khám ngay tại cơ sở y tế.',
    },
    wasting: {
      meaning: 'Cân nặng của em thấp so với chiều cao (gầy còm).',
      advice: 'Nên đưa em đến trạm y tế để được khám và tư vấn dinh dưỡng.',
    },
    normal: {
      meaning: 'Cân nặng và chiều cao của em phù hợp với tuổi.',
      advice: 'Tiếp tục cho em ăn uống đa dạng, đủ chất và vận động đều đặn.',
    },
    remeasure: {
      meaning: 'Số đo chiều cao hoặc cân nặng chưa hợp lý (có thể do cân, đo hoặc ghi nhầm).',
      advice: 'Trạm y tế sẽ đo lại cho em; gia đình chưa cần làm gì thêm.',
    },
    'not-classified': {
      meaning: 'Chưa đủ số đo để đánh giá tình trạng dinh dưỡng của em.',
      advice: '',
    },
  };

const TEXT = {
  nation: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  motto: 'Độc lập – Tự do – Hạnh phúc',
  title: 'THÔNG BÁO KẾT QUẢ KHÁM SỨC KHỎE HỌC SINH',
  round: (round: ScreeningRound, year: string) => `Đợt ${round}, năm học ${year}`,
  to: (guardian: string, pupil: string) =>
    guardian
      ? `Kính gửi: Ông/Bà ${guardian}, phụ huynh của em ${pupil}`
      : `Kính gửi: Quý phụ huynh của em ${pupil}`,
  intro: (date: string, station: string, school: string) =>
    `Ngày ${date}, ${station} phối hợp với ${school} khám sức khỏe cho học sinh theo Thông tư ` +
    'liên tịch số 13/2016/TTLT-BYT-BGDĐT về công tác y tế trường học. Trạm y tế xin thông ' +
    'báo kết quả của em như sau.',
  pupil: '1. Thông tin học sinh',
  measured: '2. Kết quả đo',
  nutrition: '3. Tình trạng dinh dưỡng',
  findings: '4. Kết quả khám khác',
  whatNext: '5. Gia đình cần làm gì',
  name: 'Họ và tên',
  birth: 'Ngày sinh',
  sex: 'Giới tính',
  male: 'Nam',
  female: 'Nữ',
  classAt: 'Lớp, trường',
  height: 'Chiều cao',
  weight: 'Cân nặng',
  bmi: 'Chỉ số khối cơ thể (BMI)',
  bloodPressure: 'Huyết áp',
  heartRate: 'Nhịp tim',
  notMeasured: 'Chưa đo',
  bmiExplained:
    'BMI = cân nặng (kg) chia cho bình phương chiều cao (m). Ở trẻ em, BMI được so với chuẩn ' +
    'tăng trưởng của Tổ chức Y tế Thế giới (WHO) cho trẻ cùng tuổi, cùng giới.',
  meaning: 'Ý nghĩa',
  advice: 'Lời khuyên',
  bpLabel: 'Huyết áp',
  bpNormal: 'Trong giới hạn bình thường ở tuổi của em.',
  bpHigh:
    'Huyết áp đo được cao hơn ngưỡng cần theo dõi của trẻ cùng tuổi. Một lần đo chưa đủ để kết ' +
    'luận em bị tăng huyết áp: cần đưa em đến trạm y tế đo lại vào một ngày khác.',
  bpNotClassified: 'Không đánh giá được theo bảng huyết áp trẻ em.',
  visionLabel: 'Mắt (thị lực)',
  visionNormal: 'Thị lực bình thường (10/10 cả hai mắt).',
  visionReduced:
    'Thị lực (khả năng nhìn rõ) của em dưới mức bình thường 10/10 ở ít nhất một mắt; em có thể ' +
    'bị cận thị hoặc tật khúc xạ khác. Cần đưa em đi khám mắt tại cơ sở chuyên khoa mắt để đo ' +
    'mắt và cắt kính phù hợp nếu cần.',
  visionCorrected:
    'Em đang đeo kính và nhìn rõ 10/10 khi đeo kính. Nhắc em đeo kính đúng hướng dẫn và khám ' +
    'mắt lại mỗi năm.',
  visionGlassesFall:
    'Khi đeo kính em vẫn chưa nhìn rõ 10/10: kính có thể không còn phù hợp. Cần đưa em đi khám ' +
    'mắt và đo lại kính.',
  eyes: (right: string, left: string) => `Mắt phải: ${right}. Mắt trái: ${left}.`,
  uncorrected: 'không kính',
  corrected: 'có kính',
  dentalLabel: 'Răng miệng',
  dentalNone: 'Chưa phát hiện bệnh răng miệng.',
  dentalFinding: (notes: string) =>
    `Phát hiện: ${notes}. Cần đưa em đến nha sĩ để khám và chữa sớm; nhắc em chải răng ít nhất ` +
    'hai lần mỗi ngày.',
  upperJaw: 'hàm trên',
  lowerJaw: 'hàm dưới',
  spineLabel: 'Cột sống',
  spineNone: 'Chưa phát hiện cong vẹo cột sống.',
  spineFinding: (what: string) =>
    `Phát hiện: ${what} (cột sống cong lệch khác bình thường). Cần đưa em đi khám chuyên khoa ` +
    'chấn thương chỉnh hình hoặc phục hồi chức năng; nhắc em ngồi học đúng tư thế, mang cặp ' +
    'đều trên hai vai.',
  notInRound: 'Không khám trong đợt này.',
  goTo: (place: string) => `Đề nghị gia đình đưa em đến: ${place}.`,
  goToStation: (station: string) =>
    `Đề nghị gia đình đưa em đến ${station} hoặc cơ sở khám chữa bệnh gần nhất để được khám ` +
    'và tư vấn.',
  noFurtherVisit:
    'Trong lần khám này chưa phát hiện vấn đề cần đi khám thêm. Gia đình tiếp tục cho em ăn ' +
    'uống đủ chất, ngủ đủ giấc, vận động đều đặn.',
  bringLetter: 'Khi đi khám, xin mang theo thông báo này.',
  contact: (station: string, commune: string) =>
    `Mọi thắc mắc xin liên hệ ${station}${commune ? `, ${commune}` : ''}.`,
  placeDate: (commune: string, iso: string) => {
    const [y, m, d] = iso.split('-');
    return `${commune ? `${commune}, ` : ''}ngày ${d} tháng ${m} năm ${y}`;
  },
  signer: 'NHÂN VIÊN Y TẾ',
  signHint: '(Ký, ghi rõ họ tên)',
  sources: 'Căn cứ đánh giá: ',
  footer: (pupil: string, className: string, page: number, pages: number) =>
    `Thông báo kết quả khám sức khỏe — ${pupil}, lớp ${className} — trang ${page}/${pages}`,
};

type Doc = PDFKit.PDFDocument;

/** Vietnamese decimals ("23,0"); `fixed` keeps the trailing zero a BMI is read with. */
function shownNumber(value: number | null, unit: string, decimals = 1, fixed = false): string {
  return value === null
    ? TEXT.notMeasured
    : `${value.toLocaleString('vi-VN', {
        maximumFractionDigits: decimals,
        minimumFractionDigits: fixed ? decimals : 0,
      })} ${unit}`;
}

const lowerFirst = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1);

function eyeReading(eye: EyeAssessment): string {
  const parts: string[] = [];
  if (eye.uncorrected !== null) parts.push(`${eye.uncorrected}/10 ${TEXT.uncorrected}`);
  if (eye.corrected !== null) parts.push(`${eye.corrected}/10 ${TEXT.corrected}`);
  return parts.length ? parts.join(', ') : TEXT.notMeasured;
}

/** The lines of section 4: each finding in words, with what to do about it. */
function findingLines(letter: ParentLetter): [string, string][] {
  const { assessment: a, measurements: m } = letter;
  const roundOne = letter.round === 'I';
  const bp = a.bloodPressure;
  const bpText =
    bp === null
      ? TEXT.notMeasured
      : `${m.systolic ?? ''}/${m.diastolic ?? ''} mmHg. ` +
        (bp.category === 'not-classified'
          ? TEXT.bpNotClassified
          : bp.repeatMeasurement
            ? TEXT.bpHigh
            : TEXT.bpNormal);

  const v = a.vision;
  const visionVerdict = !v.measured
    ? ''
    : v.needsEyeExam
      ? v.reduced
        ? TEXT.visionReduced
        : TEXT.visionGlassesFall
      : v.reduced
        ? TEXT.visionCorrected
        : TEXT.visionNormal;
  const visionText = v.measured
    ? `${TEXT.eyes(eyeReading(v.right), eyeReading(v.left))} ${visionVerdict}`
    : TEXT.notMeasured;

  const notes = [
    isDentalFinding(m.dental.upper) ? `${TEXT.upperJaw} ${m.dental.upper}` : '',
    isDentalFinding(m.dental.lower) ? `${TEXT.lowerJaw} ${m.dental.lower}` : '',
  ].filter(Boolean);
  const dentalText = a.dental.finding
    ? TEXT.dentalFinding(notes.join('; '))
    : roundOne
      ? TEXT.dentalNone
      : TEXT.notInRound;

  const spineWhat = [
    a.spine.sagittal !== 'none' ? lowerFirst(SAGITTAL_LABELS[a.spine.sagittal].vi) : '',
    a.spine.scoliosis !== 'none' ? lowerFirst(SCOLIOSIS_LABELS[a.spine.scoliosis].vi) : '',
  ].filter(Boolean);
  const spineText = a.spine.finding
    ? TEXT.spineFinding(spineWhat.join(', '))
    : roundOne
      ? TEXT.spineNone
      : TEXT.notInRound;

  return [
    [TEXT.bpLabel, bpText],
    [TEXT.visionLabel, visionText],
    [TEXT.dentalLabel, dentalText],
    [TEXT.spineLabel, spineText],
  ];
}

/**
 * The sources behind the letter's classifications, short enough for a parent's letter; the
 * full citations are in the class summary and docs/school-reports.md.
 */
function letterSources(a: PupilAssessment): string {
  const parts: string[] = [];
  const reference = a.growth?.reference;
  if (reference === 'WHO 2007') {
    parts.push('dinh dưỡng: Quần thể tham chiếu tăng trưởng WHO 2007 (5–19 tuổi), BMI theo tuổi');
  } else if (reference === 'WHO 2006') {
    parts.push('dinh dưỡng: Chuẩn tăng trưởng trẻ em WHO 2006 (dưới 5 tuổi)');
  }
  if (a.bloodPressure) {
    parts.push(
      'huyết áp: bảng sàng lọc huyết áp trẻ em AAP 2017 (Pediatrics 2017;140(3):e20171904)',
    );
  }
  if (a.vision.measured) parts.push('thị lực: dưới 10/10 không kính ở một mắt là giảm thị lực');
  parts.push('răng miệng, cột sống: mẫu khám học sinh theo QĐ 1551/QĐ-BYT');
  parts.push('Thông tư liên tịch 13/2016/TTLT-BYT-BGDĐT');
  return parts.join('; ');
}

class LetterWriter {
  constructor(readonly doc: Doc) {}

  get left(): number {
    return MARGIN.left;
  }

  get width(): number {
    return this.doc.page.width - MARGIN.left - MARGIN.right;
  }

  private ensure(height: number): void {
    if (this.doc.y + height > this.doc.page.height - MARGIN.bottom) this.doc.addPage();
  }

  text(value: string, options: { bold?: boolean; size?: number; color?: string } = {}): void {
    this.doc
      .font(options.bold ? 'bold' : 'regular')
      .fontSize(options.size ?? SIZE.body)
      .fillColor(options.color ?? 'black');
    this.ensure(this.doc.heightOfString(value, { width: this.width }));
    this.doc.text(value, this.left, this.doc.y, { width: this.width });
    this.doc.fillColor('black');
  }

  heading(value: string): void {
    this.doc.moveDown(0.55);
    this.ensure(50);
    this.text(value, { bold: true, size: SIZE.heading });
    this.doc.moveDown(0.2);
  }

  /** Label–value rows: the label in grey on the left. */
  facts(rows: readonly (readonly [string, string])[], labelShare = 0.3): void {
    const labelWidth = Math.round(this.width * labelShare);
    const valueWidth = this.width - labelWidth;
    this.doc.font('regular').fontSize(SIZE.body);
    for (const [label, value] of rows) {
      const height = Math.max(
        this.doc.heightOfString(label, { width: labelWidth - 6 }),
        this.doc.heightOfString(value, { width: valueWidth }),
      );
      this.ensure(height + 3);
      const y = this.doc.y;
      this.doc.fillColor(GREY).text(label, this.left, y, { width: labelWidth - 6 });
      this.doc.fillColor('black').text(value, this.left + labelWidth, y, { width: valueWidth });
      this.doc.y = y + height + 3;
    }
    this.doc.x = this.left;
  }

  rule(): void {
    const y = this.doc.y + 2;
    this.doc
      .moveTo(this.left, y)
      .lineTo(this.left + this.width, y)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
    this.doc.y = y + 4;
  }
}

function writeLetter(w: LetterWriter, letter: ParentLetter): void {
  const { doc } = w;
  const { assessment: a, measurements: m } = letter;
  const top = doc.y;
  const half = w.width / 2;

  // The heading of a Vietnamese administrative letter: issuer on the left, nation on the right.
  doc.font('regular').fontSize(SIZE.body);
  doc.text(letter.station.communeName.toUpperCase(), w.left, top, { width: half, align: 'center' });
  doc.font('bold').text(letter.station.name.toUpperCase(), w.left, doc.y, {
    width: half,
    align: 'center',
  });
  const leftEnd = doc.y;
  doc.font('bold').text(TEXT.nation, w.left + half, top, { width: half, align: 'center' });
  doc.text(TEXT.motto, w.left + half, doc.y, { width: half, align: 'center' });
  doc.y = Math.max(leftEnd, doc.y) + 14;

  doc.font('bold').fontSize(SIZE.title).text(TEXT.title, w.left, doc.y, {
    width: w.width,
    align: 'center',
  });
  doc
    .font('regular')
    .fontSize(SIZE.body)
    .text(TEXT.round(letter.round, letter.schoolClass.schoolYear), w.left, doc.y, {
      width: w.width,
      align: 'center',
    });
  doc.moveDown(0.8);
  w.text(TEXT.to(letter.guardianName, letter.pupil.fullName), { bold: true });
  doc.moveDown(0.3);
  w.text(TEXT.intro(formatIsoDate(letter.screenedOn), letter.station.name, letter.school.name));

  w.heading(TEXT.pupil);
  w.facts([
    [TEXT.name, letter.pupil.fullName],
    [TEXT.birth, formatIsoDate(letter.pupil.birthDate)],
    [TEXT.sex, letter.pupil.sex === '1' ? TEXT.male : TEXT.female],
    [
      TEXT.classAt,
      [`${letter.schoolClass.name}`, letter.school.name, letter.school.address]
        .filter(Boolean)
        .join(', '),
    ],
  ]);

  w.heading(TEXT.measured);
  const bmi = a.growth?.bmi ?? null;
  w.facts([
    [TEXT.height, shownNumber(m.heightCm, 'cm')],
    [TEXT.weight, shownNumber(m.weightKg, 'kg')],
    [
      TEXT.bmi,
      bmi === null ? TEXT.notMeasured : shownNumber(roundHalfUp(bmi, 1), 'kg/m²', 1, true),
    ],
    [
      TEXT.bloodPressure,
      m.systolic === null || m.diastolic === null
        ? TEXT.notMeasured
        : `${m.systolic}/${m.diastolic} mmHg`,
    ],
    [TEXT.heartRate, shownNumber(m.heartRate, 'lần/phút', 0)],
  ]);
  w.text(TEXT.bmiExplained, { size: SIZE.small, color: GREY });

  w.heading(TEXT.nutrition);
  if (a.nutrition.length === 0) {
    w.text(TEXT.notMeasured);
  }
  for (const status of a.nutrition) {
    const words = NUTRITION_ADVICE[status.code];
    w.text(status.label.vi, { bold: true });
    w.facts(
      [
        [TEXT.meaning, words.meaning],
        ...(words.advice ? [[TEXT.advice, words.advice] as const] : []),
      ],
      0.16,
    );
    doc.moveDown(0.2);
  }

  w.heading(TEXT.findings);
  w.facts(findingLines(letter), 0.16);

  w.heading(TEXT.whatNext);
  if (a.referralReasons.length === 0) {
    w.text(TEXT.noFurtherVisit);
  } else {
    const destination = m.referredTo.trim();
    w.text(destination ? TEXT.goTo(destination) : TEXT.goToStation(letter.station.name), {
      bold: true,
    });
    w.text(TEXT.bringLetter);
  }
  w.text(TEXT.contact(letter.station.name, letter.station.communeName));

  // Signature block on the right, kept together.
  doc.moveDown(0.8);
  const blockHeight = 90;
  if (doc.y + blockHeight > doc.page.height - MARGIN.bottom) doc.addPage();
  const x = w.left + half;
  doc.font('regular').fontSize(SIZE.body).fillColor('black');
  doc.text(TEXT.placeDate(letter.station.communeName, letter.issuedOn), x, doc.y, {
    width: half,
    align: 'center',
  });
  doc.font('bold').text(TEXT.signer, x, doc.y, { width: half, align: 'center' });
  doc.font('regular').fontSize(SIZE.small).fillColor(GREY);
  doc.text(TEXT.signHint, x, doc.y, { width: half, align: 'center' });
  doc.moveDown(3.2);
  doc.font('bold').fontSize(SIZE.body).fillColor('black');
  doc.text(letter.signedBy, x, doc.y, { width: half, align: 'center' });
  doc.moveDown(1);

  w.rule();
  w.text(`${TEXT.sources}${letterSources(a)}.`, { size: SIZE.small, color: GREY });
}

/**
 * Each page says whose letter it is and which of its pages, so a class's letters printed in
 * one batch are handed out whole even when one runs onto a second page.
 */
function writeFooters(doc: Doc, letters: readonly ParentLetter[], firstPages: number[]): void {
  const total = doc.bufferedPageRange().count;
  letters.forEach((letter, index) => {
    const first = firstPages[index] ?? 0;
    const end = firstPages[index + 1] ?? total;
    for (let page = first; page < end; page += 1) {
      doc.switchToPage(page);
      // Writing below the bottom margin would otherwise open a new page.
      const margin = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      const width = doc.page.width - MARGIN.left - MARGIN.right;
      doc
        .font('regular')
        .fontSize(SIZE.small)
        .fillColor(GREY)
        .text(
          TEXT.footer(
            letter.pupil.fullName,
            letter.schoolClass.name,
            page - first + 1,
            end - first,
          ),
          MARGIN.left,
          doc.page.height - MARGIN.bottom + 20,
          { width, align: 'right', lineBreak: false },
        );
      doc.page.margins.bottom = margin;
    }
  });
}

/** The PDF's bytes: one letter per pupil, each from a new page. Nothing is written to disk. */
export function renderParentLettersPdf(
  letters: readonly ParentLetter[],
  info: { title: string; author: string; createdAt: Date },
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    font: FONT_REGULAR,
    lang: 'vi-VN',
    displayTitle: true,
    autoFirstPage: false,
    bufferPages: true,
    info: { Title: info.title, Author: info.author, CreationDate: info.createdAt },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', FONT_REGULAR);
  doc.registerFont('bold', FONT_BOLD);
  const w = new LetterWriter(doc);
  const firstPages: number[] = [];
  for (const letter of letters) {
    doc.addPage();
    firstPages.push(doc.bufferedPageRange().count - 1);
    writeLetter(w, letter);
  }
  writeFooters(doc, letters, firstPages);
  doc.end();
  return done;
}
