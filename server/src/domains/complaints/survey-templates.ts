import type { SurveyKind, SurveyQuestion, SurveyTrigger } from './complaints.tables';

/** The survey templates every bank starts with: CSAT (1-5) and NPS (0-10), each with a free-text question. */
export const defaultSurveyTemplates: { code: string; name: string; kind: SurveyKind; questions: SurveyQuestion[] }[] = [
  {
    code: 'csat_v1',
    name: '服务满意度调查（CSAT）',
    kind: 'csat',
    questions: [
      {
        key: 'score',
        text: '您对本次服务的总体满意度如何？（1 非常不满意 — 5 非常满意）',
        type: 'rating',
        primary: true,
        required: true,
      },
      {
        key: 'resolved',
        text: '您的问题是否得到解决？',
        type: 'choice',
        options: ['已解决', '部分解决', '未解决'],
        required: false,
      },
      { key: 'comment', text: '您还有什么意见或建议？', type: 'text', required: false },
    ],
  },
  {
    code: 'nps_v1',
    name: '推荐意愿调查（NPS）',
    kind: 'nps',
    questions: [
      {
        key: 'score',
        text: '您有多大可能向亲友推荐我行？（0 完全不可能 — 10 非常可能）',
        type: 'nps',
        primary: true,
        required: true,
      },
      { key: 'reason', text: '您给出这个分数的主要原因是什么？', type: 'text', required: false },
    ],
  },
];

/** Which template follows which service event. */
export const templateForTrigger: Record<SurveyTrigger, string> = {
  complaint_closed: 'csat_v1',
  sale: 'nps_v1',
  follow_up: 'csat_v1',
  counter_service: 'csat_v1',
  manual: 'csat_v1',
};
