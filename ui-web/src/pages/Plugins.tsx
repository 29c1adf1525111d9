import { useState, type FormEvent } from "react";
import { api } from "../api";
import { SchemaForm, validate, type Errors } from "../components/SchemaForm";
import { Badge, Button, Card, Done, Empty, ErrorNote, Field, LoadState, Page } from "../components/ui";
import { useAction, useLoad } from "../hooks";
import type { Plugin, Registry, RegistryPackage } from "../types";
import { pluginApi } from "./plugin_api";

const kindLabel: Record<string, string> = {
  driver: "Provider driver",
  adapter: "Client dialect",
  stage: "Pipeline stage",
  policy: "Routing policy",
  integration: "Client integration",
};

// True when a is a higher semantic version than b (pre-release tags ignored).
function newerVersion(a: string, b: string): boolean {
  const parse = (v: string) => v.split("-")[0].split(".").map((n) => Number(n) || 0);
  const [x, y] = [parse(a), parse(b)];
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) > (y[i] ?? 0);
  return false;
}

const stateTone = (s?: string) => (s === "active" ? "ok" : s === "failed" ? "bad" : "muted");

export function Plugins() {
  const installed = useLoad(() => api.get<{ data: Plugin[] }>("/plugins"));
  // The newest version each registry offers, to show which installed plugins can be upgraded.
  const offered = useLoad(() => pluginApi.search("").catch(() => ({ data: [] as RegistryPackage[] })));
  const newer = (p: Plugin) => {
    const pkg = offered.data?.data.find((o) => o.id === p.id);
    return pkg && newerVersion(pkg.version, p.version) ? pkg.version : undefined;
  };
  const reloadAll = () => {
    installed.reload();
    offered.reload();
  };
  return (
    <Page title="Plugins" intro="Drivers, dialects, stages, policies and integrations: install them from a registry like apps.">
      <Card title="Installed">
        <LoadState loading={installed.loading} error={installed.error} what="plugins" hasData={!!installed.data} />
        {installed.data && installed.data.data.length === 0 && <Empty>No plugins installed.</Empty>}
        {installed.data && installed.data.data.length > 0 && (
          <ul className="rows" aria-label="Installed plugins">
            {installed.data.data.map((p) => (
              <InstalledPlugin key={p.id} plugin={{ ...p, available_version: newer(p), upgrade_available: !!newer(p) }} onChanged={reloadAll} />
            ))}
          </ul>
        )}
      </Card>
      <Browse installed={installed.data?.data ?? []} onInstalled={reloadAll} />
    </Page>
  );
}

function InstalledPlugin(props: { plugin: Plugin; onChanged: () => void }) {
  const p = props.plugin;
  const act = useAction();
  const [open, setOpen] = useState(false);
  const [working, setWorking] = useState("");
  const start = async (what: string, fn: () => Promise<unknown>, done: string) => {
    setWorking(what);
    const ok = await act.run(fn, done);
    setWorking("");
    if (ok) props.onChanged();
  };
  return (
    <li className="row" data-plugin={p.id}>
      <div className="row-main">
        <div className="row-title">
          <strong>{p.name ?? p.id}</strong> {p.name && <code>{p.id}</code>} <span className="muted">v{p.version}</span>{" "}
          {p.kind && <Badge>{kindLabel[p.kind] ?? p.kind}</Badge>} <Badge tone={stateTone(p.state)}>{p.state ?? (p.enabled ? "enabled" : "disabled")}</Badge>
          {p.upgrade_available && p.available_version && <Badge tone="warn">v{p.available_version} available</Badge>}
        </div>
        {p.description && <div className="muted small">{p.description}</div>}
        {p.error && <ErrorNote error={`This plugin failed to load: ${p.error}`} />}
        {working && (
          <p className="progress" role="status">
            <span className="spinner" aria-hidden="true" /> {working}…
          </p>
        )}
        <ErrorNote error={act.error} />
        <Done message={act.done} />
        {open && <PluginSettings plugin={p} onSaved={props.onChanged} />}
      </div>
      <div className="row-actions">
        {p.enabled ? (
          <Button busy={working === "Disabling"} onClick={() => start("Disabling", () => pluginApi.disable(p.id), `${p.id} disabled.`)}>
            Disable
          </Button>
        ) : (
          <Button busy={working === "Enabling"} onClick={() => start("Enabling", () => pluginApi.enable(p.id), `${p.id} enabled.`)}>
            Enable
          </Button>
        )}
        {p.upgrade_available && (
          <Button busy={working === "Upgrading"} onClick={() => start("Upgrading", () => pluginApi.upgrade(p.id), `${p.id} upgraded.`)}>
            Upgrade
          </Button>
        )}
        <Button onClick={() => setOpen((o) => !o)}>{open ? "Close settings" : "Settings"}</Button>
        <Button
          kind="danger"
          busy={working === "Removing"}
          onClick={() => {
            if (window.confirm(`Remove ${p.id}? Requests in flight finish first.`)) start("Removing", () => pluginApi.remove(p.id), `${p.id} removed.`);
          }}
        >
          Remove
        </Button>
      </div>
    </li>
  );
}

