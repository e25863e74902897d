import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { generateServerKey } from '../core/escrow/oprf.ts';
import { toBase64Url } from '../core/crypto/bytes.ts';
import { describeStorage, type TestDatabase } from '../../tests/support/databases.ts';
import { escrowClient, escrowCounts, issueInvitation, useTemporaryEscrowKeys } from '../../tests/support/escrowFixtures.ts';
import { addStaff, signInStaff, type CookieBrowser } from '../../tests/support/intakeFixtures.ts';
import { setUpNetwork, testApp } from '../../tests/support/webApp.ts';
import type { App } from '../web/app.ts';
import { decideFromCommandLine, placeFromCommandLine, statusFromCommandLine, type Output, type PlaceOptions } from './escrow.ts';

const run = promisify(execFile);

function captured(): Output & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (line) => lines.push(line), err: (line) => errors.push(line) };
}

async function failure(work: Promise<unknown>): Promise<string> {
  const error = await work.then(() => undefined, (caught: unknown) => caught);
  if (!(error instanceof Error)) throw new Error('expected a failure');
  return error.message;
}

describeStorage('redress escrow on the command line, over HTTP', (use) => {
  let app: App;
  let database: TestDatabase;
  let keys: ReturnType<typeof useTemporaryEscrowKeys>;
  let counsellor: CookieBrowser;
  let server = '';
  let pin = '';

  beforeAll(async () => {
    keys = useTemporaryEscrowKeys();
    database = use();
    app = await testApp(database);
    await setUpNetwork(app, database);
    const imani = await addStaff(database, { name: 'Imani Njeri', email: 'imani.njeri@example.org', grants: [{ role: 'escrow_counsellor', orgId: null }] });
    counsellor = await signInStaff(app, imani, new Date());
    await app.listen({ port: 0, host: '127.0.0.1' });
    server = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    pin = (await escrowClient(app).api.configuration()).publicKey;
  });
  afterAll(async () => {
    await app.close();
    keys.remove();
  });

  const placing = async (extra: Partial<PlaceOptions>): Promise<PlaceOptions> => ({ server, pin, invitation: await issueInvitation(counsellor), ...extra });

  it('places two allegations naming one person, prints receipts, shows the match, and prints the report receipt when the reporter goes on', async () => {
    const first = captured();
    await placeFromCommandLine(await placing({ respondentName: 'Dario Invented', respondentOrganisation: 'Harbour Trust', account: 'He followed me home twice.' }), first);
    expect(first.lines[0]).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
    const accountFile = path.join(os.tmpdir(), `redress-escrow-account-${process.pid}.txt`);
    fs.writeFileSync(accountFile, 'He grabbed my arm at the meeting.');
    const second = captured();
    try {
      await placeFromCommandLine(await placing({ respondentName: '  DARÍO   invented ', respondentOrganisation: 'harbour trust', accountFile, evidence: [accountFile] }), second);
    } finally {
      fs.rmSync(accountFile, { force: true });
    }
    const status = captured();
    await statusFromCommandLine({ server, receipt: first.lines[0] ?? '' }, status);
    expect(status.lines[0]).toContain('Matched');
    const decided = captured();
    await decideFromCommandLine({ server, receipt: second.lines[0] ?? '', decision: 'declined' }, decided);
    expect(decided.lines[0]).toContain('not now');
    const proceeded = captured();
    await decideFromCommandLine({ server, receipt: second.lines[0] ?? '', decision: 'proceed' }, proceeded);
    expect(proceeded.lines[0]).toContain('go on to a report');
    expect(proceeded.lines[1]).toMatch(/^Your report's receipt, shown only now .*: \d{4} \d{4} \d{4} \d{4}$/);
  });

  it('refuses a server whose key is not the pinned one, and malformed identifiers, storing nothing', async () => {
    const before = await escrowCounts(database.db);
    const otherPin = toBase64Url(generateServerKey().publicKey);
    expect(await failure(placeFromCommandLine(await placing({ pin: otherPin, respondentEmail: ['dario@example.org'], account: 'An account.' }), captured()))).toContain('pinned');
    const output = captured();
    expect(await failure(placeFromCommandLine(await placing({ respondentEmail: ['dario@'], respondentPhone: ['12345'], account: 'An account.' }), output))).toContain('not valid');
    expect(output.errors.join('\n')).toContain('identifier 2 (phone)');
    const after = await escrowCounts(database.db);
    expect({ ...after, escrow_reporters: before.escrow_reporters }).toEqual(before);
  });

  it('says clearly when the server refuses, and runs as the installed command', async () => {
    expect(await failure(statusFromCommandLine({ server, receipt: '1234' }, captured()))).toContain('RECEIPT_MALFORMED');
    expect(await failure(placeFromCommandLine({ server, pin, invitation: 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789', respondentEmail: ['dario@example.org'], account: 'x' }, captured()))).toContain(
      'ESCROW_TOKEN_INVALID',
    );
    const bin = path.resolve(import.meta.dirname, '../../bin/redress.mjs');
    const refused = await run(process.execPath, [bin, 'escrow', 'status', '--server', server, '--receipt', '12'], { env: { ...process.env, REDRESS_TSX: '1' } }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^redress: The escrow server refused the request \(RECEIPT_MALFORMED\)/);
  }, 60_000);
});
