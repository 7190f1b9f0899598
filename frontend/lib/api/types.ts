// Names the app uses for the API's shapes. They point into the generated schema, so a
// change in the backend shows up as a type error here rather than at run time; when the
// backend renames a schema, only this file changes.
import type { components } from "./schema.gen";

type Schemas = components["schemas"];

export type Track = Schemas["TrackPublic"];
export type TrackStatus = Track["status"];
export type HistoryPage = Schemas["HistoryPage"];
export type Stats = Schemas["Stats"];
export type Health = Schemas["Health"];
export type User = Schemas["UserPublic"];
export type TokenPair = Schemas["TokenPair"];
export type GenerateRequest = Schemas["GenerateRequest"];
export type Batch = Schemas["BatchPublic"];
export type BatchItem = Schemas["BatchItemPublic"];
export type BatchItemStatus = BatchItem["status"];
export type BatchSummary = Schemas["BatchSummary"];
export type BatchCreate = Schemas["BatchCreate"];
export type BatchUploadOptions = Schemas["BatchUploadOptions"];
export type YouTubeStatus = Schemas["YouTubeStatus"];
export type YouTubeQuota = Schemas["QuotaPublic"];
export type UploadDefaults = Schemas["UploadDefaults"];
export type UploadRequest = Schemas["UploadRequest"];
export type Privacy = UploadDefaults["privacy"];

/** The one error shape every API error uses. */
export interface ApiErrorBody {
  detail: string;
  error_code: string;
  status_code: number;
}

export const TRACK_STATUSES = [
  "generating",
  "generated",
  "rendering",
  "rendered",
  "uploading",
  "uploaded",
  "failed",
] as const satisfies readonly TrackStatus[];

export const PRIVACY_OPTIONS = ["private", "unlisted", "public"] as const satisfies readonly Privacy[];
