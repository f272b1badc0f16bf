import { describe, expect, it } from 'vitest';
import { changeRows } from './changes';

describe('audit change rows', () => {
  it('shows from/to pairs on both sides and other values as they are', () => {
    expect(
      changeRows({
        unitId: { from: 'org_bj01', to: 'org_bj02' },
        fields: ['displayName', 'unitId'],
        sessionsEnded: 2,
        email: null,
        username: 'li.na',
      }),
    ).toEqual([
      { field: 'unitId', from: 'org_bj01', to: 'org_bj02' },
      { field: 'fields', value: '["displayName","unitId"]' },
      { field: 'sessionsEnded', value: '2' },
      { field: 'email', value: '—' },
      { field: 'username', value: 'li.na' },
    ]);
  });

  it('has no rows for a record without changes', () => {
    expect(changeRows({})).toEqual([]);
  });
});
