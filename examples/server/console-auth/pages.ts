import { html, type SafeHtml } from '../console/html';

/** Renders a page of the console around a body: the console's own layout. */
export type RenderPage = (title: string, body: SafeHtml) => string;

/** The sign-in form. `message` is ours (never echoes what the user typed except the email). */
export function signInPage(
  render: RenderPage,
  csrf: string,
  options: { email?: string; message?: string; next?: string } = {},
): string {
  return render(
    'Sign in',
    html`<section class="auth"><h1>Sign in</h1>
${options.message ? html`<p class="error" role="alert">${options.message}</p>` : ''}
<form method="post" action="/inbox/login">
<input type="hidden" name="csrf" value="${csrf}">
<input type="hidden" name="next" value="${options.next ?? '/inbox'}">
<label>Email <input type="email" name="email" autocomplete="username" required value="${options.email ?? ''}"></label>
<label>Password <input type="password" name="password" autocomplete="current-password" required></label>
<button type="submit">Sign in</button>
</form></section>`,
  );
}

/** The page a one-time link opens: the new agent chooses their email, name and password. */
export function welcomePage(
  render: RenderPage,
  csrf: string,
  token: string,
  options: { email?: string; name?: string; message?: string } = {},
): string {
  return render(
    'Create your agent account',
    html`<section class="auth"><h1>Create your agent account</h1>
${options.message ? html`<p class="error" role="alert">${options.message}</p>` : ''}
<form method="post" action="/inbox/welcome">
<input type="hidden" name="csrf" value="${csrf}">
<input type="hidden" name="token" value="${token}">
<label>Email <input type="email" name="email" autocomplete="username" required value="${options.email ?? ''}"></label>
<label>Name <input name="name" autocomplete="name" required maxlength="100" value="${options.name ?? ''}"></label>
<label>Password (12 characters or more) <input type="password" name="password" autocomplete="new-password" required minlength="12"></label>
<button type="submit">Create account and sign in</button>
</form></section>`,
  );
}

/** A short page with one message (refusals, expired links, a new invitation link). */
export function messagePage(render: RenderPage, title: string, message: SafeHtml | string): string {
  return render(title, html`<section><h1>${title}</h1><p>${message}</p></section>`);
}
