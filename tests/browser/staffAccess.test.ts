/**
 * The first administrator's way in, in real Chromium with JavaScript off and on, against a real
 * server: the printed setup link, the network and admin form, authenticator enrolment, the
 * recovery secrets shown once, the staff home, signing out, and signing in again with a fresh
 * authenticator code and with a one-time recovery code. Every page shown passes axe-core, keeps
 * to the strict CSP, fits a phone screen and asks nothing of any other host.
 */
import { describe, expect, test } from 'vitest';
import { totpCodeAt } from '../../src/core/totp.ts';
import { translator } from '../../src/i18n/index.ts';
import { browserSuite, fillSetupForm, sendSignIn, signOut } from '../support/browserFlows.ts';
import { testBackends } from '../support/databases.ts';

const t = translator('en');

const admin = {
  network: 'Lakeshore Women’s Network',
  name: 'Noor Haddad',
  email: 'noor.haddad@example.org',
  password: 'a long walk by the lake at dawn',
};

for (const backend of testBackends()) {
  for (const javaScript of [false, true]) {
    describe(`the first administrator's way in, JavaScript ${javaScript ? 'on' : 'off'} [${backend}]`, () => {
      const suite = browserSuite(backend, { admin: { javaScript } });
      const use = () => suite.browser('admin');
      const secrets = { totp: '', recoveryKey: '', recoveryCodes: [] as string[] };

      const signIn = (code: string) => sendSignIn(use(), admin, code);

      test('before setup the front page says the deployment is not set up yet', async () => {
        const { page, goto, checkPage } = use();
        expect(await goto('/')).toBe(200);
        await checkPage('front page, not set up');
        expect(await page.getByText(t('home.notSetUp')).isVisible()).toBe(true);
      });

      test('the printed setup link asks again when the passwords differ, then creates the network', async () => {
        const { page, goto, follow, checkPage } = use();
        expect(await goto(suite.server().setupLink)).toBe(200);
        await checkPage('setup');

        await fillSetupForm(page, admin, { language: 'en', passwordAgain: 'a different walk' });
        expect(await follow(page.getByRole('button', { name: t('setup.submit') }))).toBe(400);
        await checkPage('setup with errors');
        expect(await page.getByRole('alert').textContent()).toContain(t('validation.passwordsDiffer'));
        expect(await page.getByLabel(t('setup.networkName')).inputValue()).toBe(admin.network);

        await page.getByLabel(t('setup.password'), { exact: true }).fill(admin.password);
        await page.getByLabel(t('setup.passwordAgain')).fill(admin.password);
        expect(await follow(page.getByRole('button', { name: t('setup.submit') }))).toBe(200);
        expect(new URL(page.url()).pathname).toBe('/account/totp');
        await checkPage('authenticator enrolment');
      });

      test('enrolment refuses a malformed code, then confirms one from the app and shows the recovery secrets once', async () => {
        const { page, follow, checkPage } = use();
        secrets.totp = (await page.locator('[data-totp-secret]').getAttribute('data-totp-secret')) ?? '';
        expect(secrets.totp).toMatch(/^[A-Z2-7]{16,}$/);

        await page.getByLabel(t('totp.code')).fill('12345');
        expect(await follow(page.getByRole('button', { name: t('totp.submit') }))).toBe(400);
        await checkPage('authenticator enrolment with an error');
        expect(await page.getByRole('alert').textContent()).toContain(t('errors.TOTP_INVALID'));

        await page.getByLabel(t('totp.code')).fill(totpCodeAt(secrets.totp, new Date()));
        expect(await follow(page.getByRole('button', { name: t('totp.submit') }))).toBe(200);
        await checkPage('recovery secrets');
        secrets.recoveryKey = (await page.locator('[data-recovery-key]').textContent())?.trim() ?? '';
        secrets.recoveryCodes = (await page.locator('[data-recovery-codes] code').allTextContents()).map((code) => code.trim());
        expect(secrets.recoveryKey.length).toBeGreaterThan(20);
        expect(secrets.recoveryCodes).toHaveLength(10);
        expect(new Set(secrets.recoveryCodes).size).toBe(10);
      });

      test('continuing leads to the staff home, and after signing out the staff pages ask for sign-in', async () => {
        const { page, goto, follow, checkPage } = use();
        expect(await follow(page.getByRole('link', { name: t('recovery.continue') }))).toBe(200);
        expect(new URL(page.url()).pathname).toBe('/staff');
        await checkPage('staff home');
        expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(t('staffHome.title', { name: admin.name }));

        await signOut(use());
        expect(await goto('/staff')).toBe(200);
        expect(new URL(page.url()).pathname).toBe('/sign-in');
        await checkPage('sign-in after the session ended');
      });

      test('a wrong password is refused with a plain message', async () => {
        const { page, checkPage } = use();
        expect(await sendSignIn(use(), { email: admin.email, password: 'not the password at all' }, totpCodeAt(secrets.totp, new Date()))).toBe(401);
        await checkPage('sign-in refused');
        expect(await page.getByRole('alert').textContent()).toContain(t('errors.SIGN_IN_FAILED'));
      });

      test('the password with the next authenticator code signs in to the staff home', async () => {
        // Each code is accepted once; the enrolment used this step's code, and the server allows
        // one step of drift, so the next step's code is fresh and valid right now.
        const nextStepCode = totpCodeAt(secrets.totp, new Date(Date.now() + 30_000));
        expect(await signIn(nextStepCode)).toBe(200);
        expect(new URL(use().page.url()).pathname).toBe('/staff');
        await use().checkPage('staff home after sign-in');
        await signOut(use());
      });

      test('a recovery code stands in for the authenticator once, and not twice', async () => {
        const [first = ''] = secrets.recoveryCodes;
        expect(await signIn(first)).toBe(200);
        expect(new URL(use().page.url()).pathname).toBe('/staff');
        await use().checkPage('staff home after a recovery code');
        await signOut(use());

        expect(await signIn(first)).toBe(401);
        await use().checkPage('sign-in refused for a used recovery code');
      });

      test('every page in the staff navigation, a Spanish page and the not-found page pass the checks', async () => {
        const { page, goto, checkPage } = use();
        const [, second = ''] = secrets.recoveryCodes;
        expect(await signIn(second)).toBe(200);
        await checkPage('staff home');

        const navigation = page.getByRole('navigation', { name: t('layout.staffNavigation') });
        const links = await navigation.getByRole('link').evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href') ?? ''));
        expect(links).toContain('/staff');
        expect(links).toContain('/account');
        for (const href of links) {
          expect(await goto(href), `status of ${href}`).toBe(200);
          await checkPage(`staff navigation: ${href}`);
        }

        expect(await goto('/staff?lang=es')).toBe(200);
        expect(await page.locator('html').getAttribute('lang')).toBe('es');
        await checkPage('staff home in Spanish');

        expect(await goto('/no-such-page')).toBe(404);
        await checkPage('not found');
      });

      if (javaScript) {
        test('the Content-Security-Policy refuses an inline script, and the harness reports it', async () => {
          const { page, takeProblems } = use();
          const ran = await page.evaluate(() => {
            const script = document.createElement('script');
            script.textContent = 'document.documentElement.dataset.inlineScript = "ran"';
            document.body.append(script);
            return document.documentElement.dataset.inlineScript ?? 'refused';
          });
          expect(ran).toBe('refused');
          const problems = takeProblems();
          expect(problems.some((line) => line.includes('Content Security Policy'))).toBe(true);
        });

        test('an image from another host is refused, and the harness reports the request', async () => {
          const { page, takeProblems } = use();
          await page.evaluate(async () => {
            const image = document.createElement('img');
            image.alt = '';
            const settled = new Promise((resolve) => image.addEventListener('error', resolve));
            image.src = 'https://tracker.example.net/pixel.png';
            document.body.append(image);
            await settled;
          });
          const problems = takeProblems();
          expect(problems).toContainEqual(expect.stringContaining('request to another host: GET https://tracker.example.net/pixel.png'));
          expect(problems.some((line) => line.includes('Content Security Policy'))).toBe(true);
        });
      }
    });
  }
}
