// The accounts capability: hosted companies, their users, API tokens, web sessions and the hashing of
// their secrets. The entry file: other folders import the accounts capability from here only.
export { addUser, type AddUserInput } from './add-user.ts';
export { createApiToken, createApiTokenAs, listApiTokens, revokeApiToken } from './api-tokens.ts';
export { getOwnCompany, listOwnUsers } from './own-company.ts';
export { registerCompany, type RegisterCompanyInput } from './register-company.ts';
export { authenticate, login, logout, SESSION_HOURS } from './sessions.ts';
