import { z } from 'zod';
import { ROLES, type Role } from '../domain/roles';
import {
  declarationVersionSchema,
  declarationVersionSummarySchema,
  draftSchema,
  submitDeclarationSchema,
} from '../schemas/declaration';
import '../schemas/messages';
import {
  residentInputSchema,
  residentRecordSchema,
  residentSummarySchema,
} from '../schemas/resident';
import { sessionSchema, setupSchema, signInSchema } from '../schemas/station';
import { recordId } from '../schemas/primitives';
import type { Channel } from './channels';

/** Who may call a channel: `public` needs no session (set-up, sign-in). */
export type Access = 'public' | readonly Role[];

export interface ChannelSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  access: Access;
}

const spec = <I extends z.ZodType, O extends z.ZodType>(
  input: I,
  output: O,
  access: Access,
): ChannelSpec<I, O> => ({ input, output, access });

const EVERYONE = ROLES;
/** Registering and correcting residents: every clinical role (a pupil is a resident too). */
const REGISTRY_WRITERS: readonly Role[] = [
  'administrator',
  'health_worker',
  'supervisor',
  'school_nurse',
];
/** Health declarations are taken at the station, not on school screening days. */
const DECLARATION_WRITERS: readonly Role[] = ['administrator', 'health_worker', 'supervisor'];
const SYNC_READERS: readonly Role[] = [
  'administrator',
  'supervisor',
  'health_worker',
  'school_nurse',
];

const none = z.object({}).strict();
const residentRef = z.object({ residentId: recordId }).strict();

export const searchInputSchema = z
  .object({
    query: z.string().max(100),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict();

export const appInfoSchema = z.object({
  version: z.string(),
  schemaVersion: z.number().int(),
  dataDirectory: z.string(),
  shell: z.enum(['electron', 'browser']),
});

export const draftStateSchema = z.object({
  baseVersion: z.number().int().min(0),
  data: z.record(z.string(), z.unknown()),
  savedAt: z.string(),
  savedBy: z.string(),
});

export const contract = {
  'app.info': spec(none, appInfoSchema, 'public'),
  'setup.status': spec(none, z.object({ configured: z.boolean() }), 'public'),
  'setup.initialize': spec(setupSchema, sessionSchema, 'public'),
  'auth.session': spec(none, sessionSchema.nullable(), 'public'),
  'auth.signIn': spec(signInSchema, sessionSchema, 'public'),
  'auth.signOut': spec(none, z.null(), 'public'),
  'resident.search': spec(
    searchInputSchema,
    z.object({
      kind: z.enum(['identifier', 'name', 'empty']),
      results: z.array(residentSummarySchema),
    }),
    EVERYONE,
  ),
  'resident.get': spec(
    z.object({ id: recordId }).strict(),
    z.object({ record: residentRecordSchema, declarationVersion: z.number().int().min(0) }),
    EVERYONE,
  ),
  'resident.create': spec(
    z
      .object({
        resident: residentInputSchema,
        /** Candidate duplicates the worker looked at and confirmed are other people. */
        duplicateAcknowledged: z.array(recordId).max(50).default([]),
      })
      .strict(),
    residentRecordSchema,
    REGISTRY_WRITERS,
  ),
  'resident.update': spec(
    z
      .object({
        id: recordId,
        expectedVersion: z.number().int().positive(),
        resident: residentInputSchema,
        duplicateAcknowledged: z.array(recordId).max(50).default([]),
      })
      .strict(),
    residentRecordSchema,
    REGISTRY_WRITERS,
  ),
  'declaration.current': spec(
    residentRef,
    z.object({ latest: declarationVersionSchema.nullable(), draft: draftStateSchema.nullable() }),
    EVERYONE,
  ),
  'declaration.saveDraft': spec(
    draftSchema,
    z.object({ savedAt: z.string() }),
    DECLARATION_WRITERS,
  ),
  'declaration.discardDraft': spec(residentRef, z.null(), DECLARATION_WRITERS),
  'declaration.submit': spec(
    submitDeclarationSchema,
    declarationVersionSchema,
    DECLARATION_WRITERS,
  ),
  'declaration.history': spec(residentRef, z.array(declarationVersionSummarySchema), EVERYONE),
  'declaration.getVersion': spec(
    z.object({ residentId: recordId, version: z.number().int().positive() }).strict(),
    declarationVersionSchema,
    EVERYONE,
  ),
  'outbox.summary': spec(
    none,
    z.object({ pending: z.number().int(), byKind: z.record(z.string(), z.number().int()) }),
    SYNC_READERS,
  ),
} satisfies { [C in Channel]: ChannelSpec };

export type Contract = typeof contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ChannelParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;

export function mayCall(access: Access, role: Role | undefined): boolean {
  if (access === 'public') return true;
  return role !== undefined && access.includes(role);
}
