import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Input, InputNumber, Radio, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { addTo, defaultValue, isListOp, newCondition, type Path, updateAt } from './ruleEditing';
import { type Condition, type FieldInfo, type Group, isGroup } from './segmentsApi';

type Props = { value: Group; onChange: (g: Group) => void; fields: FieldInfo[] };

/** The rule builder: nested AND/OR groups of field / operator / value conditions. */
export function RuleBuilder({ value, onChange, fields }: Props) {
  return <GroupEditor group={value} path={[]} root={value} onChange={onChange} fields={fields} depth={1} />;
}

function GroupEditor({
  group,
  path,
  root,
  onChange,
  fields,
  depth,
}: {
  group: Group;
  path: Path;
  root: Group;
  onChange: (g: Group) => void;
  fields: FieldInfo[];
  depth: number;
}) {
  const { t } = useTranslation();
  const first = fields[0];
  const set = (f: (x: Condition | Group) => Condition | Group | null) => onChange(updateAt(root, path, f));
  return (
    <Card size="small" data-testid={`rule-group-${path.join('-') || 'root'}`}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Radio.Group
            value={group.combinator}
            optionType="button"
            onChange={(e) => set((g) => ({ ...(g as Group), combinator: e.target.value }))}
            options={[
              { value: 'and', label: t('segments.builder.and') },
              { value: 'or', label: t('segments.builder.or') },
            ]}
          />
          <Checkbox
            checked={group.not === true}
            onChange={(e) => set((g) => ({ ...(g as Group), not: e.target.checked }))}
          >
            {t('segments.builder.not')}
          </Checkbox>
          {first && (
            <Button icon={<PlusOutlined />} onClick={() => onChange(addTo(root, path, newCondition(first)))}>
              {t('segments.builder.addCondition')}
            </Button>
          )}
          {first && depth < 5 && (
            <Button onClick={() => onChange(addTo(root, path, { combinator: 'and', rules: [newCondition(first)] }))}>
              {t('segments.builder.addGroup')}
            </Button>
          )}
          {path.length > 0 && (
            <Button
              danger
              icon={<DeleteOutlined />}
              aria-label={t('segments.builder.remove')}
              onClick={() => set(() => null)}
            />
          )}
        </Space>
        {group.rules.map((r, i) =>
          isGroup(r) ? (
            <GroupEditor
              // biome-ignore lint/suspicious/noArrayIndexKey: rules have no ids; the index is their place
              key={i}
              group={r}
              path={[...path, i]}
              root={root}
              onChange={onChange}
              fields={fields}
              depth={depth + 1}
            />
          ) : (
            <ConditionEditor
              // biome-ignore lint/suspicious/noArrayIndexKey: rules have no ids; the index is their place
              key={i}
              cond={r}
              fields={fields}
              testId={`rule-cond-${[...path, i].join('-')}`}
              onChange={(c) => onChange(updateAt(root, [...path, i], () => c))}
            />
          ),
        )}
      </Space>
    </Card>
  );
}

function ConditionEditor({
  cond,
  fields,
  onChange,
  testId,
}: {
  cond: Condition;
  fields: FieldInfo[];
  onChange: (c: Condition | null) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const field = fields.find((f) => f.field === cond.field) ?? fields[0];
  if (!field) return null;
  const fieldLabel = (f: string) => t(`segments.fields.${f}`, { defaultValue: f });
  return (
    <Space wrap data-testid={testId}>
      <Select
        aria-label={t('segments.builder.field')}
        style={{ width: 180 }}
        value={field.field}
        showSearch
        optionFilterProp="label"
        options={fields.map((f) => ({ value: f.field, label: fieldLabel(f.field) }))}
        onChange={(v) => {
          const next = fields.find((f) => f.field === v);
          if (next) onChange(newCondition(next));
        }}
      />
      <Select
        aria-label={t('segments.builder.operator')}
        style={{ width: 140 }}
        value={cond.op}
        options={field.operators.map((o) => ({ value: o, label: t(`segments.ops.${o}`, { defaultValue: o }) }))}
        onChange={(op) => onChange({ field: field.field, op, value: defaultValue(field, op) })}
      />
      <ValueEditor field={field} cond={cond} onChange={(value) => onChange({ ...cond, value })} />
      <Button
        danger
        icon={<DeleteOutlined />}
        aria-label={t('segments.builder.remove')}
        onClick={() => onChange(null)}
      />
    </Space>
  );
}

function ValueEditor({ field, cond, onChange }: { field: FieldInfo; cond: Condition; onChange: (v: unknown) => void }) {
  const { t } = useTranslation();
  const label = t('segments.builder.value');
  if (cond.op === 'is_null' || cond.op === 'is_not_null') return null;
  const valueLabel = (v: string) => t(`segments.values.${v}`, { defaultValue: v });
  const list = isListOp(cond.op);
  if (field.values) {
    return (
      <Select
        aria-label={label}
        style={{ minWidth: 180 }}
        mode={list ? 'multiple' : undefined}
        value={cond.value as string | string[]}
        options={field.values.map((v) => ({ value: v, label: valueLabel(v) }))}
        onChange={onChange}
      />
    );
  }
  if (list) {
    return (
      <Select
        aria-label={label}
        style={{ minWidth: 200 }}
        mode="tags"
        value={cond.value as string[]}
        onChange={onChange}
        tokenSeparators={[',', '，']}
      />
    );
  }
  const money = field.type === 'money';
  // money is edited in yuan and sent in fen (integer minor units)
  const toShown = (v: unknown) => (typeof v === 'number' ? (money ? v / 100 : v) : null);
  const fromShown = (v: number | null) => (v === null ? 0 : money ? Math.round(v * 100) : Math.round(v));
  const numberInput = (v: unknown, set: (n: number) => void, aria: string) => (
    <InputNumber
      aria-label={aria}
      value={toShown(v)}
      min={field.min !== undefined ? (money ? field.min / 100 : field.min) : undefined}
      max={field.max}
      step={money ? 10000 : 1}
      precision={money ? 2 : 0}
      addonAfter={money ? t('segments.builder.yuan') : undefined}
      onChange={(n) => set(fromShown(n))}
    />
  );
  if (field.type === 'money' || field.type === 'int') {
    if (cond.op === 'between') {
      const [lo, hi] = (cond.value as [number, number]) ?? [0, 0];
      return (
        <Space>
          {numberInput(lo, (n) => onChange([n, hi]), `${label} 1`)}
          {numberInput(hi, (n) => onChange([lo, n]), `${label} 2`)}
        </Space>
      );
    }
    return numberInput(cond.value, onChange, label);
  }
  if (field.type === 'date' && cond.op === 'between') {
    const [lo, hi] = (cond.value as [string, string]) ?? ['', ''];
    return (
      <Space>
        <Input
          aria-label={`${label} 1`}
          placeholder="YYYY-MM-DD"
          value={lo}
          onChange={(e) => onChange([e.target.value, hi])}
        />
        <Input
          aria-label={`${label} 2`}
          placeholder="YYYY-MM-DD"
          value={hi}
          onChange={(e) => onChange([lo, e.target.value])}
        />
      </Space>
    );
  }
  return (
    <Input
      aria-label={label}
      style={{ width: 180 }}
      placeholder={field.type === 'date' ? 'YYYY-MM-DD' : undefined}
      value={String(cond.value ?? '')}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
