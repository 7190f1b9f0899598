"use client";

import { AlertTriangle, Loader2, Send } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";

import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import type { TurnState } from "@/lib/ad-chat";
import { type Turn, FIELD_LABELS } from "@/lib/ad-types";
import { cn } from "@/lib/utils";

const MESSAGE_MAX = 2000;
/** The built-in chat's first question, before anything was said. */
const OPENING = "Tell me about the ad: what it is for, who should see it, how it should feel.";

/**
 * The vision chat: the conversation so far (stored with the brief), the turn in flight with
 * its reply appearing as it is written, and a message box (Enter sends, Shift+Enter breaks
 * the line). The log is a live region, so a screen reader hears each reply once it is done.
 */
export function BriefChat({
  transcript,
  turn,
  locked,
  onSend,
}: {
  transcript: readonly Turn[];
  turn: TurnState | null;
  locked: boolean;
  onSend: (message: string) => Promise<boolean>;
}) {
  const ids = useId();
  const [message, setMessage] = useState("");
  const end = useRef<HTMLDivElement>(null);
  const sending = turn !== null && (turn.status === "sending" || turn.status === "writing");

  useEffect(() => {
    end.current?.scrollIntoView?.({ block: "nearest" });
  }, [transcript.length, turn?.text]);

  async function send() {
    const text = message.trim();
    if (!text || sending || locked) return;
    if (await onSend(text)) setMessage("");
  }

  // The turn in flight is drawn until the brief's own transcript holds it.
  const pending = turn && turn.status !== "done" ? turn : null;

  return (
    <Card className="flex flex-col">
      <CardHeader>
        <CardTitle>
          <h2>Chat</h2>
        </CardTitle>
        <CardDescription>Answers fill the brief beside it; ask for changes in your own words.</CardDescription>
      </CardHeader>
      <CardContent className="grid grid-cols-1 gap-3">
        <div
          role="log"
          aria-label="Conversation"
          aria-live="polite"
          aria-relevant="additions"
          className="grid max-h-[28rem] min-h-40 gap-2 overflow-y-auto rounded-lg border bg-background/30 p-3 text-sm"
          // A scrolling region has to be reachable by keyboard to be read.
          // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
          tabIndex={0}
          data-testid="chat-log"
        >
          {transcript.length === 0 && !pending && <Bubble who="assistant" text={OPENING} />}
          {transcript.map((t, i) => (
            <Bubble key={i} who={t.role} text={t.text} />
          ))}
          {pending && (
            <>
              <Bubble who="user" text={pending.message} />
              {pending.status === "failed" ? null : pending.text ? (
                <Bubble who="assistant" text={pending.text} writing testId="chat-streaming" />
              ) : (
                <p className="flex items-center gap-2 text-muted-foreground" aria-hidden>
                  <Loader2 className="size-4 animate-spin" /> Thinking…
                </p>
              )}
            </>
          )}
          <div ref={end} />
        </div>
        {turn && turn.warnings.length > 0 && (
          <ul className="grid gap-1 text-sm text-warning" aria-label="Chat warnings">
            {turn.warnings.map((w) => (
              <li key={w} className="flex items-start gap-2">
                <AlertTriangle className="mt-0.5 size-4 shrink-0" aria-hidden /> {w}
              </li>
            ))}
          </ul>
        )}
        {turn?.status === "failed" && turn.error && (
          <p role="alert" className="text-sm text-destructive">
            {turn.error}
          </p>
        )}
        {turn?.status === "done" && turn.reply && turn.reply.filled.length > 0 && (
          <p className="text-sm text-muted-foreground" data-testid="chat-filled">
            Filled: {turn.reply.filled.map((f) => FIELD_LABELS[f] ?? f).join(", ")}
          </p>
        )}
        {!locked && (
          <form
            className="grid gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              void send();
            }}
          >
            <Label htmlFor={`${ids}-message`}>Your message</Label>
            <Textarea
              id={`${ids}-message`}
              value={message}
              rows={3}
              maxLength={MESSAGE_MAX}
              aria-describedby={`${ids}-hint`}
              onChange={(e) => setMessage(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
                  e.preventDefault();
                  void send();
                }
              }}
            />
            <div className="flex items-center justify-between gap-3">
              <span id={`${ids}-hint`} className="text-xs text-muted-foreground">
                Enter sends, Shift+Enter for a new line.
              </span>
              <Button type="submit" disabled={sending || !message.trim()}>
                {sending ? <Loader2 className="animate-spin" aria-hidden /> : <Send aria-hidden />}
                Send
              </Button>
            </div>
          </form>
        )}
      </CardContent>
    </Card>
  );
}

function Bubble({ who, text, writing, testId }: { who: Turn["role"]; text: string; writing?: boolean; testId?: string }) {
  return (
    <div
      className={cn(
        "max-w-[90%] rounded-lg px-3 py-2 whitespace-pre-wrap",
        who === "user" ? "justify-self-end bg-primary/15" : "justify-self-start bg-accent/50",
      )}
      data-testid={testId ?? `chat-${who}`}
      aria-busy={writing || undefined}
    >
      <span className="sr-only">{who === "user" ? "You: " : "Studio: "}</span>
      {text}
    </div>
  );
}
