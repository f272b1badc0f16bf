import type { QuestionnaireContent } from './scoring';

/**
 * The China risk tolerance questionnaire (个人客户风险承受能力评估问卷), version 1.
 * Ten questions; every question scores 1 (least tolerance) to 5 (most), so
 * the total runs from 10 to 50 and maps to C1-C5 by the bands below (SUIT-02).
 * Content is data: a new version is a new row, old results keep the version
 * they were scored with. Compliance must sign off the wording before release.
 */
export const questionnaireCnV1: QuestionnaireContent = {
  id: 'rq_cn_v1',
  version: 1,
  jurisdiction: 'CN',
  title: { zh: '个人客户风险承受能力评估问卷', en: 'Personal risk tolerance questionnaire' },
  questions: [
    {
      id: 'age',
      text: { zh: '您的年龄是？', en: 'What is your age?' },
      options: [
        { id: 'a', label: { zh: '18-30岁', en: '18-30' }, score: 4 },
        { id: 'b', label: { zh: '31-45岁', en: '31-45' }, score: 5 },
        { id: 'c', label: { zh: '46-55岁', en: '46-55' }, score: 3 },
        { id: 'd', label: { zh: '56-65岁', en: '56-65' }, score: 2 },
        { id: 'e', label: { zh: '65岁以上', en: 'Over 65' }, score: 1 },
      ],
    },
    {
      id: 'income',
      text: { zh: '您家庭的年收入（税后）约为？', en: 'What is your household annual income after tax?' },
      options: [
        { id: 'a', label: { zh: '10万元以下', en: 'Under CNY 100,000' }, score: 1 },
        { id: 'b', label: { zh: '10万-30万元', en: 'CNY 100,000-300,000' }, score: 2 },
        { id: 'c', label: { zh: '30万-50万元', en: 'CNY 300,000-500,000' }, score: 3 },
        { id: 'd', label: { zh: '50万-100万元', en: 'CNY 500,000-1,000,000' }, score: 4 },
        { id: 'e', label: { zh: '100万元以上', en: 'Over CNY 1,000,000' }, score: 5 },
      ],
    },
    {
      id: 'investable_share',
      text: {
        zh: '您计划投资的金额占家庭可投资资产的比例是？',
        en: 'What share of your household investable assets do you plan to invest?',
      },
      options: [
        { id: 'a', label: { zh: '70%以上', en: 'Over 70%' }, score: 1 },
        { id: 'b', label: { zh: '50%-70%', en: '50%-70%' }, score: 2 },
        { id: 'c', label: { zh: '30%-50%', en: '30%-50%' }, score: 3 },
        { id: 'd', label: { zh: '10%-30%', en: '10%-30%' }, score: 4 },
        { id: 'e', label: { zh: '10%以下', en: 'Under 10%' }, score: 5 },
      ],
    },
    {
      id: 'experience',
      text: {
        zh: '您投资基金、股票、理财等非保本产品的经验有多少年？',
        en: 'How many years have you invested in funds, shares or other non-guaranteed products?',
      },
      options: [
        { id: 'a', label: { zh: '没有经验', en: 'None' }, score: 1 },
        { id: 'b', label: { zh: '2年以下', en: 'Under 2 years' }, score: 2 },
        { id: 'c', label: { zh: '2-5年', en: '2-5 years' }, score: 3 },
        { id: 'd', label: { zh: '5-10年', en: '5-10 years' }, score: 4 },
        { id: 'e', label: { zh: '10年以上', en: 'Over 10 years' }, score: 5 },
      ],
    },
    {
      id: 'knowledge',
      text: {
        zh: '您对金融产品及其风险的了解程度是？',
        en: 'How well do you know financial products and their risks?',
      },
      options: [
        { id: 'a', label: { zh: '基本不了解', en: 'Hardly at all' }, score: 1 },
        { id: 'b', label: { zh: '了解存款、国债等低风险产品', en: 'I know deposits and government bonds' }, score: 2 },
        {
          id: 'c',
          label: {
            zh: '了解基金、理财产品，知道其可能亏损',
            en: 'I know funds and wealth products and that they can lose',
          },
          score: 4,
        },
        {
          id: 'd',
          label: {
            zh: '熟悉股票、衍生品等复杂产品及其风险',
            en: 'I am familiar with shares, derivatives and complex products',
          },
          score: 5,
        },
      ],
    },
    {
      id: 'goal',
      text: { zh: '您的主要投资目标是？', en: 'What is your main investment goal?' },
      options: [
        { id: 'a', label: { zh: '保证本金安全', en: 'Keep my capital safe' }, score: 1 },
        { id: 'b', label: { zh: '获得略高于存款的稳定收益', en: 'Steady returns a little above deposits' }, score: 2 },
        { id: 'c', label: { zh: '收益与风险平衡', en: 'A balance of return and risk' }, score: 3 },
        { id: 'd', label: { zh: '较高收益，可承受较大波动', en: 'Higher returns, accepting larger swings' }, score: 4 },
        {
          id: 'e',
          label: { zh: '追求高收益，可承受大幅亏损', en: 'Maximum returns, accepting large losses' },
          score: 5,
        },
      ],
    },
    {
      id: 'horizon',
      text: { zh: '您计划的投资期限是？', en: 'How long do you plan to invest this money?' },
      options: [
        { id: 'a', label: { zh: '6个月以内', en: 'Under 6 months' }, score: 1 },
        { id: 'b', label: { zh: '6个月-1年', en: '6 months to 1 year' }, score: 2 },
        { id: 'c', label: { zh: '1-3年', en: '1-3 years' }, score: 3 },
        { id: 'd', label: { zh: '3-5年', en: '3-5 years' }, score: 4 },
        { id: 'e', label: { zh: '5年以上', en: 'Over 5 years' }, score: 5 },
      ],
    },
    {
      id: 'loss_tolerance',
      text: {
        zh: '您能承受的最大投资本金损失是？',
        en: 'What is the largest loss of capital you could bear?',
      },
      options: [
        // Someone who can bear no loss at all is C1 whatever else they answer.
        { id: 'a', label: { zh: '不能承受任何本金损失', en: 'No loss at all' }, score: 1, capLevel: 'C1' },
        { id: 'b', label: { zh: '5%以内', en: 'Up to 5%' }, score: 2 },
        { id: 'c', label: { zh: '5%-15%', en: '5%-15%' }, score: 3 },
        { id: 'd', label: { zh: '15%-30%', en: '15%-30%' }, score: 4 },
        { id: 'e', label: { zh: '30%以上', en: 'Over 30%' }, score: 5 },
      ],
    },
    {
      id: 'liquidity',
      text: {
        zh: '未来一年内，您对这笔资金的支取需求是？',
        en: 'Within the next year, how likely are you to need this money?',
      },
      options: [
        { id: 'a', label: { zh: '随时可能需要全部支取', en: 'I may need all of it at any time' }, score: 1 },
        { id: 'b', label: { zh: '可能需要支取一部分', en: 'I may need part of it' }, score: 2 },
        {
          id: 'c',
          label: { zh: '基本不需要，但应急储备不多', en: 'Unlikely, but my emergency savings are thin' },
          score: 3,
        },
        {
          id: 'd',
          label: { zh: '不需要，且有充足的应急储备', en: 'No, and I have ample emergency savings' },
          score: 5,
        },
      ],
    },
    {
      id: 'volatility',
      text: {
        zh: '如果您的投资在三个月内下跌20%，您会？',
        en: 'If your investment fell 20% within three months, what would you do?',
      },
      options: [
        { id: 'a', label: { zh: '立即全部赎回', en: 'Sell everything at once' }, score: 1 },
        { id: 'b', label: { zh: '赎回一部分，降低风险', en: 'Sell part of it to reduce risk' }, score: 2 },
        { id: 'c', label: { zh: '继续持有，等待回升', en: 'Hold and wait for a recovery' }, score: 3 },
        { id: 'd', label: { zh: '继续持有并考虑加仓', en: 'Hold and consider buying more' }, score: 5 },
      ],
    },
  ],
  // Score bands (inclusive). C1-C5 are the industry labels for the regulation's
  // five levels (SUIT-02, 「一级至五级」).
  bands: [
    { level: 'C1', min: 10, max: 17, label: { zh: '保守型', en: 'Conservative' } },
    { level: 'C2', min: 18, max: 25, label: { zh: '稳健型', en: 'Cautious' } },
    { level: 'C3', min: 26, max: 33, label: { zh: '平衡型', en: 'Balanced' } },
    { level: 'C4', min: 34, max: 41, label: { zh: '成长型', en: 'Growth' } },
    { level: 'C5', min: 42, max: 50, label: { zh: '进取型', en: 'Aggressive' } },
  ],
};
