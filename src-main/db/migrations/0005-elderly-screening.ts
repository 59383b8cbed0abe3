import type { Migration } from './index';

/**
 * Elderly screening (Law on the Elderly 2009, Circular 35/2011: at least one check a year for
 * people aged 60+), after the adult health-check template (QĐ 1551 template 2). Every
 * version is kept. Classifications are recomputed from the stored values whenever shown;
 * only what the lists need (any positive finding, referral) is kept in columns.
 */
export const migration0005: Migration = {
  version: 5,
  name: 'elderly-screening',
  sql: `
    CREATE TABLE elderly_screenings (
      id TEXT PRIMARY KEY,
      resident_id TEXT NOT NULL REFERENCES residents(id),
      version INTEGER NOT NULL CHECK (version > 0),
      screened_on TEXT NOT NULL,
      -- Referral reasons suggested or chosen when saved (follow-up list); '[]' when none.
      positive_findings TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(positive_findings)),
      referred INTEGER NOT NULL DEFAULT 0 CHECK (referred IN (0, 1)),
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL REFERENCES users(id),
      updated_at TEXT NOT NULL,
      updated_by TEXT NOT NULL REFERENCES users(id)
    ) STRICT;
    CREATE INDEX elderly_screenings_by_resident ON elderly_screenings (resident_id, screened_on);
    CREATE INDEX elderly_screenings_by_date ON elderly_screenings (screened_on);

    CREATE TABLE elderly_screening_versions (
      screening_id TEXT NOT NULL REFERENCES elderly_screenings(id),
      version INTEGER NOT NULL CHECK (version > 0),
      data TEXT NOT NULL CHECK (json_valid(data)),
      saved_at TEXT NOT NULL,
      saved_by TEXT NOT NULL REFERENCES users(id),
      PRIMARY KEY (screening_id, version)
    ) STRICT;

    -- The annual-check list reads the station commune's residents by date of birth (aged 60+
    -- on a given day).
    CREATE INDEX residents_by_commune_birth ON residents (commune_code, birth_date);
  `,
};
