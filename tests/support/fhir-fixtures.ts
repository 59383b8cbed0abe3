import { buildConsents, type ConsentWithdrawal } from '../../src-shared/fhir/consent';
import { buildEncounter } from '../../src-shared/fhir/encounter';
import { buildImmunizations } from '../../src-shared/fhir/immunization';
import {
  buildBloodPressureObservation,
  buildObservation,
  type ObservationSource,
} from '../../src-shared/fhir/observation';
import { buildPatient, type StationReference } from '../../src-shared/fhir/patient';
import { buildDeclarationQuestionnaireResponse } from '../../src-shared/fhir/questionnaire-response';
import type { FhirResource } from '../../src-shared/fhir/types';
import {
  declarationSchema,
  type DeclarationInput,
  type DeclarationVersion,
} from '../../src-shared/schemas/declaration';
import {
  residentInputSchema,
  type ResidentInput,
  type ResidentRecord,
} from '../../src-shared/schemas/resident';

/**
 * Records as the station stores them (schema-parsed content + record metadata), for mapping
 * tests that need no database. Ids are fixed UUIDv7 values so expectations can name them.
 */

export const STATION: StationReference = {
  name: 'Trạm Y tế phường Bình Quới',
  facilityCode: '79123',
};
export const WORKER = { userId: 'user-health-worker', userName: 'Lê Thị Thu' };

export const IDS = {
  anh: '01a21b91-62da-777b-a49d-cb477ef768cf',
  binh: '01a21b91-62e1-776e-8b9f-98ed69d62e55',
  khoi: '01a21b91-62e1-776e-8b9f-9e1dff4a527a',
  nhi: '01a21b91-62e1-776e-8b9f-a211aff8eb41',
  binhDuplicate: '01a21b91-62e1-776e-8b9f-a44be05b1aac',
  anhDeclaration: '01a21b91-62e1-776e-8b9f-a8c08d69fa07',
  khoiDeclaration: '01a21b91-62e1-776e-8b9f-ac07aaaa5b62',
  elderlyScreening: '01a21b91-62e1-776e-8b9f-b24ba0ba4540',
  schoolScreening: '01a21b91-62e1-776e-8b9f-b72c2f73c95b',
} as const;

const stamp = (at: string) => ({ at, ...WORKER });

export function residentRecord(
  id: string,
  input: ResidentInput,
  extra: Partial<Pick<ResidentRecord, 'version' | 'temporaryId' | 'identifierHistory'>> & {
    at?: string;
  } = {},
): ResidentRecord {
  const at = extra.at ?? '2026-03-02T03:00:00.000Z';
  return {
    id,
    version: extra.version ?? 1,
    resident: residentInputSchema.parse(input),
    temporaryId: extra.temporaryId ?? '',
    identifierHistory: extra.identifierHistory ?? [],
    created: stamp('2026-01-05T02:00:00.000Z'),
    updated: stamp(at),
    duplicateReview: null,
  };
}

export function declarationVersion(
  declarationId: string,
  residentId: string,
  input: DeclarationInput,
  version = 1,
  at = '2026-03-02T03:30:00.000Z',
): DeclarationVersion {
  return {
    declarationId,
    residentId,
    version,
    declaration: declarationSchema.parse(input),
    submitted: stamp(at),
  };
}

/** Nguyễn Thị Ánh: personal ID, BHYT, two phones, permanent address in Hà Nội, a husband. */
export const anh = residentRecord(
  IDS.anh,
  {
    fullName: 'Nguyễn Thị Ánh',
    sex: '2',
    birthDate: '1985-04-12',
    religion: 'Phật giáo',
    occupation: 'Giáo viên',
    personalId: '079185001234',
    bhyt: 'GD4790123456789',
    phones: [{ number: '0903123456' }, { number: '02838123456' }],
    currentAddress: { communeCode: '26911', street: '12 Bình Quới' },
    permanentSameAsCurrent: false,
    permanentAddress: { communeCode: '00004', street: '5 Phan Đình Phùng' },
    relations: [{ fullName: 'Trần Văn Bình', relationship: 'spouse', residentId: IDS.binh }],
  },
  {
    version: 3,
    at: '2026-03-01T09:15:00.000Z',
    identifierHistory: [
      {
        kind: 'cmnd',
        value: '023456781',
        replacedAt: '2026-02-10T02:00:00.000Z',
        replacedBy: 'Lê Thị Thu',
      },
    ],
  },
);

