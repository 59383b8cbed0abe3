import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { MAX_BUNDLE_FILE_BYTES, SYNC_FILE_MEDIA_TYPE } from '../../src-shared/sync/bundle-header';
import {
  SYNC_ERROR_MESSAGES,
  isSyncError,
  type SyncErrorCode,
  type SyncErrorText,
} from '../../src-shared/sync/sync-errors';
import { keyId } from '../sync/keys';
import { receiveBundle, type CityPrivateKeys, type FhirValidator } from './receiver';
import type { CityStoreStorage } from './storage';

/**
 * The reference receiver over HTTP (docs/sync-protocol.md §9): node:http, no framework.
 *
 *   POST /bundles                 a bundle file → 200 and the receipt file, or { code, message }
 *   GET  /bundles/{id}/receipt    the receipt stored for a bundle
 *   GET  /health                  { status: "ok", receiptKid }
 *
 * Enrolling a station is not an endpoint: it is an administrator's act on the server
 * (`city-store enroll`), after comparing fingerprints by telephone. Bundles are received one
 * at a time, so two requests can never both extend one station's chain.
 */

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8787;

/** Codes of the HTTP layer itself, beside the sync codes of src-shared/sync/sync-errors.ts. */
export const HTTP_ERROR_MESSAGES = {
  NOT_FOUND: { vi: 'Không có địa chỉ này.', en: 'No such endpoint.' },
  METHOD_NOT_ALLOWED: {
    vi: 'Địa chỉ này không nhận phương thức này.',
    en: 'This endpoint does not accept this method.',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    vi: 'Gói đồng bộ phải được gửi với Content-Type: application/jose+json.',
    en: 'A sync bundle must be sent with Content-Type: application/jose+json.',
  },
  RECEIPT_NOT_FOUND: {
    vi: 'Kho thành phố chưa nhận gói này nên chưa có biên nhận.',
    en: 'The city store has not received this bundle, so there is no receipt.',
  },
  INTERNAL_ERROR: {
    vi: 'Lỗi của kho dữ liệu thành phố; gói chưa được lưu, hãy gửi lại sau.',
    en: 'The city record store failed; the bundle was not stored, send it again later.',
  },
} as const satisfies Record<string, SyncErrorText>;
export type HttpErrorCode = keyof typeof HTTP_ERROR_MESSAGES;

/**
 * HTTP status of each refusal. Clients match on `code`; the status only sorts refusals:
 * 400 the file itself is wrong, 403 the sender is not enrolled, 409 the bundle does not fit
 * the station's chain, 413 too large, 422 encrypted to a key this store does not hold.
 */
export function httpStatusOf(code: SyncErrorCode): number {
  switch (code) {
    case 'STATION_UNKNOWN':
    case 'BUNDLE_SIGNER_UNKNOWN':
      return 403;
    case 'BUNDLE_REPLAYED':
    case 'BUNDLE_SEQUENCE_GAP':
    case 'BUNDLE_CHAIN_BROKEN':
      return 409;
    case 'BUNDLE_TOO_LARGE':
      return 413;
    case 'BUNDLE_RECIPIENT_UNKNOWN':
      return 422;
    default:
      return 400;
  }
}

export interface ErrorBody {
  code: SyncErrorCode | HttpErrorCode;
  /** Vietnamese, for people. */
  message: string;
  messages: SyncErrorText;
  /** English particulars for the operator (which signature, which sequence). */
  detail?: string;
}

export interface CityStoreServerOptions {
  storage: CityStoreStorage;
  cityKeys: CityPrivateKeys;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  now?: () => string;
  validate?: FhirValidator;
  /** Largest request body accepted (default MAX_BUNDLE_FILE_BYTES). */
  maxBodyBytes?: number;
  /** Serve HTTPS with this PEM certificate chain and key. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** One line per request (no personal data: codes, ids, counts). */
  log?: (line: string) => void;
}

export interface RunningCityStore {
  url: string;
  port: number;
  close(): Promise<void>;
}

const BUNDLE_RECEIPT_PATH = /^\/bundles\/([0-9a-fA-F-]{36})\/receipt$/;

function send(
  response: ServerResponse,
  status: number,
  body: string,
  contentType: string,
  extraHeaders: Record<string, string> = {},
): void {
  response.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(body, 'utf8'),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...extraHeaders,
  });
  response.end(body);
}

function sendError(
  response: ServerResponse,
  status: number,
  code: SyncErrorCode | HttpErrorCode,
  detail?: string,
  extraHeaders: Record<string, string> = {},
): void {
  const messages: SyncErrorText =
    code in HTTP_ERROR_MESSAGES
      ? HTTP_ERROR_MESSAGES[code as HttpErrorCode]
      : SYNC_ERROR_MESSAGES[code as SyncErrorCode];
  const body: ErrorBody = {
    code,
    message: messages.vi,
    messages,
    ...(detail === undefined ? {} : { detail }),
  };
  send(response, status, JSON.stringify(body), 'application/json; charset=utf-8', extraHeaders);
}

type BodyOutcome = { kind: 'body'; bytes: Buffer } | { kind: 'too-large' } | { kind: 'aborted' };

/**
 * Reads a request body up to `limit` bytes. Beyond it the rest is read and dropped (not
 * kept in memory), so the client, still sending, receives the 413 instead of a reset
 * connection; the server's request timeout bounds how long that may take.
 */
