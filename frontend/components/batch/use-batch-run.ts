"use client";

import { useRouter } from "next/navigation";
import { useCallback, useRef, useState } from "react";
import { toast } from "sonner";

import { api, unwrap } from "@/lib/api/client";
import { ApiError, errorMessage } from "@/lib/api/errors";
import type { Batch, BatchCreate } from "@/lib/api/types";
import { pendingBatch, requeueFailed } from "@/lib/batch";
import { usePoll } from "@/lib/use-poll";

/**
 * While `enabled`, read the batch about once a second (one request at a time). A 404 is
 * expected in the moment between sending a client-chosen id and the batch's row existing.
 */
export function useBatchPoll(id: string | null, enabled: boolean, onBatch: (batch: Batch) => void): void {
  usePoll(
    async (signal) => (await api.GET("/api/batch/{batch_id}", { params: { path: { batch_id: id ?? "" } }, signal })).data,
    onBatch,
    { enabled: enabled && !!id, key: id },
  );
}

function announce(batch: Batch) {
  const { successful, failed, total } = batch;
  if (failed === 0) toast.success(`Batch finished: ${successful} of ${total} tracks made`);
  else if (successful === 0) toast.error(`Batch finished, but all ${total} items failed`, { description: "Retry the failed items from the batch." });
  else toast.warning(`Batch finished: ${successful} made, ${failed} failed`, { description: "Retry the failed items from the batch." });
}

export type BatchPending = "generate" | "retry" | null;

/**
 * One batch, live: start it (POST /api/batch/generate runs the whole batch inline, for
 * minutes), retry its failed items (also inline), and follow it meanwhile with polls. The
 * polled batch is the truth: when the long request is cut off (a proxy, a flaky network)
 * while the batch carries on at the server, the view keeps following it to the end.
 */
export function useBatchRun(initial: Batch | null) {
  const router = useRouter();
  const [batch, setBatch] = useState<Batch | null>(initial);
  const [pending, setPending] = useState<BatchPending>(null);
  const [detached, setDetached] = useState(false);
  // A request of ours is running: its answer, not a poll, announces the end.
  const inFlight = useRef(false);
  // The batch is expected to be processing (we just started or retried it): a poll still
  // saying "completed" from before is not the end of it.
  const expectRunning = useRef(initial?.status === "processing");

  // Each ending is announced once, whether a request's answer or a poll saw it first.
  const announced = useRef<string | null>(null);

  const settle = useCallback(
    (done: Batch) => {
      expectRunning.current = false;
      setBatch(done);
      setDetached(false);
      const key = `${done.id}:${done.completed_at}`;
      if (announced.current === key) return;
      announced.current = key;
      announce(done);
      router.refresh(); // the list of past batches, stats
    },
    [router],
  );

  // The first sight of a batch we just started: refresh the page around it once, so the list
  // of past batches shows it running rather than "no batches yet".
  const seen = useRef<string | null>(initial?.id ?? null);

  const live = pending !== null || batch?.status === "processing";
  useBatchPoll(batch?.id ?? null, live, (next) => {
    if (seen.current !== next.id) {
      seen.current = next.id;
      if (inFlight.current) router.refresh();
    }
    setBatch((current) => {
      if (!current || current.id !== next.id) return current;
      // A late poll from before the final answer must not turn a finished batch back on.
      if (current.status === "completed" && next.status === "processing" && !expectRunning.current) return current;
      return next;
    });
    if (next.status === "processing") expectRunning.current = false; // the server has it now
    else if (!inFlight.current && batch?.status === "processing") settle(next);
  });

  /**
   * After the long request failed without the API refusing it (a dropped connection, a proxy
   * timeout, a 5xx): is the batch still going, or done, at the server? Then follow it.
   */
  const recover = async (id: string, error: unknown): Promise<boolean> => {
    if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
    const read = await api
      .GET("/api/batch/{batch_id}", { params: { path: { batch_id: id } } })
      .catch(() => ({ data: undefined }));
    if (!read.data) return false;
    if (read.data.status === "processing") {
      setBatch(read.data);
      setDetached(true);
    } else settle(read.data);
    return true;
  };

  const start = async (body: BatchCreate & { id: string }): Promise<boolean> => {
    expectRunning.current = true;
    inFlight.current = true;
    setBatch(pendingBatch(body.id, body));
    setPending("generate");
    try {
      const done = unwrap(await api.POST("/api/batch/generate", { body }));
      inFlight.current = false;
      settle(done);
      return true;
    } catch (error) {
      inFlight.current = false;
      if (await recover(body.id, error)) return true;
      expectRunning.current = false;
      setBatch(null);
      toast.error("The batch did not start", { description: errorMessage(error) });
      return false;
    } finally {
      inFlight.current = false;
      setPending(null);
    }
  };

  const retry = async () => {
    if (!batch) return;
    const id = batch.id;
    expectRunning.current = true;
    inFlight.current = true;
    setBatch(requeueFailed(batch));
    setPending("retry");
    try {
      const done = unwrap(await api.POST("/api/batch/{batch_id}/retry", { params: { path: { batch_id: id } } }));
      inFlight.current = false;
      settle(done);
    } catch (error) {
      inFlight.current = false;
      if (!(await recover(id, error))) {
        expectRunning.current = false;
        toast.error("Retry failed", { description: errorMessage(error) });
        const read = await api
          .GET("/api/batch/{batch_id}", { params: { path: { batch_id: id } } })
          .catch(() => ({ data: undefined }));
        setBatch(read.data ?? batch);
      }
    } finally {
      inFlight.current = false;
      setPending(null);
    }
  };

  return { batch, pending, detached, start, retry };
}
