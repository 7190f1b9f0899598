import { fileURLToPath } from "node:url";

import { defineConfig } from "vitest/config";

// No @vitejs/plugin-react: esbuild's automatic JSX runtime is all component tests need.
export default defineConfig({
  esbuild: { jsx: "automatic" },
  resolve: { alias: { "@": fileURLToPath(new URL("./", import.meta.url)) } },
  test: {
    include: ["tests/**/*.test.{ts,tsx}"],
    environment: "node",
    restoreMocks: true,
  },
});
