import { z } from 'zod';
import { type App, route } from '../../kernel/http/route';
import { pageQuery } from '../../kernel/pagination';
import { branchView, rmDrillDown } from './branch-view.service';
import type { EngagementDeps } from './engagement.deps';
import {
  breachesQuery,
  breachView,
  cancelTaskInput,
  completeSopStepInput,
  completeTaskInput,
  createTaskInput,
  customerIdParams,
  customerTasksQuery,
  idParams,
  interactionPage,
  interactionView,
  listTasksQuery,
  logInteractionInput,
  proposalsQuery,
  proposalView,
  reassignInput,
  reassignOutput,
  rmCapacityInput,
  rmCapacityParams,
  servicePolicyView,
  sopRunView,
  sopStepParams,
  sopTemplateView,
  staffInteractionsQuery,
  startSopRunInput,
  taskPage,
  taskView,
  tierParams,
  updateServicePolicyInput,
  updateTaskInput,
} from './engagement.schema';
import { customerInteractions, logInteraction, staffInteractions } from './interaction.service';
import {
  assignmentProposals,
  listBreaches,
  listServicePolicies,
  setRmCapacity,
  updateServicePolicy,
} from './policy.service';
import { requestReassignment } from './reassignment.service';
import { completeSopStep, listSopTemplates, sopRuns, startSopRun } from './sop.service';
import { cancelTask, completeTask, createTask, customerTasks, getTask, listTasks, updateTask } from './task.service';
import { branchQuery, branchViewOutput, rmDrillDownOutput, workbenchView } from './workbench.schema';
import { workbench } from './workbench.service';

const tags = ['engagement'];

