import { Lunar, Solar } from 'lunar-typescript';

/** The festivals Banyan greets for (glossary: 春节, 元宵, 清明, 端午, 七夕, 中秋, 重阳, 国庆, 元旦, 除夕). */
export const festivalCodes = [
  'new_year',
  'new_year_eve',
  'spring_festival',
  'lantern',
  'qingming',
  'dragon_boat',
  'qixi',
  'mid_autumn',
  'national_day',
  'double_ninth',
] as const;
export type FestivalCode = (typeof festivalCodes)[number];

export const festivalNames: Record<FestivalCode, { zh: string; en: string }> = {
  new_year: { zh: '元旦', en: "New Year's Day" },
  new_year_eve: { zh: '除夕', en: "Chinese New Year's Eve" },
  spring_festival: { zh: '春节', en: 'Spring Festival' },
  lantern: { zh: '元宵节', en: 'Lantern Festival' },
  qingming: { zh: '清明节', en: 'Qingming Festival' },
  dragon_boat: { zh: '端午节', en: 'Dragon Boat Festival' },
  qixi: { zh: '七夕', en: 'Qixi Festival' },
  mid_autumn: { zh: '中秋节', en: 'Mid-Autumn Festival' },
  national_day: { zh: '国庆节', en: 'National Day' },
  double_ninth: { zh: '重阳节', en: 'Double Ninth Festival' },
};

/** Lunar month and day of the lunar festivals. */
const lunar: Partial<Record<FestivalCode, [number, number]>> = {
  spring_festival: [1, 1],
  lantern: [1, 15],
  dragon_boat: [5, 5],
  qixi: [7, 7],
  mid_autumn: [8, 15],
  double_ninth: [9, 9],
};

/**
 * The Gregorian date (YYYY-MM-DD) of a festival in a Gregorian year, from
 * the lunar calendar (lunar-typescript): lunar festivals fall on a different
 * day each year, Qingming on its solar term, 除夕 on the last day of the
 * lunar year that ends in this Gregorian year.
 */
export function festivalDate(code: FestivalCode, year: number): string {
  if (code === 'new_year') return `${year}-01-01`;
  if (code === 'national_day') return `${year}-10-01`;
  if (code === 'qingming') {
    const jq = Lunar.fromYmd(year, 3, 1).getJieQiTable()['清明'];
    if (!jq) throw new Error(`no Qingming in ${year}`);
    return jq.toYmd();
  }
  if (code === 'new_year_eve') return Lunar.fromYmd(year, 1, 1).getSolar().next(-1).toYmd();
  const md = lunar[code];
  if (!md) throw new Error(`unknown festival ${code}`);
  return Lunar.fromYmd(year, md[0], md[1]).getSolar().toYmd();
}

/** The festivals of a Gregorian year, in date order. */
export function festivalsOf(
  year: number,
  codes: readonly string[] = festivalCodes,
): { code: FestivalCode; date: string }[] {
  return festivalCodes
    .filter((c) => codes.includes(c))
    .map((code) => ({ code, date: festivalDate(code, year) }))
    .sort((a, b) => a.date.localeCompare(b.date));
}

/** The festivals that fall on a date. */
export function festivalsOn(date: string, codes: readonly string[]): FestivalCode[] {
  const year = Number(date.slice(0, 4));
  return festivalsOf(year, codes)
    .filter((f) => f.date === date)
    .map((f) => f.code);
}

/** Lunar date label for a calendar cell (e.g. 八月十五). */
export function lunarLabel(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const l = Solar.fromYmd(y as number, m as number, d as number).getLunar();
  return `${l.getMonthInChinese()}月${l.getDayInChinese()}`;
}
