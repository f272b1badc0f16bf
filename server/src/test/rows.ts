import type { customers } from '../domains/customers/customers.tables';

/** The instant the bulk-write tests stamp their rows with (milliseconds kept, to check they survive). */
export const rowTime = new Date('2026-01-02T03:04:05.678Z');

/** A minimal valid customers row for tests of the bulk writers (COPY and JSON insert). */
export const customerRow = (
  id: string,
  over: Partial<typeof customers.$inferInsert> = {},
): typeof customers.$inferInsert => ({
  id,
  customerNo: `C${id.slice(-10).padStart(10, '0')}`,
  kind: 'individual',
  name: '张三',
  namePinyin: 'zhangsan',
  nameInitials: 'zs',
  idType: 'resident_id',
  idNumberEnc: 'v1.k.a.b.c',
  idNumberBidx: 'bidx',
  homeUnitId: 'org_x',
  onboardedOn: '2020-01-01',
  createdAt: rowTime,
  updatedAt: rowTime,
  ...over,
});
