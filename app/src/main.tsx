import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { WagmiProvider } from "wagmi";

import { App } from "./App.tsx";
import { ToastProvider } from "./components/toasts.tsx";
import "./styles.css";
import { createAppConfig } from "./wallet/config.ts";
import { discoverDevAccounts } from "./wallet/devAccounts.ts";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

// The dev wallet exists only when the local node answers with the local chain id.
const devAccounts = await discoverDevAccounts();
const config = createAppConfig(devAccounts);
const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 1, staleTime: 1_000 } } });

createRoot(root).render(
  <StrictMode>
    <WagmiProvider config={config}>
      <QueryClientProvider client={queryClient}>
        <ToastProvider>
          <App />
        </ToastProvider>
      </QueryClientProvider>
    </WagmiProvider>
  </StrictMode>,
);
