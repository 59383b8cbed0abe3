import { type Prng, Weighted } from './prng';

/**
 * Vietnamese family names with roughly their national frequencies in percent (Nguyễn ~38 %).
 * Hoàng/Huỳnh and Vũ/Võ are the northern/southern spellings of the same name; Ho Chi Minh
 * City leans to the southern ones, so Huỳnh and Võ get the larger share.
 */
const SURNAMES: readonly (readonly [string, number])[] = [
  ['Nguyễn', 38],
  ['Trần', 11],
  ['Lê', 9.5],
  ['Phạm', 7.1],
  ['Huỳnh', 3.1],
  ['Hoàng', 2.0],
  ['Phan', 4.5],
  ['Võ', 2.6],
  ['Vũ', 1.3],
  ['Đặng', 2.1],
  ['Bùi', 2.0],
  ['Đỗ', 1.4],
  ['Hồ', 1.3],
  ['Ngô', 1.3],
  ['Dương', 1.0],
  ['Lý', 0.5],
  ['Trương', 1.0],
  ['Đinh', 0.7],
  ['Lâm', 0.6],
  ['Mai', 0.5],
  ['Cao', 0.5],
  ['Đoàn', 0.5],
  ['Lương', 0.4],
  ['Châu', 0.4],
  ['Đào', 0.4],
  ['Trịnh', 0.4],
  ['Hà', 0.4],
  ['Tô', 0.3],
  ['Tạ', 0.3],
  ['Thái', 0.3],
  ['Lưu', 0.3],
  ['Phùng', 0.3],
  ['Hứa', 0.3],
  ['Vương', 0.3],
  ['Thạch', 0.3],
  ['La', 0.2],
  ['Quách', 0.2],
  ['Triệu', 0.2],
  ['Chung', 0.2],
  ['Danh', 0.2],
  ['Kiều', 0.1],
  ['Từ', 0.1],
  ['Mạc', 0.1],
  ['Thân', 0.1],
  ['Diệp', 0.1],
  ['Tăng', 0.1],
  ['Giang', 0.1],
  ['Khưu', 0.1],
  ['Âu', 0.1],
  ['Bạch', 0.1],
];

/** Middle names; Văn and Thị are the traditional ones, rarer among the young. */
const MALE_MIDDLE: readonly (readonly [string, number])[] = [
  ['Văn', 40],
  ['Hữu', 7],
  ['Đức', 7],
  ['Minh', 9],
  ['Quốc', 6],
  ['Thanh', 6],
  ['Công', 4],
  ['Ngọc', 3],
  ['Hoàng', 5],
  ['Gia', 5],
  ['Tấn', 4],
  ['Xuân', 2],
  ['Phước', 2],
  ['Anh', 3],
  ['Tuấn', 2],
  ['Nhật', 3],
  ['Duy', 3],
  ['Bảo', 3],
  ['Trọng', 2],
  ['Thành', 2],
];

const FEMALE_MIDDLE: readonly (readonly [string, number])[] = [
  ['Thị', 45],
  ['Ngọc', 9],
  ['Thu', 6],
  ['Thanh', 5],
  ['Minh', 4],
  ['Kim', 4],
  ['Bảo', 4],
  ['Phương', 3],
  ['Hồng', 3],
  ['Mai', 2],
  ['Gia', 3],
  ['Khánh', 3],
  ['Quỳnh', 2],
  ['Hoài', 2],
  ['Mỹ', 3],
  ['Như', 2],
  ['Thùy', 3],
  ['Bích', 2],
  ['Xuân', 2],
  ['Diễm', 1],
];

const MALE_GIVEN: readonly (readonly [string, number])[] = [
  ['Anh', 6],
  ['Bảo', 4],
  ['Bình', 3],
  ['Cường', 3],
  ['Dũng', 4],
  ['Duy', 3],
  ['Đạt', 4],
  ['Đức', 4],
  ['Hải', 4],
  ['Hiếu', 3],
  ['Hòa', 2],
  ['Hoàng', 3],
  ['Hùng', 5],
  ['Hưng', 3],
  ['Huy', 5],
  ['Khánh', 3],
  ['Khoa', 3],
  ['Khôi', 3],
  ['Kiên', 2],
  ['Kiệt', 2],
  ['Lâm', 2],
  ['Lộc', 2],
  ['Lợi', 2],
  ['Long', 4],
  ['Minh', 6],
  ['Nam', 5],
  ['Nhân', 3],
  ['Phát', 3],
  ['Phong', 3],
  ['Phúc', 4],
  ['Quân', 3],
  ['Quang', 4],
  ['Sơn', 4],
  ['Tài', 3],
  ['Tâm', 3],
  ['Thắng', 3],
  ['Thành', 4],
  ['Thịnh', 2],
  ['Thuận', 2],
  ['Tiến', 2],
  ['Toàn', 2],
  ['Trung', 4],
  ['Tú', 2],
  ['Tuấn', 6],
  ['Tùng', 2],
  ['Vinh', 3],
  ['Vũ', 2],
];

