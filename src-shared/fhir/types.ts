/**
 * The parts of FHIR R4 (https://hl7.org/fhir/R4/) the station writes, as plain types.
 * Only the elements the mappers fill are declared; every value is JSON-ready (no Date, no
 * undefined), so a built resource can be canonicalised and hashed as it is.
 */

export interface Coding {
  system: string;
  code: string;
  display?: string;
}

export interface CodeableConcept {
  coding?: Coding[];
  text?: string;
}

export interface Identifier {
  use?: 'usual' | 'official' | 'temp' | 'secondary' | 'old';
  type?: CodeableConcept;
  system: string;
  value: string;
  period?: Period;
}

export interface Reference {
  reference?: string;
  identifier?: Identifier;
  display?: string;
}

export interface Period {
  start?: string;
  end?: string;
}

export interface Quantity {
  value: number;
  unit: string;
  system: string;
  code: string;
}

export interface Extension {
  url: string;
  valueCode?: string;
  valueCoding?: Coding;
  valueCodeableConcept?: CodeableConcept;
  valueString?: string;
  valueDate?: string;
  valueReference?: Reference;
  extension?: Extension[];
}

export interface Meta {
  versionId: string;
  lastUpdated: string;
  profile?: string[];
}

export interface HumanName {
  use?: 'official' | 'usual';
  text: string;
  family?: string;
  given?: string[];
}

export interface ContactPoint {
  system: 'phone';
  value: string;
  use?: 'home' | 'mobile';
  rank?: number;
}

export interface Address {
  extension?: Extension[];
  use?: 'home';
  type?: 'physical';
  text?: string;
  line?: string[];
  city?: string;
  state?: string;
  country?: string;
}

export interface Annotation {
  text: string;
}

interface ResourceBase<T extends string> {
  resourceType: T;
  id: string;
  meta: Meta;
}

export interface Patient extends ResourceBase<'Patient'> {
  extension?: Extension[];
  identifier?: Identifier[];
  active: boolean;
  name: HumanName[];
  telecom?: ContactPoint[];
  gender: 'male' | 'female';
  birthDate: string;
  address?: Address[];
  contact?: PatientContact[];
  managingOrganization?: Reference;
  link?: { other: Reference; type: 'replaced-by' | 'replaces' }[];
}

export interface PatientContact {
  extension?: Extension[];
  relationship: CodeableConcept[];
  name: HumanName;
  telecom?: ContactPoint[];
}

export interface Encounter extends ResourceBase<'Encounter'> {
  status: 'planned' | 'in-progress' | 'finished' | 'cancelled';
  class: Coding;
  type?: CodeableConcept[];
  subject: Reference;
  participant?: { individual: Reference }[];
  period: Period;
  serviceProvider?: Reference;
}

export interface ObservationComponent {
  code: CodeableConcept;
  valueQuantity?: Quantity;
}

export interface Observation extends ResourceBase<'Observation'> {
  status: 'final';
  category: CodeableConcept[];
  code: CodeableConcept;
  subject: Reference;
  encounter?: Reference;
  effectiveDateTime: string;
  performer?: Reference[];
  valueQuantity?: Quantity;
  valueInteger?: number;
  valueString?: string;
  valueBoolean?: boolean;
  interpretation?: CodeableConcept[];
  note?: Annotation[];
  derivedFrom?: Reference[];
  component?: ObservationComponent[];
}

export interface QuestionnaireResponseAnswer {
  valueBoolean?: boolean;
  valueInteger?: number;
  valueDecimal?: number;
  valueDate?: string;
  valueString?: string;
  valueCoding?: Coding;
}

export interface QuestionnaireResponseItem {
  linkId: string;
  answer?: QuestionnaireResponseAnswer[];
  item?: QuestionnaireResponseItem[];
}

export interface QuestionnaireResponse extends ResourceBase<'QuestionnaireResponse'> {
  questionnaire: string;
  status: 'completed';
  subject: Reference;
  authored: string;
  author?: Reference;
  source?: Reference;
  item?: QuestionnaireResponseItem[];
}

export type QuestionnaireItemType =
  'group' | 'boolean' | 'integer' | 'decimal' | 'date' | 'string' | 'choice';

export interface QuestionnaireItem {
  linkId: string;
  type: QuestionnaireItemType;
  repeats?: boolean;
  answerOption?: { valueCoding: Coding }[];
  item?: QuestionnaireItem[];
}

/** A definition, not a record: its version is the form's, not a record version. */
export interface Questionnaire {
  resourceType: 'Questionnaire';
  id: string;
  url: string;
  version: string;
  name: string;
  title: string;
  status: 'active';
  subjectType: ['Patient'];
  item: QuestionnaireItem[];
}

export interface Immunization extends ResourceBase<'Immunization'> {
  extension?: Extension[];
  status: 'completed' | 'not-done' | 'entered-in-error';
  vaccineCode: CodeableConcept;
  patient: Reference;
  occurrenceDateTime?: string;
  occurrenceString?: string;
  recorded: string;
  primarySource: boolean;
  reaction?: { detail: Reference; reported: boolean }[];
  protocolApplied?: { doseNumberPositiveInt: number }[];
}

export interface Consent extends ResourceBase<'Consent'> {
  extension?: Extension[];
  status: 'active' | 'rejected' | 'inactive';
  scope: CodeableConcept;
  category: CodeableConcept[];
  patient: Reference;
  dateTime: string;
  performer: Reference[];
  organization?: Reference[];
  sourceReference: Reference;
  policyRule: CodeableConcept;
  provision: { type: 'permit'; period?: Period; purpose: Coding[] };
}

export type FhirResource =
  Patient | Encounter | Observation | QuestionnaireResponse | Immunization | Consent;

export interface BundleEntry {
  fullUrl: string;
  resource: FhirResource | Questionnaire;
}

export interface Bundle {
  resourceType: 'Bundle';
  id: string;
  identifier: Identifier;
  type: 'collection';
  timestamp: string;
  entry?: BundleEntry[];
}
