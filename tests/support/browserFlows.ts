/**
 * What browser test files share: the hooks that start a real server with browsers on it and hold
 * every browser to the harness's checks after each test, and the staff flows many tests pass
 * through on the way to what they are about — the first administrator setting up the network
 * from the printed link, enrolling an authenticator, signing in and out, adding an organisation
 * and inviting staff at /admin, and an invited person choosing a password. Each flow goes through
 * the real pages and checks every page it shows; the tests of those pages' refusals keep their
 * own steps and use the smaller pieces here (`fillSetupForm`, `sendSignIn`, `sendInvitation`).
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { totpCodeAt } from '../../src/core/totp.ts';
import { translator } from '../../src/i18n/index.ts';
import type { Backend } from '../../src/storage/database.ts';
import { openBrowser, type TestBrowser } from './browser.ts';
import { startTestServer, type TestServer } from './browserServer.ts';

const t = translator('en');

export type BrowserSuite<Name extends string> = {
  /** The running server (throws before `beforeAll` has started it). */
  server(): TestServer;
  /** One of the browsers named when the suite was declared. */
  browser(name: Name): TestBrowser;
  /** Opens one more browser on the server, held to the same checks and closed with the rest. */
  open(javaScript: boolean): Promise<TestBrowser>;
};

/**
 * Registers, in the `describe` it is called from, a fresh server with the named browsers open on
 * it (beforeAll), no problem and no unchecked page in any open browser after each test, and
 * everything closed and stopped at the end.
 */
export function browserSuite<Name extends string = never>(backend: Backend, named: Record<Name, { javaScript: boolean }>): BrowserSuite<Name> {
  let server: TestServer | undefined;
  const opened: TestBrowser[] = [];
  const byName = new Map<string, TestBrowser>();

  const suite: BrowserSuite<Name> = {
    server() {
      if (!server) throw new Error('server not started');
      return server;
    },
    browser(name) {
      const browser = byName.get(name);
      if (!browser) throw new Error(`browser ${name} not started`);
      return browser;
    },
    async open(javaScript) {
      const browser = await openBrowser({ serverUrl: suite.server().url, javaScript });
      opened.push(browser);
      return browser;
    },
  };

  beforeAll(async () => {
    server = await startTestServer(backend);
    for (const [name, { javaScript }] of Object.entries<{ javaScript: boolean }>(named)) byName.set(name, await suite.open(javaScript));
  });
  afterEach(() => {
    for (const browser of opened) {
      expect(browser.takeProblems()).toEqual([]);
      expect(browser.uncheckedPages()).toEqual([]);
    }
  });
  afterAll(async () => {
    for (const browser of opened) await browser.close();
    await server?.stop();
  });
  return suite;
}

/** Someone who signs in as staff. */
export type StaffPerson = { name: string; email: string; password: string };
/** The person who sets the network up from the printed link. */
export type FirstAdministrator = StaffPerson & { network: string };
/** Answers the authenticator code to type for a secret. */
export type CodeSource = (secret: string) => string | Promise<string>;

/** The code for the wall clock's present step. */
export const currentCode: CodeSource = (secret) => totpCodeAt(secret, new Date());

/**
 * Fresh authenticator codes, each for a step after the last one used with that secret and at the
 * given clock's time (the server's, where a test moves it): a code is accepted once, within one
 * step of the server's clock, so a sign-in soon after another waits for the next step.
 */
export function authenticatorCodes(clock: () => Date = () => new Date()): CodeSource {
  const lastStep = new Map<string, number>();
  const clockStep = () => Math.floor(clock().getTime() / 30_000);
  return async (secret) => {
    const step = Math.max((lastStep.get(secret) ?? -Infinity) + 1, clockStep());
    while (step > clockStep() + 1) await new Promise((resolve) => setTimeout(resolve, 500));
    lastStep.set(secret, step);
    return totpCodeAt(secret, new Date(step * 30_000 + 1_000));
  };
}

