"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";

import { ConfirmDelete } from "@/components/shell/confirm-delete";
import { api, unwrap } from "@/lib/api/client";

const WHAT = {
  song: {
    title: "Delete this song?",
    body: "The file and its analysis are removed from the studio. A song that a video uses cannot be deleted; delete the video first.",
  },
  video: { title: "Delete this video?", body: "Its sections and clip plan are removed. The song stays." },
} as const;

/** Delete a song or a video behind a confirmation, then back to the library. */
export function DeleteMusicButton({ kind, id }: { kind: keyof typeof WHAT; id: string }) {
  const router = useRouter();
  return (
    <ConfirmDelete
      title={WHAT[kind].title}
      description={WHAT[kind].body}
      confirmLabel={`Delete ${kind}`}
      remove={async () => {
        if (kind === "song") unwrap(await api.DELETE("/api/songs/{song_id}", { params: { path: { song_id: id } } }));
        else unwrap(await api.DELETE("/api/videos/{video_id}", { params: { path: { video_id: id } } }));
      }}
      onDeleted={() => {
        toast.success(kind === "song" ? "Song deleted" : "Video deleted");
        router.push("/music");
        router.refresh();
      }}
    />
  );
}
