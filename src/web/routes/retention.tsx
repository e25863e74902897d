/** Retention and purge reports for network administrators (/admin/retention). */
import { z } from 'zod';
import { authorize } from '../../core/policy.ts';
import { dayOf } from '../../core/procedures/index.ts';
import { readRetention } from '../../usecases/cases/readRetention.ts';
import type { App } from '../app.ts';
import { pageContext } from '../app.ts';
import { parseOrThrow } from '../forms.ts';
import { requireStaff } from '../guards.ts';
import { sendPage } from '../render.tsx';
import { RetentionPage } from '../pages/RetentionPage.tsx';

const pageQuery = z.object({ olderThan: z.iso.datetime().optional() });

export async function retentionRoutes(app: App): Promise<void> {
  const { context } = app.redress;

  app.get('/admin/retention', async (request, reply) => {
    const member = requireStaff(request);
    // Authorised before the query is read: a caller without access gets NOT_FOUND, never BAD_INPUT.
    authorize(member.actor, 'network.administer', { kind: 'network' });
    const { olderThan } = parseOrThrow(pageQuery, request.query);
    const overview = await readRetention(context.db, member.actor, { olderThan: olderThan ? new Date(olderThan) : undefined });
    return sendPage(reply, RetentionPage({ context: pageContext(request), overview, today: dayOf(context.clock()), first: olderThan === undefined }));
  });
}
