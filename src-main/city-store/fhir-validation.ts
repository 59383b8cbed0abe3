import type { FhirResource } from '../../src-shared/fhir/types';
import { provedValid } from '../fhir/fast-check';
import { fhirValidationErrors } from '../fhir/validate';

/** Error messages for one resource; an empty list means valid FHIR R4. */
export type FhirValidator = (resource: unknown) => readonly string[];

/**
 * FHIR R4 validation by the rules of @medplum/core (src-main/fhir/validate.ts): the fast
 * check of src-main/fhir/fast-check.ts proves most resources valid by those rules; any it
 * cannot prove go through @medplum/core's own validator, whose messages are returned. A
 * resource @medplum/core cannot even walk is invalid too.
 */
export const validateWithFhirDefinitions: FhirValidator = (resource) => {
  if (provedValid(resource)) return [];
  try {
    return fhirValidationErrors(resource as FhirResource).map(
      (issue) => `${issue.path}: ${issue.message}`,
    );
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  }
};
