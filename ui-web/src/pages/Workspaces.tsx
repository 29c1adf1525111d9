import { useState, type FormEvent } from "react";
import { api, enc } from "../api";
import { Badge, Button, Card, CopyButton, Done, Empty, ErrorNote, Field, LoadState, Page, time } from "../components/ui";
import { useAction, useLoad } from "../hooks";
import type { GatewayKey, Workspace } from "../types";

export function Workspaces() {
  const workspaces = useLoad(() => api.get<{ data: Workspace[] }>("/workspaces"));
  const keys = useLoad(() => api.get<{ data: GatewayKey[] }>("/keys"));
  const names = workspaces.data?.data.map((w) => w.name) ?? ["default"];
  return (
    <Page title="Workspaces and keys" intro="A workspace scopes stages, templates and file-type rules; each gateway key belongs to one.">
      <WorkspaceList workspaces={workspaces} />
      <CreateKey workspaces={names} onCreated={keys.reload} />
      <Card title="Gateway keys">
        <LoadState loading={keys.loading} error={keys.error} what="keys" hasData={!!keys.data} />
        {keys.data && keys.data.data.length === 0 && <Empty>No gateway keys yet. Create one above.</Empty>}
        {keys.data && keys.data.data.length > 0 && <KeyTable keys={keys.data.data} onChanged={keys.reload} />}
      </Card>
    </Page>
  );
}

function WorkspaceList(props: { workspaces: ReturnType<typeof useLoad<{ data: Workspace[] }>> }) {
  const { workspaces } = props;
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const create = useAction();
  const remove = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await create.run(() => api.post("/workspaces", { name: name.trim(), description }), `Workspace ${name} created.`);
    if (ok) {
      setName("");
      setDescription("");
      workspaces.reload();
    }
  };
  return (
    <Card title="Workspaces">
      <LoadState loading={workspaces.loading} error={workspaces.error} what="workspaces" hasData={!!workspaces.data} feature="workspaces (every key uses the default workspace)" />
      {workspaces.data && (
        <ul className="rows">
          {workspaces.data.data.map((w) => (
            <li key={w.name} className="row">
              <div className="row-main">
                <strong>{w.name}</strong> {w.name === "default" && <Badge>default</Badge>}
                {w.description && <div className="muted small">{w.description}</div>}
              </div>
              <div className="row-actions">
                {w.name !== "default" && (
                  <Button
                    kind="danger"
                    label={`Delete workspace ${w.name}`}
                    busy={remove.busy}
                    onClick={() => {
                      if (window.confirm(`Delete the workspace ${w.name}? Its settings go with it.`))
                        remove.run(() => api.del(`/workspaces/${enc(w.name)}`)).then((ok) => ok && workspaces.reload());
                    }}
                  >
                    Delete
                  </Button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      <ErrorNote error={remove.error} />
      {!workspaces.error?.missingRoute && (
        <form className="inline-form" onSubmit={submit} noValidate>
          <Field label="New workspace" hint="Lower-case letters, digits, - and _.">
            {(id, d) => <input id={id} value={name} aria-describedby={d} onChange={(e) => setName(e.target.value)} />}
          </Field>
          <Field label="Description">{(id) => <input id={id} value={description} onChange={(e) => setDescription(e.target.value)} />}</Field>
          <Button type="submit" kind="primary" busy={create.busy} disabled={!name.trim()}>
            Create workspace
          </Button>
        </form>
      )}
      <ErrorNote error={create.error} />
      <Done message={create.done} />
    </Card>
  );
}

function CreateKey(props: { workspaces: string[]; onCreated: () => void }) {
  const [name, setName] = useState("");
  const [workspace, setWorkspace] = useState("default");
  const [created, setCreated] = useState<{ id: string; key: string; name?: string }>();
  const create = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setCreated(undefined);
    await create.run(async () => {
      const k = await api.post<{ id: string; key: string; name?: string }>("/keys", { name: name.trim() || "unnamed", workspace });
      setCreated(k);
      setName("");
      props.onCreated();
    });
  };
  return (
    <Card title="Create a gateway key">
      <form className="inline-form" onSubmit={submit} noValidate>
        <Field label="Name" hint="Where the key is used, e.g. laptop or ci.">
          {(id, d) => <input id={id} value={name} aria-describedby={d} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label="Workspace">
          {(id) => (
            <select id={id} value={workspace} onChange={(e) => setWorkspace(e.target.value)}>
              {props.workspaces.map((w) => (
                <option key={w} value={w}>
                  {w}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Button type="submit" kind="primary" busy={create.busy}>
          Create key
        </Button>
      </form>
      <ErrorNote error={create.error} />
      {created && (
        <div className="secret-once" role="status">
          <p>
            <strong>Copy this key now.</strong> GateOS keeps only its hash and cannot show it again.
          </p>
          <div className="secret-row">
            <code className="secret" data-testid="new-key">{created.key}</code>
            <CopyButton text={created.key} label="Copy the new key" />
          </div>
        </div>
      )}
    </Card>
  );
}

function KeyTable(props: { keys: GatewayKey[]; onChanged: () => void }) {
  const revoke = useAction();
  return (
    <>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Key</th>
              <th scope="col">Workspace</th>
              <th scope="col">Created</th>
              <th scope="col">State</th>
              <th scope="col"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {props.keys.map((k) => (
              <tr key={k.id}>
                <td data-label="Name">{k.name || "—"}</td>
                <td data-label="Key"><code>{k.prefix ? k.prefix + "…" : k.id}</code></td>
                <td data-label="Workspace">{k.workspace ?? "default"}</td>
                <td data-label="Created">{time(k.created_at)}</td>
                <td data-label="State">{k.revoked ? <Badge tone="bad">revoked</Badge> : <Badge tone="ok">active</Badge>}</td>
                <td className="actions">
                  {!k.revoked && (
                    <Button
                      kind="danger"
                      label={`Revoke key ${k.name ?? k.id}`}
                      busy={revoke.busy}
                      onClick={() => {
                        if (window.confirm(`Revoke the key ${k.name ?? k.id}? Clients using it stop working at once.`))
                          revoke.run(() => api.del(`/keys/${enc(k.id)}`)).then((ok) => ok && props.onChanged());
                      }}
                    >
                      Revoke
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ErrorNote error={revoke.error} />
    </>
  );
}
