// 責任者: the responsible persons (GET /api/v1/persons, inactive ones too) and 人事異動: every
// engagement of one person moved to another (POST /api/v1/persons/{id}/reassign), after a
// confirmation, with the engagements moved listed. Officer and admin only (main.js ROUTES).
import { get, post, segment } from '../api.js';
import { announce, append, clear, h } from '../dom.js';
import { clearErrors, selectField, showErrors } from '../forms.js';
import { formatNumber, tr } from '../i18n.js';
import { pageHeading } from '../nav.js';
import { listHref } from '../listing.js';

// Every person, following the cursor: a city has at most a few thousand responsible persons, and
// the selects of the reassignment must offer each of them.
async function allPersons() {
  const persons = [];
  let cursor;
  do {
    const answer = await get('/persons', { query: { include_inactive: 'true', limit: 500, cursor } });
    persons.push(...answer.items);
    cursor = answer.next_cursor;
  } while (cursor);
  return persons;
}

const personLabel = (person) => tr(`${person.name}（${person.department}）`, `${person.name} (${person.department})`);

function optionLabel(person) {
  return `${personLabel(person)} ${tr(`担当 ${formatNumber(person.engagements)} 件`, `${formatNumber(person.engagements)} engagements`)}${person.active ? '' : tr('・異動・退職済み', ', inactive')}`;
}

