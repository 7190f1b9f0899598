"use client";

import { AudioLines } from "lucide-react";
import { useId, useState } from "react";

import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { fieldClass } from "@/components/ui/input";
import { formatDuration } from "@/lib/format";
import { cn } from "@/lib/utils";

export interface PickableTrack {
  id: string;
  prompt: string;
  duration: number;
}

/** "Use a generated track": one of the recent tracks the studio made becomes a song. */
export function TrackPicker({
  tracks,
  disabled,
  onPick,
}: {
  tracks: PickableTrack[] | { error: string };
  disabled: boolean;
  onPick: (id: string, name: string) => void;
}) {
  const id = useId();
  const list = Array.isArray(tracks) ? tracks : [];
  const [chosen, setChosen] = useState(list[0]?.id ?? "");
  const track = list.find((t) => t.id === chosen);

  return (
    <div className="grid grid-cols-1 gap-2 border-t pt-5">
      <Label htmlFor={id}>Or use a generated track</Label>
      {!Array.isArray(tracks) ? (
        <p className="text-sm text-muted-foreground">Recent tracks are unavailable: {tracks.error}</p>
      ) : list.length === 0 ? (
        <p className="text-sm text-muted-foreground">No generated tracks yet: make one on the dashboard.</p>
      ) : (
        <div className="flex flex-wrap gap-2">
          <select
            id={id}
            value={chosen}
            disabled={disabled}
            onChange={(e) => setChosen(e.target.value)}
            className={cn(fieldClass, "h-10 flex-1 basis-64")}
          >
            {list.map((t) => (
              <option key={t.id} value={t.id}>
                {t.prompt.length > 60 ? `${t.prompt.slice(0, 59)}…` : t.prompt} ({formatDuration(t.duration)})
              </option>
            ))}
          </select>
          <Button type="button" variant="outline" disabled={disabled || !track} onClick={() => track && onPick(track.id, track.prompt)}>
            <AudioLines aria-hidden />
            Use this track
          </Button>
        </div>
      )}
    </div>
  );
}
