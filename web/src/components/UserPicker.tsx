import { useState } from 'react';
import { Select, Spin } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { UserList } from '../api/users';
import { useT } from '../i18n/i18n';
import { useDebounced } from './use-debounced';

/** Choose a user by typing part of the name or username. */
export function UserPicker({ id, value, onChange }: { id?: string; value?: string | null; onChange?: (value: string | null) => void }) {
  const t = useT();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 250);
  const search = useQuery({
    queryKey: ['users', 'picker', q],
    queryFn: () => api.get<UserList>('/api/users', { q, limit: 20 }),
    enabled: q.length >= 2,
    staleTime: 60_000,
  });
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      value={value ?? undefined}
      allowClear
      onChange={(next: string | undefined) => onChange?.(next ?? null)}
      options={(search.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.fullName} (${u.username})` }))}
      notFoundContent={search.isFetching ? <Spin size="small" /> : q.length < 2 ? t('org.searchHint') : t('users.empty')}
      className="unit-picker"
    />
  );
}
