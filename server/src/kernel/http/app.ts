import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyRequest, LogController } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { Actor } from '../actor';
import { kernelError } from '../errors';
import { newId } from '../ids';
import { mapError } from './error-mapper';
import { type App, allows, type Permission } from './route';

export type RouteRecord = { method: string; url: string; permission: Permission | undefined };

export type AppOptions = {
  logger: Logger;
  bodyLimitBytes: number;
  /** requests per client IP per minute (BANYAN_RATE_LIMIT_PER_MINUTE) */
  rateLimitPerMinute?: number;
  version: string;
  /** resolve the caller from a session cookie or bearer token; null when anonymous */
  authenticate: (request: FastifyRequest) => Promise<Actor | null>;
  /** register every module's routes */
  register: (app: App) => void | Promise<void>;
  webDir?: string | null;
  /** called after every successful write request (POST/PUT/PATCH/DELETE answered below 400) */
  afterWrite?: () => void;
};

const writeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Routes under /api that may be called without a declared permission: the
 * platform's own, and `/api/public` (the price list, FEE-03, and survey
 * answers through a signed link).
 */
export const permissionExempt = ['/api/health', '/api/auth/login', '/api/openapi.json', '/api/docs', '/api/public'];

export async function buildApp(opts: AppOptions): Promise<{ app: App; routes: RouteRecord[] }> {
  const app = Fastify({
    loggerInstance: opts.logger,
    // our own onResponse hook logs each request once, without personal data
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: opts.bodyLimitBytes,
    requestIdHeader: 'x-request-id',
    genReqId: () => newId('event').replace('evt_', 'req_'),
    trustProxy: true,
    // PGlite runs queries on this thread, so a busy embedded database (a
    // worker's first poll) can stall plugin start-up past Fastify's 10 s
    // default on a loaded machine; a slow start is not a failed one.
    pluginTimeout: 120_000,
    // Every schema is zod: giving Fastify the zod compilers as its factories
    // means it never loads ajv and fast-json-stringify, about a second of a
    // start on the 2-core machine.
    schemaController: {
      // (typed for ajv; the factories only ever see zod schemas here)
      compilersFactory: {
        buildValidator: (() => validatorCompiler) as never,
        buildSerializer: (() => serializerCompiler) as never,
      },
    },
  }) as unknown as App;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const routes: RouteRecord[] = [];
  app.addHook('onRoute', (r) => {
    const methods = Array.isArray(r.method) ? r.method : [r.method];
    for (const m of methods) {
      if (m === 'HEAD') continue;
      routes.push({ method: m, url: r.url, permission: r.config?.permission });
    }
  });

  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        reqId: request.id,
        method: request.method,
        path: request.url.split('?')[0],
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
        actor: request.actor?.userId,
      },
      'request',
    );
    if (opts.afterWrite && reply.statusCode < 400 && writeMethods.has(request.method)) opts.afterWrite();
  });

  app.setErrorHandler((err, request, reply) => {
    const mapped = mapError(err);
    if (mapped.unexpected) request.log.error({ err, reqId: request.id }, 'unexpected error');
    reply.code(mapped.status).header('cache-control', 'no-store').send(mapped.body);
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    },
    hsts: { maxAge: 31_536_000, includeSubDomains: true },
    referrerPolicy: { policy: 'same-origin' },
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: true, max: opts.rateLimitPerMinute ?? 1200, timeWindow: '1 minute' });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Banyan CRM API',
        version: opts.version,
        description:
          'The Banyan bank CRM API. Staff authenticate with POST /api/auth/login (session cookie; send the x-csrf-token header on writes) or with an integration token (Authorization: Bearer).',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'banyan_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { config: { permission: 'public' }, schema: { hide: true } }, async () => app.swagger());

  // Authentication and the declared permission are checked before validation,
  // so an anonymous caller learns nothing about a route's input.
  app.addHook('preValidation', async (request) => {
    const url = request.routeOptions.url ?? '';
    if (!url.startsWith('/api/')) return;
    const permission = request.routeOptions.config.permission;
    if (permission === 'public' || permissionExempt.some((p) => url === p || url.startsWith(`${p}/`))) {
      request.actor = await opts.authenticate(request);
      return;
    }
    if (!permission) throw kernelError('auth.forbidden', 'This route declares no permission');
    request.actor = await opts.authenticate(request);
    if (!request.actor) throw kernelError('auth.unauthenticated', 'Log in first');
    if (!allows(request.actor, permission)) {
      request.log.warn({ reqId: request.id, actor: request.actor.userId, permission }, 'permission denied');
      throw kernelError('auth.forbidden', 'You do not have permission for this action', { permission });
    }
  });

  await opts.register(app);

  const webDir = opts.webDir && fs.existsSync(path.join(opts.webDir, 'index.html')) ? opts.webDir : null;
  if (webDir) {
    await app.register(fastifyStatic, { root: webDir, prefix: '/', wildcard: true, index: 'index.html' });
  }
  app.setNotFoundHandler((request, reply) => {
    const p = request.url.split('?')[0] ?? '';
    if (!p.startsWith('/api') && webDir && request.method === 'GET') {
      // single-page app: client-side routes load index.html
      return reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html', webDir);
    }
    return reply
      .code(404)
      .send({ error: { code: 'route.not_found', message: `No route ${request.method} ${p}`, details: {} } });
  });
  return { app, routes };
}
