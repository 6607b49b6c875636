import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

/**
 * A list page's filters and page kept in the address (so a reload, a shared link or Back shows the same
 * list): string filters by name, plus `page` and `pageSize`. Changing a filter goes back to page 1.
 */
export function useUrlFilters<K extends string>(keys: readonly K[], defaultPageSize = 20) {
  const [sp, setSp] = useSearchParams();
  const filters = useMemo(() => {
    const out = {} as Partial<Record<K, string>>;
    for (const k of keys) {
      const v = sp.get(k);
      if (v) out[k] = v;
    }
    return out;
  }, [sp, keys]);
  const page = Math.max(1, Number(sp.get('page')) || 1);
  const pageSize = Math.min(100, Math.max(1, Number(sp.get('pageSize')) || defaultPageSize));
  const set = useCallback(
    (patch: Partial<Record<K | 'page' | 'pageSize', string | number | undefined>>) =>
      setSp(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch)) {
            if (v === undefined || v === '' || v === null) next.delete(k);
            else next.set(k, String(v));
          }
          if (!('page' in patch)) next.delete('page');
          return next;
        },
        { replace: true },
      ),
    [setSp],
  );
  return { filters, page, pageSize, set };
}
