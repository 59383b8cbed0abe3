import type { Migration } from './index';

/** What a search result shows of a resident (ResidentSummary), plus the merge marker. */
const SUMMARY = `merged_into, id, full_name, sex, personal_id, temporary_id, bhyt, phone,
      commune_code, street`;

/**
 * Resident search answered from indexes alone. A page of 50 results used to read up to 50
 * scattered rows of the residents table (about 0.8 KB each, with the record's JSON); on the
 * encrypted station every such page is decrypted and its HMAC checked, so search cost grew
 * with the table rather than with the page shown. Each search index now carries the summary
 * columns (covering indexes, sqlite.org/queryplanner.html §1.7): a name search reads a few
 * consecutive index pages, an identifier search one compact entry per resident found.
 * residents_by_name (name_folded alone) is a prefix of the new name index and goes.
 */
export const migration0008: Migration = {
  version: 8,
  name: 'resident-search-indexes',
  sql: `
    DROP INDEX residents_by_name;
    DROP INDEX residents_by_name_birth;
    DROP INDEX residents_by_given_name_birth;
    CREATE INDEX residents_by_name_birth ON residents (name_folded, birth_date, ${SUMMARY});
    CREATE INDEX residents_by_given_name_birth ON residents (name_given_first, birth_date, ${SUMMARY});
    CREATE INDEX residents_summary_by_id ON residents (id, birth_date, merged_into, full_name, sex,
      personal_id, temporary_id, bhyt, phone, commune_code, street);
  `,
};
