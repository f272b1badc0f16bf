import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../kernel/clock';
import { newId } from '../../kernel/ids';
import { type MessagingBank, startMessagingBank } from '../../test/messaging';
import { contactSuppressions } from '../consent';
import { holdings } from '../customers';
import { messages } from '../messaging';
import { careDeps } from './care.deps';
import { runDailyCare } from './care.service';

// Mid-Autumn 2026 falls on 25 September; 08:30 in Shanghai (quiet hours until 09:00)
const clock = fixedClock('2026-09-25T00:30:00Z');
let bank: MessagingBank;
let ids: Record<'birthday' | 'noGreetings' | 'noEmail' | 'london', string>;

const byCustomer = async (customerId: string) =>
  (await bank.deps.db.select().from(messages).where(eq(messages.customerId, customerId))).sort((a, b) =>
    a.idempotencyKey.localeCompare(b.idempotencyKey),
  );

beforeAll(async () => {
  bank = await startMessagingBank({ clock });
  ids = {
    birthday: (
      await bank.customer('rm1', {
        name: '孙丽',
        birthDate: '1985-09-25',
        gender: 'female',
        preferences: { channel: 'sms' },
      })
    ).id,
    noGreetings: (
      await bank.customer('rm1', { name: '钱进', birthDate: '1970-03-02', preferences: { noGreetings: true } })
    ).id,
    noEmail: (await bank.customer('rm1', { name: '吴用', birthDate: '1990-01-15', preferences: { channel: 'email' } }))
      .id,
    london: (
      await bank.customer('rm1', { name: '郑和', birthDate: '1980-07-07', preferences: { timeZone: 'Europe/London' } })
    ).id,
  };
  await bank.deps.db.insert(holdings).values({
    id: newId('holding'),
    customerId: ids.birthday,
    productType: 'time_deposit',
    productName: '三年期定期存款',
    balance: 5_000_000,
    maturityOn: '2026-10-02',
    updatedAt: clock.now(),
  });
});
afterAll(async () => {
  await bank.close();
});

describe('daily care', () => {
  it('queues birthday and festival greetings and a maturity notice, once, through the preferred allowed channel', async () => {
    const run = await runDailyCare(careDeps(bank.deps));
    expect(run).toMatchObject({ date: '2026-09-25', birthdays: 1, festivals: { mid_autumn: 4 }, maturity: 1 });
    const sun = await byCustomer(ids.birthday);
    expect(sun.map((m) => [m.idempotencyKey.split(':').slice(0, 2).join(':'), m.channel])).toEqual([
      ['care:birthday', 'sms'],
      ['care:mid_autumn', 'sms'],
      ['notice:maturity', 'app'],
    ]);
    expect(sun[0]?.contentText).toBe('【榕树银行】孙女士，祝您生日快乐，平安喜乐！');
    expect(sun[1]?.contentText).toContain('中秋节快乐');
    expect(sun[2]?.contentText).toContain('三年期定期存款将于2026-10-02到期');
    // preferred email but no email address: the first usable channel of the configured order (app)
    expect((await byCustomer(ids.noEmail)).map((m) => m.channel)).toEqual(['app']);
    const again = await runDailyCare(careDeps(bank.deps));
    expect(again).toMatchObject({ birthdays: 0, festivals: { mid_autumn: 0 }, maturity: 0 });
  });

  it("respects quiet hours in the customer's time zone and the wish for no greetings (MKT-09)", async () => {
    const all = await bank.deps.db.select().from(messages);
    for (const m of all) {
      // no greetings stops at once; everything else waits for the end of quiet hours
      expect(await bank.runSendJob(m.id)).toEqual([m.customerId === ids.noGreetings ? 'suppressed' : 'deferred']);
    }
    const deferred = (await bank.deps.db.select().from(messages)).filter((m) => m.status === 'deferred');
    expect(new Set(deferred.filter((m) => m.customerId !== ids.london).map((m) => m.notBefore.toISOString()))).toEqual(
      new Set(['2026-09-25T01:00:00.000Z']),
    );
    // 09:00 in London (BST) is 08:00Z
    expect(deferred.find((m) => m.customerId === ids.london)?.notBefore.toISOString()).toBe('2026-09-25T08:00:00.000Z');
    clock.set('2026-09-25T01:00:00Z');
    for (const m of deferred) await bank.runSendJob(m.id);
    const after = await bank.deps.db.select().from(messages);
    const status = (id: string) =>
      after
        .filter((m) => m.customerId === id)
        .map((m) => m.status)
        .sort();
    expect(status(ids.birthday)).toEqual(['delivered', 'sent', 'sent']);
    expect(status(ids.noGreetings)).toEqual(['suppressed']);
    expect(status(ids.london)).toEqual(['deferred']);
    const why = await bank.deps.db
      .select()
      .from(contactSuppressions)
      .where(eq(contactSuppressions.customerId, ids.noGreetings));
    expect(why.map((w) => w.reason)).toContain('no_greetings');
  });

  it('shows the care calendar of a month with festivals, lunar dates and birthdays in scope', async () => {
    const cal = (await bank.get('/api/care/calendar?year=2026&month=9', 'rm1')).json();
    expect(cal.festivals).toEqual([
      { code: 'mid_autumn', date: '2026-09-25', name: { zh: '中秋节', en: 'Mid-Autumn Festival' }, enabled: true },
    ]);
    const d25 = cal.days.find((d: { date: string }) => d.date === '2026-09-25');
    expect(d25).toMatchObject({ lunar: '八月十五', birthdays: 1 });
    expect(cal.days).toHaveLength(30);
    expect((await bank.get('/api/care/calendar?year=2026&month=9', 'rm3')).json().days[24].birthdays).toBe(0);
    expect((await bank.get('/api/care/calendar?year=2026&month=13', 'rm1')).statusCode).toBe(400);
    const year = (await bank.get('/api/care/festivals?year=2027', 'rm1')).json().items;
    expect(year.find((f: { code: string }) => f.code === 'spring_festival').date).toBe('2027-02-06');
  });

  it('a manual run needs care:write', async () => {
    expect((await bank.send('POST', '/api/care/run', 'rm1')).statusCode).toBe(403);
    expect((await bank.send('POST', '/api/care/run', 'marketing')).json()).toMatchObject({
      date: '2026-09-25',
      birthdays: 0,
    });
  });
});
