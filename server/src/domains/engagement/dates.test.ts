import { describe, expect, it } from 'vitest';
import { addMonths, localDay, localWeek, startOfLocalDay } from './dates';

describe('engagement dates', () => {
  it('adds months clamping to the last day of the month', () => {
    expect(addMonths(new Date('2026-01-31T10:00:00Z'), 1).toISOString()).toBe('2026-02-28T10:00:00.000Z');
    expect(addMonths(new Date('2026-03-15T00:00:00Z'), -3).toISOString()).toBe('2025-12-15T00:00:00.000Z');
  });

  it('starts a Shanghai business day at 16:00 UTC the day before', () => {
    expect(startOfLocalDay('2026-05-20', 'Asia/Shanghai').toISOString()).toBe('2026-05-19T16:00:00.000Z');
    const d = localDay(new Date('2026-05-19T17:30:00Z'), 'Asia/Shanghai');
    expect(d.date).toBe('2026-05-20');
    expect(d.end.toISOString()).toBe('2026-05-20T16:00:00.000Z');
  });

  it('handles a daylight-saving day in New York', () => {
    expect(startOfLocalDay('2026-03-09', 'America/New_York').toISOString()).toBe('2026-03-09T04:00:00.000Z');
  });

  it('gives the Monday-to-Sunday week in the bank time zone', () => {
    // 2026-05-24 is a Sunday in Shanghai while still Saturday in UTC
    expect(localWeek(new Date('2026-05-23T18:00:00Z'), 'Asia/Shanghai')).toEqual([
      '2026-05-18',
      '2026-05-19',
      '2026-05-20',
      '2026-05-21',
      '2026-05-22',
      '2026-05-23',
      '2026-05-24',
    ]);
  });
});
