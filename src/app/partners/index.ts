// The partners capability: the companies one trades with — pinning a partner on another node after a
// fingerprint check, participant cards, directories (serving, registering, refreshing after a key
// rotation), the hosted companies' signing keys and the key announcements a rotation sends out. The
// entry file: other folders import the partners capability from here only.
export { announceKeys } from './announce-keys.ts';
export {
  fetchPartnerCard,
  listRemotePartners,
  pinPartner,
  type FetchedCard,
  type RemotePartnerView,
} from './add-partner.ts';
export {
  directoryCard,
  lookupCard,
  registerDirectoryCard,
  type DirectoryCard,
  type DirectoryRegistration,
} from './directory-cards.ts';
export {
  listDirectoryRegistrations,
  registrationsOf,
  type CardRegistrationView,
} from './list-directory-registrations.ts';
export { listPartners, type Partner, type PartnerDelivery, type RemoteNode } from './list-partners.ts';
export { addRemotePartner, previewRemotePartner, type PartnerRequest } from './manage-partners.ts';
export { participantCard, type ParticipantCard } from './participant-card.ts';
export {
  DIRECTORY_REFRESH_BACKOFF,
  refreshDirectoryRegistrations,
  type RefreshOptions,
} from './refresh-directory-registrations.ts';
export { registerAtDirectory, registerOwnCardAtDirectory } from './register-at-directory.ts';
export {
  createSigningKey,
  ensureSigningKeys,
  rotateOwnSigningKey,
  rotateSigningKey,
  type RotatedKey,
} from './signing-keys.ts';