/** Trần Văn Bình, 76: CMND and a pensioner's BHYT card; absorbed a duplicate record. */
export const binh = residentRecord(IDS.binh, {
  fullName: 'Trần Văn Bình',
  sex: '1',
  birthDate: '1950-07-01',
  personalId: '079050001122',
  cmnd: '023456789',
  bhyt: 'HT3790000123456',
  phones: [{ number: '0912345678' }],
  currentAddress: { communeCode: '26911', street: '12 Bình Quới' },
});

/** The duplicate of Bình, merged into him. */
export const binhDuplicate = residentRecord(IDS.binhDuplicate, {
  fullName: 'Trần Văn Bình',
  sex: '1',
  birthDate: '1950-07-01',
  currentAddress: { communeCode: '26911', street: '' },
});

/** Trần Minh Khôi, 7, a pupil: his mother is his guardian. */
export const khoi = residentRecord(IDS.khoi, {
  fullName: 'Trần Minh Khôi',
  sex: '1',
  birthDate: '2019-05-20',
  personalId: '079219003456',
  bhyt: 'TE1790000012345',
  currentAddress: { communeCode: '26911', street: '12 Bình Quới' },
  relations: [
    {
      fullName: 'Nguyễn Thị Ánh',
      relationship: 'mother',
      phone: '0903123456',
      isGuardian: true,
      residentId: IDS.anh,
    },
    { fullName: 'Trần Văn Bình', relationship: 'grandparent' },
  ],
});

/** An Ê-đê infant without papers: a station temporary code, no phone of her own. */
export const nhi = residentRecord(
  IDS.nhi,
  {
    fullName: "Ksor H'Nhi",
    sex: '2',
    birthDate: '2026-01-03',
    ethnicity: '12',
    noPapers: true,
    currentAddress: { communeCode: '26911', street: 'Hẻm 3 Bình Quới' },
    relations: [
      { fullName: "H'Hen Niê", relationship: 'other', phone: '0977000111', isGuardian: true },
    ],
  },
  { temporaryId: 'TAM-79123-7K2M9Q4R' },
);

/** Every section of QĐ 831 parts 2–3 filled in, vaccination rows of each status. */
export const anhDeclaration = declarationVersion(IDS.anhDeclaration, IDS.anh, {
  birth: {
    delivery: 'vaginal',
    preterm: 'no',
    asphyxia: 'no',
    birthWeightG: 3100,
    birthLengthCm: 49.5,
  },
  riskFactors: {
    smoking: { status: '0', quit: true },
    alcohol: { status: '1', amount: 1.5 },
    drugs: { status: '0' },
    physicalActivity: { status: '2', amount: 150 },
    occupationalExposure: 'Bụi phấn',
    exposureYears: 12,
    latrine: 'septic',
  },
  disabilities: [{ code: '2' }, { code: '7', note: 'Thoái hóa khớp gối' }],
  allergies: [
    { kind: '1', agent: 'Penicillin', description: 'Nổi mề đay' },
    { kind: '3', agent: 'Tôm' },
  ],
  diseases: [{ code: '2' }, { code: '15', note: 'Thiếu máu' }],
  surgeries: [{ description: 'Mổ ruột thừa', year: 2004 }],
  familyHistory: [
    { code: '3', relative: 'mother' },
    { code: '2', relative: 'father' },
  ],
  reproductive: {
    contraception: 'Vòng tránh thai',
    pregnancies: 2,
    miscarriages: 0,
    abortions: 0,
    births: 2,
    termBirths: 2,
    pretermBirths: 0,
    livingChildren: 2,
  },
  vaccinations: [
    { vaccine: 'BCG', status: '1', date: '1985-05-01' },
    { vaccine: 'HEPB', dose: 1, status: '1', date: '1985-04-13' },
    { vaccine: 'HEPB', dose: 2, status: '1' },
    { vaccine: 'MEASLES', dose: 1, status: '99' },
    { vaccine: 'TD', dose: 1, status: '0' },
    {
      vaccine: 'OTHER',
      vaccineOther: 'Vắc xin sốt xuất huyết',
      dose: 1,
      status: '1',
      date: '2025-11-20',
      reaction: 'Sốt nhẹ 1 ngày',
      nextAppointment: '2026-02-20',
    },
  ],
  consent: { recordKeeping: true, citySharing: true, statistics: true },
});

