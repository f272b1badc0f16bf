import { Button, Flex, InputNumber, Select, Space, TreeSelect, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Unit } from './api/customerApi';
import { codeLabel } from './labels';
import { type ListFilters, riskLevels, type Sort, sorts, stages, tiers } from './listFilters';
import { useRelationshipManagers, useTagSuggestions, useUnits } from './useCustomers';

type TreeNode = { value: string; title: string; children: TreeNode[] };

/** The organisation as a tree (GET /api/units gives it flat, with parent ids). */
export function unitTree(units: readonly Unit[]): TreeNode[] {
  const nodes = new Map(units.map((u) => [u.id, { value: u.id, title: u.name, children: [] as TreeNode[] }]));
  const roots: TreeNode[] = [];
  for (const u of [...units].sort((a, b) => a.path.localeCompare(b.path))) {
    const node = nodes.get(u.id) as TreeNode;
    const parent = u.parentId ? nodes.get(u.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

type RangeProps = {
  label: string;
  min?: number | string;
  max?: number | string;
  step?: number;
  precision?: number;
  onChange: (min: string | undefined, max: string | undefined) => void;
};

/** Two numbers that apply when the user leaves the box or presses Enter, not on every keystroke. */
function RangeInput({ label, min, max, step, precision, onChange }: RangeProps) {
  const { t } = useTranslation();
  const [lo, setLo] = useState<string | number | null>(min ?? null);
  const [hi, setHi] = useState<string | number | null>(max ?? null);
  const commit = () => {
    const s = (v: string | number | null) => (v === null || v === '' ? undefined : String(v));
    if (
      s(lo) !== (min === undefined ? undefined : String(min)) ||
      s(hi) !== (max === undefined ? undefined : String(max))
    )
      onChange(s(lo), s(hi));
  };
  const common = { min: 0, step, precision, onBlur: commit, onPressEnter: commit, style: { width: 130 } };
  return (
    <Space.Compact>
      <InputNumber<string | number>
        {...common}
        aria-label={`${label} ${t('customers.filters.from')}`}
        placeholder={`${label} ${t('customers.filters.from')}`}
        value={lo}
        onChange={setLo}
      />
      <InputNumber<string | number>
        {...common}
        aria-label={`${label} ${t('customers.filters.to')}`}
        placeholder={t('customers.filters.to')}
        value={hi}
        onChange={setHi}
      />
    </Space.Compact>
  );
}

type Props = { filters: ListFilters; onChange: (patch: Partial<ListFilters>) => void; onReset: () => void };

/** Filters of the customer list: tier, stage, branch, RM, tag, risk level, age and AUM ranges, sort order. */
export function CustomerFilters({ filters, onChange, onReset }: Props) {
  const { t } = useTranslation();
  const units = useUnits();
  const rms = useRelationshipManagers(filters.unitId);
  const tags = useTagSuggestions();
  const tree = useMemo(() => unitTree(units.data ?? []), [units.data]);
  const opts = (group: string, values: readonly string[]) =>
    values.map((v) => ({ value: v, label: codeLabel(t, group, v) }));
  const pick = <K extends keyof ListFilters>(key: K) => ({
    value: filters[key],
    allowClear: true,
    onChange: (v: ListFilters[K] | undefined) => onChange({ [key]: v ?? undefined } as Partial<ListFilters>),
  });
  // the range inputs keep drafts: remount them when the URL changes under them (reset, back button)
  const rangeKey = `${filters.ageMin}-${filters.ageMax}-${filters.aumMin}-${filters.aumMax}`;

  return (
    <Flex wrap gap={8} align="center">
      <Select
        {...pick('tier')}
        aria-label={t('customers.filters.tier')}
        placeholder={t('customers.filters.tier')}
        options={opts('tier', tiers)}
        style={{ width: 120 }}
      />
      <Select
        {...pick('stage')}
        aria-label={t('customers.filters.stage')}
        placeholder={t('customers.filters.stage')}
        options={opts('stage', stages)}
        style={{ width: 130 }}
      />
      <Select
        {...pick('riskLevel')}
        aria-label={t('customers.filters.riskLevel')}
        placeholder={t('customers.filters.riskLevel')}
        options={riskLevels.map((v) => ({ value: v, label: v }))}
        style={{ width: 120 }}
      />
      <TreeSelect
        value={filters.unitId}
        allowClear
        showSearch
        treeDefaultExpandAll
        treeNodeFilterProp="title"
        aria-label={t('customers.filters.unit')}
        placeholder={t('customers.filters.unit')}
        treeData={tree}
        loading={units.isLoading}
        // a different branch may not have the chosen RM
        onChange={(v: string | undefined) => onChange({ unitId: v ?? undefined, rmId: undefined })}
        style={{ width: 180 }}
      />
      <Select
        {...pick('rmId')}
        showSearch={{ optionFilterProp: 'label' }}
        aria-label={t('customers.filters.rm')}
        placeholder={t('customers.filters.rm')}
        loading={rms.isLoading}
        popupRender={(menu) => (
          <>
            {menu}
            {rms.data?.truncated && (
              <Typography.Text type="secondary" style={{ display: 'block', padding: '4px 12px' }}>
                {t('customers.filters.rmPickUnit')}
              </Typography.Text>
            )}
          </>
        )}
        options={(rms.data?.items ?? []).map((r) => ({
          value: r.id,
          label: r.unitName ? `${r.displayName}（${r.unitName}）` : r.displayName,
        }))}
        style={{ width: 200 }}
      />
      <Select
        {...pick('tag')}
        showSearch
        aria-label={t('customers.filters.tag')}
        placeholder={t('customers.filters.tag')}
        loading={tags.isLoading}
        options={(tags.data ?? []).map((x) => ({ value: x.tag, label: `${x.tag} (${x.customers})` }))}
        style={{ width: 160 }}
      />
      <Flex key={rangeKey} gap={8} wrap>
        <RangeInput
          label={t('customers.filters.age')}
          min={filters.ageMin}
          max={filters.ageMax}
          precision={0}
          onChange={(lo, hi) =>
            onChange({
              ageMin: lo === undefined ? undefined : Number(lo),
              ageMax: hi === undefined ? undefined : Number(hi),
            })
          }
        />
        <RangeInput
          label={t('customers.filters.aum')}
          min={filters.aumMin}
          max={filters.aumMax}
          step={10_000}
          precision={2}
          onChange={(lo, hi) => onChange({ aumMin: lo, aumMax: hi })}
        />
      </Flex>
      <Typography.Text type="secondary">{t('customers.filters.sort')}</Typography.Text>
      <Select<Sort>
        value={filters.sort}
        aria-label={t('customers.filters.sort')}
        onChange={(sort) => onChange({ sort })}
        options={sorts.map((s) => ({ value: s, label: t(`customers.sort.${s}`) }))}
        style={{ width: 140 }}
      />
      <Button onClick={onReset}>{t('customers.filters.reset')}</Button>
    </Flex>
  );
}
