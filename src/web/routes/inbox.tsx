/**
 * The staff side of intake, enough to close the loop: a handler's inbox, a case opened and
 * decrypted, and a reply to the reporter. A case the staff member may not open answers 404
 * exactly like an unknown address.
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../core/errors.ts';
import { isCaseId } from '../../storage/caseQueries.ts';
import { networkChannel } from '../../storage/channelQueries.ts';
import { listInbox } from '../../usecases/cases/listInbox.ts';
import { openCase } from '../../usecases/cases/openCase.ts';
import { replyToReporter } from '../../usecases/cases/replyToReporter.ts';
import type { App } from '../app.ts';
import { pageContext } from '../app.ts';
import { redirectToEnrolment, requireStaff } from '../guards.ts';
import { CasePage } from '../pages/CasePage.tsx';
import { InboxPage } from '../pages/InboxPage.tsx';
import { sendPage } from '../render.tsx';
import { useStrictFormBodies } from './reporterChannel.tsx';

function caseIdOf(request: FastifyRequest): string {
  const id = (request.params as Record<string, unknown>).id;
  // A malformed id is answered like an unknown one.
  if (!isCaseId(id)) throw new AppError('NOT_FOUND');
  return id;
}

/** `?before=<ISO time>~<case id>`: the last row of the previous page. */
function cursorOf(request: FastifyRequest): { at: Date; id: string } | undefined {
  const before = (request.query as Record<string, unknown>).before;
  if (typeof before !== 'string') return undefined;
  const [at = '', id = ''] = before.split('~');
  const date = new Date(at);
  if (Number.isNaN(date.getTime()) || !isCaseId(id)) throw new AppError('BAD_INPUT', { detail: 'before' });
  return { at: date, id };
}

export async function inboxRoutes(app: App): Promise<void> {
  const { context } = app.redress;
  await app.register(async (scope) => {
    useStrictFormBodies(scope, 1024 * 1024);

    scope.get('/inbox', async (request, reply) => {
      if (redirectToEnrolment(request, reply)) return reply;
      const member = requireStaff(request);
      const inbox = await listInbox(context, member, cursorOf(request));
      const networkName = (await networkChannel(context.db))?.name ?? '';
      return sendPage(reply, InboxPage({ context: pageContext(request), inbox, networkName }));
    });

    scope.get('/cases/:id', async (request, reply) => {
      if (redirectToEnrolment(request, reply)) return reply;
      const member = requireStaff(request);
      const file = await openCase(context, member, caseIdOf(request));
      const sent = (request.query as Record<string, unknown>).sent === '1';
      return sendPage(reply, CasePage({ context: pageContext(request), file, sent }));
    });

    scope.post('/cases/:id/messages', async (request, reply) => {
      const member = requireStaff(request);
      const id = caseIdOf(request);
      const text = (request.body as Record<string, unknown> | undefined)?.text;
      const outcome = await replyToReporter(context, member, id, text);
      if (outcome.ok) return reply.redirect(`/cases/${id}?sent=1`, 303);
      const file = await openCase(context, member, id);
      return sendPage(reply, CasePage({ context: pageContext(request), file, problem: outcome.problem, typed: typeof text === 'string' ? text : undefined }), 400);
    });
  });
}
