// The application shell: header, menu by role, language switch and the hash router. Each page is
// a module in pages/ loaded when first opened, so the first page carries only what it shows
// (docs/web.md "Pages and routes").
import { ApiError, onUnauthorised } from './api.js';
import { announce, clear, h } from './dom.js';
import { lang, localMessage, setLang, tr } from './i18n.js';
import { navigate, pageHeading, parseHash, roleLabel } from './nav.js';
import { can, principal, signOut } from './session.js';
import { restoreTyped, typedValues } from './keep-typed.js';
import { showSignInAgain } from './sign-in-again.js';

// pattern -> page module and who may open it ('public': anyone, signed in or not).
const ROUTES = [
  { pattern: /^\/$/, page: 'dashboard', offer: 'dashboard' },
  { pattern: /^\/signin$/, page: 'signin', offer: 'public' },
  { pattern: /^\/verify$/, page: 'verify', offer: 'public' },
  { pattern: /^\/engagements$/, page: 'engagements', offer: 'engagements' },
  { pattern: /^\/engagements\/(?<ref>[^/]+)$/, page: 'engagement', offer: 'signed-in' },
  { pattern: /^\/channels$/, page: 'channels', offer: 'channels' },
  { pattern: /^\/channels\/new$/, page: 'channel-form', offer: 'registerChannel' },
  { pattern: /^\/channels\/(?<ref>[^/]+)\/edit$/, page: 'channel-form', offer: 'registerChannel' },
  { pattern: /^\/vendors$/, page: 'vendors', offer: 'vendors' },
  { pattern: /^\/vet$/, page: 'vet', offer: 'vet' },
  { pattern: /^\/persons$/, page: 'persons', offer: 'persons' },
];

const MENU = [
  ['#/', 'dashboard', () => tr('ダッシュボード', 'Dashboard')],
  ['#/engagements', 'engagements', () => tr('契約・サービス', 'Engagements')],
  ['#/channels', 'channels', () => tr('SNS アカウント', 'Social media')],
  ['#/vendors', 'vendors', () => tr('事業者', 'Vendors')],
  ['#/vet', 'vet', () => tr('新規の審査', 'Vet a new one')],
  ['#/persons', 'persons', () => tr('責任者', 'Persons')],
  ['#/verify', 'public', () => tr('公式アカウント確認', 'Official account check')],
];

function renderChrome(current) {
  const who = principal();
  document.documentElement.lang = lang();
  document.getElementById('skip-link').textContent = tr('本文へ移動', 'Skip to content');
  const switcher = document.getElementById('language-switch');
  switcher.textContent = lang() === 'ja' ? 'English' : '日本語';
  switcher.lang = lang() === 'ja' ? 'en' : 'ja';
  switcher.setAttribute('aria-label', lang() === 'ja' ? 'Show in English' : '日本語で表示');
  const signOutButton = document.getElementById('sign-out');
  signOutButton.hidden = !who;
  signOutButton.textContent = tr('サインアウト', 'Sign out');
  const whoLabel = document.getElementById('who');
  whoLabel.hidden = !who;
  whoLabel.textContent = who ? `${who.name}（${roleLabel(who.role)}${who.department ? `・${who.department}` : ''}）` : '';
  const nav = document.getElementById('site-nav');
  nav.setAttribute('aria-label', tr('メインメニュー', 'Main menu'));
  const list = clear(document.getElementById('nav-list'));
  for (const [href, offer, label] of MENU) {
    if (offer !== 'public' && !can(offer, who)) continue;
    const here = href === `#${current}`;
    list.append(h('li', {}, h('a', { href, 'aria-current': here ? 'page' : undefined }, label())));
  }
  if (!who) list.append(h('li', {}, h('a', { href: '#/signin', 'aria-current': current === '/signin' ? 'page' : undefined }, tr('サインイン', 'Sign in'))));
  nav.hidden = false;
}

let renderCount = 0;

// data-ready on <body> is "true" once a page is drawn and, for the language switch, what was
// typed is back in it (`typed`) and the focus where the person was (`focus`); data-drawn is the
// address drawn. Browser tests wait for both: after a click on a link, the old page is still
// "ready" until the browser gets round to its hashchange.
async function render({ typed, focus } = {}) {
  document.body.dataset.ready = 'false';
  const thisRender = ++renderCount;
  const redirected = await draw(thisRender);
  if (thisRender === renderCount && !redirected) {
    if (typed) restoreTyped(document.getElementById('main'), typed);
    focus?.focus();
    document.body.dataset.drawn = window.location.hash;
    document.body.dataset.ready = 'true';
    // When the first page was usable, measured from navigation start (docs/web.md).
    if (!performance.getEntriesByName('itaku-first-page').length) performance.mark('itaku-first-page');
  }
}

