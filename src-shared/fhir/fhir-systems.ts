import {
  ALLERGY_KINDS,
  DELIVERY_MODES,
  DISABILITY_CODES,
  DISEASE_CODES,
  LATRINE_TYPES,
  RELATIVES,
  RISK_STATUS,
  TRI_STATE,
  VACCINATION_STATUS,
  VACCINES,
} from '../reference/declaration-codes';
import type { RELATIONSHIPS } from '../schemas/resident';
import type { Coding } from './types';

/**
 * Every URI the station's FHIR resources use, in one place, so that the national ones can
 * replace ours here alone once the Ministry or the community VN Core guide fixes them. Our
 * own namespaces live under the product's domain; docs/fhir-mapping.md lists them all.
 * [check: VN Core's URLs for the personal ID, BHYT card, admin units and ethnicity]
 */
export const FHIR_PRODUCT_BASE = 'https://fhir.wardhealth.vn';

/** Base of Bundle.entry.fullUrl, so relative references (`Patient/<id>`) resolve in a bundle. */
export const FHIR_RESOURCE_BASE = `${FHIR_PRODUCT_BASE}/fhir`;

export const SYSTEM = {
  // Identifier namespaces (NamingSystem-style).
  personalId: `${FHIR_PRODUCT_BASE}/sid/personal-id`,
  cmnd: `${FHIR_PRODUCT_BASE}/sid/cmnd`,
  bhyt: `${FHIR_PRODUCT_BASE}/sid/bhyt`,
  temporaryId: `${FHIR_PRODUCT_BASE}/sid/temporary-id`,
  facilityCode: `${FHIR_PRODUCT_BASE}/sid/facility-code`,
  syncBundle: `${FHIR_PRODUCT_BASE}/sid/sync-bundle`,
  // Our code systems.
  adminUnit: `${FHIR_PRODUCT_BASE}/CodeSystem/vn-admin-unit`,
  ethnicity: `${FHIR_PRODUCT_BASE}/CodeSystem/vn-ethnicity`,
  residenceKind: `${FHIR_PRODUCT_BASE}/CodeSystem/residence-kind`,
  relationship: `${FHIR_PRODUCT_BASE}/CodeSystem/relationship`,
  consentPurpose: `${FHIR_PRODUCT_BASE}/CodeSystem/consent-purpose`,
  growthIndicator: `${FHIR_PRODUCT_BASE}/CodeSystem/growth-indicator`,
  instrumentScore: `${FHIR_PRODUCT_BASE}/CodeSystem/instrument-score`,
  // International ones.
  loinc: 'http://loinc.org',
  ucum: 'http://unitsofmeasure.org',
  iso3166: 'urn:iso:std:iso:3166',
  v2IdentifierType: 'http://terminology.hl7.org/CodeSystem/v2-0203',
  v3RoleCode: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode',
  v3ActCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  v3Interpretation: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  consentScope: 'http://terminology.hl7.org/CodeSystem/consentscope',
} as const;

export const EXTENSION = {
  addressCommune: `${FHIR_PRODUCT_BASE}/StructureDefinition/address-commune`,
  addressResidenceKind: `${FHIR_PRODUCT_BASE}/StructureDefinition/address-residence-kind`,
  patientEthnicity: `${FHIR_PRODUCT_BASE}/StructureDefinition/patient-ethnicity`,
  patientOccupation: `${FHIR_PRODUCT_BASE}/StructureDefinition/patient-occupation`,
  contactPatient: `${FHIR_PRODUCT_BASE}/StructureDefinition/contact-patient`,
  immunizationNextDoseDate: `${FHIR_PRODUCT_BASE}/StructureDefinition/immunization-next-dose-date`,
  // FHIR R4 core extensions.
  patientNationality: 'http://hl7.org/fhir/StructureDefinition/patient-nationality',
  patientReligion: 'http://hl7.org/fhir/StructureDefinition/patient-religion',
  consentTranscriber: 'http://hl7.org/fhir/StructureDefinition/consent-Transcriber',
} as const;

/** The personal health record form of QĐ 831/QĐ-BYT (2017), parts 2 and 3. */
export const DECLARATION_QUESTIONNAIRE = {
  url: `${FHIR_PRODUCT_BASE}/Questionnaire/qd-831-personal-health-record`,
  version: '2017',
} as const;

/** `url|version`, as QuestionnaireResponse.questionnaire carries it. */
export const DECLARATION_QUESTIONNAIRE_CANONICAL = `${DECLARATION_QUESTIONNAIRE.url}|${DECLARATION_QUESTIONNAIRE.version}`;

