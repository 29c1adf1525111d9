import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import type { ApiError } from "../api";

export function Page(props: { title: string; intro?: ReactNode; actions?: ReactNode; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // Moving focus to the new page's heading tells keyboard and screen-reader users where they are.
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-head">
        <div>
          <h1 id="page-title" tabIndex={-1} ref={heading}>
            {props.title}
          </h1>
          {props.intro && <p className="intro">{props.intro}</p>}
        </div>
        {props.actions && <div className="page-actions">{props.actions}</div>}
      </header>
      {props.children}
    </section>
  );
}

export function Card(props: { title?: ReactNode; children: ReactNode; className?: string; actions?: ReactNode }) {
  return (
    <div className={"card " + (props.className ?? "")}>
      {(props.title || props.actions) && (
        <div className="card-head">
          {props.title && <h2>{props.title}</h2>}
          {props.actions}
        </div>
      )}
      {props.children}
    </div>
  );
}

export function Loading(props: { what?: string }) {
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" /> Loading {props.what ?? ""}…
    </p>
  );
}

export function Empty(props: { children: ReactNode }) {
  return <p className="empty">{props.children}</p>;
}

export function ErrorNote(props: { error?: string | ApiError; children?: ReactNode }) {
  const message = typeof props.error === "string" ? props.error : props.error?.message;
  if (!message) return null;
  return (
    <div className="error" role="alert">
      <strong>Error:</strong> {message}
      {props.children}
    </div>
  );
}

export function Done(props: { message?: string }) {
  if (!props.message) return null;
  return (
    <p className="done" role="status">
      {props.message}
    </p>
  );
}

// What a page shows while its data loads, when loading failed, or when the
// kernel does not have the API behind it yet.
export function LoadState(props: { loading: boolean; error?: ApiError; what: string; hasData: boolean; feature?: string }) {
  if (props.error?.missingRoute)
    return (
      <Empty>
        This kernel does not offer {props.feature ?? props.what} yet: its admin API is not part of this build.
      </Empty>
    );
  if (props.error) return <ErrorNote error={props.error} />;
  if (props.loading && !props.hasData) return <Loading what={props.what} />;
  return null;
}

export function Button(props: {
  children: ReactNode;
  onClick?: () => void;
  kind?: "primary" | "danger" | "plain";
  busy?: boolean;
  disabled?: boolean;
  type?: "button" | "submit";
  label?: string;
}) {
  return (
    <button
      type={props.type ?? "button"}
      className={"btn " + (props.kind ?? "plain")}
      onClick={props.onClick}
      disabled={props.disabled || props.busy}
      aria-busy={props.busy || undefined}
      aria-label={props.label}
    >
      {props.busy && <span className="spinner" aria-hidden="true" />}
      {props.children}
    </button>
  );
}

export function Field(props: {
  label: string;
  hint?: ReactNode;
  error?: string;
  children: (id: string, describedBy: string | undefined) => ReactNode;
}) {
  const id = useId();
  const hintId = props.hint ? id + "-hint" : undefined;
  const errorId = props.error ? id + "-error" : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={"field" + (props.error ? " invalid" : "")}>
      <label htmlFor={id}>{props.label}</label>
      {props.children(id, describedBy)}
      {props.hint && (
        <small id={hintId} className="hint">
          {props.hint}
        </small>
      )}
      {props.error && (
        <small id={errorId} className="field-error">
          {props.error}
        </small>
      )}
    </div>
  );
}

export function Toggle(props: { checked: boolean; onChange: (v: boolean) => void; label: string; busy?: boolean }) {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={props.checked}
      aria-label={props.label}
      className={"toggle" + (props.checked ? " on" : "")}
      disabled={props.busy}
      onClick={() => props.onChange(!props.checked)}
    >
      <span className="knob" aria-hidden="true" />
      <span className="toggle-text">{props.checked ? "On" : "Off"}</span>
    </button>
  );
}

export function Badge(props: { tone?: "ok" | "warn" | "bad" | "muted"; children: ReactNode }) {
  return <span className={"badge " + (props.tone ?? "muted")}>{props.children}</span>;
}

export function CopyButton(props: { text: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.text);
    } catch {
      // Clipboard API needs a secure context; fall back to a selection copy.
      const area = document.createElement("textarea");
      area.value = props.text;
      document.body.appendChild(area);
      area.select();
      document.execCommand("copy");
      area.remove();
    }
    setCopied(true);
    window.setTimeout(() => setCopied(false), 2000);
  };
  return (
    <Button onClick={copy} label={props.label}>
      {copied ? "Copied" : "Copy"}
    </Button>
  );
}

export function time(ms?: number): string {
  if (!ms) return "—";
  return new Date(ms).toLocaleString();
}

export function duration(seconds?: number): string {
  if (seconds === undefined) return "—";
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
  return `${Math.floor(seconds / 86400)} d ${Math.floor((seconds % 86400) / 3600)} h`;
}
