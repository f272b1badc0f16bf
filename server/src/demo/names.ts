// The zh_CN entry point loads one locale (with its en and base fallbacks), not
// all sixty: a quarter of the import time of the package root.
import { faker } from '@faker-js/faker/locale/zh_CN';
import { pinyin } from 'pinyin-pro';
import type { Gender } from '../domains/customers';
import type { City } from './places';
import { pairs, type Random, type Weighted, weighted, weightedWords, words } from './random';

/**
 * Chinese names. Surnames follow their real frequencies (王, 李 and 张 are
 * about one person in five), shifted by region (陈, 黄, 梁 in Guangdong;
 * 沈, 陆, 顾 in Shanghai). Given names follow the fashions of the birth
 * decade: 建国 and 秀英 for the elderly, 子轩 and 梓涵 for the young. Faker's
 * zh_CN data widens the modern pools and supplies company brand names; it is
 * sampled once into pools because calling it per record is too slow.
 */

export type NamePart = { hanzi: string; pinyin: string };

// Share of the population in percent, approximately (national census tables).
const surnameFrequencies =
  '王 7.1 李 7.0 张 6.7 刘 5.1 陈 4.6 杨 3.2 黄 2.4 赵 2.2 吴 2.0 周 1.9 徐 1.5 孙 1.4 马 1.3 朱 1.3 胡 1.2 郭 1.1 何 1.1 林 1.0 高 1.0 罗 0.95 ' +
  '郑 0.9 梁 0.87 谢 0.75 宋 0.68 唐 0.66 许 0.63 韩 0.6 邓 0.6 冯 0.59 曹 0.57 彭 0.56 曾 0.54 肖 0.52 田 0.5 董 0.5 潘 0.48 袁 0.48 蔡 0.46 ' +
  '蒋 0.46 余 0.45 于 0.44 杜 0.43 叶 0.42 程 0.41 魏 0.38 苏 0.37 吕 0.37 丁 0.35 任 0.35 卢 0.34 姚 0.33 沈 0.33 钟 0.32 姜 0.31 崔 0.3 ' +
  '谭 0.3 陆 0.29 范 0.28 汪 0.28 廖 0.27 石 0.27 金 0.26 韦 0.26 贾 0.25 夏 0.24 付 0.24 方 0.23 邹 0.22 熊 0.22 白 0.22 孟 0.21 秦 0.21 ' +
  '邱 0.21 侯 0.2 江 0.2 尹 0.19 薛 0.19 闫 0.19 段 0.18 雷 0.18 龙 0.17 黎 0.17 史 0.17 陶 0.17 贺 0.16 毛 0.16 郝 0.16 顾 0.15 龚 0.15 ' +
  '邵 0.15 万 0.14 覃 0.14 武 0.14 钱 0.14 戴 0.13 严 0.13 莫 0.13 孔 0.12 向 0.12 常 0.12';

const regionalBias: Record<City['code'], string> = {
  BJ: '王 1.3 李 1.2 张 1.3 刘 1.3 赵 1.5 杨 1.1 黄 0.6 梁 0.6 林 0.6',
  SH: '徐 1.8 朱 1.6 沈 2.5 陆 2.5 顾 3 周 1.3 钱 2 吴 1.3 陈 1.2 刘 0.7 黄 0.8',
  GZ: '陈 2 黄 2 梁 2.5 林 1.8 王 0.5 张 0.7 刘 0.8 何 1.5 罗 1.4 钟 2 邓 1.5 冯 1.5 谢 1.5 吴 1.4 赵 0.5',
  SZ: '陈 1.8 黄 1.8 梁 2 林 1.6 王 0.7 张 0.8 何 1.3 罗 1.3 钟 1.8 邓 1.4 谢 1.4 吴 1.3 赵 0.6',
  CD: '刘 1.2 杨 1.3 李 1.1 陈 1.2 周 1.2 罗 1.5 何 1.3 邓 1.4 唐 1.5 黄 0.8 赵 0.8 曾 1.3',
};

type Generation = 'elder' | 'middle' | 'young' | 'youngest';

