/** The texts the escrow page hands to its script (web/pages/EscrowClientMessages.tsx fills them). */
export type ClientMessages = {
  problems: Record<string, string>;
  errors: Record<string, string>;
  noIdentifier: string;
  nameNeedsOrganisation: string;
  accountMissing: string;
  evidenceTooLarge: string;
  notVerified: string;
  invitationMissing: string;
  emailMissing: string;
  codeSent: string;
  unreachable: string;
  steps: { verifying: string; evaluating: string; sealing: string; sending: string };
  /** Contains "{date}", replaced by the script with the local date. */
  placedAt: string;
};
