// Form fields bound to JSON Pointers of a record (docs/records.md): each field knows the pointer
// it fills, so that the API's error paths ("/vendor/corporate_number") put their messages next to
// the field they concern, and `collect` builds the record the API receives. Nothing here checks a
// rule: the API does (issue #13: "no rule re-implemented in JavaScript beyond form hints").
import { h, uniqueId } from './dom.js';
import { localMessage, tr } from './i18n.js';

function describedBy(...ids) {
  return ids.filter(Boolean).join(' ') || undefined;
}

function shell(pointer, kind, control, { label, hint, required, id }) {
  const hintId = hint ? `${id}-hint` : null;
  const errorId = `${id}-error`;
  // Only when there is a hint: setAttribute would write the word "undefined" otherwise.
  if (hintId) control.setAttribute('aria-describedby', hintId);
  // The space keeps the accessible name two words ("Title required", not "Titlerequired").
  return h('div', { class: 'field', dataset: { pointer, kind } },
    h('label', { class: 'field__label', for: id }, label,
      required ? [' ', h('span', { class: 'field__required' }, tr('必須', 'required'))] : null),
    hint ? h('p', { class: 'field__hint', id: hintId }, hint) : null,
    h('p', { class: 'field__error', id: errorId, hidden: true }),
    control);
}

export function textField({ pointer, label, hint, required, value, type = 'text', kind = 'text', ...rest }) {
  const id = uniqueId('field');
  const input = h('input', { id, name: pointer, type, class: 'input', required, ...rest });
  if (value !== undefined && value !== null) input.value = String(value);
  return shell(pointer, kind, input, { label, hint, required, id });
}

export function textArea({ pointer, label, hint, required, value, rows = 3 }) {
  const id = uniqueId('field');
  const input = h('textarea', { id, name: pointer, class: 'input', rows, required });
  if (value) input.value = value;
  return shell(pointer, 'text', input, { label, hint, required, id });
}

// options: [[value, label], ...]; a first empty option when not required, or when a placeholder
// is given (a required choice nobody has made yet must not look made: the first option is not
// a default the user chose).
export function selectField({ pointer, label, hint, required, value, options, kind = 'text', placeholder }) {
  const id = uniqueId('field');
  const empty = placeholder || (required ? null : tr('（選択なし）', '(none)'));
  const select = h('select', { id, name: pointer, class: 'input', required },
    empty ? h('option', { value: '' }, empty) : null,
    options.map(([optionValue, optionLabel]) => h('option', { value: optionValue }, optionLabel)));
  if (value !== undefined && value !== null) select.value = String(value);
  return shell(pointer, kind, select, { label, hint, required, id });
}

// true / false / not said: a select, since "not said" is a state of its own in a record.
export function yesNoField({ pointer, label, hint, value, required }) {
  return selectField({
    pointer, label, hint, kind: 'boolean', required, placeholder: required ? tr('（選択してください）', '(choose)') : undefined,
    value: value === true ? 'true' : value === false ? 'false' : '',
    options: [['true', tr('はい', 'yes')], ['false', tr('いいえ', 'no')]],
  });
}

// A set of strings (e.g. the clause IDs present): one checkbox per choice.
export function checkboxList({ pointer, legend, hint, choices, values = [] }) {
  const id = uniqueId('list');
  const chosen = new Set(values);
  return h('fieldset', { class: 'field field--list', dataset: { pointer, kind: 'list' }, 'aria-describedby': hint ? `${id}-hint` : undefined },
    h('legend', { class: 'field__label' }, legend),
    hint ? h('p', { class: 'field__hint', id: `${id}-hint` }, hint) : null,
    h('p', { class: 'field__error', id: `${id}-error`, hidden: true }),
    h('ul', { class: 'checkbox-list' }, choices.map(([value, text]) => {
      const boxId = uniqueId('choice');
      return h('li', {},
        h('input', { type: 'checkbox', id: boxId, value, checked: chosen.has(value), class: 'checkbox' }),
        h('label', { for: boxId }, text));
    })));
}

function readField(field) {
  const kind = field.dataset.kind;
  if (kind === 'list') {
    return [...field.querySelectorAll('input[type=checkbox]')].filter((box) => box.checked).map((box) => box.value);
  }
  const control = field.querySelector('input, select, textarea');
  const raw = control.value.trim();
  if (raw === '') return undefined;
  if (kind === 'boolean') return raw === 'true';
  // A list of short codes typed in one box ("JP, US"): split, never checked here.
  if (kind === 'words') return raw.split(/[\s,、，]+/).filter(Boolean);
  if (kind === 'number') {
    // Sent as typed when it is not a number, so the API names the field and the value.
    const number = Number(raw);
    return Number.isFinite(number) && /^-?\d+(\.\d+)?$/.test(raw) ? number : raw;
  }
  return raw;
}