/** The engagement HTTP API: interactions, tasks, service standards, tiered service, the workbench. */
export function registerEngagementRoutes(app: App, deps: EngagementDeps): void {
  route(app, {
    method: 'POST',
    url: '/api/customers/:id/interactions',
    permission: 'engagement:write',
    summary: 'Log a call, visit, meeting, email, SMS, WeChat or counter service with a customer',
    tags,
    schema: { params: customerIdParams, body: logInteractionInput, response: { 201: interactionView } },
    handler: async ({ actor, params, body, request, reply }) => {
      const made = await logInteraction(deps, actor, params.id, body, request);
      reply.code(201);
      return made;
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/customers/:id/interactions',
    permission: 'engagement:read',
    summary: "A customer's interactions, newest first",
    tags,
    schema: { params: customerIdParams, querystring: pageQuery, response: { 200: interactionPage } },
    handler: async ({ actor, params, query }) => customerInteractions(deps, actor, params.id, query),
  });

  route(app, {
    method: 'GET',
    url: '/api/interactions',
    permission: 'engagement:read',
    summary: "One staff member's interactions (default: yours) on customers in your scope",
    tags,
    schema: { querystring: staffInteractionsQuery, response: { 200: interactionPage } },
    handler: async ({ actor, query }) => staffInteractions(deps, actor, query),
  });

  route(app, {
    method: 'POST',
    url: '/api/tasks',
    permission: 'engagement:write',
    summary: 'Create a task or follow-up visit on a customer in your scope',
    tags,
    schema: { body: createTaskInput, response: { 201: taskView } },
    handler: async ({ actor, body, request, reply }) => {
      const made = await createTask(deps, actor, body, request);
      reply.code(201);
      return made;
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/tasks',
    permission: 'engagement:read',
    summary: 'Your open tasks (view=mine) or those on customers in your scope (view=scope), soonest due first',
    tags,
    schema: { querystring: listTasksQuery, response: { 200: taskPage } },
    handler: async ({ actor, query }) => listTasks(deps, actor, query),
  });

  route(app, {
    method: 'GET',
    url: '/api/tasks/:id',
    permission: 'engagement:read',
    summary: 'One task',
    tags,
    schema: { params: idParams, response: { 200: taskView } },
    handler: async ({ actor, params }) => getTask(deps, actor, params.id),
  });

  route(app, {
    method: 'PATCH',
    url: '/api/tasks/:id',
    permission: 'engagement:write',
    summary: 'Start a task, or change its due date, priority or owner',
    tags,
    schema: { params: idParams, body: updateTaskInput, response: { 200: taskView } },
    handler: async ({ actor, params, body, request }) => updateTask(deps, actor, params.id, body, request),
  });

  route(app, {
    method: 'POST',
    url: '/api/tasks/:id/complete',
    permission: 'engagement:write',
    summary: 'Complete a task with outcome notes',
    tags,
    schema: { params: idParams, body: completeTaskInput, response: { 200: taskView } },
    handler: async ({ actor, params, body, request }) => {
      await completeTask(deps, actor, params.id, body.outcomeNotes, request);
      return getTask(deps, actor, params.id);
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/tasks/:id/cancel',
    permission: 'engagement:write',
    summary: 'Cancel a task with a reason',
    tags,
    schema: { params: idParams, body: cancelTaskInput, response: { 200: taskView } },
    handler: async ({ actor, params, body, request }) => cancelTask(deps, actor, params.id, body.reason, request),
  });

  route(app, {
    method: 'GET',
    url: '/api/customers/:id/tasks',
    permission: 'engagement:read',
    summary: "A customer's tasks and follow-up visits, newest first",
    tags,
    schema: { params: customerIdParams, querystring: customerTasksQuery, response: { 200: taskPage } },
    handler: async ({ actor, params, query }) => customerTasks(deps, actor, params.id, query),
  });

  route(app, {
    method: 'GET',
    url: '/api/sop-templates',
    permission: 'engagement:read',
    summary: 'Service standards (SOP checklists): onboarding, annual review, post-sale visit...',
    tags,
    schema: { response: { 200: z.array(sopTemplateView) } },
    handler: async () => listSopTemplates(deps),
  });

  route(app, {
    method: 'POST',
    url: '/api/customers/:id/sop-runs',
    permission: 'engagement:write',
    summary: 'Start a service standard on a customer',
    tags,
    schema: { params: customerIdParams, body: startSopRunInput, response: { 201: sopRunView } },
    handler: async ({ actor, params, body, request, reply }) => {
      const run = await startSopRun(deps, actor, params.id, body, request);
      reply.code(201);
      return run;
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/customers/:id/sop-runs',
    permission: 'engagement:read',
    summary: "A customer's service standard runs with who did each step and when",
    tags,
    schema: { params: customerIdParams, response: { 200: z.array(sopRunView) } },
    handler: async ({ actor, params }) => sopRuns(deps, actor, params.id),
  });

  route(app, {
    method: 'POST',
    url: '/api/sop-runs/:id/steps/:key',
    permission: 'engagement:write',
    summary: 'Record a step of a run as done, with evidence notes; the last step completes the run',
    tags,
    schema: { params: sopStepParams, body: completeSopStepInput, response: { 200: sopRunView } },
    handler: async ({ actor, params, body, request }) =>
      completeSopStep(deps, actor, params.id, params.key, body.evidence, request),
  });

  route(app, {
    method: 'GET',
    url: '/api/service-policies',
    permission: 'engagement:read',
    summary: 'The tiered service policy: dedicated RM or pooled, contact-frequency standard, service package',
    tags,
    schema: { response: { 200: z.array(servicePolicyView) } },
    handler: async () => listServicePolicies(deps),
  });

  route(app, {
    method: 'PUT',
    url: '/api/service-policies/:tier',
    permission: 'engagement:configure',
    summary: "Change a tier's service policy (audited)",
    tags,
    schema: { params: tierParams, body: updateServicePolicyInput, response: { 200: servicePolicyView } },
    handler: async ({ actor, params, body, request }) => updateServicePolicy(deps, actor, params.tier, body, request),
  });

  route(app, {
    method: 'PUT',
    url: '/api/rm-capacities/:userId',
    permission: 'engagement:configure',
    summary: 'Set how many customers one RM can serve (assignment proposals)',
    tags,
    schema: {
      params: rmCapacityParams,
      body: rmCapacityInput,
      response: { 200: z.object({ userId: z.string(), capacity: z.number().int() }) },
    },
    handler: async ({ actor, params, body, request }) =>
      setRmCapacity(deps, actor, params.userId, body.capacity, request),
  });

  route(app, {
    method: 'GET',
    url: '/api/contact-standard/breaches',
    permission: 'engagement:read',
    summary: 'Customers in your scope not contacted within their tier standard, longest overdue first',
    tags,
    schema: {
      querystring: breachesQuery,
      response: { 200: z.object({ total: z.number().int(), items: z.array(breachView) }) },
    },
    handler: async ({ actor, query }) => listBreaches(deps, actor, query),
  });

  route(app, {
    method: 'GET',
    url: '/api/assignment-proposals',
    permission: 'customers:reassign',
    summary:
      'Unassigned customers of tiers that need a dedicated RM, each proposed to an RM of their branch by capacity',
    tags,
    schema: { querystring: proposalsQuery, response: { 200: z.array(proposalView) } },
    handler: async ({ actor, query }) => assignmentProposals(deps, actor, query.limit),
  });

  route(app, {
    method: 'POST',
    url: '/api/reassignments',
    permission: 'customers:reassign',
    summary: 'Ask to (re)assign a customer to an RM; applied when another user approves (AUD-03)',
    tags,
    schema: { body: reassignInput, response: { 202: reassignOutput } },
    handler: async ({ actor, body, request, reply }) => {
      const r = await requestReassignment(deps, actor, body, request);
      reply.code(202);
      return r;
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/workbench',
    permission: 'workbench:read',
    summary:
      "The RM workbench: today's and overdue tasks, follow-ups, breaches, expiring assessments, birthdays, portfolio",
    tags: ['workbench'],
    schema: { response: { 200: workbenchView } },
    handler: async ({ actor }) => workbench(deps, actor),
  });

  route(app, {
    method: 'GET',
    url: '/api/workbench/branch',
    permission: 'workbench:read',
    summary: 'Service consistency across RMs and sub-branches in your scope, with spread and heat map',
    tags: ['workbench'],
    schema: { querystring: branchQuery, response: { 200: branchViewOutput } },
    handler: async ({ actor, query }) => branchView(deps, actor, query),
  });

  route(app, {
    method: 'GET',
    url: '/api/workbench/branch/rms/:id',
    permission: 'workbench:read',
    summary: "One RM's consistency figures, breaching customers and overdue tasks",
    tags: ['workbench'],
    schema: { params: idParams, querystring: branchQuery.pick({ days: true }), response: { 200: rmDrillDownOutput } },
    handler: async ({ actor, params, query }) => rmDrillDown(deps, actor, params.id, query),
  });
}
