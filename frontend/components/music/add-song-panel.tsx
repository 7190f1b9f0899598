import { attempt, getHistory } from "@/lib/api/queries";

import type { PickableTrack } from "./track-picker";
import { UploadPanel } from "./upload-panel";

/** Statuses whose track has its music file: those can become a song. */
const WITH_MUSIC = new Set(["generated", "rendering", "rendered", "uploading", "uploaded"]);

/** The upload panel, with the recent generated tracks read on the server for its picker. */
export async function AddSongPanel() {
  const history = await attempt(() => getHistory(1, null));
  const tracks: PickableTrack[] | { error: string } = history.ok
    ? history.data.items
        .filter((t) => WITH_MUSIC.has(t.status) && t.music_url)
        .map((t) => ({ id: t.id, prompt: t.prompt, duration: t.duration }))
    : { error: history.message };
  return <UploadPanel tracks={tracks} />;
}
