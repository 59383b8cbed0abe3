import type { Migration } from './index';

/**
 * Duplicate residents (domain guide, "Names and search": the main data-quality problem of
 * every comparable system). A supervisor merges two records of one person: the retired
 * record keeps its history and points at the one that continues (`merged_into`), and
 * groups she reviewed and found to be different people are remembered so they stop
 * coming back.
 *
 * The given-name-first index also gains the date of birth, so a given-name search reads its
 * first page in index order instead of sorting every match (registry search target).
 */
export const migration0004: Migration = {
  version: 4,
  name: 'duplicate-merge',
  sql: `
    ALTER TABLE residents ADD COLUMN merged_into TEXT REFERENCES residents(id);
    ALTER TABLE residents ADD COLUMN merged_at TEXT;
    CREATE INDEX residents_by_merged_into ON residents (merged_into) WHERE merged_into IS NOT NULL;

    DROP INDEX residents_by_given_name;
    CREATE INDEX residents_by_given_name_birth ON residents (name_given_first, birth_date);

    -- A group (same folded name and date of birth) a supervisor found to be different people.
    -- Keyed by its members, so a new look-alike joining the group brings it back for review.
    CREATE TABLE duplicate_dismissals (
      name_folded TEXT NOT NULL,
      birth_date TEXT NOT NULL,
      member_ids TEXT NOT NULL CHECK (json_valid(member_ids)),
      dismissed_at TEXT NOT NULL,
      dismissed_by TEXT NOT NULL REFERENCES users(id),
      PRIMARY KEY (name_folded, birth_date, member_ids)
    ) STRICT;

    -- Merges, for the subject record and for sync (the retired record goes to the city with a
    -- link to the one that continues).
    CREATE TABLE resident_merges (
      retired_id TEXT PRIMARY KEY REFERENCES residents(id),
      survivor_id TEXT NOT NULL REFERENCES residents(id),
      reason TEXT NOT NULL,
      merged_at TEXT NOT NULL,
      merged_by TEXT NOT NULL REFERENCES users(id),
      CHECK (retired_id <> survivor_id)
    ) STRICT;
    CREATE INDEX resident_merges_by_survivor ON resident_merges (survivor_id);
  `,
};
