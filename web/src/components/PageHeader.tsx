import type { ReactNode } from 'react';
import { Typography } from 'antd';
import { usePageTitle } from './use-page-title';

type Props = { title: string; intro?: ReactNode; extra?: ReactNode; breadcrumb?: ReactNode; tags?: ReactNode };

/** The page's one h1, with an optional breadcrumb above and actions on the right. Also sets the tab title. */
export function PageHeader({ title, intro, extra, breadcrumb, tags }: Props) {
  usePageTitle(title);
  return (
    <div className="page-header">
      {breadcrumb}
      <div className="page-header-row">
        <div className="page-header-main">
          <Typography.Title level={1} className="page-title">
            {title}
          </Typography.Title>
          {tags ? <div className="page-header-tags">{tags}</div> : null}
        </div>
        {extra ? <div className="page-header-extra">{extra}</div> : null}
      </div>
      {intro ? <Typography.Paragraph className="page-intro">{intro}</Typography.Paragraph> : null}
    </div>
  );
}
