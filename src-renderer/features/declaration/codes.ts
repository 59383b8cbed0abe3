import type { TFunction } from 'i18next';
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
} from '../../../src-shared/reference/declaration-codes';
import type { Option } from './fields';

/** The code lists of QĐ 831/QĐ-BYT parts 2–3, each under `declaration.codes.<list>.<code>`. */
export const CODE_LISTS = {
  allergyKind: ALLERGY_KINDS,
  delivery: DELIVERY_MODES,
  disability: DISABILITY_CODES,
  disease: DISEASE_CODES,
  latrine: LATRINE_TYPES,
  relative: RELATIVES,
  riskStatus: RISK_STATUS,
  triState: TRI_STATE,
  vaccinationStatus: VACCINATION_STATUS,
  vaccine: VACCINES,
} as const;

export type CodeList = keyof typeof CODE_LISTS;

/** '' (not recorded) cannot be a translation key; it is stored under `unset`. */
const keyOf = (code: string): string => (code === '' ? 'unset' : code);

export function codeLabel(t: TFunction, list: CodeList, code: string): string {
  return t(`declaration.codes.${list}.${keyOf(code)}`);
}

export function codeOptions(t: TFunction, list: CodeList): Option[] {
  return CODE_LISTS[list].map((code) => ({ value: code, label: codeLabel(t, list, code) }));
}
