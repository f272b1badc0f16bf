import type { TFunction } from 'i18next';

/** Readable labels of the archive's codes; an unknown code (a bank's own tier, say) is shown as it is. */
export function codeLabel(t: TFunction, group: string, code: string | null | undefined): string {
  if (!code) return '—';
  return t(`customers.${group}.${code}`, { defaultValue: code });
}

export const tierColors: Record<string, string> = {
  private_banking: 'gold',
  wealth: 'purple',
  vip: 'blue',
  mass: 'default',
};

export const riskColors: Record<string, string> = {
  C1: 'green',
  C2: 'cyan',
  C3: 'blue',
  C4: 'orange',
  C5: 'red',
};
