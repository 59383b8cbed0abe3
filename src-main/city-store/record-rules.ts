/**
 * The reference receiver's rules for one record, apart from FHIR validation: which resource
 * types a station may send, how record versions are ordered, and which references must
 * resolve. Each rule gives a reason code of RECORD_REJECTION_REASONS
 * (src-shared/sync/receipt.ts) when it refuses a record.
 */

/**
 * What a station sends (docs/fhir-mapping.md): residents, declarations, their doses and
 * consents, screening visits and their measurements. Anything else is NOT_PERMITTED.
 */
export const PERMITTED_RESOURCE_TYPES: ReadonlySet<string> = new Set([
  'Patient',
  'QuestionnaireResponse',
  'Immunization',
  'Consent',
  'Encounter',
  'Observation',
]);

const STATION_VERSION = /^(\d{1,15})(?:-([A-Za-z0-9.-]+))?$/;

/**
 * Orders two `meta.versionId`s of one record. The station writes the record's version number
 * (`"3"`), and `"<n>-withdrawn"` for a consent withdrawn after declaration version n, which
 * supersedes `"n"` but not `"n+1"` (docs/fhir-mapping.md, "Versions"). So: the number first,
 * then a suffixed version after the bare one, then suffixes as text. Version ids of any other
 * shape are compared as text, after every station-shaped one.
 */
export function compareVersionIds(a: string, b: string): number {
  const left = STATION_VERSION.exec(a);
  const right = STATION_VERSION.exec(b);
  if (left && right) {
    const byNumber = Number(left[1]) - Number(right[1]);
    if (byNumber !== 0) return byNumber;
    const leftSuffix = left[2] ?? '';
    const rightSuffix = right[2] ?? '';
    return leftSuffix === rightSuffix ? 0 : leftSuffix < rightSuffix ? -1 : 1;
  }
  if (left) return -1;
  if (right) return 1;
  return a === b ? 0 : a < b ? -1 : 1;
}

export interface ResourceTarget {
  /** Null for a `urn:uuid:` reference, which names an id without its type. */
  resourceType: string | null;
  id: string;
}

const RELATIVE_REFERENCE =
  /^([A-Z][A-Za-z]{1,63})\/([A-Za-z0-9.-]{1,64})(?:\/_history\/[A-Za-z0-9.-]{1,64})?$/;
const UUID_URN = /^urn:uuid:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/**
 * The records a resource points at through `Reference.reference`: relative references
 * (`Patient/<id>`, `QuestionnaireResponse/<id>/_history/<n>`) and `urn:uuid:` ones. Absolute
 * URLs (another server's records) and `#contained` references are not the city's to resolve
 * and are left out.
 */
export function referencedTargets(resource: unknown): ResourceTarget[] {
  const targets: ResourceTarget[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    for (const key of Object.keys(value)) {
      const member: unknown = (value as Record<string, unknown>)[key];
      if (key === 'reference' && typeof member === 'string') {
        const relative = RELATIVE_REFERENCE.exec(member);
        const urn = UUID_URN.exec(member);
        if (relative) targets.push({ resourceType: relative[1]!, id: relative[2]! });
        else if (urn) targets.push({ resourceType: null, id: urn[1]! });
      } else {
        visit(member);
      }
    }
  };
  visit(resource);
  return targets;
}
