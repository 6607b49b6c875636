import { z } from 'zod';
import { errorCatalog } from './errors';

export interface OperationDoc {
  method: string;
  path: string;
  summary: string;
  tags: string[];
  auth: 'public' | 'user' | 'optional';
  body?: z.ZodType;
  query?: z.ZodType;
  params?: z.ZodType;
  response?: z.ZodType;
  successStatus: number;
}

/** Collects every route's zod schemas so the OpenAPI 3.1 document is generated from the same schemas that validate. */
export class OpenApiRegistry {
  private readonly operations: OperationDoc[] = [];

  add(op: OperationDoc): void {
    this.operations.push(op);
  }

  list(): readonly OperationDoc[] {
    return this.operations;
  }

  document(): Record<string, unknown> {
    const paths: Record<string, Record<string, unknown>> = {};
    for (const op of this.operations) {
      const oaPath = op.path.replace(/:([A-Za-z]+)/g, '{$1}');
      paths[oaPath] ??= {};
      paths[oaPath][op.method] = {
        summary: op.summary,
        tags: op.tags,
        ...(op.auth === 'user' ? { security: [{ bearer: [] }, { cookie: [] }] } : {}),
        parameters: [...objectParams(op.params, 'path'), ...objectParams(op.query, 'query')],
        ...(op.body
          ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(op.body) } } } }
          : {}),
        responses: {
          [op.successStatus]: {
            description: 'OK',
            ...(op.response ? { content: { 'application/json': { schema: jsonSchema(op.response) } } } : {}),
          },
          default: {
            description: 'Error',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
          },
        },
      };
    }
    return {
      openapi: '3.1.0',
      info: {
        title: '东北科技大市场 API (Northeast China Technology Grand Market)',
        version: '0.1.0',
        description: 'Amounts are integer 分 (cents of CNY). Errors carry a stable code and zh/en messages.',
      },
      servers: [{ url: '/' }],
      paths,
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'nekj_session' },
        },
        schemas: {
          Error: {
            type: 'object',
            required: ['error'],
            properties: {
              error: {
                type: 'object',
                required: ['code', 'message'],
                properties: {
                  code: { type: 'string', enum: Object.keys(errorCatalog) },
                  message: {
                    type: 'object',
                    properties: { zh: { type: 'string' }, en: { type: 'string' } },
                  },
                  details: {},
                  requestId: { type: 'string' },
                },
              },
            },
          },
        },
      },
    };
  }
}

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return rest;
}

function objectParams(schema: z.ZodType | undefined, where: 'path' | 'query'): unknown[] {
  if (!schema) return [];
  const js = jsonSchema(schema) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (js.required ?? []).includes(name),
    schema: s,
  }));
}
