// 新規の審査: procurement (and the security office) type a new contract or cloud service and see
// the API's review of it as they type, before anything is stored; then register it with
// POST /api/v1/engagements. A refused save keeps the form as typed and says why next to the field.
import { ApiError, get, post, segment } from '../api.js';
import { announce, h } from '../dom.js';
import { checkboxList, collect, selectField, textField, withoutEmptyObjects, yesNoField } from '../forms.js';
import { localText, tr } from '../i18n.js';
import { liveReview } from '../live-review.js';
import { navigate, pageHeading } from '../nav.js';
import { basicsFields, fieldset, grid, informationFields, periodFields, responsiblePersonFields } from '../record-fields.js';
import { reviewPanel } from '../review-panel.js';
import { findingItem, outcome } from '../review-view.js';
import { vendorFields, withCertificationRows } from '../vendor-fields.js';

// A clause's catalogue title says it is missing ("契約書に…条項がありません"); a checkbox says it
// is present, so the box is labelled with the clause itself. A title of another shape is shown
// as it comes.
function clauseLabel(entry) {
  const ja = entry.title.ja?.match(/^契約書に(.+)がありません$/)?.[1];
  const en = entry.title.en?.match(/^The contract has no (.+)$/)?.[1];
  const name = localText({ ja: ja || entry.title.ja, en: en ? en[0].toUpperCase() + en.slice(1) : entry.title.en });
  return `${entry.id} ${name}`;
}

function contractorFields() {
  return fieldset(tr('業務委託の詳細', 'Outsourcing details'), grid(
    yesNoField({ pointer: '/contractor/it_system', label: tr('情報システムに関する委託', 'Information-system outsourcing') }),
    yesNoField({ pointer: '/contractor/supply_chain_disclosed', label: tr('サプライチェーン情報の開示', 'Supply chain disclosed') })));
}

function cloudFields() {
  const code = tr('国コード（例: JP）', 'Country code (e.g. JP)');
  return fieldset(tr('外部サービスの詳細', 'External service details'),
    grid(
      textField({ pointer: '/cloud/service_name', label: tr('サービス名', 'Service name'), required: true }),
      yesNoField({ pointer: '/cloud/terms_based', label: tr('約款による利用', 'Click-through terms'), required: true,
        hint: tr('個別契約ではなく約款・利用規約による', 'Terms of service rather than a negotiated contract') }),
      yesNoField({ pointer: '/cloud/use_approved', label: tr('利用の承認', 'Use approved') }),
      textField({ pointer: '/cloud/data_locations', kind: 'words', label: tr('データの保存・処理場所', 'Data locations'), autocomplete: 'off',
        hint: tr('国コードを空白またはコンマで区切って（例: JP）', 'Country codes separated by spaces or commas (e.g. JP)') }),
      textField({ pointer: '/cloud/governing_law', label: tr('準拠法', 'Governing law'), autocomplete: 'off', hint: code }),
      textField({ pointer: '/cloud/jurisdiction', label: tr('管轄裁判所', 'Jurisdiction'), autocomplete: 'off', hint: code }),
      yesNoField({ pointer: '/cloud/exit_plan', label: tr('終了時の移行計画', 'Exit plan') }),
      yesNoField({ pointer: '/cloud/data_deletion_on_exit', label: tr('終了時のデータ消去', 'Data deleted on exit') }),
      yesNoField({ pointer: '/cloud/subprocessors_disclosed', label: tr('再委託先（サブプロセッサ）の開示', 'Sub-processors disclosed') })),
    h('h3', { class: 'fieldset__subtitle' }, tr('外部サービス管理者', 'External-service manager')),
    grid(
      textField({ pointer: '/cloud/service_manager/name', label: tr('氏名', 'Name'), autocomplete: 'off' }),
      textField({ pointer: '/cloud/service_manager/department', label: tr('所属', 'Department') })));
}

function subcontractingFields() {
  return fieldset(tr('再委託', 'Subcontracting'), grid(
    yesNoField({ pointer: '/subcontracting/used', label: tr('再委託あり', 'Subcontracted') }),
    yesNoField({ pointer: '/subcontracting/approved', label: tr('本市の承認', "The city's approval") }),
    yesNoField({ pointer: '/subcontracting/flow_down', label: tr('再委託先への義務の適用', 'Obligations flowed down') })));
}

