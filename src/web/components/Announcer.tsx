// One polite live region for the whole app: "Order updated by your partner", "3 orders found".
import { createContext, useCallback, useContext, useRef, useState, type ReactNode } from 'react';

const AnnounceContext = createContext<(text: string) => void>(() => undefined);

export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const [text, setText] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const announce = useCallback((message: string) => {
    // Clearing first makes a repeated message be read again.
    setText('');
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setText(message), 50);
  }, []);
  return (
    <AnnounceContext.Provider value={announce}>
      {children}
      <div className="sr-only" role="status" aria-live="polite" data-testid="announcer">
        {text}
      </div>
    </AnnounceContext.Provider>
  );
}

export const useAnnounce = (): ((text: string) => void) => useContext(AnnounceContext);
