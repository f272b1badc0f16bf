import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import type { Clock } from '../../kernel/clock';
import type { DbOrTx } from '../../kernel/db';
import { newId } from '../../kernel/ids';
import { createTestCustomer, startTestBank, type TestBank } from '../../test/bank';
import { consentState, contactDnd, contactLog } from '../consent';
import { customers } from '../customers';
import { deliverMessage } from '../messaging';
import { type CampaignProduct, registerCampaignPorts } from './campaign.ports';
import { campaignDeps } from './campaigns.deps';

/**
 * Test helpers for campaigns (not a test file). `wireTestPorts` replaces the
 * real products, segmentation and analytics ports with small stand-ins
 * (a product catalogue in memory, segments as customer tags, suitability on
 * the customers' risk columns, sales as a list, propensity as a map) so the
 * campaign rules can be tested on facts written straight to the tables;
 * campaigns-wiring.int.test.ts runs the same paths on the real domains.
 */
export type TestPorts = {
  products: Map<string, CampaignProduct>;
  sales: { customerId: string; productId: string; at: Date }[];
  propensity: Map<string, number>;
};

export function wireTestPorts(): TestPorts {
  const t: TestPorts = { products: new Map(), sales: [], propensity: new Map() };
  registerCampaignPorts({
    product: async (_db, id) => t.products.get(id) ?? null,
    // a segment "seg_<tag>" is the customers tagged <tag>
    segmentMembers: async (_db, _actor, id) =>
      id.startsWith('seg_')
        ? sql`select ${customers.id} from ${customers} where ${id.slice(4)} = any(${customers.tags})`
        : null,
    // SUIT-03 / SUIT-05 on the customers' own risk columns (the real gate over risk assessments is
    // exercised in campaigns-wiring.int.test.ts): a valid C(m) with m >= the product's level
    suitableCustomers: (product, at, within) => sql`select ${customers.id} from ${customers}
      where ${customers.id} in (${within}) and ${customers.riskLevel} ~ '^C[1-5]$'
        and substr(${customers.riskLevel}, 2)::int >= ${product.riskLevel ?? 1}
        and ${customers.riskExpiresAt} > ${at.toISOString()}::timestamptz`,
    sales: (productId, from, to) => {
      const rows = t.sales.filter((s) => s.productId === productId && s.at >= from && s.at < to);
      const ids = rows.map((s) => s.customerId);
      return sql`select unnest(${sql.param(ids)}::text[]) as customer_id`;
    },
    propensity: async (_db, ids) => new Map(ids.map((id) => [id, t.propensity.get(id) ?? 0])),
  });
  return t;
}

/** A loopback SMS gateway that accepts every message once per idempotency key. */
async function fakeSmsGateway() {
  const calls: string[] = [];
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      calls.push(String(req.headers['idempotency-key'] ?? ''));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `gw-${calls.length}` }));
    });
  });
  server.keepAliveTimeout = 1;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/send`;
  const close = async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  };
  return { url, calls, close };
}

/** A test bank whose SMS go to a loopback gateway, with campaign deps and helpers. */
export async function startCampaignBank(opts: { clock?: Clock } = {}) {
  const sms = await fakeSmsGateway();
  const bank = await startTestBank({
    clock: opts.clock,
    env: {
      BANYAN_SESSION_IDLE_MINUTES: '1440',
      BANYAN_SESSION_ABSOLUTE_HOURS: '168',
      BANYAN_SMS_GATEWAY_URL: sms.url,
      BANYAN_MESSAGING_RATE_LIMITS: 'sms:10000,email:10000,wechat:10000,app:10000',
      BANYAN_GATEWAY_TIMEOUT_MS: '2000',
    },
  });
  const camp = campaignDeps(bank.deps);
  const closeBank = bank.close.bind(bank);
  const get = (url: string, who: Who) => bank.app.inject({ method: 'GET', url, headers: bank.as[who].headers });
  const send = (method: 'POST' | 'PUT' | 'DELETE', url: string, who: Who, payload?: object) =>
    bank.app.inject({ method, url, headers: bank.as[who].headers, ...(payload ? { payload } : {}) });
  let no = 3_000_000_000;
  const customer = async (who: Who = 'rm1') => createTestCustomer(bank, bank.as[who], { customerNo: `C${no++}` });
  /** Run a message's send job as the queue would: retry on a thrown error up to the retry limit. */
  const runSendJob = async (messageId: string) => {
    const outcomes: string[] = [];
    for (let attempt = 0; attempt < camp.msg.config.messagingMaxAttempts; attempt++) {
      try {
        outcomes.push(await deliverMessage(camp.msg, messageId));
        return outcomes;
      } catch {
        outcomes.push('retry');
      }
    }
    return outcomes;
  };
  return Object.assign(bank, {
    sms,
    camp,
    get,
    send,
    customer,
    runSendJob,
    async close() {
      await closeBank();
      await sms.close();
    },
  });
}
type Who = keyof TestBank['as'];
export type CampaignBank = Awaited<ReturnType<typeof startCampaignBank>>;

/** Facts about one customer that decide whether a campaign may reach them. */
export type AudienceFacts = {
  tags?: string[];
  riskLevel?: string | null;
  riskExpiresAt?: Date | null;
  consent?: 'granted' | 'withdrawn' | 'refused' | 'none';
  channel?: 'sms' | 'email' | 'wechat' | 'app';
  dnd?: boolean;
  timeZone?: string;
  /** hours ago of past marketing contacts */
  past?: number[];
};

/** Write a customer's facts straight to the tables (fast; the consent API is tested in consent). */
export async function setFacts(db: DbOrTx, id: string, f: AudienceFacts, now: Date): Promise<void> {
  await db.delete(consentState).where(eq(consentState.customerId, id));
  await db.delete(contactDnd).where(eq(contactDnd.customerId, id));
  await db.delete(contactLog).where(eq(contactLog.customerId, id));
  await db
    .update(customers)
    .set({
      tags: f.tags ?? [],
      riskLevel: f.riskLevel ?? null,
      riskExpiresAt: f.riskExpiresAt ?? null,
      preferences: f.timeZone ? { timeZone: f.timeZone } : {},
    })
    .where(eq(customers.id, id));
  if (f.consent && f.consent !== 'none') {
    await db.insert(consentState).values({
      customerId: id,
      purpose: 'marketing',
      channel: f.channel ?? 'sms',
      status: f.consent,
      recordId: 'csr_test',
      updatedAt: now,
    });
  }
  if (f.dnd) {
    await db
      .insert(contactDnd)
      .values({ customerId: id, reason: 'test', until: null, addedBy: 'test', createdAt: now });
  }
  for (const h of f.past ?? []) {
    await db.insert(contactLog).values({
      id: newId('contactLog'),
      customerId: id,
      channel: 'email',
      sourceType: 'test',
      sourceId: 'past',
      occurredAt: new Date(now.getTime() - h * 3_600_000),
    });
  }
}
