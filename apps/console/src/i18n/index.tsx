import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { IntlProvider } from 'react-intl';
import en from './en.json';
import nl from './nl.json';

/** Dutch by default, English on request; every text of the console is in these message files. */
export const MESSAGES = { nl, en } as const;
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
