import type { Station } from '../../src-shared/schemas/station';
import type { Db } from './connection';
import { prepared } from './statements';

export interface StationRow extends Station {
  id: string;
  createdAt: string;
}

export function getStation(db: Db): StationRow | null {
  const row = prepared(
    db,
    `SELECT id, commune_code AS communeCode, name, facility_code AS facilityCode, created_at AS createdAt
       FROM station`,
  ).get() as StationRow | undefined;
  return row ?? null;
}

export function insertStation(db: Db, station: StationRow): void {
  prepared(
    db,
    `INSERT INTO station (id, commune_code, name, facility_code, created_at)
     VALUES (@id, @communeCode, @name, @facilityCode, @createdAt)`,
  ).run(station);
}
