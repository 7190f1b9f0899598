// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";

import { ConfirmDelete } from "@/components/shell/confirm-delete";
import { ApiError } from "@/lib/api/errors";

afterEach(cleanup);

function setUp(remove: () => Promise<unknown>) {
  const onDeleted = vi.fn();
  render(
    <ConfirmDelete title="Delete this song?" description="The file goes." confirmLabel="Delete song" remove={remove} onDeleted={onDeleted} />,
  );
  fireEvent.click(screen.getByRole("button", { name: /Delete/ }));
  return onDeleted;
}

describe("ConfirmDelete", () => {
  it("deletes only once confirmed, then closes and reports", async () => {
    const remove = vi.fn(async () => undefined);
    const onDeleted = setUp(remove);
    expect(remove).not.toHaveBeenCalled();
    expect(screen.getByRole("alertdialog").textContent).toContain("The file goes.");
    fireEvent.click(screen.getByRole("button", { name: "Delete song" }));
    await waitFor(() => expect(onDeleted).toHaveBeenCalledTimes(1));
    expect(remove).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.queryByRole("alertdialog")).toBeNull());
  });

  it("keeps the dialog open with the refusal when the API says no", async () => {
    const refusal = new ApiError({ detail: "a video uses this song", error_code: "CONFLICT", status_code: 409 });
    const onDeleted = setUp(async () => {
      throw refusal;
    });
    fireEvent.click(screen.getByRole("button", { name: "Delete song" }));
    expect((await screen.findByRole("alert")).textContent).toContain("a video uses this song");
    expect(screen.getByRole("alertdialog")).toBeTruthy();
    expect(onDeleted).not.toHaveBeenCalled();
  });

  it("offers nothing while the subject is busy", () => {
    const remove = vi.fn(async () => undefined);
    render(<ConfirmDelete title="Delete this track?" description="Gone." confirmLabel="Delete track" disabled remove={remove} />);
    const trigger = screen.getByRole("button", { name: /Delete/ });
    expect(trigger.hasAttribute("disabled")).toBe(true);
    fireEvent.click(trigger);
    expect(screen.queryByRole("alertdialog")).toBeNull();
  });
});
