/** The login form: one labelled field for the admin token. */
import { html } from '../html';
import { layout } from './layout';

export function loginPage(view: { problem?: string }): string {
  return layout({
    title: 'Log in',
    section: null,
    body: html`<h1>Log in to the console</h1>
${view.problem === undefined ? '' : html`<p role="alert" class="tier-at_risk">${view.problem}</p>`}
<form method="post" action="/console/login">
<p><label for="token">Admin token (PULSE_ADMIN_TOKEN)</label><br><input id="token" name="token" type="password" autocomplete="current-password" required size="40"></p>
<p><button type="submit">Log in</button></p>
</form>`,
  });
}
