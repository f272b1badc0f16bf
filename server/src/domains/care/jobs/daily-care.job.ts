import type { JobDefinition } from '../../../kernel/jobs/jobs';
import type { CareDeps } from '../care.deps';
import { runDailyCare } from '../care.service';

/** Every morning at 08:30 bank time: sends go out at once where the customer's quiet hours are over, else when they end. */
export function dailyCareJob(deps: CareDeps): JobDefinition {
  return {
    name: 'care.daily',
    cron: '30 8 * * *',
    expireInMinutes: 120,
    handler: async () => void (await runDailyCare(deps)),
  };
}