// -------------------------------------------------------------------------------------------
// Identifiers. Types from HL7 v2 table 0203; none of the FHIR identifier-type value set's
// codes (an extensible binding) fits a national ID or a social health-insurance card.

export const IDENTIFIER_KINDS = {
  /** Số định danh cá nhân (CCCD), the national health identifier since Decree 102/2025. */
  personal_id: {
    system: SYSTEM.personalId,
    type: 'NI',
    typeDisplay: 'National unique individual identifier',
    text: 'Số định danh cá nhân',
  },
  /** Old 9-digit identity card. [check: CZ "Citizenship Card"] */
  cmnd: {
    system: SYSTEM.cmnd,
    type: 'CZ',
    typeDisplay: 'Citizenship Card',
    text: 'Chứng minh nhân dân',
  },
  /** Health-insurance card. [check: HC "Health Card Number" rather than MB or SB] */
  bhyt: {
    system: SYSTEM.bhyt,
    type: 'HC',
    typeDisplay: 'Health Card Number',
    text: 'Thẻ bảo hiểm y tế',
  },
  /** Station-issued code for a person without papers. [check: PI] */
  temporary: {
    system: SYSTEM.temporaryId,
    type: 'PI',
    typeDisplay: 'Patient internal identifier',
    text: 'Mã tạm thời',
  },
} as const;

// -------------------------------------------------------------------------------------------
// Relationships: our own codes, with HL7 v3 RoleCode where one means the same.

type Relationship = (typeof RELATIONSHIPS)[number];

export const RELATIONSHIP_ROLE_CODES: Record<Relationship, Coding | null> = {
  father: { system: SYSTEM.v3RoleCode, code: 'FTH', display: 'father' },
  mother: { system: SYSTEM.v3RoleCode, code: 'MTH', display: 'mother' },
  spouse: { system: SYSTEM.v3RoleCode, code: 'SPS', display: 'spouse' },
  child: { system: SYSTEM.v3RoleCode, code: 'CHILD', display: 'child' },
  sibling: { system: SYSTEM.v3RoleCode, code: 'SIB', display: 'sibling' },
  grandparent: { system: SYSTEM.v3RoleCode, code: 'GRPRN', display: 'grandparent' },
  grandchild: { system: SYSTEM.v3RoleCode, code: 'GRNDCHILD', display: 'grandchild' },
  guardian: { system: SYSTEM.v3RoleCode, code: 'GUARD', display: 'guardian' },
  other: null,
};

export const GUARDIAN_ROLE: Coding = {
  system: SYSTEM.v3RoleCode,
  code: 'GUARD',
  display: 'guardian',
};

// -------------------------------------------------------------------------------------------
// QĐ 831 code lists, one CodeSystem each. A list is recognised by its codes, so a field that
// reuses a list (own and family disease history) answers in the same system.

export const QD831_CODE_LISTS: readonly (readonly [name: string, codes: readonly string[]])[] = [
  ['risk-status', RISK_STATUS],
  ['disability', DISABILITY_CODES],
  ['allergy-kind', ALLERGY_KINDS],
  ['disease', DISEASE_CODES],
  ['relative', RELATIVES],
  ['delivery-mode', DELIVERY_MODES],
  ['tri-state', TRI_STATE],
  ['latrine', LATRINE_TYPES],
  ['vaccination-status', VACCINATION_STATUS],
  ['vaccine', VACCINES],
  ['consent-given-by', ['self', 'representative']],
];

export function qd831CodeSystem(name: string): string {
  return `${FHIR_PRODUCT_BASE}/CodeSystem/qd-831-${name}`;
}

/**
 * Vaccine names as the station's forms show them (src-renderer/i18n/vi/declaration.json;
 * a test holds them equal). Not yet mapped to a national or WHO code list. [check]
 */
export const VACCINE_DISPLAY: Record<(typeof VACCINES)[number], string> = {
  BCG: 'BCG (lao)',
  HEPB: 'Viêm gan B',
  DTP_HEPB_HIB: '5 trong 1 (DPT-VGB-Hib)',
  DTAP_IPV_HIB_HEPB: '6 trong 1 (DTaP-IPV-Hib-VGB)',
  OPV: 'Bại liệt uống (OPV)',
  IPV: 'Bại liệt tiêm (IPV)',
  MEASLES: 'Sởi',
  MR: 'Sởi - Rubella (MR)',
  MMR: 'Sởi - Quai bị - Rubella (MMR)',
  JE: 'Viêm não Nhật Bản',
  DTP: 'Bạch hầu - Ho gà - Uốn ván (DPT)',
  TD: 'Uốn ván - Bạch hầu (Td)',
  TT: 'Uốn ván (VAT)',
  ROTA: 'Tiêu chảy do Rota vi rút',
  PCV: 'Phế cầu',
  FLU: 'Cúm',
  HPV: 'HPV',
  VARICELLA: 'Thủy đậu',
  HEPA: 'Viêm gan A',
  TYPHOID: 'Thương hàn',
  CHOLERA: 'Tả',
  MENINGO: 'Não mô cầu',
  RABIES: 'Dại',
  COVID19: 'COVID-19',
  OTHER: 'Khác',
};

