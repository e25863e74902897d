/**
 * `redress escrow`: the reporter's escrow client on the command line, talking to a Redress
 * server over HTTP with the same code as the browser page (src/client/escrow) — place an
 * allegation and get a receipt, check whether it matched, decide whether to go on — and, for
 * operators, `create-keys` to write the escrow key file a PostgreSQL deployment needs.
 * Pass --pin with the server's public key to refuse a server that switched keys.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import type { EvidenceFile } from '../client/escrow/allegationFormat.ts';
import { decodeBase64Url } from '../client/escrow/base64url.ts';
import { EscrowApiError, escrowApi, type EscrowApi } from '../client/escrow/escrowApi.ts';
import { IdentifiersRefused, placeAllegation, readConfiguration } from '../client/escrow/placeAllegation.ts';
import { AppError } from '../core/errors.ts';
import type { IdentifierInput } from '../core/escrow/identifiers.ts';
import { solvePow } from '../core/intake/receiptGuard.ts';
import { translator } from '../i18n/index.ts';
import { createEscrowKeyFile } from '../storage/escrow/escrowKeys.ts';

export type Output = { out(line: string): void; err(line: string): void };

const console_: Output = { out: (line) => process.stdout.write(`${line}\n`), err: (line) => process.stderr.write(`${line}\n`) };

export type PlaceOptions = {
  server: string;
  pin?: string;
  invitation?: string;
  membershipEmail?: string;
  token?: string;
  respondentEmail?: string[];
  respondentPhone?: string[];
  respondentRegion?: string;
  respondentProfile?: string[];
  respondentName?: string;
  respondentOrganisation?: string;
  account?: string;
  accountFile?: string;
  evidence?: string[];
  language?: string;
};

export type ReceiptOptions = { server: string; receipt: string; language?: string };

function identifiersFrom(options: PlaceOptions): IdentifierInput[] {
  const identifiers: IdentifierInput[] = [
    ...(options.respondentEmail ?? []).map((text): IdentifierInput => ({ kind: 'email', text })),
    ...(options.respondentPhone ?? []).map((text): IdentifierInput => ({ kind: 'phone', text, defaultRegion: options.respondentRegion })),
    ...(options.respondentProfile ?? []).map((text): IdentifierInput => ({ kind: 'profile_url', text })),
  ];
  if (options.respondentName !== undefined || options.respondentOrganisation !== undefined) {
    identifiers.push({ kind: 'name_and_organisation', name: options.respondentName ?? '', organisation: options.respondentOrganisation ?? '' });
  }
  return identifiers;
}

function readFileOrRefuse(file: string): Uint8Array {
  try {
    return new Uint8Array(fs.readFileSync(file));
  } catch {
    throw new AppError('BAD_INPUT', { detail: `cannot read ${file}` });
  }
}

function accountFrom(options: PlaceOptions): string {
  if (options.accountFile) return new TextDecoder().decode(readFileOrRefuse(options.accountFile));
  return options.account ?? '';
}

function evidenceFrom(options: PlaceOptions): EvidenceFile[] {
  return (options.evidence ?? []).map((file) => ({ name: path.basename(file), type: '', bytes: readFileOrRefuse(file) }));
}

async function reporterToken(api: EscrowApi, options: PlaceOptions, output: Output): Promise<string> {
  if (options.token) return options.token;
  if (options.invitation) return api.redeemInvitation(options.invitation);
  if (!options.membershipEmail) throw new AppError('BAD_INPUT', { detail: 'give --invitation, --membership-email or --token' });
  await api.sendMembershipCode(options.membershipEmail, options.language);
  output.err(`A code was sent to ${options.membershipEmail}.`);
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await api.verifyMembershipCode(options.membershipEmail, await prompt.question('Code from the e-mail: '));
  } finally {
    prompt.close();
  }
}

/** The pinned key: --pin, or (first use) the key the server publishes now, printed so it can be pinned next time. */
async function pinnedKey(api: EscrowApi, pin: string | undefined, output: Output): Promise<Uint8Array> {
  const published = (await api.configuration()).publicKey;
  if (pin === undefined) {
    output.err(`Server key ${published} (not pinned: pass --pin ${published} to refuse any other key next time).`);
    return decodeBase64Url(published) ?? new Uint8Array();
  }
  const pinned = decodeBase64Url(pin.trim());
  if (!pinned) throw new AppError('ESCROW_SERVER_KEY_INVALID', { detail: '--pin is not a base64url key' });
  return pinned;
}

export async function placeFromCommandLine(options: PlaceOptions, output: Output = console_): Promise<void> {
  const t = translator(options.language ?? 'en');
  const api = escrowApi(options.server);
  try {
    const configuration = readConfiguration(await api.configuration(), await pinnedKey(api, options.pin, output));
    const token = await reporterToken(api, options, output);
    const placed = await placeAllegation({ api, configuration, token, identifiers: identifiersFrom(options), account: accountFrom(options), evidence: evidenceFrom(options) });
    output.out(placed.receipt);
    output.err(`${t('escrow.receipt.title')} — ${t('escrow.receipt.placedAt', { date: placed.placedAt })}`);
    output.err(`${t('intake.receipt.shownOnce')} ${t('escrow.receipt.next')}`);
  } catch (error) {
    if (error instanceof IdentifiersRefused) {
      for (const refusal of error.refusals) output.err(`identifier ${refusal.index + 1} (${refusal.kind}): ${t(`escrow.problems.${refusal.problem}`)}`);
      throw new AppError('ESCROW_IDENTIFIER_INVALID', { detail: error.refusals.map((refusal) => refusal.problem).join(', ') });
    }
    throw asAppError(error);
  }
}

