// Business documents exchanged for this order (UBL order, response, despatch advice, invoice, …), shown
// when the node offers GET /orders/{id}/documents; without that endpoint the section is left out. Each
// opens in its own view (formatted and raw, /documents/<id>) or downloads as the original file.
import { useTranslation } from 'react-i18next';
import type { DocumentInfo } from '../../http/types.ts';
import { Badge } from '../../components/Badge.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { Link } from '../../router.tsx';

export function DocumentsSection({ documents }: { documents: DocumentInfo[] }) {
  const { t, i18n } = useTranslation();
  const typeName = (type: string): string =>
    i18n.exists(`documents.type.${type}`) ? t(`documents.type.${type as 'Order'}`) : type;
  return (
    <section className="card" aria-labelledby="documents-title" id="documents">
      <h2 id="documents-title">{t('documents.title')}</h2>
      {documents.length === 0 ? (
        <p className="muted">{t('documents.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table table-compact">
            <thead>
              <tr>
                <th scope="col">{t('documents.document')}</th>
                <th scope="col">{t('documents.number')}</th>
                <th scope="col">{t('documents.direction')}</th>
                <th scope="col">{t('documents.status')}</th>
                <th scope="col">{t('documents.at')}</th>
                <th scope="col">
                  <span className="sr-only">{t('documents.open')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {documents.map((d) => (
                <tr key={d.id}>
                  <th scope="row">{typeName(d.documentType)}</th>
                  <td>
                    {d.number}
                    {d.issueDate ? <span className="muted"> · {formatDate(d.issueDate)}</span> : null}
                  </td>
                  <td>{t(`documents.directions.${d.direction}`)}</td>
                  <td>
                    <Badge
                      tone={d.status === 'rejected' ? 'bad' : d.status === 'processed' ? 'good' : 'info'}
                    >
                      {t(`documents.statuses.${d.status}`)}
                    </Badge>
                    {d.findings.length > 0 ? (
                      <span className="muted"> {t('documents.findings', { count: d.findings.length })}</span>
                    ) : null}
                  </td>
                  <td>{formatDateTime(d.createdAt)}</td>
                  <td className="link-stack">
                    <Link to={`/documents/${d.id}`}>
                      {t('documents.view')}
                      <span className="sr-only">
                        {' '}
                        {typeName(d.documentType)} {d.number}
                      </span>
                    </Link>
                    <a
                      href={`/api/v1/documents/${d.id}/content`}
                      download={`${d.documentType}-${d.number}.xml`}
                    >
                      {t('documents.download')}
                      <span className="sr-only">
                        {' '}
                        {typeName(d.documentType)} {d.number}
                      </span>
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
