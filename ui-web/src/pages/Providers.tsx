import { useState, type FormEvent } from "react";
import { api, enc } from "../api";
import { SchemaForm, validate, type Errors } from "../components/SchemaForm";
import { Badge, Button, Card, Done, Empty, ErrorNote, Field, LoadState, Page } from "../components/ui";
import { useAction, useLoad } from "../hooks";
import { Link } from "../router";
import type { Alias, JsonSchema, Plugin, Provider } from "../types";

// Used when a driver's manifest schema is not available from this kernel.
const fallbackSchema: JsonSchema = {
  type: "object",
  required: ["base_url"],
  properties: {
    base_url: { type: "string", pattern: "^https?://[^\\s/]+", description: "API root, e.g. https://api.openai.com/v1" },
    models: { type: "array", items: { type: "string" }, description: "Models offered by this provider." },
    discover_models: { type: "boolean", description: "Also list the models the provider reports." },
  },
};

export function Providers() {
  const providers = useLoad(() => api.get<{ data: Provider[] }>("/providers"));
  const plugins = useLoad(() => api.get<{ data: Plugin[] }>("/plugins"));
  const aliases = useLoad(() => api.get<{ data: Alias[] }>("/aliases"));
  const models = (providers.data?.data ?? []).flatMap((p) => (p.models ?? []).map((m) => `${p.name}/${m}`));

  return (
    <Page title="Providers and models" intro="Model providers reached through installed drivers, their models, and aliases for them.">
      <Card title="Providers">
        <LoadState loading={providers.loading} error={providers.error} what="providers" hasData={!!providers.data} />
        {providers.data && providers.data.data.length === 0 && <Empty>No providers yet. Add one below.</Empty>}
        {providers.data && providers.data.data.length > 0 && (
          <ul className="rows">
            {providers.data.data.map((p) => (
              <ProviderRow key={p.name} provider={p} onChanged={providers.reload} />
            ))}
          </ul>
        )}
      </Card>
      <AddProvider drivers={(plugins.data?.data ?? []).filter((p) => p.kind === "driver" || p.id.startsWith("drivers."))} onAdded={() => { providers.reload(); }} />
      <Aliases aliases={aliases} models={models} />
    </Page>
  );
}

function ProviderRow(props: { provider: Provider; onChanged: () => void }) {
  const p = props.provider;
  const test = useAction();
  const remove = useAction();
  const [found, setFound] = useState<string[]>();
  return (
    <li className="row">
      <div className="row-main">
        <div className="row-title">
          <strong>{p.name}</strong> <code>{p.driver}</code>{" "}
          {p.status === "error" ? <Badge tone="bad">error</Badge> : <Badge tone="ok">active</Badge>}
          {p.source === "config" && <Badge>from config file</Badge>}
          {p.has_credential && <Badge>key stored</Badge>}
        </div>
        {typeof p.options?.base_url === "string" && <div className="muted small">{p.options.base_url}</div>}
        {p.error && <ErrorNote error={p.error} />}
        <div className="small">
          Models: {p.models && p.models.length ? p.models.map((m) => <code key={m} className="chip">{m}</code>) : <span className="muted">none listed</span>}
        </div>
        {found && (
          <p className="done" role="status">
            Connection works. The provider offers {found.length} model{found.length === 1 ? "" : "s"}
            {found.length ? ": " + found.slice(0, 20).join(", ") + (found.length > 20 ? " …" : "") : "."}
          </p>
        )}
        <ErrorNote error={test.error} />
        <ErrorNote error={remove.error} />
      </div>
      <div className="row-actions">
        <Button
          busy={test.busy}
          onClick={() =>
            test.run(async () => {
              setFound(undefined);
              const r = await api.post<{ models?: string[] }>(`/providers/${enc(p.name)}/test`);
              setFound(r.models ?? []);
            })
          }
        >
          Test connection
        </Button>
        {p.source !== "config" && (
          <Button
            kind="danger"
            busy={remove.busy}
            onClick={() => {
              if (window.confirm(`Remove the provider ${p.name}?`)) remove.run(() => api.del(`/providers/${enc(p.name)}`)).then((ok) => ok && props.onChanged());
            }}
          >
            Remove
          </Button>
        )}
      </div>
    </li>
  );
}

