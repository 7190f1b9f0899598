import { describe, expect, it } from "vitest";

import {
  clampPercent,
  formatBytes,
  formatClock,
  formatDuration,
  formatEta,
  formatRelative,
  formatUsd,
  humanize,
} from "@/lib/format";

describe("formatDuration", () => {
  it.each([
    [0, "0:00"],
    [5, "0:05"],
    [120, "2:00"],
    [119.9, "1:59"],
    [900, "15:00"],
    [3725, "1:02:05"],
  ])("%s s → %s", (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it("reads nonsense as zero", () => {
    expect(formatDuration(Number.NaN)).toBe("0:00");
    expect(formatDuration(-3)).toBe("0:00");
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe("0:00");
  });
});

describe("clampPercent", () => {
  it("keeps a bar within 0–100 and whole", () => {
    expect(clampPercent(101)).toBe(100);
    expect(clampPercent(100.4)).toBe(100);
    expect(clampPercent(-4)).toBe(0);
    expect(clampPercent(41.6)).toBe(42);
  });

  it("treats a missing value as 0", () => {
    expect(clampPercent(null)).toBe(0);
    expect(clampPercent(undefined)).toBe(0);
    expect(clampPercent(Number.NaN)).toBe(0);
  });
});

describe("formatBytes", () => {
  it.each([
    [0, "0 B"],
    [999, "999 B"],
    [1000, "1.0 KB"],
    [4_700_000, "4.7 MB"],
    [123_400_000, "123 MB"],
    [2_500_000_000, "2.5 GB"],
  ])("%s → %s", (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it("handles null and negatives", () => {
    expect(formatBytes(null)).toBe("0 B");
    expect(formatBytes(-1)).toBe("0 B");
  });
});

describe("formatUsd", () => {
  it("shows cents, and sub-cent amounts so they do not read as zero", () => {
    expect(formatUsd(0)).toBe("$0.00");
    expect(formatUsd(12.5)).toBe("$12.50");
    expect(formatUsd(0.0042)).toBe("$0.0042");
  });
});

describe("formatRelative", () => {
  const now = new Date("2025-11-22T12:00:00Z");
  it("speaks in the largest fitting unit", () => {
    expect(formatRelative("2025-11-22T11:59:50Z", now)).toBe("just now");
    expect(formatRelative("2025-11-22T11:57:00Z", now)).toBe("3 minutes ago");
    expect(formatRelative("2025-11-21T12:00:00Z", now)).toBe("yesterday");
  });

  it("returns nothing for an invalid date", () => {
    expect(formatRelative("not a date", now)).toBe("");
  });
});

describe("humanize", () => {
  it("turns stage names into words", () => {
    expect(humanize("composing music")).toBe("Composing music");
    expect(humanize("mixing_audio")).toBe("Mixing audio");
    expect(humanize(null)).toBe("");
  });
});

describe("formatEta", () => {
  it("says the server is still estimating when it cannot tell", () => {
    expect(formatEta(null)).toBe("estimating…");
    expect(formatEta(undefined)).toBe("estimating…");
    expect(formatEta(Number.NaN)).toBe("estimating…");
  });

  it.each([
    [0, "almost done"],
    [4.6, "almost done"],
    [42, "about 40 s left"],
    [58, "about 60 s left"],
    [61, "about 1 min left"],
    [150, "about 3 min left"],
    [3599, "about 1 h left"],
    [3600, "about 1 h left"],
    [5400, "about 1 h 30 min left"],
  ])("%s s → %s", (seconds, text) => {
    expect(formatEta(seconds)).toBe(text);
  });
});

describe("formatClock", () => {
  const now = new Date(2030, 0, 15, 10, 0);
  it("gives the time for today and the weekday otherwise", () => {
    expect(formatClock(new Date(2030, 0, 15, 17, 5).toISOString(), now)).toBe("17:05");
    expect(formatClock(new Date(2030, 0, 16, 0, 0).toISOString(), now)).toBe("Wed 00:00");
    expect(formatClock("nope", now)).toBe("");
  });
});
