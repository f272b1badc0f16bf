/**
 * Time is injected: domain code asks its clock, never `new Date()`, so tests
 * can pin and move time (convention 7).
 */
export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };

export type FixedClock = Clock & { set(d: Date | string): void; advance(ms: number): void };

/** A clock for tests that stands still until told to move. */
export function fixedClock(start: Date | string): FixedClock {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    set: (d) => {
      t = new Date(d).getTime();
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

export const MS = { second: 1000, minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(d: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}
