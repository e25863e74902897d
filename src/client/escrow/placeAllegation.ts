/**
 * Placing an allegation in escrow, as the reporter's client does it (browser page and command
 * line): normalise every identifier, blind them, have the server evaluate them with a proof
 * checked against the pinned key, derive one entry per identifier and seal it to the network's
 * escrow counsellors, seal the evidence once, and send only tags and ciphertexts. Nothing is
 * sent before every identifier is valid and every proof verifies.
 */
import { AppError } from '../../core/errors.ts';
import { sealEntry, type CounsellorRecipient, type EscrowRecord } from '../../core/escrow/entry.ts';
import { encodeIdentifier, parseIdentifier, type Identifier, type IdentifierInput, type IdentifierProblem } from '../../core/escrow/identifiers.ts';
import { blindInputs, finalizeOutputs, parsePinnedPublicKey, type PinnedPublicKey } from '../../core/escrow/oprf.ts';
import { formatReporterToken, parseReporterToken, type ReporterToken } from '../../core/escrow/reporterToken.ts';
import { parseThreshold, type Threshold } from '../../core/escrow/threshold.ts';
import { allegationLimits, encodeAllegation, sealEvidence, summarise, type EvidenceFile } from './allegationFormat.ts';
import { decodeBase64Url } from './base64url.ts';
import type { EscrowApi, EscrowConfigurationWire } from './escrowApi.ts';

export type EscrowConfiguration = {
  publicKey: PinnedPublicKey;
  threshold: Threshold;
  diacritics: 'strip' | 'keep';
  counsellors: CounsellorRecipient[];
  identifiersPerRequest: number;
};

/**
 * Reads the published configuration, refusing it unless its key is the pinned one: a server
 * that switched keys would split the reporter's entries from everyone else's.
 */
export function readConfiguration(wire: EscrowConfigurationWire, pinned: Uint8Array): EscrowConfiguration {
  const publicKey = parsePinnedPublicKey(decodeBase64Url(wire?.publicKey) ?? new Uint8Array());
  const pinnedKey = parsePinnedPublicKey(pinned);
  if (publicKey.length !== pinnedKey.length || publicKey.some((byte, index) => byte !== pinnedKey[index])) throw new AppError('ESCROW_PROOF_INVALID');
  const counsellors = (Array.isArray(wire.counsellors) ? wire.counsellors : []).map((counsellor) => ({
    counsellorId: String(counsellor.id),
    publicKey: decodeBase64Url(counsellor.publicKey) ?? new Uint8Array(),
  }));
  if (counsellors.length === 0) throw new AppError('ESCROW_UNAVAILABLE', { detail: 'the network has no escrow counsellor' });
  return {
    publicKey: pinnedKey,
    threshold: parseThreshold(wire.threshold),
    diacritics: wire.diacritics === 'keep' ? 'keep' : 'strip',
    counsellors,
    identifiersPerRequest: Math.max(1, Math.min(8, Number(wire.limits?.identifiersPerRequest) || 1)),
  };
}

export type IdentifierRefusal = { index: number; kind: string; problem: IdentifierProblem | 'duplicate' | 'too_many' };

export class IdentifiersRefused extends Error {
  readonly refusals: IdentifierRefusal[];
  constructor(refusals: IdentifierRefusal[]) {
    super(`escrow identifiers refused: ${refusals.map((refusal) => `${refusal.index}:${refusal.problem}`).join(', ')}`);
    this.name = 'IdentifiersRefused';
    this.refusals = refusals;
  }
}

