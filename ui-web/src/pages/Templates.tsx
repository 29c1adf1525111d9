import { useEffect, useState, type FormEvent } from "react";
import { api, enc } from "../api";
import { Button, Card, Done, Empty, ErrorNote, Field, LoadState, Page, time } from "../components/ui";
import { asApiError, useAction, useLoad } from "../hooks";
import type { Template, TemplateVersion } from "../types";

// Prompt templates (stages.prompt_templates): named, versioned, with variables.
const variables: [string, string][] = [
  ["{{workspace}}", "the request's workspace"],
  ["{{client}}", "the client app, e.g. codex or claude_code"],
  ["{{model}}", "the model that will answer"],
  ["{{filetypes}}", "file types the request is about"],
  ["{{date}}", "today's date"],
  ["{{name}}", "any other name: a custom variable set on the template"],
];
const placements = [
  ["prepend_system", "Before the system prompt"],
  ["replace_system", "Instead of the system prompt"],
  ["append_user", "After the last user message"],
  ["wrap_user", "Around the last user message"],
];

export function Templates() {
  const list = useLoad(() => api.get<{ data: Template[] }>("/templates"));
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
            key={creating ? "new" : selected}
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

function Editor(props: { name?: string; onSaved: (name: string) => void; onDeleted: () => void }) {
  const existing = useLoad(() => (props.name ? api.get<Template>(`/templates/${enc(props.name)}`) : Promise.resolve(undefined)), [props.name]);
  const versions = useLoad(
    () => (props.name ? api.get<{ data: TemplateVersion[] }>(`/templates/${enc(props.name)}/versions`) : Promise.resolve({ data: [] })),
    [props.name],
  );
  const [name, setName] = useState(props.name ?? "");
  const [body, setBody] = useState("");
  const [placement, setPlacement] = useState("prepend_system");
  const [preview, setPreview] = useState<string>();
  const [previewError, setPreviewError] = useState("");
  const save = useAction();
  const act = useAction();

  useEffect(() => {
    if (!existing.data) return;
    setBody(existing.data.body);
    setPlacement(existing.data.placement ?? "prepend_system");
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
        .post<{ rendered?: string; system?: string; text?: string }>("/templates/preview", { body, placement, sample: { model: "mock/echo", client: "curl", workspace: "default", filetypes: ["py"] } })
        .then((r) => {
          setPreview(r.rendered ?? r.system ?? r.text ?? JSON.stringify(r, null, 2));
          setPreviewError("");
        })
        .catch((e) => setPreviewError(asApiError(e).message));
    }, 300);
    return () => window.clearTimeout(timer);
  }, [body, placement]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const target = props.name ?? name.trim();
    const ok = await save.run(
      () => (props.name ? api.put(`/templates/${enc(target)}`, { body, placement }) : api.post("/templates", { name: target, body, placement })),
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
                act.run(() => api.del(`/templates/${enc(props.name!)}`)).then((ok) => ok && props.onDeleted());
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
                    <Button busy={act.busy} onClick={() => act.run(() => api.post(`/templates/${enc(props.name!)}/rollback`, { version: v.version }), `Rolled back to v${v.version}.`).then((ok) => { if (ok) { existing.reload(); versions.reload(); } })}>
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
