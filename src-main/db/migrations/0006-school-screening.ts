import type { Migration } from './index';

/**
 * School health (Joint Circular 13/2016/TTLT-BYT-BGDĐT): schools, classes per school year,
 * enrolled pupils (each a resident of the registry, so one child is one record whatever
 * school she moves to), screening consent, and one screening row per pupil and round, with
 * every version kept.
 */
export const migration0006: Migration = {
  version: 6,
  name: 'school-screening',
  sql: `
    CREATE TABLE schools (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      level TEXT NOT NULL CHECK (level IN ('preschool', 'primary', 'lowerSecondary', 'upperSecondary')),
      commune_code TEXT NOT NULL,
      address TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL REFERENCES users(id)
    ) STRICT;

    CREATE TABLE school_classes (
      id TEXT PRIMARY KEY,
      school_id TEXT NOT NULL REFERENCES schools(id),
      school_year TEXT NOT NULL,
      name TEXT NOT NULL,
      grade INTEGER NOT NULL CHECK (grade BETWEEN 0 AND 12),
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL REFERENCES users(id),
      UNIQUE (school_id, school_year, name)
    ) STRICT;

    CREATE TABLE class_enrolments (
      class_id TEXT NOT NULL REFERENCES school_classes(id),
      resident_id TEXT NOT NULL REFERENCES residents(id),
      pupil_code TEXT NOT NULL DEFAULT '',
      -- Screening consent (Law 91/2025): guardian always, the pupil too from age 7.
      consent TEXT CHECK (consent IS NULL OR json_valid(consent)),
      enrolled_at TEXT NOT NULL,
      enrolled_by TEXT NOT NULL REFERENCES users(id),
      PRIMARY KEY (class_id, resident_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX class_enrolments_by_resident ON class_enrolments (resident_id);

    CREATE TABLE school_screenings (
      id TEXT PRIMARY KEY,
      class_id TEXT NOT NULL REFERENCES school_classes(id),
      resident_id TEXT NOT NULL REFERENCES residents(id),
      round TEXT NOT NULL CHECK (round IN ('I', 'II')),
      version INTEGER NOT NULL CHECK (version > 0),
      screened_on TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('measured', 'absent')),
      updated_at TEXT NOT NULL,
      updated_by TEXT NOT NULL REFERENCES users(id),
      UNIQUE (class_id, resident_id, round)
    ) STRICT;
    CREATE INDEX school_screenings_by_resident ON school_screenings (resident_id);

    CREATE TABLE school_screening_versions (
      screening_id TEXT NOT NULL REFERENCES school_screenings(id),
      version INTEGER NOT NULL CHECK (version > 0),
      data TEXT NOT NULL CHECK (json_valid(data)),
      saved_at TEXT NOT NULL,
      saved_by TEXT NOT NULL REFERENCES users(id),
      PRIMARY KEY (screening_id, version)
    ) STRICT;
  `,
};
