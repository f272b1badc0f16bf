import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../kernel/actor';
import { customerScope, customers } from '../customers';

/** The ids of the customers in the actor's data scope, as a subquery (convention 6). */
export function customerScopeIds(actor: Actor): SQL {
  return sql`select ${customers.id} from ${customers} where ${customerScope(actor)}`;
}
