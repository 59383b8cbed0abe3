import { SYSTEM } from './fhir-systems';
import { resourceUrl } from './ids';
import type { Bundle, FhirResource, Questionnaire } from './types';

export interface FhirBundleOptions {
  /** The sync bundle's own id (UUID), also its persistent identifier. */
  bundleId: string;
  /** When the bundle was assembled (UTC instant). */
  timestamp: string;
}

/**
 * The resources of one sync bundle → a FHIR R4 Bundle of type collection. Each entry's
 * fullUrl is the resource's RESTful URL under FHIR_RESOURCE_BASE, so the relative references
 * between them (`Patient/<id>`) resolve inside the bundle (FHIR R4 Bundle, "Resolving
 * references in Bundles"). Two versions of one resource may travel together: their fullUrls
 * are equal and their meta.versionId differ, as constraint bdl-7 allows.
 */
export function buildFhirBundle(
  resources: readonly (FhirResource | Questionnaire)[],
  options: FhirBundleOptions,
): Bundle {
  return {
    resourceType: 'Bundle',
    id: options.bundleId,
    identifier: { system: SYSTEM.syncBundle, value: options.bundleId },
    type: 'collection',
    timestamp: options.timestamp,
    ...(resources.length > 0
      ? {
          entry: resources.map((resource) => ({
            fullUrl: resourceUrl(resource.resourceType, resource.id),
            resource,
          })),
        }
      : {}),
  };
}
