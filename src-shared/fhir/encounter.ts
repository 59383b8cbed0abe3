import { SYSTEM } from './fhir-systems';
import { patientReference, recordMeta } from './ids';
import { stationReference, type StationReference } from './patient';
import type { Encounter } from './types';

/** HL7 v3 ActEncounterCode: at the station (ambulatory) or out in the field (a school). */
const ENCOUNTER_CLASS = {
  AMB: 'ambulatory',
  FLD: 'field',
} as const;

export interface EncounterInput {
  /** The screening or examination record's id; the Encounter is that record. */
  id: string;
  version: number;
  lastUpdated: string;
  patientId: string;
  /** When the examination took place: an instant, or a date when only the day is known. */
  start: string;
  end?: string;
  status?: 'finished' | 'in-progress';
  encounterClass?: keyof typeof ENCOUNTER_CLASS;
  /** What kind of visit, in the station's words ("Khám sàng lọc người cao tuổi"). */
  typeText: string;
  serviceProvider?: StationReference;
  /** The health worker who examined. */
  participantName?: string;
}

export function buildEncounter(input: EncounterInput): Encounter {
  const classCode = input.encounterClass ?? 'AMB';
  return {
    resourceType: 'Encounter',
    id: input.id,
    meta: recordMeta(input.version, input.lastUpdated),
    status: input.status ?? 'finished',
    class: { system: SYSTEM.v3ActCode, code: classCode, display: ENCOUNTER_CLASS[classCode] },
    type: [{ text: input.typeText }],
    subject: patientReference(input.patientId),
    ...(input.participantName
      ? { participant: [{ individual: { display: input.participantName } }] }
      : {}),
    period: { start: input.start, ...(input.end ? { end: input.end } : {}) },
    ...(input.serviceProvider ? { serviceProvider: stationReference(input.serviceProvider) } : {}),
  };
}
