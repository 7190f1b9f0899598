// @vitest-environment happy-dom
import { act, cleanup, renderHook } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { Song } from "@/lib/music-types";

const post = vi.fn();
const get = vi.fn();
vi.mock("@/lib/api/client", async () => {
  const real = await vi.importActual<typeof import("@/lib/api/client")>("@/lib/api/client");
  return { ...real, api: { POST: (...a: unknown[]) => post(...a), GET: (...a: unknown[]) => get(...a) } };
});

const { sendSong, useSongUpload } = await import("@/lib/music-upload");

/** XMLHttpRequest as far as the upload uses it, answered by the test. */
class FakeXhr {
  static all: FakeXhr[] = [];
  upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  responseType = "";
  status = 0;
  responseText = "";
  method = "";
  url = "";
  body: FormData | null = null;
  constructor() {
    FakeXhr.all.push(this);
  }
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  send(body: FormData) {
    this.body = body;
  }
  abort() {
    this.onabort?.();
  }
  progress(loaded: number, total: number) {
    this.upload.onprogress?.({ lengthComputable: true, loaded, total });
  }
  answer(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.onload?.();
  }
}
const make = () => new FakeXhr() as unknown as XMLHttpRequest;
const latest = () => FakeXhr.all.at(-1) as FakeXhr;

const SONG = "22222222-2222-4222-8222-222222222222";
const song = (over: Partial<Song> = {}) => ({ id: SONG, title: "Click", status: "uploaded", job: null, ...over }) as Song;
const file = new File([new Uint8Array(16)], "click.wav", { type: "audio/wav" });
const flush = () => act(async () => await Promise.resolve());

beforeEach(() => {
  FakeXhr.all = [];
  post.mockReset();
  get.mockReset();
  vi.stubGlobal("EventSource", undefined); // no stream here: the hook polls
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("sendSong", () => {
  it("posts the file and title to the same-origin API, reporting progress", async () => {
    const seen: number[] = [];
    const sent = sendSong(file, "My song", (f) => seen.push(f), { make });
    const xhr = latest();
    expect([xhr.method, xhr.url]).toEqual(["POST", "/api/songs"]);
    expect(xhr.body?.get("title")).toBe("My song");
    expect((xhr.body?.get("file") as File).name).toBe("click.wav");
    xhr.progress(4, 16);
    xhr.progress(16, 16);
    xhr.answer(201, song());
    await expect(sent).resolves.toEqual({ song: song(), created: true });
    expect(seen).toEqual([0.25, 1]);
  });

  it("says when the bytes were already a song", async () => {
    const sent = sendSong(file, null, () => undefined, { make });
    expect(latest().body?.has("title")).toBe(false);
    latest().answer(200, song({ status: "analysed" }));
    await expect(sent).resolves.toMatchObject({ created: false });
  });

  it("rejects with the API's own sentence", async () => {
    const sent = sendSong(file, null, () => undefined, { make });
    latest().answer(400, { detail: "file: it is cut off (the decoder stopped early)", error_code: "INVALID_AUDIO", status_code: 400 });
    await expect(sent).rejects.toThrow("file: it is cut off (the decoder stopped early)");
  });

  it("renews an expired session once and sends again", async () => {
    const refresh = vi.fn().mockResolvedValue(new Response(null, { status: 204 }));
    vi.stubGlobal("fetch", refresh);
    const sent = sendSong(file, null, () => undefined, { make });
    latest().answer(401, { detail: "expired", error_code: "TOKEN_EXPIRED", status_code: 401 });
    await vi.waitFor(() => expect(FakeXhr.all).toHaveLength(2));
    latest().answer(201, song());
    await expect(sent).resolves.toMatchObject({ created: true });
    expect(refresh).toHaveBeenCalledWith("/session/refresh", expect.objectContaining({ method: "POST" }));
  });

  it("turns a dropped connection into a network error", async () => {
    const sent = sendSong(file, null, () => undefined, { make });
    latest().onerror?.();
    await expect(sent).rejects.toBeInstanceOf(TypeError);
  });
});

describe("useSongUpload", () => {
  it("goes uploading → analysing (polled progress) → done", async () => {
    vi.useFakeTimers();
    let finish: (value: unknown) => void = () => undefined;
    post.mockReturnValue(new Promise((resolve) => (finish = resolve)));
    get.mockResolvedValue({ data: song({ status: "analysing", job: { progress: 0.4, stage: "analysing the music" } as Song["job"] }) });
    const { result } = renderHook(() => useSongUpload({ make }));

    act(() => void result.current.upload(file, "Click"));
    expect(result.current.state).toMatchObject({ phase: "uploading", name: "click.wav", percent: 0 });
    act(() => latest().progress(8, 16));
    expect(result.current.state).toMatchObject({ phase: "uploading", percent: 50 });

    await act(async () => latest().answer(201, song()));
    expect(result.current.state).toMatchObject({ phase: "analysing", progress: { percent: null } });
    expect(post).toHaveBeenCalledWith("/api/songs/{song_id}/analyze", { params: { path: { song_id: SONG } } });

    await act(async () => await vi.advanceTimersByTimeAsync(1000));
    expect(result.current.state).toMatchObject({ phase: "analysing", progress: { percent: 40, stage: "analysing the music" } });

    const done = song({ status: "analysed" });
    await act(async () => finish({ data: done, response: new Response(null, { status: 200 }) }));
    expect(result.current.state).toEqual({ phase: "done", song: done, created: true });
  });

  it("skips the analysis of a song analysed before", async () => {
    const { result } = renderHook(() => useSongUpload({ make }));
    act(() => void result.current.upload(file, null));
    await act(async () => latest().answer(200, song({ status: "analysed" })));
    expect(result.current.state).toMatchObject({ phase: "done", created: false });
    expect(post).not.toHaveBeenCalled();
  });

  it("shows the API's refusal, and a failed analysis's reason", async () => {
    const { result } = renderHook(() => useSongUpload({ make }));
    act(() => void result.current.upload(file, null));
    await act(async () => latest().answer(413, { detail: "file: larger than 50 MB", error_code: "TOO_LARGE", status_code: 413 }));
    expect(result.current.state).toEqual({ phase: "error", message: "file: larger than 50 MB" });

    post.mockResolvedValue({
      data: song({ status: "failed", job: { error_message: "The audio could not be decoded" } as Song["job"] }),
      response: new Response(null, { status: 200 }),
    });
    act(() => void result.current.upload(file, null));
    await act(async () => latest().answer(201, song()));
    await flush();
    expect(result.current.state).toMatchObject({ phase: "error", message: "The audio could not be decoded" });
  });

  it("makes a song of a generated track", async () => {
    post.mockImplementation(async (path: string) =>
      path === "/api/songs/from-track"
        ? { data: song({ status: "analysed", source: "track" }), response: new Response(null, { status: 201 }) }
        : { data: undefined, response: new Response(null, { status: 500 }) },
    );
    const { result } = renderHook(() => useSongUpload({ make }));
    await act(async () => await result.current.fromTrack("33333333-3333-4333-8333-333333333333", "Rain"));
    expect(post).toHaveBeenCalledWith("/api/songs/from-track", { body: { track_id: "33333333-3333-4333-8333-333333333333" } });
    expect(result.current.state).toMatchObject({ phase: "done", created: true });
  });
});
