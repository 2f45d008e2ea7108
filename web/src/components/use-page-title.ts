import { useEffect } from 'react';

/** Sets the browser tab title: "<page> — Thi Đua Số". */
export function usePageTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} — Thi Đua Số` : 'Thi Đua Số';
  }, [title]);
}
