// Upload a UBL document (an order from the ERP, a response, a despatch advice, an invoice …): choose or
// drop a file, then check it or send it. Nothing leaves the browser until an .xml file is chosen. The
// outcome is shown in plain language: what the document did with a link to its order, or the
// validator's findings in the user's language, or why the node refused it.
import { useRef, useState, type DragEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { ApiError, request } from '../../http/client.ts';
import type { DocumentInfo, ValidationFinding, ValidationResult } from '../../http/types.ts';
import { problemText } from '../../lib/problems.ts';
import { useReadyMark } from '../../lib/use-load.ts';
import { Link } from '../../router.tsx';
import { useMe } from '../../session.ts';
import { FindingsList, findingsSummary } from './FindingsList.tsx';
import { useDocumentTypeName } from './document-type-name.ts';
import './documents.css';

type Outcome =
  | { kind: 'sent'; repeated: boolean; document: DocumentInfo }
  | { kind: 'checked'; result: ValidationResult }
  | { kind: 'refused'; findings: ValidationFinding[]; documentId: string | null }
  | { kind: 'failed'; message: string; detail: string | null; documentId: string | null };

const XML_NAME = /\.xml$/i;
const XML_TYPES = new Set(['', 'application/xml', 'text/xml']);

export function UploadPage() {
  const { t } = useTranslation();
  const me = useMe();
  const typeName = useDocumentTypeName();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [busy, setBusy] = useState<'send' | 'check' | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);
  useReadyMark('upload', true);
  const maySend = me.role !== 'viewer';

  const choose = (chosen: File | null): void => {
    setFile(chosen);
    setFileError(null);
    setOutcome(null);
  };

  /** Why `f` cannot be sent, or null. */
  const problemOf = (f: File | null): string | null => {
    if (!f) return t('upload.errors.noFile');
    if (!XML_NAME.test(f.name) && !XML_TYPES.has(f.type) && !/\+xml$/.test(f.type))
      return t('upload.errors.notXml', { name: f.name });
    if (f.size === 0) return t('upload.errors.empty', { name: f.name });
    return null;
  };

  const show = (o: Outcome): void => {
    setOutcome(o);
    // Focus the outcome so that keyboard and screen-reader users land on it.
    requestAnimationFrame(() => outcomeRef.current?.focus());
  };

  const run = async (mode: 'send' | 'check'): Promise<void> => {
    const problem = problemOf(file);
    if (problem || !file) {
      setFileError(problem);
      inputRef.current?.focus();
      return;
    }
    setBusy(mode);
    setOutcome(null);
    try {
      if (mode === 'check') {
        const r = await request<ValidationResult>('/documents/validate', { method: 'POST', xml: file });
        show({ kind: 'checked', result: r.body });
      } else {
        const r = await request<DocumentInfo>('/documents', { method: 'POST', xml: file });
        show({ kind: 'sent', repeated: r.status === 200, document: r.body });
      }
    } catch (e) {
      show(failure(e));
    } finally {
      setBusy(null);
    }
  };

  const failure = (e: unknown): Outcome => {
    if (!(e instanceof ApiError))
      return { kind: 'failed', message: problemText(t, e), detail: null, documentId: null };
    const p = e.problem;
    if (p.code === 'validation_failed' && p.findings?.length)
      return { kind: 'refused', findings: p.findings, documentId: p.documentId ?? null };
    const known: Record<string, string> = {
      validation_failed: t('upload.errors.incomplete'),
      forbidden: t('upload.errors.forbidden'),
      conflict: t('upload.errors.conflict'),
      payload_too_large: t('upload.errors.tooLarge'),
      unsupported_media_type: t('upload.errors.notXmlServer'),
      not_found: t('upload.errors.unknownOrder'),
    };
    const message = known[p.code] ?? problemText(t, e);
    // The node's own sentence names the exact place or party; it is English, so it comes second.
    const detail = known[p.code] && p.code !== 'payload_too_large' ? p.detail : null;
    return { kind: 'failed', message, detail, documentId: p.existingDocumentId ?? null };
  };

  const submit = (e: FormEvent<HTMLFormElement>): void => {
    e.preventDefault();
    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    void run(submitter?.value === 'check' ? 'check' : 'send');
  };

  const drop = (e: DragEvent<HTMLDivElement>): void => {
    e.preventDefault();
    setDragging(false);
    const dropped = e.dataTransfer.files[0] ?? null;
    if (dropped) choose(dropped);
  };

  const describedBy = ['f-file-hint', fileError ? 'f-file-error' : null].filter(Boolean).join(' ');

  return (
    <div className="page upload-page">
      <PageTitle title={t('upload.title')} />
      <p className="lead">{t('upload.intro')}</p>

      <form className="card" onSubmit={submit} noValidate>
        <div
          className={`drop-zone${dragging ? ' drop-zone-active' : ''}${fileError ? ' field-invalid' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={drop}
        >
          <label htmlFor="f-file" className="drop-label">
            {t('upload.file')}
          </label>
          <input
            ref={inputRef}
            id="f-file"
            name="file"
            type="file"
            accept=".xml,application/xml,text/xml"
            aria-describedby={describedBy}
            aria-invalid={fileError ? true : undefined}
            onChange={(e) => choose(e.currentTarget.files?.[0] ?? null)}
          />
          <p className="hint" id="f-file-hint">
            {file ? t('upload.chosen', { name: file.name, size: sizeText(file.size) }) : t('upload.hint')}
          </p>
          {fileError ? (
            <p className="field-error" id="f-file-error">
              <span aria-hidden="true">⚠ </span>
              {fileError}
            </p>
          ) : null}
        </div>
        <div className="button-row">
          {maySend ? (
            <button
              type="submit"
              name="mode"
              value="send"
              className="button button-primary"
              disabled={busy !== null}
            >
              {busy === 'send' ? t('upload.sending') : t('upload.send')}
            </button>
          ) : null}
          <button
            type="submit"
            name="mode"
            value="check"
            className="button button-secondary"
            disabled={busy !== null}
          >
            {busy === 'check' ? t('upload.checking') : t('upload.check')}
          </button>
        </div>
        <p className="hint">{maySend ? t('upload.modes') : t('upload.viewerOnly')}</p>
      </form>

      <div ref={outcomeRef} tabIndex={-1} className="upload-outcome">
        {outcome?.kind === 'sent' ? (
          <Alert tone={outcome.repeated ? 'info' : 'success'}>
            <div>
              <p className="outcome-title">
                {t(outcome.repeated ? 'upload.repeated' : 'upload.sent', {
                  type: typeName(outcome.document.documentType),
                  number: outcome.document.number,
                })}
              </p>
              {outcome.document.findings.length > 0 ? (
                <p>{findingsSummary(t, outcome.document.findings)}</p>
              ) : null}
              <p className="link-row">
                {outcome.document.orderId ? (
                  <Link to={`/orders/${outcome.document.orderId}`} className="strong-link">
                    {t('upload.openOrder')}
                  </Link>
                ) : null}
                <Link to={`/documents/${outcome.document.id}`}>{t('upload.openDocument')}</Link>
              </p>
            </div>
          </Alert>
        ) : null}
        {outcome?.kind === 'checked' ? (
          <section className="card" aria-labelledby="outcome-title">
            <h2 id="outcome-title">
              {outcome.result.valid ? t('upload.checkedValid') : t('upload.checkedInvalid')}
            </h2>
            <p>{findingsSummary(t, outcome.result.findings)}</p>
            {outcome.result.findings.length > 0 ? <FindingsList findings={outcome.result.findings} /> : null}
          </section>
        ) : null}
        {outcome?.kind === 'refused' ? (
          <section className="card findings-card" aria-labelledby="outcome-title">
            <h2 id="outcome-title">{t('upload.refused')}</h2>
            <p className="outcome-summary">{findingsSummary(t, outcome.findings)}</p>
            <FindingsList findings={outcome.findings} />
            {outcome.documentId ? (
              <p className="muted">
                {t('upload.keptRejected')}{' '}
                <Link to={`/documents/${outcome.documentId}`}>{t('upload.openDocument')}</Link>
              </p>
            ) : null}
          </section>
        ) : null}
        {outcome?.kind === 'failed' ? (
          <Alert>
            <div>
              <p className="outcome-title">{outcome.message}</p>
              {outcome.detail ? (
                <p className="outcome-detail">
                  {t('upload.nodeSays')} <span lang="en">{outcome.detail}</span>
                </p>
              ) : null}
              {outcome.documentId ? (
                <p>
                  <Link to={`/documents/${outcome.documentId}`}>{t('upload.openExisting')}</Link>
                </p>
              ) : null}
            </div>
          </Alert>
        ) : null}
      </div>
    </div>
  );
}

/** 12 kB, 1.3 MB. */
function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
