import { foldVietnamese } from '../domain/name-folding';
import type { DeclarationVersion } from '../schemas/declaration';
import { EXTENSION, qd831CodeSystem, VACCINE_DISPLAY } from './fhir-systems';
import { derivedResourceId, patientReference, recordMeta } from './ids';
import type { Immunization } from './types';

type VaccinationRow = DeclarationVersion['declaration']['vaccinations'][number];

/** FHIR requires occurrence[x]; a dose declared without a date carries this text. */
export const UNKNOWN_OCCURRENCE = 'Không rõ ngày (date unknown)';

/**
 * The stable key of a vaccination row within its declaration: vaccine, dose number and the
 * row's rank among rows with the same vaccine and dose. Editing a row's date, status or
 * reaction in a later version keeps its key, so the city receives a new version of the same
 * Immunization rather than a second one.
 */
function rowKeys(rows: readonly VaccinationRow[]): string[] {
  const seen = new Map<string, number>();
  return rows.map((row) => {
    const other = row.vaccine === 'OTHER' ? foldVietnamese(row.vaccineOther) : '';
    const base = `Immunization/${row.vaccine}/${other}/${row.dose ?? '-'}`;
    const rank = (seen.get(base) ?? 0) + 1;
    seen.set(base, rank);
    return `${base}/${rank}`;
  });
}

/** The Immunizations a version states itself, before any retraction of earlier ones. */
function statedImmunizations(version: DeclarationVersion): Immunization[] {
  const rows = version.declaration.vaccinations;
  const keys = rowKeys(rows);
  const out: Immunization[] = [];
  rows.forEach((row, i) => {
    if (row.status === '99') return;
    const given = row.status === '1';
    const display = VACCINE_DISPLAY[row.vaccine];
    out.push({
      resourceType: 'Immunization',
      id: derivedResourceId(version.declarationId, keys[i] as string),
      meta: recordMeta(version.version, version.submitted.at),
      ...(row.nextAppointment
        ? {
            extension: [
              { url: EXTENSION.immunizationNextDoseDate, valueDate: row.nextAppointment },
            ],
          }
        : {}),
      status: given ? 'completed' : 'not-done',
      vaccineCode: {
        coding: [{ system: qd831CodeSystem('vaccine'), code: row.vaccine, display }],
        text: row.vaccine === 'OTHER' ? row.vaccineOther : display,
      },
      patient: patientReference(version.residentId),
      ...(given && row.date
        ? { occurrenceDateTime: row.date }
        : { occurrenceString: UNKNOWN_OCCURRENCE }),
      recorded: version.submitted.at,
      primarySource: false,
      ...(row.reaction
        ? { reaction: [{ detail: { display: row.reaction }, reported: true }] }
        : {}),
      ...(row.dose !== null ? { protocolApplied: [{ doseNumberPositiveInt: row.dose }] } : {}),
    });
  });
  return out;
}

/**
 * The vaccination rows of one declaration version (QĐ 831 part 3) → Immunization resources.
 * - given (1) → completed, on the declared date or "date unknown";
 * - not given (0) → not-done;
 * - does not remember (99) → no Immunization: FHIR's statuses (completed, not-done,
 *   entered-in-error) would each assert something the resident did not say. The answer stays
 *   in the declaration's QuestionnaireResponse (item vaccinations.status). [check]
 * primarySource is false: the dose is declared by the resident, not recorded by whoever gave it.
 *
 * With `previous` (the version the city already has), a dose that version stated and this one
 * no longer does (row deleted, or now "does not remember") is sent again as entered-in-error,
 * in this version, so the city does not keep a statement the resident took back.
 */
export function buildImmunizations(
  version: DeclarationVersion,
  previous?: DeclarationVersion,
): Immunization[] {
  const stated = statedImmunizations(version);
  if (!previous) return stated;
  const kept = new Set(stated.map((i) => i.id));
  const retracted = statedImmunizations(previous)
    .filter((i) => !kept.has(i.id))
    .map((i): Immunization => ({
      ...i,
      meta: recordMeta(version.version, version.submitted.at),
      status: 'entered-in-error',
    }));
  return [...stated, ...retracted];
}
