"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";

import { ConfirmDelete } from "@/components/shell/confirm-delete";
import { api, unwrap } from "@/lib/api/client";

/** Delete one video of the library behind a confirmation; the library is read again after. */
export function DeleteVideoButton({ id, title }: { id: string; title: string }) {
  const router = useRouter();
  return (
    <ConfirmDelete
      title="Delete this video?"
      description={
        <>
          “{title}” and every file it made (stills, clips, the video itself) are removed, and its share link stops working. The
          song stays.
        </>
      }
      confirmLabel="Delete video"
      triggerLabel={`Delete ${title}`}
      size="sm"
      remove={async () => unwrap(await api.DELETE("/api/videos/{video_id}", { params: { path: { video_id: id } } }))}
      onDeleted={() => {
        toast.success("Video deleted");
        router.refresh();
      }}
    />
  );
}
