import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import {
  base64urlToBytes,
  buildEnrollment,
  enrolledKeysOf,
  fingerprintMatches,
  normalizeFingerprint,
  readableFingerprint,
  type EnrollmentInput,
} from '../../../../src-shared/sync/enrollment';

/** RFC 8037 appendix A.1 key: its A.3 thumbprint in base64url and in hex. */
const RFC8037_PUBLIC = {
  kty: 'OKP',
  crv: 'Ed25519',
  x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo',
} as const;
const RFC8037_KID = 'kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k';
const RFC8037_HEX = '90facafea9b1556698540f70c0117a22ea37bd5cf3ed3c47093c1707282b4b89';
/** RFC 8032 §7.1 TEST 2 public key, and its RFC 7638 thumbprint. */
const SECOND_PUBLIC = {
  kty: 'OKP',
  crv: 'Ed25519',
  x: 'PUAXw-hDiVqStwqnTRt-vJyYLM8uxJaMwM1V8Sr0Zgw',
} as const;
const SECOND_KID = 'FtIu-VbGrfe_KB6CH7GNwODB72MNxj_ml11dEvO-7kk';

describe('fingerprints', () => {
  it('decodes base64url as RFC 4648 §5 does', () => {
    expect(Array.from(base64urlToBytes('-_8')!)).toEqual([0xfb, 0xff]);
    expect(base64urlToBytes('a+b/')).toBeNull();
    expect(base64urlToBytes('abcde')).toBeNull();
  });

  it('reads a key id as 16 groups of 4 hexadecimal capitals', () => {
    expect(readableFingerprint(RFC8037_KID)).toBe(
      '90FA CAFE A9B1 5566 9854 0F70 C011 7A22 EA37 BD5C F3ED 3C47 093C 1707 282B 4B89',
    );
    expect(() => readableFingerprint('short')).toThrow(TypeError);
  });

  it.each([
    RFC8037_KID,
    RFC8037_HEX,
    RFC8037_HEX.toUpperCase(),
    '90:fa:ca:fe:a9:b1:55:66:98:54:0f:70:c0:11:7a:22:ea:37:bd:5c:f3:ed:3c:47:09:3c:17:07:28:2b:4b:89',
    ' 90FA CAFE A9B1 5566\n9854 0F70 C011 7A22\nEA37 BD5C F3ED 3C47\n093C 1707 282B 4B89 ',
    '９０FA CAFE A9B1 5566 9854 0F70 C011 7A22 EA37 BD5C F3ED 3C47 093C 1707 282B 4B89',
  ])('understands %j as the same fingerprint', (typed) => {
    expect(normalizeFingerprint(typed)).toBe(RFC8037_HEX);
    expect(fingerprintMatches(RFC8037_KID, typed)).toBe(true);
  });

  it('does not match a fingerprint one digit off, too short, or of another key', () => {
    expect(fingerprintMatches(RFC8037_KID, RFC8037_HEX.replace(/9$/, '8'))).toBe(false);
    expect(fingerprintMatches(RFC8037_KID, RFC8037_HEX.slice(0, 60))).toBe(false);
    expect(fingerprintMatches(RFC8037_KID, SECOND_KID)).toBe(false);
    expect(normalizeFingerprint('không phải')).toBeNull();
  });
});

describe('enrollment file', () => {
  const input: EnrollmentInput = {
    station: {
      stationCode: 'TYT-26911',
      communeCode: '26911',
      facilityCode: 'BQ001',
      name: 'Tra\u0323m Y tê\u0301 phươ\u0300ng Bi\u0300nh Quơ\u0301i',
    },
    createdAt: '2026-03-01T01:00:00Z',
    stationKey: { kid: RFC8037_KID, jwk: RFC8037_PUBLIC },
    supervisorKeys: [
      { username: 'lan.tran', fullName: 'Trần Thị Lan', kid: SECOND_KID, jwk: SECOND_PUBLIC },
    ],
  };

  it('builds the file with readable fingerprints and text in NFC', () => {
    const enrollment = buildEnrollment(input);
    expect(enrollment.format).toBe('ward-health-station/enrollment@1');
    expect(enrollment.station.name).toBe('Trạm Y tế phường Bình Quới'.normalize('NFC'));
    expect(enrollment.stationKey).toEqual({
      kid: RFC8037_KID,
      fingerprint: readableFingerprint(RFC8037_KID),
      jwk: RFC8037_PUBLIC,
    });
    expect(enrollment.supervisorKeys[0]!.key.fingerprint).toBe(readableFingerprint(SECOND_KID));
  });

  it('lists the keys by role for the receiver, each bound to the station', () => {
    expect(enrolledKeysOf(buildEnrollment(input))).toEqual({
      stationKeys: [{ kid: RFC8037_KID, jwk: RFC8037_PUBLIC, stationCode: 'TYT-26911' }],
      supervisorKeys: [{ kid: SECOND_KID, jwk: SECOND_PUBLIC, stationCode: 'TYT-26911' }],
    });
  });

  it.each<[string, (i: EnrollmentInput) => EnrollmentInput]>([
    ['no supervisor key', (i) => ({ ...i, supervisorKeys: [] })],
    [
      'the station key again as a supervisor key',
      (i) => ({
        ...i,
        supervisorKeys: [{ username: 'lan.tran', fullName: 'Trần Thị Lan', ...i.stationKey }],
      }),
    ],
    [
      'a commune outside the city',
      (i) => ({ ...i, station: { ...i.station, communeCode: '00001' } }),
    ],
    [
      'a private key',
      (i) => ({
        ...i,
        stationKey: {
          ...i.stationKey,
          jwk: { ...RFC8037_PUBLIC, d: RFC8037_PUBLIC.x } as typeof RFC8037_PUBLIC,
        },
      }),
    ],
  ])('refuses %s', (_, change) => {
    expect(() => buildEnrollment(change(input))).toThrow(ZodError);
  });
});
