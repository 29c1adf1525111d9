import { useEffect, useState, type FormEvent } from "react";
import { api, enc } from "../api";
import { Button, Card, Done, Empty, ErrorNote, Field, LoadState, Page } from "../components/ui";
import { useAction, useLoad } from "../hooks";
import type { Alias, FileTypeRule, FileTypeRules, Provider, Workspace } from "../types";

// The per-file-type default model rules of a workspace (policies.filetype_default_model):
// first match wins; edited as a whole list and saved in one transaction.
const rulesPath = (ws: string) => `/workspaces/${enc(ws)}/filetype-rules`;

interface TestAnswer {
  routed?: boolean;
  model?: string | null;
  rule?: string | null;
  explanation?: string;
  reason?: string;
  error?: string;
}

// A rule as edited: globs and languages as comma-separated text.
interface Row {
  name?: string;
  glob: string;
  language: string;
  kind: string;
  model: string;
  override_explicit?: boolean;
}
const list = (v?: string | string[]) => (Array.isArray(v) ? v.join(", ") : v ?? "");
const toRow = (r: FileTypeRule): Row => ({ name: r.name, glob: list(r.glob), language: list(r.language), kind: r.kind ?? "any", model: r.model, override_explicit: r.override_explicit });
const split = (t: string) => t.split(",").map((x) => x.trim()).filter(Boolean);
function toRule(r: Row): FileTypeRule {
  const rule: FileTypeRule = { model: r.model.trim(), kind: r.kind };
  if (r.name) rule.name = r.name;
  const globs = split(r.glob);
  const langs = split(r.language);
  if (globs.length) rule.glob = globs.length === 1 ? globs[0] : globs;
  if (langs.length) rule.language = langs.length === 1 ? langs[0] : langs;
  if (r.override_explicit) rule.override_explicit = true;
  return rule;
}

