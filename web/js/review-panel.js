// The box beside a form that shows the live review's answer: one status line (role=status, so a
// screen reader hears the decision change without leaving the field being typed), the decision
// and risk level, and the findings. While the record is still invalid the API reviews nothing,
// and the box says so instead of showing stale findings.
import { h } from './dom.js';
import { localMessage, tr } from './i18n.js';
import { findingItem, outcome, outcomeText } from './review-view.js';

// heading: the box's title. findingExtra(finding): what to add to a finding (e.g. a link to the
// field that fixes it). none: what to say when there is no finding. summary(result): the status
// line (by default the decision, risk level and number of findings).
export function reviewPanel({ heading, findingExtra = () => [], none = () => tr('指摘はありません。', 'No findings.'), summary = outcomeText }) {
  const status = h('p', { class: 'review-panel__status', role: 'status' });
  const body = h('div', { class: 'review-panel__body' });
  // Focusable: on a desktop the box scrolls on its own, and a keyboard user must be able to scroll it.
  const element = h('aside', { class: 'review-panel', tabindex: '0', 'aria-labelledby': 'review-panel-title' },
    h('h2', { class: 'review-panel__title', id: 'review-panel-title' }, heading), status, body);

  function say(text) {
    if (status.textContent !== text) status.textContent = text;
  }

  function show(report) {
    const result = report.results[0];
    if (!result) {
      const count = report.errors.length;
      say(tr(`入力の誤りまたは未入力の必須項目が ${count} 件あるため、まだ審査できません。`,
        `Not reviewed yet: ${count} field(s) are missing or wrong.`));
      body.replaceChildren(h('p', { class: 'review-panel__hint' },
        tr('必須の項目を入力すると、判定と指摘がここに表示されます。', 'Once the required fields are filled in, the decision and findings show here.')));
      return;
    }
    say(summary(result));
    body.replaceChildren(outcome(result),
      result.findings.length ? h('ul', { class: 'findings' }, result.findings.map((finding) => findingItem(finding, ...findingExtra(finding))))
        : h('p', { class: 'review-panel__none' }, none()));
  }

  function failed(error) {
    say(tr('審査を実行できませんでした。表示は最新ではありません。', 'The review could not be run; what is shown is not up to date.'));
    body.querySelector('.notice--error')?.remove();
    body.prepend(h('p', { class: 'notice notice--error' }, localMessage(error.message)));
  }

  return { element, show, failed, showResult: (result) => show({ results: [result], errors: [] }) };
}
