import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { Actor } from '../actor';
import { kernelError } from '../errors';

/**
 * What a route requires: `public` (no login), `authenticated` (any logged-in
 * staff user) or a named permission such as `customers:read` (convention 3).
 */
export type Permission = 'public' | 'authenticated' | `${string}:${string}`;

declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: Permission;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export type App = FastifyInstance;

type Schema = {
  body?: z.ZodType;
  querystring?: z.ZodType;
  params?: z.ZodType;
  headers?: z.ZodType;
  response?: Record<number, z.ZodType>;
};

type In<S extends Schema, K extends keyof Schema> = S[K] extends z.ZodType ? z.output<S[K]> : undefined;

export type RouteContext<S extends Schema> = {
  actor: Actor;
  body: In<S, 'body'>;
  query: In<S, 'querystring'>;
  params: In<S, 'params'>;
  request: FastifyRequest;
  reply: FastifyReply;
};

export type RouteSpec<S extends Schema> = {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  permission: Permission;
  summary: string;
  tags: string[];
  schema?: S;
  /** response header Cache-Control: no-store for personal data (SEC-08); default true */
  noStore?: boolean;
  handler: (ctx: RouteContext<S>) => Promise<unknown>;
};

/**
 * Register one thin route: validate (zod, at the edge), require the declared
 * permission, call the service, respond. `actor` is non-null for every route
 * that is not `public`.
 */
export function route<S extends Schema>(app: App, spec: RouteSpec<S>): void {
  const opts: RouteShorthandOptions = {
    config: { permission: spec.permission },
    schema: { ...(spec.schema ?? {}), summary: spec.summary, tags: spec.tags } as RouteShorthandOptions['schema'],
  };
  app.withTypeProvider<ZodTypeProvider>().route({
    method: spec.method,
    url: spec.url,
    ...opts,
    handler: async (request, reply) => {
      if (spec.noStore !== false) reply.header('cache-control', 'no-store');
      if (spec.permission !== 'public' && !request.actor) {
        throw kernelError('auth.unauthenticated', 'Log in first');
      }
      const result = await spec.handler({
        actor: request.actor as Actor,
        body: request.body as In<S, 'body'>,
        query: request.query as In<S, 'querystring'>,
        params: request.params as In<S, 'params'>,
        request,
        reply,
      });
      if (reply.sent) return reply;
      return result;
    },
  });
}

/** Check a declared permission against the actor (used by the app's preHandler). */
export function allows(actor: Actor | null, permission: Permission): boolean {
  if (permission === 'public') return true;
  if (!actor) return false;
  if (permission === 'authenticated') return true;
  return actor.permissions.has(permission);
}