function PluginSettings(props: { plugin: Plugin; onSaved: () => void }) {
  const detail = useLoad(() => pluginApi.get(props.plugin.id), [props.plugin.id]);
  const [value, setValue] = useState<Record<string, unknown>>();
  const [errors, setErrors] = useState<Errors>({});
  const save = useAction();
  const p = detail.data ?? props.plugin;
  const schema = p.config_schema;
  const current = value ?? (p.config as Record<string, unknown>) ?? {};
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!schema) return;
    const errs = validate(schema, current);
    setErrors(errs);
    if (Object.keys(errs).length) return;
    if (await save.run(() => pluginApi.configure(p.id, current), "Settings saved and applied.")) props.onSaved();
  };
  if (detail.loading && !detail.data) return <p className="muted">Loading settings…</p>;
  if (!schema) return <p className="muted">This kernel does not show the settings of {p.id} yet.</p>;
  return (
    <form className="settings" onSubmit={submit} noValidate aria-label={`Settings of ${p.id}`}>
      <SchemaForm schema={schema} value={current} onChange={setValue} errors={errors} />
      <Button type="submit" kind="primary" busy={save.busy}>
        Save settings
      </Button>
      <ErrorNote
        error={
          /no admin route/i.test(save.error)
            ? "This kernel cannot change a plugin's global settings from the UI yet; set them in the config file (plugins section) or per workspace on the Pipeline page."
            : save.error
        }
      />
      <Done message={save.done} />
    </form>
  );
}

function Browse(props: { installed: Plugin[]; onInstalled: () => void }) {
  const [q, setQ] = useState("");
  const [search, setSearch] = useState("");
  const results = useLoad(() => pluginApi.search(search), [search]);
  const registries = useLoad(() => api.get<{ data: Registry[] }>("/registries"));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSearch(q.trim());
  };
  const installedVersion = (pkg: RegistryPackage) => pkg.installed ?? props.installed.find((p) => p.id === pkg.id)?.version;
  return (
    <Card title="Browse registries">
      {registries.data && (
        <p className="muted small">
          Registries:{" "}
          {registries.data.data.length
            ? registries.data.data.map((r) => (
                <code key={r.name} className="chip" title={r.location}>
                  {r.name}
                </code>
              ))
            : "none configured"}
        </p>
      )}
      <form className="inline-form" role="search" onSubmit={submit}>
        <Field label="Search plugins">
          {(id) => <input id={id} type="search" value={q} placeholder="e.g. anthropic, redaction" onChange={(e) => setQ(e.target.value)} />}
        </Field>
        <Button type="submit" kind="primary" busy={results.loading}>
          Search
        </Button>
      </form>
      <LoadState loading={results.loading} error={results.error} what="packages" hasData={!!results.data} feature="plugin registries" />
      {results.data?.warnings?.map((w) => <ErrorNote key={w} error={`A registry could not be read: ${w}`} />)}
      {results.data && results.data.data.length === 0 && <Empty>No package matches “{search}”.</Empty>}
      {results.data && results.data.data.length > 0 && (
        <ul className="rows" aria-label="Available packages">
          {results.data.data.map((pkg) => (
            <Package key={`${pkg.registry ?? ""}/${pkg.id}@${pkg.version}`} pkg={pkg} installed={installedVersion(pkg)} onInstalled={props.onInstalled} />
          ))}
        </ul>
      )}
    </Card>
  );
}

function Package(props: { pkg: RegistryPackage; installed?: string; onInstalled: () => void }) {
  const { pkg } = props;
  const install = useAction();
  const go = () => install.run(() => pluginApi.install(pkg.id, pkg.version), `${pkg.id} ${pkg.version} installed and enabled.`).then((ok) => ok && props.onInstalled());
  return (
    <li className="row" data-package={pkg.id}>
      <div className="row-main">
        <div className="row-title">
          <strong>{pkg.id}</strong> <span className="muted">v{pkg.version}</span> {pkg.kind && <Badge>{kindLabel[pkg.kind] ?? pkg.kind}</Badge>}
          {props.installed && <Badge tone="ok">installed v{props.installed}</Badge>}
        </div>
        {pkg.description && <div className="muted small">{pkg.description}</div>}
        <div className="muted small">
          {pkg.registry && <>From {pkg.registry}. </>}
          {pkg.signed === false ? "Unsigned." : pkg.trusted === false ? "Signed by a publisher you do not trust." : pkg.publisher ? <>Signed by {pkg.publisher}.</> : null}
        </div>
        {install.busy && (
          <p className="progress" role="status">
            <span className="spinner" aria-hidden="true" /> Installing: download, verify signature, unpack, load…
          </p>
        )}
        <ErrorNote error={install.error && `Installing ${pkg.id} failed; nothing was changed. ${install.error}`} />
        <Done message={install.done} />
      </div>
      <div className="row-actions">
        {props.installed !== pkg.version && (
          <Button kind="primary" busy={install.busy} onClick={go} label={`Install ${pkg.id}`}>
            {props.installed ? "Install this version" : "Install"}
          </Button>
        )}
      </div>
    </li>
  );
}
