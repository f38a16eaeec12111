// SNS アカウント一覧: the social-media channels the role may read (GET /api/v1/channels; a
// channel owner gets its own department's only), a page at a time, with where each one is.
import { h } from '../dom.js';
import { badge, choices, word } from '../labels.js';
import { selectField, textField } from '../forms.js';
import { tr } from '../i18n.js';
import { pageHeading } from '../nav.js';
import { renderList } from '../listing.js';
import { can } from '../session.js';

// Roles that list every department's engagements may narrow the channels to one department; a
// channel owner sees one department anyway. Decision and verification status are the
// dashboard's counts, which link here for a channel owner.
const names = () => (can('engagements') ? ['q', 'department', 'decision', 'verification_status'] : ['q', 'decision', 'verification_status']);

function fields(filters) {
  return [
    textField({ pointer: '/q', label: tr('検索', 'Search'), type: 'search', value: filters.q, autocomplete: 'off',
      hint: tr('参照番号、名前、所管課、アカウント、URL の一部', 'Part of a ref, name, department, account or URL') }),
    can('engagements') ? textField({ pointer: '/department', label: tr('所管課', 'Department'), value: filters.department,
      autocomplete: 'off', hint: tr('課の名前を正確に', 'The exact name') }) : null,
    selectField({ pointer: '/decision', label: tr('判定', 'Decision'), value: filters.decision, options: choices('decision') }),
    selectField({ pointer: '/verification_status', label: tr('定期確認', 'Verification'), value: filters.verification_status,
      options: choices('verification_status') }),
  ];
}

function columns() {
  const list = [
    { label: tr('参照番号', 'Ref'), class: 'mono nowrap', cell: (item) => h('a', { href: `#/engagements/${encodeURIComponent(item.ref)}` }, item.ref) },
    { label: tr('名前', 'Name'), class: 'col-title', cell: (item) => item.title },
    { label: tr('所管課', 'Department'), class: 'col-name', cell: (item) => item.department },
    { label: tr('サービス', 'Platform'), class: 'nowrap', cell: (item) => word('platform', item.platform) },
    { label: tr('アカウント', 'Account'), class: 'mono col-name', cell: (item) => item.account },
    { label: 'URL', class: 'mono col-title', cell: (item) => item.url },
    { label: tr('状態', 'Status'), class: 'nowrap', cell: (item) => word('status', item.status) },
    { label: tr('定期確認', 'Verification'), cell: (item) => badge('verification_status', item.verification_status) },
  ];
  if (can('registerChannel')) {
    list.push({
      label: tr('操作', 'Actions'),
      cell: (item) => h('a', { href: `#/channels/${encodeURIComponent(item.ref)}/edit` },
        tr('編集', 'Edit'), h('span', { class: 'visually-hidden' }, `（${item.title}）`)),
    });
  }
  return list;
}

export async function render(main, { query, isCurrent }) {
  pageHeading(main, tr('SNS アカウント', 'Social media'));
  if (can('registerChannel')) main.append(h('p', {}, h('a', { class: 'button button--primary', href: '#/channels/new' }, tr('SNS アカウントを登録', 'Register a channel'))));
  await renderList(main, {
    route: '/channels', apiPath: '/channels', query, names: names(), fields, columns: columns(), isCurrent,
    caption: tr('SNS アカウントの一覧', 'Social-media channels'),
    empty: tr('条件に合う SNS アカウントはありません。', 'No channel matches.'),
  });
}
