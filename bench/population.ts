import { foldVietnamese } from '../src-shared/domain/name-folding';
import { HCMC_COMMUNES } from '../src-shared/reference/admin-units';
import { ID_PROVINCE_CODES } from '../src-shared/reference/id-province-codes';
import type { Resident, ResidentInput } from '../src-shared/schemas/resident';
import { NameGenerator } from './names';
import { type Prng, Weighted } from './prng';

/** A synthetic resident of a Ho Chi Minh City ward. */
export interface Person {
  fullName: string;
  /** Accent-folded full name, as the registry's name index stores it. */
  folded: string;
  sex: '1' | '2';
  birthDate: string;
  personalId: string;
  cmnd: string;
  bhyt: string;
  phones: string[];
  occupation: string;
  communeCode: string;
  street: string;
}

/** Birth-year weights, 1930–2025: a rough HCMC age pyramid (few born before 1945). */
function birthYearWeights(): [number, number][] {
  const out: [number, number][] = [];
  for (let y = 1930; y <= 2025; y++) {
    const w =
      y < 1945 ? 0.25 : y < 1960 ? 0.6 : y < 1975 ? 1.0 : y < 2005 ? 1.4 : y < 2020 ? 1.2 : 0.9;
    out.push([y, w]);
  }
  return out;
}

const OTHER_ID_PROVINCES = Object.keys(ID_PROVINCE_CODES).filter(
  (c) => !['079', '074', '077'].includes(c),
);

const STREETS = [
  'Bình Quới',
  'Xô Viết Nghệ Tĩnh',
  'Nguyễn Xí',
  'Đinh Bộ Lĩnh',
  'Lê Quang Định',
  'Phan Văn Trị',
  'Nơ Trang Long',
  'Chu Văn An',
  'Bạch Đằng',
  'Điện Biên Phủ',
  'Nguyễn Văn Đậu',
  'Phan Đăng Lưu',
  'Nguyễn Thị Minh Khai',
  'Cách Mạng Tháng Tám',
  'Lê Văn Sỹ',
  'Hoàng Văn Thụ',
  'Trường Chinh',
  'Quang Trung',
  'Lý Thường Kiệt',
  'Ung Văn Khiêm',
  'Thanh Đa',
  'Huỳnh Mẫn Đạt',
  'Phạm Văn Đồng',
];

const BHYT_ADULT_GROUPS = ['DN', 'GD', 'HC', 'CN', 'BT', 'XK'] as const;

export interface PopulationOptions {
  /** The station's own commune: about half the residents live there. */
  stationCommune: string;
  /** Today, `yyyy-mm-dd`: nobody is born after it. */
  today: string;
}

/**
 * Draws residents one after another from a seeded PRNG. Personal IDs, phones and
 * social-insurance numbers are unique across everything this generator ever returned,
 * so the seeded population and the residents created later never collide on them.
 */
export class PopulationGenerator {
  private readonly names = new NameGenerator();
  private readonly birthYear = new Weighted(birthYearWeights());
  private readonly idProvince = new Weighted<string | null>([
    ['079', 60],
    ['074', 5],
    ['077', 4],
    [null, 31],
  ]);
  private readonly usedIds = new Set<string>();
  private readonly usedPhones = new Set<string>();
  private readonly usedSocial = new Set<string>();
  private readonly communeCodes = HCMC_COMMUNES.map((c) => c.code);

  constructor(
    private readonly rng: Prng,
    private readonly options: PopulationOptions,
  ) {
    if (this.communeCodes.length === 0) throw new Error('HCMC_COMMUNES is empty');
  }

  next(): Person {
    const rng = this.rng;
    const sex: '1' | '2' = rng.chance(0.49) ? '1' : '2';
    const year = this.birthYear.draw(rng);
    const birthDate = this.birthDate(year);
    const fullName = this.names.fullName(rng, sex, year);
    const age = this.age(birthDate);
    const phones = [this.uniquePhone()];
    if (age >= 18 && rng.chance(0.1)) phones.push(this.uniquePhone());
    return {
      fullName,
      folded: foldVietnamese(fullName),
      sex,
      birthDate,
      personalId: this.uniquePersonalId(sex, year),
      cmnd: year < 1990 && rng.chance(0.15) ? `02${rng.digits(7)}` : '',
      bhyt: rng.chance(0.3) ? this.bhyt(age) : '',
      phones,
      occupation: this.occupation(age),
      communeCode: rng.chance(0.5) ? this.options.stationCommune : rng.pick(this.communeCodes),
      street: this.street(),
    };
  }

