import { describe, expect, it } from 'vitest';
import { namePinyin } from './pinyin';

describe('namePinyin', () => {
  it('gives full pinyin without tones and the initials of a personal name', () => {
    expect(namePinyin('张三')).toEqual({ full: 'zhangsan', initials: 'zs' });
  });

  it('reads polyphonic surnames with their surname reading', () => {
    expect(namePinyin('单雄信').full).toBe('shanxiongxin');
    expect(namePinyin('曾国藩').full).toBe('zengguofan');
    expect(namePinyin('解缙').full).toBe('xiejin');
    expect(namePinyin('仇英').full).toBe('qiuying');
  });

  it('reads compound surnames', () => {
    expect(namePinyin('欧阳修')).toEqual({ full: 'ouyangxiu', initials: 'oyx' });
    expect(namePinyin('尉迟恭').full).toBe('yuchigong');
  });

  it('keeps Latin words as one token, lower case', () => {
    expect(namePinyin('李 Lily')).toEqual({ full: 'lilily', initials: 'll' });
  });

  it('writes ü as v', () => {
    expect(namePinyin('吕布').full).toBe('lvbu');
  });

  it('reads organisation names as ordinary words', () => {
    expect(namePinyin('北京科技有限公司', 'organisation').initials).toBe('bjkjyxgs');
  });
});
