import { FormattedMessage, useIntl } from 'react-intl';
import { DateTime } from '../shared/format';
import type { CoordinatedActivation } from './coordinated-activation';
import { invitationsOf, type ParticipationEntry } from './invitations';
import { ColumnHeaders, TableRegion } from './TableRegion';

/** Who takes part (the lead first named so) and who was invited, with where each invitation stands. */
export function Participation({
  activation,
  entries,
}: {
  activation: CoordinatedActivation;
  entries: readonly ParticipationEntry[];
}) {
  const intl = useIntl();
  const invitations = invitationsOf(entries);
  return (
    <>
      <h3 className="utrecht-heading-3" id="participants-heading">
        <FormattedMessage id="participation.participants" />
      </h3>
      <ul
        className="utrecht-unordered-list"
        aria-labelledby="participants-heading"
        data-testid="participants"
      >
        {activation.participants.map((agency) => (
          <li key={agency} className="utrecht-unordered-list__item">
            {agency === activation.leadAgency ? (
              <FormattedMessage id="participation.lead" values={{ agency }} />
            ) : (
              agency
            )}
          </li>
        ))}
      </ul>
      <h3 className="utrecht-heading-3" id="invitations-heading">
        <FormattedMessage id="participation.invitations" />
      </h3>
      {invitations.length === 0 ? (
        <p className="utrecht-paragraph">
          <FormattedMessage id="participation.noInvitations" />
        </p>
      ) : (
        <TableRegion labelledBy="invitations-heading">
          <table className="utrecht-table" data-testid="invitations">
            <ColumnHeaders
              prefix="participation.column."
              columns={['agency', 'invitedBy', 'invitedAt', 'state']}
            />
            <tbody className="utrecht-table__body">
              {invitations.map((invitation) => (
                <tr key={invitation.agency} className="utrecht-table__row">
                  <th scope="row" className="utrecht-table__header-cell">
                    {invitation.agency}
                  </th>
                  <td className="utrecht-table__cell">{invitation.invitedBy}</td>
                  <td className="utrecht-table__cell">
                    <DateTime value={invitation.invitedAt} />
                  </td>
                  <td className="utrecht-table__cell">
                    {intl.formatMessage({ id: `participation.state.${invitation.state}` })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </>
  );
}
