/** Where a user whose role requires TOTP is sent until they have enrolled (SEC-03). */
export const totpEnrolPath = '/account/totp';
