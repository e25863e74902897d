/**
 * The escrow page in the reporter's browser (bundled into /assets/escrow.js by
 * `npm run build:client`). It reveals the form the page hides from browsers without scripts,
 * proves membership (invitation code or e-mail code) to get the reporter's token, and places
 * the allegation with placeAllegation.ts: identifiers normalised and blinded here, the server's
 * proof checked against the key pinned in the page, the account and evidence sealed here.
 * The token and everything typed live only in this page's memory; nothing is stored locally.
 */
import { AppError } from '../../core/errors.ts';
import type { IdentifierInput } from '../../core/escrow/identifiers.ts';
import { allegationLimits, type EvidenceFile } from './allegationFormat.ts';
import { decodeBase64Url } from './base64url.ts';
import type { ClientMessages } from './clientMessages.ts';
import { EscrowApiError, escrowApi } from './escrowApi.ts';
import { IdentifiersRefused, placeAllegation, readConfiguration } from './placeAllegation.ts';

type Page = {
  form: HTMLFormElement;
  messages: ClientMessages;
  language: string;
  pinnedKey: Uint8Array;
  token: string | undefined;
  busy: boolean;
};

/** Which field each identifier came from, so a problem is shown next to it. */
type NamedInput = { field: string; input: IdentifierInput };

function element<T extends HTMLElement>(form: HTMLElement, selector: string): T | null {
  return form.querySelector<T>(selector);
}

function value(form: HTMLElement, name: string): string {
  return element<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(form, `#field-${name}`)?.value ?? '';
}

function showFieldError(form: HTMLElement, field: string, message: string): void {
  const error = element<HTMLElement>(form, `#field-${field}-error`);
  const input = element<HTMLElement>(form, `#field-${field}`);
  if (error) {
    error.textContent = message;
    error.hidden = false;
  }
  if (input) {
    input.setAttribute('aria-invalid', 'true');
    const hint = input.getAttribute('aria-describedby')?.split(' ').filter((id) => id !== `field-${field}-error`) ?? [];
    input.setAttribute('aria-describedby', [...hint, `field-${field}-error`].join(' '));
    input.closest('.field')?.classList.add('field-error');
  }
}

function clearErrors(page: Page): void {
  for (const error of Array.from(page.form.querySelectorAll<HTMLElement>('.error'))) {
    error.textContent = '';
    error.hidden = true;
  }
  for (const input of Array.from(page.form.querySelectorAll<HTMLElement>('[aria-invalid]'))) input.removeAttribute('aria-invalid');
  for (const field of Array.from(page.form.querySelectorAll<HTMLElement>('.field-error'))) field.classList.remove('field-error');
  const banner = element<HTMLElement>(page.form, '[data-escrow-error]');
  if (banner) banner.hidden = true;
}

function showError(page: Page, message: string): void {
  const banner = element<HTMLElement>(page.form, '[data-escrow-error]');
  if (!banner) return;
  banner.textContent = message;
  banner.hidden = false;
  banner.focus();
}

function setStatus(page: Page, message: string): void {
  const status = element<HTMLElement>(page.form, '[data-escrow-status]');
  if (status) status.textContent = message;
}

/** The message for anything thrown: the server's own words, or this page's translation. */
function messageFor(page: Page, error: unknown): string {
  if (error instanceof EscrowApiError) return error.code === 'UNREACHABLE' ? page.messages.unreachable : error.message;
  if (error instanceof AppError) return page.messages.errors[error.code] ?? page.messages.errors.INTERNAL ?? error.message;
  return page.messages.errors.INTERNAL ?? String(error);
}

function identifierInputs(form: HTMLElement): NamedInput[] {
  const named: NamedInput[] = [];
  const email = value(form, 'respondentEmail');
  if (email.trim() !== '') named.push({ field: 'respondentEmail', input: { kind: 'email', text: email } });
  const phone = value(form, 'respondentPhone');
  if (phone.trim() !== '') named.push({ field: 'respondentPhone', input: { kind: 'phone', text: phone, defaultRegion: value(form, 'respondentPhoneRegion') } });
  const profile = value(form, 'respondentProfile');
  if (profile.trim() !== '') named.push({ field: 'respondentProfile', input: { kind: 'profile_url', text: profile } });
  const name = value(form, 'respondentName');
  const organisation = value(form, 'respondentOrganisation');
  if (name.trim() !== '' || organisation.trim() !== '') named.push({ field: name.trim() === '' ? 'respondentName' : 'respondentOrganisation', input: { kind: 'name_and_organisation', name, organisation } });
  return named;
}

async function evidenceFiles(form: HTMLElement): Promise<EvidenceFile[]> {
  const files = Array.from(element<HTMLInputElement>(form, '#field-evidence')?.files ?? []);
  return Promise.all(files.map(async (file) => ({ name: file.name.slice(0, allegationLimits.fileNameCharacters), type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) })));
}

function verified(page: Page, token: string): void {
  page.token = token;
  const notice = element<HTMLElement>(page.form, '[data-escrow-verified]');
  if (notice) notice.hidden = false;
  for (const name of ['invitationCode', 'membershipEmail', 'membershipCode']) {
    const input = element<HTMLInputElement>(page.form, `#field-${name}`);
    if (input) {
      input.value = '';
      input.disabled = true;
    }
  }
  for (const button of Array.from(page.form.querySelectorAll<HTMLButtonElement>('[data-escrow-action]'))) button.disabled = true;
}

