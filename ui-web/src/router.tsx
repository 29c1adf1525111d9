import { useEffect, useState, type MouseEvent, type ReactNode } from "react";

// Client-side routes are real paths (/plugins …); the kernel answers every such
// path with index.html, so reloads and bookmarks work.
export function usePath(): string {
  const [path, setPath] = useState(window.location.pathname);
  useEffect(() => {
    const update = () => setPath(window.location.pathname);
    window.addEventListener("popstate", update);
    return () => window.removeEventListener("popstate", update);
  }, []);
  return path;
}

export function navigate(to: string) {
  if (to === window.location.pathname) return;
  window.history.pushState(null, "", to);
  window.dispatchEvent(new PopStateEvent("popstate"));
}

export function Link(props: { to: string; children: ReactNode; className?: string; current?: boolean }) {
  const click = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(props.to);
  };
  return (
    <a href={props.to} onClick={click} className={props.className} aria-current={props.current ? "page" : undefined}>
      {props.children}
    </a>
  );
}
