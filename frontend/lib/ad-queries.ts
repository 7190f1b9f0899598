// Server-side reads for the ad pages, memoised per request like lib/api/queries.ts.
import { cache } from "react";

import { orThrow, serverApi } from "@/lib/api/server";

export const getBriefs = cache(async () => orThrow(await (await serverApi()).GET("/api/briefs")));

export const getBrief = cache(async (id: string) =>
  orThrow(await (await serverApi()).GET("/api/briefs/{brief_id}", { params: { path: { brief_id: id } } })),
);

export const getEstimate = cache(async (id: string) =>
  orThrow(await (await serverApi()).GET("/api/videos/{video_id}/estimate", { params: { path: { video_id: id } } })),
);
