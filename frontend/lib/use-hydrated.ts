"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => undefined;

/**
 * False in the server's HTML and until React has hydrated the component, true after. Forms
 * that only JavaScript can send keep their submit button disabled until then: a click (or
 * Enter in a field) on the bare HTML would submit natively — a GET to the same page with the
 * fields in the address bar — and the page would reload having made nothing. A disabled
 * default button also stops Enter's implicit submission.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
