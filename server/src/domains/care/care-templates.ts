import type { Clock } from '../../kernel/clock';
import type { DbOrTx } from '../../kernel/db';
import { ensureSystemTemplate, type MessageChannel } from '../messaging';

type Seed = {
  code: string;
  name: string;
  kind: 'care' | 'service';
  subjectZh: string;
  bodyZh: string;
  subjectEn: string;
  bodyEn: string;
};

/**
 * The greetings and notices Banyan ships, approved with the release: plain
 * greetings with no product or offer (MKT-09 CARE_ONLY) and service notices.
 * Banks retire and replace them through the template editor.
 */
const seeds: Seed[] = [
  {
    code: 'care.birthday',
    name: '生日祝福',
    kind: 'care',
    subjectZh: '生日快乐',
    bodyZh: '【榕树银行】{{title}}，祝您生日快乐，平安喜乐！',
    subjectEn: 'Happy birthday',
    bodyEn: '[Banyan Bank] {{title}}, happy birthday and all the best!',
  },
  {
    code: 'care.festival',
    name: '节日问候',
    kind: 'care',
    subjectZh: '{{festival}}快乐',
    bodyZh: '【榕树银行】{{title}}，{{festival}}快乐！愿您阖家安康。',
    subjectEn: '{{festivalEn}} greetings',
    bodyEn: '[Banyan Bank] {{title}}, warm wishes for the {{festivalEn}}!',
  },
  {
    code: 'notice.maturity',
    name: '到期提醒',
    kind: 'service',
    subjectZh: '到期提醒',
    bodyZh: '【榕树银行】{{title}}，您持有的{{product}}将于{{date}}到期，请留意资金安排。如有疑问请致电95500。',
    subjectEn: 'Maturity reminder',
    bodyEn: '[Banyan Bank] {{title}}, your {{product}} matures on {{date}}. Questions: call 95500.',
  },
  {
    code: 'notice.assessment_expiry',
    name: '风险测评到期提醒',
    kind: 'service',
    subjectZh: '风险测评即将到期',
    bodyZh: '【榕树银行】{{title}}，您的风险承受能力评估将于{{date}}到期，请及时到网点或手机银行重新评估。',
    subjectEn: 'Risk assessment expiring',
    bodyEn:
      '[Banyan Bank] {{title}}, your risk tolerance assessment expires on {{date}}. Please reassess in a branch or the app.',
  },
];

const channels: MessageChannel[] = ['app', 'sms', 'email', 'wechat'];

export async function ensureCareTemplates(db: DbOrTx, clock: Clock): Promise<void> {
  for (const s of seeds) for (const channel of channels) await ensureSystemTemplate(db, clock, { ...s, channel });
}
