import { Button, Space } from 'antd';
import { useLocale, useT, type Locale } from '../i18n/i18n';

const options: { value: Locale; short: string; label: 'lang.vi' | 'lang.en' }[] = [
  { value: 'vi', short: 'VI', label: 'lang.vi' },
  { value: 'en', short: 'EN', label: 'lang.en' },
];

/** VI / EN switch; the choice is remembered on this computer. */
export function LanguageSwitch({ className }: { className?: string }) {
  const t = useT();
  const { locale, setLocale } = useLocale();
  return (
    <Space.Compact className={className} role="group" aria-label={t('lang.label')}>
      {options.map((option) => (
        <Button
          key={option.value}
          size="small"
          type={locale === option.value ? 'primary' : 'default'}
          aria-pressed={locale === option.value}
          title={t(option.label)}
          lang={option.value}
          onClick={() => setLocale(option.value)}
        >
          {option.short}
        </Button>
      ))}
    </Space.Compact>
  );
}
