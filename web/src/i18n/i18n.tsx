import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { roleLabels, isRole } from '../../../src/core/permissions';
import { setApiLocale } from '../api/client';
import { vi, type MessageKey } from './vi';
import { en } from './en';

export type Locale = 'vi' | 'en';
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

const STORAGE_KEY = 'thiduaso.locale';
const dictionaries: Record<Locale, Record<MessageKey, string>> = { vi, en };

/** The language chosen earlier on this computer; Vietnamese by default. */
export function readStoredLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

/** Fills `{name}` placeholders from params; a placeholder without a value stays as written. Used by every strings table. */
export function fillParams(text: string, params: Record<string, string | number> = {}): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

function translate(locale: Locale, key: MessageKey, params?: Record<string, string | number>): string {
  const text = dictionaries[locale][key] ?? vi[key] ?? key;
  return params ? fillParams(text, params) : text;
}

type I18nContextValue = { locale: Locale; setLocale: (locale: Locale) => void; t: Translate };

const I18nContext = createContext<I18nContextValue>({
  locale: 'vi',
  setLocale: () => undefined,
  t: (key, params) => translate('vi', key, params),
});

export function I18nProvider({ children, onChange }: { children: ReactNode; onChange?: (locale: Locale) => void }) {
  const [locale, setLocaleState] = useState<Locale>(readStoredLocale);

  // Set synchronously on every render so the first API call already carries the right Accept-Language.
  setApiLocale(locale);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const setLocale = useCallback(
    (next: Locale) => {
      try {
        localStorage.setItem(STORAGE_KEY, next);
      } catch {
        // Private mode: the choice lasts for this tab only.
      }
      setApiLocale(next);
      setLocaleState(next);
      onChange?.(next);
    },
    [onChange],
  );

  const value = useMemo<I18nContextValue>(() => ({ locale, setLocale, t: (key, params) => translate(locale, key, params) }), [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The translation function for the chosen language. */
export function useT(): Translate {
  return useContext(I18nContext).t;
}

export function useLocale(): { locale: Locale; setLocale: (locale: Locale) => void } {
  const { locale, setLocale } = useContext(I18nContext);
  return { locale, setLocale };
}

/** Role label in the chosen language; unknown codes are shown as they are. */
export function useRoleLabel(): (role: string) => string {
  const { locale } = useContext(I18nContext);
  return useCallback((role: string) => (isRole(role) ? roleLabels[role][locale] : role), [locale]);
}
