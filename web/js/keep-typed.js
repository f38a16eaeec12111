// What a person has typed on the page, kept across drawing the page again (the language switch
// draws every page anew): each field's controls by the JSON Pointer of the field, else by name,
// in document order. A control the new drawing does not have (a row added by hand) is not
// restored; everything else is, and told so by input and change events, so live reviews and
// fieldsets that depend on a choice follow.

function keyOf(control) {
  const field = control.closest('[data-pointer]');
  if (field) return `pointer:${field.dataset.pointer}`;
  return control.name ? `name:${control.name}` : null;
}

function controlsByKey(root) {
  const groups = new Map();
  for (const control of root.querySelectorAll('input, select, textarea')) {
    if (control.type === 'password' || control.type === 'hidden') continue;  // a token is never kept
    const key = keyOf(control);
    if (!key) continue;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(control);
  }
  return groups;
}

export function typedValues(root) {
  const values = new Map();
  for (const [key, controls] of controlsByKey(root)) {
    values.set(key, controls.map((control) => ({ value: control.value, checked: control.checked })));
  }
  return values;
}

export function restoreTyped(root, values) {
  // Selects first: a choice may decide which other fields exist (the kind of an engagement).
  const groups = [...controlsByKey(root)].sort(([, a], [, b]) => Number(b[0].tagName === 'SELECT') - Number(a[0].tagName === 'SELECT'));
  for (const [key] of groups) {
    const saved = values.get(key);
    const controls = controlsByKey(root).get(key) || [];
    if (!saved) continue;
    controls.forEach((control, index) => {
      const state = saved[index];
      if (!state || control.readOnly || control.disabled) return;
      const changed = control.type === 'checkbox' || control.type === 'radio'
        ? control.checked !== state.checked : control.value !== state.value;
      if (!changed) return;
      if (control.type === 'checkbox' || control.type === 'radio') control.checked = state.checked;
      else control.value = state.value;
      control.dispatchEvent(new Event('input', { bubbles: true }));
      control.dispatchEvent(new Event('change', { bubbles: true }));
    });
  }
}
