/** Network administration of member organisations: list, add, edit. */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, isAppError } from '../../core/errors.ts';
import { isCountryCode, isLanguageCode, isSlug, type CountryCode, type LanguageCode } from '../../core/organisations.ts';
import { createOrganisation } from '../../usecases/organisations/createOrganisation.ts';
import { editOrganisation } from '../../usecases/organisations/editOrganisation.ts';
import { listOrganisations, organisationForEditing } from '../../usecases/organisations/listOrganisations.ts';
import type { App } from '../app.ts';
import { pageContext } from '../app.ts';
import { formValues, parseForm, text } from '../forms.ts';
import { requireStaff } from '../guards.ts';
import { sendPage } from '../render.tsx';
import { AdminOrganisationPage } from '../pages/AdminOrganisationPage.tsx';
import { AdminOrganisationsPage, type OrganisationFormState } from '../pages/AdminOrganisationsPage.tsx';

/** A multiple select arrives as one string (one choice) or an array (several). */
function manyValues(body: unknown, name: string): string[] {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  return [value ?? []].flat().filter((item): item is string => typeof item === 'string');
}

const languagesField = z.preprocess(
  (value) => [value ?? []].flat(),
  z
    .array(z.string())
    .max(30)
    .refine((codes) => codes.length > 0, { params: { messageKey: 'adminOrganisations.chooseLanguage' } })
    .refine((codes) => codes.every(isLanguageCode), { params: { messageKey: 'adminOrganisations.chooseLanguage' } })
    .transform((codes) => [...new Set(codes)] as LanguageCode[]),
);

const profileFields = {
  name: text(200),
  languages: languagesField,
  country: z
    .string()
    .refine(isCountryCode, { params: { messageKey: 'adminOrganisations.chooseCountry' } })
    .transform((code) => code as CountryCode),
};

const newOrganisationForm = z.object({
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .refine(isSlug, { params: { messageKey: 'adminOrganisations.slugInvalid' } }),
  ...profileFields,
});

const profileForm = z.object(profileFields);

const params = z.object({ id: z.uuid() });

function organisationId(request: FastifyRequest): string {
  const parsed = params.safeParse(request.params);
  if (!parsed.success) throw new AppError('NOT_FOUND');
  return parsed.data.id;
}

function submitted(body: unknown, errors: Record<string, string>): OrganisationFormState {
  return { values: formValues(body), languages: manyValues(body, 'languages'), errors };
}

export async function adminOrganisationsRoutes(app: App): Promise<void> {
  const { context } = app.redress;

  app.get('/admin/organisations', async (request, reply) => {
    const member = requireStaff(request);
    const organisations = await listOrganisations(context.db, member.actor);
    const added = (request.query as Record<string, unknown>).added === '1';
    return sendPage(reply, AdminOrganisationsPage({ context: pageContext(request), organisations, form: { values: {}, languages: [] }, added }));
  });

  app.post('/admin/organisations', async (request, reply) => {
    const member = requireStaff(request);
    const organisations = await listOrganisations(context.db, member.actor);
    const show = (errors: Record<string, string>, status: number) =>
      sendPage(reply, AdminOrganisationsPage({ context: pageContext(request), organisations, form: submitted(request.body, errors) }), status);
    const form = parseForm(newOrganisationForm, request.body);
    if (!form.ok) return show(form.fields, 400);
    try {
      await createOrganisation(context, member.actor, form.data);
    } catch (error) {
      if (isAppError(error) && Object.keys(error.fields).length > 0) return show(error.fields, error.status);
      throw error;
    }
    return reply.redirect('/admin/organisations?added=1', 303);
  });

  app.get('/admin/organisations/:id', async (request, reply) => {
    const member = requireStaff(request);
    const organisation = await organisationForEditing(context.db, member.actor, organisationId(request));
    const saved = (request.query as Record<string, unknown>).saved === '1';
    const form = { values: { name: organisation.name, country: organisation.country }, languages: organisation.languages };
    return sendPage(reply, AdminOrganisationPage({ context: pageContext(request), organisation, form, saved }));
  });

  app.post('/admin/organisations/:id', async (request, reply) => {
    const member = requireStaff(request);
    const organisation = await organisationForEditing(context.db, member.actor, organisationId(request));
    const form = parseForm(profileForm, request.body);
    if (!form.ok) {
      return sendPage(reply, AdminOrganisationPage({ context: pageContext(request), organisation, form: submitted(request.body, form.fields) }), 400);
    }
    await editOrganisation(context, member.actor, organisation.id, form.data);
    return reply.redirect(`/admin/organisations/${organisation.id}?saved=1`, 303);
  });
}
