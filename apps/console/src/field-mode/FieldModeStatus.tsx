import { useEffect } from 'react';
import { FormattedMessage, FormattedTime, useIntl } from 'react-intl';
import { useClient } from 'urql';
import type { Session } from '../session/auth';
import { ownerOf } from './command-queue';
import { deliverWith, fieldQueue, useFieldQueue } from './field-queue';

/** While commands wait, how often the console tries the api again (besides the browser's online event). */
const RETRY_MS = 5000;

/**
 * Field mode on the screen: sends what waits on the device as soon as the api can be reached (the browser
 * going online, a sign-in, and every few seconds while something waits), and says what is still waiting
 * and what the api refused once it was sent.
 */
export function FieldModeStatus({ session }: { session: Session }) {
  const intl = useIntl();
  const client = useClient();
  const { waiting, refused } = useFieldQueue();
  const owner = ownerOf(session);
  const mine = waiting.filter((command) => command.owner === owner);
  const hasWaiting = mine.length > 0;

  useEffect(() => {
    const flush = () => void fieldQueue.flush(owner, deliverWith(client));
    flush();
    window.addEventListener('online', flush);
    const timer = hasWaiting ? window.setInterval(flush, RETRY_MS) : undefined;
    return () => {
      window.removeEventListener('online', flush);
      window.clearInterval(timer);
    };
  }, [client, owner, hasWaiting]);

  const mineRefused = refused.filter((command) => command.owner === owner);
  return (
    <section className="keten-field-mode" aria-label={intl.formatMessage({ id: 'fieldMode.region' })}>
      <div role="status" data-testid="field-mode-waiting">
        {hasWaiting && (
          <div className="utrecht-alert utrecht-alert--warning">
            <p className="utrecht-paragraph">
              <FormattedMessage id="fieldMode.waiting" values={{ count: mine.length }} />
            </p>
            <ul className="utrecht-unordered-list">
              {mine.map((command) => (
                <li key={command.commandId}>
                  <FormattedMessage
                    id="fieldMode.item"
                    values={{
                      action: intl.formatMessage({ id: command.label }),
                      time: <FormattedTime value={command.queuedAt} timeZone="Europe/Amsterdam" />,
                    }}
                  />
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
      {mineRefused.length > 0 && (
        <div className="utrecht-alert utrecht-alert--error" role="alert">
          <ul className="utrecht-unordered-list">
            {mineRefused.map((command) => (
              <li key={command.commandId}>
                <FormattedMessage
                  id="fieldMode.refused"
                  values={{ action: intl.formatMessage({ id: command.label }), message: command.message }}
                />{' '}
                <button
                  type="button"
                  className="utrecht-button utrecht-button--subtle"
                  onClick={() => fieldQueue.dismiss(command.commandId)}
                >
                  <FormattedMessage id="fieldMode.dismiss" />
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
