import { useCallback, useEffect, useState } from "react";
import { api, setCsrfToken, whenSignedOut } from "./api";
import { Loading } from "./components/ui";
import { Link, navigate, usePath } from "./router";
import { Clients } from "./pages/Clients";
import { FileTypes } from "./pages/FileTypes";
import { Overview } from "./pages/Overview";
import { Pipeline } from "./pages/Pipeline";
import { Plugins } from "./pages/Plugins";
import { Providers } from "./pages/Providers";
import { SecurityLog } from "./pages/SecurityLog";
import { SignIn } from "./pages/SignIn";
import { Templates } from "./pages/Templates";
import { Workspaces } from "./pages/Workspaces";

const pages = [
  { path: "/", label: "Overview", view: Overview },
  { path: "/plugins", label: "Plugins", view: Plugins },
  { path: "/providers", label: "Providers & models", view: Providers },
  { path: "/pipeline", label: "Pipeline", view: Pipeline },
  { path: "/file-types", label: "File-type defaults", view: FileTypes },
  { path: "/templates", label: "Prompt templates", view: Templates },
  { path: "/workspaces", label: "Workspaces & keys", view: Workspaces },
  { path: "/security", label: "Security log", view: SecurityLog },
  { path: "/clients", label: "Clients", view: Clients },
];

type SessionState = "checking" | "signed-in" | "signed-out" | "expired";

export function App() {
  const path = usePath();
  const [session, setSession] = useState<SessionState>("checking");
  const [menuOpen, setMenuOpen] = useState(false);

  useEffect(() => {
    whenSignedOut(() => setSession((s) => (s === "signed-in" ? "expired" : "signed-out")));
    api
      .get<{ csrf_token?: string }>("/session")
      .then((s) => {
        setCsrfToken(s.csrf_token ?? "");
        setSession("signed-in");
      })
      .catch(() => setSession("signed-out"));
  }, []);

  useEffect(() => setMenuOpen(false), [path]);

  // The first usable screen (sign-in form or a page): the browser tests read this mark.
  useEffect(() => {
    if (session !== "checking" && performance.getEntriesByName("gateos:interactive").length === 0)
      performance.mark("gateos:interactive");
  }, [session]);

  const signOut = useCallback(async () => {
    try {
      await api.del("/session");
    } finally {
      setCsrfToken("");
      setSession("signed-out");
      navigate("/");
    }
  }, []);

  if (session === "checking") return <Loading what="GateOS" />;
  if (session !== "signed-in")
    return <SignIn expired={session === "expired"} onSignedIn={() => setSession("signed-in")} />;

  const current = pages.find((p) => p.path === path);
  const View = current?.view;
  return (
    <div className="shell">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <div className="brand">
          <span className="logo" aria-hidden="true">G</span> GateOS
        </div>
        <button
          type="button"
          className="btn plain menu-button"
          aria-expanded={menuOpen}
          aria-controls="nav"
          onClick={() => setMenuOpen((o) => !o)}
        >
          Menu
        </button>
        <button type="button" className="btn plain signout" onClick={signOut}>
          Sign out
        </button>
      </header>
      <nav id="nav" className={"nav" + (menuOpen ? " open" : "")} aria-label="Main">
        <ul>
          {pages.map((p) => (
            <li key={p.path}>
              <Link to={p.path} current={p.path === path}>
                {p.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="main">
        {View ? (
          <View key={path} />
        ) : (
          <section className="page">
            <h1>Page not found</h1>
            <p>
              There is no page at <code>{path}</code>. <Link to="/">Go to the overview</Link>.
            </p>
          </section>
        )}
      </main>
    </div>
  );
}
