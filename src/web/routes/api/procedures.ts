/**
 * The procedure definitions a case can follow (the shipped templates and the adapted versions
 * stored as data), listed and read one version at a time.
 */
import { z } from 'zod';
import { procedureDefinitionSchema } from '../../../core/procedures/index.ts';
import { pathKinds } from '../../../core/procedures/vocabulary.ts';
import { listProcedures, readProcedure } from '../../../usecases/cases/procedureCatalogue.ts';
import { procedureParams } from './caseSchemas.ts';
import { apiRoute, type ApiRoute } from './staffApi.ts';

const procedureListSchema = z.object({
  procedures: z.array(
    z.object({
      id: z.string(),
      version: z.int(),
      path: z.enum(pathKinds),
      nameKey: z.string().describe('A message key naming the procedure.'),
      descriptionKey: z.string(),
      dueProcess: z.boolean(),
      origin: z.enum(['template', 'stored']).describe('Shipped with Redress, or stored as data (adapted by the network or an organisation).'),
      orgId: z.uuid().nullable(),
    }),
  ),
});

const tag = 'procedures';

export const procedureRoutes: readonly ApiRoute[] = [
  apiRoute({
    method: 'GET',
    path: '/api/v1/procedures',
    operationId: 'listProcedures',
    tag,
    summary: 'The procedure definitions available: the shipped templates and the stored versions.',
    security: 'session',
    success: { status: 200, description: 'Every definition, by id and version.', body: { name: 'ProcedureList', schema: procedureListSchema } },
    errors: [401, 404],
    handle: async ({ context, caller }) => ({ procedures: await listProcedures(context, caller) }),
  }),
  apiRoute({
    method: 'GET',
    path: '/api/v1/procedures/{id}/{version}',
    operationId: 'getProcedure',
    tag,
    summary: 'One version of a procedure definition: steps, guards, deadlines, separation of duties, appeals, retention.',
    security: 'session',
    params: procedureParams,
    success: { status: 200, description: 'The definition.', body: { name: 'ProcedureDefinition', schema: procedureDefinitionSchema } },
    errors: [401, 404],
    handle: async ({ context, caller, params }) => readProcedure(context, caller, params.id, params.version),
  }),
];
