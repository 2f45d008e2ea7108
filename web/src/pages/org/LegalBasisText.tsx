import type { LegalBasis } from '../../api/units';
import { useT } from '../../i18n/i18n';
import { formatDate } from '../../i18n/format';

/** "Số 1669/NQ-UBTVQH15, ngày 16/06/2025 — Nghị quyết về việc sắp xếp…" */
export function LegalBasisText({ basis }: { basis: LegalBasis }) {
  const t = useT();
  const reference = basis.number
    ? basis.date
      ? t('unit.legalBasisText', { number: basis.number, date: formatDate(basis.date) })
      : t('unit.legalBasisNumberOnly', { number: basis.number })
    : basis.date
      ? formatDate(basis.date)
      : null;
  return (
    <span className="legal-basis">
      {reference ? <strong>{reference}</strong> : null}
      {reference && basis.title ? ' — ' : null}
      {basis.title}
    </span>
  );
}
