"use client";

import type { Batch } from "@/lib/api/types";

import { BatchView } from "./batch-view";
import { useBatchRun } from "./use-batch-run";

/** A batch's own page: follows it while it runs (also after a reload) and retries its failures. */
export function LiveBatch({ initial }: { initial: Batch }) {
  const { batch, pending, detached, retry } = useBatchRun(initial);
  return <BatchView batch={batch ?? initial} pending={pending} detached={detached} onRetry={retry} />;
}
