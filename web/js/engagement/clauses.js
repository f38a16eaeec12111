// 契約条項チェックリスト: the contract clauses of the catalogue (GET /api/v1/catalogue,
// contract_clause) ticked when the record lists them in `clauses`, each with its evidence notes
// (`clause_evidence`, append-only: a stored note is never changed, a new one is added). Saved
// with one PATCH (merge patch: `clauses` is replaced whole; the API keeps every stored note and
// adds the ones sent). A failed save keeps every tick and note as typed.
import { patch, segment } from '../api.js';
import { announce, append, clear, h, uniqueId } from '../dom.js';
import { clearErrors, showErrors, textField } from '../forms.js';
import { localText, tr } from '../i18n.js';
import { can } from '../session.js';

// The clauses that concern this record: those of its kind's plugin, and any other it lists.
export function clausesFor(record, catalogue) {
  const listed = new Set(record.clauses || []);
  return catalogue.filter((entry) => entry.contract_clause && (entry.plugin === record.kind || listed.has(entry.id)));
}

function notesOf(record, clause) {
  return (record.clause_evidence || []).filter((evidence) => evidence.clause === clause).map((evidence) => evidence.note);
}

function storedNotes(notes) {
  return notes.length
    ? h('ul', { class: 'evidence' }, notes.map((note) => h('li', {}, h('span', { class: 'sub' }, tr('根拠: ', 'Evidence: ')), note)))
    : null;
}

// One clause: its box (or, read-only, a word), its title and notes, and a field for a new note.
function clauseItem(entry, record, editable) {
  const present = (record.clauses || []).includes(entry.id);
  const title = [h('span', { class: 'finding__id' }, entry.id), localText(entry.title)];
  const notes = h('div', { class: 'evidence-slot', dataset: { clause: entry.id } }, storedNotes(notesOf(record, entry.id)));
  if (!editable) {
    return h('li', { class: 'clause' },
      h('span', { class: `badge ${present ? 'badge--pass' : 'badge--none'}` }, present ? tr('あり', 'present') : tr('なし', 'missing')),
      h('div', { class: 'clause__body' }, h('p', { class: 'clause__title' }, title), notes));
  }
  const boxId = uniqueId('clause');
  return h('li', { class: 'clause' },
    h('input', { type: 'checkbox', class: 'checkbox', id: boxId, value: entry.id, checked: present }),
    h('div', { class: 'clause__body' },
      h('label', { for: boxId, class: 'clause__title' }, title),
      notes,
      textField({ pointer: `/clause_evidence/new/${entry.id}`, label: tr(`${entry.id} の根拠を追加`, `Add evidence for ${entry.id}`), kind: 'evidence' })));
}

// onSaved(answer): the API's answer to the save ({record, outcome, changes, review}).
export function clauseSection(ref, initialRecord, catalogue, { onSaved }) {
  let record = initialRecord;
  const entries = clausesFor(record, catalogue);
  if (!entries.length) return null;
  const editable = can('editClauses');
  const status = h('p', { class: 'notice notice--success', role: 'status', tabindex: '-1', hidden: true });
  const list = h('fieldset', { class: 'field field--list', dataset: { pointer: '/clauses', kind: 'list' } },
    h('legend', { class: 'field__label' }, tr('契約書にある条項', 'Clauses the contract contains')),
    h('p', { class: 'field__hint' }, editable ? tr('チェックは契約書にその条項があることを表します（説明の文は、条項がないときの指摘です）。根拠には、条項が書かれている箇所（例: 第12条）を書きます。書いた根拠は消せません。',
      'A tick means the contract contains the clause (each is described by the finding raised when it is missing). As evidence, say where it is written (e.g. Article 12). Evidence once saved cannot be removed.')
      : tr('「あり」は契約書にその条項があることを表します（説明の文は、条項がないときの指摘です）。',
        '"present" means the contract contains the clause (each is described by the finding raised when it is missing).')),
    h('p', { class: 'field__error', hidden: true }),
    h('ul', { class: 'clause-list' }, entries.map((entry) => clauseItem(entry, record, editable))));
  const form = h('form', { class: 'form form--wide', novalidate: true }, list,
    editable ? h('div', { class: 'form__actions' }, h('button', { type: 'submit', class: 'button button--primary' }, tr('条項を保存', 'Save clauses'))) : null);

  // The body of the save: the ticked clauses (those stored first, in their order, so that an
  // unchanged list is unchanged) and the new notes, each field taking the pointer of its place
  // in `clause_evidence` so that the API's error lands next to it.
  function body() {
    const ticked = new Set([...form.querySelectorAll('input[type=checkbox]:checked')].map((box) => box.value));
    const clauses = [...(record.clauses || []).filter((id) => ticked.has(id)), ...entries.map((entry) => entry.id).filter((id) => ticked.has(id) && !(record.clauses || []).includes(id))];
    const evidence = [];
    for (const field of form.querySelectorAll('[data-kind=evidence]')) {
      const clause = field.closest('.clause').querySelector('.evidence-slot').dataset.clause;
      const note = field.querySelector('input').value.trim();
      field.dataset.pointer = note ? `/clause_evidence/${evidence.length}` : `/clause_evidence/new/${clause}`;
      if (note) evidence.push({ clause, note });
    }
    return evidence.length ? { clauses, clause_evidence: evidence } : { clauses };
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    clearErrors(form);
    status.hidden = true;
    try {
      const answer = await patch(`/engagements/${segment(ref)}`, body());
      record = answer.record;
      for (const slot of form.querySelectorAll('.evidence-slot')) append(clear(slot), [storedNotes(notesOf(record, slot.dataset.clause))]);
      for (const input of form.querySelectorAll('[data-kind=evidence] input')) input.value = '';
      status.textContent = answer.outcome === 'unchanged' ? tr('変更はありませんでした。', 'Nothing changed.')
        : tr(`保存しました（変更 ${answer.changes.length} 件）。`, `Saved (${answer.changes.length} changes).`);
      status.hidden = false;
      status.focus();
      announce(status.textContent);
      onSaved(answer);
    } catch (error) {
      showErrors(form, [{ path: error.path || '', message: error.message }], { heading: tr('保存できませんでした', 'Not saved') });
    } finally {
      button.disabled = false;
    }
  });

  return h('section', { 'aria-labelledby': 'clauses-title' },
    h('h2', { id: 'clauses-title' }, tr('契約条項', 'Contract clauses')),
    editable ? null : h('p', {}, tr('この役割では条項を変更できません。', 'Your role cannot change the clauses.')),
    status, form);
}
