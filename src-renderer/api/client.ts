import type { Channel } from '../../src-shared/ipc/channels';
import type { ChannelInput, ChannelOutput } from '../../src-shared/ipc/contract';
import type { Result } from '../../src-shared/ipc/errors';
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
  return (await bridge.invoke(channel, input)) as Result<ChannelOutput<C>>;
}
