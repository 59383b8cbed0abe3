import adminUnits from '../../resources/reference/vn-admin-2025.json';
import { foldVietnamese } from '../domain/name-folding';

/**
 * Vietnam's administrative units in force from 1 July 2025: 34 provinces and their
 * commune-level units (codes are never reused). Ho Chi Minh City (79) has 168 of them;
 * a station belongs to one, and a resident's current address is in one.
 * Source and regeneration: resources/reference/README.md.
 */
export const HCMC_PROVINCE_CODE = '79';

export interface Commune {
  code: string;
  name: string;
  provinceCode: string;
  /** Accent-folded name, for filtering pickers as the user types. */
  folded: string;
}

const provinceNames = new Map<string, string>(
  (adminUnits.provinces as [string, string][]).map(([code, name]) => [code, name]),
);

export const COMMUNES: readonly Commune[] = (adminUnits.communes as [string, string, string][]).map(
  ([code, name, provinceCode]) => ({ code, name, provinceCode, folded: foldVietnamese(name) }),
);

const byCode = new Map(COMMUNES.map((c) => [c.code, c]));

export const HCMC_COMMUNES: readonly Commune[] = COMMUNES.filter(
  (c) => c.provinceCode === HCMC_PROVINCE_CODE,
);

export const PROVINCES: readonly { code: string; name: string }[] = [...provinceNames].map(
  ([code, name]) => ({ code, name }),
);

export function findCommune(code: string): Commune | undefined {
  return byCode.get(code);
}

export function isHcmcCommune(code: string): boolean {
  return byCode.get(code)?.provinceCode === HCMC_PROVINCE_CODE;
}

/** "Phường Bình Quới, Thành phố Hồ Chí Minh". */
export function describeCommune(code: string): string {
  const commune = byCode.get(code);
  if (!commune) return code;
  return `${commune.name}, ${provinceNames.get(commune.provinceCode) ?? ''}`;
}
