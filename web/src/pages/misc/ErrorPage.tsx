import { Button, Result, Space } from 'antd';
import { isRouteErrorResponse, useRouteError } from 'react-router-dom';
import { useT } from '../../i18n/i18n';
import { usePageTitle } from '../../components/use-page-title';

/** The error boundary of the router: an unexpected failure while rendering a page. */
export function ErrorPage({ inLayout = false }: { inLayout?: boolean }) {
  const t = useT();
  const error = useRouteError();
  usePageTitle(t('error.title'));
  const detail = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : error instanceof Error ? error.message : String(error);
  const body = (
    <Result
      status="error"
      title={<h1 className="result-title">{t('error.title')}</h1>}
      subTitle={t('error.text')}
      extra={
        <Space wrap>
          <Button type="primary" onClick={() => window.location.reload()}>
            {t('common.reload')}
          </Button>
          {/* A plain link: the router itself may be the thing that failed. */}
          <Button href="/">{t('common.backHome')}</Button>
        </Space>
      }
    >
      <details className="error-details">
        <summary>{t('error.details')}</summary>
        <pre>{detail}</pre>
      </details>
    </Result>
  );
  return inLayout ? body : <main className="standalone-page">{body}</main>;
}