export function FileTypes() {
  const workspaces = useLoad(() => api.get<{ data: Workspace[] }>("/workspaces").catch(() => ({ data: [{ name: "default" }] })));
  const [workspace, setWorkspace] = useState("default");
  const rules = useLoad(() => api.get<FileTypeRules>(rulesPath(workspace)), [workspace]);
  const providers = useLoad(() => api.get<{ data: Provider[] }>("/providers"));
  const aliases = useLoad(() => api.get<{ data: Alias[] }>("/aliases"));
  const models = [
    ...(providers.data?.data ?? []).flatMap((p) => (p.models ?? []).map((m) => `${p.name}/${m}`)),
    ...(aliases.data?.data ?? []).map((a) => a.alias),
  ];
  const [draft, setDraft] = useState<Row[]>([]);
  const [defaultModel, setDefaultModel] = useState("");
  const [dragged, setDragged] = useState<number>();
  const save = useAction();
  const reset = () => {
    setDraft((rules.data?.rules ?? []).map(toRow));
    setDefaultModel(rules.data?.default_model ?? "");
  };
  useEffect(reset, [rules.data]);

  const update = (i: number, patch: Partial<Row>) => setDraft((d) => d.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const move = (from: number, to: number) =>
    setDraft((d) => {
      if (to < 0 || to >= d.length) return d;
      const next = [...d];
      const [r] = next.splice(from, 1);
      next.splice(to, 0, r);
      return next;
    });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body: FileTypeRules = { rules: draft.map(toRule), routable_models: rules.data?.routable_models };
    if (defaultModel.trim()) body.default_model = defaultModel.trim();
    if (await save.run(() => api.put(rulesPath(workspace), body), "Rules saved. New requests use them at once.")) rules.reload();
  };

  return (
    <Page title="File-type defaults" intro="Which model answers a request about a given kind of file, when the client asks for a routable model such as auto.">
      <Card>
        <div className="field">
          <label htmlFor="ft-workspace">Workspace</label>
          <select id="ft-workspace" value={workspace} onChange={(e) => setWorkspace(e.target.value)}>
            {(workspaces.data?.data ?? [{ name: "default" }]).map((w) => (
              <option key={w.name} value={w.name}>
                {w.name}
              </option>
            ))}
          </select>
        </div>
      </Card>
      <Card title="Rules (first match wins)">
        <LoadState loading={rules.loading} error={rules.error} what="rules" hasData={!!rules.data} feature="file-type rules" />
        {rules.data && (
          <form onSubmit={submit} noValidate>
            {draft.length === 0 && <Empty>No rules: requests keep the model they ask for.</Empty>}
            {draft.length > 0 && (
              <div className="table-wrap">
                <table className="table rules">
                  <thead>
                    <tr>
                      <th scope="col">#</th>
                      <th scope="col">Path pattern</th>
                      <th scope="col">Language</th>
                      <th scope="col">Request kind</th>
                      <th scope="col">Model</th>
                      <th scope="col"><span className="sr-only">Order and remove</span></th>
                    </tr>
                  </thead>
                  <tbody>
                    {draft.map((r, i) => (
                      <tr
                        key={i}
                        draggable
                        onDragStart={() => setDragged(i)}
                        onDragOver={(e) => e.preventDefault()}
                        onDrop={() => {
                          if (dragged !== undefined) move(dragged, i);
                          setDragged(undefined);
                        }}
                        className={dragged === i ? "dragging" : ""}
                      >
                        <td data-label="#"><span className="drag" aria-hidden="true">⋮⋮</span> {i + 1}</td>
                        <td data-label="Path pattern">
                          <input aria-label={`Rule ${i + 1} path pattern`} placeholder="*.py, src/**/*.ts, Dockerfile" value={r.glob} onChange={(e) => update(i, { glob: e.target.value })} />
                        </td>
                        <td data-label="Language">
                          <input aria-label={`Rule ${i + 1} language`} placeholder="python" value={r.language} onChange={(e) => update(i, { language: e.target.value })} />
                        </td>
                        <td data-label="Request kind">
                          <select aria-label={`Rule ${i + 1} request kind`} value={r.kind} onChange={(e) => update(i, { kind: e.target.value })}>
                            <option value="any">any</option>
                            <option value="chat">chat</option>
                            <option value="autocomplete">autocomplete</option>
                          </select>
                        </td>
                        <td data-label="Model">
                          <input aria-label={`Rule ${i + 1} model`} list="ft-models" value={r.model} placeholder="provider/model" onChange={(e) => update(i, { model: e.target.value })} />
                        </td>
                        <td className="actions">
                          <Button label={`Move rule ${i + 1} up`} disabled={i === 0} onClick={() => move(i, i - 1)}>↑</Button>
                          <Button label={`Move rule ${i + 1} down`} disabled={i === draft.length - 1} onClick={() => move(i, i + 1)}>↓</Button>
                          <Button kind="danger" label={`Remove rule ${i + 1}`} onClick={() => setDraft((d) => d.filter((_, j) => j !== i))}>✕</Button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <div className="inline-form">
              <Field label="Model for everything else" hint="Optional: used when no rule matches a routable request.">
                {(id, d) => <input id={id} list="ft-models" value={defaultModel} aria-describedby={d} placeholder="provider/model" onChange={(e) => setDefaultModel(e.target.value)} />}
              </Field>
            </div>
            {rules.data.routable_models && (
              <p className="muted small">
                Rules apply when a client asks for: {rules.data.routable_models.map((m) => <code key={m} className="chip">{m}</code>)}
              </p>
            )}
            <datalist id="ft-models">
              {models.map((m) => (
                <option key={m} value={m} />
              ))}
            </datalist>
            <div className="button-row">
              <Button onClick={() => setDraft((d) => [...d, { glob: "", language: "", kind: "any", model: "" }])}>Add rule</Button>
              <Button type="submit" kind="primary" busy={save.busy}>
                Save rules
              </Button>
              <Button onClick={reset}>Undo changes</Button>
            </div>
            <ErrorNote error={save.error} />
            <Done message={save.done} />
          </form>
        )}
      </Card>
      {!rules.error?.missingRoute && <Tester workspace={workspace} />}
    </Page>
  );
}

function Tester(props: { workspace: string }) {
  const [path, setPath] = useState("src/app.py");
  const [kind, setKind] = useState("chat");
  const [answer, setAnswer] = useState<TestAnswer>();
  const test = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setAnswer(undefined);
    void test.run(async () => setAnswer(await api.post<TestAnswer>(rulesPath(props.workspace) + "/test", { path, kind, model: "auto" })));
  };
  return (
    <Card title="Try it">
      <form className="inline-form" onSubmit={submit}>
        <Field label="File path">{(id) => <input id={id} value={path} onChange={(e) => setPath(e.target.value)} />}</Field>
        <Field label="Request kind">
          {(id) => (
            <select id={id} value={kind} onChange={(e) => setKind(e.target.value)}>
              <option value="chat">chat</option>
              <option value="autocomplete">autocomplete</option>
            </select>
          )}
        </Field>
        <Button type="submit" kind="primary" busy={test.busy}>
          Which model?
        </Button>
      </form>
      <ErrorNote error={test.error} />
      <ErrorNote error={answer?.error} />
      {answer && (
        <p className="done" role="status">
          {answer.routed && answer.model ? (
            <>
              A request for <code>auto</code> about <code>{path}</code> goes to <code data-testid="routed-model">{answer.model}</code>
              {answer.rule && <> (rule {answer.rule})</>}.
            </>
          ) : (
            <>A request about <code>{path}</code> is not routed by a rule.</>
          )}
          {(answer.explanation || answer.reason) && <span className="muted"> {answer.explanation ?? answer.reason}</span>}
        </p>
      )}
    </Card>
  );
}
