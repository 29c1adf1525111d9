import { useState, type FormEvent } from "react";
import { api, setCsrfToken } from "../api";
import { Button, Field } from "../components/ui";
import { asApiError } from "../hooks";

interface SessionAnswer {
  csrf_token: string;
}

export function SignIn(props: { onSignedIn: () => void; expired?: boolean }) {
  const [token, setToken] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!token.trim()) {
      setError("Enter the admin token.");
      return;
    }
    setBusy(true);
    setError("");
    try {
      const answer = await api.post<SessionAnswer>("/session", { token: token.trim() });
      setCsrfToken(answer.csrf_token);
      setToken("");
      props.onSignedIn();
    } catch (err) {
      const e2 = asApiError(err);
      setError(e2.status === 401 ? "That is not the admin token of this GateOS kernel." : e2.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="signin">
      <form className="card signin-card" onSubmit={submit} noValidate>
        <div className="brand big">
          <span className="logo" aria-hidden="true">G</span> GateOS
        </div>
        <h1>Sign in</h1>
        {props.expired && <p className="intro">Your session ended. Sign in again to go on.</p>}
        <Field
          label="Admin token"
          hint={
            <>
              The token is in <code>admin.token</code> in the GateOS data directory (for example{" "}
              <code>~/.local/share/gateos/admin.token</code>); <code>make run</code> prints it.
            </>
          }
          error={error}
        >
          {(id, describedBy) => (
            <input
              id={id}
              type="password"
              autoComplete="current-password"
              spellCheck={false}
              value={token}
              onChange={(e) => setToken(e.target.value)}
              aria-describedby={describedBy}
              aria-invalid={error ? true : undefined}
              autoFocus
            />
          )}
        </Field>
        <Button type="submit" kind="primary" busy={busy}>
          Sign in
        </Button>
      </form>
    </main>
  );
}
