import { useCallback } from 'react';
import { fillParams, useLocale, type Locale } from './i18n';

/** Values for a text's `{name}` placeholders. */
export type StringParams = Record<string, string | number>;

/** Translates one area's key in the chosen language. */
export type StringsTranslate<Key extends string> = (key: Key, params?: StringParams) => string;

/**
 * Builds the hook that translates one area's strings table (each page area keeps its own, beside its pages) in the
 * chosen language: the English text, else the Vietnamese one, else `fallback(key)` (the key itself by default); then
 * `{name}` placeholders are filled from params. Give each area's hook a name that says whose strings it reads
 * (`useReportStrings`, `useMapStrings`), not a letter.
 *
 * `Key` is what the hook accepts; it may be wider than the table's keys when `fallback` words the others (the
 * portal shows an unknown status by its code).
 */
export function createStringsHook<TableKey extends string, Key extends string = TableKey>(
  tables: Record<Locale, Record<TableKey, string>>,
  fallback: (key: Key) => string = (key) => key,
): () => StringsTranslate<Key> {
  return function useStrings(): StringsTranslate<Key> {
    const { locale } = useLocale();
    return useCallback(
      (key: Key, params?: StringParams) => {
        const text = (tables[locale] as Record<string, string | undefined>)[key] ?? (tables.vi as Record<string, string | undefined>)[key] ?? fallback(key);
        return params ? fillParams(text, params) : text;
      },
      [locale],
    );
  };
}
