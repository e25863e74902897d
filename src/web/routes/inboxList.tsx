/** GET /inbox: a handler's list of cases, metadata only. */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../core/errors.ts';
import { isCaseId } from '../../storage/caseQueries.ts';
import { networkChannel } from '../../storage/channelQueries.ts';
import { listInbox } from '../../usecases/cases/listInbox.ts';
import type { App } from '../app.ts';
import { pageContext } from '../app.ts';
import { redirectToEnrolment, requireStaff } from '../guards.ts';
import { InboxPage } from '../pages/InboxPage.tsx';
import { sendPage } from '../render.tsx';

/** `?before=<ISO time>~<case id>`: the last row of the previous page. */
function cursorOf(request: FastifyRequest): { at: Date; id: string } | undefined {
  const before = (request.query as Record<string, unknown>).before;
  if (typeof before !== 'string') return undefined;
  const [at = '', id = ''] = before.split('~');
  const date = new Date(at);
  if (Number.isNaN(date.getTime()) || !isCaseId(id)) throw new AppError('BAD_INPUT', { detail: 'before' });
  return { at: date, id };
}

export async function inboxListRoutes(app: App): Promise<void> {
  const { context } = app.redress;
  app.get('/inbox', async (request, reply) => {
    if (redirectToEnrolment(request, reply)) return reply;
    const member = requireStaff(request);
    const inbox = await listInbox(context, member, cursorOf(request));
    const networkName = (await networkChannel(context.db))?.name ?? '';
    return sendPage(reply, InboxPage({ context: pageContext(request), inbox, networkName }));
  });
}
