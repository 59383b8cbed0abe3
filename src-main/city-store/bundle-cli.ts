import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { BundleHeader } from '../../src-shared/sync/bundle-header';
import {
  enrolledKeysOf,
  readableFingerprint,
  type X25519PrivateJwk,
} from '../../src-shared/sync/enrollment';
import type { RecordManifestEntry } from '../../src-shared/sync/record-manifest';
import { SyncError } from '../../src-shared/sync/sync-errors';
import { inspectBundle, openBundle, verifyBundle } from '../sync/envelope';
import { importCityDecryptionKey, keyId, readEnrollment } from '../sync/keys';
import { cityPrivateKeysOf, readCityKeyRing } from './city-keys';
import {
  EXIT,
  UsageError,
  consoleIo,
  readBundleFile,
  reportFailure,
  type CliIo,
} from './cli-support';
import { CITY_STORE_FILES } from './data-directory';

/**
 * `npm run bundle -- <command>`: a bundle file checked offline, without a receiver.
 *
 *   inspect FILE                 what the file says about itself (header, signers, sizes);
 *                                nothing is verified or decrypted
 *   verify  FILE --enrollment E [--city-keys DIR-or-FILE]
 *                                both signatures against the station's enrollment file; with
 *                                the city's private keys, decrypts too and prints the record
 *                                manifest (types, ids, versions, hashes: no personal data)
 *
 * `--json` prints one JSON document instead of text.
 */
export const BUNDLE_USAGE = [
  'Cách dùng (usage):',
  '  bundle inspect FILE [--json]',
  '  bundle verify  FILE --enrollment ENROLLMENT-FILE [--city-keys CITY-STORE-DIR|KEY-FILE] [--json]',
].join('\n');

function headerLines(header: BundleHeader, bundleHash: string): string[] {
  const counts = Object.entries(header.counts)
    .map(([type, count]) => `${type} ${count}`)
    .join(', ');
  return [
    `  Trạm (station): ${header.stationCode}`,
    `  Mã gói (bundle id): ${header.bundleId}`,
    `  Lần xuất (export set): ${header.exportSetId}, phần (part) ${header.part}/${header.parts}`,
    `  Tạo lúc (created at): ${header.createdAt}`,
    `  Số thứ tự (sequence): ${header.sequence}`,
    `  Mã băm gói trước (previous bundle hash): ${header.previousBundleHash ?? '— (gói đầu tiên, first bundle)'}`,
    `  Mã băm gói (bundle hash): ${bundleHash}`,
    `  Số hồ sơ (records): ${header.records}${counts ? ` — ${counts}` : ''}`,
  ];
}

function inspect(file: string, json: boolean, io: CliIo): void {
  const inspection = inspectBundle(readBundleFile(file));
  if (json) {
    io.out(JSON.stringify({ verified: false, decrypted: false, ...inspection }, null, 2));
    return;
  }
  io.out(`Gói đồng bộ (sync bundle): ${file}`);
  io.out('Chưa kiểm tra chữ ký, chưa giải mã (signatures not checked, content not decrypted).');
  for (const line of headerLines(inspection.header, inspection.bundleHash)) io.out(line);
  for (const signature of inspection.signatures) {
    io.out(`  Chữ ký (signature) ${signature.role}: ${readableFingerprint(signature.kid)}`);
  }
  io.out(
    `  Mã hóa cho khóa thành phố (encrypted to city key): ${readableFingerprint(inspection.encryptionKid)}`,
  );
  io.out(
    `  Kích thước (sizes): tệp (file) ${inspection.sizes.fileBytes} B, ` +
      `bản mã (ciphertext) ${inspection.sizes.ciphertextBytes} B`,
  );
}

/** A city store data directory, its private key file, or one private X25519 JWK. */
async function readDecryptionKeys(path: string): Promise<X25519PrivateJwk[]> {
  const file = statSync(path).isDirectory() ? join(path, CITY_STORE_FILES.privateKeys) : path;
  if (!existsSync(file)) {
    throw new UsageError(`${file} does not exist.`);
  }
  const text = readFileSync(file, 'utf8');
  const value = JSON.parse(text) as { format?: unknown };
  if (typeof value === 'object' && value !== null && 'format' in value) {
    return [...cityPrivateKeysOf(await readCityKeyRing(text)).decryptionKeys];
  }
  return [importCityDecryptionKey(text)];
}

