import { describe, expect, it } from "vitest";

import { checkForm, dirtyFields, fieldErrors, formFromBrief, mergeBrief, normaliseHex, patchFrom } from "@/lib/ad-form";
import type { Brief } from "@/lib/ad-types";

function brief(fields: Partial<Brief> = {}): Brief {
  return {
    id: "6b1f5c1e-0000-4000-8000-000000000000",
    product: "",
    audience: "",
    tone: [],
    style_keywords: [],
    key_messages: [],
    call_to_action: "",
    duration: null,
    aspect: null,
    brand_colors: [],
    song_id: null,
    missing: [],
    transcript: [],
    moodboards: [],
    moodboards_estimate: { stills: 12, usd: 0, providers: ["local painter"] },
    chosen: null,
    video_id: null,
    music_song_id: null,
    warnings: [],
    job: null,
    created_at: "2025-01-01T00:00:00Z",
    updated_at: "2025-01-01T00:00:00Z",
    ...fields,
  };
}

describe("brief form state", () => {
  it("sends only what changed, as the API's fields", () => {
    const saved = brief({ product: "TrailFlow", tone: ["bold"] });
    const form = { ...formFromBrief(saved), tone: "bold,  energetic ,", key_messages: "Grips on wet roads\n\n  Lasts  ", duration: 15 as const };
    expect(patchFrom(form, saved)).toEqual({ tone: ["bold", "energetic"], key_messages: ["Grips on wet roads", "Lasts"], duration: 15 });
    expect(patchFrom(formFromBrief(saved), saved)).toEqual({});
  });

  it("counts a field re-typed to its saved value as unchanged", () => {
    const saved = brief({ tone: ["calm", "warm"] });
    expect(dirtyFields({ ...formFromBrief(saved), tone: "calm,warm" }, saved).size).toBe(0);
  });

  it("normalises colours the way the API reads them", () => {
    expect(normaliseHex("#ABC")).toBe("#aabbcc");
    expect(normaliseHex("ff3366")).toBe("#ff3366");
    expect(normaliseHex("#ff336")).toBeNull();
    expect(normaliseHex("red")).toBeNull();
    const saved = brief();
    expect(patchFrom({ ...formFromBrief(saved), brand_colors: ["#FF3366"] }, saved)).toEqual({ brand_colors: ["#ff3366"] });
  });

  it("merges a chat answer: untouched fields follow the server, an edit in progress stays, a field the chat filled wins", () => {
    const before = brief({ product: "TrailFlow" });
    const typing = { ...formFromBrief(before), audience: "night run", call_to_action: "Buy" };
    const after = brief({ product: "TrailFlow Pro", audience: "night runners", call_to_action: "", duration: 30 });
    const merged = mergeBrief(typing, before, after, ["audience", "product", "duration"]);
    expect(merged.product).toBe("TrailFlow Pro"); // not edited here: the server's
    expect(merged.audience).toBe("night runners"); // edited, but the chat filled it just now
    expect(merged.call_to_action).toBe("Buy"); // edited, the chat did not touch it: kept
    expect(merged.duration).toBe(30);
  });

  it("checks limits before a round trip", () => {
    const form = formFromBrief(brief());
    expect(checkForm(form)).toEqual({});
    const errors = checkForm({
      ...form,
      product: "x".repeat(101),
      tone: Array.from({ length: 9 }, (_, i) => `w${i}`).join(","),
      key_messages: "a\nb\nc\nd\ne\nf",
      brand_colors: ["#12345g"],
    });
    expect(Object.keys(errors).sort()).toEqual(["brand_colors", "key_messages", "product", "tone"]);
    expect(errors.brand_colors).toContain("#12345g");
  });

  it("sorts the API's validation sentences onto the fields", () => {
    const { fields, rest } = fieldErrors(
      "tone.2: String should have at most 30 characters; brand_colors.0: Value error, must be a colour as #rrggbb; body: Field required",
    );
    expect(fields.tone).toBe("String should have at most 30 characters (item 3)");
    expect(fields.brand_colors).toBe("must be a colour as #rrggbb (item 1)");
    expect(rest).toEqual(["body: Field required"]);
    expect(fieldErrors("duration: Input should be 15, 30, 45 or 60").fields.duration).toBe("Input should be 15, 30, 45 or 60");
  });
});

describe("the mood boards' cost, shown before painting", () => {
  it("says free, a price, or that the image role is not configured", async () => {
    const { paintingCost } = await import("@/components/ads/mood-boards");
    expect(paintingCost({ stills: 12, usd: 0, providers: ["local painter"] })).toBe("12 stills: free (local painter)");
    expect(paintingCost({ stills: 12, usd: 0.036, providers: ["Replicate"] })).toBe("12 stills: about $0.04 (Replicate)");
    expect(paintingCost({ stills: 12, usd: null, providers: ["openai"] })).toBe("12 stills: openai is not configured");
  });
});
