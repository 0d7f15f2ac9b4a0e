import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.tsx";
import { currentLocale } from "./i18n.ts";
import "./portal.css";

document.documentElement.lang = currentLocale();
createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
