import type { Channel } from '../../src-shared/ipc/channels';
import type { ChannelInput, ChannelOutput } from '../../src-shared/ipc/contract';
import type { ErrorCode, Result } from '../../src-shared/ipc/errors';
import type { Bridge } from './bridges';

/**
 * The only module of the renderer that talks to the main side. Typed by the contract:
 * `call('resident.search', { query })` resolves to `Result<{ kind, results }>`.
 */
let bridge: Bridge | null = null;

export function setBridge(next: Bridge | null): void {
  bridge = next;
}

export function bridgeKind(): Bridge['kind'] | null {
  return bridge?.kind ?? null;
}

/**
 * Answers that concern the whole session, not the screen that asked: the screen was locked
 * (by the idle clock of the main side, too), a new password must be chosen first, or the
 * session is gone. The app hears them here, whichever screen made the call.
 */
export const SESSION_SIGNAL_CODES = [
  'SESSION_LOCKED',
  'PASSWORD_CHANGE_REQUIRED',
  'NOT_SIGNED_IN',
] as const satisfies readonly ErrorCode[];
export type SessionSignalCode = (typeof SESSION_SIGNAL_CODES)[number];

export interface SessionSignal {
  code: SessionSignalCode;
  /** The channel whose answer carried it. */
  channel: Channel;
}

type SessionSignalListener = (signal: SessionSignal) => void;
const listeners = new Set<SessionSignalListener>();

function isSessionSignal(code: ErrorCode): code is SessionSignalCode {
  return (SESSION_SIGNAL_CODES as readonly ErrorCode[]).includes(code);
}

/** Hear every session signal; returns the function that stops listening. */
export function onSessionSignal(listener: SessionSignalListener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export async function call<C extends Channel>(
  channel: C,
  input: ChannelInput<C>,
): Promise<Result<ChannelOutput<C>>> {
  if (!bridge) {
    return {
      ok: false,
      error: { code: 'STORAGE_FAILURE', message: 'No connection to the station service.' },
    };
  }
  const result = (await bridge.invoke(channel, input)) as Result<ChannelOutput<C>>;
  if (!result.ok && isSessionSignal(result.error.code)) {
    const signal: SessionSignal = { code: result.error.code, channel };
    for (const listener of [...listeners]) {
      try {
        listener(signal);
      } catch (error) {
        // One broken listener must not keep the answer from the screen that asked.
        console.error('[client] session signal listener failed', error);
      }
    }
  }
  return result;
}
