import { useMemo } from 'react';
import { roleLabels, roles } from '../../../../src/core/permissions';
import { useRoles } from '../../api/users';
import { useLocale } from '../../i18n/i18n';

/** Roles for a select: from GET /api/roles, or the shared catalogue if that fails. */
export function useRoleOptions() {
  const { locale } = useLocale();
  const query = useRoles();
  return useMemo(() => {
    if (query.data) return query.data.map((r) => ({ value: r.code, label: r.label[locale] ?? r.code }));
    return roles.map((r) => ({ value: r, label: roleLabels[r][locale] }));
  }, [query.data, locale]);
}
