import Link from "next/link";
import { Suspense } from "react";

import { Logo } from "@/components/shell/logo";
import { SidebarNav, TabBar } from "@/components/shell/nav-links";
import { UserMenu, UserMenuSkeleton } from "@/components/shell/user-menu";

export default function StudioLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="md:grid md:min-h-dvh md:grid-cols-[15rem_1fr]">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-primary px-3 py-2 text-primary-foreground focus:not-sr-only focus:fixed focus:top-3 focus:left-3"
      >
        Skip to content
      </a>
      <aside className="sticky top-0 hidden h-dvh flex-col gap-8 border-r bg-background/40 px-4 py-6 backdrop-blur md:flex">
        <Link href="/dashboard" className="rounded-lg px-2 outline-none focus-visible:ring-[3px] focus-visible:ring-ring">
          <Logo />
        </Link>
        <SidebarNav />
        <div className="mt-auto border-t pt-4">
          <Suspense fallback={<UserMenuSkeleton />}>
            <UserMenu />
          </Suspense>
        </div>
      </aside>

      <header className="sticky top-0 z-30 flex items-center justify-between gap-4 border-b bg-background/80 px-4 py-3 backdrop-blur-lg md:hidden">
        <Link href="/dashboard" aria-label="Ambient Studio home">
          <Logo />
        </Link>
        <Suspense fallback={<UserMenuSkeleton className="w-32" />}>
          <UserMenu className="max-w-[55%]" />
        </Suspense>
      </header>

      <main id="main" className="min-w-0 px-4 pt-6 pb-28 sm:px-6 md:px-10 md:pt-10 md:pb-16">
        <div className="mx-auto w-full max-w-6xl">{children}</div>
      </main>
      <TabBar />
    </div>
  );
}
