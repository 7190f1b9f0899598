// Server-side reads, memoised per request with React's cache(): the layout and a page may
// both ask for the user, and the history page and its filter both for the stats.
import { unstable_rethrow } from "next/navigation";
import { cache } from "react";

import { errorMessage } from "./errors";
import { orThrow, serverApi } from "./server";
import type { TrackStatus } from "./types";

export const getMe = cache(async () => orThrow(await (await serverApi()).GET("/api/auth/me")));

export const getStats = cache(async () => orThrow(await (await serverApi()).GET("/api/stats")));

export const getHealth = cache(async () => orThrow(await (await serverApi()).GET("/api/health")));

export const getHistory = cache(async (page: number, status: TrackStatus | null) =>
  orThrow(
    await (await serverApi()).GET("/api/history", {
      params: { query: { page, ...(status ? { status } : {}) } },
    }),
  ),
);

export const getTrack = cache(async (id: string) =>
  orThrow(await (await serverApi()).GET("/api/tracks/{track_id}", { params: { path: { track_id: id } } })),
);

export const getYouTubeStatus = cache(async () =>
  orThrow(await (await serverApi()).GET("/api/auth/youtube/status")),
);

export const getBatches = cache(async () => orThrow(await (await serverApi()).GET("/api/batches")));

export const getBatch = cache(async (id: string) =>
  orThrow(await (await serverApi()).GET("/api/batch/{batch_id}", { params: { path: { batch_id: id } } })),
);

export type Attempt<T> = { ok: true; data: T } | { ok: false; message: string };

/**
 * Run a read for one panel and turn a failure into a message the panel shows in place, so
 * one broken panel does not blank the page. Redirects and not-found still propagate.
 */
export async function attempt<T>(read: () => Promise<T>): Promise<Attempt<T>> {
  try {
    return { ok: true, data: await read() };
  } catch (error) {
    unstable_rethrow(error);
    return { ok: false, message: errorMessage(error) };
  }
}