/** Fills the setup form: network, optionally its default language, the administrator and the password twice. */
export async function fillSetupForm(page: Page, admin: FirstAdministrator, options: { language?: string; passwordAgain?: string } = {}): Promise<void> {
  await page.getByLabel(t('setup.networkName')).fill(admin.network);
  if (options.language) await page.getByLabel(t('setup.defaultLanguage')).selectOption(options.language);
  await page.getByLabel(t('setup.adminName')).fill(admin.name);
  await page.getByLabel(t('setup.adminEmail')).fill(admin.email);
  await page.getByLabel(t('setup.password'), { exact: true }).fill(admin.password);
  await page.getByLabel(t('setup.passwordAgain')).fill(options.passwordAgain ?? admin.password);
}

/** Sets the network up through the printed link; leaves the browser on authenticator enrolment. */
export async function setUpNetwork(browser: TestBrowser, setupLink: string, admin: FirstAdministrator, options: { language?: string } = {}): Promise<void> {
  const { page, goto, follow, checkPage } = browser;
  expect(await goto(setupLink)).toBe(200);
  await checkPage('setup');
  await fillSetupForm(page, admin, options);
  expect(await follow(page.getByRole('button', { name: t('setup.submit') }))).toBe(200);
}

/** Enrols the authenticator shown on /account/totp and stops at the recovery secrets; answers its secret. */
export async function enrolAuthenticator(browser: TestBrowser, label: string, code: CodeSource = currentCode): Promise<string> {
  const { page, follow, checkPage } = browser;
  expect(new URL(page.url()).pathname).toBe('/account/totp');
  await checkPage(`${label}: authenticator enrolment`);
  const secret = (await page.locator('[data-totp-secret]').getAttribute('data-totp-secret')) ?? '';
  await page.getByLabel(t('totp.code')).fill(await code(secret));
  expect(await follow(page.getByRole('button', { name: t('totp.submit') }))).toBe(200);
  await checkPage(`${label}: recovery secrets`);
  return secret;
}

/** From the recovery secrets page on to the staff home. */
export async function continueToStaffHome(browser: TestBrowser, label: string): Promise<void> {
  const { page, follow, checkPage } = browser;
  expect(await follow(page.getByRole('link', { name: t('recovery.continue') }))).toBe(200);
  await checkPage(`${label}: staff home`);
}

/** Authenticator enrolment, the recovery secrets, then the staff home; answers the authenticator secret. */
export async function enrolAndContinue(browser: TestBrowser, label: string, code: CodeSource = currentCode): Promise<string> {
  const secret = await enrolAuthenticator(browser, label, code);
  await continueToStaffHome(browser, label);
  return secret;
}

/** The first administrator sets up the network, enrols and reaches the staff home; answers the authenticator secret. */
export async function setUpAsFirstAdministrator(browser: TestBrowser, setupLink: string, admin: FirstAdministrator, code: CodeSource = currentCode): Promise<string> {
  await setUpNetwork(browser, setupLink, admin);
  return enrolAndContinue(browser, 'administrator', code);
}

/** Opens /sign-in, fills it (the authenticator code when given) and sends it; answers the status. */
export async function sendSignIn(browser: TestBrowser, person: { email: string; password: string }, code?: string, label = 'sign-in'): Promise<number> {
  const { page, goto, follow, checkPage } = browser;
  expect(await goto('/sign-in')).toBe(200);
  await checkPage(label);
  await page.getByLabel(t('signIn.email')).fill(person.email);
  await page.getByLabel(t('signIn.password')).fill(person.password);
  if (code !== undefined) await page.getByLabel(t('signIn.code')).fill(code);
  return follow(page.getByRole('button', { name: t('signIn.submit') }));
}

/** Signs a staff member in (with an authenticator code when given) and checks the page reached. */
export async function signIn(browser: TestBrowser, person: { email: string; password: string }, options: { code?: string; label?: string } = {}): Promise<void> {
  const label = options.label ?? 'staff member';
  expect(await sendSignIn(browser, person, options.code, `${label}: sign-in`)).toBe(200);
  await browser.checkPage(`${label}: signed in`);
}

