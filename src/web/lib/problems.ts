// Turning API problems into plain sentences in the user's language. The node's `detail` is English and
// technical; the common cases get a translated sentence, the rest shows the detail after a translated
// lead-in. Never a stack trace: the node does not send one.
import type { TFunction } from 'i18next';
import { ApiError, type ProblemIssue } from '../http/client.ts';

/** A sentence for any error of a request. */
export function problemText(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return t('errors.unexpected');
  const { code, detail } = error.problem;
  switch (code) {
    case 'network':
      return t('errors.network');
    case 'unauthenticated':
      return t('errors.unauthenticated');
    case 'forbidden':
      return t('errors.forbidden');
    case 'not_found':
      return t('errors.notFound');
    case 'version_conflict':
      return t('errors.versionConflict');
    case 'transition_not_allowed':
      return t('errors.transitionNotAllowed', { detail });
    case 'internal_error':
      return t('errors.server');
    default:
      return issueText(t, { field: error.problem.field ?? '', detail, code });
  }
}

const RULES: [RegExp, Parameters<TFunction>[0]][] = [
  [/already used|already recorded/, 'errors.field.alreadyUsed'],
  [/is required|needs at least one|at least one line/, 'errors.field.required'],
  [/greater than zero|above zero/, 'errors.field.positive'],
  [/must not be negative/, 'errors.field.notNegative'],
  [/decimal number/, 'errors.field.decimal'],
  [/calendar date|YYYY-MM-DD/, 'errors.field.date'],
  [/currency code/, 'errors.field.currency'],
  [/unit code/, 'errors.field.unit'],
  [/no company with identifier|another company than the buyer/, 'errors.field.seller'],
  [/lineId must be/, 'errors.field.lineId'],
  [/used twice|appears twice|answered twice|decided twice/, 'errors.field.twice'],
  [/differs from the sum/, 'errors.field.sumDiffers'],
  [/exceed|only .* is shipped/, 'errors.field.tooMuch'],
  [/cannot become smaller/, 'errors.field.belowShipped'],
  [/equals the request/, 'errors.field.sameAsRequest'],
  [/changes nothing/, 'errors.field.nothingChanged'],
  [/at most \d+ characters|too long|Too big/i, 'errors.field.tooLong'],
  [/say why/, 'errors.field.reason'],
];

/** A sentence for one field's problem. */
export function issueText(t: TFunction, issue: ProblemIssue & { code?: string }): string {
  const conflict = issue.code === 'conflict';
  for (const [re, key] of RULES) {
    if (re.test(issue.detail)) return String(t(key as 'errors.field.required'));
  }
  if (conflict) return t('errors.field.alreadyUsed');
  return t('errors.field.other', { detail: issue.detail });
}

/** Field path → message, from a problem with a field or a list of issues; the rest goes to `general`. */
export function fieldErrors(
  t: TFunction,
  error: unknown,
  known: (field: string) => string | null,
): { fields: Record<string, string>; general: string | null } {
  if (!(error instanceof ApiError)) return { fields: {}, general: problemText(t, error) };
  const p = error.problem;
  const issues: ProblemIssue[] = p.errors?.length
    ? p.errors
    : p.field
      ? [{ field: p.field, detail: p.detail, code: p.code }]
      : [];
  const fields: Record<string, string> = {};
  const unplaced: string[] = [];
  for (const issue of issues) {
    const target = known(issue.field);
    const text = issueText(t, { ...issue, code: issue.code ?? p.code });
    if (target && !fields[target]) fields[target] = text;
    else if (!target) unplaced.push(text);
  }
  const placed = Object.keys(fields).length > 0;
  const general = unplaced.length ? unplaced.join(' ') : placed ? null : problemText(t, error);
  return { fields, general };
}
