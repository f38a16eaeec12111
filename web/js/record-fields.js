// The fieldsets every engagement form shares (docs/records.md "The engagement record"), bound to
// the record's JSON Pointers and filled from `record` when one is edited. Labels and hints only:
// what is wrong with a value, the API says.
import { h } from './dom.js';
import { getAt, selectField, textField, yesNoField } from './forms.js';
import { tr } from './i18n.js';

export function fieldset(legend, ...children) {
  return h('fieldset', { class: 'fieldset' }, h('legend', {}, legend), children);
}

export const grid = (...children) => h('div', { class: 'form-grid' }, children);

const chooseOne = () => tr('（選択してください）', '(choose)');

export function basicsFields(record, { refReadonly = false, refHint, departmentReadonly = false, departmentHint } = {}) {
  return [
    textField({ pointer: '/ref', label: tr('参照番号', 'Reference'), required: true, value: getAt(record, '/ref'),
      readonly: refReadonly, autocomplete: 'off', spellcheck: 'false',
      hint: refReadonly ? tr('登録後は変えられません', 'It cannot change once registered')
        : refHint || tr('契約番号など。英数字と . _ / - （例: R7-KEI-001）', 'A contract number or the like: letters, digits and . _ / - (e.g. R7-KEI-001)') }),
    textField({ pointer: '/title', label: tr('件名', 'Title'), required: true, value: getAt(record, '/title') }),
    textField({ pointer: '/department', label: tr('所管課', 'Department'), required: true, value: getAt(record, '/department'),
      readonly: departmentReadonly, hint: departmentHint }),
  ];
}

export function responsiblePersonFields(record) {
  return fieldset(tr('責任者', 'Responsible person'),
    h('p', { class: 'field__hint' }, tr('指名されていないと指摘（GEN-01）になります。', 'Without one, the review gives finding GEN-01.')),
    grid(
      textField({ pointer: '/responsible_person/name', label: tr('氏名', 'Name'), value: getAt(record, '/responsible_person/name'), autocomplete: 'off' }),
      textField({ pointer: '/responsible_person/department', label: tr('所属', 'Department'), value: getAt(record, '/responsible_person/department') }),
      textField({ pointer: '/responsible_person/email', label: tr('メールアドレス', 'E-mail'), type: 'email', value: getAt(record, '/responsible_person/email'), autocomplete: 'off' })));
}

const level = (pointer, label, top, value, hint) => selectField({
  pointer, label, kind: 'number', required: true, placeholder: chooseOne(), value, hint,
  options: Array.from({ length: top }, (_, index) => [String(index + 1), String(index + 1)]),
});

export function informationFields(record, { myNumber = true } = {}) {
  return fieldset(tr('取り扱う情報', 'Information handled'),
    grid(
      level('/information/confidentiality', tr('機密性', 'Confidentiality'), 3, getAt(record, '/information/confidentiality'),
        tr('3A・3B・3C は 3', '3A, 3B and 3C are all 3')),
      level('/information/integrity', tr('完全性', 'Integrity'), 2, getAt(record, '/information/integrity')),
      level('/information/availability', tr('可用性', 'Availability'), 2, getAt(record, '/information/availability')),
      yesNoField({ pointer: '/information/personal_data', label: tr('個人情報を含む', 'Personal data'), value: getAt(record, '/information/personal_data') }),
      myNumber ? yesNoField({ pointer: '/information/my_number', label: tr('マイナンバーを含む', 'My Number data'), value: getAt(record, '/information/my_number') }) : null,
      selectField({ pointer: '/network_zone', label: tr('ネットワーク', 'Network zone'), value: getAt(record, '/network_zone'), options: [
        ['mynumber', tr('マイナンバー利用事務系', 'My Number zone')],
        ['lgwan', tr('LGWAN 接続系', 'LGWAN zone')],
        ['internet', tr('インターネット接続系', 'Internet zone')],
      ] })));
}

export function periodFields(record, legend = tr('契約期間', 'Contract period')) {
  return fieldset(legend, grid(
    textField({ pointer: '/period/start', label: tr('開始日', 'Start'), type: 'date', required: true, value: getAt(record, '/period/start') }),
    textField({ pointer: '/period/end', label: tr('終了日', 'End'), type: 'date', value: getAt(record, '/period/end'),
      hint: tr('定めがなければ空欄', 'Leave empty when open-ended') })));
}
