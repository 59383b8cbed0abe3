import { z } from 'zod';
import { recordId, text } from './primitives';
import { residentSummarySchema } from './resident';

/**
 * Duplicate people are the registry's main data-quality problem (domain guide, "Names and
 * search"). A possible duplicate group is residents with the same folded name and date of
 * birth; the evidence shown beside them (commune, phone, insurance number, declarations)
 * is what a supervisor weighs before merging.
 */
export const duplicateMemberSchema = residentSummarySchema.extend({
  version: z.number().int().positive(),
  declarationVersion: z.number().int().min(0),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type DuplicateMember = z.output<typeof duplicateMemberSchema>;

export const duplicateGroupSchema = z.object({
  nameFolded: z.string(),
  birthDate: z.string(),
  members: z.array(duplicateMemberSchema).min(2),
  /** Shared evidence beyond name and date of birth, strongest first. */
  evidence: z.array(z.enum(['samePersonalId', 'sameInsurance', 'samePhone', 'sameCommune'])),
});
export type DuplicateGroup = z.output<typeof duplicateGroupSchema>;

export const duplicateListSchema = z.object({
  groups: z.array(duplicateGroupSchema),
  /** Groups beyond the page shown (the list is worked through from the top). */
  more: z.boolean(),
});

export const dismissDuplicatesSchema = z
  .object({
    memberIds: z.array(recordId).min(2).max(20),
  })
  .strict();

export const mergeResidentsSchema = z
  .object({
    /** The record that continues: it keeps its id, and gains what only the other had. */
    survivorId: recordId,
    survivorVersion: z.number().int().positive(),
    /** The record that is retired: kept with its history, pointing at the survivor. */
    retiredId: recordId,
    retiredVersion: z.number().int().positive(),
    reason: text(500).min(1),
  })
  .strict()
  .refine((m) => m.survivorId !== m.retiredId, {
    path: ['retiredId'],
    message: 'validation.mergeSameResident',
  });
export type MergeResidentsInput = z.input<typeof mergeResidentsSchema>;

export const mergeLinkSchema = z.object({
  residentId: recordId,
  fullName: z.string(),
  at: z.string(),
  userName: z.string(),
  reason: z.string(),
});
export type MergeLink = z.output<typeof mergeLinkSchema>;

/** Where a resident stands in merges: retired into another record, or absorbing others. */
export const residentMergesSchema = z.object({
  mergedInto: mergeLinkSchema.nullable(),
  mergedFrom: z.array(mergeLinkSchema),
});
export type ResidentMerges = z.output<typeof residentMergesSchema>;
