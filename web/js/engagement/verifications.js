// 定期確認: the history of periodic verifications (GET …/verifications; voided ones stay, struck
// through, with the reason), a form to record one (POST …/verifications) and, for the security
// office, voiding one recorded in error (POST …/verifications/{number}/void). Nothing typed is
// lost when the API refuses: the forms are never redrawn after a failed save.
import { post, segment } from '../api.js';
import { announce, append, clear, h } from '../dom.js';
import { clearErrors, collect, selectField, showErrors, textArea, textField } from '../forms.js';
import { badge, choices, dateTime, word } from '../labels.js';
import { tr } from '../i18n.js';
import { can } from '../session.js';

function today() {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

// The void endpoint names its body field "reason" (a parameter-style path) for an empty reason
// and "/reason" for a missing one: both belong to the reason field.
const pointer = (path) => (path && !path.startsWith('/') ? `/${path}` : path || '');

function statusNotice() {
  return h('p', { class: 'notice notice--success', role: 'status', tabindex: '-1', hidden: true });
}

function say(status, text) {
  status.textContent = text;
  status.hidden = false;
  status.focus();
  announce(text);
}

function historyTable(items, onVoid) {
  const voidable = can('voidVerification');
  return h('div', { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-labelledby': 'history-caption' },
    h('table', { class: 'history-table' },
      h('caption', { id: 'history-caption' }, tr('定期確認の履歴', 'Verification history')),
      h('thead', {}, h('tr', {}, [tr('番号', 'No.'), tr('日付', 'Date'), tr('結果', 'Result'), tr('確認者', 'Verifier'), tr('メモ', 'Notes'), tr('取消', 'Voided')]
        .map((label) => h('th', { scope: 'col' }, label)))),
      h('tbody', {}, items.map((item, index) => {
        // The void endpoint counts from 1 in the record's order, the order this list comes in.
        const number = index + 1;
        const voided = item.voided;
        return h('tr', { class: voided ? 'voided' : undefined, dataset: { number } },
          h('td', { class: 'number' }, number),
          h('td', { class: 'nowrap' }, item.date),
          h('td', {}, badge('result', item.result)),
          h('td', { class: 'col-name' }, item.verifier || '—'),
          h('td', { class: 'col-title' }, item.notes || ''),
          h('td', { class: 'keep col-name' }, voided
            ? [h('strong', {}, tr('取消済み', 'Voided')), h('br'), tr(`理由: ${voided.reason}`, `Reason: ${voided.reason}`), h('br'),
              h('span', { class: 'sub' }, `${voided.by}・${dateTime(voided.at)}`)]
            : voidable ? h('button', { type: 'button', class: 'button button--text', onclick: (event) => onVoid(number, item, event.currentTarget) },
              tr('取り消す', 'Void'), h('span', { class: 'visually-hidden' }, tr(`（${number} 番 ${item.date}）`, ` (No. ${number}, ${item.date})`)))
              : tr('—', '—')));
      }))));
}

function recordForm(ref, onChanged) {
  const status = statusNotice();
  const form = h('form', { class: 'form', novalidate: true, 'aria-labelledby': 'record-title' },
    h('div', { class: 'form-grid' },
      textField({ pointer: '/date', label: tr('確認日', 'Date'), type: 'date', required: true, value: today(),
        hint: tr('年-月-日（例: 2026-04-01）', 'year-month-day, e.g. 2026-04-01') }),
      selectField({ pointer: '/result', label: tr('結果', 'Result'), required: true, value: '',
        options: [['', tr('選んでください', 'Choose')], ...choices('result')] }),
      textField({ pointer: '/verifier', label: tr('確認者', 'Verifier'), required: true, autocomplete: 'name',
        hint: tr('確認した人または係', 'Who verified') })),
    textArea({ pointer: '/notes', label: tr('メモ', 'Notes'), hint: tr('確認した内容、指摘事項など', 'What was checked, what was found') }),
    h('div', { class: 'form__actions' }, h('button', { type: 'submit', class: 'button button--primary' }, tr('確認を記録', 'Record the verification'))));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    clearErrors(form);
    status.hidden = true;
    try {
      const verification = collect(form);
      await post(`/engagements/${segment(ref)}/verifications`, verification);
      form.reset();
      form.querySelector('input[type=date]').value = today();
      say(status, tr(`${verification.date} の確認を記録しました。`, `The verification of ${verification.date} was recorded.`));
      await onChanged();
    } catch (error) {
      showErrors(form, [{ path: pointer(error.path), message: error.message }], { heading: tr('記録できませんでした', 'Not recorded') });
    } finally {
      button.disabled = false;
    }
  });
  return h('div', { class: 'subsection' }, h('h3', { id: 'record-title' }, tr('定期確認を記録', 'Record a verification')), status, form);
}

