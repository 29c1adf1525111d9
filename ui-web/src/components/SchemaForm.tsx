import { useState } from "react";
import type { JsonSchema } from "../types";
import { Field } from "./ui";

// A settings form generated from a plugin's JSON Schema, so that no plugin needs
// UI code of its own. Covers the schema features plugin manifests use: objects,
// strings (enum, pattern, length), numbers and integers (range), booleans, lists
// of strings; anything else is edited as JSON. Secrets (writeOnly, format
// "password" or x-secret) are write-only: never shown, sent only when typed.

type Obj = Record<string, unknown>;
export type Errors = Record<string, string>;

const typeOf = (s: JsonSchema): string | undefined => (Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type);
export const isSecret = (s: JsonSchema) => !!(s.writeOnly || s.format === "password" || s["x-secret"]);
const labelOf = (key: string, s: JsonSchema) => s.title ?? key.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());
const isStringList = (s: JsonSchema) => typeOf(s) === "array" && typeOf(s.items ?? {}) === "string" && !s.items?.enum;

// Validation messages in words, from the schema's own constraints.
export function validate(schema: JsonSchema, value: unknown, path = ""): Errors {
  const errors: Errors = {};
  const t = typeOf(schema);
  if (value === undefined || value === "") return errors;
  if (schema.enum && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value)))
    errors[path] = `Choose one of: ${schema.enum.map(String).join(", ")}.`;
  else if (t === "string" && typeof value === "string") {
    if (schema.minLength !== undefined && value.length < schema.minLength)
      errors[path] = schema.minLength === 1 ? "Must not be empty." : `Needs at least ${schema.minLength} characters.`;
    else if (schema.maxLength !== undefined && value.length > schema.maxLength)
      errors[path] = `At most ${schema.maxLength} characters.`;
    else if (schema.pattern && !new RegExp(schema.pattern, "u").test(value))
      errors[path] = `Does not have the expected form (${schema.pattern}).`;
  } else if (t === "integer" || t === "number") {
    if (typeof value !== "number" || Number.isNaN(value)) errors[path] = "Enter a number.";
    else if (t === "integer" && !Number.isInteger(value)) errors[path] = "Enter a whole number.";
    else if (schema.minimum !== undefined && value < schema.minimum) errors[path] = `Must be at least ${schema.minimum}.`;
    else if (schema.maximum !== undefined && value > schema.maximum) errors[path] = `Must be at most ${schema.maximum}.`;
  } else if (t === "object" && schema.properties && value && typeof value === "object" && !Array.isArray(value)) {
    const obj = value as Obj;
    for (const req of schema.required ?? [])
      if (obj[req] === undefined || obj[req] === "") errors[join(path, req)] = "Required.";
    for (const [k, sub] of Object.entries(schema.properties)) Object.assign(errors, validate(sub, obj[k], join(path, k)));
  } else if (t === "array" && Array.isArray(value) && schema.items) {
    value.forEach((item, i) => {
      const sub = validate(schema.items!, item, join(path, String(i)));
      if (Object.keys(sub).length) errors[path] = `Item ${i + 1}: ${Object.values(sub)[0]}`;
    });
  }
  return errors;
}

const join = (a: string, b: string) => (a ? a + "." + b : b);

export function SchemaForm(props: {
  schema: JsonSchema;
  value: Obj;
  onChange: (v: Obj) => void;
  errors?: Errors;
  storedSecrets?: string[]; // secret fields that have a stored value
  path?: string;
}) {
  const props_ = props.schema.properties ?? {};
  const keys = Object.keys(props_);
  if (keys.length === 0) return <p className="muted">This plugin has no settings.</p>;
  return (
    <div className="schema-form">
      {keys.map((key) => (
        <SchemaField
          key={key}
          name={key}
          schema={props_[key]}
          required={props.schema.required?.includes(key) ?? false}
          value={props.value[key]}
          onChange={(v) => {
            const next = { ...props.value };
            if (v === undefined) delete next[key];
            else next[key] = v;
            props.onChange(next);
          }}
          error={props.errors?.[join(props.path ?? "", key)]}
          errors={props.errors}
          path={join(props.path ?? "", key)}
          stored={props.storedSecrets?.includes(key) ?? false}
        />
      ))}
    </div>
  );
}

