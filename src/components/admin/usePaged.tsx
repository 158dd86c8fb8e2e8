// One page of a cursor-paged admin list (the inbox, the audit log): loaded
// again whenever the query changes, extended by "show more". A .tsx file so
// the rules-of-hooks lint (configured for .tsx) covers it.
import { useEffect, useState } from "react";
import { adminApi, describeError, type T } from "./api.ts";

export function usePaged<P extends { nextCursor: string | null }>(
  t: T,
  path: (cursor?: string | null) => string,
  append: (loaded: P, next: P) => P,
) {
  const first = path();
  const [page, setPage] = useState<P | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void adminApi<P>(first).then((res) => {
      if (!live) return;
      if (res.ok) {
        setPage(res.body);
        setError(null);
      } else setError(describeError(t, res.error));
    });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reload when the query (its first page's path) changes
  }, [first]);

  async function more() {
    if (!page?.nextCursor) return;
    const res = await adminApi<P>(path(page.nextCursor));
    if (res.ok) setPage(append(page, res.body));
    else setError(describeError(t, res.error));
  }

  return { page, error, more };
}
