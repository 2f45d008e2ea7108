import { Link } from 'react-router-dom';
import { useT } from '../i18n/i18n';
import { formatValidity } from './validity';

type Grant = { unitId: string | null; unitName: string | null; includeSubtree: boolean; validFrom: string; validTo: string | null };

/** "Phường Cẩm Thượng, gồm các đơn vị trực thuộc · từ 01/01/2021" */
export function GrantScope({ grant, linkUnits = true }: { grant: Grant; linkUnits?: boolean }) {
  const t = useT();
  const unit = grant.unitId ? (
    linkUnits ? (
      <Link to={`/to-chuc/don-vi/${grant.unitId}`}>{grant.unitName ?? grant.unitId}</Link>
    ) : (
      (grant.unitName ?? grant.unitId)
    )
  ) : (
    t('home.wholeSystem')
  );
  const validity = formatValidity(t, grant.validFrom, grant.validTo);
  return (
    <span className="grant-scope">
      {unit}
      {grant.unitId && grant.includeSubtree ? `, ${t('home.withSubtree')}` : ''}
      <span className="muted"> · {validity}</span>
    </span>
  );
}
