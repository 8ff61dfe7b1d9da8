import { Suspense, lazy } from "react";
import { BrowserRouter, NavLink, Route, Routes } from "react-router";

import { CollateralBadge } from "./components/FaucetButton.tsx";
import { NetworkBanner } from "./components/NetworkBanner.tsx";
import { WalletMenu } from "./components/WalletMenu.tsx";

// Every screen is its own chunk: the first load carries only the shell.
const MarketsPage = lazy(() => import("./pages/MarketsPage.tsx"));
const MarketPage = lazy(() => import("./pages/MarketPage.tsx"));
const MarketIdRedirect = lazy(() =>
  import("./pages/MarketRedirects.tsx").then((m) => ({ default: m.MarketIdRedirect })),
);
const ConditionRedirect = lazy(() =>
  import("./pages/MarketRedirects.tsx").then((m) => ({ default: m.ConditionRedirect })),
);
const PoolPage = lazy(() => import("./pages/PoolPage.tsx"));
const LiquidityPage = lazy(() => import("./pages/LiquidityPage.tsx"));
const CreateMarketPage = lazy(() => import("./pages/CreateMarketPage.tsx"));
const ResolutionPage = lazy(() => import("./pages/ResolutionPage.tsx"));
const PortfolioPage = lazy(() => import("./pages/PortfolioPage.tsx"));

const NAV = [
  ["/", "Markets"],
  ["/pool", "Pool"],
  ["/liquidity", "Liquidity"],
  ["/create", "Create"],
  ["/resolution", "Resolution"],
  ["/portfolio", "Portfolio"],
] as const;

export function App() {
  return (
    <BrowserRouter>
      <header className="top">
        <NavLink to="/" className="brand">
          Forkcast
        </NavLink>
        <nav>
          {NAV.map(([to, label]) => (
            <NavLink key={to} to={to} end={to === "/"}>
              {label}
            </NavLink>
          ))}
        </nav>
        <CollateralBadge />
        <WalletMenu />
      </header>
      <NetworkBanner />
      <main>
        <Suspense fallback={<p className="muted">Loading…</p>}>
          <Routes>
            <Route path="/" element={<MarketsPage />} />
            <Route path="/markets/:marketId" element={<MarketPage />} />
            <Route path="/m/:marketId" element={<MarketIdRedirect />} />
            <Route path="/market/:conditionId" element={<ConditionRedirect />} />
            <Route path="/pool" element={<PoolPage />} />
            <Route path="/liquidity" element={<LiquidityPage />} />
            <Route path="/create" element={<CreateMarketPage />} />
            <Route path="/resolution" element={<ResolutionPage />} />
            <Route path="/portfolio" element={<PortfolioPage />} />
            <Route path="*" element={<p>Page not found.</p>} />
          </Routes>
        </Suspense>
      </main>
    </BrowserRouter>
  );
}
