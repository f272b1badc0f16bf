import { z } from 'zod';
import { type App, route } from '../../kernel/http/route';
import { pageQuery } from '../../kernel/pagination';
import { addContact, listContacts, removeContact, revealField, updateContact } from './contact.service';
import {
  addContactInput,
  addRelationshipInput,
  aggregatesQuery,
  aggregateView,
  contactParams,
  contactView,
  createCustomerInput,
  customer360,
  customerHeader,
  customerIdParams,
  customerPage,
  holdingsView,
  householdParams,
  householdSection as householdSectionSchema,
  joinHouseholdInput,
  listCustomersQuery,
  relationshipParams,
  revealInput,
  revealResult,
  timelinePage,
  updateContactInput,
  updateCustomerInput,
} from './customer.schema';
import { type CustomerDeps, createCustomer, listCustomers, updateCustomer, verifyProfile } from './customer.service';
import {
  addRelationship,
  customerHousehold,
  joinHousehold,
  leaveHousehold,
  removeRelationship,
} from './household.service';
import { customerAggregates, customerHoldings, customerTimelinePage, customer360 as load360 } from './profile.service';

const tags = ['customers'];

const timelineQuery = pageQuery.extend({
  /** only these event types (comma-separated) */
  type: z
    .string()
    .max(500)
    .optional()
    .transform((v) => (v ? v.split(',').filter(Boolean) : undefined)),
});

