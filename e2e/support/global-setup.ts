import type { TestProject } from 'vitest/node';
import { skipBrowserSuite } from './env';
import { startSuiteServer } from './server';

declare module 'vitest' {
  // declaration merging needs an interface here
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/** One Banyan server for the whole browser suite; none when the suite is skipped. */
export async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  if (skipBrowserSuite) {
    project.provide('baseUrl', '');
    return undefined;
  }
  const server = await startSuiteServer();
  project.provide('baseUrl', server.baseUrl);
  return server.stop;
}