function AddProvider(props: { drivers: Plugin[]; onAdded: () => void }) {
  const [name, setName] = useState("");
  const [driver, setDriver] = useState("");
  const [options, setOptions] = useState<Record<string, unknown>>({});
  const [apiKey, setApiKey] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const save = useAction();
  const usable = props.drivers.filter((d) => d.enabled && d.state !== "failed");
  const chosen = usable.find((d) => d.id === driver);
  const schema = chosen?.provider_schema ?? fallbackSchema;
  const mock = driver === "drivers.mock";

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const errs: Errors = mock ? {} : validate(schema, options);
    if (!/^[a-z0-9][a-z0-9_-]{0,62}$/.test(name)) errs.name = "Use lower-case letters, digits, - and _ (start with a letter or digit).";
    if (!driver) errs.driver = "Choose a driver.";
    setErrors(errs);
    if (Object.keys(errs).length) return;
    const body: Record<string, unknown> = { name, driver, options };
    if (apiKey) body.api_key = apiKey;
    const ok = await save.run(() => api.post("/providers", body), `Provider ${name} added.`);
    if (ok) {
      setName("");
      setOptions({});
      setApiKey("");
      props.onAdded();
    }
  };

  return (
    <Card title="Add a provider">
      {usable.length === 0 ? (
        <Empty>
          No provider driver is installed and enabled. <Link to="/plugins">Install one on the Plugins page</Link>.
        </Empty>
      ) : (
        <form onSubmit={submit} noValidate className="form">
          <div className="form-grid">
            <Field label="Name" hint="How models are addressed: name/model." error={errors.name}>
              {(id, d) => <input id={id} value={name} aria-describedby={d} aria-invalid={errors.name ? true : undefined} onChange={(e) => setName(e.target.value)} />}
            </Field>
            <Field label="Driver" error={errors.driver}>
              {(id, d) => (
                <select id={id} value={driver} aria-describedby={d} onChange={(e) => setDriver(e.target.value)}>
                  <option value="">Choose an installed driver…</option>
                  {usable.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.id} {p.version}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          {driver && !mock && <SchemaForm schema={schema} value={options} onChange={setOptions} errors={errors} />}
          {driver && !mock && (
            <Field label="API key" hint="Stored encrypted; never shown again. Leave empty for providers without a key.">
              {(id, d) => (
                <input id={id} type="password" autoComplete="new-password" value={apiKey} aria-describedby={d} onChange={(e) => setApiKey(e.target.value)} />
              )}
            </Field>
          )}
          <Button type="submit" kind="primary" busy={save.busy}>
            Add provider
          </Button>
          <ErrorNote error={save.error} />
          <Done message={save.done} />
        </form>
      )}
    </Card>
  );
}

function Aliases(props: { aliases: ReturnType<typeof useLoad<{ data: Alias[] }>>; models: string[] }) {
  const { aliases } = props;
  const [alias, setAlias] = useState("");
  const [target, setTarget] = useState("");
  const save = useAction();
  const remove = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await save.run(() => api.put(`/aliases/${enc(alias.trim())}`, { target: target.trim() }), `Alias ${alias} set.`);
    if (ok) {
      setAlias("");
      setTarget("");
      aliases.reload();
    }
  };
  return (
    <Card title="Aliases">
      <p className="muted">An alias is a model name clients can use (for example <code>fast</code>) that points at a provider's model.</p>
      <LoadState loading={aliases.loading} error={aliases.error} what="aliases" hasData={!!aliases.data} />
      {aliases.data && aliases.data.data.length === 0 && <Empty>No aliases yet.</Empty>}
      {aliases.data && aliases.data.data.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Alias</th>
                <th scope="col">Model</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {aliases.data.data.map((a) => (
                <tr key={a.alias}>
                  <td data-label="Alias"><code>{a.alias}</code></td>
                  <td data-label="Model"><code>{a.target}</code></td>
                  <td className="actions">
                    <Button kind="danger" label={`Remove alias ${a.alias}`} busy={remove.busy} onClick={() => remove.run(() => api.del(`/aliases/${enc(a.alias)}`)).then((ok) => ok && aliases.reload())}>
                      Remove
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ErrorNote error={remove.error} />
      <form onSubmit={submit} className="inline-form" noValidate>
        <Field label="Alias">{(id) => <input id={id} value={alias} onChange={(e) => setAlias(e.target.value)} />}</Field>
        <Field label="Model">
          {(id) => (
            <>
              <input id={id} list="known-models" value={target} placeholder="provider/model" onChange={(e) => setTarget(e.target.value)} />
              <datalist id="known-models">
                {props.models.map((m) => (
                  <option key={m} value={m} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        <Button type="submit" kind="primary" busy={save.busy} disabled={!alias.trim() || !target.trim()}>
          Set alias
        </Button>
      </form>
      <ErrorNote error={save.error} />
      <Done message={save.done} />
    </Card>
  );
}