// One form, shown under the history for the verification chosen; the reason is required by the API.
function voidForm(ref, onChanged, status) {
  const intro = h('p', {});
  const form = h('form', { class: 'form void-form', novalidate: true, hidden: true, 'aria-labelledby': 'void-title' },
    h('h3', { id: 'void-title', tabindex: '-1' }, tr('確認を取り消す', 'Void a verification')), intro,
    textArea({ pointer: '/reason', label: tr('取り消す理由', 'Reason'), required: true,
      hint: tr('例: 別の案件の確認結果を誤って登録したため', 'e.g. recorded against the wrong engagement') }),
    h('div', { class: 'form__actions' },
      h('button', { type: 'submit', class: 'button button--danger' }, tr('取り消す', 'Void it')),
      h('button', { type: 'button', class: 'button', onclick: () => cancel() }, tr('やめる', 'Cancel'))));
  let chosen = null;
  let opener = null;
  // Back to the row's button the form was opened from.
  function cancel() {
    form.hidden = true;
    clearErrors(form);
    if (opener?.isConnected) opener.focus();
  }
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    clearErrors(form);
    try {
      await post(`/engagements/${segment(ref)}/verifications/${chosen}/void`, { reason: form.querySelector('textarea').value.trim() });
      form.hidden = true;
      form.querySelector('textarea').value = '';
      await onChanged();
      say(status, tr(`${chosen} 番の確認を取り消しました。履歴には残ります。`, `Verification No. ${chosen} was voided; it stays in the history.`));
    } catch (error) {
      showErrors(form, [{ path: pointer(error.path), message: error.message }], { heading: tr('取り消せませんでした', 'Not voided') });
    } finally {
      button.disabled = false;
    }
  });
  return {
    form,
    open(number, item, button) {
      opener = button;
      if (chosen !== number) {
        form.querySelector('textarea').value = '';
        clearErrors(form);
      }
      chosen = number;
      intro.textContent = tr(`${number} 番（${item.date}、結果「${word('result', item.result)}」）を取り消します。取り消した確認は履歴に残り、期限の計算に使われなくなります。`,
        `Void No. ${number} (${item.date}, result "${word('result', item.result)}"). It stays in the history and no longer counts.`);
      form.hidden = false;
      form.querySelector('textarea').focus();
    },
  };
}

// onChanged(): reload what a new or voided verification changes (state, review, history, audit).
export function verificationSection(ref, { onChanged }) {
  const status = statusNotice();
  const history = h('div', {});
  const voiding = can('voidVerification') ? voidForm(ref, onChanged, status) : null;
  const element = h('section', { 'aria-labelledby': 'verifications-title' },
    h('h2', { id: 'verifications-title' }, tr('定期確認', 'Periodic verifications')),
    status, history, voiding?.form,
    can('recordVerification') ? recordForm(ref, onChanged) : null);
  return {
    element,
    update(items) {
      append(clear(history), [items.length ? historyTable(items, (number, item, button) => voiding.open(number, item, button))
        : h('p', {}, tr('まだ記録された確認はありません。', 'No verification has been recorded yet.'))]);
    },
  };
}
