import { IDLE_LOCK_MINUTES, type Settings } from '../../src-shared/schemas/station';
import type { Db } from './connection';
import { prepared } from './statements';

const DEFAULTS: Settings = {
  idleLockMinutes: IDLE_LOCK_MINUTES.default,
  childBloodPressureTable: 'aap2017',
};

export function getSettings(db: Db): Settings {
  const rows = prepared(db, 'SELECT key, value FROM settings').all() as {
    key: string;
    value: string;
  }[];
  const stored = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
  return { ...DEFAULTS, ...stored } as Settings;
}

export function saveSettings(db: Db, settings: Settings, at: string, userId: string): void {
  const upsert = prepared(
    db,
    `INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at,
       updated_by = excluded.updated_by`,
  );
  for (const [key, value] of Object.entries(settings))
    upsert.run(key, JSON.stringify(value), at, userId);
}
