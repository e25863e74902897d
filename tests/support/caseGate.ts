/**
 * The no-conflict declaration a staff member makes the first time they open a case (the case
 * page shows nothing written in it before that). Route tests that are about something else
 * open a case through this, as a handler would: declare, then read the page.
 */
import type { App } from '../../src/web/app.ts';
import { csrfFrom } from './webApp.ts';

type Response = Awaited<ReturnType<App['inject']>>;

/** Anything that browses like a staff member: `browserFor`'s or `cookieBrowser`'s client. */
type StaffBrowser = { get(url: string): Promise<Response>; post(url: string, form: Record<string, string>): Promise<Response> };

/** GET /cases/:id, declaring no conflict of interest first if the declaration page is shown. */
export async function openDeclared(browser: StaffBrowser, caseId: string, query = ''): Promise<Response> {
  const first = await browser.get(`/cases/${caseId}${query}`);
  if (first.statusCode !== 200 || !first.body.includes('value="declareNoConflict"')) return first;
  const seen = /name="seen" value="(\d+)"/.exec(first.body)?.[1] ?? '0';
  const declared = await browser.post(`/cases/${caseId}/actions`, { _csrf: csrfFrom(first.body), type: 'declareNoConflict', seen, form: 'declareNoConflict' });
  if (declared.statusCode !== 303) throw new Error(`the no-conflict declaration failed: ${declared.statusCode}`);
  return browser.get(`/cases/${caseId}${query}`);
}

/** Sends one action form as the case page offers it: with the page's form token and history count. */
export async function takeAction(browser: StaffBrowser, caseId: string, fields: Record<string, string>): Promise<Response> {
  const page = await browser.get(`/cases/${caseId}`);
  const seen = /name="seen" value="(\d+)"/.exec(page.body)?.[1] ?? '';
  return browser.post(`/cases/${caseId}/actions`, { _csrf: csrfFrom(page.body), seen, ...fields });
}
