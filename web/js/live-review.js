// The live review of a record being typed: POST /api/v1/review (it reviews and stores nothing)
// with the record as the form stands, 400 ms after typing stops and at once when a choice is
// made, the call before cancelled. The API decides; this only decides when to ask and which of
// its input errors to show where.
//
// Errors are shown next to the fields the user has reached (left once, or chosen in), never on
// fields not met yet; after a save every error shows. An error of the save (a ref already taken,
// 409) is not one the review can repeat, so it stays next to its field until that field changes.
import { post } from './api.js';
import { clearErrors, fieldFor, showErrors } from './forms.js';
import { tr } from './i18n.js';

const TYPING_PAUSE_MS = 400;

// The review report's errors carry the English `message` and `message_ja` apart (docs/records.md);
// the pages take API messages as "日本語 / English", as every other API error comes.
function bilingual(error) {
  return { path: error.path || '', message: error.message_ja ? `${error.message_ja} / ${error.message}` : error.message };
}

// A save refused: {status, code, message, path} of the API, shown as the API says it.
export function saveError(error) {
  return { path: error.path || '', message: error.message };
}

function unique(errors) {
  const seen = new Set();
  return errors.filter((error) => {
    const key = `${error.path}\n${error.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const isChoice = (target) => target.tagName === 'SELECT' || target.type === 'checkbox';

// record(): the record to review. onReport(report): each answer. onFailure(error): the review
// could not be asked (server unreachable), so the page can say that its findings are stale.
export function liveReview(form, { record, onReport, onFailure }) {
  const touched = new Set();
  let showAll = false;
  let saveErrors = [];
  let reviewErrors = [];
  let timer = 0;
  let controller = null;

  const pointerOf = (target) => target.closest?.('[data-pointer]')?.dataset.pointer;
  const pointerFor = (error) => (error.path ? fieldFor(form, error.path)?.dataset.pointer : undefined);
  const reached = (error) => showAll || touched.has(pointerFor(error));

  function paint() {
    showErrors(form, unique([...saveErrors, ...reviewErrors.filter(reached)]), { live: true });
  }

  // A field left by pressing a button with the mouse (登録する, 認証を追加) must not show its error
  // before the click is over: the message would push the button down from under the pointer and
  // the click would miss it. So while a pointer is down, new errors wait for it to come up.
  let pointerIsDown = false;
  let paintWaits = false;
  function paintSoon() {
    if (pointerIsDown) paintWaits = true;
    else paint();
  }

  // data-review on the form: "pending" from a change until the review of the form as it now
  // stands is shown, then "current" (or "failed"). Browser tests wait for it before reading the
  // findings: an answer to an earlier state may show some of the same findings.
  const state = (value) => { form.dataset.review = value; };

  async function run() {
    window.clearTimeout(timer);
    controller?.abort();
    const mine = new AbortController();
    controller = mine;
    state('pending');
    try {
      const report = await post('/review', record(), { signal: mine.signal });
      if (mine !== controller || !form.isConnected) return null;
      reviewErrors = (report.errors || []).map(bilingual);
      paintSoon();
      onReport(report);
      state('current');
      return report;
    } catch (error) {
      if (error.name === 'AbortError' || mine !== controller) return null;
      onFailure?.(error);
      state('failed');
      return null;
    }
  }

  function schedule(delay) {
    window.clearTimeout(timer);
    state('pending');
    timer = window.setTimeout(run, delay);
  }

  function changed(pointer) {
    const before = saveErrors.length;
    saveErrors = saveErrors.filter((error) => pointerFor(error) !== pointer);
    if (saveErrors.length !== before) paint();
  }

  form.addEventListener('input', (event) => {
    const pointer = pointerOf(event.target);
    if (!pointer) return;
    changed(pointer);
    if (isChoice(event.target)) touched.add(pointer);
    schedule(isChoice(event.target) ? 0 : TYPING_PAUSE_MS);
  });
  form.addEventListener('pointerdown', () => {
    pointerIsDown = true;
    window.addEventListener('pointerup', () => window.setTimeout(() => {
      pointerIsDown = false;
      if (paintWaits && form.isConnected) paint();
      paintWaits = false;
    }), { once: true });
  }, true);
  form.addEventListener('focusout', (event) => {
    const pointer = pointerOf(event.target);
    if (!pointer || touched.has(pointer)) return;
    touched.add(pointer);
    paintSoon();
  });

  return {
    now: run,
    schedule: () => schedule(0),
    // A save refused: its error and every error of a fresh review, next to the fields and in
    // the summary, which takes the focus.
    async saveFailed(error) {
      saveErrors = [saveError(error)];
      showAll = true;
      await run();
      showErrors(form, unique([...saveErrors, ...reviewErrors]),
        { heading: tr('保存できませんでした。入力内容を確かめてください', 'Not saved: please check what you entered') });
    },
    // A save went through: what the last refused save said no longer holds.
    saved() {
      saveErrors = [];
      clearErrors(form);
      paint();
    },
    stop() {
      window.clearTimeout(timer);
      controller?.abort();
      delete form.dataset.review;  // no review is coming: nothing to wait for
    },
  };
}
