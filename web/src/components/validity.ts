import type { Translate } from '../i18n/i18n';
import { formatDate, formatLastDay } from '../i18n/format';

/** "Từ 01/07/2021 đến hết 30/06/2025" for the interval [from, to); "Từ 01/07/2021" when open-ended. */
export function formatValidity(t: Translate, validFrom: string, validTo: string | null): string {
  return validTo ? t('common.validityRange', { from: formatDate(validFrom), to: formatLastDay(validTo) }) : t('common.validityOpen', { from: formatDate(validFrom) });
}
