// @vitest-environment happy-dom
import { act, cleanup, renderHook } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { briefEventEffect, useBriefLive } from "@/lib/brief-live";
import { EVENT_STREAM_PATH } from "@/lib/event-stream";
import type { JobEventData } from "@/lib/track-events";

const BRIEF = "33333333-3333-4333-8333-333333333333";

/** An EventSource the test drives: what the page listens to, and whether it was closed. */
class FakeSource {
  static last: FakeSource | null = null;
  listeners = new Map<string, (e: MessageEvent<string>) => void>();
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  closed = false;
  constructor(public url: string) {
    FakeSource.last = this;
  }
  addEventListener(name: string, fn: (e: MessageEvent<string>) => void) {
    this.listeners.set(name, fn);
  }
  removeEventListener(name: string) {
    this.listeners.delete(name);
  }
  close() {
    this.closed = true;
  }
  emit(name: string, data: Partial<JobEventData>) {
    this.listeners.get(name)?.({ data: JSON.stringify({ kind: "moodboards", status: "running", stage: null, progress: 0, ...data }) } as MessageEvent<string>);
  }
}

beforeEach(() => {
  FakeSource.last = null;
  vi.stubGlobal("EventSource", FakeSource);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const running = (job: string, progress: number, stage = "painting 3/12"): JobEventData => ({ job_id: job, kind: "moodboards", status: "running", stage, progress });

describe("briefEventEffect", () => {
  it("moves the bar on a running job's events, in percent", () => {
    expect(briefEventEffect("progress", running("j2", 0.25), "j1")).toEqual({ type: "progress", progress: { percent: 25, stage: "painting 3/12" } });
  });

  it("passes over the replay of a job that had ended before we listened", () => {
    expect(briefEventEffect("progress", running("j1", 0.9), "j1")).toBeNull();
    expect(briefEventEffect("completed", { ...running("j1", 1), status: "succeeded" }, "j1")).toBeNull();
  });

  it("reports a job's end, and ignores what is neither", () => {
    expect(briefEventEffect("completed", { ...running("j2", 1), status: "succeeded" }, "j1")).toEqual({ type: "ended", jobId: "j2" });
    expect(briefEventEffect("error", { ...running("j2", 0.4), status: "failed" }, null)).toEqual({ type: "ended", jobId: "j2" });
    expect(briefEventEffect("progress", { ...running("j2", 1), status: "succeeded" }, null)).toBeNull();
    expect(briefEventEffect("progress", null, null)).toBeNull();
  });
});

describe("useBriefLive", () => {
  it("opens the brief's stream (relayed by the dashboard), follows it, and says when it drops", () => {
    expect(EVENT_STREAM_PATH.test(`/api/briefs/${BRIEF}/events`)).toBe(true);
    const onProgress = vi.fn();
    const onEnded = vi.fn();
    const { result, rerender } = renderHook(({ on }) => useBriefLive(BRIEF, on, "old", onProgress, onEnded), { initialProps: { on: true } });
    const source = FakeSource.last!;
    expect(source.url).toBe(`/api/briefs/${BRIEF}/events`);
    expect(result.current).toBe("connecting");
    act(() => source.onopen?.());
    expect(result.current).toBe("open");

    act(() => source.emit("progress", running("old", 0.9)));
    expect(onProgress).not.toHaveBeenCalled();
    act(() => source.emit("progress", running("new", 0.5, "painting 6/12")));
    expect(onProgress).toHaveBeenLastCalledWith({ percent: 50, stage: "painting 6/12" });
    act(() => source.emit("completed", { job_id: "new", status: "succeeded", progress: 1 }));
    expect(onEnded).toHaveBeenCalledTimes(1);

    // Dropped: closed for good, and the caller's slow poll takes over.
    act(() => source.onerror?.());
    expect(source.closed).toBe(true);
    expect(result.current).toBe("down");

    rerender({ on: false });
    expect(result.current).toBe("off");
    rerender({ on: true });
    expect(FakeSource.last).not.toBe(source);
    expect(result.current).toBe("connecting");
  });

  it("is down at once where there is no EventSource", () => {
    vi.stubGlobal("EventSource", undefined);
    const { result } = renderHook(() => useBriefLive(BRIEF, true, null, vi.fn(), vi.fn()));
    expect(result.current).toBe("down");
  });
});
