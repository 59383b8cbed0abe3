import { describe, expect, it } from 'vitest';
import {
  checkReceiptAgainst,
  receiptSchema,
  type Receipt,
} from '../../../../src-shared/sync/receipt';

const PATIENT = {
  resourceType: 'Patient',
  id: '01950c1e-8a3b-7c2d-9e4f-0a1b2c3d4e5f',
  versionId: '1',
};
const OBSERVATION = {
  resourceType: 'Observation',
  id: '01950c1e-8a3b-7c2d-9e4f-0a1b2c3d4e60',
  versionId: '2',
};

const RECEIPT: Receipt = {
  receiptId: '01950c20-1111-7000-8000-000000000001',
  bundleId: '01950c1f-0000-7000-8000-000000000002',
  bundleHash: 'e'.repeat(64),
  stationCode: 'TYT-26911',
  sequence: 3,
  receivedAt: '2026-03-02T04:00:00Z',
  records: [
    { ...PATIENT, status: 'accepted' },
    { ...OBSERVATION, status: 'rejected', reason: 'FHIR_INVALID' },
  ],
};

const catchCode = (call: () => void): unknown => {
  try {
    call();
  } catch (error) {
    return (error as { code?: unknown }).code;
  }
  return 'no error';
};

describe('receipt content', () => {
  it('accepts a receipt with a reason for each rejected record only', () => {
    expect(receiptSchema.parse(RECEIPT)).toEqual(RECEIPT);
  });

  it.each<[string, Receipt['records'][number]]>([
    ['a rejection without a reason', { ...OBSERVATION, status: 'rejected' }],
    ['an acceptance with a reason', { ...OBSERVATION, status: 'accepted', reason: 'FHIR_INVALID' }],
    ['a reason that is not a code', { ...OBSERVATION, status: 'rejected', reason: 'sai dữ liệu' }],
  ])('refuses %s', (_, record) => {
    expect(receiptSchema.safeParse({ ...RECEIPT, records: [record] }).success).toBe(false);
  });

  it('matches what the station sent', () => {
    expect(
      catchCode(() =>
        checkReceiptAgainst(RECEIPT, {
          stationCode: 'TYT-26911',
          bundleId: RECEIPT.bundleId,
          bundleHash: RECEIPT.bundleHash,
          records: [OBSERVATION, PATIENT],
        }),
      ),
    ).toBe('no error');
  });

  it.each<[string, Parameters<typeof checkReceiptAgainst>[1], string]>([
    ['another station', { stationCode: 'TYT-26914' }, 'RECEIPT_WRONG_STATION'],
    [
      'another bundle id',
      { stationCode: 'TYT-26911', bundleId: '01950c1f-0000-7000-8000-000000000009' },
      'RECEIPT_WRONG_BUNDLE',
    ],
    [
      'another bundle hash',
      { stationCode: 'TYT-26911', bundleHash: 'f'.repeat(64) },
      'RECEIPT_WRONG_BUNDLE',
    ],
    ['fewer records', { stationCode: 'TYT-26911', records: [PATIENT] }, 'RECEIPT_RECORDS_MISMATCH'],
    [
      'another version',
      { stationCode: 'TYT-26911', records: [PATIENT, { ...OBSERVATION, versionId: '3' }] },
      'RECEIPT_RECORDS_MISMATCH',
    ],
  ])('refuses a receipt meant for %s', (_, expected, code) => {
    expect(catchCode(() => checkReceiptAgainst(RECEIPT, expected))).toBe(code);
  });
});
