"use client";

import { Clapperboard, Loader2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";

import { OutcomeLine, StepBar } from "@/components/video/step-status";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { type TurnState, applyChatEvent, startTurn, streamChat } from "@/lib/ad-chat";
import {
  type BriefForm,
  type FieldErrors,
  checkForm,
  dirtyFields,
  fieldErrors,
  fieldLabel,
  formFromBrief,
  mergeBrief,
  patchFrom,
} from "@/lib/ad-form";
import type { Brief } from "@/lib/ad-types";
import { api, unwrap } from "@/lib/api/client";
import { ApiError, errorMessage } from "@/lib/api/errors";

import { BriefChat } from "./brief-chat";
import { BriefFormPanel, type SongChoice } from "./brief-form";
import { MoodBoards } from "./mood-boards";
import { useBrief } from "./use-brief";

/** What "Make the video" needs besides a chosen direction (the backend's own check). */
const NEEDED_FOR_VIDEO = ["product", "call_to_action", "duration", "aspect"] as const;

/**
 * A brief from idea to a planned ad video: the form with the chat beside it (one brief, two
 * ways to fill it), the mood boards, and "Make the video" (music and scene plan). The video's
 * own production (storyboard, clips, player) is drawn below by the page once it exists.
 */
export function BriefWorkspace({ initial, songs }: { initial: Brief; songs: readonly SongChoice[] }) {
  const router = useRouter();
  const state = useBrief(initial);
  const { brief, call, progress } = state;
  const [form, setForm] = useState<BriefForm>(() => formFromBrief(initial));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [turn, setTurn] = useState<TurnState | null>(null);
  const [highlight, setHighlight] = useState<string[]>([]);
  const [status, setStatus] = useState<string | null>(null);
  // The brief the form was last lined up with: what "edited" is measured against. A ref for
  // the handlers (a save and the chat turn after it run in one handler), state for drawing.
  const shown = useRef(initial);
  const [shownBrief, setShownBrief] = useState(initial);
  const locked = brief.video_id !== null && brief.video_id !== undefined;
  const dirty = dirtyFields(form, shownBrief).size > 0;
  const path = { params: { path: { brief_id: brief.id } } };

  function adopt(next: Brief, filled: readonly string[]) {
    const before = shown.current;
    setForm((f) => mergeBrief(f, before, next, filled));
    shown.current = next;
    setShownBrief(next);
  }

  function edit(next: BriefForm) {
    setForm(next);
    setHighlight([]);
    // An error is about what was typed: it goes once that field changes.
    setErrors((e) => {
      const kept = { ...e };
      for (const f of Object.keys(e) as (keyof BriefForm)[]) if (JSON.stringify(next[f]) !== JSON.stringify(form[f])) delete kept[f];
      return kept;
    });
  }

  async function save(): Promise<boolean> {
    const own = checkForm(form);
    if (Object.keys(own).length > 0) {
      setErrors(own);
      return false;
    }
    const body = patchFrom(form, shown.current);
    if (Object.keys(body).length === 0) return true;
    const result = await state.run(
      { what: "save" },
      async () => unwrap(await api.PATCH("/api/briefs/{brief_id}", { ...path, body })),
      { ownErrors: true },
    );
    if (result.ok) {
      adopt(result.brief, Object.keys(body));
      setErrors({});
      setStatus("Brief saved.");
      router.refresh(); // the page's title and facts are the server's
      return true;
    }
    if (result.error instanceof ApiError && result.error.code === "VALIDATION_ERROR") {
      const { fields, rest } = fieldErrors(result.error.message);
      setErrors(fields);
      state.setError(rest.length > 0 ? rest.join("; ") : "Some fields need a change: see below each.");
    } else state.setError(errorMessage(result.error));
    return false;
  }

  async function send(message: string): Promise<boolean> {
    // The chat reads the saved brief: what was typed in the form goes first.
    if (dirtyFields(form, shown.current).size > 0 && !(await save())) return false;
    setStatus(null);
    setHighlight([]);
    let current = startTurn(message);
    setTurn(current);
    try {
      await streamChat(brief.id, message, (event) => {
        current = applyChatEvent(current, event);
        setTurn(current);
        if (event.type === "done") {
          state.setBrief(event.reply.brief);
          adopt(event.reply.brief, event.reply.filled);
          setHighlight(event.reply.filled);
          if (event.reply.filled.length > 0) router.refresh();
        }
      });
    } catch (error) {
      setTurn({ ...current, status: "failed", error: errorMessage(error) });
      return false;
    }
    return current.status === "done";
  }

  async function paint(fresh: boolean) {
    setStatus(null);
    const result = await state.run({ what: fresh ? "fresh" : "moodboards" }, async () =>
      unwrap(await api.POST("/api/briefs/{brief_id}/moodboards", { ...path, params: { ...path.params, query: { fresh } } })),
    );
    if (result.ok) setStatus("Three directions painted: pick one.");
  }

  async function choose(index: number) {
    setStatus(null);
    const result = await state.run({ what: "choose", index }, async () =>
      unwrap(await api.POST("/api/briefs/{brief_id}/moodboards/{index}/choose", { params: { path: { brief_id: brief.id, index } } })),
    );
    if (result.ok) setStatus(`${result.brief.moodboards[index]?.name ?? "Direction"} chosen as the style.`);
  }

  async function makeVideo() {
    if (dirtyFields(form, shown.current).size > 0 && !(await save())) return;
    setStatus(null);
    const result = await state.run({ what: "video" }, async () =>
      unwrap(await api.POST("/api/briefs/{brief_id}/video", path)).brief,
    );
    if (result.ok) {
      setStatus("Music and scene plan ready: the storyboard is next.");
      router.refresh();
    }
  }

  const painting = call?.what === "moodboards" || call?.what === "fresh" || brief.job?.kind === "moodboards" && brief.job.status === "running";
  const makingVideo = call?.what === "video" || (brief.job?.kind === "ad video" && brief.job.status === "running");
  const needed = NEEDED_FOR_VIDEO.filter((f) => !brief[f]);

  return (
    <div className="grid grid-cols-1 gap-6">
      <OutcomeLine error={state.error} status={status} testId="brief-message" />
      {brief.warnings.length > 0 && (
        <ul className="grid gap-1 rounded-lg border border-warning/40 bg-warning/10 p-3 text-sm" aria-label="Warnings">
          {brief.warnings.map((w, i) => (
            <li key={i}>{w}</li>
          ))}
        </ul>
      )}
      <div className="grid grid-cols-1 items-start gap-6 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <BriefFormPanel
          form={form}
          onChange={edit}
          errors={errors}
          missing={brief.missing}
          highlight={highlight}
          songs={songs}
          locked={locked}
          saving={call?.what === "save"}
          dirty={dirty}
          onSave={() => void save()}
        />
        <div className="xl:sticky xl:top-4">
          <BriefChat transcript={brief.transcript} turn={turn} locked={locked} onSend={send} />
        </div>
      </div>
      <MoodBoards
        directions={brief.moodboards}
        aspect={brief.aspect ?? "16:9"}
        painting={painting}
        choosing={call?.what === "choose" ? (call.index ?? null) : null}
        progress={progress}
        canPaint={brief.product?.trim() ? null : "Name the product first: the boards are painted around it."}
        estimate={brief.moodboards_estimate}
        locked={locked}
        busy={state.busy}
        onPaint={(fresh) => void paint(fresh)}
        onChoose={(i) => void choose(i)}
      />
      {!locked && brief.chosen !== null && brief.chosen !== undefined && (
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Make the video</h2>
            </CardTitle>
            <CardDescription>
              {brief.song_id ? "Your song as the music" : `Music made for exactly ${brief.duration ?? "…"} s`}, then a scene plan on its beat in the chosen style.
            </CardDescription>
          </CardHeader>
          <CardContent className="grid grid-cols-1 gap-3">
            {needed.length > 0 && (
              <p className="text-sm text-muted-foreground">The brief still needs: {needed.map(fieldLabel).join(", ")}.</p>
            )}
            <Button type="button" className="justify-self-start" disabled={state.busy || needed.length > 0} onClick={() => void makeVideo()}>
              {makingVideo ? <Loader2 className="animate-spin" aria-hidden /> : <Clapperboard aria-hidden />}
              Make the video
            </Button>
            {makingVideo && (
              <div aria-live="polite">
                <StepBar progress={progress} label="Making the music and plan" fallback="Making the music" />
              </div>
            )}
          </CardContent>
        </Card>
      )}
    </div>
  );
}
