"use client";

import { Clapperboard, Film, Gauge, History, Layers, Megaphone, Settings } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";

import { cn } from "@/lib/utils";

const NAV = [
  { href: "/dashboard", label: "Dashboard", icon: Gauge },
  { href: "/history", label: "History", icon: History },
  { href: "/batch", label: "Batch", icon: Layers },
  { href: "/music", label: "Music video", icon: Clapperboard },
  { href: "/ads", label: "Ads", icon: Megaphone },
  { href: "/library", label: "Library", icon: Film },
  { href: "/settings", label: "Settings", icon: Settings },
] as const;

function useActive() {
  const pathname = usePathname();
  // A track page belongs to History in the creator's mental map.
  return (href: string) =>
    pathname === href || pathname.startsWith(`${href}/`) || (href === "/history" && pathname.startsWith("/tracks/"));
}

/** The NAV links, marked for the current page; the two navs differ only in their classes. */
function NavItems({
  linkClassName,
  activeClassName,
  iconClassName,
  activeIconClassName,
}: {
  linkClassName: string;
  activeClassName: string;
  iconClassName: string;
  activeIconClassName?: string;
}) {
  const isActive = useActive();
  return NAV.map(({ href, label, icon: Icon }) => {
    const active = isActive(href);
    return (
      <Link
        key={href}
        href={href}
        aria-current={active ? "page" : undefined}
        className={cn(linkClassName, active && activeClassName)}
      >
        <Icon className={cn(iconClassName, active && activeIconClassName)} aria-hidden />
        {label}
      </Link>
    );
  });
}

/** Vertical list for the desktop sidebar. */
export function SidebarNav() {
  return (
    <nav aria-label="Main" className="grid gap-1">
      <NavItems
        linkClassName="group flex items-center gap-3 rounded-lg px-3 py-2 text-sm font-medium text-muted-foreground transition-colors outline-none hover:bg-accent/60 hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring"
        activeClassName="bg-accent text-foreground shadow-[inset_2px_0_0_0_var(--color-primary)]"
        iconClassName="size-4"
        activeIconClassName="text-primary"
      />
    </nav>
  );
}

/** Bottom tab bar on phone-width screens: thumb-reachable, no menu to open. */
export function TabBar() {
  return (
    <nav
      aria-label="Main"
      className="fixed inset-x-0 bottom-0 z-40 grid grid-cols-7 border-t bg-background/85 pb-[env(safe-area-inset-bottom)] backdrop-blur-lg md:hidden"
    >
      <NavItems
        linkClassName="flex flex-col items-center gap-1 py-2.5 text-[11px] font-medium text-muted-foreground outline-none focus-visible:bg-accent"
        activeClassName="text-primary"
        iconClassName="size-5"
      />
    </nav>
  );
}
