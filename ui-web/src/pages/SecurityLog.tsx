import { useState, type FormEvent } from "react";
import { api, query } from "../api";
import { AlertTable } from "../components/AlertTable";
import { Button, Card, Empty, Field, LoadState, Page } from "../components/ui";
import { useLoad } from "../hooks";
import type { Alert } from "../types";

const periods: { label: string; ms?: number }[] = [
  { label: "Last hour", ms: 3600e3 },
  { label: "Last 24 hours", ms: 86400e3 },
  { label: "Last 7 days", ms: 7 * 86400e3 },
  { label: "Any time" },
];

interface Filters {
  kind: string;
  workspace: string;
  period: number;
}

interface AlertPage {
  data: Alert[];
  next_before?: number | null;
}

export function SecurityLog() {
  const [draft, setDraft] = useState<Filters>({ kind: "", workspace: "", period: 1 });
  const [filters, setFilters] = useState<Filters>(draft);
  const [older, setOlder] = useState<Alert[]>([]);
  const [next, setNext] = useState<number | null | undefined>();
  const [loadingMore, setLoadingMore] = useState(false);

  const since = (f: Filters) => {
    const ms = periods[f.period].ms;
    return ms ? Date.now() - ms : undefined;
  };
  const params = (f: Filters, before?: number) =>
    query({ kind: f.kind.trim(), workspace: f.workspace.trim(), since: since(f), before, limit: 50 });

  const page = useLoad(async () => {
    const p = await api.get<AlertPage>("/alerts" + params(filters));
    setOlder([]);
    setNext(p.next_before);
    return p;
  }, [filters]);

  const apply = (e: FormEvent) => {
    e.preventDefault();
    setFilters({ ...draft });
  };
  const more = async () => {
    if (!next) return;
    setLoadingMore(true);
    try {
      const p = await api.get<AlertPage>("/alerts" + params(filters, next));
      setOlder((o) => [...o, ...p.data]);
      setNext(p.next_before);
    } finally {
      setLoadingMore(false);
    }
  };
  const kinds = Array.from(new Set([...(page.data?.data ?? []), ...older].map((a) => a.kind))).sort();
  const all = [...(page.data?.data ?? []), ...older];

  return (
    <Page title="Security log" intro="Secrets kept from providers, blocked requests and other security events, newest first.">
      <Card>
        <form className="filters" onSubmit={apply} aria-label="Filter alerts">
          <Field label="Kind" hint="e.g. secret_redacted">
            {(id, d) => (
              <>
                <input
                  id={id}
                  list="alert-kinds"
                  value={draft.kind}
                  aria-describedby={d}
                  onChange={(e) => setDraft({ ...draft, kind: e.target.value })}
                />
                <datalist id="alert-kinds">
                  {kinds.map((k) => (
                    <option key={k} value={k} />
                  ))}
                </datalist>
              </>
            )}
          </Field>
          <Field label="Workspace">
            {(id) => (
              <input id={id} value={draft.workspace} onChange={(e) => setDraft({ ...draft, workspace: e.target.value })} />
            )}
          </Field>
          <Field label="Time">
            {(id) => (
              <select id={id} value={draft.period} onChange={(e) => setDraft({ ...draft, period: Number(e.target.value) })}>
                {periods.map((p, i) => (
                  <option key={p.label} value={i}>
                    {p.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="filter-actions">
            <Button type="submit" kind="primary" busy={page.loading}>
              Show alerts
            </Button>
            <Button onClick={page.reload}>Refresh</Button>
          </div>
        </form>
      </Card>
      <Card title={page.data ? `${all.length}${next ? "+" : ""} alert${all.length === 1 ? "" : "s"}` : "Alerts"}>
        <LoadState loading={page.loading} error={page.error} what="alerts" hasData={!!page.data} feature="the security log" />
        {page.data && all.length === 0 && <Empty>No alerts match these filters.</Empty>}
        {all.length > 0 && <AlertTable alerts={all} />}
        {next ? (
          <Button onClick={more} busy={loadingMore}>
            Show older alerts
          </Button>
        ) : null}
      </Card>
    </Page>
  );
}
