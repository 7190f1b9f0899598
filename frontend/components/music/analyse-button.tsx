"use client";

import { Loader2, ScanSearch } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect } from "react";

import { Button } from "@/components/ui/button";
import { Progress } from "@/components/ui/progress";
import { humanize } from "@/lib/format";
import { useSongUpload } from "@/lib/music-upload";
import type { Song } from "@/lib/music-types";
import { useHydrated } from "@/lib/use-hydrated";

/** A song not analysed yet (or whose analysis failed): run it here, live, then show it. */
export function AnalyseButton({ song }: { song: Song }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const { state, analyseSong } = useSongUpload();
  const busy = state.phase === "uploading" || state.phase === "analysing";

  useEffect(() => {
    if (state.phase === "done") router.refresh();
  }, [state.phase, router]);

  return (
    <div className="grid grid-cols-1 gap-3">
      <Button type="button" onClick={() => void analyseSong(song)} disabled={busy || !hydrated} className="justify-self-start">
        {busy ? <Loader2 className="animate-spin" aria-hidden /> : <ScanSearch aria-hidden />}
        {song.status === "failed" ? "Analyse again" : "Analyse"}
      </Button>
      <div aria-live="polite" className="grid grid-cols-1 gap-2">
        {state.phase === "analysing" && (
          <>
            <span className="text-sm">{humanize(state.progress.stage) || "Analysing the music"}</span>
            <Progress value={state.progress.percent} label="Analysis" live />
          </>
        )}
        {state.phase === "error" && (
          <p role="alert" className="text-sm text-destructive">
            {state.message}
          </p>
        )}
      </div>
    </div>
  );
}
