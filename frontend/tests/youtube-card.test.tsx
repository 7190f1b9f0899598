// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { YouTubeStatus } from "@/lib/api/types";

const get = vi.fn();
vi.mock("@/lib/api/client", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/api/client")>()),
  api: { GET: (...args: unknown[]) => get(...args), DELETE: vi.fn() },
}));

const { YouTubeCard } = await import("@/components/settings/youtube-card");

const quota = { day: "2030-01-01", used: 1650, limit: 10000, remaining: 8350, resets_at: "2030-01-02T08:00:00Z" };
const disconnected: YouTubeStatus = { configured: true, connected: false, needs_reconnect: false, quota };
const connected: YouTubeStatus = {
  ...disconnected,
  connected: true,
  channel_id: "UCemulatorchannel0000001",
  channel_title: "Lofi Rain Studio",
  token_expires_at: "2030-01-01T13:00:00Z",
};

beforeEach(() => get.mockReset());
afterEach(cleanup);

describe("YouTubeCard", () => {
  it("sends the browser to Google's consent page to connect", async () => {
    const assign = vi.fn();
    vi.spyOn(window, "location", "get").mockReturnValue({ ...window.location, assign, search: "" } as Location);
    get.mockResolvedValue({ data: { auth_url: "https://accounts.example/consent?state=x" }, response: new Response(null, { status: 200 }) });
    render(<YouTubeCard initial={disconnected} notice={null} />);
    expect(screen.getByText("Not connected")).toBeTruthy();
    expect(screen.getByText("1,650")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Connect YouTube" }));
    await waitFor(() => expect(assign).toHaveBeenCalledWith("https://accounts.example/consent?state=x"));
    expect(get).toHaveBeenCalledWith("/api/auth/youtube");
  });

  it("shows the channel and the callback's answer", () => {
    render(<YouTubeCard initial={connected} notice={{ kind: "connected" }} />);
    expect(screen.getByTestId("youtube-channel").textContent).toBe("Lofi Rain Studio");
    expect(screen.getByTestId("youtube-notice").textContent).toContain("Uploads go to Lofi Rain Studio.");
    expect(screen.getByRole("button", { name: "Disconnect" })).toBeTruthy();
  });

  it("explains a refused consent", () => {
    render(
      <YouTubeCard
        initial={disconnected}
        notice={{ kind: "error", reason: "access_denied", message: "Access to the channel was not granted" }}
      />,
    );
    expect(screen.getByTestId("youtube-notice").textContent).toContain("Access to the channel was not granted");
  });

  it("asks to reconnect, with the reason", () => {
    render(
      <YouTubeCard initial={{ ...connected, needs_reconnect: true, reconnect_reason: "Google revoked the access" }} notice={null} />,
    );
    expect(screen.getByTestId("youtube-reconnect").textContent).toContain("Google revoked the access");
    expect(screen.getByRole("button", { name: "Reconnect" })).toBeTruthy();
  });

  it("says which settings to set when YouTube is not configured", () => {
    render(<YouTubeCard initial={{ ...disconnected, configured: false }} notice={null} />);
    const help = screen.getByTestId("youtube-not-configured").textContent ?? "";
    for (const name of ["YOUTUBE_CLIENT_ID", "YOUTUBE_CLIENT_SECRET", "ENCRYPTION_KEY"]) expect(help).toContain(name);
    expect(screen.queryByRole("button", { name: "Connect YouTube" })).toBeNull();
  });
});
