import { pinyin } from 'pinyin-pro';

export type NamePinyin = { full: string; initials: string };

const clean = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Pinyin keys of a name for search: the full pinyin without tones or spaces
 * ("zhangsan") and the initials ("zs"). Personal names are read in surname
 * mode, so polyphonic surnames take their surname reading (单 shan, 曾 zeng,
 * 解 xie, 仇 qiu, 区 ou, 查 zha, 尉迟 yuchi); organisation names are read as
 * ordinary words. Latin words in a name stay one token ("李Lily" -> "lilily", "ll").
 */
export function namePinyin(name: string, kind: 'individual' | 'organisation' = 'individual'): NamePinyin {
  const tokens = pinyin(name.normalize('NFKC').trim(), {
    toneType: 'none',
    type: 'array',
    surname: kind === 'individual' ? 'head' : 'off',
    nonZh: 'consecutive',
    v: true,
  })
    .flatMap((t) => t.split(/\s+/))
    .map(clean)
    .filter((t) => t.length > 0);
  return { full: tokens.join(''), initials: tokens.map((t) => t.charAt(0)).join('') };
}
