/**
 * The OpenAPI 3.1 document of the staff JSON API, built from the very zod schemas the routes
 * parse requests with (and the tests check responses against), so the document cannot drift
 * from what the routes accept. Each operation names its body and response schemas as
 * components; request bodies are described as they are sent (zod's input side), responses as
 * they are answered (the output side). Every error answer has one shape, `ApiError`.
 */
import { z } from 'zod';
import { SESSION_COOKIE } from './app.ts';

/** The header a signed-in client repeats the session's form token in, on every POST. */
export const CSRF_HEADER = 'x-csrf-token';

export type HttpMethod = 'GET' | 'POST';

/** A schema shown in `components.schemas` under `name`. */
export type NamedSchema = { name: string; schema: z.ZodType };

/** Who may call: anyone, a signed-in staff member, or one who also sends the form token. */
export type ApiSecurity = 'public' | 'session' | 'sessionAndCsrf';

export type ApiOperationDoc = {
  method: HttpMethod;
  /** The path as OpenAPI writes it: `/api/v1/cases/{id}`. */
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  security: ApiSecurity;
  params?: z.ZodObject;
  query?: z.ZodObject;
  /** What a path or query parameter means, where its schema does not say. */
  parameterNotes?: Readonly<Record<string, string>>;
  body?: NamedSchema;
  /** The success answer (its status and named schema). */
  success: { status: 200 | 201; description: string; body: NamedSchema };
  /** The error statuses this operation can answer, each with the shared error shape. */
  errors: readonly ErrorStatus[];
};

export const errorStatuses = {
  400: 'The request could not be read: bad JSON, a wrong content type, or a value the schema refuses. Nothing was changed.',
  401: 'No signed-in staff session (or one that still owes TOTP enrolment).',
  403: 'The form token (`x-csrf-token`) is missing or wrong, or the request came from another site. Nothing was changed.',
  404: 'Not found, or not allowed: the two are indistinguishable on purpose.',
  409: 'The procedure refused the action (`error.reason` says why); nothing was changed.',
  413: 'The body is larger than the API accepts.',
  415: 'The body is of a type the server does not read: send JSON, with content-type application/json.',
} as const;
export type ErrorStatus = keyof typeof errorStatuses;

/** The one error shape of every API route. */
export const apiErrorSchema = z.object({
  error: z.object({
    code: z.string().describe('A stable code from the error catalogue, e.g. BAD_INPUT, NOT_FOUND, CSRF_INVALID, CASE_ACTION_REFUSED.'),
    message: z.string().describe('A message for a person, in the language of the session or of Accept-Language.'),
    reason: z.string().optional().describe('For CASE_ACTION_REFUSED: the refusal code of the procedure engine, e.g. STEP_NOT_READY.'),
    details: z.record(z.string(), z.unknown()).optional().describe('What exactly was wrong, when it helps: the fields a schema refused, the refusal parameters.'),
  }),
});

type JsonObject = Record<string, unknown>;

export type OpenApiInfo = { title: string; version: string; description: string };

/**
 * The document for these operations. `shared` names answer schemas used inside several others
 * (an instant, the procedure state…), so that each is described once and referred to.
 */
export function openApiDocument(info: OpenApiInfo, operations: readonly ApiOperationDoc[], shared: readonly NamedSchema[] = []): JsonObject {
  const paths: Record<string, Record<string, JsonObject>> = {};
  for (const operation of operations) {
    const item = (paths[operation.path] ??= {});
    const method = operation.method.toLowerCase();
    if (item[method]) throw new Error(`OpenAPI: ${operation.method} ${operation.path} is described twice`);
    item[method] = operationObject(operation);
  }
  return {
    openapi: '3.1.0',
    info,
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: '/' }],
    tags: [...new Set(operations.map((operation) => operation.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: componentSchemas(operations, shared),
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: SESSION_COOKIE,
          description: 'The staff session cookie set by signing in at /sign-in (password and TOTP code).',
        },
        csrf: {
          type: 'apiKey',
          in: 'header',
          name: CSRF_HEADER,
          description: "The session's form token, from GET /api/v1/session; required on every POST together with the session cookie.",
        },
      },
    },
  };
}

/** Fastify's spelling of an OpenAPI path: `{id}` becomes `:id`. */
export function fastifyPath(openApiPath: string): string {
  return openApiPath.replace(/\{(\w+)\}/g, ':$1');
}

const componentRef = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function operationObject(operation: ApiOperationDoc): JsonObject {
  const notes = operation.parameterNotes ?? {};
  const parameters = [...parametersOf(operation.params, 'path', notes), ...parametersOf(operation.query, 'query', notes)];
  const responses: Record<string, JsonObject> = {
    [String(operation.success.status)]: { description: operation.success.description, content: { 'application/json': { schema: componentRef(operation.success.body.name) } } },
  };
  for (const status of operation.errors) {
    responses[String(status)] = { description: errorStatuses[status], content: { 'application/json': { schema: componentRef('ApiError') } } };
  }
  return {
    operationId: operation.operationId,
    tags: [operation.tag],
    summary: operation.summary,
    ...(operation.description ? { description: operation.description } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(operation.body ? { requestBody: { required: true, content: { 'application/json': { schema: componentRef(operation.body.name) } } } } : {}),
    responses,
    security: securityOf(operation.security),
  };
}

function securityOf(security: ApiSecurity): JsonObject[] {
  if (security === 'public') return [];
  return security === 'session' ? [{ session: [] }] : [{ session: [], csrf: [] }];
}

function parametersOf(schema: z.ZodObject | undefined, where: 'path' | 'query', notes: Readonly<Record<string, string>>): JsonObject[] {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, JsonObject>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    const note = notes[name] ?? description;
    return {
      name,
      in: where,
      required: where === 'path' || (json.required ?? []).includes(name),
      ...(typeof note === 'string' ? { description: note } : {}),
      schema: rest,
    };
  });
}

/**
 * Every named schema, converted once: request bodies on zod's input side, responses on the
 * output side. A schema nested in another named one becomes a `$ref` to its component.
 */
function componentSchemas(operations: readonly ApiOperationDoc[], shared: readonly NamedSchema[]): Record<string, unknown> {
  const requests = z.registry<{ id: string }>();
  const responses = z.registry<{ id: string }>();
  const seen = new Map<string, z.ZodType>();
  const add = (registry: typeof requests, named: NamedSchema) => {
    const known = seen.get(named.name);
    if (known && known !== named.schema) throw new Error(`OpenAPI: two different schemas are named ${named.name}`);
    seen.set(named.name, named.schema);
    if (!registry.has(named.schema)) registry.add(named.schema, { id: named.name });
  };
  add(responses, { name: 'ApiError', schema: apiErrorSchema });
  for (const named of shared) add(responses, named);
  for (const operation of operations) {
    if (operation.body) add(requests, operation.body);
    add(responses, operation.success.body);
  }
  const convert = (registry: typeof requests, io: 'input' | 'output') =>
    z.toJSONSchema(registry, { io, unrepresentable: 'any', uri: (id) => `#/components/schemas/${id}` }).schemas;
  const all = { ...convert(requests, 'input'), ...convert(responses, 'output') };
  return Object.fromEntries(
    Object.entries(all)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, schema]) => {
        const { $schema: _dialect, $id: _id, ...rest } = schema as JsonObject;
        return [name, rest];
      }),
  );
}
