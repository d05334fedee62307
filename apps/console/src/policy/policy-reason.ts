/** The reason of every step of an agreement's history, as the policy screens label it (message ids). */
export const POLICY_REASON = { label: 'policy.field.reason', hint: 'policy.reason.hint' } as const;
