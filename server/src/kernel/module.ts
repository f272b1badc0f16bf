import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Clock } from './clock';
import type { FieldCrypto } from './crypto';
import type { Database, Db } from './db';
import type { EventBus } from './events/events';
import type { App } from './http/route';
import type { JobDefinition } from './jobs/jobs';

/** Sends work to a queue; bound to the job runtime once it has started. */
export type JobSender = { send(name: string, data: object): Promise<string | null> };

/** What every domain module receives from the composition root. */
export type ModuleDeps = {
  config: Config;
  database: Database;
  db: Db;
  clock: Clock;
  logger: Logger;
  bus: EventBus;
  jobs: JobSender;
  /** C2 field encryption and blind indexes (DS-03) */
  crypto: FieldCrypto;
};

/**
 * A domain's contribution to the running server: its routes, its queues and
 * cron jobs, its event handlers. Listed once in main.ts (the composition root).
 */
export type BanyanModule = {
  name: string;
  /** idempotent set-up every database needs (seeded rows), run at start after migrations */
  bootstrap?: (deps: ModuleDeps) => Promise<void>;
  routes?: (app: App, deps: ModuleDeps) => void;
  jobs?: (deps: ModuleDeps) => JobDefinition[];
  events?: (bus: EventBus, deps: ModuleDeps) => void;
};
