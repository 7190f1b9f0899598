import { describe, expect, it } from "vitest";

import { downloadUrl, mediaSrc } from "@/lib/media";
import { clampDuration, parseSeed, promptError } from "@/lib/validation";

describe("promptError", () => {
  it("asks for 10 to 500 characters, ignoring surrounding spaces", () => {
    expect(promptError("too short")).toMatch(/at least 10/);
    expect(promptError("   rain   ")).toMatch(/at least 10/);
    expect(promptError("gentle rain on leaves")).toBeNull();
    expect(promptError("x".repeat(500))).toBeNull();
    expect(promptError("x".repeat(501))).toMatch(/under 500/);
  });
});

describe("parseSeed", () => {
  it("accepts empty (random) and whole numbers", () => {
    expect(parseSeed("")).toEqual({ seed: null, error: null });
    expect(parseSeed(" 42 ")).toEqual({ seed: 42, error: null });
  });

  it("rejects what the API would", () => {
    expect(parseSeed("-1").error).not.toBeNull();
    expect(parseSeed("1.5").error).not.toBeNull();
    expect(parseSeed("abc").error).not.toBeNull();
    expect(parseSeed(String(2 ** 31)).error).not.toBeNull();
  });
});

describe("clampDuration", () => {
  it("stays within 2–15 minutes on 15 s steps", () => {
    expect(clampDuration(10)).toBe(120);
    expect(clampDuration(10_000)).toBe(900);
    expect(clampDuration(187)).toBe(180);
  });
});

describe("downloadUrl", () => {
  it("adds a readable file name to a signed URL, keeping its signature, on the dashboard's origin", () => {
    const url = downloadUrl("http://api:8000/media/music/a.mp3?exp=1&sig=abc", "Slow rain, on a tin roof!");
    expect(url.startsWith("/media/music/a.mp3?")).toBe(true);
    const parsed = new URL(url, "http://studio.test");
    expect(parsed.searchParams.get("sig")).toBe("abc");
    expect(parsed.searchParams.get("exp")).toBe("1");
    expect(parsed.searchParams.get("download")).toBe("slow-rain-on-a-tin-roof");
  });

  it("keeps relative URLs relative", () => {
    expect(downloadUrl("/media/x.png?sig=1", "   ")).toBe("/media/x.png?sig=1&download=ambient-track");
  });
});

describe("mediaSrc", () => {
  it("loads signed media through the dashboard, whatever host the API signed it for", () => {
    expect(mediaSrc("http://localhost:8000/media/images/a.png?exp=9&sig=x")).toBe("/media/images/a.png?exp=9&sig=x");
    expect(mediaSrc("https://studio.example:8443/media/videos/b.mp4?exp=1&sig=y")).toBe("/media/videos/b.mp4?exp=1&sig=y");
  });

  it("leaves other links and relative paths alone", () => {
    expect(mediaSrc("https://youtu.be/abc")).toBe("https://youtu.be/abc");
    expect(mediaSrc("/media/x.png?sig=1")).toBe("/media/x.png?sig=1");
    expect(mediaSrc(null)).toBeNull();
  });
});
