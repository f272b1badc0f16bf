import { eq, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db';
import { queryRows } from '../../kernel/db/query';
import { customers } from '../customers';
import { tasks } from './engagement.tables';

export type RuleCustomer = {
  id: string;
  rm_id: string | null;
  home_unit_id: string;
  risk_expires_at: Date | string | null;
};

export async function customerForRule(db: DbOrTx, id: string) {
  const rows = await db.select().from(customers).where(eq(customers.id, id)).limit(1);
  return rows[0] ?? null;
}

/** No open task with this rule key for the customer. */
function noOpenTask(prefix: string): SQL {
  return sql`not exists (select 1 from ${tasks} t where t.dedupe_key = ${prefix} || ${customers.id}
                           and t.status in ('open', 'in_progress'))`;
}

/** Next batch of active customers whose risk assessment expires in [now, until) without an open reassessment task. */
export async function expiringBatch(
  db: DbOrTx,
  f: { after: string; now: Date; until: Date; limit: number },
): Promise<RuleCustomer[]> {
  return queryRows<RuleCustomer>(
    db,
    sql`select ${customers.id} as id, ${customers.rmId} as rm_id, ${customers.homeUnitId} as home_unit_id,
               ${customers.riskExpiresAt} as risk_expires_at
          from ${customers}
         where ${customers.id} > ${f.after} and ${customers.status} = 'active'
           and ${customers.riskExpiresAt} >= ${f.now} and ${customers.riskExpiresAt} < ${f.until}
           and ${noOpenTask('assessment_expiring:')}
         order by ${customers.id} limit ${f.limit}`,
  );
}

/**
 * Next batch of active customers tagged high AML risk with no compliance
 * review open or completed since `reviewedSince` (one customer when `id` is given).
 */
export async function amlReviewBatch(
  db: DbOrTx,
  f: { after: string; tag: string; reviewedSince: Date; limit: number; id?: string },
): Promise<RuleCustomer[]> {
  return queryRows<RuleCustomer>(
    db,
    sql`select ${customers.id} as id, ${customers.rmId} as rm_id, ${customers.homeUnitId} as home_unit_id,
               ${customers.riskExpiresAt} as risk_expires_at
          from ${customers}
         where ${customers.id} > ${f.after} and ${customers.status} = 'active'
           and ${customers.tags} @> array[${f.tag}]::text[]
           ${f.id ? sql`and ${customers.id} = ${f.id}` : sql``}
           and not exists (select 1 from ${tasks} t where t.customer_id = ${customers.id} and t.kind = 'compliance_review'
                             and (t.status in ('open', 'in_progress') or t.completed_at >= ${f.reviewedSince}))
         order by ${customers.id} limit ${f.limit}`,
  );
}