function unescape(token) {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

export function setAt(target, pointer, value) {
  const tokens = pointer.split('/').slice(1).map(unescape);
  let node = target;
  tokens.forEach((token, index) => {
    if (index === tokens.length - 1) {
      node[token] = value;
    } else {
      // A number next ("/vendor/certifications/0/scheme") makes a list, as the record has.
      if (typeof node[token] !== 'object' || node[token] === null) node[token] = /^\d+$/.test(tokens[index + 1]) ? [] : {};
      node = node[token];
    }
  });
}

export function getAt(source, pointer) {
  let node = source;
  for (const token of pointer.split('/').slice(1).map(unescape)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = node[token];
  }
  return node;
}

// The record the form describes, on top of `base` (fields the form does not show are kept).
// An empty text field leaves its key out.
export function collect(form, base = {}) {
  const record = structuredClone(base);
  for (const field of form.querySelectorAll('[data-pointer]')) {
    const value = readField(field);
    if (value === undefined) {
      const tokens = field.dataset.pointer.split('/');
      const parent = getAt(record, tokens.slice(0, -1).join('/'));
      if (parent && typeof parent === 'object') delete parent[unescape(tokens.at(-1))];
    } else {
      setAt(record, field.dataset.pointer, value);
    }
  }
  return record;
}

// Objects left empty by `collect` (an optional person nobody typed) are dropped: the API would
// otherwise read "{}" as a person without a name instead of no person. Lists stay, even empty
// ("clauses": [] says no clause is present).
export function withoutEmptyObjects(value) {
  if (Array.isArray(value)) return value.map(withoutEmptyObjects);
  if (!value || typeof value !== 'object') return value;
  const result = {};
  for (const [key, item] of Object.entries(value)) {
    const kept = withoutEmptyObjects(item);
    if (kept && typeof kept === 'object' && !Array.isArray(kept) && !Object.keys(kept).length) continue;
    result[key] = kept;
  }
  return result;
}

// The field an error path belongs to: the one with the longest pointer that is the path itself
// or encloses it ("/clauses/3" -> the "/clauses" list); for a missing object ("/information"),
// its first field, which is where the user starts filling it.
export function fieldFor(form, path) {
  let best = null;
  for (const field of form.querySelectorAll('[data-pointer]')) {
    const pointer = field.dataset.pointer;
    if ((path === pointer || path.startsWith(`${pointer}/`)) && (!best || pointer.length > best.dataset.pointer.length)) {
      best = field;
    }
  }
  if (!best && path) best = [...form.querySelectorAll('[data-pointer]')].find((field) => field.dataset.pointer.startsWith(`${path}/`)) || null;
  return best;
}

function focusTarget(field) {
  return field.querySelector('input, select, textarea');
}

export function clearErrors(form, { keepSummary = false } = {}) {
  for (const field of form.querySelectorAll('.field--invalid')) field.classList.remove('field--invalid');
  for (const error of form.querySelectorAll('.field__error')) {
    error.hidden = true;
    error.textContent = '';
  }
  for (const control of form.querySelectorAll('[aria-invalid]')) {
    control.removeAttribute('aria-invalid');
    const ids = (control.getAttribute('aria-describedby') || '').split(' ').filter((id) => !id.endsWith('-error'));
    if (ids.length) control.setAttribute('aria-describedby', ids.join(' '));
    else control.removeAttribute('aria-describedby');
  }
  if (!keepSummary) form.querySelector('.error-summary')?.remove();
}

// errors: [{path, message}] with API messages ("日本語 / English"). Each goes next to its field;
// all are listed in a summary at the top of the form, which takes the focus so that a keyboard
// or screen-reader user starts from the list (each entry links to its field).
// live: while the user types (a live review), only the messages next to the fields change: no
// summary appears and the focus stays where the user is typing; a summary from the last save
// stays put, so that the form does not jump under the cursor.
export function showErrors(form, errors, { heading, live = false } = {}) {
  clearErrors(form, { keepSummary: live });
  if (!errors.length) return;
  const items = [];
  for (const error of errors) {
    const text = localMessage(error.message);
    const field = error.path ? fieldFor(form, error.path) : null;
    if (field) {
      field.classList.add('field--invalid');
      const slot = field.querySelector('.field__error');
      slot.hidden = false;
      slot.append(slot.textContent ? h('br') : '', text);
      const control = focusTarget(field);
      if (control && field.dataset.kind !== 'list') {
        control.setAttribute('aria-invalid', 'true');
        control.setAttribute('aria-describedby', describedBy(control.getAttribute('aria-describedby'), slot.id));
      }
    }
    if (live) continue;
    items.push(h('li', {}, field
      ? h('a', { href: '#', onclick: (event) => { event.preventDefault(); focusTarget(field)?.focus(); } }, text)
      : h('span', {}, text, error.path ? ` (${error.path})` : '')));
  }
  if (live) return;
  const summary = h('div', { class: 'error-summary', role: 'alert', tabindex: '-1' },
    h('h2', { class: 'error-summary__title' }, heading || tr('入力内容を確かめてください', 'Please check what you entered')),
    h('ul', {}, items));
  form.prepend(summary);
  summary.focus();
}
