/**
 * What a reporter's client must know before placing an allegation, as published at the
 * well-known address: the server's VOPRF public key (which clients pin), the network's
 * threshold and name normalisation, the escrow counsellors to seal to, how membership is proven,
 * and the limits. Nothing here is secret.
 */
import { toBase64Url } from '../../core/crypto/bytes.ts';
import type { EscrowConfigurationWire } from '../../client/escrow/escrowApi.ts';
import { allegationLimits } from '../../client/escrow/allegationFormat.ts';
import { activeCounsellors, readEscrowSettings } from '../../storage/escrow/escrowSettingsStore.ts';
import type { EscrowContext } from './escrowService.ts';

export async function readEscrowConfiguration(context: EscrowContext): Promise<EscrowConfigurationWire> {
  const settings = await readEscrowSettings(context.db);
  const counsellors = await activeCounsellors(context.db);
  const { evaluationPolicy } = context.escrow;
  return {
    version: 1,
    suite: 'ristretto255-SHA512',
    mode: 'VOPRF',
    publicKey: toBase64Url(context.escrow.keys.serverKey.publicKey),
    threshold: settings.threshold,
    diacritics: settings.diacritics,
    counsellors: counsellors.map((counsellor) => ({ id: counsellor.id, publicKey: toBase64Url(counsellor.publicKey) })),
    membership: { invitation: true, email: emailCodesOffered(context, settings.membershipDomains) },
    limits: {
      identifiersPerRequest: evaluationPolicy.maxElementsPerRequest,
      evaluationsPerDay: evaluationPolicy.maxEvaluationsPerWindow,
      accountCharacters: allegationLimits.accountCharacters,
      evidenceFiles: allegationLimits.evidenceFiles,
      evidenceBytes: allegationLimits.evidenceBytes,
    },
  };
}

export function emailCodesOffered(context: EscrowContext, membershipDomains: string[]): boolean {
  return context.escrow.mailer !== undefined && membershipDomains.length > 0;
}
