// @vitest-environment happy-dom
import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";

import { StatsCards } from "@/components/dashboard/stats-panel";
import type { Stats } from "@/lib/api/types";

afterEach(cleanup);

const base: Stats = {
  tracks_by_status: { generated: 3, rendered: 2, failed: 1 },
  total_tracks: 6,
  storage_bytes: 1_250_000_000,
  month_generations: 120,
  monthly_quota: 500,
  quota_used_percent: 24,
  quota_alert: false,
  spend_by_provider: null,
};

describe("StatsCards", () => {
  it("shows tracks by status, storage and the month's quota", () => {
    render(<StatsCards stats={base} />);
    const tracks = screen.getByTestId("stat-tracks");
    expect(within(tracks).getByText("6")).toBeTruthy();
    expect(within(tracks).getByText("Rendered").parentElement?.textContent).toContain("2");
    expect(within(screen.getByTestId("stat-storage")).getByText("1.3 GB")).toBeTruthy();
    expect(screen.getByTestId("stat-quota").textContent).toContain("24% of the monthly generation quota");
    expect(screen.getByTestId("stat-spend").textContent).toContain("Local providers only");
  });

  it("warns past 80 % of the quota, and shows spend per provider when there is any", () => {
    render(
      <StatsCards
        stats={{
          ...base,
          month_generations: 430,
          quota_used_percent: 86,
          quota_alert: true,
          spend_by_provider: { mubert: 4.5, openai: 0.0042 },
        }}
      />,
    );
    const quota = screen.getByTestId("stat-quota");
    expect(within(quota).getByRole("status").textContent).toBe("86% of the monthly quota used");
    const spend = screen.getByTestId("stat-spend");
    expect(spend.textContent).toContain("$4.50");
    expect(spend.textContent).toContain("Mubert");
    expect(spend.textContent).toContain("$0.0042");
  });
});
