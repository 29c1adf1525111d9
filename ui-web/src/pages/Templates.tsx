import { useEffect, useState, type FormEvent } from "react";
import { api, enc } from "../api";
import { Button, Card, Done, Empty, ErrorNote, Field, LoadState, Page, time } from "../components/ui";
import { asApiError, useAction, useLoad } from "../hooks";
import type { Template, TemplateVersion, Workspace } from "../types";

// The fields of a saved template that an update carries over unchanged.
function pick(t?: Template): Partial<Template> {
  if (!t) return {};
  const { description, order, enabled, variables } = t as Template & Record<string, unknown>;
  const out: Record<string, unknown> = { description, order, enabled, variables, match: (t as unknown as Record<string, unknown>).match };
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out as Partial<Template>;
}

// Prompt templates (stages.prompt_templates): named, versioned, with variables.
const variables: [string, string][] = [
  ["{{workspace}}", "the request's workspace"],
  ["{{client}}", "the client app, e.g. codex or claude_code"],
  ["{{model}}", "the model that will answer"],
  ["{{filetypes}}", "file types the request is about"],
  ["{{date}}", "today's date"],
  ["{{message}}", "the user's message (only in “Around the last user message”)"],
  ["{{name}}", "any other name: a custom variable of the template"],
];
const placements = [
  ["system_prepend", "Before the system prompt"],
  ["system_append", "After the system prompt"],
  ["system_replace", "Instead of the system prompt"],
  ["user_append", "After the last user message"],
  ["user_wrap", "Around the last user message"],
];
const base = (ws: string) => `/workspaces/${enc(ws)}/templates`;
// The sample request the live preview renders against.
const sampleRequest = {
  model: "mock/echo",
  messages: [
    { role: "system", content: "You are a helpful coding assistant." },
    { role: "user", content: "Why does src/app.py fail to start?" },
  ],
};

