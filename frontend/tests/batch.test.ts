import { describe, expect, it } from "vitest";

import type { Batch, BatchItem } from "@/lib/api/types";
import { BATCH_MAX, batchPercent, parsePromptLines, pendingBatch, requeueFailed, stepsPerItem } from "@/lib/batch";

const ok = (n: number) => `Gentle rain over a harbour, take ${n}`;

describe("parsePromptLines", () => {
  it("takes one trimmed prompt per line and skips blank lines, keeping line numbers", () => {
    const { prompts, problems, countError } = parsePromptLines(`  ${ok(1)}  \n\n${ok(2)}\r\n   \n${ok(3)}\n`);
    expect(prompts).toEqual([
      { line: 1, text: ok(1) },
      { line: 3, text: ok(2) },
      { line: 5, text: ok(3) },
    ]);
    expect(problems).toEqual([]);
    expect(countError).toBeNull();
  });

  it("names the line that is too short or too long", () => {
    const text = [ok(1), "rain", ok(3), "x".repeat(501)].join("\n");
    const { problems } = parsePromptLines(text);
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [2, "needs at least 10 characters (has 4)"],
      [4, "is over 500 characters (has 501)"],
    ]);
  });

  it("counts trimmed length, as the API does", () => {
    expect(parsePromptLines("   123456789   ").problems).toHaveLength(1);
    expect(parsePromptLines("   1234567890   ").problems).toHaveLength(0);
    expect(parsePromptLines("x".repeat(500)).problems).toHaveLength(0);
  });

  it("refuses more than ten prompts and an empty box", () => {
    const eleven = Array.from({ length: BATCH_MAX + 1 }, (_, i) => ok(i)).join("\n");
    expect(parsePromptLines(eleven).countError).toMatch(/at most 10 prompts; this has 11. Remove 1/);
    const ten = Array.from({ length: BATCH_MAX }, (_, i) => ok(i)).join("\n");
    expect(parsePromptLines(ten).countError).toBeNull();
    expect(parsePromptLines(" \n \n").countError).toMatch(/at least one prompt/);
  });
});

function item(status: BatchItem["status"], progress: number | null = null): BatchItem {
  return {
    id: Math.random().toString(36),
    position: 1,
    prompt: ok(1),
    status,
    stage: null,
    progress,
    error_message: null,
    track: null,
    started_at: null,
    completed_at: null,
    elapsed_seconds: null,
  };
}

const batch = (items: BatchItem[], render = true, upload: Batch["upload"] = null) => ({
  total: items.length,
  render,
  upload,
  items,
});

describe("batchPercent", () => {
  it("counts finished items whole and the running one by step and percent", () => {
    expect(batchPercent(batch([item("pending"), item("pending")]))).toBe(0);
    // generate (step 1 of 2) at 50 % → a quarter of one item of two
    expect(batchPercent(batch([item("generating", 50), item("pending")]))).toBe(13);
    // rendering at 0 %: generate done → half an item
    expect(batchPercent(batch([item("success"), item("rendering", 0)]))).toBe(75);
    expect(batchPercent(batch([item("success"), item("failed")]))).toBe(100);
  });

  it("knows how many steps an item takes", () => {
    expect(stepsPerItem({ render: false, upload: null })).toBe(1);
    expect(stepsPerItem({ render: true, upload: null })).toBe(2);
    const upload = { privacy: "private", made_for_kids: false, contains_synthetic_media: true, category: "10" } as const;
    expect(stepsPerItem({ render: false, upload })).toBe(3);
    expect(batchPercent(batch([item("uploading", 50)], true, upload))).toBe(83);
  });

  it("never leaves 0–100 on odd input", () => {
    expect(batchPercent(batch([item("generating", 250)], false))).toBe(100);
    expect(batchPercent({ total: 0, render: false, upload: null, items: [] })).toBe(0);
  });
});

describe("pendingBatch and requeueFailed", () => {
  it("shows a just-sent batch as waiting items, in order", () => {
    const b = pendingBatch("b1", { prompts: [ok(1), ok(2)], duration: 120, render: false, upload: null });
    expect(b.status).toBe("processing");
    expect(b.items.map((i) => [i.position, i.status])).toEqual([
      [1, "pending"],
      [2, "pending"],
    ]);
    expect(b.eta_seconds).toBeNull();
  });

  it("puts only the failed items back in the queue", () => {
    const done: Batch = {
      ...pendingBatch("b2", { prompts: [ok(1), ok(2)], duration: 120, render: true }),
      status: "completed",
      successful: 1,
      failed: 1,
    };
    done.items = [{ ...item("success"), position: 1 }, { ...item("failed"), error_message: "boom", position: 2 }];
    const again = requeueFailed(done);
    expect(again.status).toBe("processing");
    expect(again.items.map((i) => i.status)).toEqual(["success", "pending"]);
    expect(again.items[1]?.error_message).toBeNull();
  });
});
