/** Where the FastAPI backend listens, read at run time so one build serves any backend. */
export function apiUrl(): string {
  return (process.env.API_URL ?? "http://127.0.0.1:8000").replace(/\/+$/, "");
}
