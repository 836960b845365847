// The page's heading: also the document title, and where focus goes after navigating to the page, so
// that screen-reader and keyboard users start at the top of the new content.
import { useEffect, type ReactNode } from 'react';

export function PageTitle({ title, children }: { title: string; children?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Schakel`;
  }, [title]);
  return (
    <h1 id="page-title" tabIndex={-1}>
      {children ?? title}
    </h1>
  );
}
