/**
 * How a reporter names a respondent in escrow: e-mail, phone, profile URL, or name with
 * organisation. Each is normalised so that two reporters who type the same person differently
 * (case, spacing, "www.", a trailing slash, national or international phone format) reach the
 * same value, and then encoded unambiguously (kind and every part length-prefixed) as the OPRF
 * input. Runs in the browser too: no Node-only APIs.
 *
 * Invariant: `parseIdentifier` never throws; anything it cannot normalise comes back as a
 * typed problem. `requireIdentifier` turns that problem into ESCROW_IDENTIFIER_INVALID.
 */
import { parsePhoneNumberFromString, isSupportedCountry, type CountryCode } from 'libphonenumber-js/max';
import { AppError } from '../errors.ts';
import { canonicalSegment, emailProviderRules, socialProfilePath, stripHostPrefix } from './identifierHosts.ts';

export const identifierKinds = ['email', 'phone', 'profile_url', 'name_and_organisation'] as const;
export type IdentifierKind = (typeof identifierKinds)[number];

declare const normalised: unique symbol;
type Normalised<T> = T & { readonly [normalised]: true };

/** A respondent identifier in canonical form. Only `parseIdentifier` makes one. */
export type Identifier = Normalised<
  | { kind: 'email'; value: string }
  | { kind: 'phone'; value: string }
  | { kind: 'profile_url'; value: string }
  | { kind: 'name_and_organisation'; name: string; organisation: string }
>;

/** What a reporter typed, before normalisation. */
export type IdentifierInput =
  | { kind: 'email'; text: string }
  | { kind: 'phone'; text: string; defaultRegion?: string }
  | { kind: 'profile_url'; text: string }
  | { kind: 'name_and_organisation'; name: string; organisation: string };

export type IdentifierProblem =
  | 'unknown_kind'
  | 'empty'
  | 'too_long'
  | 'email_malformed'
  | 'email_domain_invalid'
  | 'phone_region_unknown'
  | 'phone_needs_country'
  | 'phone_invalid'
  | 'url_malformed'
  | 'url_not_web'
  | 'url_not_profile'
  | 'name_missing'
  | 'organisation_missing';

export type IdentifierResult =
  | { ok: true; identifier: Identifier }
  | { ok: false; kind: string; problem: IdentifierProblem };

/**
 * Diacritics on Latin, Greek and Cyrillic letters are stripped by default ("José" and "Jose"
 * match): reporters type names on whatever keyboard they have. A network may keep them; the
 * setting must never change once entries exist, or old and new entries stop matching.
 */
export type NormalisationOptions = { diacritics?: 'strip' | 'keep' };

const maxLength = { email: 320, phone: 64, profile_url: 2048, name: 200, organisation: 200 } as const;

export function parseIdentifier(input: IdentifierInput, options: NormalisationOptions = {}): IdentifierResult {
  const kind: unknown = input?.kind;
  switch (kind) {
    case 'email':
      return textResult('email', input, maxLength.email, normaliseEmail);
    case 'phone':
      return textResult('phone', input, maxLength.phone, (text) =>
        normalisePhone(text, (input as { defaultRegion?: unknown }).defaultRegion),
      );
    case 'profile_url':
      return textResult('profile_url', input, maxLength.profile_url, normaliseProfileUrl);
    case 'name_and_organisation':
      return nameResult(input as { name?: unknown; organisation?: unknown }, options);
    default:
      return { ok: false, kind: typeof kind === 'string' ? kind : 'unknown', problem: 'unknown_kind' };
  }
}

/** parseIdentifier for boundaries that answer with an error: ESCROW_IDENTIFIER_INVALID. */
export function requireIdentifier(input: IdentifierInput, options: NormalisationOptions = {}): Identifier {
  const result = parseIdentifier(input, options);
  if (!result.ok) throw new AppError('ESCROW_IDENTIFIER_INVALID', { detail: `${result.kind}: ${result.problem}` });
  return result.identifier;
}

