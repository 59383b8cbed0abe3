import type { Result } from '../../src-shared/ipc/errors';

/** How the renderer reaches the privileged side. Exactly one is chosen at start-up. */
export interface Bridge {
  readonly kind: 'electron' | 'http' | 'memory';
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
}

declare global {
  interface Window {
    wardHealth?: { invoke(channel: string, input: unknown): Promise<unknown> };
  }
}

/** Electron: the sandboxed preload's single function. */
export function electronBridge(api: NonNullable<Window['wardHealth']>): Bridge {
  return {
    kind: 'electron',
    invoke: (channel, input) => api.invoke(channel, input) as Promise<Result<unknown>>,
  };
}

export const TOKEN_STORAGE_KEY = 'wardHealth.bridgeToken';

/** Browser shell: POST /ipc/<channel> on the loopback server, with the per-run token. */
export function httpBridge(token: string, baseUrl = ''): Bridge {
  return {
    kind: 'http',
    async invoke(channel, input) {
      try {
        const response = await fetch(`${baseUrl}/ipc/${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-ward-token': token },
          body: JSON.stringify(input ?? {}),
        });
        return (await response.json()) as Result<unknown>;
      } catch {
        return {
          ok: false,
          error: { code: 'STORAGE_FAILURE', message: 'The station service is not reachable.' },
        };
      }
    },
  };
}

/** Component tests: answers from a function, in memory. */
export function memoryBridge(
  answer: (channel: string, input: unknown) => Result<unknown> | Promise<Result<unknown>>,
): Bridge {
  return { kind: 'memory', invoke: async (channel, input) => answer(channel, input) };
}

/**
 * The browser shell hands its token over in the URL fragment (`#token=…`), which is never
 * sent to a server; keep it for this tab only and take it out of the address bar.
 */
export function takeBridgeToken(
  location: Location,
  storage: Storage,
  history: History,
): string | null {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(location.hash);
  if (match?.[1]) {
    storage.setItem(TOKEN_STORAGE_KEY, match[1]);
    history.replaceState(null, '', location.pathname + location.search + '#/');
    return match[1];
  }
  return storage.getItem(TOKEN_STORAGE_KEY);
}

export function pickBridge(): Bridge | null {
  if (window.wardHealth) return electronBridge(window.wardHealth);
  const token = takeBridgeToken(window.location, window.sessionStorage, window.history);
  return token ? httpBridge(token) : null;
}
