/// <reference types="vitest/config" />
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/**
 * The operator sends no CORS headers, so the browser reaches it through this same-origin proxy:
 * `OPERATOR_PROXY_TARGET=http://127.0.0.1:8787` here and `VITE_OPERATOR_URL=/operator` in the app
 * (REST and the WebSocket both go through it, in `vite` and in `vite preview`).
 */
const operatorTarget = process.env.OPERATOR_PROXY_TARGET;
const proxy = operatorTarget
  ? {
      "/operator": {
        target: operatorTarget,
        ws: true,
        changeOrigin: true,
        rewrite: (path: string) => path.replace(/^\/operator/, "") || "/",
      },
    }
  : undefined;

export default defineConfig({
  plugins: [react()],
  server: { host: "127.0.0.1", port: 5173, strictPort: false, ...(proxy ? { proxy } : {}) },
  preview: { host: "127.0.0.1", ...(proxy ? { proxy } : {}) },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
    target: "es2022",
    chunkSizeWarningLimit: 1200,
  },
  test: {
    include: ["test/**/*.test.{ts,tsx}"],
    environment: "node",
  },
});