const encodingVersion = 1;

/** The OPRF input: version byte, then the kind and each part as a 2-byte length and UTF-8 bytes. */
export function encodeIdentifier(identifier: Identifier): Uint8Array {
  const parts =
    identifier.kind === 'name_and_organisation'
      ? [identifier.kind, identifier.name, identifier.organisation]
      : [identifier.kind, identifier.value];
  const encoded = parts.map((part) => new TextEncoder().encode(part));
  const output = new Uint8Array(1 + encoded.reduce((sum, bytes) => sum + 2 + bytes.length, 0));
  output[0] = encodingVersion;
  let offset = 1;
  for (const bytes of encoded) {
    output[offset] = bytes.length >> 8;
    output[offset + 1] = bytes.length & 0xff;
    output.set(bytes, offset + 2);
    offset += 2 + bytes.length;
  }
  return output;
}

type Outcome = { value: string } | { problem: IdentifierProblem };

function textResult(
  kind: 'email' | 'phone' | 'profile_url',
  input: unknown,
  limit: number,
  normalise: (text: string) => Outcome,
): IdentifierResult {
  const text = (input as { text?: unknown }).text;
  if (typeof text !== 'string' || text.trim() === '') return { ok: false, kind, problem: 'empty' };
  if (text.length > limit) return { ok: false, kind, problem: 'too_long' };
  const outcome = normalise(text.trim());
  if ('problem' in outcome) return { ok: false, kind, problem: outcome.problem };
  return { ok: true, identifier: { kind, value: outcome.value } as Identifier };
}

function nameResult(input: { name?: unknown; organisation?: unknown }, options: NormalisationOptions): IdentifierResult {
  const kind = 'name_and_organisation';
  const { name, organisation } = input;
  if (typeof name !== 'string' || typeof organisation !== 'string') return { ok: false, kind, problem: 'empty' };
  if (name.length > maxLength.name || organisation.length > maxLength.organisation) {
    return { ok: false, kind, problem: 'too_long' };
  }
  const foldedName = foldName(name, options.diacritics ?? 'strip');
  const foldedOrganisation = foldName(organisation, options.diacritics ?? 'strip');
  if (!/\p{L}/u.test(foldedName)) return { ok: false, kind, problem: 'name_missing' };
  if (!/[\p{L}\p{N}]/u.test(foldedOrganisation)) return { ok: false, kind, problem: 'organisation_missing' };
  return { ok: true, identifier: { kind, name: foldedName, organisation: foldedOrganisation } as Identifier };
}

// ---- e-mail ---------------------------------------------------------------------------------