/** Consent purposes (Law 91/2025 asks for consent per purpose). */
export const CONSENT_PURPOSE_DISPLAY = {
  recordKeeping: 'Lưu trữ hồ sơ sức khỏe tại trạm y tế',
  citySharing: 'Chia sẻ với hệ thống hồ sơ sức khỏe của Thành phố',
  statistics: 'Sử dụng cho thống kê y tế (không định danh)',
} as const;

export const CONSENT_POLICY_TEXT =
  'Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15; Nghị định 356/2025/NĐ-CP';

// -------------------------------------------------------------------------------------------
// Measurements: one table for every Observation the station writes, so that a screening
// maps its fields to keys and nothing else.

export type ObservationCategory = 'vital-signs' | 'laboratory' | 'exam' | 'survey';
/** 'panel': no value of its own, only components (blood pressure). */
export type MeasurementValueType = 'quantity' | 'integer' | 'string' | 'boolean' | 'panel';

export interface MeasurementDefinition {
  coding: Coding;
  category: ObservationCategory;
  valueType: MeasurementValueType;
  /** UCUM code and its human-readable form, for quantities. */
  unit?: { code: string; display: string };
  /** The FHIR R4 vital-signs profile the Observation claims (meta.profile). */
  profile?: string;
}

const VITAL_PROFILE = 'http://hl7.org/fhir/StructureDefinition/';

function loinc(
  code: string,
  display: string,
  category: ObservationCategory,
  unit: { code: string; display: string } | 'panel',
  profile?: string,
): MeasurementDefinition {
  return {
    coding: { system: SYSTEM.loinc, code, display },
    category,
    valueType: unit === 'panel' ? 'panel' : 'quantity',
    ...(unit === 'panel' ? {} : { unit }),
    ...(profile ? { profile: VITAL_PROFILE + profile } : {}),
  };
}

function growthIndicator(code: string, display: string): MeasurementDefinition {
  return {
    coding: { system: SYSTEM.growthIndicator, code, display },
    category: 'exam',
    valueType: 'quantity',
    // UCUM: an annotation alone is the unit 1; z-scores are dimensionless.
    unit: { code: '{Z-score}', display: 'z-score' },
  };
}

/**
 * The total score of an assessment instrument, an integer (UCUM `{score}` is an annotation,
 * so no unit is sent). LOINC where it has a code for the total; ours where it has none.
 */
function instrumentTotal(
  system: 'loinc' | 'instrumentScore',
  code: string,
  display: string,
): MeasurementDefinition {
  return {
    coding: { system: SYSTEM[system], code, display },
    category: 'survey',
    valueType: 'integer',
  };
}

const CM = { code: 'cm', display: 'cm' };
const MMOL_L = { code: 'mmol/L', display: 'mmol/L' };

/**
 * LOINC codes of the FHIR R4 vital-signs profiles (checked against their StructureDefinitions
 * and the observation-vitalsignresult value set) and the others marked in
 * docs/fhir-mapping.md. Displays are LOINC's long common names.
 */
