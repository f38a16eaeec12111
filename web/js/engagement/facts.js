// What the record says about the engagement: vendor, department, period, information classes,
// network zone and the responsible person, as stored (docs/records.md).
import { h } from '../dom.js';
import { word } from '../labels.js';
import { tr } from '../i18n.js';

const yesNo = (value) => (value === true ? tr('あり', 'yes') : value === false ? tr('なし', 'no') : tr('記録なし', 'not recorded'));

function vendor(record) {
  const { name, corporate_number: number, country, certifications = [] } = record.vendor;
  return [
    name,
    number ? h('span', { class: 'sub' }, tr(`（法人番号 ${number}）`, ` (corporate number ${number})`)) : null,
    country ? h('span', { class: 'sub' }, ` ${country}`) : null,
    certifications.length ? h('ul', { class: 'plain-list' }, certifications.map((certification) => h('li', {},
      word('scheme', certification.scheme), certification.number ? ` ${certification.number}` : '',
      tr(`（${certification.valid_until} まで有効）`, ` (valid until ${certification.valid_until})`)))) : null,
  ];
}

function information(info) {
  return [
    tr(`機密性 ${info.confidentiality}・完全性 ${info.integrity}・可用性 ${info.availability}`,
      `confidentiality ${info.confidentiality}, integrity ${info.integrity}, availability ${info.availability}`),
    h('br'),
    tr('個人情報: ', 'Personal data: '), yesNo(info.personal_data), tr('、マイナンバー: ', '; My Number: '), yesNo(info.my_number),
  ];
}

function person(responsible) {
  if (!responsible) return h('strong', {}, tr('指名されていません', 'none named'));
  return [
    responsible.name, h('span', { class: 'sub' }, `（${responsible.department}）`),
    responsible.active === false ? [' ', h('span', { class: 'badge badge--high' }, tr('異動・退職済み', 'inactive'))] : null,
    responsible.email ? [h('br'), h('span', { class: 'mono' }, responsible.email)] : null,
  ];
}

function channel(section) {
  return [
    word('platform', section.platform), section.account ? ` ${section.account}` : '',
    section.url ? [h('br'), h('span', { class: 'mono' }, section.url)] : null,
  ];
}

export function factsSection(record) {
  const rows = [
    [tr('参照番号', 'Ref'), h('span', { class: 'mono' }, record.ref)],
    [tr('種類', 'Kind'), word('kind', record.kind)],
    [tr('状態', 'Status'), word('status', record.status || 'active')],
    [tr('所管課', 'Department'), record.department],
    [tr('責任者', 'Responsible person'), person(record.responsible_person)],
    record.vendor ? [tr('事業者', 'Vendor'), vendor(record)] : null,
    record.social_media ? [tr('アカウント', 'Account'), channel(record.social_media)] : null,
    record.period ? [tr('期間', 'Period'), `${record.period.start} 〜 ${record.period.end || tr('（終了日なし）', '(no end)')}`] : null,
    record.information ? [tr('取り扱う情報', 'Information'), information(record.information)] : null,
    record.network_zone ? [tr('ネットワーク', 'Network zone'), word('network_zone', record.network_zone)] : null,
  ].filter(Boolean);
  return h('section', { 'aria-labelledby': 'facts-title' },
    h('h2', { id: 'facts-title' }, tr('概要', 'Facts')),
    h('dl', { class: 'facts' }, rows.map(([term, value]) => [h('dt', {}, term), h('dd', {}, value)])));
}
