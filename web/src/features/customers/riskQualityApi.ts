// API calls of the risk assessment and data quality panels. Plain fetch so the
// panels do not depend on the shared client being ready; swap for it when it is.

export type RiskLevel = 'C1' | 'C2' | 'C3' | 'C4' | 'C5';
export type Localized = { zh: string; en: string };
export type Questionnaire = {
  id: string;
  version: number;
  title: Localized;
  questions: { id: string; text: Localized; options: { id: string; label: Localized; score: number }[] }[];
  bands: { level: RiskLevel; min: number; max: number; label: Localized }[];
};
export type RiskProfile = {
  level: RiskLevel | null;
  status: 'valid' | 'expired' | 'none' | 'pending_reconfirmation' | 'invalidated';
  expiresAt: string | null;
  lastLevel: RiskLevel | null;
  pendingAssessmentId: string | null;
  pendingLevel: RiskLevel | null;
};
export type Assessment = {
  id: string;
  level: RiskLevel;
  previousLevel: RiskLevel | null;
  score: number;
  status: 'pending_reconfirmation' | 'confirmed' | 'superseded' | 'invalidated';
  channel: string;
  assessedAt: string;
  expiresAt: string;
};
export type Channel = 'branch' | 'online_banking' | 'mobile_banking';
export type Completeness = {
  score: number;
  missing: string[];
  fields: { field: string; weight: number; earned: number }[];
  refreshDue: { dueSince: string; reason: string } | null;
};
export type DuplicateReason = 'same_id_number' | 'same_mobile_and_name' | 'similar_name_and_birth_date';
export type DuplicateCandidate = {
  id: string;
  customerNo: string;
  name: string;
  birthDate: string | null;
  reasons: DuplicateReason[];
};
export type Merge = {
  id: string;
  mergedId: string;
  reason: string;
  mergedAt: string;
  undoneAt: string | null;
  undoDeadline: string;
  undoable: boolean;
  moved: Record<string, number>;
};

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function csrfToken(): string | undefined {
  const m = document.cookie.match(/(?:^|;\s*)banyan_csrf=([^;]+)/);
  return m?.[1] ? decodeURIComponent(m[1]) : undefined;
}

async function call<T>(method: 'GET' | 'POST', url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (method !== 'GET') {
    headers['content-type'] = 'application/json';
    const token = csrfToken();
    if (token) headers['x-csrf-token'] = token;
  }
  const res = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new ApiError(json?.error?.code ?? 'internal.error', json?.error?.message ?? res.statusText);
  return json as T;
}

const c = (id: string) => `/api/customers/${encodeURIComponent(id)}`;

export const riskApi = {
  questionnaire: () => call<Questionnaire>('GET', '/api/risk-questionnaires/current'),
  profile: (id: string) => call<RiskProfile>('GET', `${c(id)}/risk-profile`),
  history: (id: string) =>
    call<{ items: Assessment[]; nextCursor: string | null }>('GET', `${c(id)}/risk-assessments?limit=20`),
  submit: (
    id: string,
    body: { questionnaireId: string; answers: Record<string, string>; channel: Channel; signatureRef?: string },
  ) => call<{ assessment: Assessment; profile: RiskProfile }>('POST', `${c(id)}/risk-assessments`, body),
  confirm: (id: string, aid: string, body: { channel: Channel; signatureRef?: string }) =>
    call<{ assessment: Assessment; profile: RiskProfile }>(
      'POST',
      `${c(id)}/risk-assessments/${encodeURIComponent(aid)}/confirm`,
      body,
    ),
  materialChange: (id: string, reason: string) =>
    call<{ profile: RiskProfile }>('POST', `${c(id)}/material-change`, { reason }),
};

export const qualityApi = {
  completeness: (id: string) => call<Completeness>('GET', `${c(id)}/completeness`),
  duplicates: (id: string) => call<{ items: DuplicateCandidate[] }>('GET', `${c(id)}/duplicates`),
  merges: (id: string) => call<{ items: Merge[] }>('GET', `${c(id)}/merges`),
  merge: (survivorId: string, mergedId: string, reason: string) =>
    call<Merge>('POST', `${c(survivorId)}/merge`, { mergedId, reason }),
  undo: (mergeId: string) => call<Merge>('POST', `/api/merges/${encodeURIComponent(mergeId)}/undo`, {}),
};
