import type { SeedUser } from './idp-seed.js';

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/**
 * The page's Content-Security-Policy. No `form-action`: the form posts to this provider, which answers
 * with redirects to the client's redirect_uri, and browsers apply form-action to every redirect after a
 * submission — `form-action 'self'` would stop the way back to the console.
 */
export const SIGN_IN_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'";

/** The development provider's sign-in page: a plain form, posted as any browser posts it. */
export function signInPage(options: {
  action: string;
  clientName: string;
  users: readonly SeedUser[];
  error?: string;
  login?: string;
}): string {
  const users = options.users
    .map(
      (user) =>
        `<li><code>${escape(user.userId)}</code> — ${escape(user.name)} (${escape(user.agency)}, ${escape(user.role)}${user.region ? `, ${escape(user.region)}` : ''})</li>`,
    )
    .join('');
  return `<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Inloggen — keten (ontwikkeling)</title>
<style>body{font-family:sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}label{display:block;margin-top:1rem}input{font-size:1rem;padding:.4rem;width:100%}button{margin-top:1rem;font-size:1rem;padding:.5rem 1rem}.error{color:#a00}</style>
</head>
<body>
<main>
<h1>Inloggen bij keten</h1>
<p>Ontwikkelomgeving: dit is de identity provider van <code>npm start</code>, niet die van uw organisatie. U logt in voor <strong>${escape(options.clientName)}</strong>.</p>
${options.error ? `<p class="error" role="alert">${escape(options.error)}</p>` : ''}
<form method="post" action="${escape(options.action)}">
<label for="login">Gebruikersnaam</label>
<input id="login" name="login" autocomplete="username" required value="${escape(options.login ?? '')}">
<label for="password">Wachtwoord</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Inloggen</button>
</form>
<h2>Demogebruikers</h2>
<ul>${users}</ul>
</main>
</body>
</html>`;
}
