import type { z } from 'zod';
import type { Role } from '../domain/roles';

/** Who may call a channel: `public` needs no session (set-up, sign-in). */
export type Access = 'public' | readonly Role[];

export interface ChannelSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  access: Access;
}

export const spec = <I extends z.ZodType, O extends z.ZodType>(
  input: I,
  output: O,
  access: Access,
): ChannelSpec<I, O> => ({ input, output, access });
