// 公式アカウント確認: anyone (a resident, the call centre) checks whether an address or @handle
// is an official account of the city, over GET /api/v1/verify. No sign-in; made for a phone.
import { request } from '../api.js';
import { h } from '../dom.js';
import { showErrors, textField } from '../forms.js';
import { localText, tr } from '../i18n.js';
import { navigate, pageHeading } from '../nav.js';


function statusLabel(status) {
  const labels = { active: ['運用中', 'active'], planned: ['開設予定', 'planned'], terminated: ['運用終了', 'closed'] };
  const [ja, en] = labels[status] || [status, status];
  return tr(ja, en);
}

function answer(result) {
  const official = result.official;
  return h('section', { class: `verdict ${official ? 'verdict--official' : 'verdict--unknown'}`, 'aria-labelledby': 'verdict-title' },
    h('h2', { id: 'verdict-title', class: 'verdict__title' },
      h('span', { class: 'verdict__mark', 'aria-hidden': 'true' }, official ? '✓' : '!'),
      official ? tr('市の公式アカウントです', 'This is an official account of the city')
        : tr('公式アカウントとして登録されていません', 'Not registered as an official account')),
    h('p', {}, localText(result.message)),
    result.channels.length ? h('ul', { class: 'verdict__channels' }, result.channels.map((channel) => h('li', {},
      h('strong', {}, channel.title), ` — ${channel.department}（${channel.platform}・${statusLabel(channel.status)}）`,
      channel.url ? h('br') : null, channel.url ? h('span', { class: 'mono' }, channel.url) : null))) : null,
    h('p', { class: 'verdict__query' }, tr('確認したアドレス: ', 'Checked: '), h('span', { class: 'mono' }, result.query)));
}

export async function render(main, { query }) {
  pageHeading(main, tr('公式アカウント確認', 'Official account check'),
    h('p', { class: 'lead' }, tr('SNS のアカウントのアドレス（URL）または @ではじまる名前を入力すると、市の公式アカウントかどうかを確かめられます。',
      'Enter the address (URL) of a social-media account, or its @name, to check whether it is an official account of the city.')));
  const form = h('form', { class: 'form form--narrow', role: 'search', novalidate: true },
    textField({ pointer: '/url', label: tr('アカウントのアドレスまたは @名前', 'Account address or @name'), required: true, type: 'text',
      inputmode: 'url', autocomplete: 'off', spellcheck: 'false', value: query.get('url') || '',
      hint: tr('例: https://x.com/example_city または @example_city', 'e.g. https://x.com/example_city or @example_city') }),
    h('div', { class: 'form__actions' }, h('button', { type: 'submit', class: 'button button--primary' }, tr('確認する', 'Check'))));
  const result = h('div', { 'aria-live': 'polite' });
  main.append(form, result);

  async function check(url) {
    result.replaceChildren(h('p', { class: 'loading' }, tr('確認しています…', 'Checking…')));
    try {
      const found = await request('GET', '/verify', { query: { url }, anonymous: true });
      result.replaceChildren(answer(found));
    } catch (error) {
      result.replaceChildren();
      showErrors(form, [{ path: error.path === 'url' ? '/url' : error.path, message: error.message }]);
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const url = form.querySelector('input').value.trim();
    if (!url) {
      showErrors(form, [{ path: '/url', message: '確認するアドレスを入力してください / enter the address to check' }]);
      return;
    }
    // In the address bar too, so the answer can be shared or reloaded.
    if (query.get('url') !== url) navigate('/verify', { url });
    else check(url);
  });
  if (query.get('url')) await check(query.get('url'));
}
