import { z } from 'zod';
import { type App, route } from '../../kernel/http/route';
import type { CareDeps } from './care.deps';
import { careCalendar, careYear, runDailyCare } from './care.service';

const tags = ['care'];

const festivalView = z.object({
  code: z.string(),
  date: z.string(),
  name: z.object({ zh: z.string(), en: z.string() }),
  enabled: z.boolean(),
});

/** The care HTTP API: the care calendar and a manual run of the daily care job. */
export function registerCareRoutes(app: App, deps: CareDeps): void {
  route(app, {
    method: 'GET',
    url: '/api/care/calendar',
    permission: 'care:read',
    summary:
      'The care calendar of a month: festivals with lunar dates, birthdays, maturities and assessment expiries per day (in scope)',
    tags,
    schema: {
      querystring: z.object({
        year: z.coerce.number().int().min(1901).max(2099),
        month: z.coerce.number().int().min(1).max(12),
      }),
      response: {
        200: z.object({
          year: z.number(),
          month: z.number(),
          festivals: z.array(festivalView),
          days: z.array(
            z.object({
              date: z.string(),
              lunar: z.string(),
              birthdays: z.number().int(),
              maturities: z.number().int(),
              assessmentExpiries: z.number().int(),
            }),
          ),
        }),
      },
    },
    handler: async ({ actor, query }) => careCalendar(deps, actor, query.year, query.month),
  });

  route(app, {
    method: 'GET',
    url: '/api/care/festivals',
    permission: 'care:read',
    summary: 'The festivals of a year with their dates (lunar festivals computed per year)',
    tags,
    schema: {
      querystring: z.object({ year: z.coerce.number().int().min(1901).max(2099) }),
      response: { 200: z.object({ items: z.array(festivalView) }) },
    },
    handler: async ({ query }) => ({ items: careYear(deps, query.year) }),
  });

  route(app, {
    method: 'POST',
    url: '/api/care/run',
    permission: 'care:write',
    summary: "Run today's care greetings and reminders now (idempotent: nothing is sent twice)",
    tags,
    schema: {
      response: {
        200: z.object({
          date: z.string(),
          birthdays: z.number().int(),
          festivals: z.record(z.string(), z.number().int()),
          maturity: z.number().int(),
          assessment: z.number().int(),
          skipped: z.number().int(),
        }),
      },
    },
    handler: async () => runDailyCare(deps),
  });
}
