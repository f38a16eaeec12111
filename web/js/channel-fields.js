// The fields of a social-media channel (schemas/social_media.schema.json), filled from `record`
// when one is edited, and which field each SNS finding asks to change (docs/rules.md), so that the
// to-fix list can take the user there. That map only points at fields: whether a finding holds
// is the API's to say.
import { h } from './dom.js';
import { getAt, selectField, textField, yesNoField } from './forms.js';
import { tr } from './i18n.js';
import { fieldset, grid } from './record-fields.js';

const PLATFORMS = [
  ['x', 'X'], ['facebook', 'Facebook'], ['instagram', 'Instagram'], ['line', 'LINE'], ['youtube', 'YouTube'],
  ['tiktok', 'TikTok'], ['threads', 'Threads'], ['bluesky', 'Bluesky'], ['note', 'note'], ['other', () => tr('その他', 'Other')],
];

export const FIX_FIELDS = {
  'GEN-01': ['/responsible_person/name'],
  'GEN-04': ['/status', '/period/end'],
  'SNS-01': ['/social_media/operating_procedure'],
  'SNS-02': ['/social_media/official_site_listing_url'],
  'SNS-03': ['/social_media/profile_names_operator'],
  'SNS-04': ['/social_media/mfa', '/social_media/credential_custodian/name'],
  'SNS-05': ['/information/confidentiality'],
  'SNS-06': ['/social_media/takeover_procedure'],
  'SNS-07': ['/social_media/availability2_mirrored'],
  'SNS-08': ['/social_media/shutdown_plan'],
};

export function statusField(record) {
  return selectField({ pointer: '/status', label: tr('状態', 'Status'), value: getAt(record, '/status'),
    hint: tr('選ばなければ運用中', 'Active when not chosen'), options: [
      ['planned', tr('開設予定', 'planned')], ['active', tr('運用中', 'active')], ['terminated', tr('運用終了', 'closed')]] });
}

export function accountFields(record) {
  const value = (pointer) => getAt(record, pointer);
  return fieldset(tr('アカウント', 'Account'), grid(
    selectField({ pointer: '/social_media/platform', label: tr('サービス', 'Platform'), required: true, placeholder: tr('（選択してください）', '(choose)'),
      value: value('/social_media/platform'), options: PLATFORMS.map(([key, label]) => [key, typeof label === 'function' ? label() : label]) }),
    textField({ pointer: '/social_media/account', label: tr('アカウント名', 'Account name'), required: true, value: value('/social_media/account'),
      autocomplete: 'off', spellcheck: 'false', hint: tr('例: @hikarino_city', 'e.g. @hikarino_city') }),
    textField({ pointer: '/social_media/url', label: tr('アカウントの URL', 'Account URL'), required: true, type: 'url', value: value('/social_media/url'),
      autocomplete: 'off', spellcheck: 'false', hint: tr('https:// で始まるアドレス', 'An address starting with https://') }),
    textField({ pointer: '/social_media/platform_user_id', label: tr('ユーザー ID', 'Platform user ID'), value: value('/social_media/platform_user_id'),
      autocomplete: 'off', spellcheck: 'false', hint: tr('名前を変えても変わらない ID（分かれば）', 'The ID that stays when the name changes (if known)') }),
    textField({ pointer: '/social_media/official_site_listing_url', label: tr('市のウェブサイトの掲載ページ', "Listing on the city's website"), type: 'url',
      value: value('/social_media/official_site_listing_url'), autocomplete: 'off', spellcheck: 'false',
      hint: tr('このアカウントを公式として載せているページの URL', 'The URL of the page that lists this account as official') })));
}

export function operationFields(record) {
  const yesNo = (pointer, label, hint) => yesNoField({ pointer, label, hint, value: getAt(record, pointer) });
  return fieldset(tr('運用の体制', 'How it is run'),
    grid(
      yesNo('/social_media/operating_procedure', tr('運用手順を定めている', 'Operating procedure set')),
      yesNo('/social_media/profile_names_operator', tr('プロフィールに運用する所属を明記', 'Profile names the operating department')),
      yesNo('/social_media/mfa', tr('多要素認証（MFA）', 'Multi-factor authentication (MFA)')),
      yesNo('/social_media/takeover_procedure', tr('乗っ取り時の対応手順', 'Takeover response procedure')),
      yesNo('/social_media/availability2_mirrored', tr('可用性2の情報を市のウェブサイトでも発信', "Availability-2 information also on the city's website"),
        tr('災害情報など可用性2の情報を発信する場合', 'When the channel carries availability-2 information such as disaster news')),
      yesNo('/social_media/shutdown_plan', tr('サービス停止・終了時の対応', 'Plan for a shutdown of the service'))),
    h('h3', { class: 'fieldset__subtitle' }, tr('認証情報（パスワード等）の管理者', 'Credential custodian (passwords, …)')),
    grid(
      textField({ pointer: '/social_media/credential_custodian/name', label: tr('管理者の氏名', "Custodian's name"),
        value: getAt(record, '/social_media/credential_custodian/name'), autocomplete: 'off' }),
      textField({ pointer: '/social_media/credential_custodian/department', label: tr('管理者の所属', "Custodian's department"),
        value: getAt(record, '/social_media/credential_custodian/department') })));
}