function readBody(request: IncomingMessage, limit: number): Promise<BodyOutcome> {
  return new Promise((resolve) => {
    const declared = Number(request.headers['content-length'] ?? Number.NaN);
    if (Number.isFinite(declared) && declared > limit) {
      request.resume();
      resolve({ kind: 'too-large' });
      return;
    }
    const chunks: Buffer[] = [];
    let total = 0;
    let settled = false;
    request.on('data', (chunk: Buffer) => {
      if (settled) return;
      total += chunk.length;
      if (total > limit) {
        settled = true;
        chunks.length = 0;
        resolve({ kind: 'too-large' });
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (!settled) resolve({ kind: 'body', bytes: Buffer.concat(chunks, total) });
      settled = true;
    });
    request.on('aborted', () => {
      if (!settled) resolve({ kind: 'aborted' });
      settled = true;
    });
    request.on('error', () => {
      if (!settled) resolve({ kind: 'aborted' });
      settled = true;
    });
  });
}

function isBundleMediaType(contentType: string | undefined): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === SYNC_FILE_MEDIA_TYPE;
}

export async function startCityStoreServer(
  options: CityStoreServerOptions,
): Promise<RunningCityStore> {
  const { storage, cityKeys } = options;
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BUNDLE_FILE_BYTES;
  const now = options.now ?? (() => new Date().toISOString());
  const log = options.log ?? (() => undefined);
  const receiptKid = await keyId(cityKeys.receiptKey);
  let queue: Promise<unknown> = Promise.resolve();

  async function postBundle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!isBundleMediaType(request.headers['content-type'])) {
      request.resume();
      sendError(response, 415, 'UNSUPPORTED_MEDIA_TYPE');
      return;
    }
    const body = await readBody(request, maxBodyBytes);
    if (body.kind === 'aborted') return;
    if (body.kind === 'too-large') {
      sendError(
        response,
        413,
        'BUNDLE_TOO_LARGE',
        `The request body is larger than ${maxBodyBytes} bytes.`,
        { Connection: 'close' },
      );
      return;
    }
    let fileText: string;
    try {
      fileText = new TextDecoder('utf-8', { fatal: true }).decode(body.bytes);
    } catch {
      sendError(response, 400, 'BUNDLE_MALFORMED', 'The request body is not UTF-8 text.');
      return;
    }
    const received = queue.then(() =>
      receiveBundle(fileText, {
        storage,
        cityKeys,
        now,
        ...(options.validate ? { validate: options.validate } : {}),
      }),
    );
    queue = received.catch(() => undefined);
    try {
      const result = await received;
      log(`POST /bundles 200 ${result.status} (${body.bytes.length} bytes)`);
      send(response, 200, result.receiptText, SYNC_FILE_MEDIA_TYPE, {
        'Whs-Bundle-Status': result.status,
      });
    } catch (error) {
      if (isSyncError(error)) {
        const status = httpStatusOf(error.code);
        log(`POST /bundles ${status} ${error.code}: ${error.message}`);
        sendError(response, status, error.code, error.message);
        return;
      }
      throw error;
    }
  }

  function getReceipt(bundleId: string, response: ServerResponse): void {
    const bundle = storage.findBundle(bundleId.toLowerCase());
    if (bundle === null) {
      sendError(response, 404, 'RECEIPT_NOT_FOUND');
      return;
    }
    send(response, 200, bundle.receiptText, SYNC_FILE_MEDIA_TYPE);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://city-store.invalid').pathname;
    const method = request.method ?? 'GET';
    const receiptPath = BUNDLE_RECEIPT_PATH.exec(path);
    const allowed =
      path === '/bundles' ? 'POST' : path === '/health' || receiptPath ? 'GET' : undefined;
    if (allowed === undefined) {
      request.resume();
      sendError(response, 404, 'NOT_FOUND');
      return;
    }
    if (method !== allowed && !(allowed === 'GET' && method === 'HEAD')) {
      request.resume();
      sendError(response, 405, 'METHOD_NOT_ALLOWED', undefined, { Allow: allowed });
      return;
    }
    if (path === '/bundles') {
      await postBundle(request, response);
    } else if (receiptPath) {
      request.resume();
      getReceipt(receiptPath[1]!, response);
    } else {
      request.resume();
      storage.counts();
      send(response, 200, JSON.stringify({ status: 'ok', receiptKid }), 'application/json');
    }
  }

  const listener = (request: IncomingMessage, response: ServerResponse): void => {
    handle(request, response).catch((error: unknown) => {
      // Storage failed: the transaction rolled back, so nothing of the bundle was kept.
      log(`${request.method} ${request.url} 500 ${error instanceof Error ? error.message : ''}`);
      if (!response.headersSent) sendError(response, 500, 'INTERNAL_ERROR');
      else response.destroy();
    });
  };
  const server = options.tls
    ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, listener)
    : createHttpServer(listener);
  // A 384 MiB bundle over a slow link takes minutes; headers must still come promptly.
  server.requestTimeout = 30 * 60 * 1000;
  server.headersTimeout = 60 * 1000;

  const host = options.host ?? DEFAULT_HOST;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `${options.tls ? 'https' : 'http'}://${urlHost}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
