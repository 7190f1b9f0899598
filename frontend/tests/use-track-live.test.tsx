// @vitest-environment happy-dom
import { act, cleanup, renderHook } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { Track } from "@/lib/api/types";

const get = vi.fn();
vi.mock("@/lib/api/client", () => ({ api: { GET: (...args: unknown[]) => get(...args) } }));

const { useTrackLive, BACKSTOP_POLL_MS } = await import("@/lib/use-track-live");
const { liveFromEvent, parseJobEvent } = await import("@/lib/track-events");

/** EventSource as the browser has it, driven by the test. */
class FakeEventSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static all: FakeEventSource[] = [];
  readyState = FakeEventSource.CONNECTING;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  private listeners = new Map<string, Set<(e: MessageEvent<string>) => void>>();
  constructor(readonly url: string) {
    FakeEventSource.all.push(this);
  }
  addEventListener(name: string, fn: (e: MessageEvent<string>) => void) {
    if (!this.listeners.has(name)) this.listeners.set(name, new Set());
    this.listeners.get(name)?.add(fn);
  }
  removeEventListener(name: string, fn: (e: MessageEvent<string>) => void) {
    this.listeners.get(name)?.delete(fn);
  }
  close() {
    this.readyState = FakeEventSource.CLOSED;
  }
  open() {
    this.readyState = FakeEventSource.OPEN;
    this.onopen?.();
  }
  emit(name: string, data: object, id: string) {
    const event = new MessageEvent<string>(name, { data: JSON.stringify(data), lastEventId: id });
    for (const fn of this.listeners.get(name) ?? []) fn(event);
  }
  fail(readyState: number) {
    this.readyState = readyState;
    this.onerror?.();
  }
}

const ID = "11111111-1111-4111-8111-111111111111";
const track = (over: Partial<Track> = {}) => ({ id: ID, status: "generated", stage: null, progress: null, ...over }) as Track;
const job = (over: object = {}) => ({ job_id: "j1", kind: "generate", status: "running", stage: "synthesising", progress: 0.42, ...over });
const latest = () => FakeEventSource.all.at(-1) as FakeEventSource;

