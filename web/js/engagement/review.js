// The engagement's review as the API gives it: decision, risk, verification state and the
// findings, each with its requirement ID and the API's words (nothing is judged here).
import { append, clear, h } from '../dom.js';
import { badge, word } from '../labels.js';
import { tr } from '../i18n.js';
import { findingItem } from '../review-view.js';

// result: a ReviewResult (POST /api/v1/review or a save's `review`); asOf: its review date.
function draw(body, result, asOf, lastAssessment) {
  const verification = result.verification;
  append(clear(body), [
    h('dl', { class: 'facts' },
      h('dt', {}, tr('判定', 'Decision')), h('dd', {}, h('span', { class: 'decision' }, badge('decision', result.decision))),
      h('dt', {}, tr('リスク', 'Risk')), h('dd', {}, badge('risk_level', result.risk_level)),
      h('dt', {}, tr('リスク区分', 'Tier')), h('dd', {}, tr(`区分 ${result.tier}`, `tier ${result.tier}`)),
      h('dt', {}, tr('定期確認', 'Verification')), h('dd', {}, badge('verification_status', verification.status), ' ',
        tr(`次回期限 ${verification.next_due}（${verification.interval_months} か月ごと）`,
          `next due ${verification.next_due} (every ${verification.interval_months} months)`))),
    h('h3', {}, tr(`指摘（${result.findings.length} 件）`, `Findings (${result.findings.length})`)),
    result.findings.length ? h('ul', { class: 'findings' }, result.findings.map((item) => findingItem(item)))
      : h('p', {}, tr('指摘はありません。', 'No findings.')),
    h('p', { class: 'sub' },
      asOf ? tr(`${asOf} 時点の審査です（表示のための審査で、記録はされません）。`, `Reviewed as of ${asOf} for this page (not stored).`) : '',
      lastAssessment ? h('span', {}, ' ', tr(`記録された最新の評価: ${lastAssessment.as_of} 時点、${lastAssessment.actor}、判定「${word('decision', lastAssessment.result.decision)}」。`,
        `Latest stored assessment: as of ${lastAssessment.as_of} by ${lastAssessment.actor}, decision "${word('decision', lastAssessment.result.decision)}".`)) : ''),
  ]);
}

export function reviewSection() {
  const body = h('div', { 'aria-live': 'polite' });
  const element = h('section', { 'aria-labelledby': 'review-title' },
    h('h2', { id: 'review-title' }, tr('審査結果', 'Review')), body);
  return {
    element,
    update: (result, asOf, lastAssessment) => draw(body, result, asOf, lastAssessment),
    // The stored record no longer passes validation (e.g. a clause ID a plugin dropped): say why.
    // Review errors carry the English in `message` and the Japanese in `message_ja`.
    fail: (errors) => append(clear(body), [h('div', { class: 'notice notice--error' },
      h('p', {}, tr('この記録は審査できませんでした。', 'This record could not be reviewed.')),
      h('ul', {}, errors.map((error) => h('li', {}, tr(error.message_ja || error.message, error.message), error.path ? ` (${error.path})` : ''))))]),
  };
}
