import { findCommune, PROVINCES, type Commune } from '../reference/admin-units';
import { ETHNICITY_NAMES } from '../reference/ethnicities';
import type { Resident, ResidentRecord } from '../schemas/resident';
import { canonicalConstant } from '../sync/canonical-json';
import {
  EXTENSION,
  GUARDIAN_ROLE,
  IDENTIFIER_KINDS,
  RELATIONSHIP_ROLE_CODES,
  SYSTEM,
} from './fhir-systems';
import { patientReference, recordMeta } from './ids';
import type {
  Address,
  CodeableConcept,
  ContactPoint,
  Extension,
  HumanName,
  Identifier,
  Patient,
  PatientContact,
  Reference,
} from './types';

/** The station a record belongs to, as other resources point at it. */
export interface StationReference {
  name: string;
  facilityCode: string;
}

/**
 * The parts of a resource that depend only on a code (an identifier kind, an ethnicity, a
 * commune) or on the station are made once and shared by every resource, as canonical
 * constants: an export of 100 000 residents then serialises each of them once. Keys come from
 * closed lists (enumerations, reference data), so each cache stays small.
 */
function oncePerKey<K, V extends object>(make: (key: K) => V): (key: K) => V {
  const made = new Map<K, V>();
  return (key) => {
    let value = made.get(key);
    if (value === undefined) {
      value = canonicalConstant(make(key));
      made.set(key, value);
    }
    return value;
  };
}

/** The station's reference, kept while the same station is asked for: all through an export. */
let lastStation: (StationReference & { reference: Reference }) | null = null;

export function stationReference(station: StationReference): Reference {
  const { name, facilityCode } = station;
  if (lastStation?.name !== name || lastStation.facilityCode !== facilityCode) {
    const reference = canonicalConstant({
      identifier: { system: SYSTEM.facilityCode, value: facilityCode },
      display: name,
    });
    lastStation = { name, facilityCode, reference };
  }
  return lastStation.reference;
}

export interface PatientOptions {
  /** The resident this record was merged into: the Patient is retired and points at it. */
  mergedIntoId?: string;
  /** Residents merged into this one. */
  mergedFromIds?: readonly string[];
  managingStation?: StationReference;
}

/** What a Patient is made of: one version of a resident record, as it was written then. */
export type PatientSource = Pick<
  ResidentRecord,
  'id' | 'version' | 'resident' | 'temporaryId' | 'identifierHistory'
> & { updated: Pick<ResidentRecord['updated'], 'at'> };

/**
 * Resident record (QĐ 831 part 1) → FHIR R4 Patient. id = the resident's id; versionId =
 * the record's version; identifiers, name, addresses and relatives as docs/fhir-mapping.md.
 */
export function buildPatient(record: PatientSource, options: PatientOptions = {}): Patient {
  const r = record.resident;
  const extension = patientExtensions(r);
  const identifier = identifiers(record);
  const telecom = phones(r.phones.map((p) => p.number));
  const contact = r.relations.map(relativeContact);
  const link = [
    ...(options.mergedIntoId
      ? [{ other: patientReference(options.mergedIntoId), type: 'replaced-by' as const }]
      : []),
    ...(options.mergedFromIds ?? []).map((id) => ({
      other: patientReference(id),
      type: 'replaces' as const,
    })),
  ];
  // Optional members are set only when present (FHIR: no empty arrays), by assignment rather
  // than by spreading small objects: this runs for every resident of an export.
  const patient: Patient = {
    resourceType: 'Patient',
    id: record.id,
    meta: recordMeta(record.version, record.updated.at),
    // A merged-away record no longer stands for anyone (FHIR: link type replaced-by).
    active: !options.mergedIntoId,
    name: [{ use: 'official', ...vietnameseName(r.fullName) }],
    gender: r.sex === '1' ? 'male' : 'female',
    birthDate: r.birthDate,
    address: addresses(r),
  };
  if (extension.length > 0) patient.extension = extension;
  if (identifier.length > 0) patient.identifier = identifier;
  if (telecom.length > 0) patient.telecom = telecom;
  if (contact.length > 0) patient.contact = contact;
  if (options.managingStation) {
    patient.managingOrganization = stationReference(options.managingStation);
  }
  if (link.length > 0) patient.link = link;
  return patient;
}

/**
 * A Vietnamese full name is written family name first, then middle and given names
 * ("Nguyễn Thị Ánh": family Nguyễn, given Thị Ánh). FHIR keeps middle names in `given`, in
 * order. Compound family names ("Tôn Nữ") cannot be told from middle names, so `text`
 * always carries the name as written. A one-word name has no family part.
 */
export function vietnameseName(fullName: string): Omit<HumanName, 'use'> {
  const words = fullName.split(' ').filter((w) => w !== '');
  if (words.length < 2) return { text: fullName, given: words };
  return { text: fullName, family: words[0] as string, given: words.slice(1) };
}

const identifierType = oncePerKey((kind: keyof typeof IDENTIFIER_KINDS): CodeableConcept => {
  const k = IDENTIFIER_KINDS[kind];
  return {
    coding: [{ system: SYSTEM.v2IdentifierType, code: k.type, display: k.typeDisplay }],
    text: k.text,
  };
});