beforeEach(() => {
  vi.useFakeTimers();
  FakeEventSource.all = [];
  vi.stubGlobal("EventSource", FakeEventSource);
  get.mockReset();
  get.mockResolvedValue({ data: track() });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

function follow(id = ID, enabled = true, accept?: (e: { kind: string }) => boolean) {
  const onLive = vi.fn();
  const onTrack = vi.fn();
  const hook = renderHook(({ id, enabled }) => useTrackLive(id, enabled, { onLive, onTrack, accept }), {
    initialProps: { id, enabled },
  });
  return { onLive, onTrack, hook };
}

describe("useTrackLive", () => {
  it("follows the track's event stream through the dashboard and draws each step's stage and percent", () => {
    const { onLive, hook } = follow();
    expect(latest().url).toBe(`/api/tracks/${ID}/events`);
    act(() => latest().open());
    expect(hook.result.current).toBe("stream");
    act(() => latest().emit("stage_update", job({ stage: "painting the cover", progress: 0.5 }), "7"));
    act(() => latest().emit("progress", job({ kind: "render", stage: "encoding", progress: 0.126 }), "8"));
    expect(onLive.mock.calls.map((c) => c[0])).toEqual([
      { status: "generating", stage: "painting the cover", progress: 50 },
      { status: "rendering", stage: "encoding", progress: 13 },
    ]);
  });

  it("reads the track again when a step completes or fails", async () => {
    const { onTrack } = follow();
    act(() => latest().open());
    get.mockResolvedValueOnce({ data: track({ status: "rendered" }) });
    await act(async () => latest().emit("completed", job({ status: "succeeded", progress: 1 }), "9"));
    expect(onTrack).toHaveBeenLastCalledWith(expect.objectContaining({ status: "rendered" }));
    get.mockResolvedValueOnce({ data: track({ status: "failed", error_message: "ffmpeg said no" }) });
    await act(async () =>
      latest().emit("error", job({ status: "failed", message: "ffmpeg said no", error_code: "RENDER_FAILED", retryable: true }), "10"),
    );
    expect(onTrack).toHaveBeenLastCalledWith(expect.objectContaining({ status: "failed" }));
  });

  it("ignores the events of jobs the page is not waiting for (the replay of an older step)", async () => {
    const { onLive, onTrack } = follow(ID, true, (e) => e.kind === "render");
    act(() => latest().open());
    act(() => latest().emit("progress", job({ kind: "generate" }), "3"));
    await act(async () => latest().emit("completed", job({ kind: "generate", status: "succeeded" }), "4"));
    expect(onLive).not.toHaveBeenCalled();
    expect(onTrack).not.toHaveBeenCalled();
    act(() => latest().emit("progress", job({ kind: "render", stage: "encoding" }), "5"));
    expect(onLive).toHaveBeenCalledTimes(1);
  });

  it("polls only as a slow safety net while the stream runs", async () => {
    follow();
    act(() => latest().open());
    await act(async () => vi.advanceTimersByTime(BACKSTOP_POLL_MS - 1000));
    expect(get).toHaveBeenCalledTimes(1); // the first backstop tick comes after half its interval
    await act(async () => vi.advanceTimersByTime(2000));
    expect(get).toHaveBeenCalledTimes(1);
  });

  it("falls back to polling every second when the stream is refused, then tries it again where it left off", async () => {
    const { onTrack, hook } = follow();
    act(() => latest().open());
    act(() => latest().emit("progress", job(), "41"));
    act(() => latest().fail(FakeEventSource.CLOSED)); // e.g. a 404 or a proxy's HTML
    expect(hook.result.current).toBe("poll");
    await act(async () => vi.advanceTimersByTime(1600));
    expect(get.mock.calls.length).toBeGreaterThanOrEqual(1);
    expect(onTrack).toHaveBeenCalled();
    const before = FakeEventSource.all.length;
    await act(async () => vi.advanceTimersByTime(2000)); // first retry after 2 s
    expect(FakeEventSource.all.length).toBe(before + 1);
    expect(latest().url).toBe(`/api/tracks/${ID}/events?last_event_id=41`);
    act(() => latest().open());
    expect(hook.result.current).toBe("stream");
  });

  it("polls while the browser reconnects a cut stream by itself", () => {
    const { hook } = follow();
    act(() => latest().open());
    act(() => latest().fail(FakeEventSource.CONNECTING));
    expect(hook.result.current).toBe("poll");
    const count = FakeEventSource.all.length;
    act(() => latest().open()); // the browser's own reconnection
    expect(hook.result.current).toBe("stream");
    expect(FakeEventSource.all.length).toBe(count); // no second EventSource of ours
  });

  it("opens nothing while disabled, and closes the stream when the work is done", () => {
    const { hook } = follow(ID, false);
    expect(FakeEventSource.all).toHaveLength(0);
    hook.rerender({ id: ID, enabled: true });
    const source = latest();
    hook.rerender({ id: ID, enabled: false });
    expect(source.readyState).toBe(FakeEventSource.CLOSED);
  });

  it("polls when the browser has no EventSource", async () => {
    vi.stubGlobal("EventSource", undefined);
    const { onTrack, hook } = follow();
    expect(hook.result.current).toBe("poll");
    await act(async () => vi.advanceTimersByTime(600));
    expect(onTrack).toHaveBeenCalledTimes(1);
  });
});

describe("track events", () => {
  it("reads an event's JSON defensively", () => {
    expect(parseJobEvent("not json")).toBeNull();
    expect(parseJobEvent('{"kind":"render"}')).toBeNull();
    expect(parseJobEvent(JSON.stringify(job({ progress: "x" })))?.progress).toBe(0);
  });

  it("says nothing for a finished job or a kind the track has no status for", () => {
    expect(liveFromEvent(job({ status: "succeeded" }))).toBeNull();
    expect(liveFromEvent(job({ kind: "analyse" }))).toBeNull();
    expect(liveFromEvent(job({ kind: "upload", progress: 1.7 }))).toEqual({ status: "uploading", stage: "synthesising", progress: 100 });
  });
});
