import { RouterProvider } from "@tanstack/react-router";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { configureApiClient } from "./api/client.ts";
import { AppProviders } from "./app/AppProviders.tsx";
import i18n, { currentLocale } from "./app/i18n.ts";
import { router } from "./app/router.tsx";
import "./styles.css";

// Texts for failures that never reached the server follow the UI language.
configureApiClient({
  getLanguage: currentLocale,
  fallback: {
    network: () => i18n.t("errors.network"),
    unexpected: (status) => i18n.t("errors.unexpected", { status }),
  },
});
const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root");
createRoot(root).render(
  <StrictMode>
    <AppProviders>
      <RouterProvider router={router} />
    </AppProviders>
  </StrictMode>,
);
