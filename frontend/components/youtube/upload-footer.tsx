"use client";

import { Loader2, Upload } from "lucide-react";

import { StageProgress } from "@/components/tracks/stage-progress";
import { Button } from "@/components/ui/button";
import { DialogFooter } from "@/components/ui/dialog";
import type { Track } from "@/lib/api/types";
import { useHydrated } from "@/lib/use-hydrated";

/** The dialog's actions, with the upload's stage and percent beside them while it runs. */
export function UploadFooter({
  track,
  uploading,
  onClose,
}: {
  track: Track;
  uploading: boolean;
  onClose: () => void;
}) {
  // The dialog opens only once the page runs, but the rule holds for every form here.
  const hydrated = useHydrated();
  // Until the first poll sees the track uploading, show that it is starting rather than nothing.
  const progress = {
    status: "uploading" as const,
    stage: track.status === "uploading" ? track.stage : "starting the upload",
    progress: track.status === "uploading" ? track.progress : null,
  };

  return (
    <DialogFooter className="sm:justify-between">
      {uploading ? (
        <div className="grid flex-1 gap-1.5 sm:mr-4">
          <StageProgress track={progress} />
          <p className="text-xs text-muted-foreground">You can close this; the upload carries on.</p>
        </div>
      ) : (
        <span className="hidden sm:block" />
      )}
      <div className="flex flex-col-reverse gap-2 sm:flex-row">
        <Button type="button" variant="outline" onClick={onClose}>
          {uploading ? "Close" : "Cancel"}
        </Button>
        <Button type="submit" disabled={uploading || !hydrated}>
          {uploading ? <Loader2 className="animate-spin" aria-hidden /> : <Upload aria-hidden />}
          {uploading ? "Uploading…" : "Upload"}
        </Button>
      </div>
    </DialogFooter>
  );
}
