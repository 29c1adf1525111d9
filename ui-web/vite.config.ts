import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The kernel serves dist/ (or $GATEOS_UI_OUT, e.g. <build>/share/gateos/ui) at `/`.
// No CDN, no external fonts: everything the page needs is in the bundle.
export default defineConfig({
  plugins: [react()],
  base: "/",
  build: {
    outDir: process.env.GATEOS_UI_OUT || "dist",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    assetsInlineLimit: 0,
    reportCompressedSize: true,
  },
  server: {
    // `npm run dev` proxies the admin API to a kernel on :8080.
    proxy: { "/admin/api": "http://127.0.0.1:8080", "/healthz": "http://127.0.0.1:8080" },
  },
});
