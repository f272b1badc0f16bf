import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Radio, Rate, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { publicSurveyApi } from './complaintsApi';

/** The public survey page behind a signed one-time link: no login, nothing about the customer shown. */
export function PublicSurveyPage() {
  const { token = '' } = useParams();
  const { t } = useTranslation();
  const survey = useQuery({
    queryKey: ['public-survey', token],
    queryFn: () => publicSurveyApi.get(token),
    retry: false,
  });
  const answer = useMutation({
    mutationFn: (v: Record<string, string | number | null>) => publicSurveyApi.answer(token, v),
  });
  const problem = (e: unknown) => {
    const code = isApiError(e) ? e.code : '';
    return code === 'survey.link_expired'
      ? t('complaints.survey.expired')
      : code === 'survey.link_used'
        ? t('complaints.survey.used')
        : t('complaints.survey.invalid');
  };
  const shell = (children: React.ReactNode) => (
    <div style={{ maxWidth: 640, margin: '40px auto', padding: 16 }}>{children}</div>
  );
  if (answer.isSuccess)
    return shell(<Result status="success" title={t('complaints.survey.thanks')} data-testid="survey-thanks" />);
  if (survey.isLoading) return shell(<Spin />);
  if (survey.isError)
    return shell(<Result status="warning" title={problem(survey.error)} data-testid="survey-problem" />);
  const s = survey.data;
  if (!s) return null;
  return shell(
    <Card title={s.name || t('complaints.survey.title')}>
      {answer.isError && <Alert type="error" showIcon message={problem(answer.error)} style={{ marginBottom: 12 }} />}
      <Form
        layout="vertical"
        onFinish={(v: Record<string, string | number | undefined>) =>
          answer.mutate(Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x ?? null])))
        }
      >
        {s.questions.map((q) => (
          <Form.Item
            key={q.key}
            name={q.key}
            label={q.text}
            rules={[{ required: q.required, message: t('complaints.survey.required') }]}
          >
            {q.type === 'rating' ? (
              <Rate data-testid={`survey-${q.key}`} />
            ) : q.type === 'nps' ? (
              <Radio.Group
                data-testid={`survey-${q.key}`}
                options={Array.from({ length: 11 }, (_, i) => ({ value: i, label: String(i) }))}
                optionType="button"
              />
            ) : q.type === 'choice' ? (
              <Radio.Group options={(q.options ?? []).map((o) => ({ value: o, label: o }))} />
            ) : (
              <Input.TextArea rows={3} maxLength={2000} />
            )}
          </Form.Item>
        ))}
        <Button type="primary" htmlType="submit" loading={answer.isPending} data-testid="survey-submit">
          {t('complaints.survey.submit')}
        </Button>
      </Form>
    </Card>,
  );
}