  private birthDate(year: number): string {
    const rng = this.rng;
    for (;;) {
      const month = rng.int(1, 12);
      const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
      const iso = `${year}-${String(month).padStart(2, '0')}-${String(rng.int(1, days)).padStart(2, '0')}`;
      if (iso < this.options.today) return iso;
    }
  }

  private age(birthDate: string): number {
    const today = this.options.today;
    let age = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
    if (today.slice(5) < birthDate.slice(5)) age -= 1;
    return age;
  }

  /** Province (3) + century/sex digit (1) + 2-digit birth year + 6 digits, unique. */
  private uniquePersonalId(sex: '1' | '2', year: number): string {
    const rng = this.rng;
    const province = this.idProvince.draw(rng) ?? rng.pick(OTHER_ID_PROVINCES);
    const century = Math.floor(year / 100) - 19; // 1900s → 0, 2000s → 1
    const digit = String(century * 2 + (sex === '1' ? 0 : 1));
    const prefix = `${province}${digit}${String(year % 100).padStart(2, '0')}`;
    for (;;) {
      const id = prefix + rng.digits(6);
      if (!this.usedIds.has(id)) {
        this.usedIds.add(id);
        return id;
      }
    }
  }

  private uniquePhone(): string {
    for (;;) {
      const phone = `09${this.rng.digits(8)}`;
      if (!this.usedPhones.has(phone)) {
        this.usedPhones.add(phone);
        return phone;
      }
    }
  }

  /** Group (2 letters) + benefit level + province 79 + 10-digit social-insurance number. */
  private bhyt(age: number): string {
    const rng = this.rng;
    const [group, level] =
      age < 6
        ? ['TE', '1']
        : age < 18
          ? ['HS', '4']
          : age < 23 && rng.chance(0.5)
            ? ['SV', '4']
            : age >= 60
              ? rng.chance(0.5)
                ? ['HT', '2']
                : ['GD', '4']
              : [rng.pick(BHYT_ADULT_GROUPS), rng.pick(['2', '3', '4'])];
    for (;;) {
      const social = `79${rng.digits(8)}`;
      if (!this.usedSocial.has(social)) {
        this.usedSocial.add(social);
        return `${group}${level}79${social}`;
      }
    }
  }

  private occupation(age: number): string {
    const rng = this.rng;
    if (age < 6) return '';
    if (age < 18) return 'Học sinh';
    if (age < 23 && rng.chance(0.5)) return 'Sinh viên';
    if (age >= 62) return rng.chance(0.7) ? 'Hưu trí' : 'Nội trợ';
    return rng.pick([
      'Công nhân',
      'Buôn bán',
      'Nội trợ',
      'Nhân viên văn phòng',
      'Tài xế',
      'Giáo viên',
      'Kinh doanh',
      'Lao động tự do',
      'Kỹ sư',
      'Điều dưỡng',
      '',
    ]);
  }

  private street(): string {
    const rng = this.rng;
    const house = rng.chance(0.45) ? `${rng.int(1, 250)}/${rng.int(1, 60)}` : `${rng.int(1, 400)}`;
    return `${house} ${rng.pick(STREETS)}`;
  }
}

/** The stored (parsed) shape, for seeding straight through the repository. */
export function toResident(p: Person): Resident {
  const currentAddress = { communeCode: p.communeCode, street: p.street };
  return {
    fullName: p.fullName,
    sex: p.sex,
    birthDate: p.birthDate,
    ethnicity: '01',
    nationality: 'VN',
    religion: '',
    occupation: p.occupation,
    personalId: p.personalId,
    cmnd: p.cmnd,
    bhyt: p.bhyt,
    noPapers: false,
    phones: p.phones.map((number) => ({ number })),
    currentAddress,
    permanentSameAsCurrent: true,
    permanentAddress: { ...currentAddress },
    relations: [],
  };
}

/** What the registration form sends for a new resident (defaults left to the schema). */
export function toResidentInput(p: Person): ResidentInput {
  return {
    fullName: p.fullName,
    sex: p.sex,
    birthDate: p.birthDate,
    occupation: p.occupation,
    personalId: p.personalId,
    cmnd: p.cmnd,
    bhyt: p.bhyt,
    phones: p.phones.map((number) => ({ number })),
    currentAddress: { communeCode: p.communeCode, street: p.street },
    permanentSameAsCurrent: true,
  };
}