/** A child's declaration, consent given by his mother; statistics left unticked. */
export const khoiDeclaration = declarationVersion(IDS.khoiDeclaration, IDS.khoi, {
  birth: { delivery: 'caesarean', preterm: 'yes', birthWeightG: 2400 },
  riskFactors: {
    smoking: { status: '0' },
    alcohol: { status: '0' },
    drugs: { status: '0' },
    physicalActivity: { status: '2', amount: 420 },
  },
  vaccinations: [
    { vaccine: 'DTP_HEPB_HIB', dose: 1, status: '1', date: '2019-07-20' },
    { vaccine: 'DTP_HEPB_HIB', dose: 2, status: '1', date: '2019-08-20' },
    { vaccine: 'MR', dose: 1, status: '1', date: '2020-11-20', nextAppointment: '2026-05-20' },
  ],
  consent: {
    recordKeeping: true,
    citySharing: true,
    givenBy: 'representative',
    representativeName: 'Nguyễn Thị Ánh',
    representativeRelationship: 'Mẹ',
  },
});

/** Ánh withdrew her consent to statistics after declaring. */
export const anhWithdrawals: ConsentWithdrawal[] = [
  { purpose: 'statistics', withdrawnAt: '2026-04-01T02:00:00.000Z' },
];

export const elderlyVisit: ObservationSource = {
  recordId: IDS.elderlyScreening,
  version: 1,
  lastUpdated: '2026-03-05T02:40:00.000Z',
  patientId: IDS.binh,
  encounterId: IDS.elderlyScreening,
  effective: '2026-03-05T02:10:00.000Z',
  performerName: WORKER.userName,
};

export const schoolVisit: ObservationSource = {
  recordId: IDS.schoolScreening,
  version: 2,
  lastUpdated: '2026-09-16T04:00:00.000Z',
  patientId: IDS.khoi,
  encounterId: IDS.schoolScreening,
  effective: '2026-09-15',
};

