import type { Alert } from "../types";
import { Badge, time } from "./ui";

const tone = (severity: string) => (severity === "critical" ? "bad" : severity === "warning" ? "warn" : "muted");

function detailText(detail?: Record<string, unknown>): string {
  if (!detail) return "";
  const entries = Object.entries(detail).filter(([, v]) => v !== null && v !== "" && typeof v !== "object");
  return entries.map(([k, v]) => `${k}: ${String(v)}`).join(", ");
}

export function AlertTable(props: { alerts: Alert[] }) {
  return (
    <div className="table-wrap">
      <table className="table alerts">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Severity</th>
            <th scope="col">Kind</th>
            <th scope="col">Workspace</th>
            <th scope="col">What happened</th>
          </tr>
        </thead>
        <tbody>
          {props.alerts.map((a) => (
            <tr key={a.id}>
              <td data-label="Time">{time(a.ts)}</td>
              <td data-label="Severity">
                <Badge tone={tone(a.severity)}>{a.severity}</Badge>
              </td>
              <td data-label="Kind">
                <code>{a.kind}</code>
              </td>
              <td data-label="Workspace">{a.workspace || "—"}</td>
              <td data-label="What happened">
                {a.message}
                {detailText(a.detail) && <div className="muted small">{detailText(a.detail)}</div>}
                {a.request_id && <div className="muted small">request {a.request_id}</div>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