async function withReceipt<T>(api: EscrowApi, receipt: string, ask: (attempt: { receipt: string; challenge: string; pow: string }) => Promise<T>): Promise<T> {
  const challenge = await api.challenge();
  return ask({ receipt, challenge: challenge.challenge, pow: solvePow(challenge.challenge, challenge.difficulty) });
}

function describeStatus(t: ReturnType<typeof translator>, status: { status: string; decision: string }): string {
  const state = status.status === 'matched' ? t('escrow.status.matched') : t('escrow.status.notMatched');
  return status.status === 'matched' ? `${state} — ${t('escrow.match.decision')} ${t(`escrow.match.decisions.${status.decision}`)}` : state;
}

export async function statusFromCommandLine(options: ReceiptOptions, output: Output = console_): Promise<void> {
  const api = escrowApi(options.server);
  try {
    output.out(describeStatus(translator(options.language ?? 'en'), await withReceipt(api, options.receipt, api.status)));
  } catch (error) {
    throw asAppError(error);
  }
}

export async function decideFromCommandLine(options: ReceiptOptions & { decision: 'proceed' | 'declined' }, output: Output = console_): Promise<void> {
  const api = escrowApi(options.server);
  try {
    const status = await withReceipt(api, options.receipt, (attempt) => api.decide({ ...attempt, decision: options.decision }));
    const t = translator(options.language ?? 'en');
    output.out(describeStatus(t, status));
    if (status.reportReceipt) output.out(t('escrow.cli.reportReceipt', { receipt: status.reportReceipt }));
  } catch (error) {
    throw asAppError(error);
  }
}

/** The server's refusals keep their stable code and arrive as one clear line (main.ts prints it). */
function asAppError(error: unknown): unknown {
  return error instanceof EscrowApiError ? new AppError('ESCROW_SERVER_REFUSED', { code: error.code, detail: error.message }) : error;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerEscrowCommands(program: Command): void {
  const escrow = program.command('escrow').description('allegation escrow: place an allegation, check it, decide; create the server key file');
  escrow
    .command('place')
    .description('place an allegation in escrow on a Redress server and print its receipt')
    .requiredOption('--server <url>', 'the Redress address, e.g. https://redress.example.org')
    .option('--pin <key>', 'the server public key to accept (from an earlier run or the network)')
    .option('--invitation <code>', 'an invitation code from the network')
    .option('--membership-email <address>', 'prove membership with a code sent to this address')
    .option('--token <token>', 'a reporter token from an earlier run')
    .option('--respondent-email <address>', 'their e-mail address (repeatable)', collect)
    .option('--respondent-phone <number>', 'their phone number (repeatable)', collect)
    .option('--respondent-region <country>', 'country code for phone numbers without +, e.g. GB')
    .option('--respondent-profile <url>', 'a link to their profile (repeatable)', collect)
    .option('--respondent-name <name>', 'their name (with --respondent-organisation)')
    .option('--respondent-organisation <organisation>', 'their organisation (with --respondent-name)')
    .option('--account <text>', 'what happened')
    .option('--account-file <file>', 'what happened, read from a UTF-8 file')
    .option('--evidence <file>', 'an evidence file (repeatable)', collect)
    .option('--language <code>', 'language of the messages', 'en')
    .action((options: PlaceOptions) => placeFromCommandLine(options));
  escrow
    .command('status')
    .description('show whether an allegation matched, with its receipt')
    .requiredOption('--server <url>', 'the Redress address')
    .requiredOption('--receipt <digits>', 'the sixteen-digit receipt')
    .option('--language <code>', 'language of the messages', 'en')
    .action((options: ReceiptOptions) => statusFromCommandLine(options));
  escrow
    .command('decide')
    .description('after a match, record whether to go on to a report')
    .requiredOption('--server <url>', 'the Redress address')
    .requiredOption('--receipt <digits>', 'the sixteen-digit receipt')
    .option('--proceed', 'go on to a report')
    .option('--decline', 'not now')
    .option('--language <code>', 'language of the messages', 'en')
    .action((options: ReceiptOptions & { proceed?: boolean; decline?: boolean }) => {
      if (Boolean(options.proceed) === Boolean(options.decline)) throw new AppError('BAD_INPUT', { detail: 'give exactly one of --proceed and --decline' });
      return decideFromCommandLine({ ...options, decision: options.proceed ? 'proceed' : 'declined' });
    });
  escrow
    .command('create-keys')
    .argument('<file>', 'where to write the key file (never overwritten; mode 0600)')
    .description('write a new escrow key file for REDRESS_ESCROW_KEY_FILE (needed on PostgreSQL deployments)')
    .action((file: string) => {
      createEscrowKeyFile(path.resolve(file));
      console_.out(`Wrote ${path.resolve(file)}. Set REDRESS_ESCROW_KEY_FILE to it on every Redress process, and back it up apart from the database.`);
    });
}
