import { useState, type ReactNode } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import viVN from 'antd/es/locale/vi_VN';
import enUS from 'antd/es/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import { QueryClientProvider } from '@tanstack/react-query';
import { queryClient } from '../api/query-client';
import { I18nProvider, readStoredLocale, useLocale, type Locale } from '../i18n/i18n';
import { theme } from './theme';

function AntdBridge({ children }: { children: ReactNode }) {
  const { locale } = useLocale();
  dayjs.locale(locale === 'en' ? 'en' : 'vi');
  return (
    <ConfigProvider locale={locale === 'en' ? enUS : viVN} theme={theme}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

/** Query cache, language and antd configuration for the whole app. */
export function Providers({ children }: { children: ReactNode }) {
  // Server-side texts (error messages, labels) depend on the language: refetch them when it changes.
  const [onChange] = useState(() => (_locale: Locale) => void queryClient.invalidateQueries());
  dayjs.locale(readStoredLocale() === 'en' ? 'en' : 'vi');
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider onChange={onChange}>
        <AntdBridge>{children}</AntdBridge>
      </I18nProvider>
    </QueryClientProvider>
  );
}
