/** The front page, the staff home, and the health check used by load balancers and benchmarks. */
import type { App } from '../app.ts';
import { pageContext } from '../app.ts';
import { sendPage } from '../render.tsx';
import { HomePage } from '../pages/HomePage.tsx';
import { StaffHomePage } from '../pages/StaffHomePage.tsx';
import { currentNetwork } from '../../storage/networkQueries.ts';
import { ping } from '../../storage/database.ts';
import { redirectToEnrolment, requireStaff } from '../guards.ts';
import { organisationNames } from '../../usecases/organisations/listOrganisations.ts';

export async function homeRoutes(app: App): Promise<void> {
  const { context } = app.redress;

  app.get('/health', async (_request, reply) => {
    await ping(context.db);
    return reply.header('cache-control', 'no-store').send({ status: 'ok' });
  });

  app.get('/', async (request, reply) => {
    const found = await currentNetwork(context.db);
    return sendPage(reply, HomePage({ context: pageContext(request), networkName: found?.name, setUp: Boolean(found) }));
  });

  app.get('/staff', async (request, reply) => {
    if (redirectToEnrolment(request, reply)) return reply;
    const staffMember = requireStaff(request);
    const names = await organisationNames(context.db, staffMember.grants.flatMap((grant) => (grant.orgId ? [grant.orgId] : [])));
    return sendPage(reply, StaffHomePage({ context: pageContext(request), name: staffMember.name, grants: staffMember.grants, organisationNames: names }));
  });
}
