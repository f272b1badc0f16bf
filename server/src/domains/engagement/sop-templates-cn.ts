import type { SopStep } from './engagement.tables';

/**
 * The seeded service standards (服务标准 SOP) of a Chinese retail bank.
 * Banks edit them or add their own; bootstrap only inserts missing codes.
 */
export type SeedTemplate = { code: string; name: string; description: string; steps: SopStep[] };

const step = (key: string, title: string, description: string, evidenceRequired = false): SopStep => ({
  key,
  title,
  description,
  evidenceRequired,
});

export const seedSopTemplates: readonly SeedTemplate[] = [
  {
    code: 'onboarding',
    name: '新客户开户服务标准',
    description: '客户开户后 7 日内完成的首次服务流程，建立服务关系并完成合规要求。',
    steps: [
      step('welcome_call', '欢迎致电', '开户后 3 个工作日内致电客户，致谢并介绍专属客户经理及联系方式。'),
      step('kyc_verify', '核实身份与联系方式', '核对身份证件有效期、手机号码与地址，确认信息真实、完整。', true),
      step(
        'risk_assessment',
        '完成风险承受能力评估',
        '由客户本人完成风险测评问卷并签字确认（线上渠道以电子签名留痕）。',
        true,
      ),
      step('needs_review', '了解客户需求', '了解客户家庭、资产与投资目标，记录在客户档案中。'),
      step('service_intro', '介绍服务权益', '介绍客户所属层级的服务包、手机银行与客服渠道。'),
      step('consent_record', '确认营销授权', '询问并记录客户对电话、短信、微信营销的授权意愿。', true),
    ],
  },
  {
    code: 'annual_review',
    name: '年度客户检视服务标准',
    description: '每年一次与客户共同检视资产配置、风险等级与服务满意度。',
    steps: [
      step('appointment', '预约检视', '提前预约面谈或视频会议时间，说明检视内容。'),
      step('profile_refresh', '更新客户资料', '核实并更新职业、收入、联系方式等信息。', true),
      step('risk_reassess', '复核风险承受能力', '评估是否有重大变化；测评即将到期的邀请客户重新测评。'),
      step('portfolio_review', '资产配置检视', '对照客户目标检视持仓收益与风险，提出调整建议并记录客户意见。', true),
      step('satisfaction', '满意度回访', '了解客户对服务的意见与建议。'),
    ],
  },
  {
    code: 'post_sale_visit',
    name: '售后回访服务标准',
    description: '理财、基金、保险等产品销售后的回访（犹豫期内完成），确认客户知情、自愿。',
    steps: [
      step('identity_confirm', '确认客户身份', '回访开始时核实客户本人身份。'),
      step('purchase_confirm', '确认购买信息', '与客户确认产品名称、金额、期限及购买渠道。', true),
      step(
        'risk_disclosure',
        '确认风险揭示',
        '确认客户已阅读产品说明书与风险揭示书，了解产品风险等级与可能的损失。',
        true,
      ),
      step('cooling_off', '告知犹豫期权利', '告知客户犹豫期及撤销方式（适用产品）。'),
      step('feedback', '记录客户反馈', '记录客户对销售过程的评价，发现误导销售线索的立即上报。', true),
    ],
  },
];