const givenNames: Record<Generation, Record<Gender, string>> = {
  // Born before 1960.
  elder: {
    male: '建国 建华 国强 国庆 卫东 卫国 德明 志刚 建军 树林 振华 永胜 长海 福生 保国 学文 光明 德胜 玉林 海 军 明 强 平 勇 华 伟 忠',
    female:
      '秀英 桂英 秀兰 玉兰 桂兰 秀珍 凤英 玉珍 玉英 兰英 淑珍 淑芬 丽华 秀芳 素芬 美华 红霞 桂芳 玉梅 淑英 英 兰 芳 华 珍 梅',
  },
  // 1960-1979.
  middle: {
    male: '伟 勇 军 强 磊 涛 斌 明 刚 建平 志强 海涛 建新 文斌 立新 国华 卫华 晓东 宏伟 建伟 志勇 学军 永强 海峰 建明 少华 宏 兵',
    female:
      '丽 红 艳 敏 静 霞 芳 燕 丽华 红梅 海燕 丽娟 晓红 春梅 秀梅 雪梅 红艳 晓燕 丽萍 卫红 彩霞 艳红 小红 玉华 丽君 美玲',
  },
  // 1980-1994.
  young: {
    male: '伟 磊 杰 浩 鹏 超 波 辉 健 帅 鑫 亮 俊 宇 晨 飞 志强 俊杰 晓东 鹏飞 文博 国栋 志伟 建峰 晓明 明辉 家豪 子豪 振宇 凯 锋',
    female:
      '婷 静 敏 丽 娜 芳 倩 颖 琳 洁 雪 佳 晶 婷婷 丽娜 晓燕 晓丽 佳丽 丹丹 倩倩 思思 莉莉 晓雪 雅婷 静怡 玉洁 慧敏 璐 蕾',
  },
  // 1995 and later.
  youngest: {
    male: '子轩 浩然 宇轩 浩宇 梓豪 俊熙 睿 一鸣 博文 天宇 宇航 泽宇 明轩 思远 皓轩 家乐 嘉豪 晨阳 奕辰 子墨 昊然 文轩 逸凡 宸 俊宇',
    female:
      '子涵 欣怡 梓涵 雨涵 紫涵 诗涵 可馨 思涵 雨萱 梦琪 一诺 语桐 若汐 梓萱 欣妍 佳怡 雨桐 诗琪 心怡 梦瑶 思琪 雅琪 安琪 静怡',
  },
};

const brandChars = words(
  '华 信 恒 通 宏 达 盛 世 锦 程 启 明 瑞 丰 鼎 汇 智 博 远 天 成 万 象 新 元 润 和 嘉 禾 鑫 源 泰 安 德 隆 兴 旺 佳 美 东 方 合 正 祥 福 海 金 星 辰 云 腾 飞 创 卓 越 中 银',
);
const industries = words(
  '科技 信息技术 网络科技 贸易 实业 商贸 电子 餐饮管理 文化传播 传媒 建筑工程 医疗器械 教育咨询 供应链管理 装饰工程 物流 运输 食品 印刷 旅游发展 环保科技 投资咨询 服装 机械设备',
);
const legalForms = weightedWords('有限公司 70 有限责任公司 18 股份有限公司 8 集团有限公司 4');

function toPinyin(hanzi: string, surname: boolean): string {
  return pinyin(hanzi, { toneType: 'none', separator: '', v: true, surname: surname ? 'all' : 'off' }).replace(
    /[^a-z]/g,
    '',
  );
}

const part = (hanzi: string, surname = false): NamePart => ({ hanzi, pinyin: toPinyin(hanzi, surname) });

export type NamePools = {
  /** A surname for a person booked in a city. */
  surname(rng: Random, city: City['code']): NamePart;
  /** A given name in the fashion of the person's birth year. */
  given(rng: Random, gender: Gender, birthYear: number): NamePart;
  /** Brand names for companies (two characters). */
  brands: readonly NamePart[];
  industries: readonly string[];
  legalForm: Weighted<string>;
};

