/** Administrators adapt procedures: list, look at one, save an adapted copy as a new version. */
import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import type { ProcedureDefinition } from '../../core/procedures/index.ts';
import { procedureLibrary, procedureToAdapt } from '../../usecases/procedures/procedureLibrary.ts';
import { copyOf, saveProcedureVersion } from '../../usecases/procedures/saveProcedureVersion.ts';
import type { App } from '../app.ts';
import { pageContext } from '../app.ts';
import { parseOrThrow } from '../forms.ts';
import { redirectToEnrolment, requireStaff } from '../guards.ts';
import { AdminProceduresPage, ProcedureEditorPage } from '../pages/AdminProceduresPage.tsx';
import { sendPage } from '../render.tsx';
import { useStrictFormBodies } from './reporterChannel.tsx';

const params = z.object({ id: z.string().regex(/^[a-z][a-z0-9-]{1,59}$/), version: z.coerce.number().int().min(1).max(100_000) });
const saveForm = z.object({ scope: z.union([z.literal('network'), z.uuid()]), definition: z.string().max(200_000) });

export async function adminProcedureRoutes(app: App): Promise<void> {
  const { context } = app.redress;
  await app.register(async (scope) => {
    useStrictFormBodies(scope, 512 * 1024);

    scope.get('/admin/procedures', async (request, reply) => {
      if (redirectToEnrolment(request, reply)) return reply;
      const member = requireStaff(request);
      const saved = (request.query as Record<string, unknown>).saved;
      const library = await procedureLibrary(context, member.actor);
      return sendPage(reply, AdminProceduresPage({ context: pageContext(request), library, saved: typeof saved === 'string' ? saved.slice(0, 80) : undefined }));
    });

    scope.get('/admin/procedures/:id/:version', async (request, reply) => {
      if (redirectToEnrolment(request, reply)) return reply;
      const member = requireStaff(request);
      const parsed = params.safeParse(request.params);
      if (!parsed.success) throw new AppError('NOT_FOUND');
      const definition = await procedureToAdapt(context, member.actor, parsed.data.id, parsed.data.version);
      const library = await procedureLibrary(context, member.actor);
      const own = library.scopes.find((entry) => entry.procedures.some((stored) => stored.definition.id === definition.id));
      // A template is copied under a new id; one's own adapted procedure gets its next version.
      const draft: ProcedureDefinition = own ? definition : copyOf(definition, library.scopes[0]?.slug ?? 'network');
      return sendPage(
        reply,
        ProcedureEditorPage({ context: pageContext(request), definition, scopes: own ? [own] : library.scopes, draft: JSON.stringify(draft, null, 2), scope: own?.orgId ?? library.scopes[0]?.orgId ?? 'network' }),
      );
    });

    scope.post('/admin/procedures', async (request, reply) => {
      const member = requireStaff(request);
      const form = parseOrThrow(saveForm, request.body);
      const orgId = form.scope === 'network' ? null : form.scope;
      const outcome = await saveProcedureVersion(context, member.actor, { orgId, json: form.definition });
      if (outcome.ok) return reply.redirect(`/admin/procedures?saved=${encodeURIComponent(`${outcome.definition.id} v${outcome.definition.version}`)}`, 303);
      const library = await procedureLibrary(context, member.actor);
      return sendPage(reply, ProcedureEditorPage({ context: pageContext(request), scopes: library.scopes, draft: form.definition, scope: form.scope, problems: outcome.problems }), 400);
    });
  });
}

