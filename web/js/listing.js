// A list page over one of the API's paged lists (engagements, channels, vendors): filters and the
// page's cursor live in the address (#/engagements?kind=cloud&cursor=…), so a reload or a shared
// link shows the same list; only one page (`limit` items) is fetched at a time, so a registry of
// 10,000 engagements lists as fast as one of 25 (docs/web.md).
import { ApiError, get } from './api.js';
import { append, clear, h } from './dom.js';
import { collect, showErrors } from './forms.js';
import { formatNumber, tr } from './i18n.js';
import { navigate } from './nav.js';

export const PAGE_SIZE = 50;

// The address of one page of the list: the filters that are set, and the cursor and page number.
export function listHref(route, filters, extra = {}) {
  const search = new URLSearchParams(Object.entries({ ...filters, ...extra }).filter(([, v]) => v !== '' && v != null)).toString();
  return `#${route}${search ? `?${search}` : ''}`;
}

function filterForm(route, fields, filters) {
  const form = h('form', { class: 'filters', role: 'search', novalidate: true, 'aria-label': tr('絞り込み', 'Filters') },
    fields,
    h('div', { class: 'filters__actions' },
      h('button', { type: 'submit', class: 'button button--primary' }, tr('絞り込む', 'Apply')),
      Object.keys(filters).length ? h('a', { class: 'button button--text', href: `#${route}` }, tr('条件をクリア', 'Clear filters')) : null));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    // A new search starts at the first page: a cursor is only valid with the filters it came with.
    navigate(route, collect(form));
  });
  return form;
}

function table(caption, columns, items) {
  return h('div', { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-label': caption },
    h('table', { class: 'list-table' },
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, columns.map((column) => h('th', { scope: 'col', class: column.class }, column.label)))),
      h('tbody', {}, items.map((item) => h('tr', {}, columns.map((column, index) => (index === 0
        ? h('th', { scope: 'row', class: column.class }, column.cell(item))
        : h('td', { class: column.class }, column.cell(item)))))))));
}

// A page that came back shorter than asked, with a cursor, means the server stopped at its scan
// limit (a rare filter or search): there may be more further on, so "search further" rather
// than "next" (schemas/openapi.json, "Short pages").
function pager(route, filters, page, items, nextCursor, limit) {
  const searching = Boolean(nextCursor) && items.length < limit;
  const links = [];
  if (page > 1) links.push(h('a', { class: 'button', href: listHref(route, filters) }, tr('最初のページへ', 'First page')));
  if (nextCursor) {
    links.push(h('a', { class: 'button', rel: 'next', href: listHref(route, filters, { cursor: nextCursor, page: page + 1 }) },
      searching ? tr('さらに探す', 'Search further') : tr('次へ', 'Next')));
  }
  return links.length ? h('nav', { class: 'pager', 'aria-label': tr('ページ送り', 'Pages') }, links) : null;
}

// fields: form fields (forms.js) whose pointers are "/<query name>"; names: those query names.
// columns: [{label, cell(item) -> node or text, class?}]; the first column heads each row.
export async function renderList(main, { route, apiPath, query, names, fields, columns, caption, empty, isCurrent, limit = PAGE_SIZE }) {
  const filters = Object.fromEntries(names.filter((name) => query.get(name)).map((name) => [name, query.get(name)]));
  const cursor = query.get('cursor') || undefined;
  const page = Math.max(1, Number.parseInt(query.get('page'), 10) || 1);
  const form = filterForm(route, fields(filters), filters);
  const results = h('div', { class: 'list-results' }, h('p', { class: 'loading' }, tr('読み込んでいます…', 'Loading…')));
  main.append(form, results);
  let answer;
  try {
    answer = await get(apiPath, { query: { ...filters, cursor, limit } });
  } catch (error) {
    // A filter the API refuses (a value out of range, a search too long) is said next to it;
    // anything else (403, the server down) is the router's plain error page.
    if (!(error instanceof ApiError) || error.status !== 400 || !names.includes(error.path)) throw error;
    results.replaceChildren();
    showErrors(form, [{ path: `/${error.path}`, message: error.message }]);
    return;
  }
  if (!isCurrent()) return;
  const { items, next_cursor: nextCursor } = answer;
  const status = h('p', { class: 'list-status', role: 'status' },
    page > 1 ? tr(`${page} ページ目：${formatNumber(items.length)} 件`, `Page ${page}: ${formatNumber(items.length)} shown`)
      : tr(`${formatNumber(items.length)} 件`, `${formatNumber(items.length)} shown`),
    nextCursor ? tr('（続きがあります）', ' (more follow)') : '');
  const searching = Boolean(nextCursor) && items.length < limit;
  append(clear(results), [status,
    searching ? h('p', { class: 'notice' }, tr('検索は途中までです。「さらに探す」で続きの範囲を探します。',
      'The search has covered only part of the registry so far; "Search further" looks through the rest.')) : null,
    items.length ? table(caption, columns, items)
      : h('p', { class: 'notice' }, searching ? tr('ここまでの範囲には見つかりませんでした。', 'Nothing found in the part searched so far.') : empty),
    pager(route, filters, page, items, nextCursor, limit)]);
}
