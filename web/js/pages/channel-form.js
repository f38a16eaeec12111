// SNS アカウントの登録・編集: the channel owner (and the security office) register a channel with
// POST /api/v1/channels, or change one with PATCH /api/v1/engagements/{ref}, and see as they type
// what the API's review still asks them to fix, each item leading to the field concerned.
import { ApiError, get, patch, post, segment } from '../api.js';
import { announce, h } from '../dom.js';
import { collect, fieldFor, withoutEmptyObjects } from '../forms.js';
import { tr } from '../i18n.js';
import { liveReview } from '../live-review.js';
import { mergePatch } from '../merge-patch.js';
import { navigate, pageHeading } from '../nav.js';
import { basicsFields, fieldset, informationFields, periodFields, responsiblePersonFields } from '../record-fields.js';
import { reviewPanel } from '../review-panel.js';
import { principal } from '../session.js';
import { FIX_FIELDS, accountFields, operationFields, statusField } from '../channel-fields.js';

const labelOf = (field) => field.querySelector('.field__label')?.firstChild?.textContent || field.dataset.pointer;

// A link per field that the finding asks to change: it moves the focus there (the hash is the
// router's, so the link only focuses and never navigates).
function fixLinks(form, finding, ref) {
  const links = (FIX_FIELDS[finding.id] || []).map((pointer) => fieldFor(form, pointer)).filter(Boolean).map((field) =>
    h('a', { href: '#', onclick: (event) => { event.preventDefault(); field.querySelector('input, select, textarea').focus(); } },
      tr(`「${labelOf(field)}」へ移動`, `Go to "${labelOf(field)}"`)));
  // Periodic verifications are recorded on the engagement's own page, not in this form.
  if (finding.id === 'GEN-02' && ref) links.push(h('a', { href: `#/engagements/${segment(ref)}` }, tr('確認を記録する（詳細ページ）', 'Record a verification (details page)')));
  return links;
}

function heading(main, stored) {
  pageHeading(main, stored ? tr(`SNS アカウントの編集: ${stored.title}`, `Edit a social-media channel: ${stored.title}`)
    : tr('SNS アカウントの登録', 'Register a social-media channel'),
  h('p', { class: 'lead' }, tr('入力に合わせて、対応が必要なことが右（スマートフォンでは下）に表示されます。',
    'As you type, what still needs fixing is listed beside the form (under it on a phone).')));
}

export async function render(main, { params, query, isCurrent }) {
  const who = principal();
  const editing = Boolean(params.ref);
  // The stored record is the base of the form: fields it does not show (verifications, ledger, …)
  // are kept, and the live review sees the record as it will be stored.
  let stored = null;
  if (editing) {
    stored = (await get(`/engagements/${segment(params.ref)}`)).record;
    if (!isCurrent()) return;
    if (stored.kind !== 'social_media') {
      pageHeading(main, tr('SNS アカウントではありません', 'Not a social-media channel'),
        h('p', {}, tr(`${stored.ref} は SNS アカウントではないため、ここでは編集できません。`, `${stored.ref} is not a social-media channel and cannot be edited here.`)),
        h('p', {}, h('a', { href: `#/engagements/${segment(stored.ref)}` }, tr('詳細を見る', 'Open its details'))));
      return;
    }
  }
  heading(main, stored);
  const ownDepartment = who.role === 'channel_owner' ? who.department : '';
  const start = stored || { kind: 'social_media', department: ownDepartment || undefined };

  // What the save before this drawing did (the page is drawn afresh after each save, below).
  const changes = Number(query.get('changes') || 0);
  const savedText = {
    1: () => tr('登録しました。対応が必要なことが残っていれば、直して保存してください。', 'Registered. If anything is left to fix, fix it and save.'),
    updated: () => tr(`保存しました（変更 ${changes} 件）。`, `Saved (${changes} change(s)).`),
    unchanged: () => tr('変更はありませんでした。', 'Nothing changed.'),
  }[query.get('saved')];
  const notice = h('div', { class: 'notice notice--success', tabindex: '-1', hidden: !savedText },
    savedText ? savedText() : '',
    stored && savedText ? [' ', h('a', { href: `#/engagements/${segment(stored.ref)}` }, tr('詳細を見る', 'Open its details'))] : null);
  const panel = reviewPanel({
    heading: tr('対応が必要なこと', 'To fix'),
    findingExtra: (finding) => fixLinks(form, finding, stored?.ref),
    none: () => tr('対応が必要なことはありません。', 'Nothing needs fixing.'),
    summary: (result) => (result.findings.length
      ? tr(`対応が必要なことが ${result.findings.length} 件あります。`, `${result.findings.length} thing(s) to fix.`)
      : tr('対応が必要なことはありません。', 'Nothing needs fixing.')),
  });
  const submit = h('button', { type: 'submit', class: 'button button--primary' }, editing ? tr('変更を保存する', 'Save the changes') : tr('登録する', 'Register'));
  const form = h('form', { class: 'review-form', novalidate: true, 'aria-label': tr('SNS アカウント', 'Social-media channel') },
    h('div', { class: 'review-form__fields' },
      fieldset(tr('基本情報', 'Basics'),
        basicsFields(start, { refReadonly: editing, departmentReadonly: Boolean(ownDepartment),
          refHint: tr('チャンネルの管理番号。英数字と . _ / - （例: CH-X-01）', "The channel's own reference: letters, digits and . _ / - (e.g. CH-X-01)"),
          departmentHint: ownDepartment ? tr('SNS 担当は自分の所属のアカウントを登録します', 'A channel owner registers the channels of their own department') : undefined }),
        statusField(start)),
      accountFields(start),
      operationFields(start),
      responsiblePersonFields(start),
      informationFields(start, { myNumber: false }),
      periodFields(start, tr('運用期間', 'Period of operation'))),
    panel.element,
    h('div', { class: 'form__actions' }, submit));
  main.append(notice, form);

  const record = () => withoutEmptyObjects(collect(form, stored || { kind: 'social_media' }));
  const review = liveReview(form, { record, onReport: panel.show, onFailure: panel.failed });

  // PATCH sends only what changed (a merge patch from the record as loaded to the form's). The
  // API has no If-Match: sending the whole editable part would write back, unseen, every field
  // someone else changed since this page was opened; a diff changes only what this user changed.
  // `verifications` are append-only and the server refuses a change to them: they are never sent
  // (the form does not show them, so the diff has none; the delete makes sure of it).
  async function save() {
    if (!editing) {
      const answer = await post('/channels', record());
      review.stop();
      navigate(`/channels/${segment(answer.record.ref)}/edit`, { saved: '1' });
      return;
    }
    const patchBody = mergePatch(stored, record());
    delete patchBody.verifications;
    const answer = await patch(`/engagements/${segment(stored.ref)}`, patchBody);
    review.stop();
    // Drawn afresh from the registry: the form then shows what is stored now, including what
    // someone else saved meanwhile, and the next diff starts from there. Keeping this form with
    // the answer as its base would send its stale fields back as changes (and undo theirs).
    navigate(`/channels/${segment(answer.record.ref)}/edit`,
      { saved: answer.outcome === 'unchanged' ? 'unchanged' : 'updated', changes: String(answer.changes.length) });
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    notice.hidden = true;
    try {
      await save();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      await review.saveFailed(error);
    } finally {
      submit.disabled = false;
    }
  });
  await review.now();
  if (savedText) {
    notice.focus();
    announce(notice.textContent);
  }
}
