import { type App, route } from '../../kernel/http/route';
import type { CustomerDeps } from './customer.service';
import {
  relationshipManagersQuery,
  relationshipManagersResult,
  tagSuggestionsQuery,
  tagSuggestionsResult,
} from './lookup.schema';
import { listRelationshipManagers, tagSuggestions } from './lookup.service';

const tags = ['customers'];

/** Lookups for the customer list's filters; both stay within the viewer's data scope. */
export function registerLookupRoutes(app: App, deps: CustomerDeps): void {
  route(app, {
    method: 'GET',
    url: '/api/customers/relationship-managers',
    permission: 'customers:read',
    summary: 'RMs whose books you may see, for the list filter (optionally of one unit and the units below it)',
    tags,
    schema: { querystring: relationshipManagersQuery, response: { 200: relationshipManagersResult } },
    handler: async ({ actor, query }) => listRelationshipManagers(deps, actor, query),
  });

  route(app, {
    method: 'GET',
    url: '/api/customers/tags',
    permission: 'customers:read',
    summary: 'Tags used on customers in your data scope, most used first (suggestions for the tag filter)',
    tags,
    schema: { querystring: tagSuggestionsQuery, response: { 200: tagSuggestionsResult } },
    handler: async ({ actor, query }) => tagSuggestions(deps, actor, query),
  });
}
