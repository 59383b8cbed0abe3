import { AppFailure } from '../../src-shared/ipc/errors';
import {
  buildEnrollment,
  ed25519PublicJwkSchema,
  readableFingerprint,
  type Ed25519PrivateJwk,
  type Enrollment,
} from '../../src-shared/sync/enrollment';
import { isSyncError, type SyncError } from '../../src-shared/sync/sync-errors';
import type { Db } from '../db/connection';
import {
  getActiveSupervisorKey,
  getStationKeyRow,
  insertSupervisorKey,
  listEnrolledSupervisorKeys,
  replaceSealedPrivate,
  saveStationKeyRow,
} from '../db/sync-repository';
import { getStation } from '../db/station-repository';
import type { SecretStore } from '../security/secret-store';
import {
  describeKey,
  exportJwk,
  generateSigningKey,
  importSigningPrivateKey,
  keyId,
  openPrivateKey,
  publicJwkOf,
  sealPrivateKey,
} from './keys';

/**
 * The station's and the supervisors' signing keys (docs/sync-protocol.md §2). The station's
 * private key lives in the SecretStore (OS keychain), its public half in the database for
 * the enrollment file; a supervisor's private key is kept sealed under her password.
 */

export const STATION_KEY_SECRET = 'sync-station-key';

export interface KeyDescription {
  kid: string;
  fingerprint: string;
}

/** A SyncError as the IPC error the screens show: details.reason is the code. */
export function syncRefused(error: SyncError): AppFailure {
  return new AppFailure('SYNC_REFUSED', error.message, { details: { reason: error.code } });
}

/** Runs `work`, turning a SyncError into SYNC_REFUSED. */
export async function refusingSyncErrors<T>(work: () => Promise<T> | T): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isSyncError(error)) throw syncRefused(error);
    throw error;
  }
}

function requireSecretStore(secretStore: SecretStore | undefined): SecretStore {
  if (!secretStore) {
    throw new AppFailure('NOT_SET_UP', 'This station has no secret store for its signing key.');
  }
  return secretStore;
}

/**
 * The station's private signing key, created on first use: at set-up, or for a station set
 * up before sync existed. `onCreated` runs inside the transaction that records the public
 * half (to audit it). A public half that disagrees with the stored private key is repaired
 * from the private key, which is what actually signs.
 */
export async function stationSigningKey(
  db: Db,
  secretStore: SecretStore | undefined,
  at: string,
  onCreated: (kid: string) => void = () => undefined,
): Promise<{ privateJwk: Ed25519PrivateJwk; kid: string }> {
  const store = requireSecretStore(secretStore);
  const saved = store.load(STATION_KEY_SECRET);
  if (saved) {
    const privateJwk = importSigningPrivateKey(saved);
    const kid = await keyId(privateJwk);
    if (getStationKeyRow(db)?.kid !== kid) {
      db.transaction(() =>
        saveStationKeyRow(db, { kid, publicJwk: exportJwk(publicJwkOf(privateJwk)) }, at),
      )();
    }
    return { privateJwk, kid };
  }
  const generated = await generateSigningKey();
  store.save(STATION_KEY_SECRET, Buffer.from(exportJwk(generated.privateJwk)));
  db.transaction(() => {
    saveStationKeyRow(db, { kid: generated.kid, publicJwk: exportJwk(generated.publicJwk) }, at);
    onCreated(generated.kid);
  })();
  return { privateJwk: generated.privateJwk, kid: generated.kid };
}

export function describeStationKey(db: Db): KeyDescription | null {
  const row = getStationKeyRow(db);
  return row ? { kid: row.kid, fingerprint: readableFingerprint(row.kid) } : null;
}

export function describeSupervisorKey(db: Db, userId: string): KeyDescription | null {
  const row = getActiveSupervisorKey(db, userId);
  return row ? { kid: row.kid, fingerprint: readableFingerprint(row.kid) } : null;
}

