/**
 * What the escrow use-cases need beyond the ordinary Context: the server secrets (from the key
 * file, never the database), the VOPRF evaluator loaded with them, the limits on evaluations,
 * and a mailer for membership codes (sent at once, never queued: the outbox would keep the
 * address). Built once per process, on first use.
 */
import { defaultEvaluationPolicy, type EvaluationPolicy } from '../../core/escrow/evaluationRequests.ts';
import { loadOprfEvaluator, type OprfEvaluator } from '../../core/escrow/oprfEvaluator.ts';
import type { Mailer } from '../../jobs/mail.ts';
import type { EscrowKeys } from '../../storage/escrow/escrowKeys.ts';
import type { Context } from '../context.ts';

export type EscrowService = {
  keys: EscrowKeys;
  evaluator: OprfEvaluator;
  mailer: Mailer | undefined;
  evaluationPolicy: EvaluationPolicy;
  /** Evaluations one token gets over its whole life: a bound on slow dictionary attacks. */
  lifetimeEvaluations: number;
  /** Hashes of tokens seen to exist (reporter rows are never deleted), so a placement skips that check. */
  knownTokens: KnownTokens;
};

/**
 * Token hashes known to belong to a reporter. Only a shortcut: a placement under a token not
 * remembered here asks the database before it spends an Argon2id derivation, and the placing
 * statement checks the token again in any case. Bounded; forgetting everything is always safe.
 */
export class KnownTokens {
  private readonly hashes = new Set<string>();
  constructor(private readonly limit = 50_000) {}
  has(tokenHash: string): boolean {
    return this.hashes.has(tokenHash);
  }
  add(tokenHash: string): void {
    if (this.hashes.size >= this.limit) this.hashes.clear();
    this.hashes.add(tokenHash);
  }
}

export async function startEscrowService(keys: EscrowKeys, mailer: Mailer | undefined, policy: Partial<Pick<EscrowService, 'evaluationPolicy' | 'lifetimeEvaluations'>> = {}): Promise<EscrowService> {
  return {
    keys,
    evaluator: await loadOprfEvaluator(keys.serverKey.secretKey, keys.serverKey.publicKey),
    mailer,
    evaluationPolicy: policy.evaluationPolicy ?? defaultEvaluationPolicy,
    lifetimeEvaluations: policy.lifetimeEvaluations ?? 256,
    knownTokens: new KnownTokens(),
  };
}

/** A use-case's whole world: the database, clock and Argon2 cost, and the escrow service. */
export type EscrowContext = Context & { escrow: EscrowService };
