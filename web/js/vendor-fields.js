// The vendor of a contract or cloud service: name, 法人番号, country and its certifications, one
// row each, added and removed by buttons. A row's fields point at "/vendor/certifications/N/…", so
// an API error on the second certificate lands in the second row; removing a row renumbers the
// rows after it to keep pointers and positions the same.
import { h } from './dom.js';
import { selectField, textField } from './forms.js';
import { tr } from './i18n.js';
import { fieldset, grid } from './record-fields.js';

const SCHEMES = [
  ['ISMS', 'ISMS（ISO/IEC 27001）'], ['PMARK', () => tr('プライバシーマーク', 'Privacy Mark')], ['ISMAP', 'ISMAP'],
  ['ISMAP_LIU', 'ISMAP-LIU'], ['ISO27017', 'ISO/IEC 27017'], ['ISO27018', 'ISO/IEC 27018'], ['SOC2', 'SOC 2'],
];

const rowLegend = (index) => tr(`認証 ${index + 1}`, `Certification ${index + 1}`);

function renumber(list) {
  [...list.children].forEach((row, index) => {
    row.querySelector('legend').textContent = rowLegend(index);
    for (const field of row.querySelectorAll('[data-pointer]')) {
      field.dataset.pointer = field.dataset.pointer.replace(/\/certifications\/\d+\//, `/certifications/${index}/`);
      field.querySelector('input, select').name = field.dataset.pointer;
    }
  });
}

// onChange: the rows changed without an input event (a row added or removed): review again.
export function vendorFields({ onChange }) {
  const list = h('div', { class: 'cert-rows' });
  const addButton = h('button', { type: 'button', class: 'button' }, tr('認証を追加', 'Add a certification'));

  function addRow() {
    const index = list.children.length;
    const base = `/vendor/certifications/${index}`;
    const row = h('fieldset', { class: 'fieldset cert-row' }, h('legend', {}, rowLegend(index)),
      grid(
        selectField({ pointer: `${base}/scheme`, label: tr('種類', 'Scheme'), required: true, placeholder: tr('（選択してください）', '(choose)'),
          options: SCHEMES.map(([value, label]) => [value, typeof label === 'function' ? label() : label]) }),
        textField({ pointer: `${base}/number`, label: tr('登録番号', 'Number'), autocomplete: 'off' }),
        textField({ pointer: `${base}/valid_until`, label: tr('有効期限', 'Valid until'), type: 'date', required: true })));
    const remove = h('button', { type: 'button', class: 'button button--text' }, tr('この認証を削除', 'Remove this certification'));
    remove.addEventListener('click', () => {
      const next = row.nextElementSibling || row.previousElementSibling;
      row.remove();
      renumber(list);
      // The focus goes to a neighbouring row, or to the add button when none is left.
      (next?.querySelector('select') || addButton).focus();
      onChange();
    });
    row.append(remove);
    list.append(row);
    return row;
  }

  addButton.addEventListener('click', () => {
    addRow().querySelector('select').focus();
    onChange();
  });

  return fieldset(tr('事業者', 'Vendor'),
    grid(
      textField({ pointer: '/vendor/name', label: tr('名称', 'Name'), required: true, autocomplete: 'organization' }),
      textField({ pointer: '/vendor/corporate_number', label: tr('法人番号', 'Corporate number'), inputmode: 'numeric', autocomplete: 'off',
        hint: tr('13 桁の数字', '13 digits') }),
      textField({ pointer: '/vendor/country', label: tr('国', 'Country'), autocomplete: 'off', hint: tr('国コード（例: JP）', 'Country code (e.g. JP)') })),
    h('h3', { class: 'fieldset__subtitle' }, tr('認証（ISMS・プライバシーマーク・ISMAP など）', 'Certifications (ISMS, Privacy Mark, ISMAP, …)')),
    list,
    addButton);
}

// A row left empty is still a certification the user added: it goes to the API as {} so that the
// API names what is missing in that row (`collect` leaves no trace of empty fields, and a hole in
// the list would move the errors of the rows after it).
export function withCertificationRows(form, record) {
  const rows = form.querySelectorAll('.cert-row').length;
  if (!rows) return record;
  record.vendor ??= {};
  const listed = record.vendor.certifications || [];
  record.vendor.certifications = Array.from({ length: rows }, (_, index) => listed[index] || {});
  return record;
}