async function redeem(page: Page): Promise<boolean> {
  const code = value(page.form, 'invitationCode').trim();
  if (code === '') {
    showFieldError(page.form, 'invitationCode', page.messages.invitationMissing);
    return false;
  }
  setStatus(page, page.messages.steps.verifying);
  verified(page, await escrowApi(location.origin).redeemInvitation(code));
  setStatus(page, '');
  return true;
}

async function sendCode(page: Page): Promise<void> {
  const email = value(page.form, 'membershipEmail').trim();
  if (email === '') return showFieldError(page.form, 'membershipEmail', page.messages.emailMissing);
  await escrowApi(location.origin).sendMembershipCode(email, page.language);
  setStatus(page, page.messages.codeSent);
}

async function verifyCode(page: Page): Promise<void> {
  setStatus(page, page.messages.steps.verifying);
  verified(page, await escrowApi(location.origin).verifyMembershipCode(value(page.form, 'membershipEmail'), value(page.form, 'membershipCode')));
  setStatus(page, '');
}

/** Checks what can be checked before anything is sent; false (with errors shown) when something is missing. */
function readyToSend(page: Page, named: NamedInput[], evidence: EvidenceFile[]): boolean {
  let ready = true;
  if (named.length === 0) {
    showFieldError(page.form, 'respondent', page.messages.noIdentifier);
    ready = false;
  }
  if (value(page.form, 'account').trim() === '') {
    showFieldError(page.form, 'account', page.messages.accountMissing);
    ready = false;
  }
  const bytes = evidence.reduce((sum, file) => sum + file.bytes.length, 0);
  if (evidence.length > allegationLimits.evidenceFiles || bytes > allegationLimits.evidenceBytes) {
    showFieldError(page.form, 'evidence', page.messages.evidenceTooLarge);
    ready = false;
  }
  return ready;
}

async function place(page: Page): Promise<void> {
  if (!page.token && value(page.form, 'invitationCode').trim() !== '' && !(await redeem(page))) return;
  if (!page.token) return showError(page, page.messages.notVerified);
  const named = identifierInputs(page.form);
  const evidence = await evidenceFiles(page.form);
  if (!readyToSend(page, named, evidence)) return showError(page, firstProblem(page));
  const api = escrowApi(location.origin);
  const configuration = readConfiguration(await api.configuration(), page.pinnedKey);
  try {
    const placed = await placeAllegation({
      api,
      configuration,
      token: page.token,
      identifiers: named.map((item) => item.input),
      account: value(page.form, 'account'),
      evidence,
      onStep: (step) => setStatus(page, page.messages.steps[step]),
    });
    showReceipt(page, placed.receipt, placed.placedAt);
  } catch (error) {
    if (!(error instanceof IdentifiersRefused)) throw error;
    for (const refusal of error.refusals) {
      const field = named[refusal.index]?.field ?? 'respondent';
      showFieldError(page.form, field, page.messages.problems[refusal.problem] ?? page.messages.problems.unknown_kind ?? '');
    }
    showError(page, firstProblem(page));
  }
}

/** The first field problem shown, repeated in the alert at the top so it is announced. */
function firstProblem(page: Page): string {
  const shown = Array.from(page.form.querySelectorAll<HTMLElement>('.error')).find((error) => !error.hidden);
  return shown?.textContent ?? '';
}

function showReceipt(page: Page, receipt: string, placedAt: string): void {
  page.token = undefined;
  for (const step of Array.from(page.form.querySelectorAll<HTMLElement>('[data-escrow-step], .before-sending'))) step.hidden = true;
  for (const input of Array.from(page.form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea'))) input.value = '';
  const code = element<HTMLElement>(page.form, '[data-escrow-receipt]');
  if (code) code.textContent = receipt;
  const date = element<HTMLElement>(page.form, '[data-escrow-placed-at]');
  const formatted = new Intl.DateTimeFormat(page.language, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(placedAt));
  if (date) date.textContent = page.messages.placedAt.replace('{date}', formatted);
  const result = element<HTMLElement>(page.form, '[data-escrow-result]');
  if (result) {
    result.hidden = false;
    result.focus();
  }
}

/** Runs one action at a time, with errors shown instead of thrown. */
function guarded(page: Page, action: () => Promise<unknown>): void {
  if (page.busy) return;
  page.busy = true;
  clearErrors(page);
  const submit = element<HTMLButtonElement>(page.form, 'button[type="submit"]');
  if (submit) submit.disabled = true;
  action()
    .catch((error: unknown) => {
      setStatus(page, '');
      showError(page, messageFor(page, error));
    })
    .finally(() => {
      page.busy = false;
      if (submit) submit.disabled = false;
    });
}

function start(): void {
  const form = document.querySelector<HTMLFormElement>('form[data-escrow-form]');
  const pinnedKey = decodeBase64Url(form?.dataset.publicKey);
  if (!form || !pinnedKey) return;
  const page: Page = { form, messages: JSON.parse(form.dataset.messages ?? '{}') as ClientMessages, language: form.dataset.language ?? 'en', pinnedKey, token: undefined, busy: false };
  for (const notice of Array.from(document.querySelectorAll<HTMLElement>('[data-escrow-no-script]'))) notice.hidden = true;
  form.hidden = false;
  const actions: Record<string, () => Promise<unknown>> = { redeem: () => redeem(page), 'send-code': () => sendCode(page), 'verify-code': () => verifyCode(page) };
  for (const button of Array.from(form.querySelectorAll<HTMLButtonElement>('[data-escrow-action]'))) {
    const action = actions[button.dataset.escrowAction ?? ''];
    if (action) button.addEventListener('click', () => guarded(page, action));
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    guarded(page, () => place(page));
  });
}

start();
