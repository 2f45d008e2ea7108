import { Button, Result } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useT } from '../../i18n/i18n';
import { usePageTitle } from '../../components/use-page-title';

export default function NotFoundPage() {
  const t = useT();
  const navigate = useNavigate();
  usePageTitle(t('notFound.title'));
  return (
    <Result
      status="404"
      title={<h1 className="result-title">{t('notFound.title')}</h1>}
      subTitle={t('notFound.text')}
      extra={
        <Button
          type="primary"
          href="/"
          onClick={(event) => {
            event.preventDefault();
            navigate('/');
          }}
        >
          {t('common.backHome')}
        </Button>
      }
    />
  );
}
