/**
 * GET /inbox: a handler's list of cases, metadata only. The filters arrive as a GET form and are
 * read with one schema; filters that cannot be read answer 400 with the form and what is wrong,
 * and nothing is listed or recorded.
 */
import { filterFields, inboxChoices, inboxFiltersSchema, listInbox } from '../../usecases/cases/listInbox.ts';
import type { App } from '../app.ts';
import { pageContext } from '../app.ts';
import { formValues, parseForm } from '../forms.ts';
import { redirectToEnrolment, requireStaff } from '../guards.ts';
import { InboxPage } from '../pages/InboxPage.tsx';
import { sendPage } from '../render.tsx';

export async function inboxListRoutes(app: App): Promise<void> {
  const { context } = app.redress;
  app.get('/inbox', async (request, reply) => {
    if (redirectToEnrolment(request, reply)) return reply;
    const member = requireStaff(request);
    const typed = formValues(request.query);
    const values = Object.fromEntries(filterFields.flatMap((field) => (typed[field] ? [[field, typed[field]]] : [])));
    const parsed = parseForm(inboxFiltersSchema, request.query);
    if (!parsed.ok) {
      const choices = await inboxChoices(context, member);
      return sendPage(reply, InboxPage({ context: pageContext(request), values, choices, errors: parsed.fields }), 400);
    }
    const inbox = await listInbox(context, member, parsed.data);
    return sendPage(reply, InboxPage({ context: pageContext(request), values, choices: inbox.choices, inbox }));
  });
}
