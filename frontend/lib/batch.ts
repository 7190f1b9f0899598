// The batch form's checks and the live view's arithmetic. Pure functions, unit-tested.
import type { Batch, BatchCreate, BatchItem, BatchItemStatus } from "@/lib/api/types";

import { PROMPT_MAX, PROMPT_MIN } from "./validation";

export const BATCH_MAX = 10;

export interface PromptLine {
  /** 1-based line number in the textarea, as the creator sees it. */
  line: number;
  text: string;
}

export interface LineProblem extends PromptLine {
  message: string;
}

export interface BatchPrompts {
  /** Non-blank lines, trimmed, in order. */
  prompts: PromptLine[];
  /** Lines that the API would refuse, each with its line number. */
  problems: LineProblem[];
  /** Set when there are no prompts at all, or more than BATCH_MAX. */
  countError: string | null;
}

/**
 * One prompt per line. Blank lines are skipped (a trailing newline is not a prompt), and
 * line numbers count every line so "line 4" is the fourth line in the box.
 */
export function parsePromptLines(text: string): BatchPrompts {
  const prompts: PromptLine[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const trimmed = raw.trim();
    if (trimmed) prompts.push({ line: index + 1, text: trimmed });
  });
  const problems: LineProblem[] = [];
  for (const prompt of prompts) {
    const length = prompt.text.length;
    if (length < PROMPT_MIN) {
      problems.push({ ...prompt, message: `needs at least ${PROMPT_MIN} characters (has ${length})` });
    } else if (length > PROMPT_MAX) {
      problems.push({ ...prompt, message: `is over ${PROMPT_MAX} characters (has ${length})` });
    }
  }
  let countError: string | null = null;
  if (prompts.length === 0) countError = "Write at least one prompt, one per line.";
  else if (prompts.length > BATCH_MAX) {
    countError = `A batch holds at most ${BATCH_MAX} prompts; this has ${prompts.length}. Remove ${prompts.length - BATCH_MAX}.`;
  }
  return { prompts, problems, countError };
}

export const ITEM_STATUS_LABEL: Record<BatchItemStatus, string> = {
  pending: "Waiting",
  generating: "Generating",
  rendering: "Rendering",
  uploading: "Uploading",
  success: "Done",
  failed: "Failed",
};

const RUNNING: ReadonlySet<BatchItemStatus> = new Set(["generating", "rendering", "uploading"]);

export function isItemRunning(status: BatchItemStatus): boolean {
  return RUNNING.has(status);
}

/** How many steps each item goes through: generate, then render and upload if asked. */
export function stepsPerItem(batch: Pick<Batch, "render" | "upload">): number {
  return 1 + (batch.render || batch.upload ? 1 : 0) + (batch.upload ? 1 : 0);
}

const STEP_INDEX: Partial<Record<BatchItemStatus, number>> = { generating: 0, rendering: 1, uploading: 2 };

/**
 * How far the whole batch is, 0–100: finished items count whole, the running one by the
 * steps it has done plus the percent of the step it is in.
 */
export function batchPercent(batch: Pick<Batch, "render" | "upload" | "total" | "items">): number {
  const total = Math.max(batch.total, batch.items.length, 1);
  const steps = stepsPerItem(batch);
  let done = 0;
  for (const item of batch.items) {
    if (item.status === "success" || item.status === "failed") done += 1;
    else if (isItemRunning(item.status)) {
      const step = Math.min(STEP_INDEX[item.status] ?? 0, steps - 1);
      const within = Math.min(100, Math.max(0, item.progress ?? 0)) / 100;
      done += (step + within) / steps;
    }
  }
  return Math.round((done / total) * 100);
}

/** A batch in the shape the API will report it, for the moment before its first answer. */
export function pendingBatch(id: string, body: BatchCreate, now: Date = new Date()): Batch {
  const items: BatchItem[] = body.prompts.map((prompt, index) => ({
    id: `${id}-${index + 1}`,
    position: index + 1,
    prompt,
    status: "pending",
    stage: null,
    progress: null,
    error_message: null,
    track: null,
    started_at: null,
    completed_at: null,
    elapsed_seconds: null,
  }));
  return {
    id,
    status: "processing",
    total: items.length,
    successful: 0,
    failed: 0,
    duration_seconds: body.duration,
    render: body.render || !!body.upload,
    upload: body.upload ?? null,
    created_at: now.toISOString(),
    completed_at: null,
    elapsed_seconds: 0,
    eta_seconds: null,
    items,
  };
}

/** A retry puts the failed items back in the queue; show that at once. */
export function requeueFailed(batch: Batch): Batch {
  return {
    ...batch,
    status: "processing",
    completed_at: null,
    eta_seconds: null,
    failed: 0,
    items: batch.items.map((item) =>
      item.status === "failed"
        ? { ...item, status: "pending", error_message: null, started_at: null, completed_at: null, elapsed_seconds: null }
        : item,
    ),
  };
}
