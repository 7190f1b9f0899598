"use client";

import { Loader2, Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { Button } from "@/components/ui/button";
import { api, unwrap } from "@/lib/api/client";
import { errorMessage } from "@/lib/api/errors";

const EMPTY = { product: "", audience: "", tone: [], style_keywords: [], key_messages: [], call_to_action: "", brand_colors: [] };

/** "New ad": an empty brief (the chat and the form fill it), opened at once. */
export function NewBriefButton() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="grid justify-items-end gap-1">
      <Button
        type="button"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            const brief = unwrap(await api.POST("/api/briefs", { body: EMPTY }));
            router.push(`/ads/${brief.id}`);
          } catch (e) {
            setError(errorMessage(e));
            setBusy(false);
          }
        }}
      >
        {busy ? <Loader2 className="animate-spin" aria-hidden /> : <Plus aria-hidden />}
        New ad
      </Button>
      {error && (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      )}
    </div>
  );
}