const FEMALE_GIVEN: readonly (readonly [string, number])[] = [
  ['Anh', 6],
  ['Ánh', 3],
  ['Bích', 2],
  ['Châu', 3],
  ['Chi', 3],
  ['Diệp', 2],
  ['Dung', 3],
  ['Giang', 3],
  ['Hà', 4],
  ['Hạnh', 3],
  ['Hằng', 4],
  ['Hiền', 4],
  ['Hoa', 4],
  ['Hồng', 3],
  ['Hương', 5],
  ['Huyền', 4],
  ['Khánh', 2],
  ['Kim', 2],
  ['Lan', 5],
  ['Liên', 3],
  ['Linh', 6],
  ['Loan', 3],
  ['Ly', 3],
  ['Mai', 5],
  ['My', 3],
  ['Nga', 3],
  ['Ngân', 4],
  ['Ngọc', 4],
  ['Nhi', 5],
  ['Nhung', 3],
  ['Oanh', 3],
  ['Phương', 5],
  ['Quyên', 2],
  ['Quỳnh', 3],
  ['Tâm', 3],
  ['Thanh', 3],
  ['Thảo', 5],
  ['Thu', 3],
  ['Thư', 4],
  ['Thủy', 4],
  ['Tiên', 3],
  ['Trâm', 3],
  ['Trang', 6],
  ['Trinh', 3],
  ['Tuyết', 2],
  ['Uyên', 3],
  ['Vân', 3],
  ['Vy', 5],
  ['Xuân', 2],
  ['Yến', 4],
];

const TRADITIONAL = new Set(['Văn', 'Thị']);

/** Văn/Thị weight by generation: common for the old, a minority among the young. */
function traditionalFactor(birthYear: number): number {
  if (birthYear < 1960) return 2.2;
  if (birthYear < 1980) return 1.6;
  if (birthYear < 2000) return 1.0;
  return 0.45;
}

function byGeneration(
  entries: readonly (readonly [string, number])[],
  factor: number,
): Weighted<string> {
  return new Weighted(entries.map(([n, w]) => [n, TRADITIONAL.has(n) ? w * factor : w] as const));
}

const ERAS = [1950, 1970, 1990, 2010] as const;
const eraOf = (year: number) => (year < 1960 ? 0 : year < 1980 ? 1 : year < 2000 ? 2 : 3);

export class NameGenerator {
  private readonly surname = new Weighted(SURNAMES);
  private readonly maleGiven = new Weighted(MALE_GIVEN);
  private readonly femaleGiven = new Weighted(FEMALE_GIVEN);
  private readonly maleMiddle = ERAS.map((y) => byGeneration(MALE_MIDDLE, traditionalFactor(y)));
  private readonly femaleMiddle = ERAS.map((y) =>
    byGeneration(FEMALE_MIDDLE, traditionalFactor(y)),
  );
  private readonly maleSecond = new Weighted(MALE_MIDDLE.filter(([n]) => !TRADITIONAL.has(n)));
  private readonly femaleSecond = new Weighted(FEMALE_MIDDLE.filter(([n]) => !TRADITIONAL.has(n)));

  /** "Lê Thị Thu Trang": family name, one or two middle names, given name. */
  fullName(rng: Prng, sex: '1' | '2', birthYear: number): string {
    const male = sex === '1';
    const era = eraOf(birthYear);
    const parts = [this.surname.draw(rng)];
    const middle = (male ? this.maleMiddle : this.femaleMiddle)[era] as Weighted<string>;
    const first = middle.draw(rng);
    parts.push(first);
    if (rng.chance(male ? 0.08 : 0.16)) {
      const second = (male ? this.maleSecond : this.femaleSecond).draw(rng);
      if (second !== first) parts.push(second);
    }
    parts.push((male ? this.maleGiven : this.femaleGiven).draw(rng));
    return parts.join(' ');
  }
}
