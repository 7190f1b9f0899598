// Server-side reads for the music-video pages, memoised per request like lib/api/queries.ts.
import { cache } from "react";

import { orThrow, serverApi } from "@/lib/api/server";

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const getSongs = cache(async () => orThrow(await (await serverApi()).GET("/api/songs")));

export const getVideos = cache(async () => orThrow(await (await serverApi()).GET("/api/videos")));

export const getSong = cache(async (id: string) =>
  orThrow(await (await serverApi()).GET("/api/songs/{song_id}", { params: { path: { song_id: id } } })),
);

export const getSongAnalysis = cache(async (id: string) =>
  orThrow(await (await serverApi()).GET("/api/songs/{song_id}/analysis", { params: { path: { song_id: id } } })),
);

export const getVideo = cache(async (id: string) =>
  orThrow(await (await serverApi()).GET("/api/videos/{video_id}", { params: { path: { video_id: id } } })),
);