/** Every identifier normalised, or all the problems at once; two spellings of one identifier count once. */
export function prepareIdentifiers(inputs: IdentifierInput[], configuration: Pick<EscrowConfiguration, 'diacritics' | 'identifiersPerRequest'>): Identifier[] {
  const refusals: IdentifierRefusal[] = [];
  const prepared: Identifier[] = [];
  const seen = new Set<string>();
  inputs.forEach((input, index) => {
    const result = parseIdentifier(input, { diacritics: configuration.diacritics });
    if (!result.ok) {
      refusals.push({ index, kind: result.kind, problem: result.problem });
      return;
    }
    const key = JSON.stringify(result.identifier);
    if (seen.has(key)) {
      refusals.push({ index, kind: result.identifier.kind, problem: 'duplicate' });
      return;
    }
    seen.add(key);
    prepared.push(result.identifier);
  });
  if (inputs.length === 0) refusals.push({ index: 0, kind: 'none', problem: 'empty' });
  if (prepared.length > configuration.identifiersPerRequest) refusals.push({ index: configuration.identifiersPerRequest, kind: 'any', problem: 'too_many' });
  if (refusals.length > 0) throw new IdentifiersRefused(refusals);
  return prepared;
}

export function checkAllegation(account: string, evidence: EvidenceFile[]): void {
  const trimmed = account.trim();
  if (trimmed === '' || trimmed.length > allegationLimits.accountCharacters) {
    throw new AppError('ESCROW_ENTRY_INVALID', { detail: `the account must be 1 to ${allegationLimits.accountCharacters} characters` });
  }
  const bytes = evidence.reduce((sum, file) => sum + file.bytes.length, 0);
  if (evidence.length > allegationLimits.evidenceFiles || bytes > allegationLimits.evidenceBytes) {
    throw new AppError('ESCROW_ENTRY_INVALID', { detail: `at most ${allegationLimits.evidenceFiles} evidence files, ${allegationLimits.evidenceBytes} bytes in all` });
  }
}

export type PlacementInput = {
  api: EscrowApi;
  configuration: EscrowConfiguration;
  token: string;
  identifiers: IdentifierInput[];
  account: string;
  evidence: EvidenceFile[];
  /** Called between steps so a page can say what is happening. */
  onStep?: (step: 'evaluating' | 'sealing' | 'sending') => void;
};

export async function placeAllegation(input: PlacementInput): Promise<{ receipt: string; placedAt: string }> {
  const token = parseReporterToken(input.token);
  if (!token) throw new AppError('ESCROW_TOKEN_INVALID');
  const identifiers = prepareIdentifiers(input.identifiers, input.configuration);
  checkAllegation(input.account, input.evidence);
  input.onStep?.('evaluating');
  const outputs = await evaluateIdentifiers(input.api, input.configuration.publicKey, token, identifiers);
  input.onStep?.('sealing');
  const { records, sealedEvidence } = sealAllegation(input.configuration, token, outputs, input.account.trim(), input.evidence);
  input.onStep?.('sending');
  return input.api.place(input.token, records, sealedEvidence);
}

/** One VOPRF round for all identifiers: blind, ask, verify the batch proof, unblind. */
export async function evaluateIdentifiers(api: EscrowApi, publicKey: PinnedPublicKey, token: ReporterToken | string, identifiers: Identifier[]): Promise<Uint8Array[]> {
  const requests = blindInputs(identifiers.map(encodeIdentifier));
  const tokenText = typeof token === 'string' ? token : formatReporterToken(token);
  const evaluation = await api.evaluate(tokenText, requests.map((request) => request.blinded));
  return finalizeOutputs(requests, evaluation, publicKey);
}

export function sealAllegation(
  configuration: EscrowConfiguration,
  token: ReporterToken,
  outputs: Uint8Array[],
  account: string,
  evidence: EvidenceFile[],
): { records: EscrowRecord[]; sealedEvidence: Uint8Array | undefined } {
  const sealed = evidence.length > 0 ? sealEvidence(evidence) : undefined;
  const allegation = encodeAllegation({ account, evidence: evidence.map(summarise), evidenceKey: sealed?.key });
  const records = outputs.map((oprfOutput) =>
    sealEntry({ oprfOutput, threshold: configuration.threshold, token, allegation, counsellors: configuration.counsellors }),
  );
  return { records, sealedEvidence: sealed?.sealed };
}
