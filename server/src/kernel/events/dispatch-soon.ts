/**
 * Run a drain (e.g. event dispatch) soon after something asks for it,
 * coalescing requests: while a run is under way, any number of further
 * requests cause exactly one more run after it. Used to deliver the outbox
 * right after a successful write request, so the customer timeline and
 * event-driven tasks do not wait for the once-a-minute dispatch job.
 */
export type SoonRunner = {
  /** ask for a run (returns at once) */
  request(): void;
  /** resolves when no run is under way or pending */
  idle(): Promise<void>;
  /** refuse further requests (server shutting down) and wait for the current run */
  stop(): Promise<void>;
};

export function runSoon(run: () => Promise<unknown>, onError: (e: unknown) => void): SoonRunner {
  let current: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const loop = async () => {
    do {
      again = false;
      try {
        await run();
      } catch (e) {
        onError(e);
      }
    } while (again && !stopped);
    current = null;
  };
  return {
    request() {
      if (stopped) return;
      if (current) {
        again = true;
        return;
      }
      current = loop();
    },
    async idle() {
      while (current) await current;
    },
    async stop() {
      stopped = true;
      while (current) await current;
    },
  };
}
