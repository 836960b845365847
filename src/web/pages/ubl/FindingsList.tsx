// The validator's findings in plain language: severity as text (not only colour), the message in the
// user's language, where in the file (line and column; the XPath as secondary text) and the rule ID.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/Badge.tsx';
import type { ValidationFinding } from '../../http/types.ts';

/** The message of a finding in the current language (the node sends Dutch and English). */
export function findingMessage(f: ValidationFinding, language: string): string {
  return language.startsWith('nl') ? f.message.nl : f.message.en;
}

export function FindingsList({ findings }: { findings: ValidationFinding[] }) {
  const { t, i18n } = useTranslation();
  return (
    <ol className="finding-list">
      {findings.map((f, i) => (
        <li key={`${f.rule}-${f.location}-${i}`} className={`finding finding-${f.severity}`}>
          <div className="finding-head">
            <Badge tone={f.severity === 'fatal' ? 'bad' : 'attention'}>
              {t(`documents.severity.${f.severity}`)}
            </Badge>
            <span className="finding-message">{findingMessage(f, i18n.language)}</span>
          </div>
          <p className="finding-where">
            {f.line !== null
              ? t('documents.where', { line: f.line, column: f.column ?? '?' })
              : t('documents.whereUnknown')}
            {f.location && f.location !== '/' ? (
              <>
                {' · '}
                <code className="finding-path">{f.location}</code>
              </>
            ) : null}
            {' · '}
            <span className="finding-rule">
              {t('documents.rule')} <code>{f.rule}</code>
            </span>
          </p>
        </li>
      ))}
    </ol>
  );
}

/** "2 problems must be fixed before this document can be sent", and the warnings beside it. */
export function findingsSummary(t: TFunction, findings: ValidationFinding[]): string {
  const fatal = findings.filter((f) => f.severity === 'fatal').length;
  const warnings = findings.length - fatal;
  const parts = [
    fatal > 0 ? t('documents.mustFix', { count: fatal }) : t('documents.noProblems'),
    warnings > 0 ? t('documents.warnings', { count: warnings }) : null,
  ];
  return parts.filter(Boolean).join(' ');
}
