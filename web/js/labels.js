// The words the core prints for its codes (core/src/domain: decision_label, severity_label,
// verification_status_label), so the pages and the reports call a thing the same name.
import { h } from './dom.js';
import { tr } from './i18n.js';

const WORDS = {
  decision: {
    approve: ['承認', 'Approve'], conditional: ['条件付き承認', 'Conditional approval'], reject: ['却下', 'Reject'],
  },
  severity: {
    critical: ['重大', 'Critical'], high: ['高', 'High'], medium: ['中', 'Medium'], low: ['低', 'Low'], none: ['なし', 'None'],
  },
  verification: {
    verified: ['確認済み', 'Verified'], due_soon: ['期限間近', 'Due soon'], unverified: ['未確認', 'Not yet verified'],
    overdue: ['期限超過', 'Overdue'], failed: ['不適合', 'Failed'],
  },
  kind: { contractor: ['業務委託', 'Contractor'], cloud: ['外部サービス', 'Cloud service'], social_media: ['SNS', 'Social media'] },
};

export const DECISIONS = Object.keys(WORDS.decision);
export const SEVERITIES = ['critical', 'high', 'medium', 'low'];
export const VERIFICATION_STATUSES = Object.keys(WORDS.verification);
export const KINDS = Object.keys(WORDS.kind);

export function label(group, code) {
  const pair = WORDS[group]?.[code];
  return pair ? tr(pair[0], pair[1]) : String(code ?? '');
}

// A word in a box; the class gives it a colour, the word its meaning.
export function badge(group, code) {
  return h('span', { class: `badge badge--${code}` }, label(group, code));
}
