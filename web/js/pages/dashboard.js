// The security office's dashboard: counts by decision and by verification status, the due list,
// and findings by severity and department as a chart that reads without colour (patterns and
// numbers) with the same figures as a table: one call, GET /api/v1/dashboard, over what the
// signed-in role may see (cached by the server until the registry changes).
import { get } from '../api.js';
import { h } from '../dom.js';
import { formatNumber, tr } from '../i18n.js';
import { DECISIONS, SEVERITIES, VERIFICATION_STATUSES, word } from '../labels.js';
import { pageHeading } from '../nav.js';
import { can } from '../session.js';
import { findingsChart } from './findings-chart.js';

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

// The API's groups of the due list (GET /dashboard's `due`), in its order.
const DUE_TITLES = {
  overdue: () => tr('確認の期限超過', 'Verification overdue'),
  failed: () => tr('確認で不適合', 'Verification failed'),
  due_soon: (days) => tr(`${days} 日以内に確認の期限`, `Verification due within ${days} days`),
  certification: () => tr('認証の有効期限（切れたもの・近いもの）', 'Certifications expired or expiring'),
};

function daysText(days) {
  if (days < 0) return tr(`${-days} 日超過`, `${-days} days late`);
  if (days === 0) return tr('本日', 'today');
  return tr(`あと ${days} 日`, `in ${days} days`);
}

function dueTable(caption, items, count) {
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption },
    h('table', {},
      h('caption', {}, `${caption}（${formatNumber(count)} ${tr('件', 'items')}${count > items.length
        ? tr(`、期限の早い ${items.length} 件を表示`, `, the first ${items.length} shown`) : ''}）`),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, tr('期限', 'Date')),
        h('th', { scope: 'col' }, tr('残り', 'When')),
        h('th', { scope: 'col' }, tr('参照番号', 'Ref')),
        h('th', { scope: 'col' }, tr('件名', 'Title')),
        h('th', { scope: 'col' }, tr('所管課', 'Department')),
        h('th', { scope: 'col' }, tr('内容', 'Detail')))),
      h('tbody', {}, items.map((item) => h('tr', {},
        h('td', { class: 'nowrap' }, item.date),
        h('td', { class: 'nowrap' }, daysText(item.days)),
        h('td', { class: 'mono nowrap' }, h('a', { href: `#/engagements/${encodeURIComponent(item.ref)}` }, item.ref)),
        h('td', { class: 'col-title' }, item.title),
        h('td', { class: 'col-name' }, item.department),
        h('td', { class: 'col-name' }, item.what === 'verification' ? word('verification_status', item.status) : item.detail))))));
}

// The whole list is GET /due (and `itaku due`); a group longer than the API lists links to the
// engagements in that state where there is such a filter.
function dueSection(due) {
  const id = 'due-title';
  const groups = due.groups.filter((group) => group.count > 0);
  return h('section', { 'aria-labelledby': id },
    h('h2', { id }, tr('対応が必要なもの', 'Due and overdue')),
    groups.length
      ? groups.map((group) => [
        dueTable(DUE_TITLES[group.group](due.within_days), group.items, group.count),
        group.count > group.items.length && group.group !== 'certification'
          ? h('p', {}, h('a', { href: listLink({ verification_status: group.group }) },
            tr(`${DUE_TITLES[group.group](due.within_days)}をすべて見る（${formatNumber(group.count)} 件）`,
              `All ${formatNumber(group.count)}: ${DUE_TITLES[group.group](due.within_days)}`)))
          : null,
      ])
      : h('p', { class: 'notice notice--success' }, tr(`期限を過ぎたもの、${due.within_days} 日以内に期限が来るものはありません。`,
        `Nothing is overdue or due within ${due.within_days} days.`)));
}

export async function render(main) {
  const summary = await get('/dashboard');
  pageHeading(main, tr('ダッシュボード', 'Dashboard'),
    h('p', { class: 'lead' }, tr(`${summary.as_of} 時点の ${formatNumber(summary.engagements)} 件の契約・サービス・SNS アカウント`,
      `${formatNumber(summary.engagements)} engagements and channels as of ${summary.as_of}`)));
  main.append(
    counts(tr('審査の判定', 'Decisions'), 'decisions-title',
      DECISIONS.map((code) => [word('decision', code), summary.by_decision[code] ?? 0, listLink({ decision: code })])),
    counts(tr('定期確認の状況', 'Periodic verification'), 'verification-title',
      VERIFICATION_STATUSES.map((code) => [word('verification_status', code), summary.by_verification_status[code] ?? 0,
        listLink({ verification_status: code })])),
    dueSection(summary.due),
    findingsChart(summary.findings_by_department, SEVERITIES));
}
