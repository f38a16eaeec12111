// The JSON Merge Patch (RFC 7396) that turns one record into another: what PATCH
// /api/v1/engagements/{ref} takes. A key gone from `after` becomes null (removed), an object
// that changed is given field by field, anything else that changed (a list included: lists are
// replaced whole) is given as it is now. Equal records give {}.

const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

export function mergePatch(before, after) {
  const patch = {};
  for (const key of Object.keys(before)) {
    if (!(key in after)) patch[key] = null;
  }
  for (const [key, value] of Object.entries(after)) {
    const old = before[key];
    if (isObject(value) && isObject(old)) {
      const inner = mergePatch(old, value);
      if (Object.keys(inner).length) patch[key] = inner;
    } else if (JSON.stringify(old) !== JSON.stringify(value)) {
      patch[key] = value;
    }
  }
  return patch;
}
