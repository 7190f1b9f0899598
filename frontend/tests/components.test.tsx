// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";

import { StageProgress } from "@/components/tracks/stage-progress";
import { StatusBadge } from "@/components/tracks/status-badge";
import { Waveform } from "@/components/tracks/waveform";

afterEach(cleanup);

describe("StageProgress", () => {
  it("shows the live stage and a clamped percent", () => {
    render(<StageProgress track={{ status: "rendering", stage: "encoding video", progress: 101 }} />);
    expect(screen.getByText("Encoding video")).toBeTruthy();
    expect(screen.getByText("100%")).toBeTruthy();
    expect(screen.queryByText("101%")).toBeNull();
    expect(screen.getByRole("progressbar").getAttribute("aria-valuenow")).toBe("100");
  });

  it("shows a moving band, not a bar stuck at 0 %, while a step has not moved yet", () => {
    render(<StageProgress track={{ status: "rendering", stage: "rendering video", progress: 0 }} />);
    expect(screen.getByText("starting…")).toBeTruthy();
    expect(screen.getByRole("progressbar").hasAttribute("aria-valuenow")).toBe(false);
  });

  it("is indeterminate before the first report", () => {
    render(<StageProgress track={{ status: "generating", stage: null, progress: null }} />);
    expect(screen.getByText("Generating…")).toBeTruthy();
    expect(screen.getByRole("progressbar").hasAttribute("aria-valuenow")).toBe(false);
  });
});

describe("StatusBadge", () => {
  it("shows percent only while a step runs", () => {
    const { rerender } = render(<StatusBadge status="generating" progress={37.4} />);
    expect(screen.getByTestId("status-badge").textContent).toBe("Generating37%");
    rerender(<StatusBadge status="rendered" progress={100} />);
    expect(screen.getByTestId("status-badge").textContent).toBe("Rendered");
  });
});

describe("Waveform", () => {
  it("seeks with the keyboard and reports its position", () => {
    const onSeek = vi.fn();
    render(<Waveform peaks={[0.2, 0.9, 0.5]} current={60} duration={120} onSeek={onSeek} />);
    const slider = screen.getByRole("slider", { name: "Seek" });
    expect(slider.getAttribute("aria-valuetext")).toBe("1:00 of 2:00");
    fireEvent.keyDown(slider, { key: "ArrowRight" });
    fireEvent.keyDown(slider, { key: "PageDown" });
    fireEvent.keyDown(slider, { key: "End" });
    fireEvent.keyDown(slider, { key: "Home" });
    expect(onSeek.mock.calls.map((c) => c[0])).toEqual([65, 30, 120, 0]);
  });

  it("seeks to where it is clicked", () => {
    const onSeek = vi.fn();
    render(<Waveform peaks={null} current={0} duration={200} onSeek={onSeek} />);
    const slider = screen.getByRole("slider");
    slider.getBoundingClientRect = () => ({ left: 100, width: 400, top: 0, height: 80, right: 500, bottom: 80, x: 100, y: 0, toJSON: () => ({}) });
    slider.setPointerCapture = () => undefined;
    fireEvent.pointerDown(slider, { clientX: 200, pointerId: 1 });
    expect(onSeek).toHaveBeenCalledWith(50);
  });
});