export const MEASUREMENTS = {
  bloodPressure: loinc(
    '85354-9',
    'Blood pressure panel with all children optional',
    'vital-signs',
    'panel',
    'bp',
  ),
  systolicBloodPressure: loinc('8480-6', 'Systolic blood pressure', 'vital-signs', {
    code: 'mm[Hg]',
    display: 'mmHg',
  }),
  diastolicBloodPressure: loinc('8462-4', 'Diastolic blood pressure', 'vital-signs', {
    code: 'mm[Hg]',
    display: 'mmHg',
  }),
  heartRate: loinc(
    '8867-4',
    'Heart rate',
    'vital-signs',
    { code: '/min', display: 'lần/phút' },
    'heartrate',
  ),
  respiratoryRate: loinc(
    '9279-1',
    'Respiratory rate',
    'vital-signs',
    { code: '/min', display: 'lần/phút' },
    'resprate',
  ),
  bodyTemperature: loinc(
    '8310-5',
    'Body temperature',
    'vital-signs',
    { code: 'Cel', display: '°C' },
    'bodytemp',
  ),
  oxygenSaturation: loinc(
    '2708-6',
    'Oxygen saturation in Arterial blood',
    'vital-signs',
    { code: '%', display: '%' },
    'oxygensat',
  ),
  bodyHeight: loinc('8302-2', 'Body height', 'vital-signs', CM, 'bodyheight'),
  bodyWeight: loinc(
    '29463-7',
    'Body weight',
    'vital-signs',
    { code: 'kg', display: 'kg' },
    'bodyweight',
  ),
  bmi: loinc(
    '39156-5',
    'Body mass index (BMI) [Ratio]',
    'vital-signs',
    { code: 'kg/m2', display: 'kg/m²' },
    'bmi',
  ),
  headCircumference: loinc(
    '9843-4',
    'Head Occipital-frontal circumference',
    'vital-signs',
    CM,
    'headcircum',
  ),
  /** [check: LOINC 8280-0 names the umbilicus site; a station measuring elsewhere differs] */
  waistCircumference: loinc(
    '8280-0',
    'Waist Circumference at umbilicus by Tape measure',
    'vital-signs',
    CM,
  ),
  /** Venous plasma, laboratory. [check: 14771-0] */
  fastingGlucosePlasma: loinc(
    '14771-0',
    'Fasting glucose [Moles/volume] in Serum or Plasma',
    'laboratory',
    MMOL_L,
  ),
  glucosePlasma: loinc(
    '14749-6',
    'Glucose [Moles/volume] in Serum or Plasma',
    'laboratory',
    MMOL_L,
  ),
  /** Finger-stick meter, as stations usually measure. [check: 14770-2] */
  fastingGlucoseCapillary: loinc(
    '14770-2',
    'Fasting glucose [Moles/volume] in Capillary blood by Glucometer',
    'laboratory',
    MMOL_L,
  ),
  glucoseCapillary: loinc(
    '14743-9',
    'Glucose [Moles/volume] in Capillary blood by Glucometer',
    'laboratory',
    MMOL_L,
  ),
  /** [check: 4548-4] */
  hemoglobinA1c: loinc('4548-4', 'Hemoglobin A1c/Hemoglobin.total in Blood', 'laboratory', {
    code: '%',
    display: '%',
  }),
  // Elderly screening instruments (docs/fhir-mapping.md "Instrument scores"): the computed
  // totals, never the items. LOINC codes checked against loinc.org; Katz, Lawton and PRISMA-7
  // have no LOINC total the station could confirm, so ours [check].
  katzAdlTotal: instrumentTotal(
    'instrumentScore',
    'katz-adl-total',
    'Katz Index of Independence in ADL total score',
  ),
  lawtonIadlTotal: instrumentTotal(
    'instrumentScore',
    'lawton-iadl-total',
    'Lawton Instrumental ADL Scale total score',
  ),
  gds15Total: instrumentTotal(
    'loinc',
    '48545-8',
    'Geriatric depression scale (GDS) short version total',
  ),
  miniCogTotal: instrumentTotal('loinc', '72233-0', 'Total score [Mini-Cog]'),
  prisma7Total: instrumentTotal(
    'instrumentScore',
    'prisma-7-total',
    'PRISMA-7 frailty screening total score',
  ),
  timedUpAndGo: {
    coding: {
      system: SYSTEM.loinc,
      code: '89423-8',
      display: 'Time to rise from chair, walk 10 feet and back, and return to sitting [TUG]',
    },
    category: 'exam',
    valueType: 'quantity',
    unit: { code: 's', display: 'giây' },
  },
  // WHO growth z-scores: LOINC has no code for each WHO indicator, so ours.
  bmiForAgeZ: growthIndicator('bfa-z', 'BMI-for-age z-score (WHO)'),
  heightForAgeZ: growthIndicator('hfa-z', 'Length/height-for-age z-score (WHO)'),
  weightForAgeZ: growthIndicator('wfa-z', 'Weight-for-age z-score (WHO)'),
  weightForHeightZ: growthIndicator('wfh-z', 'Weight-for-height z-score (WHO)'),
  weightForLengthZ: growthIndicator('wfl-z', 'Weight-for-length z-score (WHO)'),
} as const satisfies Record<string, MeasurementDefinition>;

export type MeasurementKey = keyof typeof MEASUREMENTS;

/** HL7 v3 ObservationInterpretation codes the station uses. */
export const INTERPRETATION_DISPLAY = {
  N: 'Normal',
  A: 'Abnormal',
  H: 'High',
  L: 'Low',
  HH: 'Critical high',
  LL: 'Critical low',
} as const;
export type InterpretationCode = keyof typeof INTERPRETATION_DISPLAY;
