/**
 * A network administrator sets the escrow threshold t, how names are compared, and the
 * membership e-mail domains. t and the name rule decide which entries can ever combine, so they
 * are fixed once the first entry exists (changing them would silently split old entries from
 * new ones); the membership domains can change at any time.
 */
import { AppError } from '../../core/errors.ts';
import { parseIdentifier } from '../../core/escrow/identifiers.ts';
import { parseThreshold } from '../../core/escrow/threshold.ts';
import { authorize, type Actor } from '../../core/policy.ts';
import { recordAudit } from '../../storage/auditLog.ts';
import { anyEscrowEntry, readEscrowSettings, saveEscrowSettings, type Diacritics, type EscrowSettings } from '../../storage/escrow/escrowSettingsStore.ts';
import type { Context } from '../context.ts';

export type SettingsInput = { threshold: unknown; diacritics: Diacritics; membershipDomains: string };

export async function escrowSettingsFor(context: Context, actor: Actor | undefined): Promise<EscrowSettings & { locked: boolean }> {
  authorize(actor, 'escrow.configure', { kind: 'network' });
  return { ...(await readEscrowSettings(context.db)), locked: await anyEscrowEntry(context.db) };
}

/** One domain per line (or separated by commas or spaces), in their IDNA ASCII form. */
export function parseDomains(text: string): string[] {
  const domains = text
    .split(/[\s,;]+/)
    .map((item) => item.trim().replace(/^@/, ''))
    .filter((item) => item !== '');
  return [...new Set(domains.map((domain) => {
    const parsed = parseIdentifier({ kind: 'email', text: `member@${domain}` });
    if (!parsed.ok || parsed.identifier.kind !== 'email') {
      throw new AppError('BAD_INPUT', { detail: `membership domain ${domain}` }, { membershipDomains: 'escrow.settings.domainInvalid' });
    }
    return parsed.identifier.value.slice('member@'.length);
  }))].sort();
}

export async function changeEscrowSettings(context: Context, actor: Actor | undefined, input: SettingsInput): Promise<void> {
  authorize(actor, 'escrow.configure', { kind: 'network' });
  const threshold = parseThreshold(input.threshold);
  const membershipDomains = parseDomains(input.membershipDomains);
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    const current = await readEscrowSettings(tx);
    const matchingChanged = current.threshold !== threshold || current.diacritics !== input.diacritics;
    if (matchingChanged && (await anyEscrowEntry(tx))) throw new AppError('ESCROW_SETTINGS_LOCKED');
    await saveEscrowSettings(tx, { threshold, diacritics: input.diacritics, membershipDomains }, actor.staffId, now);
    await recordAudit(tx, { actorId: actor.staffId, action: 'escrow.settings-changed', subjectType: 'escrow-settings', subjectId: '1', details: { threshold, diacritics: input.diacritics, membershipDomains } }, now);
  });
}
