import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const webRoot = fileURLToPath(new URL(".", import.meta.url));
const repoRoot = fileURLToPath(new URL("..", import.meta.url));

// Libraries every page needs go into stable, long-cached chunks. antd is split by
// what the entry reaches ($initial): the rest of antd (Table, Tree, DatePicker …)
// stays with the lazy route that uses it, so the sign-in page never downloads it.
const vendorGroups = [
  { name: "react", test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 40 },
  { name: "tanstack", test: /node_modules[\\/]@tanstack[\\/]/, priority: 35 },
  { name: "i18next", test: /node_modules[\\/](i18next|react-i18next)[\\/]/, priority: 35 },
  { name: "echarts", test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 30 },
  { name: "zod", test: /node_modules[\\/]zod[\\/]/, priority: 30 },
  {
    name: "antd-base",
    test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|dayjs|@emotion)[\\/]/,
    tags: ["$initial" as const],
    priority: 20,
  },
];

export default defineConfig({
  root: webRoot,
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { "/api": "http://localhost:3000" },
    // common/ (schemas, enums, i18n messages) lives beside web/.
    fs: { allow: [repoRoot] },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      // Two pages: the staff app and the citizens' portal (served at /cong-dan). The portal
      // imports neither antd nor the staff app's messages, and stays under 150 KB gzipped on
      // first load (scripts/check-portal-size.mjs).
      input: { main: `${webRoot}index.html`, portal: `${webRoot}portal.html` },
      output: { codeSplitting: { groups: vendorGroups } },
    },
  },
});
