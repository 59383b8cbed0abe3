import {
  INTERPRETATION_DISPLAY,
  MEASUREMENTS,
  SYSTEM,
  type InterpretationCode,
  type MeasurementDefinition,
  type MeasurementKey,
} from './fhir-systems';
import { derivedResourceId, patientReference, recordMeta, resourceReference } from './ids';
import type { CodeableConcept, Observation, ObservationComponent, Quantity } from './types';

/** The record (a screening, an examination) the measurements were taken in. */
export interface ObservationSource {
  recordId: string;
  version: number;
  lastUpdated: string;
  patientId: string;
  /** The Encounter of the record, when one is sent. */
  encounterId?: string;
  /** When measured: an instant, or a date when only the day is known. */
  effective: string;
  performerName?: string;
}

export interface ObservationInterpretation {
  code?: InterpretationCode;
  /** The station's reading of the value ("Tăng huyết áp độ 1 / grade 1 hypertension"). */
  text?: string;
}

export interface MeasurementInput {
  key: MeasurementKey;
  value: number | string | boolean;
  /** Tells apart two measurements of one key in a record (a second blood-pressure reading). */
  instance?: string;
  interpretation?: ObservationInterpretation;
  note?: string;
  /** Measurements of the same record this one was computed from (a z-score's height, weight). */
  derivedFrom?: readonly MeasurementKey[];
}

/** The id of the Observation of `key` in record `recordId`: the same on every export. */
export function observationId(recordId: string, key: MeasurementKey, instance?: string): string {
  return derivedResourceId(
    recordId,
    instance ? `Observation/${key}/${instance}` : `Observation/${key}`,
  );
}

function codeOf(definition: MeasurementDefinition): CodeableConcept {
  return { coding: [definition.coding] };
}

function quantity(definition: MeasurementDefinition, value: number): Quantity {
  const unit = definition.unit;
  if (!unit) throw new TypeError(`${definition.coding.code} has no unit`);
  return { value, unit: unit.display, system: SYSTEM.ucum, code: unit.code };
}

function interpretationOf(i: ObservationInterpretation): CodeableConcept[] {
  return [
    {
      ...(i.code
        ? {
            coding: [
              {
                system: SYSTEM.v3Interpretation,
                code: i.code,
                display: INTERPRETATION_DISPLAY[i.code],
              },
            ],
          }
        : {}),
      ...(i.text ? { text: i.text } : {}),
    },
  ];
}

/** What every Observation of a record shares: status, category, subject, encounter, time. */
function observationBase(
  source: ObservationSource,
  id: string,
  definition: MeasurementDefinition,
  extra: Pick<MeasurementInput, 'interpretation' | 'note'>,
): Observation {
  return {
    resourceType: 'Observation',
    id,
    meta: recordMeta(source.version, source.lastUpdated, definition.profile),
    status: 'final',
    category: [{ coding: [{ system: SYSTEM.observationCategory, code: definition.category }] }],
    code: codeOf(definition),
    subject: patientReference(source.patientId),
    ...(source.encounterId
      ? { encounter: resourceReference('Encounter', source.encounterId) }
      : {}),
    effectiveDateTime: source.effective,
    ...(source.performerName ? { performer: [{ display: source.performerName }] } : {}),
    ...(extra.interpretation && (extra.interpretation.code || extra.interpretation.text)
      ? { interpretation: interpretationOf(extra.interpretation) }
      : {}),
    ...(extra.note ? { note: [{ text: extra.note }] } : {}),
  };
}

/** One measurement → Observation, coded and with units from the MEASUREMENTS table. */
export function buildObservation(source: ObservationSource, m: MeasurementInput): Observation {
  const definition = MEASUREMENTS[m.key];
  const observation = observationBase(
    source,
    observationId(source.recordId, m.key, m.instance),
    definition,
    m,
  );
  const mismatch = (): never => {
    throw new TypeError(`${m.key} takes a ${definition.valueType}, not ${JSON.stringify(m.value)}`);
  };
  switch (definition.valueType) {
    case 'quantity':
      if (typeof m.value !== 'number') mismatch();
      observation.valueQuantity = quantity(definition, m.value as number);
      break;
    case 'integer':
      if (!Number.isInteger(m.value)) mismatch();
      observation.valueInteger = m.value as number;
      break;
    case 'string':
      if (typeof m.value !== 'string' || m.value === '') mismatch();
      observation.valueString = m.value as string;
      break;
    case 'boolean':
      if (typeof m.value !== 'boolean') mismatch();
      observation.valueBoolean = m.value as boolean;
      break;
    case 'panel':
      throw new TypeError(`${m.key} is a panel: build it with its components`);
  }
  if (m.derivedFrom && m.derivedFrom.length > 0) {
    observation.derivedFrom = m.derivedFrom.map((key) =>
      resourceReference('Observation', observationId(source.recordId, key)),
    );
  }
  return observation;
}

export interface BloodPressureInput {
  systolic: number;
  diastolic: number;
  instance?: string;
  interpretation?: ObservationInterpretation;
  note?: string;
}

/**
 * A blood-pressure reading → the FHIR R4 vital-signs BP profile: the LOINC 85354-9 panel with
 * systolic (8480-6) and diastolic (8462-4) components in mm[Hg], and no value of its own.
 */
export function buildBloodPressureObservation(
  source: ObservationSource,
  bp: BloodPressureInput,
): Observation {
  const component = (
    key: 'systolicBloodPressure' | 'diastolicBloodPressure',
    value: number,
  ): ObservationComponent => ({
    code: codeOf(MEASUREMENTS[key]),
    valueQuantity: quantity(MEASUREMENTS[key], value),
  });
  return {
    ...observationBase(
      source,
      observationId(source.recordId, 'bloodPressure', bp.instance),
      MEASUREMENTS.bloodPressure,
      bp,
    ),
    component: [
      component('systolicBloodPressure', bp.systolic),
      component('diastolicBloodPressure', bp.diastolic),
    ],
  };
}
