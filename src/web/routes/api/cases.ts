/**
 * The case-handling API for signed-in staff: the inbox, a case file, the actions the procedure
 * offers the caller now, taking one, and replying to the reporter. Each route parses with its
 * schema (caseSchemas.ts), calls the one use-case the pages call, and shapes the answer
 * (casePresenters.ts); a case the caller may not open answers NOT_FOUND exactly like a missing
 * one, and a refused action answers 409 with the engine's reason, having changed nothing.
 */
import { refusalError } from '../../../core/procedures/index.ts';
import { actOnCase } from '../../../usecases/cases/actOnCase.ts';
import { inboxFiltersSchema, listInbox } from '../../../usecases/cases/listInbox.ts';
import { openCase } from '../../../usecases/cases/openCase.ts';
import { readProcedure } from '../../../usecases/cases/procedureCatalogue.ts';
import { readCaseHandling } from '../../../usecases/cases/readCaseHandling.ts';
import { replyToReporter } from '../../../usecases/cases/replyToReporter.ts';
import { availableActionsJson, caseFileJson, deadlinesJson, inboxJson, procedureStateJson } from './casePresenters.ts';
import {
  actionResultSchema,
  availableActionsSchema,
  caseActionRequest,
  caseFileSchema,
  caseIdParams,
  inboxSchema,
  replyRequest,
  replyResultSchema,
} from './caseSchemas.ts';
import { apiRoute, ApiBadInput, type ApiRoute } from './staffApi.ts';

const inboxParameterNotes = {
  q: 'Search over case metadata: a case number (#123), an organisation, a label or a category; never content.',
  organisation: '`network` for the network\'s own cases, or an organisation id.',
  overdue: '`1`: only cases with an overdue deadline.',
  mine: '`1`: only cases the caller is on the team of.',
  after: 'The `next` of the previous answer.',
  before: 'The `previous` of the previous answer.',
};

const tag = 'cases';

export const caseRoutes: readonly ApiRoute[] = [
  apiRoute({
    method: 'GET',
    path: '/api/v1/cases',
    operationId: 'listCases',
    tag,
    summary: 'The inbox: the cases the caller may handle, metadata only, one page at a time.',
    security: 'session',
    query: inboxFiltersSchema,
    parameterNotes: inboxParameterNotes,
    success: { status: 200, description: 'A page of the inbox.', body: { name: 'Inbox', schema: inboxSchema } },
    errors: [400, 401, 404],
    handle: async ({ context, caller, query }) => inboxJson(await listInbox(context, caller, query)),
  }),
  apiRoute({
    method: 'GET',
    path: '/api/v1/cases/{id}',
    operationId: 'getCase',
    tag,
    summary: 'A case file: the report decrypted, the conversation, evidence metadata, where the procedure stands, deadlines and history.',
    description:
      'Reading a case is recorded in the audit log. Until the caller has declared that they have no conflict of interest (POST the action `{"type":"declareNoConflict"}`), only the unsealed facts are returned, with `declared: false`.',
    security: 'session',
    params: caseIdParams,
    success: { status: 200, description: 'The case file.', body: { name: 'CaseFile', schema: caseFileSchema } },
    errors: [401, 404],
    handle: async ({ context, caller, params }) => caseFileJson(await openCase(context, caller, params.id), context.clock()),
  }),
  apiRoute({
    method: 'GET',
    path: '/api/v1/cases/{id}/actions',
    operationId: 'listCaseActions',
    tag,
    summary: 'The actions the procedure would accept from the caller on this case now.',
    security: 'session',
    params: caseIdParams,
    success: { status: 200, description: 'The available actions.', body: { name: 'AvailableActions', schema: availableActionsSchema } },
    errors: [401, 404],
    handle: async ({ context, caller, params }) => availableActionsJson(await readCaseHandling(context, caller, params.id)),
  }),
  apiRoute({
    method: 'POST',
    path: '/api/v1/cases/{id}/actions',
    operationId: 'actOnCase',
    tag,
    summary: 'Take an action on a case through the procedure engine.',
    description:
      'The body is one procedure action. Free text (reasons, every `…Ref`, sanctions, remedies) is sealed as case documents before the engine sees it. A refusal (409) changes nothing; `error.reason` is the engine\'s code.',
    security: 'sessionAndCsrf',
    params: caseIdParams,
    body: { name: 'CaseActionRequest', schema: caseActionRequest },
    success: { status: 200, description: 'The action was taken; where the case stands now.', body: { name: 'CaseActionResult', schema: actionResultSchema } },
    errors: [400, 401, 403, 404, 409, 413, 415],
    handle: async ({ context, caller, params, body }) => {
      const outcome = await actOnCase(context, caller, params.id, body);
      if (!outcome.ok) throw refusalError(outcome.refusal);
      const handling = { definition: await readProcedure(context, caller, outcome.state.procedure.id, outcome.state.procedure.version), state: outcome.state };
      const now = context.clock();
      return { action: outcome.action, handling: procedureStateJson(handling, now), deadlines: deadlinesJson(handling, now) };
    },
  }),
  apiRoute({
    method: 'POST',
    path: '/api/v1/cases/{id}/messages',
    operationId: 'replyToReporter',
    tag,
    summary: "Write to the reporter on the reporter's thread (sealed with the case key).",
    description: 'The first reply to a report not yet acknowledged acknowledges it.',
    security: 'sessionAndCsrf',
    params: caseIdParams,
    body: { name: 'ReplyRequest', schema: replyRequest },
    success: { status: 201, description: 'The message was sent.', body: { name: 'ReplyResult', schema: replyResultSchema } },
    errors: [400, 401, 403, 404, 413, 415],
    handle: async ({ context, caller, params, body }) => {
      const outcome = await replyToReporter(context, caller, params.id, body.text);
      if (!outcome.ok) throw new ApiBadInput('body', [{ path: 'text', problem: outcome.problem.code }]);
      return { sent: true };
    },
  }),
];
