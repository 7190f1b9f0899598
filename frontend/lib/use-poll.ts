"use client";

import { useEffect, useRef } from "react";

export const POLL_INTERVAL_MS = 1000;

/**
 * While `enabled`, call `fetchOnce` about once a second (or every `intervalMs`) and hand each
 * answer to `onData`.
 * One request at a time (the next waits for the previous plus the interval), so a slow
 * server is never stacked with polls; the first tick comes after half an interval. A
 * missing answer (`undefined`, e.g. a 404) or a thrown error is skipped quietly and the
 * next tick tries again. The loop restarts when `key` or `enabled` changes; the latest
 * `fetchOnce` and `onData` are always used, so they need not be memoised.
 */
export function usePoll<T>(
  fetchOnce: (signal: AbortSignal) => Promise<T | undefined>,
  onData: (data: T) => void,
  { enabled, key, intervalMs = POLL_INTERVAL_MS }: { enabled: boolean; key: string | null; intervalMs?: number },
): void {
  const fetcher = useRef(fetchOnce);
  const callback = useRef(onData);
  useEffect(() => {
    fetcher.current = fetchOnce;
    callback.current = onData;
  });

  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;

    const tick = async () => {
      try {
        const data = await fetcher.current(controller.signal);
        if (data && !controller.signal.aborted) callback.current(data);
      } catch {
        // Network blips: the next tick tries again; the work itself runs on the server.
      }
      if (!controller.signal.aborted) timer = setTimeout(tick, intervalMs);
    };
    timer = setTimeout(tick, intervalMs / 2);

    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [key, enabled, intervalMs]);
}
