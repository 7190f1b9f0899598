// Names for the production shapes of the API (storyboard, clip states, output, share link),
// pointing into the generated schema, and the words the dashboard uses for them.
import type { components } from "@/lib/api/schema.gen";

type Schemas = components["schemas"];

export type ProductionVideo = Schemas["ProductionVideo"];
export type ProductionClip = Schemas["ProductionClip"];
export type Scene = Schemas["ScenePublic"];
export type VideoStatus = Schemas["VideoStatus"];
export type VideoType = NonNullable<ProductionVideo["video_type"]>;
export type Options = Schemas["OptionsUpdate"];

export const VIDEO_TYPES: readonly { value: VideoType; label: string; hint: string }[] = [
  { value: "visualizer", label: "Abstract visualizer", hint: "Shapes and light that move with the music" },
  { value: "scenery", label: "Ambient scenery", hint: "Places and weather, slow and wide" },
  { value: "story", label: "Cinematic story", hint: "Scenes that follow one another like a film" },
  { value: "lyric", label: "Lyric video", hint: "The words on screen, in time" },
];

export const VIDEO_STATUS_LABEL: Readonly<Record<VideoStatus, string>> = {
  draft: "Draft",
  planned: "Clips planned",
  storyboarded: "Storyboard to approve",
  approved: "Storyboard approved",
  composed: "Composed",
  finalized: "Finalized",
};

/** The steps in order: a video at a later step has passed every earlier one. */
const ORDER: readonly VideoStatus[] = ["draft", "planned", "storyboarded", "approved", "composed", "finalized"];

export function reached(status: VideoStatus, step: VideoStatus): boolean {
  return ORDER.indexOf(status) >= ORDER.indexOf(step);
}

/** The options the API keeps as a free-form object, read with their defaults. */
export interface ReadOptions {
  title: string;
  cta: string;
  captions: boolean | null;
  loudnorm: boolean;
}

export function readOptions(options: Record<string, unknown>): ReadOptions {
  return {
    title: typeof options.title === "string" ? options.title : "",
    cta: typeof options.cta === "string" ? options.cta : "",
    captions: typeof options.captions === "boolean" ? options.captions : null,
    loudnorm: options.loudnorm === true,
  };
}
