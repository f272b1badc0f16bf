import { describe, expect, it } from 'vitest';
import { inScope, scopeFor } from './scope';

const units = [
  { id: 'hq', path: '/HQ/' },
  { id: 'bj', path: '/HQ/BJ/' },
  { id: 'bj01', path: '/HQ/BJ/BJ01/' },
  { id: 'bj02', path: '/HQ/BJ/BJ02/' },
  { id: 'bjx', path: '/HQ/BJX/' },
  { id: 'sh', path: '/HQ/SH/' },
];
const now = new Date('2026-03-01T08:00:00Z');
const cover = (covered: string, startsAt: string, expiresAt: string, endedAt: Date | null = null) => ({
  covererId: 'rm1',
  coveredId: covered,
  startsAt: new Date(startsAt),
  expiresAt: new Date(expiresAt),
  endedAt,
});

describe('DS-05 data scope', () => {
  it('gives an RM their own book plus the books they cover now', () => {
    const s = scopeFor(
      { id: 'rm1', unitId: 'bj01' },
      [{ dataScope: 'book' }],
      units,
      [cover('rm2', '2026-02-01T00:00:00Z', '2026-03-02T00:00:00Z')],
      now,
    );
    expect(s).toEqual({ kind: 'book', rmIds: ['rm1', 'rm2'] });
  });

  it('drops a cover once it expires, before it starts, or when ended early', () => {
    const covers = [
      cover('rm2', '2026-02-01T00:00:00Z', '2026-03-01T08:00:00Z'),
      cover('rm3', '2026-03-02T00:00:00Z', '2026-04-01T00:00:00Z'),
      cover('rm4', '2026-02-01T00:00:00Z', '2026-04-01T00:00:00Z', new Date('2026-02-20T00:00:00Z')),
    ];
    expect(scopeFor({ id: 'rm1', unitId: 'bj01' }, [{ dataScope: 'book' }], units, covers, now)).toEqual({
      kind: 'book',
      rmIds: ['rm1'],
    });
  });

  it('gives a branch manager their unit and every unit below it, not a sibling with a longer code', () => {
    const s = scopeFor({ id: 'bm', unitId: 'bj' }, [{ dataScope: 'units' }], units, [], now);
    expect(s).toEqual({ kind: 'units', unitIds: ['bj', 'bj01', 'bj02'] });
  });

  it('gives head-office roles everything and admin roles nothing; the widest role wins', () => {
    expect(scopeFor({ id: 'h', unitId: 'hq' }, [{ dataScope: 'all' }], units, [], now)).toEqual({ kind: 'all' });
    expect(scopeFor({ id: 'a', unitId: 'hq' }, [{ dataScope: 'none' }], units, [], now)).toEqual({ kind: 'none' });
    expect(scopeFor({ id: 'x', unitId: 'hq' }, [], units, [], now)).toEqual({ kind: 'none' });
    expect(
      scopeFor({ id: 'm', unitId: 'bj' }, [{ dataScope: 'book' }, { dataScope: 'units' }], units, [], now).kind,
    ).toBe('units');
  });

  it('checks one row against a scope', () => {
    expect(inScope({ kind: 'book', rmIds: ['rm1'] }, { rmId: 'rm1' })).toBe(true);
    expect(inScope({ kind: 'book', rmIds: ['rm1'] }, { rmId: 'rm2' })).toBe(false);
    expect(inScope({ kind: 'units', unitIds: ['bj'] }, { unitId: 'sh' })).toBe(false);
    expect(inScope({ kind: 'none' }, { rmId: 'rm1', unitId: 'bj' })).toBe(false);
  });
});
