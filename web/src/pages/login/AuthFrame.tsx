import type { ReactNode } from 'react';
import { Card, Typography } from 'antd';
import { LanguageSwitch } from '../../layout/LanguageSwitch';
import { useT } from '../../i18n/i18n';

/** The frame of the pages shown before the app: sign-in and the forced password change. */
export function AuthFrame({ title, children }: { title: string; children: ReactNode }) {
  const t = useT();
  return (
    <div className="auth-page">
      <header className="auth-header">
        <div className="app-brand">
          <span className="app-brand-mark" aria-hidden>
            TĐ
          </span>
          <span className="app-brand-text">
            <span className="app-brand-name">{t('app.name')}</span>
            <span className="app-brand-tenant">{t('app.tagline')}</span>
          </span>
        </div>
        <LanguageSwitch className="auth-lang" />
      </header>
      <main className="auth-main">
        <Card className="auth-card">
          <Typography.Title level={1} className="auth-title">
            {title}
          </Typography.Title>
          {children}
        </Card>
      </main>
      <footer className="auth-footer">{t('app.footer')}</footer>
    </div>
  );
}

/** Only same-site paths are followed after sign-in (no open redirect). */
export function safeNext(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/dang-nhap') ? value : '/';
}
