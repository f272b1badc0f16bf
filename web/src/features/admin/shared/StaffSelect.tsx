import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export type StaffOption = { id: string; username: string; displayName: string };

const label = (s: StaffOption) => `${s.displayName}（${s.username}）`;

/**
 * Pick a staff member by typing part of the name: `search` runs on the server
 * (the admin user list, the cover candidates or the audit actors), so the
 * picker only ever offers people the caller may pick.
 */
export function StaffSelect({
  source,
  search,
  value,
  onChange,
  placeholder,
  ariaLabel,
  style,
  selected,
}: {
  /** distinguishes the cache of each source */
  source: string;
  search: (q: string | undefined) => Promise<StaffOption[]>;
  value?: string;
  onChange?: (id: string | undefined, option?: StaffOption) => void;
  placeholder?: string;
  ariaLabel?: string;
  style?: React.CSSProperties;
  /** the option for `value` when it did not come from a search (e.g. a link with ?user=) */
  selected?: StaffOption;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const text = q.trim() || undefined;
  const found = useQuery({ queryKey: ['staff-select', source, text], queryFn: () => search(text), staleTime: 30_000 });
  const [picked, setPicked] = useState<StaffOption | undefined>(selected);
  const options = [...(found.data ?? [])];
  const current = picked ?? selected;
  if (current && value === current.id && !options.some((o) => o.id === current.id)) options.unshift(current);

  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value}
      placeholder={placeholder ?? t('admin.common.pickStaff')}
      aria-label={ariaLabel}
      loading={found.isFetching}
      notFoundContent={found.isFetching ? t('admin.common.loading') : t('admin.common.noMatch')}
      onChange={(id: string | undefined) => {
        const option = options.find((o) => o.id === id);
        setPicked(option);
        onChange?.(id, option);
      }}
      options={options.map((o) => ({ value: o.id, label: label(o) }))}
      style={{ minWidth: 260, ...style }}
    />
  );
}
