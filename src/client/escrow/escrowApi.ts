/**
 * The reporter's side of the escrow JSON API (documented in docs/escrow.md), for the browser
 * page and the command line alike: one function per endpoint, byte strings as base64url, and
 * every refusal turned into an EscrowApiError carrying the server's stable code and its
 * translated message. Uses the platform's fetch (browsers, Node 20).
 */
import type { Evaluation } from '../../core/escrow/oprf.ts';
import type { EscrowRecord } from '../../core/escrow/entry.ts';
import { decodeBase64Url, encodeBase64Url } from './base64url.ts';

export const WELL_KNOWN_PATH = '/.well-known/redress-escrow.json';

/** What the server publishes at the well-known address. */
export type EscrowConfigurationWire = {
  version: 1;
  suite: 'ristretto255-SHA512';
  mode: 'VOPRF';
  publicKey: string;
  threshold: number;
  diacritics: 'strip' | 'keep';
  counsellors: { id: string; publicKey: string }[];
  membership: { invitation: true; email: boolean };
  limits: { identifiersPerRequest: number; evaluationsPerDay: number; accountCharacters: number; evidenceFiles: number; evidenceBytes: number };
};

export type ReceiptChallenge = { challenge: string; wait: number; difficulty: number };
export type EscrowStatusWire = {
  status: 'matched' | 'not_matched';
  placedAt: string;
  decision: 'undecided' | 'proceed' | 'declined';
  /** When the allegation went on to a report; null before. */
  reportSince: string | null;
  /** The new report's receipt, in the one answer to the choice that created the report. */
  reportReceipt?: string;
};

export class EscrowApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly params: Record<string, unknown>;

  constructor(code: string, message: string, status: number, params: Record<string, unknown> = {}) {
    super(message);
    this.name = 'EscrowApiError';
    this.code = code;
    this.status = status;
    this.params = params;
  }
}

export type EscrowApi = {
  configuration(): Promise<EscrowConfigurationWire>;
  redeemInvitation(code: string): Promise<string>;
  sendMembershipCode(email: string, language?: string): Promise<void>;
  verifyMembershipCode(email: string, code: string): Promise<string>;
  evaluate(token: string, blinded: Uint8Array[]): Promise<Evaluation>;
  place(token: string, entries: EscrowRecord[], sealedEvidence: Uint8Array | undefined): Promise<{ receipt: string; placedAt: string }>;
  challenge(): Promise<ReceiptChallenge>;
  status(attempt: { receipt: string; challenge: string; pow: string }): Promise<EscrowStatusWire>;
  decide(attempt: { receipt: string; challenge: string; pow: string; decision: 'proceed' | 'declined' }): Promise<EscrowStatusWire>;
};

type Fetch = typeof fetch;

export function escrowApi(baseUrl: string, fetchImpl: Fetch = fetch): EscrowApi {
  const base = baseUrl.replace(/\/+$/, '');

  async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetchImpl(`${base}${path}`, {
        method,
        headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'omit',
      });
    } catch (error) {
      throw new EscrowApiError('UNREACHABLE', `cannot reach ${base}: ${error instanceof Error ? error.message : String(error)}`, 0);
    }
    const json = (await response.json().catch(() => undefined)) as { error?: { code?: unknown; message?: unknown; params?: unknown } } | undefined;
    if (!response.ok) {
      const code = typeof json?.error?.code === 'string' ? json.error.code : 'INTERNAL';
      const message = typeof json?.error?.message === 'string' ? json.error.message : `HTTP ${response.status}`;
      const params = json?.error?.params && typeof json.error.params === 'object' ? (json.error.params as Record<string, unknown>) : {};
      throw new EscrowApiError(code, message, response.status, params);
    }
    if (json === undefined) throw new EscrowApiError('INTERNAL', `the answer from ${base}${path} is not JSON`, response.status);
    return json as T;
  }

  const bytes = (value: unknown): Uint8Array => {
    const decoded = decodeBase64Url(value);
    if (!decoded) throw new EscrowApiError('ESCROW_PROOF_INVALID', 'the server answered with a malformed value', 200);
    return decoded;
  };

  return {
    configuration: () => call('GET', WELL_KNOWN_PATH),
    redeemInvitation: async (code) => (await call<{ token: string }>('POST', '/api/escrow/reporters/invitation', { code })).token,
    sendMembershipCode: async (email, language) => {
      await call('POST', '/api/escrow/reporters/email-code', { email, language });
    },
    verifyMembershipCode: async (email, code) => (await call<{ token: string }>('POST', '/api/escrow/reporters/email', { email, code })).token,
    evaluate: async (token, blinded) => {
      const answer = await call<{ evaluated: unknown; proof: unknown }>('POST', '/api/escrow/evaluations', { token, blinded: blinded.map(encodeBase64Url) });
      const evaluated = Array.isArray(answer.evaluated) ? answer.evaluated.map(bytes) : [];
      return { evaluated, proof: bytes(answer.proof) };
    },
    place: (token, entries, sealedEvidence) =>
      call('POST', '/api/escrow/allegations', {
        token,
        entries: entries.map((entry) => ({
          tag: encodeBase64Url(entry.tag),
          ciphertext: encodeBase64Url(entry.ciphertext),
          sealedForCounsellors: entry.sealedForCounsellors.map((sealed) => ({ counsellorId: sealed.counsellorId, envelope: encodeBase64Url(sealed.envelope) })),
        })),
        evidence: sealedEvidence ? encodeBase64Url(sealedEvidence) : undefined,
      }),
    challenge: () => call('GET', '/api/escrow/challenge'),
    status: (attempt) => call('POST', '/api/escrow/status', attempt),
    decide: (attempt) => call('POST', '/api/escrow/decision', attempt),
  };
}
