// Sign-in with a token issued by `itaku token create` (or POST /api/v1/tokens): kept for this
// tab only. A wrong token is said next to the field; the token typed stays in it.
import { ApiError } from '../api.js';
import { h } from '../dom.js';
import { showErrors, textField } from '../forms.js';
import { tr } from '../i18n.js';
import { navigate, pageHeading } from '../nav.js';
import { signIn } from '../session.js';

export async function render(main, { query }) {
  pageHeading(main, tr('サインイン', 'Sign in'));
  if (query.get('expired')) {
    main.append(h('p', { class: 'notice notice--warning', role: 'status' },
      tr('トークンが無効になったか取り消されました。もう一度サインインしてください。', 'Your token is no longer valid or was revoked; please sign in again.')));
  }
  const form = h('form', { class: 'form form--narrow', novalidate: true },
    h('p', {}, tr('管理者から受け取ったトークン（itk_ で始まる文字列）を入力してください。トークンはこのタブを閉じると消えます。',
      'Enter the token your administrator gave you (it starts with itk_). It is forgotten when this tab closes.')),
    textField({ pointer: '/token', label: tr('トークン', 'Token'), type: 'password', required: true, autocomplete: 'off', spellcheck: 'false' }),
    h('div', { class: 'form__actions' }, h('button', { type: 'submit', class: 'button button--primary' }, tr('サインイン', 'Sign in'))));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = form.querySelector('input');
    const value = input.value.trim();
    if (!value) {
      showErrors(form, [{ path: '/token', message: 'トークンを入力してください / enter your token' }]);
      return;
    }
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      await signIn(value);
      const next = query.get('next');
      navigate(next && next.startsWith('/') && !next.startsWith('/signin') ? next.split('?')[0] : '/',
        next && next.includes('?') ? Object.fromEntries(new URLSearchParams(next.split('?')[1])) : undefined);
    } catch (error) {
      const message = error instanceof ApiError && error.status === 401
        ? 'このトークンではサインインできません。入力を確かめるか、管理者に新しいトークンを頼んでください / this token cannot sign in; check it or ask your administrator for a new one'
        : error.message;
      showErrors(form, [{ path: '/token', message }]);
    } finally {
      button.disabled = false;
    }
  });
  main.append(form,
    h('p', {}, h('a', { href: '#/verify' }, tr('サインインせずに、SNS アカウントが市の公式アカウントか確かめる', 'Check whether a social-media account is official, without signing in'))));
  form.querySelector('input').focus();
}
