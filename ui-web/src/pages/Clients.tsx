import { useState } from "react";
import { api, enc } from "../api";
import { Badge, Button, Card, Done, Empty, ErrorNote, LoadState, Page, time } from "../components/ui";
import { useAction, useLoad } from "../hooks";

interface Client {
  id: string;
  plugin: string;
  name: string;
  detected: boolean;
  connected: boolean;
  connected_at?: number;
  config_paths?: { path: string; exists: boolean }[];
  files?: string[];
}

interface ClientChange {
  client: string;
  connected: boolean;
  dry_run: boolean;
  diff?: string;
  files?: { path: string; action: string }[];
  model?: string;
  message?: string;
}

// Client applications as peripherals: connect writes the client's own config
// file (backed up first), disconnect takes exactly GateOS's lines out again.
// A preview (dry run) shows the diff before anything is written.
export function Clients() {
  const clients = useLoad(() => api.get<{ data: Client[] }>("/clients"));
  return (
    <Page
      title="Clients"
      intro="Point a coding tool at GateOS with one click: GateOS writes the tool's own config file (after a backup) and a key for it, and takes its lines out again on disconnect."
    >
      <Card>
        <LoadState loading={clients.loading} error={clients.error} what="clients" hasData={!!clients.data} feature="client integrations" />
        {clients.data && clients.data.data.length === 0 && <Empty>No client integrations are installed. Install one from Plugins (integrations.*).</Empty>}
        {clients.data && clients.data.data.length > 0 && (
          <ul className="rows">
            {clients.data.data.map((c) => (
              <ClientRow key={c.id} client={c} onChanged={clients.reload} />
            ))}
          </ul>
        )}
      </Card>
    </Page>
  );
}

function ClientRow(props: { client: Client; onChanged: () => void }) {
  const { client, onChanged } = props;
  const [preview, setPreview] = useState<ClientChange | null>(null);
  const action = useAction();
  const change = async (verb: "connect" | "disconnect", dryRun: boolean) => {
    const answer: { change?: ClientChange } = {};
    const ok = await action.run(async () => {
      answer.change = await api.post<ClientChange>(`/clients/${enc(client.id)}/${verb}`, { dry_run: dryRun });
    }, dryRun ? "" : verb === "connect" ? `${client.name} now uses GateOS.` : `${client.name} is back to its own settings.`);
    if (!ok) return;
    setPreview(dryRun ? answer.change ?? null : null);
    if (!dryRun) onChanged();
  };
  const paths = client.files?.length ? client.files : (client.config_paths ?? []).map((p) => p.path);
  return (
    <li className="row" data-testid={`client-${client.id}`}>
      <div className="row-main">
        <strong>{client.name}</strong>{" "}
        {client.connected ? <Badge tone="ok">connected</Badge> : <Badge tone="muted">not connected</Badge>}{" "}
        {!client.detected && !client.connected && <Badge tone="muted">not found on this machine</Badge>}
        {client.connected && client.connected_at ? <div className="muted small">since {time(client.connected_at)}</div> : null}
        {paths.length > 0 && <div className="muted small">{paths.join(", ")}</div>}
        {preview && (
          <div className="preview" aria-label={`Changes for ${client.name}`}>
            <p className="small">{preview.message ?? "These changes would be made:"}</p>
            <pre className="diff">{preview.diff || "(no changes)"}</pre>
          </div>
        )}
        <ErrorNote error={action.error} />
        <Done message={action.done} />
      </div>
      <div className="row-actions">
        {!client.connected && (
          <>
            <Button label={`Preview connecting ${client.name}`} busy={action.busy} onClick={() => change("connect", true)}>
              Preview
            </Button>
            <Button kind="primary" label={`Connect ${client.name}`} busy={action.busy} onClick={() => change("connect", false)}>
              Connect
            </Button>
          </>
        )}
        {client.connected && (
          <Button kind="danger" label={`Disconnect ${client.name}`} busy={action.busy} onClick={() => change("disconnect", false)}>
            Disconnect
          </Button>
        )}
      </div>
    </li>
  );
}
