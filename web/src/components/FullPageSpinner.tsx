import { Spin } from 'antd';
import { useT } from '../i18n/i18n';

export function FullPageSpinner() {
  const t = useT();
  return (
    <div className="page-spinner" role="status" aria-live="polite">
      <Spin size="large" />
      <span className="visually-hidden">{t('app.loading')}</span>
    </div>
  );
}
