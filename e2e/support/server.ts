import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './env';

export type SuiteServer = { baseUrl: string; stop: () => Promise<void> };

const startTimeoutMs = 200_000;
const stopTimeoutMs = 15_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

async function healthy(baseUrl: string): Promise<boolean> {
  try {
    const res = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2_000) });
    await res.body?.cancel();
    return res.status === 200;
  } catch {
    return false;
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function waitUntilHealthy(baseUrl: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + startTimeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `banyan start exited (${child.exitCode ?? child.signalCode}) before it was healthy:\n${output()}`,
      );
    }
    if (await healthy(baseUrl)) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`banyan start was not healthy after ${startTimeoutMs / 1000} s:\n${output()}`);
}

/**
 * The server the browser suite runs against: E2E_BASE_URL when set (nothing is
 * started), otherwise `banyan start` on a free port with a throwaway data directory
 * and a small demo bank, stopped with SIGTERM after the suite.
 */
export async function startSuiteServer(): Promise<SuiteServer> {
  const external = process.env.E2E_BASE_URL;
  if (external) return { baseUrl: external.replace(/\/+$/, ''), stop: async () => undefined };

  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'banyan-e2e-'));
  const baseUrl = `http://127.0.0.1:${port}`;
  const args = [
    path.join(repoRoot, 'bin/banyan.mjs'),
    'start',
    '--port',
    String(port),
    '--host',
    '127.0.0.1',
    '--data-dir',
    dataDir,
    '--demo-customers',
    '200',
  ];
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // keep the tail of the server's output to explain a failed start
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
      await exited(child);
      clearTimeout(timer);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitUntilHealthy(baseUrl, child, () => log);
  } catch (e) {
    await stop();
    throw e;
  }
  return { baseUrl, stop };
}
