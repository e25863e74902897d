/**
 * The escrow counsellors' pages: the list of matches, a match opened in the counsellor's
 * session (audited), an evidence file of a matched entry (audited), and issuing invitation
 * codes. Anyone without the role is answered 404, as for an address that does not exist.
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../core/errors.ts';
import { allowed } from '../../core/policy.ts';
import { attachmentsFolder } from '../../storage/attachmentFiles.ts';
import { isEscrowId } from '../../storage/escrow/entryStore.ts';
import { issueInvitationCode } from '../../usecases/escrow/issueInvitationCode.ts';
import { listEscrowMatches } from '../../usecases/escrow/listEscrowMatches.ts';
import { openEscrowMatch } from '../../usecases/escrow/openEscrowMatch.ts';
import { readEscrowEvidence } from '../../usecases/escrow/readEscrowEvidence.ts';
import type { App } from '../app.ts';
import { pageContext } from '../app.ts';
import { redirectToEnrolment, requireStaff } from '../guards.ts';
import { EscrowInvitationCodePage } from '../pages/EscrowInvitationCodePage.tsx';
import { EscrowMatchesPage } from '../pages/EscrowMatchesPage.tsx';
import { EscrowMatchPage } from '../pages/EscrowMatchPage.tsx';
import { sendPage } from '../render.tsx';
import { escrowContext } from './escrowShared.tsx';

function idParam(request: FastifyRequest, name: string): string {
  const value = (request.params as Record<string, unknown>)[name];
  // A malformed id is answered like an unknown one.
  if (!isEscrowId(value)) throw new AppError('NOT_FOUND');
  return value;
}

/** A file name safe for a Content-Disposition header, whatever the reporter's file was called. */
function dispositionFor(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_') || 'evidence';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name || 'evidence')}`;
}

export async function escrowCounsellorRoutes(app: App): Promise<void> {
  const { context } = app.redress;

  app.get('/escrow/matches', async (request, reply) => {
    if (redirectToEnrolment(request, reply)) return reply;
    const member = requireStaff(request);
    const listing = await listEscrowMatches(context, member.actor);
    return sendPage(reply, EscrowMatchesPage({ context: pageContext(request), listing, configure: allowed(member.actor, 'escrow.configure', { kind: 'network' }) }));
  });

  app.get('/escrow/matches/:id', async (request, reply) => {
    if (redirectToEnrolment(request, reply)) return reply;
    const member = requireStaff(request);
    const opened = await openEscrowMatch(context, member, idParam(request, 'id'), attachmentsFolder(app.redress.config.dataDir));
    return sendPage(reply, EscrowMatchPage({ context: pageContext(request), opened }));
  });

  app.get('/escrow/matches/:id/evidence/:entry/:file', async (request, reply) => {
    const member = requireStaff(request);
    const file = (request.params as Record<string, unknown>).file;
    if (typeof file !== 'string' || !/^\d{1,2}$/.test(file)) throw new AppError('NOT_FOUND');
    const evidence = await readEscrowEvidence(context, member, { matchId: idParam(request, 'id'), entryId: idParam(request, 'entry'), file: Number(file) });
    return reply
      .header('content-type', 'application/octet-stream')
      .header('content-disposition', dispositionFor(evidence.name))
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff')
      .send(Buffer.from(evidence.bytes));
  });

  app.post('/escrow/invitations', async (request, reply) => {
    const member = requireStaff(request);
    const code = await issueInvitationCode(await escrowContext(app), member.actor);
    const back = allowed(member.actor, 'escrow.counsel', { kind: 'network' }) ? '/escrow/matches' : '/escrow/settings';
    return sendPage(reply, EscrowInvitationCodePage({ context: pageContext(request), code, back }));
  });
}
