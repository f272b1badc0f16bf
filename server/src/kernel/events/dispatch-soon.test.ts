import { describe, expect, it } from 'vitest';
import { runSoon } from './dispatch-soon';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('runSoon', () => {
  it('runs once per request when requests do not overlap', async () => {
    let runs = 0;
    const r = runSoon(
      async () => void runs++,
      () => undefined,
    );
    r.request();
    await r.idle();
    r.request();
    await r.idle();
    expect(runs).toBe(2);
  });

  it('coalesces requests made during a run into exactly one more run', async () => {
    let runs = 0;
    const r = runSoon(
      async () => {
        runs++;
        await tick();
      },
      () => undefined,
    );
    r.request();
    r.request();
    r.request();
    r.request();
    await r.idle();
    expect(runs).toBe(2);
  });

  it('reports a failing run and keeps working', async () => {
    const errors: unknown[] = [];
    let runs = 0;
    const r = runSoon(
      async () => {
        runs++;
        if (runs === 1) throw new Error('boom');
      },
      (e) => errors.push(e),
    );
    r.request();
    await r.idle();
    r.request();
    await r.idle();
    expect(runs).toBe(2);
    expect(errors).toHaveLength(1);
  });

  it('ignores requests after stop', async () => {
    let runs = 0;
    const r = runSoon(
      async () => void runs++,
      () => undefined,
    );
    await r.stop();
    r.request();
    await r.idle();
    expect(runs).toBe(0);
  });
});
