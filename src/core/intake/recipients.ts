/**
 * Who receives a report's key. The handlers of the receiving scope — the organisation, or for
 * the network channel the network-level handlers. A scope without an active handler must not
 * swallow a report, so it falls back to the network's handlers, then to the network's
 * administrators; the rule used is recorded with the case (audit) so it can be explained.
 */

export type Recipient = { staffId: string; publicKey: Uint8Array };

export type RecipientRule = 'scope-handlers' | 'network-handlers' | 'network-admins';

export type RecipientCandidates = {
  scopeHandlers: readonly Recipient[];
  networkHandlers: readonly Recipient[];
  networkAdmins: readonly Recipient[];
};

export function chooseRecipients(candidates: RecipientCandidates): { rule: RecipientRule; recipients: Recipient[] } | undefined {
  const order: [RecipientRule, readonly Recipient[]][] = [
    ['scope-handlers', candidates.scopeHandlers],
    ['network-handlers', candidates.networkHandlers],
    ['network-admins', candidates.networkAdmins],
  ];
  for (const [rule, list] of order) {
    const unique = [...new Map(list.map((recipient) => [recipient.staffId, recipient])).values()];
    if (unique.length > 0) return { rule, recipients: unique };
  }
  return undefined;
}

/**
 * The scope that receives a report: the organisation whose channel it came through, unless the
 * reporter sent it to the network instead (always the network from the network's channel).
 */
export function receivingScope(channelOrgId: string | null, choice: 'organisation' | 'network'): string | null {
  return channelOrgId !== null && choice === 'organisation' ? channelOrgId : null;
}
