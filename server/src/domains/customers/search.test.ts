import { describe, expect, it } from 'vitest';
import { escapeLike, parseSearch } from './search';

describe('parseSearch', () => {
  it('reads nothing from an empty box', () => {
    expect(parseSearch('  ')).toBeNull();
    expect(parseSearch(undefined)).toBeNull();
  });

  it('reads a mobile number with spaces and +86 as an exact mobile', () => {
    expect(parseSearch('+86 138 0013 8000')).toMatchObject({ mobile: '13800138000' });
  });

  it('reads an 18-digit ID number, lower-case x folded', () => {
    expect(parseSearch('11010519491231002x')).toEqual({ idNumber: '11010519491231002X' });
  });

  it('reads a customer number exactly', () => {
    expect(parseSearch('c0123456789')).toMatchObject({ customerNo: 'C0123456789' });
  });

  it('reads an email address', () => {
    expect(parseSearch('Zhang.San@Example.com')).toEqual({ email: 'zhang.san@example.com' });
  });

  it('reads Latin letters as a pinyin or initials prefix', () => {
    expect(parseSearch('Zhang San')).toEqual({ pinyinPrefix: 'zhangsan' });
    expect(parseSearch('zs')).toEqual({ pinyinPrefix: 'zs' });
  });

  it('reads Chinese as part of a name', () => {
    expect(parseSearch('张三')).toEqual({ nameContains: '张三' });
  });

  it('escapes LIKE wildcards', () => {
    expect(escapeLike('a%b_c\\')).toBe('a\\%b\\_c\\\\');
  });
});
