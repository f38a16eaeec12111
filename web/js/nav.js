// Moving between pages and naming them: what every page module needs from the shell.
import { h } from './dom.js';
import { tr } from './i18n.js';

export function parseHash(hash = window.location.hash) {
  const raw = hash.replace(/^#/, '') || '/';
  // Only the first "?" starts the query: a checked URL may hold its own ("…?utm=1").
  const at = raw.indexOf('?');
  const path = at < 0 ? raw : raw.slice(0, at);
  const search = at < 0 ? '' : raw.slice(at + 1);
  return { path: path || '/', query: new URLSearchParams(search) };
}

export function navigate(path, query) {
  const search = query ? new URLSearchParams(Object.entries(query).filter(([, v]) => v !== '' && v != null)).toString() : '';
  const target = `#${path}${search ? `?${search}` : ''}`;
  if (window.location.hash === target) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else window.location.hash = target;
}

export function roleLabel(role) {
  const labels = {
    admin: ['管理者', 'admin'], officer: ['情報セキュリティ担当', 'security officer'],
    procurement: ['契約担当', 'procurement'], channel_owner: ['SNS 担当', 'channel owner'], auditor: ['監査担当', 'auditor'],
  };
  const [ja, en] = labels[role] || [role, role];
  return tr(ja, en);
}

// Sets the page's title and h1 together: the tab, the history and a screen reader all name it.
export function pageHeading(main, text, ...extra) {
  document.title = `${text} | Itaku`;
  main.append(h('h1', { class: 'page-title' }, text), ...extra);
}

