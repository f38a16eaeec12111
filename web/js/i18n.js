// Japanese first, English on request: every visible word is written as tr('日本語', 'English') where
// it is used, so a page's two languages are read side by side (docs/web.md). The choice is kept
// in localStorage; the API's own messages come in both languages ("日本語 / English") and
// `localMessage` picks the half of the current language.

const STORAGE_KEY = 'itaku.lang';

export function lang() {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'ja';
  } catch {
    return 'ja';
  }
}

export function setLang(value) {
  try {
    localStorage.setItem(STORAGE_KEY, value === 'en' ? 'en' : 'ja');
  } catch {
    // Storage refused (private mode): the choice lasts for this page only.
  }
  document.documentElement.lang = lang();
}

export function tr(ja, en) {
  return lang() === 'en' ? en : ja;
}

// "日本語の文 / the English sentence" -> the half of the current language. The API writes the
// Japanese first and the English after the first " / " (docs/records.md).
export function localMessage(message) {
  if (typeof message !== 'string') return '';
  const split = message.indexOf(' / ');
  if (split < 0) return message;
  return lang() === 'en' ? message.slice(split + 3) : message.slice(0, split);
}

// {ja, en} objects (findings, verify answers) -> the current language's text.
export function localText(text) {
  if (!text || typeof text !== 'object') return typeof text === 'string' ? text : '';
  return (lang() === 'en' ? text.en : text.ja) || text.ja || text.en || '';
}

const NUMBER = new Map();
export function formatNumber(value) {
  const key = lang();
  if (!NUMBER.has(key)) NUMBER.set(key, new Intl.NumberFormat(key === 'en' ? 'en-GB' : 'ja-JP'));
  return NUMBER.get(key).format(value);
}
