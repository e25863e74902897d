import { compileErrors, validate } from '@readme/openapi-parser';
import { describe, expect, it } from 'vitest';
import { actionSchema } from '../core/procedures/index.ts';
import { staffApiDocument, staffApiV1 } from './routes/api/staffApiRoutes.ts';

type Operation = { operationId: string; parameters?: { name: string; in: string }[]; requestBody?: unknown; responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }>; security: unknown[] };
type Document = {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { oneOf?: { properties: { type: { const: string } } }[] }>; securitySchemes: Record<string, { type: string; in: string; name: string }> };
};

describe('the OpenAPI document of the staff API', () => {
  const document = staffApiDocument() as unknown as Document;
  const operations = Object.entries(document.paths).flatMap(([path, item]) => Object.entries(item).map(([method, operation]) => ({ path, method, operation })));

  it('is a valid OpenAPI 3.1 document, every reference resolving', async () => {
    const result = await validate(structuredClone(document) as never);
    expect(result.valid ? '' : compileErrors(result)).toBe('');
    expect(result.warnings).toEqual([]);
    expect(document.openapi).toBe('3.1.0');
  });

  it('describes every route of the list Fastify is given, once, with a unique operation id', () => {
    const described = operations.map(({ path, method }) => `${method.toUpperCase()} ${path}`);
    for (const route of staffApiV1) expect(described).toContain(`${route.method} ${route.path}`);
    expect(described).toContain('GET /api/openapi.json');
    expect(new Set(operations.map(({ operation }) => operation.operationId)).size).toBe(operations.length);
  });

  it('gives every operation a success answer and the one error shape for each error, and every path parameter', () => {
    for (const { path, operation } of operations) {
      const statuses = Object.keys(operation.responses);
      expect(statuses.some((status) => /^2\d\d$/.test(status))).toBe(true);
      for (const status of statuses.filter((code) => /^[45]\d\d$/.test(code))) {
        expect(operation.responses[status]?.content?.['application/json']?.schema.$ref).toBe('#/components/schemas/ApiError');
      }
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      expect(operation.parameters?.filter((parameter) => parameter.in === 'path').map((parameter) => parameter.name) ?? []).toEqual(inPath);
    }
  });

  it('asks for the session cookie on every staff route and the form token header on every POST; the document itself is public', () => {
    expect(document.components.securitySchemes.session).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'redress_session' });
    expect(document.components.securitySchemes.csrf).toMatchObject({ type: 'apiKey', in: 'header', name: 'x-csrf-token' });
    for (const { path, method, operation } of operations) {
      if (path === '/api/openapi.json') expect(operation.security).toEqual([]);
      else if (method === 'post') expect(operation.security).toEqual([{ session: [], csrf: [] }]);
      else expect(operation.security).toEqual([{ session: [] }]);
      if (method === 'post') expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['400', '403']));
    }
  });

  it('takes as an action body every action the engine knows, generated from its schema', () => {
    const body = document.components.schemas.CaseActionRequest;
    const types = (body?.oneOf ?? []).map((branch) => branch.properties.type.const);
    expect(types.sort()).toEqual(actionSchema.options.map((option) => option.shape.type.value).sort());
  });
});
