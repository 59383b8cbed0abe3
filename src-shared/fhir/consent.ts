import { CONSENT_PURPOSES } from '../reference/declaration-codes';
import type { DeclarationVersion } from '../schemas/declaration';
import type { ConsentPurpose } from '../schemas/subject-rights';
import { CONSENT_POLICY_TEXT, CONSENT_PURPOSE_DISPLAY, EXTENSION, SYSTEM } from './fhir-systems';
import { derivedResourceId, patientReference, recordMeta, resourceReference } from './ids';
import { stationReference, type StationReference } from './patient';
import type { Consent, Reference } from './types';

/** A withdrawal in force (Law 91/2025: she may withdraw at any time), as the station keeps it. */
export interface ConsentWithdrawal {
  purpose: ConsentPurpose;
  /** When the station recorded the withdrawal (UTC instant). */
  withdrawnAt: string;
}

export interface ConsentSource {
  /** The declaration version whose consent section this is (the latest one). */
  version: DeclarationVersion;
  /** Withdrawals recorded after that version and not lifted since. */
  withdrawals: readonly ConsentWithdrawal[];
  custodian?: StationReference;
}

/** The versionId of a Consent whose purpose was withdrawn after its declaration version. */
export function withdrawnVersionId(declarationVersion: number): string {
  return `${declarationVersion}-withdrawn`;
}

/**
 * The consent section of a declaration version → one Consent per purpose (Law 91/2025 and
 * Decree 356/2025 ask for consent purpose by purpose). id = name-based UUID of the
 * declaration id and the purpose, so each purpose is one resource across versions.
 * - ticked → active; not ticked → rejected (the form is never pre-ticked, so a blank is
 *   the resident's no);
 * - withdrawn since → inactive, the provision ending on the withdrawal, versionId
 *   "<declaration version>-withdrawn" (a withdrawal is not a new declaration version).
 */
export function buildConsents(source: ConsentSource): Consent[] {
  const { version } = source;
  const c = version.declaration.consent;
  const performer: Reference =
    c.givenBy === 'self'
      ? patientReference(version.residentId)
      : {
          // The form stores the representative's name untrimmed.
          display: c.representativeRelationship
            ? `${c.representativeName.trim()} (${c.representativeRelationship})`
            : c.representativeName.trim(),
        };
  return CONSENT_PURPOSES.map((purpose) => {
    const withdrawal = source.withdrawals.find((w) => w.purpose === purpose);
    const status = withdrawal ? 'inactive' : c[purpose] ? 'active' : 'rejected';
    return {
      resourceType: 'Consent',
      id: derivedResourceId(version.declarationId, `Consent/${purpose}`),
      meta: withdrawal
        ? recordMeta(withdrawnVersionId(version.version), withdrawal.withdrawnAt)
        : recordMeta(version.version, version.submitted.at),
      // Who recorded it at the counter: proof of consent keeps who, when and for what.
      extension: [
        {
          url: EXTENSION.consentTranscriber,
          valueReference: { display: version.submitted.userName },
        },
      ],
      status,
      scope: {
        coding: [
          { system: SYSTEM.consentScope, code: 'patient-privacy', display: 'Privacy Consent' },
        ],
      },
      // The FHIR R4 consent-category value set displays LOINC 59284-0 as "Patient Consent".
      category: [
        { coding: [{ system: SYSTEM.loinc, code: '59284-0', display: 'Patient Consent' }] },
      ],
      patient: patientReference(version.residentId),
      dateTime: version.submitted.at,
      performer: [performer],
      ...(source.custodian ? { organization: [stationReference(source.custodian)] } : {}),
      sourceReference: resourceReference(
        'QuestionnaireResponse',
        version.declarationId,
        version.version,
      ),
      policyRule: { text: CONSENT_POLICY_TEXT },
      provision: {
        type: 'permit',
        ...(withdrawal
          ? { period: { start: version.submitted.at, end: withdrawal.withdrawnAt } }
          : {}),
        purpose: [
          {
            system: SYSTEM.consentPurpose,
            code: purpose,
            display: CONSENT_PURPOSE_DISPLAY[purpose],
          },
        ],
      },
    } satisfies Consent;
  });
}