const localPartPattern = /^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+(\.[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+)*$/u;

/**
 * Lower-cases the whole address (mailbox case-sensitivity is allowed by the RFC but honoured by
 * no real provider), converts the domain to its IDNA ASCII form, and applies the documented
 * alias rules of a few large providers (Gmail ignores dots; several ignore a "+tag").
 * Quoted local parts and address literals are refused rather than guessed at.
 */
function normaliseEmail(text: string): Outcome {
  const address = text.normalize('NFC');
  if (/[\s\p{Cc}\p{Cf}]/u.test(address)) return { problem: 'email_malformed' };
  const at = address.lastIndexOf('@');
  if (at <= 0 || address.indexOf('@') !== at) return { problem: 'email_malformed' };
  const local = address.slice(0, at).toLowerCase();
  if (local.length > 64 || !localPartPattern.test(local)) return { problem: 'email_malformed' };
  const domain = asciiDomain(address.slice(at + 1));
  if (!domain) return { problem: 'email_domain_invalid' };
  const rules = emailProviderRules(domain);
  let mailbox = rules.ignoresPlusTag ? (local.split('+')[0] ?? '') : local;
  if (rules.ignoresDots) mailbox = mailbox.replace(/\./g, '');
  if (mailbox === '') return { problem: 'email_malformed' };
  return { value: `${mailbox}@${rules.canonicalDomain}` };
}

/** IDNA (UTS #46) to ASCII through the URL parser, then a strict host-name check. */
function asciiDomain(domain: string): string | undefined {
  if (domain === '' || /[/?#:@\\[\]]/.test(domain)) return undefined;
  let host: string;
  try {
    host = new URL(`http://${domain}`).hostname;
  } catch {
    return undefined;
  }
  host = host.replace(/\.$/, '');
  if (host.length > 253) return undefined;
  const labels = host.split('.');
  if (labels.length < 2) return undefined;
  const valid = labels.every((label) => /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(label));
  const topLevel = labels[labels.length - 1] ?? '';
  return valid && !/^[0-9]+$/.test(topLevel) ? host : undefined;
}

// ---- phone ----------------------------------------------------------------------------------

/** E.164 ("+442079460958"), validated against libphonenumber's full metadata; extensions dropped. */
function normalisePhone(text: string, defaultRegion: unknown): Outcome {
  let region: CountryCode | undefined;
  if (defaultRegion !== undefined && defaultRegion !== '') {
    const upper = typeof defaultRegion === 'string' ? defaultRegion.toUpperCase() : '';
    if (!isSupportedCountry(upper)) return { problem: 'phone_region_unknown' };
    region = upper;
  }
  const international = text.replace(/^00/, '+');
  if (!region && !international.startsWith('+')) return { problem: 'phone_needs_country' };
  const parsed = parsePhoneNumberFromString(international, region ? { defaultCountry: region } : undefined);
  if (!parsed || !parsed.isValid()) return { problem: 'phone_invalid' };
  return { value: parsed.number };
}

// ---- profile URL ----------------------------------------------------------------------------

/**
 * https, lower-case host without "www.", no credentials, query, fragment or trailing slash; the
 * path kept as written (paths are case-sensitive in general) except on known social hosts,
 * where the profile part alone is kept in its canonical case ("x.com/Alice/status/1" → "x.com/alice").
 */
function normaliseProfileUrl(text: string): Outcome {
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(text) && !/^[^:/]+:\d/.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { problem: 'url_malformed' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { problem: 'url_not_web' };
  if (url.username !== '' || url.password !== '') return { problem: 'url_malformed' };
  const host = asciiDomain(url.hostname);
  if (!host) return { problem: 'url_malformed' };
  const port = url.port === '' || url.port === '80' || url.port === '443' ? '' : `:${url.port}`;
  const social = socialProfilePath(stripHostPrefix(host, true), url);
  if (social === 'not_profile') return { problem: 'url_not_profile' };
  if (social) return { value: `https://${social.host}${social.path}` };
  const path = url.pathname
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => `/${canonicalSegment(segment, false)}`)
    .join('');
  return { value: `https://${stripHostPrefix(host, false)}${port}${path}` };
}

// ---- name and organisation ------------------------------------------------------------------

const strippableMarks = /([\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}])\p{M}+/gu;

/**
 * NFKC, lower case with the two common full case-folds (ß → ss, final ς → σ), optional
 * diacritic stripping, invisible format characters removed, punctuation, symbols and any run of
 * spaces collapsed to one space. "Jean-Luc  O’Brien" and "jean luc o'brien" become "jean luc o brien".
 */
export function foldName(text: string, diacritics: 'strip' | 'keep' = 'strip'): string {
  let folded = text.normalize('NFKC').toLowerCase().replace(/ß|ẞ/g, 'ss').replace(/ς/g, 'σ');
  if (diacritics === 'strip') folded = folded.normalize('NFD').replace(strippableMarks, '$1');
  folded = folded.normalize('NFKC').replace(/\p{Cf}/gu, '');
  return folded.replace(/[\p{P}\p{S}\p{Z}\p{Cc}\s]+/gu, ' ').trim();
}