function identifier(
  kind: keyof typeof IDENTIFIER_KINDS,
  value: string,
  use: Identifier['use'],
): Identifier {
  return { use, type: identifierType(kind), system: IDENTIFIER_KINDS[kind].system, value };
}

function identifiers(record: PatientSource): Identifier[] {
  const r = record.resident;
  const out: Identifier[] = [];
  if (r.personalId) out.push(identifier('personal_id', r.personalId, 'official'));
  if (r.cmnd) out.push(identifier('cmnd', r.cmnd, 'secondary'));
  if (r.bhyt) out.push(identifier('bhyt', r.bhyt, 'secondary'));
  if (record.temporaryId) out.push(identifier('temporary', record.temporaryId, 'temp'));
  // Numbers she held before stay findable: a re-issued ID, an old card, a merged record's.
  for (const former of record.identifierHistory) {
    out.push({
      ...identifier(former.kind, former.value, 'old'),
      period: { end: former.replacedAt },
    });
  }
  return out;
}

/** Mobiles are 0 + 9 digits (03, 05, 07, 08, 09); landlines 02x + 8 digits. */
function phones(numbers: readonly string[]): ContactPoint[] {
  return numbers.map((value, i) => ({
    system: 'phone',
    value,
    use: /^0[35789]\d{8}$/.test(value) ? 'mobile' : 'home',
    rank: i + 1,
  }));
}

const ethnicityExtension = oncePerKey((code: Resident['ethnicity']): Extension => ({
  url: EXTENSION.patientEthnicity,
  valueCoding: { system: SYSTEM.ethnicity, code, display: ETHNICITY_NAMES.get(code) ?? code },
}));

const nationalityExtension = oncePerKey((code: Resident['nationality']): Extension => ({
  url: EXTENSION.patientNationality,
  extension: [
    { url: 'code', valueCodeableConcept: { coding: [{ system: SYSTEM.iso3166, code }] } },
  ],
}));

function patientExtensions(r: Resident): Extension[] {
  const out: Extension[] = [ethnicityExtension(r.ethnicity), nationalityExtension(r.nationality)];
  if (r.religion) {
    out.push({ url: EXTENSION.patientReligion, valueCodeableConcept: { text: r.religion } });
  }
  if (r.occupation) out.push({ url: EXTENSION.patientOccupation, valueString: r.occupation });
  return out;
}

const provinceNames = new Map(PROVINCES.map((p) => [p.code, p.name]));

type ResidenceKind = 'current' | 'permanent';

const residenceKindExtension = oncePerKey((kind: ResidenceKind): Extension => ({
  url: EXTENSION.addressResidenceKind,
  valueCoding: { system: SYSTEM.residenceKind, code: kind },
}));

const communeExtension = oncePerKey((commune: Commune): Extension => ({
  url: EXTENSION.addressCommune,
  valueCoding: { system: SYSTEM.adminUnit, code: commune.code, display: commune.name },
}));

/**
 * Since 1 July 2025 an address is street + commune-level unit + province (no district).
 * The commune's code travels as an extension; its name goes in `city` and the province's in
 * `state`. [check: VN Core's placement of commune and province]
 */
function address(
  communeCode: string,
  street: string,
  kinds: readonly ResidenceKind[],
): Address | null {
  const commune = communeCode ? findCommune(communeCode) : undefined;
  if (!commune && street === '') return null;
  const province = commune ? provinceNames.get(commune.provinceCode) : undefined;
  const extension: Extension[] = kinds.map((kind) => residenceKindExtension(kind));
  if (commune) extension.unshift(communeExtension(commune));
  const text = [street, commune?.name, province].filter((part) => part).join(', ');
  const result: Address = { extension, use: 'home', type: 'physical', text };
  if (street) result.line = [street];
  if (commune) result.city = commune.name;
  if (province) result.state = province;
  result.country = 'VN';
  return result;
}

/** Current address (nơi ở hiện tại), and the permanent one (thường trú) when it differs. */
function addresses(r: Resident): Address[] {
  const current = r.currentAddress;
  if (r.permanentSameAsCurrent) {
    const both = address(current.communeCode, current.street, ['current', 'permanent']);
    return both ? [both] : [];
  }
  return [
    address(current.communeCode, current.street, ['current']),
    address(r.permanentAddress.communeCode, r.permanentAddress.street, ['permanent']),
  ].filter((a): a is Address => a !== null);
}

function relativeContact(relation: Resident['relations'][number]): PatientContact {
  const role = RELATIONSHIP_ROLE_CODES[relation.relationship];
  const relationship: CodeableConcept[] = [
    {
      coding: [
        { system: SYSTEM.relationship, code: relation.relationship },
        ...(role ? [role] : []),
      ],
    },
  ];
  if (relation.isGuardian && relation.relationship !== 'guardian') {
    relationship.push({ coding: [GUARDIAN_ROLE] });
  }
  return {
    ...(relation.residentId
      ? {
          extension: [
            {
              url: EXTENSION.contactPatient,
              valueReference: patientReference(relation.residentId),
            },
          ],
        }
      : {}),
    relationship,
    name: vietnameseName(relation.fullName),
    ...(relation.phone ? { telecom: phones([relation.phone]) } : {}),
  };
}
