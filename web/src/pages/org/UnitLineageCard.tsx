import { Card, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { UnitDetail } from '../../api/units';
import { useT } from '../../i18n/i18n';
import { formatDate } from '../../i18n/format';
import { kindLabelKey } from './event-labels';
import { useAsOf } from './use-as-of';

/**
 * "Hình thành từ" and "Sáp nhập vào". Each successor is shown with its own ancestors
 * ("Phường Thành Đông — Thành phố Hải Phòng"), since the old parent usually no longer exists.
 */
export function UnitLineageCard({ detail }: { detail: UnitDetail }) {
  const t = useT();
  const { unitPath } = useAsOf();
  const { predecessors, successors } = detail;
  const extent = (kind: UnitDetail['successors'][number]['kind']) => {
    const key = kindLabelKey(kind);
    return key ? ` (${t(key)})` : '';
  };
  return (
    <Card title={<h2 className="card-title">{t('unit.lineage')}</h2>} className="full-height">
      {predecessors.length === 0 && successors.length === 0 ? <Typography.Paragraph className="muted">{t('unit.noLineage')}</Typography.Paragraph> : null}
      {successors.length > 0 ? (
        <section aria-label={t('unit.successors')} className="lineage-block">
          <h3 className="subsection-title">{t('unit.successors')}</h3>
          <ul className="plain-list" data-testid="successors">
            {successors.map((s) => (
              <li key={`${s.id}-${s.effectiveDate}`}>
                <Link to={unitPath(s.id)}>{s.name}</Link>
                {[...s.ancestors].reverse().map((a) => (
                  <span key={a.id}>
                    {' — '}
                    <Link to={unitPath(a.id)}>{a.name}</Link>
                  </span>
                ))}
                <span className="muted">
                  {extent(s.kind)} · {t('common.validityOpen', { from: formatDate(s.effectiveDate) })}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {predecessors.length > 0 ? (
        <section aria-label={t('unit.predecessors')} className="lineage-block">
          <h3 className="subsection-title">{t('unit.predecessors')}</h3>
          <ul className="plain-list" data-testid="predecessors">
            {predecessors.map((p) => (
              <li key={`${p.id}-${p.effectiveDate}`}>
                <Link to={unitPath(p.id)}>{p.name}</Link>
                {p.code ? <span className="muted"> ({p.code})</span> : null}
                <span className="muted">
                  {extent(p.kind)} · {formatDate(p.effectiveDate)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Card>
  );
}
