import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATABASE_KEY_BYTES } from '../db/driver';
import { writeFileAtomic } from '../security/secret-store';
import {
  newCityKeyRing,
  publicJwkSetOf,
  readCityKeyRing,
  rotateCityKeyRing,
  type CityKeyRing,
} from './city-keys';
import { openSqliteCityStore, type SqliteCityStoreStorage } from './sqlite-storage';

/**
 * The city store's data directory (docs/city-store.md):
 *
 *   city-store.sqlite3       the database (encrypted with database.key), with -wal and -shm
 *   database.key             the database key: 32 random bytes as hex, mode 0600
 *   city-private-keys.json   the city's private keys, every one ever used, mode 0600
 *   city-public-keys.json    the current public keys, a JWK Set to hand to stations
 */
export const CITY_STORE_FILES = {
  database: 'city-store.sqlite3',
  databaseKey: 'database.key',
  privateKeys: 'city-private-keys.json',
  publicKeys: 'city-public-keys.json',
} as const;

export class CityStoreDirectoryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CityStoreDirectoryError';
  }
}

function pathOf(dataDirectory: string, name: keyof typeof CITY_STORE_FILES): string {
  return join(dataDirectory, CITY_STORE_FILES[name]);
}

function writePublicKeys(dataDirectory: string, ring: CityKeyRing): void {
  writeFileAtomic(
    pathOf(dataDirectory, 'publicKeys'),
    `${JSON.stringify(publicJwkSetOf(ring), null, 2)}\n`,
    0o644,
  );
}

function writeKeyRing(dataDirectory: string, ring: CityKeyRing): void {
  writeFileAtomic(pathOf(dataDirectory, 'privateKeys'), `${JSON.stringify(ring, null, 2)}\n`);
}

/**
 * Creates a city store: keys, database key, empty database. Refuses a directory that already
 * holds a store, so that a second `init` can never replace the keys stations encrypt to.
 */
export async function initCityStore(dataDirectory: string, now: string): Promise<CityKeyRing> {
  for (const name of ['privateKeys', 'database', 'databaseKey'] as const) {
    if (existsSync(pathOf(dataDirectory, name))) {
      throw new CityStoreDirectoryError(
        `${pathOf(dataDirectory, name)} already exists: this directory already holds a city store. ` +
          'Nothing was changed.',
      );
    }
  }
  mkdirSync(dataDirectory, { recursive: true, mode: 0o700 });
  const ring = await newCityKeyRing(now);
  writeFileAtomic(
    pathOf(dataDirectory, 'databaseKey'),
    `${randomBytes(DATABASE_KEY_BYTES).toString('hex')}\n`,
  );
  writeKeyRing(dataDirectory, ring);
  writePublicKeys(dataDirectory, ring);
  openCityStoreDatabase(dataDirectory).close();
  return ring;
}

export async function readCityStoreKeys(dataDirectory: string): Promise<CityKeyRing> {
  const file = pathOf(dataDirectory, 'privateKeys');
  if (!existsSync(file)) {
    throw new CityStoreDirectoryError(
      `${file} does not exist: run "city-store init --data-dir ${dataDirectory}" first.`,
    );
  }
  return readCityKeyRing(readFileSync(file, 'utf8'));
}

/** A new current key pair; the old keys stay in the ring. Rewrites the public key set. */
export async function rotateCityStoreKeys(
  dataDirectory: string,
  now: string,
): Promise<CityKeyRing> {
  const ring = await rotateCityKeyRing(await readCityStoreKeys(dataDirectory), now);
  writeKeyRing(dataDirectory, ring);
  writePublicKeys(dataDirectory, ring);
  return ring;
}

function readDatabaseKey(dataDirectory: string): Buffer {
  const file = pathOf(dataDirectory, 'databaseKey');
  if (!existsSync(file)) {
    throw new CityStoreDirectoryError(
      `${file} does not exist: run "city-store init --data-dir ${dataDirectory}" first.`,
    );
  }
  const hex = readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/.test(hex)) {
    throw new CityStoreDirectoryError(`${file} is not a 256-bit key in hexadecimal.`);
  }
  return Buffer.from(hex, 'hex');
}

export function openCityStoreDatabase(dataDirectory: string): SqliteCityStoreStorage {
  return openSqliteCityStore(pathOf(dataDirectory, 'database'), {
    key: readDatabaseKey(dataDirectory),
  });
}

export function cityStorePaths(
  dataDirectory: string,
): Record<keyof typeof CITY_STORE_FILES, string> {
  return {
    database: pathOf(dataDirectory, 'database'),
    databaseKey: pathOf(dataDirectory, 'databaseKey'),
    privateKeys: pathOf(dataDirectory, 'privateKeys'),
    publicKeys: pathOf(dataDirectory, 'publicKeys'),
  };
}
