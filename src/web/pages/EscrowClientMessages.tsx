/**
 * The words the escrow script shows (problems with an identifier, steps, errors raised in the
 * browser), translated on the server and handed to the script as one JSON data attribute, so the
 * bundle carries no text and the page is in the reporter's language like every other page.
 */
import type { EscrowConfigurationWire } from '../../client/escrow/escrowApi.ts';
import type { ClientMessages } from '../../client/escrow/clientMessages.ts';
import type { Translate } from '../../i18n/index.ts';

const problems = [
  'unknown_kind',
  'empty',
  'too_long',
  'email_malformed',
  'email_domain_invalid',
  'phone_region_unknown',
  'phone_needs_country',
  'phone_invalid',
  'url_malformed',
  'url_not_web',
  'url_not_profile',
  'name_missing',
  'organisation_missing',
  'duplicate',
  'too_many',
] as const;

const errorCodes = [
  'ESCROW_IDENTIFIER_INVALID',
  'ESCROW_PROOF_INVALID',
  'ESCROW_ENTRY_INVALID',
  'ESCROW_UNAVAILABLE',
  'ESCROW_TOKEN_INVALID',
  'ESCROW_THRESHOLD_INVALID',
  'ESCROW_SERVER_KEY_INVALID',
  'ESCROW_OPRF_REQUEST_INVALID',
  'INTERNAL',
] as const;

export function clientMessages(t: Translate, configuration: EscrowConfigurationWire): ClientMessages {
  return {
    problems: Object.fromEntries(problems.map((problem) => [problem, t(`escrow.problems.${problem}`)])),
    errors: Object.fromEntries(errorCodes.map((code) => [code, t(`errors.${code}`)])),
    noIdentifier: t('escrow.client.noIdentifier'),
    nameNeedsOrganisation: t('escrow.client.nameNeedsOrganisation'),
    accountMissing: t('escrow.client.accountMissing'),
    evidenceTooLarge: t('escrow.client.evidenceTooLarge', { files: configuration.limits.evidenceFiles, megabytes: Math.floor(configuration.limits.evidenceBytes / (1024 * 1024)) }),
    notVerified: t('escrow.client.notVerified'),
    invitationMissing: t('escrow.client.invitationMissing'),
    emailMissing: t('escrow.client.emailMissing'),
    codeSent: t('escrow.client.codeSent'),
    unreachable: t('escrow.client.unreachable'),
    steps: {
      verifying: t('escrow.client.verifying'),
      evaluating: t('escrow.client.evaluating'),
      sealing: t('escrow.client.sealing'),
      sending: t('escrow.client.sending'),
    },
    placedAt: t('escrow.receipt.placedAt', { date: '{date}' }),
  };
}