function personsTable(persons) {
  return h('div', { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-labelledby': 'persons-caption' },
    h('table', { class: 'list-table persons-table' },
      h('caption', { id: 'persons-caption' }, tr(`在職中と異動・退職済みの ${formatNumber(persons.length)} 人`, `${formatNumber(persons.length)} persons, active and inactive`)),
      h('thead', {}, h('tr', {}, [tr('名前', 'Name'), tr('番号', 'ID'), tr('所属', 'Department'), tr('メール', 'E-mail'), tr('状態', 'Status'), tr('担当', 'Engagements')]
        .map((label) => h('th', { scope: 'col' }, label)))),
      h('tbody', {}, persons.map((person) => h('tr', { dataset: { person: person.id } },
        h('th', { scope: 'row', class: 'col-name' }, person.name),
        h('td', { class: 'number' }, person.id),
        h('td', { class: 'col-name' }, person.department),
        h('td', { class: 'mono col-title' }, person.email || '—'),
        h('td', {}, person.active ? h('span', { class: 'badge badge--verified' }, tr('在職', 'active'))
          : h('span', { class: 'badge badge--none' }, tr('異動・退職済み', 'inactive'))),
        // The engagement list searched by the person's name (q covers the responsible person).
        h('td', { class: 'number' }, person.engagements
          ? h('a', { href: listHref('/engagements', { q: person.name }) }, formatNumber(person.engagements),
            h('span', { class: 'visually-hidden' }, tr(`（${person.name}の担当）`, ` (${person.name}'s engagements)`)))
          : '0'))))));
}

// Rebuilds a select's choices, keeping what was chosen.
function fillSelect(select, persons, placeholder) {
  const chosen = select.value;
  clear(select).append(h('option', { value: '' }, placeholder), ...persons.map((person) => h('option', { value: person.id }, optionLabel(person))));
  select.value = persons.some((person) => String(person.id) === chosen) ? chosen : '';
}

function movedNotice(answer, byId) {
  const from = byId.get(answer.from);
  const to = byId.get(answer.to);
  const names = [from ? from.name : answer.from, to ? to.name : answer.to];
  return answer.moved.length
    ? [h('p', {}, tr(`${names[0]} さんの担当 ${answer.moved.length} 件を ${names[1]} さんに移しました。`,
      `${answer.moved.length} engagements moved from ${names[0]} to ${names[1]}.`)),
    h('ul', { class: 'moved-list' }, answer.moved.map((ref) => h('li', {}, h('a', { class: 'mono', href: `#/engagements/${encodeURIComponent(ref)}` }, ref))))]
    : [h('p', {}, tr(`${names[0]} さんの担当はありませんでした。何も変わっていません。`, `${names[0]} had no engagements; nothing changed.`))];
}

export async function render(main, { isCurrent }) {
  let persons = await allPersons();
  if (!isCurrent()) return;
  pageHeading(main, tr('責任者', 'Responsible persons'));
  const result = h('div', { class: 'notice notice--success', role: 'status', tabindex: '-1', hidden: true });
  const fromField = selectField({ pointer: '/from', label: tr('引き継ぐ前の責任者', 'From'), required: true, options: [],
    hint: tr('異動・退職した人など、担当を手放す人', 'The person giving up the engagements, e.g. after a transfer') });
  const toField = selectField({ pointer: '/to', label: tr('引き継ぐ責任者', 'To'), required: true, options: [],
    hint: tr('在職中の人だけを選べます', 'Only active persons are offered') });
  const fromSelect = fromField.querySelector('select');
  const toSelect = toField.querySelector('select');
  const confirmText = h('p', {});
  const confirmBox = h('div', { class: 'confirm', hidden: true },
    h('h3', { tabindex: '-1' }, tr('内容を確かめてください', 'Please confirm')), confirmText,
    h('div', { class: 'form__actions' },
      h('button', { type: 'button', class: 'button button--primary', dataset: { action: 'reassign' } }, tr('移す', 'Reassign')),
      h('button', { type: 'button', class: 'button', onclick: () => { confirmBox.hidden = true; fromSelect.focus(); } }, tr('戻る', 'Back'))));
  const form = h('form', { class: 'form', novalidate: true, 'aria-labelledby': 'reassign-title' },
    h('div', { class: 'form-grid' }, fromField, toField),
    h('div', { class: 'form__actions' }, h('button', { type: 'submit', class: 'button' }, tr('確認へ進む', 'Continue'))),
    confirmBox);
  const tableSlot = h('div', {});

  function draw() {
    fillSelect(fromSelect, persons, tr('選んでください', 'Choose'));
    fillSelect(toSelect, persons.filter((person) => person.active), tr('選んでください', 'Choose'));
    append(clear(tableSlot), [personsTable(persons)]);
  }
  const byId = () => new Map(persons.map((person) => [person.id, person]));

  // A change of choice after the confirmation was shown asks for it again.
  for (const select of [fromSelect, toSelect]) select.addEventListener('change', () => { confirmBox.hidden = true; });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors(form);
    const missing = [];
    if (!fromSelect.value) missing.push({ path: '/from', message: '担当を手放す人を選んでください / choose who gives up the engagements' });
    if (!toSelect.value) missing.push({ path: '/to', message: '引き継ぐ人を選んでください / choose who takes them over' });
    if (missing.length) {
      showErrors(form, missing);
      return;
    }
    const from = byId().get(Number(fromSelect.value));
    const to = byId().get(Number(toSelect.value));
    confirmText.textContent = tr(`${personLabel(from)} の担当 ${from.engagements} 件を、${personLabel(to)} に移します。移した記録はそれぞれ監査証跡に残ります。`,
      `Move the ${from.engagements} engagements of ${personLabel(from)} to ${personLabel(to)}. Each one moved is written to the audit trail.`);
    confirmBox.hidden = false;
    confirmBox.querySelector('h3').focus();
  });

  confirmBox.querySelector('[data-action=reassign]').addEventListener('click', async (event) => {
    const button = event.currentTarget;
    button.disabled = true;
    clearErrors(form);
    try {
      const answer = await post(`/persons/${segment(fromSelect.value)}/reassign`, { to: Number(toSelect.value) });
      const names = byId();
      confirmBox.hidden = true;
      append(clear(result), movedNotice(answer, names));
      result.hidden = false;
      result.focus();
      announce(result.textContent);
      persons = await allPersons();
      draw();
    } catch (error) {
      confirmBox.hidden = true;
      // The path's id is the "from" person; the body's /to the successor.
      showErrors(form, [{ path: error.path === 'id' ? '/from' : error.path || '', message: error.message }],
        { heading: tr('移せませんでした', 'Not reassigned') });
    } finally {
      button.disabled = false;
    }
  });

  draw();
  main.append(
    h('section', { 'aria-labelledby': 'reassign-title' },
      h('h2', { id: 'reassign-title' }, tr('人事異動（担当の引き継ぎ）', 'Reassign (staff transfer)')),
      h('p', {}, tr('ある人が担当しているすべての契約・サービスと SNS アカウントを、別の人に移します。',
        'Moves every engagement and channel of one person to another.')),
      result, form),
    h('section', { 'aria-labelledby': 'persons-title' }, h('h2', { id: 'persons-title' }, tr('責任者の一覧', 'All responsible persons')), tableSlot));
}
