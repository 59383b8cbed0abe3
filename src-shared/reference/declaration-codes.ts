/**
 * Code lists of the personal health record, QĐ 831/QĐ-BYT (2017) part 2 and 3.
 * Codes are the form's own numbers, kept as strings so they travel unchanged.
 */

/** Risk-factor status: 0 no, 1 yes, 2 regularly. */
export const RISK_STATUS = ['0', '1', '2'] as const;

/** Disabilities: 1 hearing, 2 vision, 3 hands/arms, 4 legs, 5 spine, 6 cleft lip/palate, 7 other. */
export const DISABILITY_CODES = ['1', '2', '3', '4', '5', '6', '7'] as const;
export const DISABILITY_OTHER = '7';

/** Allergies: 1 drug, 2 chemical/cosmetic, 3 food, 4 other. */
export const ALLERGY_KINDS = ['1', '2', '3', '4'] as const;

/**
 * Disease history: 1 cardiovascular, 2 hypertension, 3 diabetes, 4 stomach, 5 chronic lung
 * disease, 6 asthma, 7 goitre, 8 hepatitis, 9 congenital heart disease, 10 mental illness,
 * 11 autism, 12 epilepsy, 13 cancer, 14 tuberculosis, 15 other.
 */
export const DISEASE_CODES = [
  '1',
  '2',
  '3',
  '4',
  '5',
  '6',
  '7',
  '8',
  '9',
  '10',
  '11',
  '12',
  '13',
  '14',
  '15',
] as const;
export const DISEASE_OTHER = '15';

export const RELATIVES = ['father', 'mother', 'sibling', 'grandparent', 'child', 'other'] as const;

export const DELIVERY_MODES = ['unknown', 'vaginal', 'caesarean'] as const;
export const TRI_STATE = ['unknown', 'no', 'yes'] as const;

/** Household latrine type (QĐ 831 part 2). */
export const LATRINE_TYPES = ['', 'septic', 'semi_septic', 'other', 'none'] as const;

/** Vaccination status per dose: 1 given, 0 not given, 99 does not remember. */
export const VACCINATION_STATUS = ['1', '0', '99'] as const;

/** Vaccines of the Expanded Programme on Immunization and those commonly given in service. */
export const VACCINES = [
  'BCG',
  'HEPB',
  'DTP_HEPB_HIB',
  'DTAP_IPV_HIB_HEPB',
  'OPV',
  'IPV',
  'MEASLES',
  'MR',
  'MMR',
  'JE',
  'DTP',
  'TD',
  'TT',
  'ROTA',
  'PCV',
  'FLU',
  'HPV',
  'VARICELLA',
  'HEPA',
  'TYPHOID',
  'CHOLERA',
  'MENINGO',
  'RABIES',
  'COVID19',
  'OTHER',
] as const;

/** Purposes a resident consents to, one by one (Law 91/2025 on personal data protection). */
export const CONSENT_PURPOSES = ['recordKeeping', 'citySharing', 'statistics'] as const;
