// The security office's dashboard: counts by decision and by verification status, the due list,
// and findings by severity and department as a chart that reads without colour (patterns and
// numbers) with the same figures as a table. GET /api/v1/dashboard and GET /api/v1/due, both
// over what the signed-in role may see.
import { get } from '../api.js';
import { h } from '../dom.js';
import { formatNumber, tr } from '../i18n.js';
import { DECISIONS, SEVERITIES, VERIFICATION_STATUSES, word } from '../labels.js';
import { pageHeading } from '../nav.js';
import { can } from '../session.js';
import { findingsChart } from './findings-chart.js';

const DUE_WITHIN_DAYS = 30;

function listLink(query) {
  const list = can('engagements') ? '/engagements' : '/channels';
  return `#${list}?${new URLSearchParams(query)}`;
}

function counts(title, id, entries) {
  return h('section', { 'aria-labelledby': id },
    h('h2', { id }, title),
    h('ul', { class: 'stats' }, entries.map(([text, value, href]) => h('li', { class: 'stat' },
      h('a', { href },
        h('span', { class: 'stat__value' }, formatNumber(value)),
        h('span', { class: 'stat__label' }, text))))));
}

const DUE_GROUPS = [
  ['overdue', () => tr('確認の期限超過', 'Verification overdue'), (item) => item.what === 'verification' && item.status === 'overdue'],
  ['failed', () => tr('確認で不適合', 'Verification failed'), (item) => item.what === 'verification' && item.status === 'failed'],
  ['due_soon', () => tr(`${DUE_WITHIN_DAYS} 日以内に確認の期限`, `Verification due within ${DUE_WITHIN_DAYS} days`),
    (item) => item.what === 'verification' && item.status !== 'overdue' && item.status !== 'failed'],
  ['certification', () => tr('認証の有効期限（切れたもの・近いもの）', 'Certifications expired or expiring'), (item) => item.what === 'certification'],
];

function daysText(days) {
  if (days < 0) return tr(`${-days} 日超過`, `${-days} days late`);
  if (days === 0) return tr('本日', 'today');
  return tr(`あと ${days} 日`, `in ${days} days`);
}

function dueTable(caption, items) {
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption },
    h('table', {},
      h('caption', {}, `${caption}（${formatNumber(items.length)} ${tr('件', 'items')}）`),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, tr('期限', 'Date')),
        h('th', { scope: 'col' }, tr('残り', 'When')),
        h('th', { scope: 'col' }, tr('参照番号', 'Ref')),
        h('th', { scope: 'col' }, tr('件名', 'Title')),
        h('th', { scope: 'col' }, tr('所管課', 'Department')),
        h('th', { scope: 'col' }, tr('内容', 'Detail')))),
      h('tbody', {}, items.map((item) => h('tr', {},
        h('td', {}, item.date),
        h('td', {}, daysText(item.days)),
        h('td', {}, h('a', { href: `#/engagements/${encodeURIComponent(item.ref)}` }, item.ref)),
        h('td', {}, item.title),
        h('td', {}, item.department),
        h('td', {}, item.what === 'verification' ? word('verification_status', item.status) : item.detail))))));
}

function dueSection(items) {
  const id = 'due-title';
  const groups = DUE_GROUPS.map(([key, title, belongs]) => [key, title(), items.filter(belongs)]).filter(([, , found]) => found.length);
  return h('section', { 'aria-labelledby': id },
    h('h2', { id }, tr('対応が必要なもの', 'Due and overdue')),
    groups.length
      ? groups.map(([, title, found]) => dueTable(title, found))
      : h('p', { class: 'notice notice--success' }, tr(`期限を過ぎたもの、${DUE_WITHIN_DAYS} 日以内に期限が来るものはありません。`,
        `Nothing is overdue or due within ${DUE_WITHIN_DAYS} days.`)));
}

export async function render(main) {
  const [summary, due] = await Promise.all([get('/dashboard'), get('/due', { query: { within: DUE_WITHIN_DAYS } })]);
  pageHeading(main, tr('ダッシュボード', 'Dashboard'),
    h('p', { class: 'lead' }, tr(`${summary.as_of} 時点の ${formatNumber(summary.engagements)} 件の契約・サービス・SNS アカウント`,
      `${formatNumber(summary.engagements)} engagements and channels as of ${summary.as_of}`)));
  main.append(
    counts(tr('審査の判定', 'Decisions'), 'decisions-title',
      DECISIONS.map((code) => [word('decision', code), summary.by_decision[code] ?? 0, listLink({ decision: code })])),
    counts(tr('定期確認の状況', 'Periodic verification'), 'verification-title',
      VERIFICATION_STATUSES.map((code) => [word('verification_status', code), summary.by_verification_status[code] ?? 0,
        listLink({ verification_status: code })])),
    dueSection(due.items),
    findingsChart(summary.findings_by_department, SEVERITIES));
}
