import { useEffect, useMemo, useState } from 'react';
import { Select, Spin } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { searchUnits, type UnitListItem } from '../api/units';
import { useT } from '../i18n/i18n';
import { useDebounced } from './use-debounced';

type Props = {
  id?: string;
  value?: string | null;
  onChange?: (value: string | null, unit: UnitListItem | null) => void;
  /** Name to show for a value chosen earlier (before any search). */
  initialLabel?: string;
  asOf?: string;
  includeClosed?: boolean;
  allowClear?: boolean;
  placeholder?: string;
  'aria-label'?: string;
};

function optionLabel(unit: UnitListItem): string {
  return [unit.name, unit.parentName].filter(Boolean).join(' — ') + (unit.code ? ` (${unit.code})` : '');
}

/** Choose a unit by typing part of its name (accent-insensitive search on the server). */
export function UnitPicker({ id, value, onChange, initialLabel, asOf, includeClosed = false, allowClear = true, placeholder, ...rest }: Props) {
  const t = useT();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 250);
  const [chosen, setChosen] = useState<UnitListItem | null>(null);
  const search = useQuery({
    queryKey: ['units', 'picker', q, asOf, includeClosed],
    queryFn: () => searchUnits({ q, asOf, includeClosed, limit: 20 }),
    enabled: q.length >= 2,
    staleTime: 60_000,
  });

  useEffect(() => {
    if (!value) setChosen(null);
  }, [value]);

  const options = useMemo(() => {
    const items = search.data?.items ?? [];
    const list = items.map((u) => ({ value: u.id, label: optionLabel(u), unit: u }));
    if (value && !list.some((o) => o.value === value)) {
      list.unshift({ value, label: chosen ? optionLabel(chosen) : (initialLabel ?? value), unit: chosen ?? (undefined as unknown as UnitListItem) });
    }
    return list;
  }, [search.data, value, chosen, initialLabel]);

  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      value={value ?? undefined}
      allowClear={allowClear}
      placeholder={placeholder ?? t('unit.unitPickerPlaceholder')}
      aria-label={rest['aria-label']}
      options={options}
      notFoundContent={search.isFetching ? <Spin size="small" /> : q.length < 2 ? t('org.searchHint') : t('org.searchNone')}
      onChange={(next: string | undefined) => {
        const unit = options.find((o) => o.value === next)?.unit ?? null;
        setChosen(unit);
        onChange?.(next ?? null, unit);
      }}
      onClear={() => setText('')}
      className="unit-picker"
    />
  );
}
