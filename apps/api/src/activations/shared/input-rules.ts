/*
 * Formats the GraphQL layer checks before a command reaches the domain. The domain checks again (and
 * more, such as the BSN eleven-test): these give early, field-specific messages.
 */
export const AGENCY_CODE =
  /^(NLA|UWV|SVB|BD|POL|NVWA|KMAR|GM\d{4}|VR(0[1-9]|1\d|2[0-5])|GGD(0[1-9]|1\d|2[0-5]))$/;
export const SAFETY_REGION = /^VR(0[1-9]|1\d|2[0-5])$/;
export const MUNICIPALITY = /^GM\d{4}$/;
export const KVK_NUMBER = /^\d{8}$/;
export const BSN = /^\d{9}$/;
export const CLIENT_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
export const NAME_MAX = 200;
export const TEXT_MAX = 10_000;