async function verify(
  file: string,
  enrollmentFile: string,
  cityKeysPath: string | undefined,
  json: boolean,
  io: CliIo,
): Promise<void> {
  const fileText = readBundleFile(file);
  const enrollment = await readEnrollment(readFileSync(enrollmentFile, 'utf8'));
  const verified = await verifyBundle(fileText, enrolledKeysOf(enrollment));
  const supervisor = enrollment.supervisorKeys.find((s) => s.key.kid === verified.supervisorKid);

  let manifest: RecordManifestEntry[] | null = null;
  if (cityKeysPath !== undefined) {
    const keys = await readDecryptionKeys(cityKeysPath);
    let key: X25519PrivateJwk | undefined;
    for (const candidate of keys) {
      if ((await keyId(candidate)) === verified.encryptionKid) key = candidate;
    }
    if (key === undefined) {
      throw new SyncError(
        'BUNDLE_RECIPIENT_UNKNOWN',
        `The bundle is encrypted to city key ${verified.encryptionKid}, not among the keys given.`,
      );
    }
    manifest = (await openBundle(fileText, key)).manifest;
  }

  if (json) {
    io.out(
      JSON.stringify(
        {
          verified: true,
          decrypted: manifest !== null,
          header: verified.header,
          bundleHash: verified.bundleHash,
          signers: {
            station: { kid: verified.stationKid },
            supervisor: {
              kid: verified.supervisorKid,
              username: supervisor?.username,
              fullName: supervisor?.fullName,
            },
          },
          encryptionKid: verified.encryptionKid,
          ...(manifest === null ? {} : { manifest }),
        },
        null,
        2,
      ),
    );
    return;
  }
  io.out(`Gói đồng bộ (sync bundle): ${file}`);
  io.out('Hai chữ ký hợp lệ (both signatures valid):');
  io.out(
    `  Trạm (station) ${enrollment.station.name}: ${readableFingerprint(verified.stationKid)}`,
  );
  io.out(
    `  Người phụ trách (supervisor) ${supervisor?.fullName ?? ''} (${supervisor?.username ?? ''}): ` +
      readableFingerprint(verified.supervisorKid),
  );
  for (const line of headerLines(verified.header, verified.bundleHash)) io.out(line);
  if (manifest === null) {
    io.out('Chưa giải mã: cần --city-keys (not decrypted: give --city-keys to list the records).');
    return;
  }
  io.out(
    'Đã giải mã; nội dung khớp với mã băm đã ký (decrypted; content matches its signed hashes).',
  );
  io.out('Danh sách hồ sơ (record manifest):');
  for (const entry of manifest) {
    io.out(`  ${entry.resourceType}/${entry.id}/_history/${entry.versionId}  ${entry.sha256}`);
  }
}

/** Runs one command; resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIo = consoleIo): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        enrollment: { type: 'string' },
        'city-keys': { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    const [command, file, ...extra] = positionals;
    if (values.help || command === undefined || command === 'help') {
      io.out(BUNDLE_USAGE);
      return command === undefined && !values.help ? EXIT.usage : EXIT.ok;
    }
    if (file === undefined || extra.length > 0) {
      throw new UsageError('Cần đúng một tệp gói (give exactly one bundle file).');
    }
    const json = values.json ?? false;
    switch (command) {
      case 'inspect':
        inspect(file, json, io);
        return EXIT.ok;
      case 'verify':
        if (values.enrollment === undefined) {
          throw new UsageError(
            'verify cần tệp đăng ký của trạm (verify needs the station’s --enrollment file).',
          );
        }
        await verify(file, values.enrollment, values['city-keys'], json, io);
        return EXIT.ok;
      default:
        throw new UsageError(`Lệnh không rõ (unknown command): ${command}`);
    }
  } catch (error) {
    return reportFailure(error, io, BUNDLE_USAGE);
  }
}

// Run only as the built program (out/main/bundle.js), never when imported by a test.
if (typeof require !== 'undefined' && typeof module !== 'undefined' && require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