// Draws the page of the current address; true when it sent the browser elsewhere instead.
async function draw(thisRender) {
  const { path, query } = parseHash();
  const main = document.getElementById('main');
  const route = ROUTES.find((candidate) => candidate.pattern.test(path));
  renderChrome(path);
  clear(main);
  if (!route) {
    pageHeading(main, tr('ページが見つかりません', 'Page not found'), h('p', {}, h('a', { href: '#/' }, tr('トップへ戻る', 'Back to the first page'))));
    return false;
  }
  const who = principal();
  if (route.offer !== 'public' && !who) {
    navigate('/signin', { next: window.location.hash.replace(/^#/, '') });
    return true;
  }
  if (route.offer !== 'public' && route.offer !== 'signed-in' && !can(route.offer, who)) {
    pageHeading(main, tr('このページは開けません', 'You cannot open this page'),
      h('p', {}, tr(`${roleLabel(who.role)}の役割では、このページは使えません。`, `The ${roleLabel(who.role)} role cannot use this page.`)));
    return false;
  }
  const params = {};
  try {
    for (const [name, value] of Object.entries(route.pattern.exec(path).groups || {})) params[name] = decodeURIComponent(value);
  } catch {
    params.malformed = true;  // "%" alone and the like: no such thing
  }
  // "." and ".." would name the list or the API's root once in a URL path, not a record.
  if (params.malformed || Object.values(params).some((value) => value === '.' || value === '..' || value === '')) {
    pageHeading(main, tr('見つかりません', 'Not found'), h('p', {}, h('a', { href: '#/' }, tr('トップへ戻る', 'Back to the first page'))));
    return false;
  }
  try {
    const module = await import(`./pages/${route.page}.js`);
    if (thisRender !== renderCount) return false;  // another route was opened meanwhile
    await module.render(main, { params, query, isCurrent: () => thisRender === renderCount });
  } catch (error) {
    if (thisRender !== renderCount) return false;
    if (error instanceof ApiError && error.status === 401) {
      // The token went while the page was being opened: nothing typed yet, so sign in afresh.
      navigate('/signin', { expired: '1', next: window.location.hash.replace(/^#/, '') });
      return true;
    }
    clear(main);
    if (!(error instanceof ApiError)) console.error(error);
    const headings = {
      403: tr('このページは開けません', 'You cannot open this page'),
      404: tr('見つかりません', 'Not found'),
    };
    pageHeading(main, headings[error.status] || tr('表示できませんでした', 'This page could not be shown'),
      h('p', { class: 'notice notice--error', role: 'alert' }, localMessage(String(error.message || error))),
      h('p', {}, h('a', { href: '#/' }, tr('トップへ戻る', 'Back to the first page'))));
  }
  // A new page starts reading at its top, unless the page put the focus somewhere itself (a
  // field to type in, the message of a save).
  const pageTookFocus = main.contains(document.activeElement) && document.activeElement !== main;
  if (thisRender === renderCount && renderCount > 1 && !pageTookFocus) {
    main.focus({ preventScroll: false });
    announce(document.title);
  }
  return false;
}

function start() {
  const switcher = document.getElementById('language-switch');
  switcher.addEventListener('click', async () => {
    const typed = typedValues(document.getElementById('main'));
    setLang(lang() === 'ja' ? 'en' : 'ja');
    await render({ typed, focus: switcher });  // where the person was, not the top of the page
  });
  document.getElementById('sign-out').addEventListener('click', () => {
    signOut();
    navigate('/signin');
  });
  // A token revoked while a page is open: the page stays as it is, with what was typed, and a
  // sign-in form at its top; a new token there carries on where the person was.
  onUnauthorised(() => {
    signOut();
    renderChrome(parseHash().path);
    showSignInAgain(document.getElementById('main'), () => renderChrome(parseHash().path));
  });
  window.addEventListener('hashchange', () => render());
  // The menu entry of the page one is on opens it afresh (e.g. a new vetting after a save); the
  // browser fires no hashchange for the same address.
  document.getElementById('nav-list').addEventListener('click', (event) => {
    const link = event.target.closest('a');
    if (link && link.getAttribute('href') === window.location.hash) {
      event.preventDefault();
      render();
    }
  });
  render();
}

start();
