import { describe, expect, it } from 'vitest';
import { featureResources, i18n } from '../i18n';
import en from './en.json';
import zhCN from './zh-CN.json';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('translations', () => {
  it('has every zh-CN string in English and no English-only string', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
  });

  it('has the same keys in every feature locale file, and no feature name clashes with a shell key', () => {
    const zh = featureResources('zh-CN');
    const enFeatures = featureResources('en');
    expect(Object.keys(enFeatures).sort()).toEqual(Object.keys(zh).sort());
    expect(keys(enFeatures).sort()).toEqual(keys(zh).sort());
    for (const name of Object.keys(zh)) expect(Object.keys(zhCN), name).not.toContain(name);
  });

  it('has no empty string', () => {
    for (const resource of [zhCN, en]) {
      const empty = keys(resource).filter(
        (k) => i18n.getResource(resource === en ? 'en' : 'zh-CN', 'translation', k) === '',
      );
      expect(empty).toEqual([]);
    }
  });

  it('resolves error codes that contain dots', () => {
    expect(i18n.t('errors.auth.invalid_credentials', { lng: 'zh-CN' })).toBe('用户名或密码错误');
    expect(i18n.t('errors.auth.invalid_credentials', { lng: 'en' })).toBe('Wrong username or password');
  });

  it('falls back to the server message for an unknown code', () => {
    expect(i18n.t('errors.some.unknown_code', { defaultValue: 'Server says no' })).toBe('Server says no');
  });
});
