/** The sign-in form: the admin token, checked by loading the configuration with it. */
import { html, type TemplateResult } from 'lit';
import type { MessageKey } from './i18n.js';

export function signInView(
  t: Record<MessageKey, string>,
  error: string | undefined,
  onSubmit: (token: string) => void,
): TemplateResult {
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const token = (form.elements.namedItem('token') as HTMLInputElement).value.trim();
    if (token) onSubmit(token);
  };
  return html`<section class="sign-in" aria-labelledby="sign-in-heading">
    <h2 id="sign-in-heading">${t.signInHeading}</h2>
    <p id="sign-in-help">${t.signInHelp}</p>
    <form @submit=${submit}>
      <label for="admin-token">${t.adminToken}</label>
      <input
        id="admin-token"
        name="token"
        type="password"
        autocomplete="off"
        required
        aria-describedby="sign-in-help${error ? ' sign-in-error' : ''}"
        aria-invalid=${error ? 'true' : 'false'}
      />
      <button type="submit">${t.signIn}</button>
    </form>
    ${error ? html`<p id="sign-in-error" class="error" role="alert">${error}</p>` : ''}
  </section>`;
}
