import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { IntlProvider } from 'react-intl';

/**
 * Dutch by default, English on request; every text of the console is in the message files of nl/ and en/,
 * one file per area of the console (common, activations, inbox, …), merged here. Both languages must hold the
 * same keys (test/unit/console/messages.spec.ts).
 */
type Messages = Record<string, string>;
const merge = (files: Record<string, Messages>): Messages => Object.assign({}, ...Object.values(files));
export const MESSAGES = {
  nl: merge(import.meta.glob<Messages>('./nl/*.json', { eager: true, import: 'default' })),
  en: merge(import.meta.glob<Messages>('./en/*.json', { eager: true, import: 'default' })),
} as const;
export type Language = keyof typeof MESSAGES;
const STORED = 'keten.language';

const LanguageContext = createContext<{ language: Language; setLanguage: (language: Language) => void }>({
  language: 'nl',
  setLanguage: () => undefined,
});

export function useLanguage() {
  return useContext(LanguageContext);
}

function initialLanguage(): Language {
  const asked = new URLSearchParams(window.location.search).get('lang') ?? localStorage.getItem(STORED);
  return asked === 'en' ? 'en' : 'nl';
}

export function LanguageProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const setLanguage = (next: Language) => {
    localStorage.setItem(STORED, next);
    setLanguageState(next);
  };
  return (
    <LanguageContext.Provider value={{ language, setLanguage }}>
      <IntlProvider
        locale={language === 'nl' ? 'nl-NL' : 'en-GB'}
        defaultLocale="nl-NL"
        messages={MESSAGES[language]}
      >
        {children}
      </IntlProvider>
    </LanguageContext.Provider>
  );
}