/** A realistic export: every resource kind the station sends, for validation. */
export function realisticExport(): FhirResource[] {
  return [
    buildPatient(anh, { managingStation: STATION }),
    buildPatient(binh, { managingStation: STATION, mergedFromIds: [IDS.binhDuplicate] }),
    buildPatient(binhDuplicate, { mergedIntoId: IDS.binh }),
    buildPatient(khoi, { managingStation: STATION }),
    buildPatient(nhi, { managingStation: STATION }),
    buildDeclarationQuestionnaireResponse(anhDeclaration),
    buildDeclarationQuestionnaireResponse(khoiDeclaration),
    ...buildImmunizations(anhDeclaration),
    ...buildImmunizations(khoiDeclaration),
    ...buildConsents({ version: anhDeclaration, withdrawals: anhWithdrawals, custodian: STATION }),
    ...buildConsents({ version: khoiDeclaration, withdrawals: [], custodian: STATION }),
    buildEncounter({
      id: IDS.elderlyScreening,
      version: 1,
      lastUpdated: elderlyVisit.lastUpdated,
      patientId: IDS.binh,
      start: '2026-03-05T02:00:00.000Z',
      end: '2026-03-05T02:40:00.000Z',
      typeText: 'Khám sàng lọc người cao tuổi (Elderly screening)',
      serviceProvider: STATION,
      participantName: WORKER.userName,
    }),
    buildObservation(elderlyVisit, { key: 'bodyHeight', value: 162 }),
    buildObservation(elderlyVisit, { key: 'bodyWeight', value: 64.5 }),
    buildObservation(elderlyVisit, {
      key: 'bmi',
      value: 24.6,
      interpretation: { code: 'H', text: 'Thừa cân (overweight, Asian cut-offs)' },
      derivedFrom: ['bodyHeight', 'bodyWeight'],
    }),
    buildObservation(elderlyVisit, { key: 'heartRate', value: 78 }),
    buildObservation(elderlyVisit, { key: 'waistCircumference', value: 92 }),
    buildBloodPressureObservation(elderlyVisit, {
      systolic: 148,
      diastolic: 92,
      interpretation: { code: 'H', text: 'Tăng huyết áp độ 1 (grade 1 hypertension)' },
      note: 'Lần đo thứ nhất, sau 5 phút ngồi nghỉ',
    }),
    buildBloodPressureObservation(elderlyVisit, { systolic: 144, diastolic: 90, instance: '2' }),
    buildObservation(elderlyVisit, {
      key: 'fastingGlucoseCapillary',
      value: 7.4,
      interpretation: { code: 'H' },
    }),
    buildObservation(elderlyVisit, {
      key: 'hemoglobinA1c',
      value: 6.8,
      interpretation: { code: 'H' },
    }),
    buildEncounter({
      id: IDS.schoolScreening,
      version: 2,
      lastUpdated: schoolVisit.lastUpdated,
      patientId: IDS.khoi,
      start: '2026-09-15',
      encounterClass: 'FLD',
      typeText: 'Khám sức khỏe học sinh đầu năm học (school screening)',
      serviceProvider: STATION,
    }),
    buildObservation(schoolVisit, { key: 'bodyHeight', value: 118.2 }),
    buildObservation(schoolVisit, { key: 'bodyWeight', value: 19.8 }),
    buildObservation(schoolVisit, {
      key: 'bmi',
      value: 14.2,
      derivedFrom: ['bodyHeight', 'bodyWeight'],
    }),
    buildObservation(schoolVisit, {
      key: 'bmiForAgeZ',
      value: -1.21,
      interpretation: { code: 'N', text: 'Bình thường (normal)' },
      derivedFrom: ['bmi'],
    }),
    buildObservation(schoolVisit, {
      key: 'heightForAgeZ',
      value: -2.34,
      interpretation: { code: 'L', text: 'Thấp còi (stunting, HAZ < −2)' },
      derivedFrom: ['bodyHeight'],
    }),
    buildObservation(schoolVisit, {
      key: 'weightForAgeZ',
      value: -1.87,
      interpretation: { code: 'N', text: 'Bình thường (normal)' },
      derivedFrom: ['bodyWeight'],
    }),
  ];
}

/**
 * Paths where a value FHIR forbids would be sent: undefined (dropped silently by JSON),
 * empty strings, empty arrays and empty objects (FHIR R4 JSON, "Representation").
 */
export function emptyValuePaths(value: unknown, path = '$'): string[] {
  if (value === undefined || value === '') return [path];
  if (Array.isArray(value)) {
    return value.length === 0
      ? [path]
      : value.flatMap((v, i) => emptyValuePaths(v, `${path}[${i}]`));
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    return entries.length === 0
      ? [path]
      : entries.flatMap(([k, v]) => emptyValuePaths(v, `${path}.${k}`));
  }
  return [];
}
