import { isChannel } from '../../src-shared/ipc/channels';
import {
  BEFORE_PASSWORD_CHANGE,
  WHILE_LOCKED,
  contract,
  mayCall,
} from '../../src-shared/ipc/contract';
import { AppFailure, fail, ok, type Issue, type Result } from '../../src-shared/ipc/errors';
import type { HandlerContext } from './context';
import { handlers } from './handlers';
import { lockIfIdle } from './session-builder';
import type { Handler } from './handlers/types';

function toIssues(error: {
  issues: readonly { path: readonly PropertyKey[]; message: string }[];
}): Issue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map((p) => (typeof p === 'number' ? p : String(p))),
    message: issue.message,
  }));
}

/**
 * The one entry to the privileged side, for Electron IPC, the browser shell and tests alike:
 * unknown channel → access → input parsed by the contract's schema → handler → output checked
 * against the contract. Always resolves to a Result; never throws across the boundary.
 */
export async function dispatch(
  ctx: HandlerContext,
  channel: unknown,
  rawInput: unknown,
): Promise<Result<unknown>> {
  if (!isChannel(channel))
    return fail('UNKNOWN_CHANNEL', `Unknown channel: ${String(channel).slice(0, 80)}`);
  const spec = contract[channel];
  if (spec.access !== 'public') {
    lockIfIdle(ctx);
    const session = ctx.session.current;
    if (!session) return fail('NOT_SIGNED_IN', 'Sign in first.');
    if (!mayCall(spec.access, session.user.role)) {
      ctx.db.transaction(() =>
        ctx.audit({
          action: 'access.denied',
          outcome: 'denied',
          details: { channel, role: session.user.role },
        }),
      )();
      return fail('FORBIDDEN', `The role ${session.user.role} may not call ${channel}.`);
    }
    if (session.locked && !WHILE_LOCKED.has(channel)) {
      return fail('SESSION_LOCKED', 'The screen is locked; enter your password to go on.');
    }
    if (session.mustChangePassword && !BEFORE_PASSWORD_CHANGE.has(channel)) {
      return fail('PASSWORD_CHANGE_REQUIRED', 'Choose a new password first.');
    }
    if (!session.locked) ctx.session.lastActivityAt = ctx.now().getTime();
  }
  const parsed = spec.input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    return fail('INVALID_INPUT', `Invalid input for ${channel}.`, {
      issues: toIssues(parsed.error),
    });
  }
  try {
    const handler = handlers[channel] as Handler<typeof channel>;
    const value = await handler(parsed.data as never, ctx);
    const checked = spec.output.safeParse(value);
    if (!checked.success) {
      console.error(
        `[dispatch] ${channel} produced output outside the contract`,
        checked.error.issues,
      );
      return fail('INTERNAL', `The handler for ${channel} broke its contract.`);
    }
    return ok(checked.data);
  } catch (error) {
    if (error instanceof AppFailure) return fail(error.code, error.message, error.extra);
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_')) {
      console.error(`[dispatch] ${channel} storage failure`, error);
      return fail('STORAGE_FAILURE', 'The station database refused the change; nothing was saved.');
    }
    console.error(`[dispatch] ${channel} failed`, error);
    return fail('INTERNAL', 'Unexpected error; nothing was saved.');
  }
}
