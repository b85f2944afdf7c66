import { defineConfig } from "vitest/config";
import { svelte } from "@sveltejs/vite-plugin-svelte";

// Tauri expects a fixed port in dev and fails if it is taken.
export default defineConfig({
  plugins: [svelte()],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  // nhsuk-frontend still carries an old IE media hack that lightningcss will
  // not minify; the CSS is read from disk, so size hardly matters.
  build: { target: "safari15", outDir: "dist", emptyOutDir: true, cssMinify: false },
  test: { include: ["src/**/*.test.ts"] },
});
