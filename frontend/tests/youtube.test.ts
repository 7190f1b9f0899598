import { afterEach, describe, expect, it } from "vitest";

import {
  addTags,
  localInputToIso,
  tagsLength,
  type UploadForm,
  uploadProblems,
  utf8Length,
} from "@/lib/youtube";

describe("tagsLength", () => {
  it("counts as YouTube does: commas between tags, quotes around tags with spaces", () => {
    expect(tagsLength([])).toBe(0);
    expect(tagsLength(["ambient"])).toBe(7);
    expect(tagsLength(["ambient", "lofi"])).toBe(7 + 1 + 4);
    expect(tagsLength(["ambient music"])).toBe(13 + 2);
    expect(tagsLength(["ambient", "ambient music", "rain"])).toBe(7 + 15 + 4 + 2);
  });

  it("matches the API's count for its default tags", () => {
    // app/youtube/schemas.py: sum(len + 2 if space) + commas
    expect(tagsLength(["ambient", "ambient music", "relaxing music"])).toBe(7 + 15 + 16 + 2);
  });
});

describe("addTags", () => {
  it("splits on commas, trims, and skips repeats whatever their case", () => {
    expect(addTags(["Ambient"], " lofi,  rain   sounds ,ambient,, LOFI")).toEqual(["Ambient", "lofi", "rain sounds"]);
  });

  it("adds nothing for blank input", () => {
    expect(addTags(["a"], " , ")).toEqual(["a"]);
  });
});

describe("utf8Length", () => {
  it("counts bytes, as YouTube's description limit does", () => {
    expect(utf8Length("rain")).toBe(4);
    expect(utf8Length("café")).toBe(5);
    expect(utf8Length("🌧")).toBe(4);
  });
});

describe("localInputToIso", () => {
  const tz = process.env.TZ;
  afterEach(() => {
    process.env.TZ = tz;
  });

  it("reads the value in the browser's time zone and writes that zone's offset", () => {
    process.env.TZ = "Europe/Paris";
    expect(localInputToIso("2030-01-15T09:30")).toBe("2030-01-15T09:30:00+01:00");
    expect(localInputToIso("2030-07-15T09:30")).toBe("2030-07-15T09:30:00+02:00");
    process.env.TZ = "America/Los_Angeles";
    expect(localInputToIso("2030-01-15T09:30")).toBe("2030-01-15T09:30:00-08:00");
    process.env.TZ = "UTC";
    expect(localInputToIso("2030-01-15T09:30")).toBe("2030-01-15T09:30:00+00:00");
  });

  it("names the same instant as the local time it came from", () => {
    const iso = localInputToIso("2030-03-01T18:05");
    expect(iso).not.toBeNull();
    expect(Date.parse(iso!)).toBe(new Date(2030, 2, 1, 18, 5).getTime());
  });

  it("refuses what is not a datetime-local value", () => {
    expect(localInputToIso("")).toBeNull();
    expect(localInputToIso("tomorrow")).toBeNull();
    expect(localInputToIso("2030-01-15")).toBeNull();
  });
});

describe("uploadProblems", () => {
  const now = new Date(2030, 0, 1, 12, 0);
  const good: UploadForm = {
    title: "Rain over the harbour",
    description: "Ambient music.",
    tags: ["ambient"],
    privacy: "unlisted",
    madeForKids: false,
    schedule: "",
  };

  it("passes a complete form", () => {
    expect(uploadProblems(good, now)).toEqual({});
  });

  it("requires the made-for-kids answer and a title", () => {
    const problems = uploadProblems({ ...good, madeForKids: null, title: "   " }, now);
    expect(problems.madeForKids).toMatch(/requires an answer/);
    expect(problems.title).toMatch(/title/);
  });

  it("holds YouTube's limits", () => {
    expect(uploadProblems({ ...good, title: "x".repeat(101) }, now).title).toMatch(/100 characters/);
    expect(uploadProblems({ ...good, title: "x".repeat(100) }, now).title).toBeUndefined();
    expect(uploadProblems({ ...good, title: "a <b>" }, now).title).toMatch(/< or >/);
    expect(uploadProblems({ ...good, description: "é".repeat(2501) }, now).description).toMatch(/5002 bytes/);
    expect(uploadProblems({ ...good, description: "é".repeat(2500) }, now).description).toBeUndefined();
    const many = Array.from({ length: 60 }, (_, i) => `tag number ${i}`);
    expect(uploadProblems({ ...good, tags: many }, now).tags).toMatch(/limit is 500/);
  });

  it("schedules only a private video, in the future", () => {
    expect(uploadProblems({ ...good, schedule: "2030-01-02T09:00" }, now).schedule).toMatch(/Private/);
    expect(uploadProblems({ ...good, privacy: "private", schedule: "2030-01-02T09:00" }, now)).toEqual({});
    expect(uploadProblems({ ...good, privacy: "private", schedule: "2029-12-31T09:00" }, now).schedule).toMatch(/future/);
  });
});