/**
 * A new key pair for a supervisor, sealed under her password (already verified by the
 * caller). Any key she had is retired first by the caller's transaction: one active key each.
 */
export async function newSealedSupervisorKey(
  password: string,
): Promise<{ kid: string; publicJwk: string; sealedPrivate: string }> {
  const generated = await generateSigningKey();
  const sealed = await sealPrivateKey(generated.privateJwk, password);
  return {
    kid: generated.kid,
    publicJwk: exportJwk(generated.publicJwk),
    sealedPrivate: JSON.stringify(sealed),
  };
}

export function storeSupervisorKey(
  db: Db,
  userId: string,
  key: { kid: string; publicJwk: string; sealedPrivate: string },
  at: string,
): void {
  insertSupervisorKey(db, { ...key, userId }, at);
}

/** Her private key, unlocked by her password (KEY_PASSWORD_WRONG otherwise). */
export async function unlockSupervisorKey(
  db: Db,
  userId: string,
  password: string,
): Promise<{ privateJwk: Ed25519PrivateJwk; kid: string }> {
  const row = getActiveSupervisorKey(db, userId);
  if (!row) {
    throw new AppFailure(
      'NOT_SET_UP',
      'This supervisor has no signing key yet: set one up on the Sync screen first.',
    );
  }
  const privateJwk = await openPrivateKey(row.sealedPrivate, password);
  return { privateJwk, kid: row.kid };
}

/**
 * The password changed (src-main/ipc/handlers/account-handlers.ts): her sealed key is opened
 * with the old password and sealed again under the new one. Returns the write to run inside
 * the password change's transaction, or null when she has no key.
 */
export async function resealSupervisorKey(
  db: Db,
  userId: string,
  oldPassword: string,
  newPassword: string,
): Promise<(() => void) | null> {
  const row = getActiveSupervisorKey(db, userId);
  if (!row) return null;
  const privateJwk = await openPrivateKey(row.sealedPrivate, oldPassword);
  const sealed = JSON.stringify(await sealPrivateKey(privateJwk, newPassword));
  return () => replaceSealedPrivate(db, row.kid, sealed);
}

/**
 * The enrollment file the city registers (docs/sync-protocol.md §2.3): station code = the
 * station's facility code, the station key and every active supervisor key.
 */
export async function stationEnrollment(
  db: Db,
  secretStore: SecretStore | undefined,
  at: string,
  onStationKeyCreated?: (kid: string) => void,
): Promise<Enrollment> {
  const station = getStation(db);
  if (!station) throw new AppFailure('NOT_SET_UP', 'The station is not set up.');
  const { privateJwk, kid } = await stationSigningKey(db, secretStore, at, onStationKeyCreated);
  const supervisors = listEnrolledSupervisorKeys(db);
  if (supervisors.length === 0) {
    throw new AppFailure(
      'NOT_SET_UP',
      'No supervisor has a signing key yet: a supervisor sets hers up on the Sync screen first.',
    );
  }
  return buildEnrollment({
    station: {
      stationCode: stationCodeOf(station.facilityCode),
      communeCode: station.communeCode,
      facilityCode: station.facilityCode,
      name: station.name,
    },
    createdAt: at,
    stationKey: { kid, jwk: publicJwkOf(privateJwk) },
    supervisorKeys: await Promise.all(
      supervisors.map(async (s) => {
        const jwk = ed25519PublicJwkSchema.parse(JSON.parse(s.publicJwk));
        const description = await describeKey(jwk);
        return { username: s.username, fullName: s.fullName, kid: description.kid, jwk };
      }),
    ),
  });
}

/** The station code the city knows the station by: its facility code (upper case). */
export function stationCodeOf(facilityCode: string): string {
  return facilityCode.toUpperCase();
}

export function stationCode(db: Db): string {
  const station = getStation(db);
  if (!station) throw new AppFailure('NOT_SET_UP', 'The station is not set up.');
  return stationCodeOf(station.facilityCode);
}
