// The banner shown when the server no longer accepts the token (revoked, or the server's
// registry replaced) while a page is open: sign in again right there, so nothing typed is lost.
import { ApiError } from './api.js';
import { announce, h, uniqueId } from './dom.js';
import { localMessage, tr } from './i18n.js';
import { signIn } from './session.js';

export function showSignInAgain(main, onSignedIn) {
  if (main.querySelector('.sign-in-again')) return;
  const id = uniqueId('again');
  const input = h('input', { id, type: 'password', class: 'input', autocomplete: 'off', spellcheck: 'false' });
  const error = h('p', { class: 'field__error', id: `${id}-error`, hidden: true });
  const form = h('form', { class: 'notice notice--error sign-in-again', novalidate: true, 'aria-labelledby': `${id}-title` },
    h('h2', { id: `${id}-title`, class: 'error-summary__title' }, tr('トークンが無効になりました', 'Your token is no longer valid')),
    h('p', {}, tr('このページの入力内容はそのままです。新しいトークンでサインインし直すと、続けて保存できます。',
      'What you typed on this page is kept. Sign in again with a new token to go on and save it.')),
    h('div', { class: 'field' }, h('label', { class: 'field__label', for: id }, tr('トークン', 'Token')), error, input),
    h('div', { class: 'form__actions' }, h('button', { type: 'submit', class: 'button button--primary' }, tr('サインインし直す', 'Sign in again'))));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await signIn(input.value.trim());
      form.remove();
      onSignedIn();
      announce(tr('サインインしました', 'Signed in'));
    } catch (failure) {
      error.hidden = false;
      error.textContent = failure instanceof ApiError && failure.status === 401
        ? tr('このトークンではサインインできません', 'This token cannot sign in') : localMessage(failure.message);
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', error.id);
      input.focus();
    }
  });
  main.prepend(form);
  input.focus();
}
