// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const push = vi.fn();
vi.mock("next/navigation", () => ({ useRouter: () => ({ push, refresh: vi.fn() }) }));

const post = vi.fn();
vi.mock("@/lib/api/client", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/api/client")>()),
  api: { POST: (...args: unknown[]) => post(...args), GET: vi.fn(async () => ({ data: undefined })) },
}));

const { GenerateForm } = await import("@/components/dashboard/generate-form");

beforeEach(() => {
  post.mockReset();
  push.mockReset();
});
afterEach(cleanup);

describe("GenerateForm", () => {
  it("counts characters and refuses a prompt under 10", async () => {
    render(<GenerateForm />);
    const prompt = screen.getByLabelText("Prompt");
    fireEvent.change(prompt, { target: { value: "rain" } });
    expect(screen.getByText("4 / 500")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: /generate track/i }));
    expect(await screen.findByText(/at least 10 characters/)).toBeTruthy();
    expect(prompt.getAttribute("aria-invalid")).toBe("true");
    expect(post).not.toHaveBeenCalled();
  });

  it("shows the duration as m:ss and sends seconds, seed and a client id", async () => {
    post.mockResolvedValue({
      data: { id: "11111111-1111-4111-8111-111111111111", prompt: "Slow rain on a tin roof" },
      response: new Response(null, { status: 200 }),
    });
    render(<GenerateForm />);
    expect(screen.getByTestId("duration-value").textContent).toBe("3:00");
    fireEvent.keyDown(screen.getByRole("slider", { name: "Duration" }), { key: "Home" });
    expect(screen.getByTestId("duration-value").textContent).toBe("2:00");
    fireEvent.change(screen.getByLabelText("Prompt"), { target: { value: "Slow rain on a tin roof" } });
    fireEvent.change(screen.getByLabelText(/Seed/), { target: { value: "42" } });
    fireEvent.click(screen.getByRole("button", { name: /generate track/i }));

    await waitFor(() => expect(post).toHaveBeenCalledTimes(1));
    const [path, { body }] = post.mock.calls[0] as [string, { body: Record<string, unknown> }];
    expect(path).toBe("/api/generate");
    expect(body).toMatchObject({ prompt: "Slow rain on a tin roof", duration: 120, seed: 42 });
    expect(body.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    await waitFor(() => expect(push).toHaveBeenCalledWith("/tracks/11111111-1111-4111-8111-111111111111"));
  });

  it("rejects a seed that is not a whole number", async () => {
    render(<GenerateForm />);
    fireEvent.change(screen.getByLabelText(/Seed/), { target: { value: "1.5" } });
    expect(screen.getByText(/whole number/)).toBeTruthy();
  });
});
