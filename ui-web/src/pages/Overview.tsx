import { api } from "../api";
import { AlertTable } from "../components/AlertTable";
import { Badge, Card, duration, Empty, ErrorNote, Loading, Page } from "../components/ui";
import { useInterval, useLoad } from "../hooks";
import { Link } from "../router";
import type { Alert, Stats, Status } from "../types";

function Metric(props: { label: string; value?: number | string; note?: string }) {
  return (
    <div className="metric">
      <div className="metric-value">{props.value ?? "—"}</div>
      <div className="metric-label">{props.label}</div>
      {props.note && <div className="metric-note">{props.note}</div>}
    </div>
  );
}

export function Overview() {
  const status = useLoad(() => api.get<Status>("/status"));
  // /stats arrived with the web UI; an older kernel has only /status.
  const stats = useLoad(() => api.get<Stats>("/stats").catch(() => undefined));
  const alerts = useLoad(() => api.get<{ data: Alert[] }>("/alerts?limit=5"));
  useInterval(() => {
    status.reload();
    stats.reload();
    alerts.reload();
  }, 5000);

  const s = status.data;
  const st = stats.data;
  const tokens = (w?: { input_tokens?: number; output_tokens?: number }) =>
    w && w.input_tokens !== undefined ? String((w.input_tokens ?? 0) + (w.output_tokens ?? 0)) : undefined;
  const tokenNote = (w?: { input_tokens?: number }) => (w?.input_tokens === undefined ? "not metered by this kernel" : undefined);

  return (
    <Page title="Overview" intro="How this GateOS kernel is doing right now.">
      <Card title="Health">
        {status.error ? (
          <ErrorNote error={status.error} />
        ) : !s ? (
          <Loading what="status" />
        ) : (
          <div className="metrics">
            <div className="metric">
              <div className="metric-value">
                {s.draining ? <Badge tone="warn">Draining</Badge> : <Badge tone="ok">Serving</Badge>}
              </div>
              <div className="metric-label">Kernel {s.version ? "v" + s.version : ""}</div>
            </div>
            <Metric label="Up for" value={duration(s.uptime_seconds)} />
            <Metric label="Providers" value={s.providers} />
            <Metric label="Plugins loaded" value={s.plugins} />
            <Metric label="Open connections" value={s.open_connections} />
            <Metric label="Requests in flight" value={st?.active_requests ?? s.active_requests} />
            <Metric label="Active streams" value={st?.active_streams ?? s.active_streams} />
          </div>
        )}
      </Card>
      <Card title="Traffic">
        {stats.loading && !st ? (
          <Loading what="traffic" />
        ) : !st?.last_hour ? (
          <Empty>This kernel does not report recent traffic.</Empty>
        ) : (
          <div className="metrics">
            <Metric label="Requests, last hour" value={st.last_hour.requests} />
            <Metric label="Errors, last hour" value={st.last_hour.errors} />
            <Metric label="Tokens, last hour" value={tokens(st.last_hour)} note={tokenNote(st.last_hour)} />
            <Metric label="Requests, last 24 h" value={st.last_day?.requests} />
            <Metric label="Errors, last 24 h" value={st.last_day?.errors} />
            <Metric label="Tokens, last 24 h" value={tokens(st.last_day)} note={tokenNote(st.last_day)} />
          </div>
        )}
      </Card>
      <Card title="Recent security alerts" actions={<Link to="/security">Open the security log</Link>}>
        {alerts.error ? (
          alerts.error.missingRoute ? (
            <Empty>This kernel does not offer the security log yet.</Empty>
          ) : (
            <ErrorNote error={alerts.error} />
          )
        ) : !alerts.data ? (
          <Loading what="alerts" />
        ) : alerts.data.data.length === 0 ? (
          <Empty>No alerts. Secrets found in prompts and other security events show up here.</Empty>
        ) : (
          <AlertTable alerts={alerts.data.data} />
        )}
      </Card>
    </Page>
  );
}
