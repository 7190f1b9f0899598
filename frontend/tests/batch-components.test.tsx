// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";

vi.mock("next/navigation", () => ({ useRouter: () => ({ push: vi.fn(), refresh: vi.fn() }) }));

const { BatchForm } = await import("@/components/batch/batch-form");
const { BatchView } = await import("@/components/batch/batch-view");
const { pendingBatch } = await import("@/lib/batch");

afterEach(cleanup);

const connected = { configured: true, connected: true, needsReconnect: false, channel: "Lofi Rain Studio" };
const prompt = (n: number) => `Gentle rain over a harbour, take ${n}`;

function fillPrompts(text: string) {
  fireEvent.change(screen.getByLabelText("Prompts, one per line"), { target: { value: text } });
}

describe("BatchForm", () => {
  it("refuses eleven prompts before sending anything", () => {
    const onStart = vi.fn();
    render(<BatchForm youtube={connected} busy={false} onStart={onStart} />);
    fillPrompts(Array.from({ length: 11 }, (_, i) => prompt(i)).join("\n"));
    expect(screen.getByTestId("batch-count").textContent).toBe("11 / 10 prompts");
    fireEvent.click(screen.getByRole("button", { name: /start batch/i }));
    expect(screen.getByTestId("batch-problems").textContent).toMatch(/at most 10 prompts; this has 11/);
    expect(onStart).not.toHaveBeenCalled();
  });

  it("names the line that is too short", () => {
    const onStart = vi.fn();
    render(<BatchForm youtube={connected} busy={false} onStart={onStart} />);
    fillPrompts(`${prompt(1)}\n\nrain`);
    fireEvent.click(screen.getByRole("button", { name: /start batch/i }));
    expect(screen.getByTestId("batch-problems").textContent).toContain("Line 3");
    expect(screen.getByLabelText("Prompts, one per line").getAttribute("aria-invalid")).toBe("true");
    expect(onStart).not.toHaveBeenCalled();
  });

  it("asks the made-for-kids question before uploading, then sends the options", async () => {
    const onStart = vi.fn(async () => true);
    render(<BatchForm youtube={connected} busy={false} onStart={onStart} />);
    fillPrompts(`${prompt(1)}\n${prompt(2)}`);
    fireEvent.click(screen.getByRole("checkbox", { name: "Upload to YouTube" }));
    fireEvent.click(screen.getByRole("button", { name: "Start batch · 2 tracks" }));
    expect(await screen.findByText(/requires an answer for every video/)).toBeTruthy();
    expect(onStart).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole("radio", { name: "No" }));
    fireEvent.click(screen.getByRole("radio", { name: /Unlisted/ }));
    fireEvent.click(screen.getByRole("button", { name: "Start batch · 2 tracks" }));
    await waitFor(() => expect(onStart).toHaveBeenCalledTimes(1));
    const body = (onStart.mock.calls[0] as unknown[])[0];
    expect(body).toMatchObject({
      prompts: [prompt(1), prompt(2)],
      duration: 120,
      render: true,
      upload: { privacy: "unlisted", made_for_kids: false, contains_synthetic_media: true, category: "10" },
    });
    expect((body as { id: string }).id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("offers no upload without a connected channel, and says where to connect", () => {
    render(
      <BatchForm
        youtube={{ configured: true, connected: false, needsReconnect: false, channel: null }}
        busy={false}
        onStart={vi.fn()}
      />,
    );
    const upload = screen.getByRole("checkbox", { name: "Upload to YouTube" });
    expect(upload.hasAttribute("disabled")).toBe(true);
    expect(screen.getByTestId("batch-upload-hint").textContent).toMatch(/Connect a YouTube channel in Settings/);
  });
});

describe("BatchView", () => {
  const base = pendingBatch("b1", { prompts: [prompt(1), prompt(2), prompt(3)], duration: 120, render: true });

  it("shows the running item's stage and percent, and 'estimating…' before any ETA", () => {
    const batch = {
      ...base,
      elapsed_seconds: 12,
      items: base.items.map((item, i) =>
        i === 0 ? { ...item, status: "rendering" as const, stage: "rendering video", progress: 34, elapsed_seconds: 12 } : item,
      ),
    };
    render(<BatchView batch={batch} pending={null} />);
    expect(screen.getByTestId("batch-item-stage").textContent).toBe("Rendering video");
    expect(screen.getByText("34% · 0:12")).toBeTruthy();
    expect(screen.getByTestId("batch-eta").textContent).toBe("estimating…");
    expect(screen.getAllByText("Waiting").length).toBeGreaterThan(0);
  });

  it("lists errors and retries only when the batch is done with failures", () => {
    const onRetry = vi.fn();
    const batch = {
      ...base,
      status: "completed" as const,
      successful: 2,
      failed: 1,
      items: base.items.map((item, i) =>
        i === 1 ? { ...item, status: "failed" as const, error_message: "The music provider timed out" } : { ...item, status: "success" as const },
      ),
    };
    render(<BatchView batch={batch} pending={null} onRetry={onRetry} />);
    expect(screen.getByTestId("batch-item-error").textContent).toBe("The music provider timed out");
    fireEvent.click(screen.getByRole("button", { name: "Retry failed (1)" }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });
});
