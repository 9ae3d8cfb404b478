/** Password length limits, shared by the forms (browser) and the checks (server). The cap bounds hashing work. */
export const PASSWORD_MIN_LENGTH = 10
export const PASSWORD_MAX_LENGTH = 200