function SchemaField(props: {
  name: string;
  schema: JsonSchema;
  required: boolean;
  value: unknown;
  onChange: (v: unknown) => void;
  error?: string;
  errors?: Errors;
  path: string;
  stored: boolean;
}) {
  const { schema, value, onChange } = props;
  const t = typeOf(schema);
  const label = labelOf(props.name, schema) + (props.required ? " (required)" : "");
  const hint = [schema.description, schema.default !== undefined && typeof schema.default !== "object" ? `Default: ${String(schema.default)}` : ""]
    .filter(Boolean)
    .join(" · ");

  if (t === "boolean") {
    const checked = (value ?? schema.default ?? false) as boolean;
    return (
      <div className="field check">
        <label>
          <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} /> {labelOf(props.name, schema)}
        </label>
        {schema.description && <small className="hint">{schema.description}</small>}
      </div>
    );
  }
  if (t === "object" && schema.properties) {
    return (
      <fieldset className="nested">
        <legend>{label}</legend>
        {schema.description && <p className="hint">{schema.description}</p>}
        <SchemaForm
          schema={schema}
          value={(value as Obj) ?? {}}
          onChange={(v) => onChange(Object.keys(v).length ? v : undefined)}
          errors={props.errors}
          path={props.path}
        />
      </fieldset>
    );
  }
  return (
    <Field label={label} hint={hint || undefined} error={props.error}>
      {(id, describedBy) => {
        const common = { id, "aria-describedby": describedBy, "aria-invalid": props.error ? true : undefined };
        if (schema.enum)
          return (
            <select {...common} value={value === undefined ? "" : String(value)} onChange={(e) => {
              const picked = schema.enum!.find((x) => String(x) === e.target.value);
              onChange(e.target.value === "" ? undefined : picked);
            }}>
              <option value="">{schema.default !== undefined ? `Default (${String(schema.default)})` : "—"}</option>
              {schema.enum.map((x) => (
                <option key={String(x)} value={String(x)}>
                  {String(x)}
                </option>
              ))}
            </select>
          );
        if (t === "string" && isSecret(schema))
          return (
            <input
              {...common}
              type="password"
              autoComplete="new-password"
              placeholder={props.stored ? "Stored. Type to replace it." : ""}
              value={(value as string) ?? ""}
              onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)}
            />
          );
        if (t === "string")
          return (
            <input
              {...common}
              type="text"
              spellCheck={false}
              placeholder={typeof schema.default === "string" ? schema.default : ""}
              value={(value as string) ?? ""}
              onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)}
            />
          );
        if (t === "integer" || t === "number")
          return (
            <input
              {...common}
              type="number"
              inputMode={t === "integer" ? "numeric" : "decimal"}
              step={t === "integer" ? 1 : "any"}
              placeholder={schema.default !== undefined ? String(schema.default) : ""}
              value={value === undefined ? "" : String(value)}
              onChange={(e) => onChange(e.target.value === "" ? undefined : Number(e.target.value))}
            />
          );
        if (isStringList(schema))
          return (
            <textarea
              {...common}
              rows={3}
              spellCheck={false}
              placeholder="One per line"
              value={Array.isArray(value) ? (value as string[]).join("\n") : ""}
              onChange={(e) => {
                const items = e.target.value.split("\n").map((s) => s.trim()).filter(Boolean);
                onChange(items.length ? items : undefined);
              }}
            />
          );
        return <JsonInput {...common} value={value} onChange={onChange} />;
      }}
    </Field>
  );
}

// Lists of objects, maps and other shapes: edited as JSON, checked on every change.
function JsonInput(props: { id: string; value: unknown; onChange: (v: unknown) => void; "aria-describedby"?: string }) {
  const [text, setText] = useState(props.value === undefined ? "" : JSON.stringify(props.value, null, 2));
  const [bad, setBad] = useState("");
  return (
    <>
      <textarea
        id={props.id}
        rows={5}
        spellCheck={false}
        className="mono"
        aria-describedby={props["aria-describedby"]}
        aria-invalid={bad ? true : undefined}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          if (!e.target.value.trim()) {
            setBad("");
            props.onChange(undefined);
            return;
          }
          try {
            props.onChange(JSON.parse(e.target.value));
            setBad("");
          } catch {
            setBad("Not valid JSON yet.");
          }
        }}
      />
      {bad && <small className="field-error">{bad}</small>}
    </>
  );
}
