import { useCallback, useMemo } from 'react';
import { useUnitKinds } from '../../api/units';
import { useLocale } from '../../i18n/i18n';

/** Kind code → its name in the chosen language, and its sort order (from GET /api/unit-kinds). */
export function useKindLabel() {
  const kinds = useUnitKinds();
  const { locale } = useLocale();
  const byCode = useMemo(() => new Map((kinds.data ?? []).map((k) => [k.code, k])), [kinds.data]);
  const label = useCallback(
    (code: string) => {
      const kind = byCode.get(code);
      return kind ? (locale === 'en' ? kind.nameEn : kind.name) : code;
    },
    [byCode, locale],
  );
  const order = useCallback((code: string) => byCode.get(code)?.sortOrder ?? 99, [byCode]);
  return { label, order, kinds: kinds.data ?? [] };
}
