// The words for the API's enum values (docs/records.md, schemas/openapi.json), in both languages:
// where core prints a code in its reports (decision_label, severity_label,
// verification_status_label in core/src/domain), the same word. Badges that carry them (a badge's
// colour only repeats what its word says), and times.
import { h } from './dom.js';
import { lang, tr } from './i18n.js';

const WORDS = {
  kind: {
    contractor: ['業務委託', 'outsourcing'], cloud: ['外部サービス', 'cloud service'], social_media: ['SNS アカウント', 'social media'],
  },
  decision: { approve: ['承認', 'Approve'], conditional: ['条件付き承認', 'Conditional approval'], reject: ['却下', 'Reject'] },
  verification_status: {
    verified: ['確認済み', 'Verified'], due_soon: ['期限間近', 'Due soon'], unverified: ['未確認', 'Not yet verified'],
    overdue: ['期限超過', 'Overdue'], failed: ['不適合', 'Failed'],
  },
  risk_level: { critical: ['重大', 'Critical'], high: ['高', 'High'], medium: ['中', 'Medium'], low: ['低', 'Low'], none: ['なし', 'None'] },
  status: { planned: ['開始前', 'planned'], active: ['運用中', 'active'], terminated: ['終了', 'terminated'] },
  result: { pass: ['合格', 'pass'], conditional: ['条件付き合格', 'conditional'], fail: ['不合格', 'fail'] },
  network_zone: { mynumber: ['マイナンバー利用事務系', 'My Number zone'], lgwan: ['LGWAN 接続系', 'LGWAN zone'], internet: ['インターネット接続系', 'Internet zone'] },
  platform: {
    x: ['X', 'X'], facebook: ['Facebook', 'Facebook'], instagram: ['Instagram', 'Instagram'], line: ['LINE', 'LINE'],
    youtube: ['YouTube', 'YouTube'], tiktok: ['TikTok', 'TikTok'], threads: ['Threads', 'Threads'], bluesky: ['Bluesky', 'Bluesky'],
    note: ['note', 'note'], other: ['その他', 'other'],
  },
  scheme: {
    ISMS: ['ISMS', 'ISMS'], PMARK: ['プライバシーマーク', 'Privacy Mark'], ISMAP: ['ISMAP', 'ISMAP'], ISMAP_LIU: ['ISMAP-LIU', 'ISMAP-LIU'],
    ISO27017: ['ISO/IEC 27017', 'ISO/IEC 27017'], ISO27018: ['ISO/IEC 27018', 'ISO/IEC 27018'], SOC2: ['SOC 2', 'SOC 2'],
  },
};

export const DECISIONS = Object.keys(WORDS.decision);
export const SEVERITIES = ['critical', 'high', 'medium', 'low'];
export const VERIFICATION_STATUSES = Object.keys(WORDS.verification_status);

// word('decision', 'approve') -> 承認 / approve; an unknown value is shown as the API sent it.
export function word(type, value) {
  const pair = WORDS[type]?.[value];
  return pair ? tr(pair[0], pair[1]) : String(value ?? '');
}

// [[value, word], ...] for a select.
export function choices(type, values = Object.keys(WORDS[type])) {
  return values.map((value) => [value, word(type, value)]);
}

export function badge(type, value) {
  return h('span', { class: `badge badge--${value}` }, word(type, value));
}

// A UTC time of the API (2026-12-05T09:30:00Z) in the reader's time zone and language.
export function dateTime(value) {
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime())) return value;
  return parsed.toLocaleString(lang() === 'en' ? 'en-GB' : 'ja-JP', { dateStyle: 'medium', timeStyle: 'short' });
}
