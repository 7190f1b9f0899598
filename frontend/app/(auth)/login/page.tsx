import type { Metadata } from "next";

import { LoginForm } from "@/components/auth/login-form";
import { Logo } from "@/components/shell/logo";

export const metadata: Metadata = { title: "Sign in" };

const REASONS: Record<string, string> = {
  session_ended: "Your session ended, please sign in again.",
};

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string; reason?: string }>;
}) {
  const { next, reason } = await searchParams;
  return (
    <main className="grid min-h-dvh place-items-center px-4 py-10">
      <div className="w-full max-w-sm">
        <Logo className="mb-8 justify-center" />
        <div className="rounded-2xl border bg-card/70 p-6 shadow-2xl backdrop-blur sm:p-8">
          <h1 className="text-xl font-semibold tracking-tight">Welcome back</h1>
          <p className="mt-1 mb-6 text-sm text-muted-foreground">Sign in to your studio.</p>
          <LoginForm next={next ?? ""} notice={reason ? (REASONS[reason] ?? null) : null} />
        </div>
        <p className="mt-6 text-center text-xs text-muted-foreground">
          Prompt → ambient music → cover art → video.
        </p>
      </div>
    </main>
  );
}
