import { Result } from 'antd';
import { ToolOutlined } from '@ant-design/icons';
import { Link, useMatches } from 'react-router-dom';
import { useT } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/vi';
import { usePageTitle } from '../../components/use-page-title';

/** Areas of the movement not built yet: say so plainly, show no invented data. */
export default function UnderConstructionPage() {
  const t = useT();
  const matches = useMatches();
  const titleKey = [...matches]
    .reverse()
    .map((m) => (m.handle as { title?: MessageKey } | undefined)?.title)
    .find(Boolean);
  const title = titleKey ? t(titleKey) : t('uc.title');
  usePageTitle(title);
  return (
    <Result
      icon={<ToolOutlined aria-hidden />}
      title={<h1 className="result-title">{title}</h1>}
      subTitle={<p className="uc-text">{t('uc.text')}</p>}
      extra={<Link to="/">{t('common.backHome')}</Link>}
    />
  );
}
