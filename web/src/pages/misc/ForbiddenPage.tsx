import { Result } from 'antd';
import { Link } from 'react-router-dom';
import { useT } from '../../i18n/i18n';
import { usePageTitle } from '../../components/use-page-title';

export default function ForbiddenPage() {
  const t = useT();
  usePageTitle(t('forbidden.title'));
  return <Result status="403" title={<h1 className="result-title">{t('forbidden.title')}</h1>} subTitle={t('forbidden.text')} extra={<Link to="/">{t('common.backHome')}</Link>} />;
}
