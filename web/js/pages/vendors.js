// 事業者一覧: the registered vendors (GET /api/v1/vendors), a page at a time, with their
// certifications and how many engagements each has; searched by name or 法人番号.
import { h } from '../dom.js';
import { word } from '../labels.js';
import { textField } from '../forms.js';
import { formatNumber, tr } from '../i18n.js';
import { pageHeading } from '../nav.js';
import { listHref, renderList } from '../listing.js';

const NAMES = ['q'];

function fields(filters) {
  return [
    textField({ pointer: '/q', label: tr('検索', 'Search'), type: 'search', value: filters.q, autocomplete: 'off',
      hint: tr('事業者名または法人番号の一部', 'Part of the name or corporate number') }),
  ];
}

function certifications(vendor) {
  if (!vendor.certifications.length) return tr('なし', 'none');
  return h('ul', { class: 'plain-list' }, vendor.certifications.map((certification) => h('li', {},
    word('scheme', certification.scheme), certification.number ? ` ${certification.number}` : '',
    h('br'), h('span', { class: 'sub' }, tr(`${certification.valid_until} まで有効`, `valid until ${certification.valid_until}`)))));
}

// The vendor's engagements are the engagement list searched by its 法人番号 (or its name when it has none).
function engagements(vendor) {
  const count = formatNumber(vendor.engagements);
  if (!vendor.engagements) return count;
  return h('a', { href: listHref('/engagements', { q: vendor.corporate_number || vendor.name }) },
    count, h('span', { class: 'visually-hidden' }, tr(`（${vendor.name}の契約・サービス）`, ` (engagements of ${vendor.name})`)));
}

const COLUMNS = () => [
  { label: tr('事業者名', 'Name'), class: 'col-title', cell: (vendor) => vendor.name },
  { label: tr('法人番号', 'Corporate number'), class: 'mono', cell: (vendor) => vendor.corporate_number || '—' },
  { label: tr('国', 'Country'), cell: (vendor) => vendor.country || '—' },
  { label: tr('認証', 'Certifications'), class: 'col-title', cell: certifications },
  { label: tr('契約・サービス数', 'Engagements'), class: 'number', cell: engagements },
];

export async function render(main, { query, isCurrent }) {
  pageHeading(main, tr('事業者', 'Vendors'));
  await renderList(main, {
    route: '/vendors', apiPath: '/vendors', query, names: NAMES, fields, columns: COLUMNS(), isCurrent,
    caption: tr('事業者の一覧', 'Vendors'),
    empty: tr('条件に合う事業者はありません。', 'No vendor matches.'),
  });
}
