import { z } from 'zod';
import { todayInVietnam } from '../domain/dates';
import { checkPersonalId, PERSONAL_ID_PATTERN } from '../domain/personal-id';
import { ETHNICITY_CODES } from '../reference/ethnicities';
import { MESSAGE_KEY } from './messages';
import { isoDate, optionalText, personName } from './primitives';
import {
  EARLIEST_BIRTH_DATE,
  type RELATIONSHIPS,
  relationSchema,
  type ResidentInput,
  SEX_CODES,
} from './resident';

/**
 * A class roster as read from a spreadsheet or CSV file: every cell is text (NFC, trimmed),
 * dates already ISO. `rowNumber` is the row as the school sees it in Excel (1-based), so
 * problems can be pointed at in the school's own file.
 */
export const rosterTableSchema = z.object({
  sheetNames: z.array(z.string()),
  sheet: z.string(),
  /** 1-based row of the (last) header row. */
  headerRow: z.number().int().positive(),
  headers: z.array(z.string()),
  rows: z.array(
    z.object({
      rowNumber: z.number().int().positive(),
      cells: z.array(z.string()),
    }),
  ),
});
export type RosterTable = z.output<typeof rosterTableSchema>;

/** The columns of a roster the import understands. */
export const ROSTER_FIELD_KEYS = [
  'fullName',
  'familyAndMiddleName',
  'givenName',
  'birthDate',
  'sex',
  /** "Nam" column marked with an x (forms that split sex into two columns). */
  'sexMale',
  /** "Nữ" column marked with an x. */
  'sexFemale',
  'personalId',
  'pupilCode',
  'ethnicity',
  'className',
  'guardianName',
  'guardianRelationship',
  'guardianPhone',
  'street',
  'notes',
] as const;
export type RosterFieldKey = (typeof ROSTER_FIELD_KEYS)[number];

/** The relationships a pupil's contact person can have; a subset of the registry's. */
export const GUARDIAN_RELATIONSHIPS = [
  'father',
  'mother',
  'grandparent',
  'sibling',
  'guardian',
  'other',
] as const satisfies readonly (typeof RELATIONSHIPS)[number][];
export type GuardianRelationship = (typeof GUARDIAN_RELATIONSHIPS)[number];

/**
 * Which column (0-based index into `RosterTable.headers`) feeds which field, chosen by the
 * worker in the mapping step (pre-filled by `guessColumnMapping`).
 */
export const columnMappingSchema = z.object({
  columns: z.partialRecord(z.enum(ROSTER_FIELD_KEYS), z.number().int().min(0)),
  /**
   * The relationship of the guardian when the file has no relationship column: the header
   * "Họ tên mẹ" implies mother, "Họ tên phụ huynh" only guardian.
   */
  guardianRelationship: z.enum(GUARDIAN_RELATIONSHIPS).default('guardian'),
});
export type ColumnMapping = z.output<typeof columnMappingSchema>;

const phone = relationSchema.shape.phone;

export const rosterGuardianSchema = z.object({
  fullName: personName,
  relationship: z.enum(GUARDIAN_RELATIONSHIPS),
  phone,
});
export type RosterGuardian = z.output<typeof rosterGuardianSchema>;

/**
 * One validated pupil of a roster. Field for field it is the administrative part of
 * `residentInputSchema` (QĐ 831/QĐ-BYT part 1) that a school list can carry, so
 * `rosterPupilToResidentInput` only has to add the station's commune.
 */
export const rosterPupilSchema = z
  .object({
    fullName: personName,
    sex: z.enum(SEX_CODES, { error: MESSAGE_KEY.required }),
    birthDate: isoDate,
    /** 12-digit personal ID, '' when the list has none for this pupil. */
    personalId: z
      .string()
      .refine((s) => s === '' || PERSONAL_ID_PATTERN.test(s), 'validation.personalId.shape')
      .default(''),
    /** The school's own pupil code (mã học sinh), kept as text: leading zeros matter. */
    pupilCode: optionalText(30),
    ethnicity: z.enum(ETHNICITY_CODES).default('01'),
    className: optionalText(20),
    guardian: rosterGuardianSchema.nullable().default(null),
    /** A contact phone listed without a guardian's name. */
    contactPhone: phone,
    street: optionalText(200),
    notes: optionalText(500),
  })
  .superRefine((p, ctx) => {
    if (p.birthDate > todayInVietnam()) {
      ctx.addIssue({ code: 'custom', path: ['birthDate'], message: MESSAGE_KEY.dateInFuture });
    } else if (p.birthDate < EARLIEST_BIRTH_DATE) {
      ctx.addIssue({ code: 'custom', path: ['birthDate'], message: MESSAGE_KEY.dateTooOld });
    }
    if (p.personalId !== '' && PERSONAL_ID_PATTERN.test(p.personalId)) {
      for (const problem of checkPersonalId(p.personalId, p.birthDate, p.sex).errors) {
        ctx.addIssue({ code: 'custom', path: ['personalId'], message: `validation.${problem}` });
      }
    }
  });
export type RosterPupilInput = z.input<typeof rosterPupilSchema>;
export type RosterPupil = z.output<typeof rosterPupilSchema>;

export const ROSTER_ROW_STATUSES = ['ok', 'warning', 'error'] as const;
export type RosterRowStatus = (typeof ROSTER_ROW_STATUSES)[number];

/**
 * A problem found in one row. `messageKey` is a translation key (`roster.badDate`,
 * `roster.duplicateInFile:12`, or a shared `validation.*` key) with at most one parameter
 * after a colon, like every validation message (schemas/messages.ts).
 */
export const rosterProblemSchema = z.object({
  field: z.enum(ROSTER_FIELD_KEYS),
  messageKey: z.string(),
  severity: z.enum(['error', 'warning']),
});
export type RosterProblem = z.output<typeof rosterProblemSchema>;

export const rosterPreviewSchema = z.object({
  rows: z.array(
    z.object({
      rowNumber: z.number().int().positive(),
      status: z.enum(ROSTER_ROW_STATUSES),
      /** Present unless the row has an error. */
      pupil: rosterPupilSchema.optional(),
      problems: z.array(rosterProblemSchema),
    }),
  ),
  counts: z.object({
    ok: z.number().int().min(0),
    warning: z.number().int().min(0),
    error: z.number().int().min(0),
  }),
  /** Rows with nothing in any mapped column (empty lines, pre-numbered template rows). */
  skippedBlankRows: z.number().int().min(0),
});
export type RosterPreview = z.output<typeof rosterPreviewSchema>;
export type RosterPreviewRow = RosterPreview['rows'][number];

/**
 * The registry record for a pupil: the roster's fields, the station's commune as the
 * current address, and the guardian as a relation flagged as legal representative: a
 * child's consent goes through the legal representative, together with the child from the
 * age of 7 (Law 91/2025 on personal data protection).
 */
export function rosterPupilToResidentInput(pupil: RosterPupil, communeCode: string): ResidentInput {
  return {
    fullName: pupil.fullName,
    sex: pupil.sex,
    birthDate: pupil.birthDate,
    ethnicity: pupil.ethnicity,
    personalId: pupil.personalId,
    phones: pupil.contactPhone === '' ? [] : [{ number: pupil.contactPhone }],
    currentAddress: { communeCode, street: pupil.street },
    permanentSameAsCurrent: true,
    relations: pupil.guardian === null ? [] : [{ ...pupil.guardian, isGuardian: true }],
  };
}
