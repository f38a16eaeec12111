// 監査証跡: the audit entries of this engagement (GET /api/v1/audit?ref=…, admin and auditor),
// oldest first as the trail is appended, a page at a time ("show more" appends the next page).
import { get } from '../api.js';
import { append, clear, h } from '../dom.js';
import { dateTime } from '../labels.js';
import { tr } from '../i18n.js';

const PAGE = 20;

// The record's top-level fields that differ between before and after: what the entry changed.
function changedFields(entry) {
  const before = entry.before && typeof entry.before === 'object' ? entry.before : {};
  const after = entry.after && typeof entry.after === 'object' ? entry.after : {};
  return [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key])).sort();
}

function row(entry) {
  const fields = entry.before ? changedFields(entry) : [];
  return h('tr', {},
    h('td', { class: 'number' }, entry.id),
    h('td', { class: 'nowrap' }, dateTime(entry.at)),
    h('td', { class: 'col-name' }, entry.actor),
    h('td', { class: 'mono nowrap' }, entry.action),
    h('td', {}, entry.before ? (fields.length ? h('span', { class: 'mono' }, fields.join(', ')) : tr('なし', 'none')) : tr('（新規登録）', '(created)')));
}

export function auditSection(ref) {
  const body = h('div', {});
  const element = h('section', { 'aria-labelledby': 'audit-title' },
    h('h2', { id: 'audit-title' }, tr('監査証跡', 'Audit trail')), body);
  let rows;
  let more;

  async function load(cursor) {
    const answer = await get('/audit', { query: { ref, limit: PAGE, cursor } });
    append(rows, answer.items.map(row));
    more.hidden = !answer.next_cursor;
    more.onclick = async () => {
      more.disabled = true;
      const first = rows.children.length;
      await load(answer.next_cursor);
      more.disabled = false;
      // The first row added takes the focus, so the reader continues where the new rows start.
      const cell = rows.children[first]?.querySelector('td');
      if (cell) {
        cell.tabIndex = -1;
        cell.focus();
      }
    };
  }

  return {
    element,
    // (Re)loads the first page: after a change, the newest entries are on the last pages.
    async update() {
      rows = h('tbody', {});
      more = h('button', { type: 'button', class: 'button', hidden: true }, tr('さらに表示', 'Show more'));
      append(clear(body), [h('div', { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-labelledby': 'audit-caption' },
        h('table', { class: 'audit-table' },
          h('caption', { id: 'audit-caption' }, tr('この記録の監査証跡（古い順）', 'Audit entries of this record (oldest first)')),
          h('thead', {}, h('tr', {}, [tr('番号', 'No.'), tr('日時', 'When'), tr('操作者', 'Actor'), tr('操作', 'Action'), tr('変更された項目', 'Fields changed')]
            .map((label) => h('th', { scope: 'col' }, label)))),
          rows)), more]);
      await load(undefined);
    },
  };
}