export function Templates() {
  const workspaces = useLoad(() => api.get<{ data: Workspace[] }>("/workspaces").catch(() => ({ data: [{ name: "default" }] })));
  const [workspace, setWorkspace] = useState("default");
  const list = useLoad(() => api.get<{ data: Template[] }>(base(workspace)), [workspace]);
  const [selected, setSelected] = useState<string>();
  const [creating, setCreating] = useState(false);
  return (
    <Page
      title="Prompt templates"
      intro="Text GateOS adds to requests, with variables filled in per request."
      actions={
        !list.error?.missingRoute && (
          <Button kind="primary" onClick={() => { setSelected(undefined); setCreating(true); }}>
            New template
          </Button>
        )
      }
    >
      <Card>
        <div className="field">
          <label htmlFor="tpl-workspace">Workspace</label>
          <select id="tpl-workspace" value={workspace} onChange={(e) => { setWorkspace(e.target.value); setSelected(undefined); setCreating(false); }}>
            {(workspaces.data?.data ?? [{ name: "default" }]).map((w) => (
              <option key={w.name} value={w.name}>
                {w.name}
              </option>
            ))}
          </select>
        </div>
      </Card>
      <div className="split">
        <Card title="Templates" className="list-card">
          <LoadState loading={list.loading} error={list.error} what="templates" hasData={!!list.data} feature="prompt templates" />
          {list.data && list.data.data.length === 0 && <Empty>No templates yet.</Empty>}
          {list.data && list.data.data.length > 0 && (
            <ul className="pick-list">
              {list.data.data.map((t) => (
                <li key={t.name}>
                  <button type="button" className={"pick" + (t.name === selected ? " selected" : "")} aria-pressed={t.name === selected} onClick={() => { setCreating(false); setSelected(t.name); }}>
                    <strong>{t.name}</strong> {t.version !== undefined && <span className="muted">v{t.version}</span>}
                    {t.description && <div className="muted small">{t.description}</div>}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </Card>
        {(creating || selected) && (
          <Editor
            key={workspace + "/" + (creating ? "new" : selected)}
            workspace={workspace}
            name={creating ? undefined : selected}
            onSaved={(name) => {
              list.reload();
              setCreating(false);
              setSelected(name);
            }}
            onDeleted={() => {
              list.reload();
              setSelected(undefined);
            }}
          />
        )}
      </div>
    </Page>
  );
}

function Editor(props: { workspace: string; name?: string; onSaved: (name: string) => void; onDeleted: () => void }) {
  const root = base(props.workspace);
  const one = (name: string) => `${root}/${enc(name)}`;
  const existing = useLoad(() => (props.name ? api.get<Template>(one(props.name)) : Promise.resolve(undefined)), [props.name]);
  const versions = useLoad(
    () => (props.name ? api.get<{ data: TemplateVersion[] }>(`${one(props.name)}/versions`) : Promise.resolve({ data: [] })),
    [props.name],
  );
  const [name, setName] = useState(props.name ?? "");
  const [body, setBody] = useState("");
  const [placement, setPlacement] = useState("system_prepend");
  const [preview, setPreview] = useState<string>();
  const [previewError, setPreviewError] = useState("");
  const save = useAction();
  const act = useAction();

  useEffect(() => {
    if (!existing.data) return;
    setBody(existing.data.body);
    setPlacement(existing.data.placement ?? "system_prepend");
  }, [existing.data]);

  // Live preview: rendered by the kernel against a sample request, a moment after typing stops.
  useEffect(() => {
    if (!body.trim()) {
      setPreview(undefined);
      setPreviewError("");
      return;
    }
    const timer = window.setTimeout(() => {
      api
        .post<{ system?: string; last_user_message?: string }>(`${root}/preview`, {
          request: sampleRequest,
          client: "codex",
          files: [{ path: "src/app.py", language: "python", primary: true }],
          template: { name: props.name ?? (name.trim() || "draft"), body, placement },
        })
        .then((r) => {
          setPreview(`System prompt:\n${r.system ?? ""}\n\nLast user message:\n${r.last_user_message ?? ""}`);
          setPreviewError("");
        })
        .catch((e) => setPreviewError(asApiError(e).message));
    }, 300);
    return () => window.clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [body, placement]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const target = props.name ?? name.trim();
    const ok = await save.run(
      () => (props.name ? api.put(one(target), { ...pick(existing.data), body, placement }) : api.post(root, { name: target, body, placement })),
      props.name ? "Saved as a new version." : "Template created.",
    );
    if (ok) {
      versions.reload();
      props.onSaved(target);
    }
  };

  if (props.name && existing.loading && !existing.data) return <Card><p className="muted">Loading…</p></Card>;
  return (
    <Card title={props.name ? `Edit ${props.name}` : "New template"} className="editor-card">
      <ErrorNote error={existing.error} />
      <form onSubmit={submit} noValidate className="form">
        {!props.name && (
          <Field label="Name" hint="Lower-case letters, digits, - and _.">
            {(id, d) => <input id={id} value={name} aria-describedby={d} onChange={(e) => setName(e.target.value)} />}
          </Field>
        )}
        <Field label="Where it goes">
          {(id) => (
            <select id={id} value={placement} onChange={(e) => setPlacement(e.target.value)}>
              {placements.map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Text" hint="Unknown variables and bad syntax are reported when you save.">
          {(id, d) => <textarea id={id} className="mono" rows={10} value={body} aria-describedby={d} onChange={(e) => setBody(e.target.value)} />}
        </Field>
        <details className="help">
          <summary>Variables you can use</summary>
          <dl>
            {variables.map(([v, d]) => (
              <div key={v}>
                <dt><code>{v}</code></dt>
                <dd>{d}</dd>
              </div>
            ))}
          </dl>
        </details>
        <div className="button-row">
          <Button type="submit" kind="primary" busy={save.busy} disabled={!body.trim() || (!props.name && !name.trim())}>
            {props.name ? "Save new version" : "Create template"}
          </Button>
          {props.name && (
            <Button kind="danger" busy={act.busy} onClick={() => {
              if (window.confirm(`Delete the template ${props.name} and all its versions?`))
                act.run(() => api.del(one(props.name!))).then((ok) => ok && props.onDeleted());
            }}>
              Delete
            </Button>
          )}
        </div>
        <ErrorNote error={save.error} />
        <Done message={save.done} />
      </form>
      <h3>Preview</h3>
      {previewError ? <ErrorNote error={previewError} /> : preview ? <pre className="preview" aria-live="polite">{preview}</pre> : <p className="muted">Type some text to see it rendered for a sample request.</p>}
      {props.name && (
        <>
          <h3>Versions</h3>
          <LoadState loading={versions.loading} error={versions.error} what="versions" hasData={!!versions.data} />
          {versions.data && versions.data.data.length === 0 && <Empty>No earlier versions.</Empty>}
          <ul className="rows">
            {versions.data?.data.map((v) => (
              <li key={v.version} className="row">
                <div className="row-main">
                  <strong>v{v.version}</strong> <span className="muted small">{time(v.created_at)}</span>
                  <pre className="preview small">{v.body.slice(0, 300)}</pre>
                </div>
                <div className="row-actions">
                  {existing.data?.version !== v.version && (
                    <Button busy={act.busy} onClick={() => act.run(() => api.post(`${one(props.name!)}/rollback`, { version: v.version }), `Rolled back to v${v.version}.`).then((ok) => { if (ok) { existing.reload(); versions.reload(); } })}>
                      Roll back to v{v.version}
                    </Button>
                  )}
                </div>
              </li>
            ))}
          </ul>
          <ErrorNote error={act.error} />
          <Done message={act.done} />
        </>
      )}
    </Card>
  );
}
