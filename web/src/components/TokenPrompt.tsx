/** Asks for the API token after a 401 and stores it (localStorage) for every later request. */
import { useState, type FormEvent } from 'react';
import { setToken } from '../api/client.js';

export function TokenPrompt() {
  const [value, setValue] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (value.trim()) setToken(value.trim());
  };
  return (
    <form className="token-prompt" onSubmit={submit} data-testid="token-prompt">
      <label htmlFor="nl-token">
        <strong>This NeoLight API needs a token.</strong> It is bound beyond 127.0.0.1, so it asks for the value of NEOLIGHT_API_TOKEN from the machine running `neolight up`.
      </label>
      <div className="row">
        <input id="nl-token" type="password" autoComplete="current-password" value={value} onChange={(e) => setValue(e.target.value)} placeholder="API token" />
        <button type="submit" disabled={!value.trim()}>
          Connect
        </button>
      </div>
      <p className="muted small">Stored in this browser only (localStorage) and sent as a bearer token.</p>
    </form>
  );
}
