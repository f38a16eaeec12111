// 契約・サービス一覧: the engagements the role may read (GET /api/v1/engagements), a page at a
// time, filtered by kind, department, decision, verification status and a free-text search.
import { h } from '../dom.js';
import { badge, choices, word } from '../labels.js';
import { selectField, textField } from '../forms.js';
import { tr } from '../i18n.js';
import { pageHeading } from '../nav.js';
import { renderList } from '../listing.js';
import { can } from '../session.js';

const NAMES = ['q', 'kind', 'department', 'decision', 'verification_status'];

function fields(filters) {
  // Procurement may not list social-media channels (the API refuses the filter with 403): the
  // roles that see the channel list are the ones offered that kind.
  const kinds = can('channels') ? ['contractor', 'cloud', 'social_media'] : ['contractor', 'cloud'];
  return [
    textField({ pointer: '/q', label: tr('検索', 'Search'), type: 'search', value: filters.q, autocomplete: 'off',
      hint: tr('参照番号、件名、所管課、事業者名、法人番号、責任者名の一部', 'Part of a ref, title, department, vendor, corporate number or person') }),
    selectField({ pointer: '/kind', label: tr('種類', 'Kind'), value: filters.kind, options: choices('kind', kinds) }),
    textField({ pointer: '/department', label: tr('所管課', 'Department'), value: filters.department, autocomplete: 'off',
      hint: tr('課の名前を正確に', 'The exact name') }),
    selectField({ pointer: '/decision', label: tr('判定', 'Decision'), value: filters.decision, options: choices('decision') }),
    selectField({ pointer: '/verification_status', label: tr('定期確認', 'Verification'), value: filters.verification_status,
      options: choices('verification_status') }),
  ];
}

const COLUMNS = () => [
  { label: tr('参照番号', 'Ref'), class: 'mono nowrap', cell: (item) => h('a', { href: `#/engagements/${encodeURIComponent(item.ref)}` }, item.ref) },
  { label: tr('件名', 'Title'), class: 'col-title', cell: (item) => item.title },
  { label: tr('所管課', 'Department'), class: 'col-name', cell: (item) => item.department },
  { label: tr('種類', 'Kind'), class: 'nowrap', cell: (item) => word('kind', item.kind) },
  { label: tr('判定', 'Decision'), cell: (item) => badge('decision', item.decision) },
  { label: tr('リスク', 'Risk'), cell: (item) => badge('risk_level', item.risk_level) },
  { label: tr('定期確認', 'Verification'), cell: (item) => badge('verification_status', item.verification_status) },
  { label: tr('次回期限', 'Next due'), class: 'nowrap', cell: (item) => item.next_due },
];

export async function render(main, { query, isCurrent }) {
  pageHeading(main, tr('契約・サービス', 'Engagements'));
  await renderList(main, {
    route: '/engagements', apiPath: '/engagements', query, names: NAMES, fields, columns: COLUMNS(), isCurrent,
    caption: tr('契約・サービスの一覧', 'Engagements'),
    empty: tr('条件に合う契約・サービスはありません。', 'No engagement matches.'),
  });
}