/** The customer archive's HTTP API: list and search, the 360 view and its sections. */
export function registerCustomerRoutes(app: App, deps: CustomerDeps): void {
  route(app, {
    method: 'GET',
    url: '/api/customers',
    permission: 'customers:read',
    summary: 'List and search customers in your data scope (name, pinyin, initials, mobile, ID number, customer no.)',
    tags,
    schema: { querystring: listCustomersQuery, response: { 200: customerPage } },
    handler: async ({ actor, query }) => listCustomers(deps, actor, query),
  });

  route(app, {
    method: 'POST',
    url: '/api/customers',
    permission: 'customers:write',
    summary: 'Register a customer (checksum-validated identity; C2 fields encrypted at rest)',
    tags,
    schema: { body: createCustomerInput, response: { 201: customerHeader } },
    handler: async ({ actor, body, request, reply }) => {
      const created = await createCustomer(deps, actor, body, request);
      reply.code(201);
      return created;
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/customers/:id',
    permission: 'customers:read',
    summary: 'The customer 360 view: header, contacts, holdings, activity, household, risk tolerance',
    tags,
    schema: { params: customerIdParams, response: { 200: customer360 } },
    handler: async ({ actor, params }) => load360(deps, actor, params.id),
  });

  route(app, {
    method: 'PATCH',
    url: '/api/customers/:id',
    permission: 'customers:write',
    summary: 'Update profile fields (send the version you read to avoid overwriting a colleague)',
    tags,
    schema: { params: customerIdParams, body: updateCustomerInput, response: { 200: customerHeader } },
    handler: async ({ actor, params, body, request }) => updateCustomer(deps, actor, params.id, body, request),
  });

  route(app, {
    method: 'POST',
    url: '/api/customers/:id/verify',
    permission: 'customers:write',
    summary: 'Record that the profile was verified with the customer today',
    tags,
    schema: { params: customerIdParams, response: { 200: customerHeader } },
    handler: async ({ actor, params, request }) => verifyProfile(deps, actor, params.id, request),
  });

  route(app, {
    method: 'GET',
    url: '/api/customers/:id/contacts',
    permission: 'customers:read',
    summary: 'Contact points, masked (DS-04)',
    tags,
    schema: { params: customerIdParams, response: { 200: z.array(contactView) } },
    handler: async ({ actor, params }) => listContacts(deps, actor, params.id),
  });

  route(app, {
    method: 'POST',
    url: '/api/customers/:id/contacts',
    permission: 'customers:write',
    summary: 'Add a phone, email, address or WeChat id',
    tags,
    schema: { params: customerIdParams, body: addContactInput, response: { 201: contactView } },
    handler: async ({ actor, params, body, request, reply }) => {
      const c = await addContact(deps, actor, params.id, body, request);
      reply.code(201);
      return c;
    },
  });

  route(app, {
    method: 'PATCH',
    url: '/api/customers/:id/contacts/:contactId',
    permission: 'customers:write',
    summary: 'Change a contact point (a changed value is unverified until checked)',
    tags,
    schema: { params: contactParams, body: updateContactInput, response: { 200: contactView } },
    handler: async ({ actor, params, body, request }) =>
      updateContact(deps, actor, params.id, params.contactId, body, request),
  });

  route(app, {
    method: 'DELETE',
    url: '/api/customers/:id/contacts/:contactId',
    permission: 'customers:write',
    summary: 'Remove a contact point',
    tags,
    schema: { params: contactParams },
    handler: async ({ actor, params, request, reply }) => {
      await removeContact(deps, actor, params.id, params.contactId, request);
      reply.code(204);
      return null;
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/customers/:id/reveal',
    permission: 'customers:reveal',
    summary: 'Show one masked field in full, with a reason (audited, AUD-02)',
    tags,
    schema: { params: customerIdParams, body: revealInput, response: { 200: revealResult } },
    handler: async ({ actor, params, body, request }) => revealField(deps, actor, params.id, body, request),
  });

  route(app, {
    method: 'GET',
    url: '/api/customers/:id/holdings',
    permission: 'customers:read',
    summary: 'Holdings from core banking with AUM and liabilities per currency',
    tags,
    schema: { params: customerIdParams, response: { 200: holdingsView } },
    handler: async ({ actor, params }) => customerHoldings(deps, actor, params.id),
  });

  route(app, {
    method: 'GET',
    url: '/api/customers/:id/aggregates',
    permission: 'customers:read',
    summary: 'Monthly transaction aggregates (count, inflow, outflow)',
    tags,
    schema: { params: customerIdParams, querystring: aggregatesQuery, response: { 200: z.array(aggregateView) } },
    handler: async ({ actor, params, query }) => customerAggregates(deps, actor, params.id, query.months),
  });

  route(app, {
    method: 'GET',
    url: '/api/customers/:id/household',
    permission: 'customers:read',
    summary: 'Households (with AUM rolled up over visible members) and relationships',
    tags,
    schema: { params: customerIdParams, response: { 200: householdSectionSchema } },
    handler: async ({ actor, params }) => customerHousehold(deps, actor, params.id),
  });

  route(app, {
    method: 'POST',
    url: '/api/customers/:id/households',
    permission: 'customers:write',
    summary: 'Join a household or start a new one',
    tags,
    schema: { params: customerIdParams, body: joinHouseholdInput, response: { 200: householdSectionSchema } },
    handler: async ({ actor, params, body, request }) => joinHousehold(deps, actor, params.id, body, request),
  });

  route(app, {
    method: 'DELETE',
    url: '/api/customers/:id/households/:householdId',
    permission: 'customers:write',
    summary: 'Leave a household',
    tags,
    schema: { params: householdParams, response: { 200: householdSectionSchema } },
    handler: async ({ actor, params, request }) => leaveHousehold(deps, actor, params.id, params.householdId, request),
  });

  route(app, {
    method: 'POST',
    url: '/api/customers/:id/relationships',
    permission: 'customers:write',
    summary: 'Record a relationship (spouse, guarantor, beneficial owner, introducer...)',
    tags,
    schema: { params: customerIdParams, body: addRelationshipInput, response: { 200: householdSectionSchema } },
    handler: async ({ actor, params, body, request }) => addRelationship(deps, actor, params.id, body, request),
  });

  route(app, {
    method: 'DELETE',
    url: '/api/customers/:id/relationships/:relationshipId',
    permission: 'customers:write',
    summary: 'Remove a relationship',
    tags,
    schema: { params: relationshipParams, response: { 200: householdSectionSchema } },
    handler: async ({ actor, params, request }) =>
      removeRelationship(deps, actor, params.id, params.relationshipId, request),
  });

  route(app, {
    method: 'GET',
    url: '/api/customers/:id/timeline',
    permission: 'customers:read',
    summary: 'Everything that happened with the customer, from every domain, newest first',
    tags,
    schema: { params: customerIdParams, querystring: timelineQuery, response: { 200: timelinePage } },
    handler: async ({ actor, params, query }) => customerTimelinePage(deps, actor, params.id, query),
  });
}