/** Build the pools for a seed (deterministic: Faker is seeded and sampled in a fixed order). */
export function buildNamePools(seed: number): NamePools {
  // the shared zh_CN instance is seeded here and drawn from synchronously below
  faker.seed(seed);
  const sample = (draw: () => string, count: number) => [...new Set(Array.from({ length: count }, draw))].sort();

  const common = pairs(surnameFrequencies);
  const rare = sample(() => faker.person.lastName(), 300).filter((s) => !common.some(([c]) => c === s));
  const surnameParts = new Map<string, NamePart>();
  for (const s of [...common.map(([s]) => s), ...rare]) surnameParts.set(s, part(s, true));
  const byCity = new Map<City['code'], Weighted<NamePart>>();
  for (const code of Object.keys(regionalBias) as City['code'][]) {
    const bias = new Map(pairs(regionalBias[code]));
    // Faker's list brings rarer and compound surnames (欧阳, 司马); together about 6% of people.
    const entries: [NamePart, number][] = [
      ...common.map(([s, w]): [NamePart, number] => [surnameParts.get(s) as NamePart, w * (bias.get(s) ?? 1)]),
      ...rare.map((s): [NamePart, number] => [surnameParts.get(s) as NamePart, 6 / rare.length]),
    ];
    byCity.set(code, weighted(entries));
  }

  const fakerGiven = {
    male: sample(() => faker.person.firstName('male'), 400),
    female: sample(() => faker.person.firstName('female'), 400),
  };
  const toParts = (names: readonly string[]) => [...new Set(names)].map((g) => part(g));
  const given = {} as Record<Generation, Record<Gender, readonly NamePart[]>>;
  for (const generation of Object.keys(givenNames) as Generation[]) {
    const modern = generation === 'young' || generation === 'youngest';
    given[generation] = {
      male: toParts([...words(givenNames[generation].male), ...(modern ? fakerGiven.male : [])]),
      female: toParts([...words(givenNames[generation].female), ...(modern ? fakerGiven.female : [])]),
    };
  }

  const brandSet = new Set(sample(() => faker.person.firstName(), 400).filter((b) => b.length === 2));
  for (const a of brandChars) for (const b of brandChars) if (a !== b) brandSet.add(a + b);

  return {
    surname: (rng, city) => (byCity.get(city) as Weighted<NamePart>)(rng),
    given: (rng, gender, birthYear) => {
      const generation: Generation =
        birthYear < 1960 ? 'elder' : birthYear < 1980 ? 'middle' : birthYear < 1995 ? 'young' : 'youngest';
      // Fashions overlap: one name in five comes from the neighbouring generation.
      const pool = rng.chance(0.8) ? given[generation] : given[neighbour(generation, rng)];
      return rng.pick(pool[gender]);
    },
    brands: [...brandSet].sort().map((b) => part(b)),
    industries,
    legalForm: legalForms,
  };
}

function neighbour(generation: Generation, rng: Random): Generation {
  const order: Generation[] = ['elder', 'middle', 'young', 'youngest'];
  const i = order.indexOf(generation);
  const j = i === 0 ? 1 : i === order.length - 1 ? i - 1 : rng.chance(0.5) ? i - 1 : i + 1;
  return order[j] as Generation;
}

const mailDomains = weightedWords(
  '163.com 30 126.com 12 sina.com 6 foxmail.com 6 139.com 6 outlook.com 5 gmail.com 3 hotmail.com 3',
);

/** A personal email: QQ numbers for many, pinyin of the name for the rest (wangwei1985@163.com). */
export function personalEmail(rng: Random, surname: NamePart, given: NamePart, birthYear: number): string {
  if (rng.chance(0.35)) return `${rng.int(10_000, 2_999_999_999)}@qq.com`;
  const style = rng.int(0, 3);
  const local =
    style === 0
      ? `${surname.pinyin}${given.pinyin}${birthYear}`
      : style === 1
        ? `${surname.pinyin}${given.pinyin}${rng.int(1, 999)}`
        : style === 2
          ? `${given.pinyin}.${surname.pinyin}${String(birthYear).slice(2)}`
          : `${surname.pinyin.charAt(0)}${given.pinyin}${rng.int(10, 99)}`;
  return `${local}@${mailDomains(rng)}`;
}
