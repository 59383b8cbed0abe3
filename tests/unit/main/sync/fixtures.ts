import { generateCityEncryptionKey, generateSigningKey } from '../../../../src-main/sync/keys';
import type { BundleHeaderFields } from '../../../../src-shared/sync/bundle-header';
import { buildEnrollment, type Enrollment } from '../../../../src-shared/sync/enrollment';
import type {
  EnvelopeFhirBundle,
  EnvelopeResource,
} from '../../../../src-shared/sync/record-manifest';

export const STATION_CODE = 'TYT-26911';

/** Fresh keys for a station with one supervisor, and a city store. */
export async function makeParties() {
  const [station, supervisor, otherSupervisor, cityEncryption, cityReceipt] = await Promise.all([
    generateSigningKey(),
    generateSigningKey(),
    generateSigningKey(),
    generateCityEncryptionKey(),
    generateSigningKey(),
  ]);
  return {
    station,
    supervisor,
    otherSupervisor,
    cityEncryption,
    cityReceipt,
    enrolled: {
      stationKeys: [{ kid: station.kid, jwk: station.publicJwk, stationCode: STATION_CODE }],
      supervisorKeys: [
        { kid: supervisor.kid, jwk: supervisor.publicJwk, stationCode: STATION_CODE },
        { kid: otherSupervisor.kid, jwk: otherSupervisor.publicJwk, stationCode: STATION_CODE },
      ],
    },
  };
}
export type Parties = Awaited<ReturnType<typeof makeParties>>;

/** The enrollment file the city registers for these parties' station. */
export function enrollmentFor(p: Parties, stationCode = STATION_CODE): Enrollment {
  return buildEnrollment({
    station: {
      stationCode,
      communeCode: '26911',
      facilityCode: 'BQ001',
      name: 'Trạm Y tế phường Bình Quới',
    },
    createdAt: '2026-03-01T01:00:00Z',
    stationKey: { kid: p.station.kid, jwk: p.station.publicJwk },
    supervisorKeys: [
      {
        username: 'lan.tran',
        fullName: 'Trần Thị Lan',
        kid: p.supervisor.kid,
        jwk: p.supervisor.publicJwk,
      },
    ],
  });
}

export const PATIENT_ID = '01950c1e-8a3b-7c2d-9e4f-0a1b2c3d4e5f';
export const OBSERVATION_ID = '01950c1e-8a3b-7c2d-9e4f-0a1b2c3d4e60';

export function patient(id = PATIENT_ID, versionId = '1', family = 'Nguyễn') {
  return {
    resourceType: 'Patient',
    id,
    meta: { versionId },
    name: [{ family, given: ['Thị', 'Ánh'], text: `${family} Thị Ánh` }],
    gender: 'female',
    birthDate: '1958-04-12',
  };
}

export function bodyWeight(id = OBSERVATION_ID, subjectId = PATIENT_ID) {
  return {
    resourceType: 'Observation',
    id,
    meta: { versionId: '2' },
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: '29463-7' }] },
    subject: { reference: `urn:uuid:${subjectId}` },
    valueQuantity: { value: 52.5, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
  };
}

type FixtureResource = EnvelopeResource;

export function fhirBundle(
  resources: FixtureResource[] = [patient(), bodyWeight()],
): EnvelopeFhirBundle {
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: resources.map((resource) => ({ fullUrl: `urn:uuid:${resource.id}`, resource })),
  };
}

export function headerFields(overrides: Partial<BundleHeaderFields> = {}): BundleHeaderFields {
  return {
    bundleId: '01950c1f-0000-7000-8000-000000000002',
    exportSetId: '01950c1f-0000-7000-8000-000000000001',
    part: 1,
    parts: 1,
    stationCode: STATION_CODE,
    sequence: 1,
    createdAt: '2026-03-02T03:04:05.000Z',
    previousBundleHash: null,
    ...overrides,
  };
}
