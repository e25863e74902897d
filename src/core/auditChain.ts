/**
 * The audit log as a hash chain, pure. Each entry's hash covers its own fields (in RFC 8785
 * canonical JSON) and the previous entry's hash, so altering, removing or reordering any entry
 * breaks every hash after it. `verifyChain` recomputes the chain and names the first break.
 */
import canonicalize from 'canonicalize';
import { sha256Hex } from './crypto/kdf.ts';

export const GENESIS_HASH = '0'.repeat(64);

export type AuditFields = {
  seq: number;
  at: string;
  actorId: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  orgId: string | null;
  details: Record<string, unknown>;
};

export type AuditEntry = AuditFields & { prevHash: string; hash: string };

export function hashEntry(fields: AuditFields, prevHash: string): string {
  const body = canonicalize({ ...fields, prevHash }) ?? '';
  return sha256Hex(body);
}

export function chainEntry(fields: AuditFields, prevHash: string): AuditEntry {
  return { ...fields, prevHash, hash: hashEntry(fields, prevHash) };
}

export type ChainBreak = {
  seq: number;
  problem: 'altered' | 'missing-or-reordered' | 'sequence-gap' | 'head-mismatch';
};

export type ChainVerdict = { ok: true; count: number; headHash: string } | ({ ok: false; count: number } & ChainBreak);

/** Incremental verifier, so millions of rows can be streamed in pages. */
export class ChainVerifier {
  private prevHash = GENESIS_HASH;
  private expectedSeq: number | undefined;
  private count = 0;
  private failure: ChainBreak | undefined;

  add(entry: AuditEntry): boolean {
    if (this.failure) return false;
    if (this.expectedSeq !== undefined && entry.seq !== this.expectedSeq) {
      this.failure = { seq: entry.seq, problem: 'sequence-gap' };
      return false;
    }
    if (entry.prevHash !== this.prevHash) {
      this.failure = { seq: entry.seq, problem: 'missing-or-reordered' };
      return false;
    }
    const { prevHash, hash, ...fields } = entry;
    if (hashEntry(fields, prevHash) !== hash) {
      this.failure = { seq: entry.seq, problem: 'altered' };
      return false;
    }
    this.prevHash = hash;
    this.expectedSeq = entry.seq + 1;
    this.count += 1;
    return true;
  }

  /** `head` is the separately kept (seq, hash) of the last entry, catching a truncated tail. */
  finish(head?: { seq: number; hash: string }): ChainVerdict {
    if (this.failure) return { ok: false, count: this.count, ...this.failure };
    if (head && (head.hash !== this.prevHash || (this.expectedSeq ?? 1) - 1 !== head.seq)) {
      return { ok: false, count: this.count, seq: head.seq, problem: 'head-mismatch' };
    }
    return { ok: true, count: this.count, headHash: this.prevHash };
  }
}

export function verifyChain(entries: Iterable<AuditEntry>, head?: { seq: number; hash: string }): ChainVerdict {
  const verifier = new ChainVerifier();
  for (const entry of entries) if (!verifier.add(entry)) break;
  return verifier.finish(head);
}