function saved(main, answer) {
  const ref = answer.record.ref;
  const notice = h('div', { class: 'notice notice--success', tabindex: '-1' },
    h('h2', { class: 'notice__title' }, tr('登録しました', 'Registered')),
    h('p', {}, tr(`「${answer.record.title}」（${ref}）を登録しました。`, `"${answer.record.title}" (${ref}) is registered.`)),
    // A 法人番号 the registry knows keeps its registered name (and brings its certifications).
    answer.vendor_name_kept ? h('p', {}, tr(
      `法人番号 ${answer.vendor_name_kept.corporate_number} の事業者は「${answer.vendor_name_kept.registered_name}」として登録済みのため、入力した「${answer.vendor_name_kept.given_name}」ではなく登録済みの名称と認証で登録しました。`,
      `The vendor with corporate number ${answer.vendor_name_kept.corporate_number} is known as "${answer.vendor_name_kept.registered_name}": that name and its certifications were kept instead of "${answer.vendor_name_kept.given_name}".`)) : null,
    h('p', {}, h('a', { href: `#/engagements/${segment(ref)}` }, tr(`${ref} の詳細を見る`, `Open ${ref}`))));
  const again = h('button', { type: 'button', class: 'button' }, tr('続けて別の契約を審査する', 'Vet another one'));
  again.addEventListener('click', () => navigate('/vet'));
  main.querySelector('form').replaceWith(h('section', { class: 'saved', 'aria-labelledby': 'saved-review' },
    notice,
    h('h2', { id: 'saved-review' }, tr('登録時の審査結果', 'Review at registration')),
    outcome(answer.review),
    answer.review.findings.length ? h('ul', { class: 'findings' }, answer.review.findings.map((finding) => findingItem(finding)))
      : h('p', {}, tr('指摘はありません。', 'No findings.')),
    h('div', { class: 'form__actions' }, again)));
  notice.focus();
  announce(tr('登録しました', 'Registered'));
}

export async function render(main, { isCurrent }) {
  pageHeading(main, tr('新規の審査', 'Vet a new engagement'),
    h('p', { class: 'lead' }, tr('業務委託または外部サービスの内容を入力すると、保存する前に審査の判定と指摘がその場で表示されます。',
      "Type in a contract or an external service: the review's decision and findings show as you type, before anything is saved.")));
  const catalogue = await get('/catalogue');
  if (!isCurrent()) return;
  const clauses = catalogue.items.filter((entry) => entry.contract_clause).map((entry) => [entry.id, clauseLabel(entry)]);

  const sections = { contractor: contractorFields(), cloud: cloudFields() };
  const kindSlot = h('div', {}, sections.contractor);
  const kind = selectField({ pointer: '/kind', label: tr('種類', 'Kind'), required: true, value: 'contractor', options: [
    ['contractor', tr('業務委託', 'Outsourcing contract')], ['cloud', tr('外部サービス（クラウドサービス）', 'External (cloud) service')]] });
  // Only the chosen kind's section is in the form, so `collect` sends only that one; the other
  // stays in memory with what was typed in it, should the kind be switched back.
  kind.querySelector('select').addEventListener('input', (event) => kindSlot.replaceChildren(sections[event.target.value]));

  const panel = reviewPanel({ heading: tr('審査結果（保存前）', 'Review (not saved yet)') });
  const submit = h('button', { type: 'submit', class: 'button button--primary' }, tr('登録する', 'Register'));
  const form = h('form', { class: 'review-form', novalidate: true, 'aria-label': tr('審査する契約', 'The engagement to vet') },
    h('div', { class: 'review-form__fields' },
      fieldset(tr('基本情報', 'Basics'), kind, basicsFields({})),
      responsiblePersonFields({}),
      vendorFields({ onChange: () => review.schedule() }),
      informationFields({}),
      periodFields({}),
      fieldset(tr('契約条項', 'Contract clauses'),
        checkboxList({ pointer: '/clauses', legend: tr('契約書にある条項', 'Clauses the contract has'), choices: clauses,
          hint: tr('契約書に含まれている条項にチェックを付けてください。', 'Tick each clause the contract contains.') })),
      subcontractingFields(),
      kindSlot),
    panel.element,
    h('div', { class: 'form__actions' }, submit));
  main.append(form);

  const record = () => withoutEmptyObjects(withCertificationRows(form, collect(form, {})));
  const review = liveReview(form, { record, onReport: panel.show, onFailure: panel.failed });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    try {
      const answer = await post('/engagements', record());
      review.stop();
      saved(main, answer);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      await review.saveFailed(error);
    } finally {
      submit.disabled = false;
    }
  });
  await review.now();
}
