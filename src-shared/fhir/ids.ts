import { v5 as uuidv5 } from 'uuid';
import { FHIR_RESOURCE_BASE } from './fhir-systems';
import type { Meta, Reference } from './types';

/**
 * Resource ids are stable, so that sending the same record version twice sends the same
 * resources and the city store can ingest idempotently:
 * - a resource that is a whole record (Patient, QuestionnaireResponse, Encounter) has the
 *   record's own id (UUIDv7, made on the workstation);
 * - a resource derived from part of a record (one measurement of a screening, one vaccine
 *   dose of a declaration, one consent purpose) has a name-based UUID (RFC 9562 version 5)
 *   in the record's id as namespace, with a key naming the part.
 */
export function derivedResourceId(recordId: string, partKey: string): string {
  return uuidv5(partKey, recordId);
}

/** meta of a resource mapped from version `version` of a record last changed at `lastUpdated`. */
export function recordMeta(version: number | string, lastUpdated: string, profile?: string): Meta {
  return {
    versionId: String(version),
    lastUpdated,
    ...(profile ? { profile: [profile] } : {}),
  };
}

export function patientReference(patientId: string): Reference {
  return { reference: `Patient/${patientId}` };
}

export function resourceReference(resourceType: string, id: string, version?: number): Reference {
  return {
    reference:
      version === undefined
        ? `${resourceType}/${id}`
        : `${resourceType}/${id}/_history/${String(version)}`,
  };
}

/** Bundle.entry.fullUrl: a RESTful URL, against which `Type/id` references resolve. */
export function resourceUrl(resourceType: string, id: string): string {
  return `${FHIR_RESOURCE_BASE}/${resourceType}/${id}`;
}
