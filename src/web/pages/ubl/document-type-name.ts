// The name of a UBL document type in the user's language ("Verzendbericht" for DespatchAdvice); an
// unknown type keeps its UBL name.
import { useTranslation } from 'react-i18next';

/** A function naming document types in the current language. */
export function useDocumentTypeName(): (type: string) => string {
  const { t, i18n } = useTranslation();
  return (type: string): string =>
    i18n.exists(`documents.type.${type}`) ? t(`documents.type.${type as 'Order'}`) : type;
}
