import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, settings } from './config';

describe('configuration', () => {
  it('has a documented default for every setting', () => {
    const cfg = loadConfig({});
    expect(cfg.port).toBe(3000);
    expect(cfg.embedded).toBe(true);
    expect(path.isAbsolute(cfg.dataDir)).toBe(true);
  });

  it('stops on a bad value with a message naming the setting', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT \(port\)/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL.*postgres:\/\//);
    expect(() => loadConfig({ BANYAN_TIME_ZONE: 'Mars/Base' })).toThrow(/BANYAN_TIME_ZONE/);
    expect(() => loadConfig({ BANYAN_DEMO: 'maybe' })).toThrow(/BANYAN_DEMO/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });

  it('lets flags win over the environment', () => {
    expect(loadConfig({ PORT: '4000' }, { port: '5000' }).port).toBe(5000);
  });

  it('switches to PostgreSQL when DATABASE_URL is set', () => {
    const cfg = loadConfig({ DATABASE_URL: 'postgres://u@localhost/db' });
    expect(cfg.embedded).toBe(false);
  });

  it('is documented in the README, every setting with its variable and default', () => {
    const readme = fs.readFileSync(
      path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../README.md'),
      'utf8',
    );
    for (const s of Object.values(settings)) {
      const row = readme.split('\n').find((l) => l.startsWith(`| \`${s.env}\``));
      expect(row, `README lacks ${s.env}`).toBeDefined();
      expect(row).toContain(s.default === '' ? '(empty)' : `\`${s.default}\``);
    }
  });
});