/** Signs out with the button in the page header, which leads back to the sign-in page. */
export async function signOut(browser: TestBrowser, label = 'staff member'): Promise<void> {
  const { page, follow, checkPage } = browser;
  expect(await follow(page.getByRole('button', { name: t('layout.signOut') }))).toBe(200);
  expect(new URL(page.url()).pathname).toBe('/sign-in');
  await checkPage(`${label}: signed out`);
}

export type NewOrganisation = { name: string; slug: string; languages: string[]; country: string };

/** Adds a member organisation at /admin/organisations. */
export async function addOrganisationAtAdmin(browser: TestBrowser, organisation: NewOrganisation): Promise<void> {
  const { page, goto, follow, checkPage } = browser;
  expect(await goto('/admin/organisations')).toBe(200);
  await checkPage('organisations');
  await page.getByLabel(t('adminOrganisations.name'), { exact: true }).fill(organisation.name);
  await page.getByLabel(t('adminOrganisations.slug'), { exact: true }).fill(organisation.slug);
  await page.getByLabel(t('adminOrganisations.languages')).selectOption(organisation.languages);
  await page.getByLabel(t('adminOrganisations.country')).selectOption(organisation.country);
  expect(await follow(page.getByRole('button', { name: t('adminOrganisations.add') }))).toBe(200);
  await checkPage('organisation added');
}

/** A role to give an invited person; the scope is an option of the scope list, by value or by `{ label }`. */
export type RoleToGive = { role: string; scope: string | { label: string } };

/** On the staff page already shown: fills the invitation form, one role row a role, and sends it; answers the one-time link. */
export async function sendInvitation(browser: TestBrowser, person: { name: string; email: string }, roles: RoleToGive[], label = 'invitation created'): Promise<string> {
  const { page, follow, checkPage } = browser;
  await page.getByLabel(t('adminStaff.inviteName'), { exact: true }).fill(person.name);
  await page.getByLabel(t('adminStaff.inviteEmail')).fill(person.email);
  for (const [index, { role, scope }] of roles.entries()) {
    const row = page.getByRole('group', { name: t('adminStaff.roleRow', { number: String(index + 1) }) });
    await row.getByLabel(t('adminStaff.role'), { exact: true }).selectOption(role);
    await row.getByLabel(t('adminStaff.scope'), { exact: true }).selectOption(scope);
  }
  expect(await follow(page.getByRole('button', { name: t('adminStaff.invite') }))).toBe(200);
  await checkPage(label);
  return (await page.locator('[data-invitation-link]').textContent())?.trim() ?? '';
}

/** Invites a staff member with these roles at /admin/staff; answers the one-time link. */
export async function inviteStaff(browser: TestBrowser, person: { name: string; email: string }, roles: RoleToGive[], label = 'staff'): Promise<string> {
  expect(await browser.goto('/admin/staff')).toBe(200);
  await browser.checkPage(label);
  return sendInvitation(browser, person, roles, `${label}: invitation created`);
}

/** On the invitation page already shown: types the password and the repeat and sends them; answers the status. */
export async function sendInvitationPassword(browser: TestBrowser, password: string, again = password): Promise<number> {
  const { page, follow } = browser;
  await page.getByLabel(t('staffInvitation.password'), { exact: true }).fill(password);
  await page.getByLabel(t('staffInvitation.passwordAgain')).fill(again);
  return follow(page.getByRole('button', { name: t('staffInvitation.submit') }));
}

/** Opens a staff invitation link and chooses the password; the next page (enrolment, or the recovery key) is left to check. */
export async function acceptInvitation(browser: TestBrowser, link: string, person: { password: string }, label: string): Promise<void> {
  expect(await browser.goto(link)).toBe(200);
  await browser.checkPage(`${label}: invitation`);
  expect(await sendInvitationPassword(browser, person.password)).toBe(200);
}

/** Accepts a staff invitation, enrols the authenticator and reaches the staff home; answers the authenticator secret. */
export async function joinAsStaff(browser: TestBrowser, link: string, person: { password: string }, label: string, code: CodeSource = currentCode): Promise<string> {
  await acceptInvitation(browser, link, person, label);
  return enrolAndContinue(browser, label, code);
}
