// A review result (docs/review.md: decision, risk level, findings) as the pages show it. Every
// badge says its word; the colour only repeats it. The words are labels.js's.
import { h } from './dom.js';
import { localText, tr } from './i18n.js';
import { badge, word } from './labels.js';

const decisionLabel = (decision) => word('decision', decision);
const severityLabel = (severity) => word('risk_level', severity);

// "重大度 高": the word "severity" is said, so a screen reader does not read a bare "高".
function severityBadge(severity) {
  return h('span', { class: `badge badge--${severity}` },
    h('span', { class: 'visually-hidden' }, tr('重大度 ', 'severity ')), severityLabel(severity));
}

// One line that says the outcome in words, e.g. "判定: 条件付き承認・リスク: 高・指摘 3 件".
export function outcomeText(result) {
  return tr(`判定: ${decisionLabel(result.decision)}・リスク: ${severityLabel(result.risk_level)}・指摘 ${result.findings.length} 件`,
    `Decision: ${decisionLabel(result.decision)}, risk: ${severityLabel(result.risk_level)}, ${result.findings.length} finding(s)`);
}

export function outcome(result) {
  return h('dl', { class: 'facts outcome' },
    h('dt', {}, tr('判定', 'Decision')), h('dd', {}, badge('decision', result.decision)),
    h('dt', {}, tr('リスクレベル', 'Risk level')), h('dd', {}, badge('risk_level', result.risk_level)),
    h('dt', {}, tr('固有リスク', 'Tier')), h('dd', {}, `tier ${result.tier}`));
}

// extra: what the page adds to a finding (a link to the field that fixes it).
export function findingItem(finding, ...extra) {
  return h('li', { class: `finding finding--${finding.severity}`, dataset: { finding: finding.id } },
    h('span', { class: 'finding__id' }, finding.id), severityBadge(finding.severity), ' ',
    h('span', { class: 'finding__message' }, localText(finding.message)),
    extra.length ? h('span', { class: 'finding__extra' }, extra) : null);
}
