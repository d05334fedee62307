import { useEffect, useRef, type ReactNode } from 'react';
import { navigation } from '../app/router';

/** The page title of every screen is its h1, focused on navigation so a screen reader announces it. */
export function PageHeading({ children }: { children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!navigation.moved) return;
    navigation.moved = false;
    heading.current?.focus();
  }, []);
  return (
    <h1 className="utrecht-heading-1" tabIndex={-1} ref={heading}>
      {children}
    </h1>
  );
}
