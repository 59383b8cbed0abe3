import { z } from 'zod';
import { REFERRAL_REASONS } from '../clinical/referral';
import type { Role } from '../domain/roles';
import { elderlyScreeningSchema } from '../schemas/elderly-screening';
import { recordId } from '../schemas/primitives';
import { auditStampSchema, residentSummarySchema } from '../schemas/resident';
import { spec } from './spec';

/** Elderly screening is station work: not a school nurse's. */
const ELDERLY_SCREENERS: readonly Role[] = ['administrator', 'health_worker', 'supervisor'];

export const elderlyScreeningRecordSchema = z.object({
  id: recordId,
  version: z.number().int().positive(),
  residentId: recordId,
  screening: elderlyScreeningSchema,
  saved: auditStampSchema,
});

export const elderlyScreeningSummarySchema = z.object({
  id: recordId,
  version: z.number().int().positive(),
  screenedOn: z.string(),
  referred: z.boolean(),
  /** Referral reasons found when it was saved (codes of src-shared/clinical/referral.ts). */
  positiveFindings: z.array(z.enum(REFERRAL_REASONS)),
  saved: auditStampSchema,
});

/** How the lists sort: by name (given name first, as Vietnamese lists do), age, last check, address. */
export const elderlyListOrderSchema = z.enum(['name', 'birthDate', 'lastScreened', 'address']);

export const elderlyContract = {
  'elderly.list': spec(
    z.object({ residentId: recordId }).strict(),
    z.array(elderlyScreeningSummarySchema),
    ELDERLY_SCREENERS,
  ),
  'elderly.get': spec(
    z.object({ id: recordId, version: z.number().int().positive().optional() }).strict(),
    elderlyScreeningRecordSchema,
    ELDERLY_SCREENERS,
  ),
  'elderly.save': spec(
    z
      .object({
        id: recordId.nullable(),
        /** 0 for a new screening. */
        expectedVersion: z.number().int().min(0),
        screening: elderlyScreeningSchema,
      })
      .strict(),
    elderlyScreeningRecordSchema,
    ELDERLY_SCREENERS,
  ),
  'elderly.due': spec(
    z.object({ orderBy: elderlyListOrderSchema.default('lastScreened') }).strict(),
    z.object({
      onDate: z.string(),
      rows: z.array(
        z.object({
          resident: residentSummarySchema,
          age: z.number().int(),
          lastScreenedOn: z.string().nullable(),
        }),
      ),
    }),
    ELDERLY_SCREENERS,
  ),
  'elderly.followUp': spec(
    z.object({ orderBy: elderlyListOrderSchema.default('lastScreened') }).strict(),
    z.array(
      z.object({
        resident: residentSummarySchema,
        screeningId: recordId,
        screenedOn: z.string(),
        positiveFindings: z.array(z.enum(REFERRAL_REASONS)),
        referred: z.boolean(),
      }),
    ),
    ELDERLY_SCREENERS,
  ),
  'elderly.exportList': spec(
    z
      .object({
        list: z.enum(['due', 'followUp']),
        orderBy: elderlyListOrderSchema.default('lastScreened'),
      })
      .strict(),
    z.object({ fileName: z.string(), mimeType: z.literal('application/pdf'), base64: z.string() }),
    ELDERLY_SCREENERS,
  ),
};
