// One engagement: GET /api/v1/engagements/{ref} (a role that may not read it gets the API's 403,
// shown by the router as "このページは開けません"), its current review, facts, contract clauses,
// periodic verifications and, for admin and auditor, its audit entries.
//
// The details hold the stored record and the newest *stored* assessment, which may be old or
// absent; the findings shown are those of POST /api/v1/review over the record as stored, which
// reviews on today's date and stores nothing.
import { get, post, segment } from '../api.js';
import { h } from '../dom.js';
import { auditSection } from '../engagement/audit.js';
import { clauseSection } from '../engagement/clauses.js';
import { factsSection } from '../engagement/facts.js';
import { reviewSection } from '../engagement/review.js';
import { verificationSection } from '../engagement/verifications.js';
import { word } from '../labels.js';
import { localMessage, tr } from '../i18n.js';
import { pageHeading } from '../nav.js';
import { can } from '../session.js';

async function currentReview(record) {
  const report = await post('/review', record);
  return { result: report.results[0], errors: report.errors, asOf: report.as_of };
}

export async function render(main, { params, isCurrent }) {
  const ref = params.ref;
  const path = `/engagements/${segment(ref)}`;
  const details = await get(path);
  const [review, catalogue, history] = await Promise.all([
    currentReview(details.record), get('/catalogue'), get(`${path}/verifications`),
  ]);
  if (!isCurrent()) return;
  const record = details.record;

  const reviewPart = reviewSection();
  const verifications = verificationSection(ref, { onChanged: refresh });
  const audit = can('audit') ? auditSection(ref) : null;
  const problem = h('p', { class: 'notice notice--error', role: 'alert', hidden: true });
  let lastAssessment = details.last_assessment;
  const showReview = ({ result, errors, asOf }) => (result ? reviewPart.update(result, asOf, lastAssessment) : reviewPart.fail(errors));

  // After a verification is recorded or voided: its state, the review and the history change.
  async function refresh() {
    try {
      const [again, list] = await Promise.all([get(path), get(`${path}/verifications`)]);
      lastAssessment = again.last_assessment;
      showReview(await currentReview(again.record));
      verifications.update(list.items);
      await audit?.update();
      problem.hidden = true;
    } catch (error) {
      problem.textContent = tr('最新の状態を読み込めませんでした: ', 'The latest state could not be loaded: ') + localMessage(error.message);
      problem.hidden = false;
    }
  }

  pageHeading(main, record.title,
    h('p', { class: 'lead' }, h('span', { class: 'mono' }, record.ref), tr('・', ' · '), word('kind', record.kind), tr('・', ' · '), record.department,
      record.kind === 'social_media' && can('registerChannel')
        ? [' ', h('a', { href: `#/channels/${encodeURIComponent(ref)}/edit` }, tr('この SNS アカウントを編集', 'Edit this channel'))] : null),
    problem);
  main.append(reviewPart.element, factsSection(record));
  const clauses = clauseSection(ref, record, catalogue.items, {
    onSaved: (answer) => {
      reviewPart.update(answer.review, null, lastAssessment);
      audit?.update().catch(() => {});
    },
  });
  if (clauses) main.append(clauses);
  main.append(verifications.element);
  if (audit) main.append(audit.element);
  showReview(review);
  verifications.update(history.items);
  await audit?.update();
}
