import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';
import { isIsoDate, todayInVietnam } from '../../../../src/core/dates';

export const AS_OF_PARAM = 'ngay';

/**
 * The "view as of" date of the organisation pages, kept in the URL (?ngay=2023-06-30) so links can be shared.
 * Today is the default and is left out of the URL.
 */
export function useAsOf() {
  const [params, setParams] = useSearchParams();
  const today = todayInVietnam();
  const raw = params.get(AS_OF_PARAM);
  const asOf = raw && isIsoDate(raw) ? raw : today;
  const setAsOf = useCallback(
    (date: string) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          if (date === todayInVietnam()) next.delete(AS_OF_PARAM);
          else next.set(AS_OF_PARAM, date);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  const unitPath = useCallback((id: string) => `/to-chuc/don-vi/${id}${asOf === today ? '' : `?${AS_OF_PARAM}=${asOf}`}`, [asOf, today]);
  const orgPath = useCallback((path = '/to-chuc') => `${path}${asOf === today ? '' : `?${AS_OF_PARAM}=${asOf}`}`, [asOf, today]);
  return { asOf, today, isToday: asOf === today, setAsOf, unitPath, orgPath };
}
