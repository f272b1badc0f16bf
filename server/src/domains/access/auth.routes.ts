// the cookie methods on FastifyReply come from this plugin's type augmentation
import type {} from '@fastify/cookie';
import type { FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { type App, route } from '../../kernel/http/route';
import type { AccessDeps } from './access.deps';
import {
  changePasswordInput,
  loginInput,
  meOutput,
  totpConfirmInput,
  totpEnrolInput,
  totpEnrolOutput,
} from './access.schema';
import { changePassword, confirmTotpEnrolment, me, startTotpEnrolment } from './account.service';
import { login } from './auth.service';
import { csrfCookie, sessionCookie } from './secrets';
import { logout, logoutEverywhere } from './session.service';

const tags = ['auth'];

function clearCookies(reply: FastifyReply): void {
  reply.clearCookie(sessionCookie, { path: '/' }).clearCookie(csrfCookie, { path: '/' });
}

/** Login, logout, the current user, password change and TOTP enrolment (SEC-01..04). */
export function registerAuthRoutes(app: App, deps: AccessDeps): void {
  // Registered without the route() helper only to pass the per-IP rate limit (SEC-03) in the route config.
  app.withTypeProvider<ZodTypeProvider>().route({
    method: 'POST',
    url: '/api/auth/login',
    config: {
      permission: 'public',
      rateLimit: { max: deps.config.loginIpMaxPerMinute, timeWindow: '1 minute' },
    },
    schema: { body: loginInput, response: { 200: meOutput }, summary: 'Log in with username, password and TOTP', tags },
    handler: async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const result = await login(deps, request.body, {
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
        requestId: request.id,
      });
      const cookie = {
        path: '/',
        sameSite: 'lax' as const,
        secure: deps.config.secureCookies,
        maxAge: deps.config.sessionAbsoluteHours * 3600,
      };
      reply.setCookie(sessionCookie, result.sessionToken, { ...cookie, httpOnly: true });
      reply.setCookie(csrfCookie, result.csrfToken, { ...cookie, httpOnly: false });
      return { user: await me(deps, result.actor) };
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/auth/logout',
    permission: 'authenticated',
    summary: 'End this session',
    tags,
    handler: async ({ actor, request, reply }) => {
      await logout(deps, actor, request);
      clearCookies(reply);
      return reply.code(204).send();
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/auth/logout-all',
    permission: 'authenticated',
    summary: 'End every session of the current user',
    tags,
    handler: async ({ actor, request, reply }) => {
      await logoutEverywhere(deps, actor, request);
      clearCookies(reply);
      return reply.code(204).send();
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/auth/me',
    permission: 'authenticated',
    summary: 'The current user, unit, roles and permissions',
    tags,
    schema: { response: { 200: meOutput } },
    handler: async ({ actor }) => ({ user: await me(deps, actor) }),
  });

  route(app, {
    method: 'POST',
    url: '/api/auth/password',
    permission: 'authenticated',
    summary: 'Change the own password (needs the current one)',
    tags,
    schema: { body: changePasswordInput },
    handler: async ({ actor, body, request, reply }) => {
      await changePassword(deps, actor, body, request);
      return reply.code(204).send();
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/auth/totp/enrol',
    permission: 'authenticated',
    summary: 'Start TOTP enrolment: returns an otpauth URI for an authenticator app',
    tags,
    schema: { body: totpEnrolInput, response: { 200: totpEnrolOutput } },
    handler: async ({ actor, body }) => startTotpEnrolment(deps, actor, body.password),
  });

  route(app, {
    method: 'POST',
    url: '/api/auth/totp/confirm',
    permission: 'authenticated',
    summary: 'Confirm TOTP enrolment with a code from the authenticator',
    tags,
    schema: { body: totpConfirmInput },
    handler: async ({ actor, body, request, reply }) => {
      await confirmTotpEnrolment(deps, actor, body.code, request);
      return reply.code(204).send();
    },
  });
}
