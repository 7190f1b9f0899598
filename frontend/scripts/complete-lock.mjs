#!/usr/bin/env node
// Completes package-lock.json with the platform packages that this workplace's npm registry
// mirror does not carry (e.g. @next/swc-darwin-arm64). npm leaves them out of the lock when
// their metadata 404s, and `npm ci` then refuses the lock as "out of sync". Each gets the
// entry npm writes on a full registry — version, os, cpu (libc) and optional — so npm ci
// here skips it as another platform's, and elsewhere fetches it as usual.
// Run after `npm install` changes the lock: `node scripts/complete-lock.mjs`.
import { readFileSync, writeFileSync } from "node:fs";

const path = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(path, "utf8"));
const packages = lock.packages;

const OS = ["darwin", "win32", "linux", "android", "freebsd", "openbsd", "openharmony", "sunos", "aix", "netbsd"];
const CPU = [
  ["arm64", "arm64"], ["aarch64", "arm64"], ["x64", "x64"], ["ia32", "ia32"], ["loong64", "loong64"],
  ["ppc64", "ppc64"], ["riscv64", "riscv64"], ["s390x", "s390x"], ["arm", "arm"], ["wasm32", "wasm32"],
];

function platformOf(name) {
  const parts = name.split("/").pop().split("-");
  const os = OS.find((o) => parts.includes(o));
  const cpu = CPU.find(([token]) => parts.some((p) => p === token || p.startsWith(`${token}eabi`)))?.[1];
  const last = parts.at(-1);
  const libc = last.startsWith("musl") ? "musl" : last.startsWith("gnu") && os === "linux" ? "glibc" : null;
  return { os, cpu, libc };
}

let added = 0;
for (const [location, entry] of Object.entries(packages)) {
  for (const [dep, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    const base = location ? `${location}/node_modules/${dep}` : `node_modules/${dep}`;
    if (packages[base] || packages[`node_modules/${dep}`]) continue;
    const version = String(spec).replace(/^[\^~=]/, "");
    if (!/^\d+\.\d+\.\d+/.test(version)) continue; // a range we cannot pin: leave it to npm
    const { os, cpu, libc } = platformOf(dep);
    if (!os && !cpu) continue; // not a platform package
    packages[`node_modules/${dep}`] = {
      version,
      ...(cpu ? { cpu: [cpu] } : {}),
      ...(libc ? { libc: [libc] } : {}),
      optional: true,
      ...(os ? { os: [os] } : {}),
    };
    added += 1;
  }
}

const sorted = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))),
);
lock.packages = sorted;
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lock: added ${added} platform entries`);
