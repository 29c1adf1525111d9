import { useState, type FormEvent } from "react";
import { api, ApiError, enc } from "../api";
import { SchemaForm, validate, type Errors } from "../components/SchemaForm";
import { Button, Card, Done, Empty, ErrorNote, LoadState, Page, Toggle } from "../components/ui";
import { useAction, useLoad } from "../hooks";
import type { Plugin, Stage, Workspace } from "../types";
import { pluginApi } from "./plugin_api";

// Stages of a workspace in the order they see a request. With a kernel that has
// no per-workspace pipeline yet, the switches turn the stage plugins on and off
// for every workspace.
interface Pipeline {
  stages: Stage[];
  perWorkspace: boolean;
}

async function loadPipeline(workspace: string): Promise<Pipeline> {
  try {
    const r = await api.get<{ stages: Stage[] }>(pipelinePath(workspace));
    return { stages: r.stages, perWorkspace: true };
  } catch (e) {
    if (!(e instanceof ApiError && e.missingRoute)) throw e;
    const plugins = await api.get<{ data: Plugin[] }>("/plugins");
    const stages = plugins.data
      .filter((p) => p.kind === "stage" || p.id.startsWith("stages."))
      .map((p) => ({ id: p.id, name: p.name, description: p.description, enabled: p.enabled }));
    return { stages, perWorkspace: false };
  }
}

const pipelinePath = (ws: string) => `/workspaces/${enc(ws)}/pipeline`;

export function Pipeline() {
  const workspaces = useLoad(() => api.get<{ data: Workspace[] }>("/workspaces").catch(() => ({ data: [{ name: "default" }] })));
  const [workspace, setWorkspace] = useState("default");
  const pipeline = useLoad(() => loadPipeline(workspace), [workspace]);
  const p = pipeline.data;
  const reorder = useAction();
  // The whole pipeline in its new order, one transaction.
  const move = (stages: Stage[], i: number, delta: number) => {
    const next = [...stages];
    const [s] = next.splice(i, 1);
    next.splice(i + delta, 0, s);
    void reorder
      .run(() => api.put(pipelinePath(workspace), { stages: next.map((x) => ({ id: x.id, enabled: x.enabled, settings: x.settings ?? null })) }))
      .then((ok) => ok && pipeline.reload());
  };
  return (
    <Page title="Pipeline" intro="The stages every request passes through, in order, before it reaches a model.">
      <Card>
        <div className="inline-form">
          <div className="field">
            <label htmlFor="pipeline-workspace">Workspace</label>
            <select id="pipeline-workspace" value={workspace} onChange={(e) => setWorkspace(e.target.value)}>
              {(workspaces.data?.data ?? [{ name: "default" }]).map((w) => (
                <option key={w.name} value={w.name}>
                  {w.name}
                </option>
              ))}
            </select>
          </div>
        </div>
        {p && !p.perWorkspace && <p className="muted small">This kernel has one pipeline for all workspaces: a switch applies everywhere.</p>}
      </Card>
      <Card title="Stages, in order">
        <LoadState loading={pipeline.loading} error={pipeline.error} what="stages" hasData={!!p} />
        <ErrorNote error={reorder.error} />
        {p && p.stages.length === 0 && <Empty>No stage plugins are installed. Install one on the Plugins page.</Empty>}
        {p && p.stages.length > 0 && (
          <ol className="rows stages">
            {p.stages.map((s, i) => (
              <StageRow
                key={s.id}
                index={i + 1}
                stage={s}
                workspace={workspace}
                perWorkspace={p.perWorkspace}
                onChanged={pipeline.reload}
                onMove={p.perWorkspace && p.stages.length > 1 ? (delta) => move(p.stages, i, delta) : undefined}
                first={i === 0}
                last={i === p.stages.length - 1}
              />
            ))}
          </ol>
        )}
      </Card>
    </Page>
  );
}

function StageRow(props: {
  index: number;
  stage: Stage;
  workspace: string;
  perWorkspace: boolean;
  onChanged: () => void;
  onMove?: (delta: number) => void;
  first: boolean;
  last: boolean;
}) {
  const s = props.stage;
  const toggle = useAction();
  const [open, setOpen] = useState(false);
  const label = s.name ?? s.id;
  const setEnabled = async (enabled: boolean) => {
    const ok = await toggle.run(
      () =>
        props.perWorkspace
          ? api.put(`${pipelinePath(props.workspace)}/${enc(s.id)}`, { enabled })
          : enabled
            ? pluginApi.enable(s.id)
            : pluginApi.disable(s.id),
      `${label} is ${enabled ? "on" : "off"}.`,
    );
    if (ok) props.onChanged();
  };
  return (
    <li className="row" data-stage={s.id}>
      <div className="row-main">
        <div className="row-title">
          <span className="step" aria-hidden="true">{props.index}</span> <strong>{label}</strong> {s.name && <code>{s.id}</code>}
          {s.inherited && <span className="muted small">(as in the global pipeline)</span>}
        </div>
        {s.description && <div className="muted small">{s.description}</div>}
        <ErrorNote error={toggle.error} />
        <Done message={toggle.done} />
        {open && <StageSettings stage={s} workspace={props.workspace} perWorkspace={props.perWorkspace} onSaved={props.onChanged} />}
      </div>
      <div className="row-actions">
        <Toggle checked={s.enabled} busy={toggle.busy} label={`${label} on or off`} onChange={setEnabled} />
        {props.onMove && (
          <>
            <Button label={`Move ${label} earlier`} disabled={props.first} onClick={() => props.onMove!(-1)}>
              ↑
            </Button>
            <Button label={`Move ${label} later`} disabled={props.last} onClick={() => props.onMove!(1)}>
              ↓
            </Button>
          </>
        )}
        {props.perWorkspace && <Button onClick={() => setOpen((o) => !o)}>{open ? "Close settings" : "Settings"}</Button>}
      </div>
    </li>
  );
}

function StageSettings(props: { stage: Stage; workspace: string; perWorkspace: boolean; onSaved: () => void }) {
  const s = props.stage;
  const [value, setValue] = useState<Record<string, unknown>>();
  const [errors, setErrors] = useState<Errors>({});
  const save = useAction();
  const schema = s.settings_schema ?? undefined;
  const current = value ?? (s.settings as Record<string, unknown> | null) ?? {};
  if (!schema) return <p className="muted">{s.id} has no settings per workspace.</p>;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const errs = validate(schema, current);
    setErrors(errs);
    if (Object.keys(errs).length) return;
    const ok = await save.run(
      () => api.put(`${pipelinePath(props.workspace)}/${enc(s.id)}`, { settings: current }),
      `Settings saved for the workspace ${props.workspace}.`,
    );
    if (ok) props.onSaved();
  };
  return (
    <form className="settings" onSubmit={submit} noValidate aria-label={`Settings of ${s.id}`}>
      <SchemaForm schema={schema} value={current} onChange={setValue} errors={errors} />
      <div className="button-row">
        <Button type="submit" kind="primary" busy={save.busy}>
          Save settings
        </Button>
        {s.settings && (
          <Button
            busy={save.busy}
            onClick={() =>
              save
                .run(() => api.put(`${pipelinePath(props.workspace)}/${enc(s.id)}`, { settings: null }), "Back to the global settings.")
                .then((ok) => ok && props.onSaved())
            }
          >
            Use the global settings
          </Button>
        )}
      </div>
      <ErrorNote error={save.error} />
      <Done message={save.done} />
    </form>
  );
}
