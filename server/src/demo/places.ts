import { type Random, words } from './random';

/**
 * The demo bank's five cities with real GB/T 2260 district codes, used for
 * branch locations, resident ID region codes and Chinese postal addresses.
 */

export type District = { code: string; name: string };

export type SubBranchPlace = { code: string; name: string; districtCode: string };

export type City = {
  /** Branch code, also the prefix of its sub-branch codes. */
  code: 'BJ' | 'SH' | 'GZ' | 'SZ' | 'CD';
  /** Short name used in unit names: 北京. */
  name: string;
  /** Address prefix down to the city: 广东省广州市. */
  addressPrefix: string;
  /** How company names start in this city: 北京 vs 深圳市. */
  companyPrefix: string;
  /** Share of the bank's customers booked in this city. */
  share: number;
  districts: readonly District[];
  subBranches: readonly [SubBranchPlace, SubBranchPlace];
};

const d = (code: string, name: string): District => ({ code, name });

export const cities: readonly City[] = [
  {
    code: 'BJ',
    name: '北京',
    addressPrefix: '北京市',
    companyPrefix: '北京',
    share: 0.25,
    districts: [
      d('110101', '东城区'),
      d('110102', '西城区'),
      d('110105', '朝阳区'),
      d('110106', '丰台区'),
      d('110107', '石景山区'),
      d('110108', '海淀区'),
      d('110109', '门头沟区'),
      d('110111', '房山区'),
      d('110112', '通州区'),
      d('110113', '顺义区'),
      d('110114', '昌平区'),
      d('110115', '大兴区'),
    ],
    subBranches: [
      { code: 'BJ01', name: '北京海淀支行', districtCode: '110108' },
      { code: 'BJ02', name: '北京朝阳支行', districtCode: '110105' },
    ],
  },
  {
    code: 'SH',
    name: '上海',
    addressPrefix: '上海市',
    companyPrefix: '上海',
    share: 0.24,
    districts: [
      d('310101', '黄浦区'),
      d('310104', '徐汇区'),
      d('310105', '长宁区'),
      d('310106', '静安区'),
      d('310107', '普陀区'),
      d('310109', '虹口区'),
      d('310110', '杨浦区'),
      d('310112', '闵行区'),
      d('310113', '宝山区'),
      d('310114', '嘉定区'),
      d('310115', '浦东新区'),
      d('310117', '松江区'),
    ],
    subBranches: [
      { code: 'SH01', name: '上海浦东支行', districtCode: '310115' },
      { code: 'SH02', name: '上海徐汇支行', districtCode: '310104' },
    ],
  },
  {
    code: 'GZ',
    name: '广州',
    addressPrefix: '广东省广州市',
    companyPrefix: '广州市',
    share: 0.17,
    districts: [
      d('440103', '荔湾区'),
      d('440104', '越秀区'),
      d('440105', '海珠区'),
      d('440106', '天河区'),
      d('440111', '白云区'),
      d('440112', '黄埔区'),
      d('440113', '番禺区'),
      d('440114', '花都区'),
    ],
    subBranches: [
      { code: 'GZ01', name: '广州天河支行', districtCode: '440106' },
      { code: 'GZ02', name: '广州越秀支行', districtCode: '440104' },
    ],
  },
  {
    code: 'SZ',
    name: '深圳',
    addressPrefix: '广东省深圳市',
    companyPrefix: '深圳市',
    share: 0.18,
    districts: [
      d('440303', '罗湖区'),
      d('440304', '福田区'),
      d('440305', '南山区'),
      d('440306', '宝安区'),
      d('440307', '龙岗区'),
      d('440309', '龙华区'),
    ],
    subBranches: [
      { code: 'SZ01', name: '深圳南山支行', districtCode: '440305' },
      { code: 'SZ02', name: '深圳福田支行', districtCode: '440304' },
    ],
  },
  {
    code: 'CD',
    name: '成都',
    addressPrefix: '四川省成都市',
    companyPrefix: '成都市',
    share: 0.16,
    districts: [
      d('510104', '锦江区'),
      d('510105', '青羊区'),
      d('510106', '金牛区'),
      d('510107', '武侯区'),
      d('510108', '成华区'),
      d('510112', '龙泉驿区'),
      d('510114', '新都区'),
      d('510116', '双流区'),
    ],
    subBranches: [
      { code: 'CD01', name: '成都锦江支行', districtCode: '510104' },
      { code: 'CD02', name: '成都武侯支行', districtCode: '510107' },
    ],
  },
];

/** The head office sits on Beijing's Financial Street, in Xicheng. */
export const headOfficeDistrict = '110102';

export function districtOf(city: City, code: string): District {
  const found = city.districts.find((x) => x.code === code);
  if (!found) throw new RangeError(`district ${code} is not in ${city.name}`);
  return found;
}

// Common, place-neutral road names, so no famous street lands in the wrong district.
const roadStems = words(
  '人民 解放 建设 中山 和平 幸福 文化 光明 东风 团结 新华 胜利 朝阳 长青 青年 友谊 学府 科技 创业 工业 滨河 环城 金融 育才 翠竹 桂花 丽水 星光 锦绣 振兴 康乐 安居 迎宾 体育 花园 春晓 湖滨 松林 紫荆 银杏',
);
const roadSuffixes = words('路 街 大道 东路 西路 南路 北路 中路');
const estateStems = words(
  '阳光 金色 碧水 翠湖 锦绣 书香 和谐 幸福 紫荆 丽景 枫林 滨江 明珠 星河 云锦 玉兰 润泽 嘉禾 怡景 东方 绿洲 盛世 华庭 君悦 天悦 御景 海棠 梧桐 香榭 欣苑',
);
const estateSuffixes = words('花园 家园 小区 公寓 苑 名邸 新城 雅居 华府 佳园');
const towerStems = words('国际 金融 中心 科技 商务 财富 环球 时代 世纪 信息');

function road(rng: Random): string {
  return rng.pick(roadStems) + rng.pick(roadSuffixes);
}

/** A home address in the local style: Beijing 号楼, Shanghai 弄, elsewhere 栋. */
export function homeAddress(rng: Random, city: City, district: District): string {
  const street = `${city.addressPrefix}${district.name}${road(rng)}`;
  const estate = rng.pick(estateStems) + rng.pick(estateSuffixes);
  const floor = rng.int(1, 32);
  const room = `${floor}${String(rng.int(1, 6)).padStart(2, '0')}`;
  if (city.code === 'SH') return `${street}${rng.int(1, 2000)}弄${rng.int(1, 60)}号${room}室`;
  const building = city.code === 'BJ' ? `${rng.int(1, 30)}号楼` : `${rng.int(1, 30)}栋`;
  return `${street}${rng.int(1, 999)}号${estate}${building}${rng.int(1, 6)}单元${room}室`;
}

/** An office address for an organisation: a tower and floor. */
export function officeAddress(rng: Random, city: City, district: District): string {
  const tower = `${rng.pick(estateStems)}${rng.pick(towerStems)}大厦`;
  return `${city.addressPrefix}${district.name}${road(rng)}${rng.int(1, 999)}号${tower}${rng.int(1, 40)}层`;
}
